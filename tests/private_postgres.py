"""A PostgreSQL server of the test's own, which the test may stop and start again.

The shared server (127.0.0.1:5432, tests/services.py) must never be stopped, so a test about a
database outage runs its own cluster: Debian's initdb and pg_ctl, a temporary folder, a free port on
127.0.0.1, trust authentication, no fsync (nothing here needs to survive a crash). PostgreSQL refuses
to run as root, so under root the cluster runs as the `postgres` user. Missing binaries are reported
like an unreachable service: skipped with the reason, a failure when REQUIRE_SERVICES=1.
"""

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, List

from tests.helpers import free_port
from tests.services import unavailable

RUN_AS = "postgres"


def postgres_bin() -> Path:
    """The newest Debian PostgreSQL binaries, else the ones on PATH."""
    debian = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    found = debian[-1] if debian else shutil.which("initdb")
    if not found:
        raise FileNotFoundError("initdb is not installed (Debian: apt-get install postgresql)")
    return Path(found).parent


@dataclass
class PrivatePostgres:
    bin: Path
    folder: Path
    port: int

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, tool: str, *args: str) -> None:
        command: List[str] = [str(self.bin / tool), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", RUN_AS, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
        if done.returncode != 0:
            raise subprocess.SubprocessError(f"{tool} failed: {(done.stderr or done.stdout).strip()}")

    def init(self) -> None:
        self._run("initdb", "-D", str(self.folder / "data"), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            "pg_ctl", "-D", str(self.folder / "data"), "-o", options, "-l", str(self.folder / "log"), "-w", "start"
        )

    def stop(self) -> None:
        # "fast": what a restart or a crash looks like to clients, their connections cut at once.
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop")

    def is_running(self) -> bool:
        return (self.folder / "data" / "postmaster.pid").exists()


@contextmanager
def private_postgres() -> Iterator[PrivatePostgres]:
    """A running private cluster; stopped and deleted afterwards."""
    try:
        server = PrivatePostgres(
            bin=postgres_bin(), folder=Path(tempfile.mkdtemp(prefix="assistant-pg-")), port=free_port()
        )
        if os.geteuid() == 0:
            user = pwd.getpwnam(RUN_AS)
            os.chown(server.folder, user.pw_uid, user.pw_gid)
        server.init()
        server.start()
    except (OSError, KeyError, subprocess.SubprocessError) as error:
        unavailable("A private PostgreSQL server", error)
    try:
        yield server
    finally:
        if server.is_running():
            server.stop()
        shutil.rmtree(server.folder, ignore_errors=True)
