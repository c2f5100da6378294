"""One SQLAlchemy engine per process and URL for the assistant's own tables (directory, audit).

DATABASE_URL is the same variable the Rasa tracker store reads (endpoints.yml), so one SQLite file or
one PostgreSQL database holds everything by default. Nothing here creates tables: the schema belongs to
the migrations (`python -m crisis.seed`), so servers starting at once never race to create it.
"""

import os
from functools import lru_cache
from typing import Optional

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.orm import declarative_base, sessionmaker

DEFAULT_DATABASE_URL = "sqlite:///var/assistant.db"

Base = declarative_base()


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL


@lru_cache(maxsize=None)
def engine_for(url: str) -> Engine:
    return create_engine(url, future=True, pool_pre_ping=True)


def session_factory(url: Optional[str] = None) -> sessionmaker:
    return sessionmaker(bind=engine_for(url or database_url()), future=True)
