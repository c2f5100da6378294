"""Training the assistant with its duration recorded beside the model, so that `make bench` can report
how long the model it measures took to train even when that happened in an earlier run.

`make train` runs this module (`python -m tools.bench.training`); `make bench` reads the record, or
trains through it when there is no model yet. The record names the model's size and modification time:
a model rebuilt some other way (a bare `rasa train`) leaves a record that no longer matches, and that
is then reported as not recorded rather than as a wrong figure.
"""

import json
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import List, Optional

from tests.conftest import MODEL, RASA, ROOT

TRAIN_ARGS = ["train", "--quiet", "--fixed-model-name", MODEL.name.removesuffix(".tar.gz"), "--out", "models"]


def record_path(model: Path) -> Path:
    return model.with_name(model.name.removesuffix(".tar.gz") + ".training.json")


def timed_run(command: List[str], cwd: Path, env: Optional[dict] = None) -> float:
    """Wall-clock seconds of a command that must succeed; its output goes to this process's."""
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True)
    return time.perf_counter() - start


def _identity(model: Path) -> dict:
    stat = model.stat()
    return {"model_bytes": stat.st_size, "model_mtime_ns": stat.st_mtime_ns}


def write_record(model: Path, seconds: float) -> dict:
    record = {
        "seconds": round(seconds, 1),
        "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        **_identity(model),
    }
    record_path(model).write_text(json.dumps(record, indent=2) + "\n")
    return record


def read_record(model: Path) -> Optional[dict]:
    """The training record of this very model file, or None when there is none or it is another's."""
    path = record_path(model)
    if not model.exists() or not path.exists():
        return None
    record = json.loads(path.read_text())
    return record if all(record.get(k) == v for k, v in _identity(model).items()) else None


def train() -> dict:
    """`rasa train` into models/, timed. Rasa writes a new archive every time (components it has in
    its cache, .rasa/cache, are reused rather than retrained, which the recorded time then reflects)."""
    seconds = timed_run([str(RASA), *TRAIN_ARGS], cwd=ROOT)
    return write_record(MODEL, seconds)


if __name__ == "__main__":
    print(f"trained in {train()['seconds']:.0f} s", file=sys.stderr)
