"""`make scale-test`: 2 Rasa servers and 2 action servers behind nginx, on PostgreSQL and Redis, all on
127.0.0.1, under a bounded load; then one Rasa server killed in the middle of a second load.

Checks that every message got its reply, that no reply went to the wrong person, that crisis
messages got their card, and that each conversation's user events are in PostgreSQL, complete and in
order. Prints throughput and p50/p95 latency for 1 replica and for 2, measured in the same run, and
writes them to artifacts/scale_test.json. Stops everything it started and drops its database.

PostgreSQL and Redis come from SCALE_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/test,
used only to create and drop a database of its own) and SCALE_REDIS_URL (redis://127.0.0.1:6379/3).
"""

import json
import os
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Dict, List

import redis
from sqlalchemy import create_engine, text

from crisis.seed import seed
from tests.conftest import ROOT
from tools.scale.load import CRISIS_EVERY, missing_user_events, run_load
from tools.scale.servers import Nginx, Replica, server_env

PEOPLE = int(os.environ.get("SCALE_PEOPLE", "200"))
MESSAGES = int(os.environ.get("SCALE_MESSAGES", "20"))
CONCURRENCY = int(os.environ.get("SCALE_CONCURRENCY", "20"))
POSTGRES_URL = os.environ.get("SCALE_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("SCALE_REDIS_URL", "redis://127.0.0.1:6379/3")
ARTIFACT = ROOT / "artifacts" / "scale_test.json"


def create_database() -> str:
    name = f"scale_{uuid.uuid4().hex[:10]}"
    with create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT").connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    return create_engine(POSTGRES_URL).url.set(database=name).render_as_string(hide_password=False)


def drop_database(url: str) -> None:
    name = create_engine(url).url.database
    with create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT").connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def stored_user_texts(url: str, run: str) -> Dict[str, List[str]]:
    stored = defaultdict(list)
    query = text("SELECT sender_id, data FROM events WHERE type_name = 'user' AND sender_id LIKE :p ORDER BY id")
    with create_engine(url).connect() as connection:
        for sender, data in connection.execute(query, {"p": f"scale-{run}-%"}):
            stored[sender].append(json.loads(data)["text"])
    return stored


def check(run: str, outcome, url: str) -> List[str]:
    problems = []
    unanswered = outcome.failures + outcome.silent
    if unanswered:
        problems.append(f"{run}: {len(unanswered)} messages without a reply, e.g. {unanswered[:3]}")
    if outcome.misdelivered:
        problems.append(f"{run}: {outcome.misdelivered} replies addressed to someone else")
    crisis_people = len(range(0, PEOPLE, CRISIS_EVERY))
    if outcome.crisis_cards < crisis_people:
        problems.append(f"{run}: {outcome.crisis_cards} crisis cards for {crisis_people} crisis messages")
    missing = missing_user_events(stored_user_texts(url, run), outcome.sent)
    if missing:
        problems.append(f"{run}: events missing or out of order in PostgreSQL ({missing})")
    return problems


def main() -> int:
    redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping()
    database = create_database()
    logs = ROOT / "artifacts" / "logs" / "scale"
    logs.mkdir(parents=True, exist_ok=True)
    env = server_env(
        database,
        LOCK_STORE_URL=REDIS_URL,
        # A Rasa server killed mid-turn leaves its conversation lock in Redis until it expires; the
        # default 60 s would hold the retried message as long as nginx waits for an answer.
        TICKET_LOCK_LIFETIME="10",
    )
    replicas = [Replica("a", env, logs), Replica("b", env, logs)]
    nginx = Nginx(Path(tempfile.mkdtemp(prefix="scale-nginx-")))
    results, problems = {}, []
    try:
        seed(database)
        started = time.perf_counter()
        for replica in replicas:
            replica.start()
        for replica in replicas:
            replica.wait()
        print(f"2 Rasa servers and 2 action servers up in {time.perf_counter() - started:.0f} s", flush=True)

        nginx.configure([replicas[0].rasa_port])
        nginx.start()
        time.sleep(1)
        for name, ports in (("one", [replicas[0].rasa_port]), ("two", [r.rasa_port for r in replicas])):
            nginx.configure(ports)
            nginx.reload()
            time.sleep(1)
            outcome = run_load(nginx.url, name, PEOPLE, MESSAGES, CONCURRENCY)
            results[f"{len(ports)} replica{'s' if len(ports) > 1 else ''}"] = outcome.summary()
            problems += check(name, outcome, database)
            print(f"{name}: {outcome.summary()}", flush=True)

        half = PEOPLE * MESSAGES // 2

        def kill_second_midway(answered: int) -> None:
            if answered == half:
                replicas[1].kill_rasa()
                print(f"failover: killed Rasa server b after {answered} answers", flush=True)

        outcome = run_load(nginx.url, "failover", PEOPLE, MESSAGES, CONCURRENCY, kill_second_midway)
        results["2 replicas, one killed midway"] = outcome.summary()
        problems += check("failover", outcome, database)
    finally:
        nginx.stop()
        for replica in replicas:
            replica.stop()
        drop_database(database)

    print(f"\n{PEOPLE} people x {MESSAGES} messages per run, {CONCURRENCY} in flight, through nginx")
    print(f"{'run':32} {'messages':>9} {'failures':>9} {'msg/s':>7} {'p50 ms':>8} {'p95 ms':>8}")
    for name, r in results.items():
        print(f"{name:32} {r['messages']:>9} {r['failures']:>9} {r['per_second']:>7} {r['p50_ms']:>8} {r['p95_ms']:>8}")
    one, two = results.get("1 replica"), results.get("2 replicas")
    if one and two and one["per_second"]:
        print(f"2 replicas / 1 replica, messages per second: {two['per_second'] / one['per_second']:.2f}x")
    ARTIFACT.parent.mkdir(exist_ok=True)
    ARTIFACT.write_text(json.dumps({"results": results, "problems": problems}, indent=2))
    for problem in problems:
        print(f"FAILED {problem}")
    print("scale test: " + ("ok" if not problems else f"{len(problems)} problems"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
