"""Resident memory of a process tree from /proc: a fake /proc for the tree walk, and this very process
with a child for the real thing."""

import os
import subprocess
import sys
import time
from pathlib import Path

from tools.bench.memory import descendants, status_kib, tree_rss_bytes


def _process(proc: Path, pid: int, parent: int, rss_kib: int, name: str = "python") -> None:
    folder = proc / str(pid)
    folder.mkdir()
    (folder / "stat").write_text(f"{pid} ({name}) S {parent} {pid} {pid} 0 -1 4194304\n")
    (folder / "status").write_text(f"Name:\t{name}\nVmHWM:\t{rss_kib * 2} kB\nVmRSS:\t{rss_kib} kB\nThreads:\t4\n")


def _fake_proc(tmp_path: Path) -> Path:
    proc = tmp_path / "proc"
    proc.mkdir()
    _process(proc, 10, 1, 1000, "rasa")
    _process(proc, 11, 10, 200, "worker (a) b")  # a name with spaces and parentheses
    _process(proc, 12, 11, 30)
    _process(proc, 20, 1, 5000, "someone else")
    (proc / "self").mkdir()  # not a process
    (proc / "meminfo").write_text("MemTotal: 1 kB\n")
    return proc


def test_status_fields_are_read_in_kib(tmp_path):
    assert status_kib(10, proc=_fake_proc(tmp_path)) == {"VmRSS": 1000, "VmHWM": 2000}


def test_descendants_include_grandchildren_and_no_other_tree(tmp_path):
    proc = _fake_proc(tmp_path)
    assert descendants(10, proc) == [11, 12]
    assert descendants(12, proc) == []


def test_tree_rss_adds_the_process_and_everything_below_it(tmp_path):
    assert tree_rss_bytes(10, _fake_proc(tmp_path)) == (1000 + 200 + 30) * 1024


def test_a_process_that_exits_during_the_walk_is_left_out(tmp_path):
    proc = _fake_proc(tmp_path)
    (proc / "12" / "status").unlink()
    assert tree_rss_bytes(10, proc) == (1000 + 200) * 1024


def test_the_real_proc_counts_a_child_of_this_process():
    child = subprocess.Popen([sys.executable, "-c", "import time; b = bytearray(64 << 20); time.sleep(30)"])
    try:
        deadline = time.monotonic() + 10
        while status_kib(child.pid, ("VmRSS",))["VmRSS"] < 64 * 1024 and time.monotonic() < deadline:
            time.sleep(0.05)
        alone = status_kib(os.getpid(), ("VmRSS",))["VmRSS"] * 1024
        assert child.pid in descendants(os.getpid())
        assert tree_rss_bytes(os.getpid()) >= alone + (64 << 20)
    finally:
        child.kill()
        child.wait()
