"""Resident memory each component of a trained model costs once loaded for prediction, measured in a
fresh Python process as the growth of its resident set (VmRSS) step by step.

The Rasa server's total alone cannot say which component to change to get under the issue's 1.2 GB;
this can, cheaply: nothing is run, the prediction graph's components are only imported and loaded, one
after another, in the graph's order. Imports are counted apart from loading, because a library is
paid for by the first component that imports it (TensorFlow by the first TensorFlow component, spaCy
by SpacyNLP), and a component that shares it with an earlier one looks cheaper than it would alone.
Memory that is freed is seldom returned to the system, so a step that only allocates temporarily
still shows; what the server holds beyond the sum (the web server, the tracker store, the first
messages) is the difference to its measured total.

Run as `python -m tools.bench.component_memory MODEL.tar.gz OUT.json` from the project the model was trained
in (components read paths such as the spaCy pipeline relative to it); writes JSON to OUT.json.
"""

import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Callable, List

from tools.bench.memory import status_kib

METADATA = "metadata.json"


def rss_bytes() -> int:
    return status_kib(os.getpid(), ("VmRSS",))["VmRSS"] * 1024


def growth(step: Callable[[], object]):
    """What `step` returns, and how many bytes the resident set grew while it ran."""
    before = rss_bytes()
    result = step()
    return result, rss_bytes() - before


def predict_nodes(archive: Path) -> dict:
    """The prediction graph's nodes as stored, with class paths not yet imported."""
    with tarfile.open(archive) as tar:
        member = next(m for m in tar.getmembers() if Path(m.name.lstrip("/")).parts == (METADATA,))
        return json.load(tar.extractfile(member))["predict_schema"]["nodes"]


def _import_engine() -> None:
    import rasa.engine.graph  # noqa: F401
    import rasa.engine.storage.local_model_storage  # noqa: F401


def measure(archive: Path) -> dict:
    start = rss_bytes()
    _, engine = growth(_import_engine)
    from rasa.engine.graph import ExecutionContext, GraphNode
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.shared.utils.common import class_from_module_path

    nodes: List[dict] = []
    for name, node in predict_nodes(archive).items():
        _, imported = growth(lambda: class_from_module_path(node["uses"]))
        nodes.append({"node": name, "component": node["uses"].rsplit(".", 1)[-1], "import_bytes": imported})
    with tempfile.TemporaryDirectory() as storage_dir:
        (storage, metadata), unpacked = growth(lambda: LocalModelStorage.from_model_archive(Path(storage_dir), archive))
        context = ExecutionContext(graph_schema=metadata.predict_schema, model_id=metadata.model_id)
        loaded = []  # kept alive, as the server keeps them
        for entry in nodes:
            schema_node = metadata.predict_schema.nodes[entry["node"]]
            node, entry["load_bytes"] = growth(
                lambda: GraphNode.from_schema_node(entry["node"], schema_node, storage, context)
            )
            loaded.append(node)
        return {
            "python_bytes": start,
            "rasa_engine_import_bytes": engine,
            "model_unpack_bytes": unpacked,
            "nodes": nodes,
            "total_bytes": rss_bytes(),
        }


def component_memory(archive: Path, project: Path, env: dict) -> dict:
    """`measure` in a process of its own, so that nothing loaded before is counted or shared. The
    figures come back in a file: components and libraries may print to stdout."""
    with tempfile.TemporaryDirectory() as work:
        out = Path(work) / "components.json"
        command = [sys.executable, "-m", "tools.bench.component_memory", str(archive), str(out)]
        subprocess.run(command, cwd=project, env=env, check=True, stdout=subprocess.DEVNULL)
        return json.loads(out.read_text())


if __name__ == "__main__":
    Path(sys.argv[2]).write_text(json.dumps(measure(Path(sys.argv[1]).resolve())))
