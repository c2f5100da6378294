"""The baseline of `make bench`: the assistant `rasa init --no-prompt` makes, with Rasa's default
configuration and example data, built and trained in a folder of its own.

`rasa init --no-prompt` trains as part of creating the project, so its wall-clock time is the
baseline's training time (plus the copying of a few files, which is negligible). It is then given the
two things ours has that the template leaves commented out: an action server to call and an SQL
tracker store at DATABASE_URL, so that both assistants run the same way and pay for the same storage.
"""

from pathlib import Path
from typing import Tuple

from tests.conftest import RASA
from tools.bench.training import timed_run

ENDPOINTS = """
action_endpoint:
  url: ${ACTION_SERVER_URL}
tracker_store:
  type: SQL
  url: ${DATABASE_URL}
"""


def build(workdir: Path) -> Tuple[Path, Path, float]:
    """The baseline project folder, its trained model and the seconds `rasa init` took."""
    project = workdir / "rasa-init"
    project.mkdir()
    seconds = timed_run([str(RASA), "init", "--no-prompt", "--init-dir", str(project)], cwd=workdir)
    model = max((project / "models").glob("*.tar.gz"), key=lambda path: path.stat().st_mtime)
    with open(project / "endpoints.yml", "a") as endpoints:
        endpoints.write(ENDPOINTS)
    return project, model, seconds
