"""The training record beside the model: read back for that very model file, never for another."""

import os

from tools.bench.training import read_record, record_path, write_record


def test_a_record_is_read_back_for_the_model_it_was_written_for(tmp_path):
    model = tmp_path / "assistant.tar.gz"
    model.write_bytes(b"model")
    written = write_record(model, 512.34)
    assert record_path(model) == tmp_path / "assistant.training.json"
    assert read_record(model) == written and written["seconds"] == 512.3


def test_a_model_rebuilt_after_the_record_has_no_record(tmp_path):
    model = tmp_path / "assistant.tar.gz"
    model.write_bytes(b"model")
    write_record(model, 10)
    model.write_bytes(b"a model trained by a bare rasa train")
    assert read_record(model) is None


def test_a_model_touched_but_not_rebuilt_has_no_record_either(tmp_path):
    model = tmp_path / "assistant.tar.gz"
    model.write_bytes(b"model")
    write_record(model, 10)
    stat = model.stat()
    os.utime(model, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert read_record(model) is None


def test_no_model_or_no_record_is_no_record(tmp_path):
    model = tmp_path / "assistant.tar.gz"
    assert read_record(model) is None
    model.write_bytes(b"model")
    assert read_record(model) is None
