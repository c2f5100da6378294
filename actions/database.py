"""One SQLAlchemy engine per process for the action server's tables (directory, audit).

DATABASE_URL is the same variable the Rasa tracker store reads (endpoints.yml), so one SQLite file
or one PostgreSQL database holds everything by default.
"""
import os
from functools import lru_cache

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.orm import declarative_base, sessionmaker

DEFAULT_DATABASE_URL = "sqlite:///var/assistant.db"

Base = declarative_base()


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL


@lru_cache(maxsize=None)
def engine_for(url: str) -> Engine:
    engine = create_engine(url, future=True, pool_pre_ping=True)
    Base.metadata.create_all(engine)
    return engine


def session_factory(url: str = None) -> sessionmaker:
    return sessionmaker(bind=engine_for(url or database_url()), future=True)
