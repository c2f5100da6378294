"""`make bench`: the assistant against the one `rasa init` makes, started the same way and measured
the same way in the same run, with each of our figures as a ratio to the baseline's.

For each assistant: a Rasa server and its action server on free loopback ports with a SQLite
database of their own (tools/scale/servers.py, as scripts/run.sh starts them); the time from starting
the processes to the first answer; the scale test's load (tools/scale/load.py: greetings, questions,
a crisis message from every tenth person, each person their own sender) at 1 and at 20 messages in
flight, giving p50, p95 and messages per second; then the resident memory of both process trees.
Memory by pipeline component comes from a fresh process that only loads the model
(tools/bench/component_memory.py), and the risk detector's time per message from its own baseline
comparison (tools/bench/detector_bench.py), a section of its own.

Our training time is measured when this run trains (there is no model yet), otherwise read from the
record `make train` leaves beside the model (tools/bench/training.py); the output says which. The
baseline is always trained here, by `rasa init --no-prompt` (tools/bench/baseline.py).

Prints the tables and writes artifacts/bench.json. About ten minutes on this 2-core machine; not
part of `make test`. Run it alone on the machine: it measures time, and other work skews it.
"""

import json
import os
import platform
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import requests

from crisis.seed import seed
from tests.conftest import MODEL, ROOT
from tools.bench import baseline, detector_bench, training
from tools.bench.component_memory import component_memory
from tools.bench.memory import tree_rss_bytes
from tools.bench.report import aims, aims_text, comparison, component_table, document, table
from tools.scale.load import run_load
from tools.scale.servers import Replica, server_env

ARTIFACT = ROOT / "artifacts" / "bench.json"
LOGS = ROOT / "artifacts" / "logs" / "bench"
# messages in flight: (people, messages each). Ten messages a person stay within the REST channel's
# per-sender limit (20 a minute, credentials.yml), which would otherwise answer ours from a shortcut.
LOADS = {1: (12, 10), 20: (40, 10)}
# The first turns of a server load what Rasa loads lazily; they are not counted in the load.
WARM_UP = ["hi", "what is a trauma bond?", "i want to die tonight", "thank you"]


def _say(url: str, sender: str, text: str) -> list:
    response = requests.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=120)
    response.raise_for_status()
    return response.json()


def measure_servers(name: str, project: Path, model: Path, database: str) -> dict:
    """The figures of one assistant, from starting its two processes to stopping them."""
    replica = Replica(name, server_env(database), LOGS, project=project, model=model)
    started = time.perf_counter()
    replica.start()
    try:
        replica.wait()
        _say(replica.url, f"bench-{name}-first", WARM_UP[0])
        figures = {"first_answer_s": round(time.perf_counter() - started, 1)}
        for text in WARM_UP:
            _say(replica.url, f"bench-{name}-warm", text)
        for in_flight, (people, messages) in LOADS.items():
            outcome = run_load(replica.url, f"{name}{in_flight}", people, messages, in_flight)
            if outcome.failures:
                raise RuntimeError(f"{name}: {len(outcome.failures)} messages unanswered, e.g. {outcome.failures[:3]}")
            summary = outcome.summary()
            figures.update({f"{key}_{in_flight}": summary[key] for key in ("p50_ms", "p95_ms", "per_second", "silent")})
        figures["rasa_rss_bytes"] = tree_rss_bytes(replica.rasa.pid)
        figures["actions_rss_bytes"] = tree_rss_bytes(replica.actions.pid)
        figures["load_average_after"] = os.getloadavg()[0]
    finally:
        replica.stop()
    return figures


def our_training() -> dict:
    if not MODEL.exists():
        return {**training.train(), "source": "measured in this run"}
    record = training.read_record(MODEL)
    if record is None:
        return {"seconds": None, "source": "not recorded (the model was trained without tools.bench.training)"}
    return {**record, "source": f"recorded by the training that finished at {record['finished_at']}"}


def main() -> None:
    # No telemetry from anything this starts, the trainings included: it is off for the servers
    # (scripts/env.sh), and a network wait inside one training would skew the comparison.
    os.environ["RASA_TELEMETRY_ENABLED"] = "false"
    LOGS.mkdir(parents=True, exist_ok=True)
    ours_training = our_training()
    print("risk detector: time per message against the rule detector alone", flush=True)
    detector = detector_bench.measure()
    print(detector_bench.report(detector) + "\n", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-") as work:
        workdir = Path(work)
        print("building and training the `rasa init` baseline...", flush=True)
        base_project, base_model, base_seconds = baseline.build(workdir)
        ours_db, base_db = f"sqlite:///{workdir / 'ours.db'}", f"sqlite:///{workdir / 'baseline.db'}"
        seed(ours_db)  # the directory's tables, as `make run` creates them before the servers start
        print("measuring ours...", flush=True)
        ours_figures = measure_servers("ours", ROOT, MODEL, ours_db)
        print("measuring the baseline...", flush=True)
        base_figures = measure_servers("baseline", base_project, base_model, base_db)
        ours_components = component_memory(MODEL, ROOT, server_env(ours_db))
        base_components = component_memory(base_model, base_project, server_env(base_db))
    ours_figures["training_s"] = ours_training["seconds"]
    base_figures["training_s"] = round(base_seconds, 1)
    ours = {"figures": ours_figures, "training": ours_training, "components": ours_components}
    base = {
        "figures": base_figures,
        "training": {"seconds": base_figures["training_s"], "source": "measured in this run (rasa init --no-prompt)"},
        "components": base_components,
    }
    machine = {
        "measured_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "openblas_coretype": os.environ.get("OPENBLAS_CORETYPE"),
    }
    print(f"\nours against `rasa init`, {', '.join(f'{n} in flight: {p} people x {m}' for n, (p, m) in LOADS.items())}")
    print(table(comparison(ours_figures, base_figures)))
    print(f"training time, ours: {ours_training['source']}; baseline: measured in this run")
    silent = {
        n: sum(f.get(f"silent_{i}", 0) for i in LOADS) for n, f in (("ours", ours_figures), ("rasa init", base_figures))
    }
    print(f"answered with no message at all (counted as answers): {', '.join(f'{n} {c}' for n, c in silent.items())}")
    print(aims_text(aims(ours_figures, base_figures)) + "\n")
    print(component_table("ours", ours_components) + "\n")
    print(component_table("rasa init", base_components))
    ARTIFACT.parent.mkdir(exist_ok=True)
    ARTIFACT.write_text(json.dumps(document(ours, base, detector, machine), indent=2) + "\n")
    print(f"\nwritten to {ARTIFACT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
