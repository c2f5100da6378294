"""A tracker store that fails to import stops the Rasa server with a clear error, instead of Rasa's
silent fallback to the in-memory store."""

import subprocess

import pytest

from bot.stores.guard import EXIT_MISCONFIGURED
from tests.conftest import MODEL, RASA, ROOT, Assistant, free_port

pytestmark = pytest.mark.e2e


def test_a_store_that_cannot_be_imported_stops_the_server_with_a_clear_error(tmp_path):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(
        f"tracker_store:\n  type: bot.stores.no_such_module.RedactingSQLTrackerStore\n"
        f"  url: sqlite:///{tmp_path / 'assistant.db'}\n"
    )
    env = Assistant(workdir=tmp_path).env
    server = subprocess.run(
        [str(RASA), "run", "--model", str(MODEL), "--credentials", "credentials.yml", "--endpoints", str(endpoints)]
        + ["--port", str(free_port()), "--interface", "127.0.0.1"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert server.returncode == EXIT_MISCONFIGURED
    output = server.stdout + server.stderr
    assert "TrackerStoreNotConfigured: The tracker store in use is InMemoryTrackerStore" in output
    assert "bot.stores.no_such_module.RedactingSQLTrackerStore" in output  # Rasa's warning names it
