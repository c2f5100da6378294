"""The lock store from LOCK_STORE_URL: in-memory when empty, Redis (really used) when set."""

import uuid

import pytest
from rasa.core.lock_store import InMemoryLockStore, LockStore, RedisLockStore
from rasa.utils.endpoints import EndpointConfig, read_endpoint_config

from bot.stores.lock import LockStoreFromUrl, redis_settings
from tests.helpers import ROOT
from tests.services import redis_url


def test_no_url_is_the_in_memory_lock_store():
    assert isinstance(LockStoreFromUrl(EndpointConfig(url=None)), InMemoryLockStore)
    assert isinstance(LockStoreFromUrl(None), InMemoryLockStore)


def test_a_redis_url_gives_host_port_db_and_password():
    assert redis_settings("redis://:s%40cret@cache.internal:6380/3") == {
        "host": "cache.internal",
        "port": 6380,
        "db": 3,
        "password": "s@cret",
        "use_ssl": False,
    }
    assert redis_settings("rediss://cache")["use_ssl"] and redis_settings("redis://cache")["db"] == 1
    with pytest.raises(ValueError):
        redis_settings("http://cache")


def test_endpoints_yml_builds_it_through_rasa(monkeypatch):
    monkeypatch.setenv("LOCK_STORE_URL", "")
    monkeypatch.setenv("DATABASE_URL", "sqlite://")
    monkeypatch.setenv("ACTION_SERVER_URL", "http://localhost:5055/webhook")
    config = read_endpoint_config(str(ROOT / "endpoints.yml"), "lock_store")
    assert isinstance(LockStore.create(config), InMemoryLockStore)


def test_with_redis_reachable_locks_are_held_in_redis():
    store = LockStoreFromUrl(EndpointConfig(url=redis_url()))
    assert isinstance(store, RedisLockStore)
    conversation = f"lock-test-{uuid.uuid4().hex}"
    lock = store.create_lock(conversation)
    lock.issue_ticket(10)
    store.save_lock(lock)
    assert store.get_lock(conversation).last_issued == 0
    store.delete_lock(conversation)
    assert store.get_lock(conversation) is None
