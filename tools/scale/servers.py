"""Starting and stopping the processes of the scale test and of `make bench`, all on 127.0.0.1: Rasa
servers, action servers paired with them, and nginx from a rendered deploy/nginx.conf.template."""

import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional

from tests.conftest import MODEL, ROOT, free_port, stop, wait_until_up

RASA = Path(sys.executable).parent / "rasa"
TEMPLATE = ROOT / "deploy" / "nginx.conf.template"


def server_env(database_url: str, **extra: str) -> dict:
    """What scripts/env.sh and scripts/run.sh give both servers, with this run's database."""
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": database_url,
        "LOCK_STORE_URL": "",
        "SANIC_HOST": "127.0.0.1",
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
        **extra,
    }


@dataclass
class Replica:
    """One Rasa server and the action server it calls (as in deploy/docker-compose.yml), started as
    scripts/run.sh starts them, from `project` (this one, or the bench's `rasa init` baseline)."""

    name: str
    env: dict
    logs: Path
    project: Path = ROOT
    model: Path = MODEL
    rasa_port: int = field(default_factory=free_port)
    action_port: int = field(default_factory=free_port)
    rasa: Optional[subprocess.Popen] = None
    actions: Optional[subprocess.Popen] = None

    def _spawn(self, kind: str, args: List[str], extra: dict) -> subprocess.Popen:
        log = open(self.logs / f"{self.name}-{kind}.log", "ab")
        return subprocess.Popen(
            [str(RASA), *args],
            cwd=self.project,
            env={**self.env, **extra},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def start(self) -> None:
        self.actions = self._spawn(
            "actions", ["run", "actions", "--actions", "actions", "--port", str(self.action_port)], {}
        )
        self.rasa = self._spawn(
            "rasa",
            ["run", "--model", str(self.model), "--credentials", "credentials.yml", "--endpoints", "endpoints.yml"]
            + ["--port", str(self.rasa_port), "--interface", "127.0.0.1"],
            {"ACTION_SERVER_URL": f"http://127.0.0.1:{self.action_port}/webhook"},
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    def wait(self) -> None:
        wait_until_up(f"http://127.0.0.1:{self.action_port}/health", self.actions)
        wait_until_up(f"http://127.0.0.1:{self.rasa_port}/", self.rasa)

    def kill_rasa(self) -> None:
        os.killpg(self.rasa.pid, signal.SIGKILL)
        self.rasa.wait()

    def stop(self) -> None:
        stop(self.rasa)
        stop(self.actions)


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not found:
        raise RuntimeError("nginx is missing: scripts/install_nginx.sh installs Debian's package")
    return found


@dataclass
class Nginx:
    prefix: Path
    port: int = field(default_factory=free_port)
    process: Optional[subprocess.Popen] = None

    def configure(self, rasa_ports: List[int]) -> None:
        self.prefix.chmod(0o755)  # nginx's workers run as an unprivileged user and write here
        for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.prefix / folder).mkdir(parents=True, exist_ok=True)
        text = (
            TEMPLATE.read_text()
            .replace("@LISTEN@", f"127.0.0.1:{self.port}")
            .replace("@PREFIX@", str(self.prefix))
            .replace("@UPSTREAMS@", " ".join(f"server 127.0.0.1:{p} max_fails=1 fail_timeout=30s;" for p in rasa_ports))
            # The load comes from one address here, so the per-address limit is set far above it.
            .replace("@RATE@", "5000r/s")
            .replace("@BURST@", "5000")
        )
        (self.prefix / "nginx.conf").write_text(text)

    def start(self) -> None:
        args = [nginx_binary(), "-p", str(self.prefix), "-c", str(self.prefix / "nginx.conf"), "-g", "daemon off;"]
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)

    def reload(self) -> None:
        self.process.send_signal(signal.SIGHUP)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
