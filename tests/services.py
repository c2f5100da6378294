"""PostgreSQL and Redis for the tests that need them: used when reachable, skipped with the reason when
not, and a failure instead of a skip when REQUIRE_SERVICES=1 (.ci/run sets it)."""

import os
import uuid
from contextlib import contextmanager
from typing import Iterator

import pytest
from sqlalchemy import create_engine, text

POSTGRES_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/1")


def unavailable(service: str, error: Exception) -> None:
    reason = f"{service} is not reachable ({type(error).__name__}: {str(error).splitlines()[0]})"
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason}, and REQUIRE_SERVICES=1 requires it")
    pytest.skip(reason)


@contextmanager
def postgres_database() -> Iterator[str]:
    """A fresh database of its own on the test server (so runs never see each other's rows); dropped after."""
    name = f"assistant_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # any failure to reach or use the server means "not available here"
        unavailable("PostgreSQL", error)
    try:
        yield admin.url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def redis_url() -> str:
    """The test Redis server's URL, once it has answered a ping."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping()
    except Exception as error:
        unavailable("Redis", error)
    return REDIS_URL
