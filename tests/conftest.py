"""The real assistant for end-to-end tests: a Rasa server and an action server on free local ports.

Started once per test session from the trained model (`make test` trains it first), each with its
own SQLite database in a temporary folder, and stopped at the end. Tests may stop and start the action
server to show what a person gets when it is down. A second pair, started by the first test that
needs it, keeps its conversations in a PostgreSQL server of its own, which tests may stop and start
to show what a person gets while the database is down (tests/private_postgres.py).
"""

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import pytest
import requests

from crisis.seed import seed
from tests.helpers import free_port
from tests.private_postgres import PrivatePostgres, private_postgres

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "assistant.tar.gz"
# The servers run from the same virtualenv as the tests, so a test run in another venv tests that venv.
RASA = Path(sys.executable).parent / "rasa"
LOGS = ROOT / "artifacts" / "logs"
START_TIMEOUT = 240
# What the Rasa server and the Telegram front-end share, so that the audit can tell Telegram's
# messages from other REST clients' (bot/channels/front_ends.py).
FRONT_END_SECRET = "telegram-front-end-secret-for-the-tests-only"


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = START_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server for {url} exited with {process.returncode}; see {LOGS}")
        try:
            if requests.get(url, timeout=2).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not come up within {timeout} s; see {LOGS}")


def stop(process: Optional[subprocess.Popen]) -> None:
    if process and process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@dataclass
class Assistant:
    workdir: Path
    rasa_port: int = field(default_factory=free_port)
    action_port: int = field(default_factory=free_port)
    rasa: Optional[subprocess.Popen] = None
    actions: Optional[subprocess.Popen] = None
    # Any SQLAlchemy URL; by default a SQLite file in workdir.
    database: Optional[str] = None
    # redis://...; by default none (the in-memory lock store).
    lock_store_url: Optional[str] = None
    # The PostgreSQL server `database` is on, when it is the test's own and may be stopped.
    postgres: Optional[PrivatePostgres] = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def database_url(self) -> str:
        return self.database or f"sqlite:///{self.workdir / 'assistant.db'}"

    @property
    def env(self) -> dict:
        return {
            **os.environ,
            # Import this checkout's code, whichever checkout the virtualenv was installed from.
            "PYTHONPATH": str(ROOT),
            "DATABASE_URL": self.database_url,
            "LOCK_STORE_URL": self.lock_store_url or "",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "ACTION_SERVER_URL": f"http://127.0.0.1:{self.action_port}/webhook",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "RASA_TELEMETRY_ENABLED": "false",
            # What scripts/run.sh gives the action server: this machine only.
            "SANIC_HOST": "127.0.0.1",
            "TELEGRAM_FRONT_END_SECRET": FRONT_END_SECRET,
        }

    def _spawn(self, name: str, *args: str) -> subprocess.Popen:
        LOGS.mkdir(parents=True, exist_ok=True)
        log = open(LOGS / f"{name}.log", "ab")
        return subprocess.Popen(
            [str(RASA), *args], cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def start_actions(self) -> None:
        seed(self.database_url)  # what `make run` does before the servers start
        self.actions = self._spawn("actions", "run", "actions", "--actions", "actions", "--port", str(self.action_port))
        wait_until_up(f"http://127.0.0.1:{self.action_port}/health", self.actions)

    def stop_actions(self) -> None:
        stop(self.actions)

    def start_rasa(self) -> None:
        self.rasa = self._spawn(
            "rasa",
            "run",
            "--port",
            str(self.rasa_port),
            "--model",
            str(MODEL),
            "--credentials",
            "credentials.yml",
            "--endpoints",
            "endpoints.yml",
            "--interface",
            "127.0.0.1",
        )
        wait_until_up(f"{self.url}/", self.rasa)

    def say(self, message: str, sender: str = "e2e-user", channel: str = "rest", **extra) -> list:
        response = requests.post(
            f"{self.url}/webhooks/{channel}/webhook", json={"sender": sender, "message": message, **extra}, timeout=30
        )
        response.raise_for_status()
        return response.json()


def running_assistant(workdir: Path, database: Optional[str] = None, postgres: Optional[PrivatePostgres] = None):
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` (or `make test`, which trains first)")
    running = Assistant(workdir=workdir, database=postgres.url if postgres else database, postgres=postgres)
    try:
        running.start_actions()
        running.start_rasa()
        yield running
    finally:
        stop(running.rasa)
        stop(running.actions)


@pytest.fixture(scope="session")
def assistant(tmp_path_factory) -> Assistant:
    yield from running_assistant(tmp_path_factory.mktemp("assistant"))


@pytest.fixture(scope="session")
def postgres_assistant(tmp_path_factory) -> Assistant:
    with private_postgres() as postgres:
        yield from running_assistant(tmp_path_factory.mktemp("postgres-assistant"), postgres=postgres)
