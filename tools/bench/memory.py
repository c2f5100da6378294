"""Resident memory of a process and of everything it started, read from /proc (psutil is not among
the project's dependencies, and /proc is all it would read on Linux)."""

from pathlib import Path
from typing import Dict, Iterable, List

PROC = Path("/proc")


def status_kib(pid: int, names: Iterable[str] = ("VmRSS", "VmHWM"), proc: Path = PROC) -> Dict[str, int]:
    """Fields of /proc/PID/status that are sizes in KiB (VmRSS: resident now, VmHWM: its peak)."""
    wanted, fields = set(names), {}
    for line in (proc / str(pid) / "status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in wanted:
            fields[name] = int(value.split()[0])
    return fields


def _parent(stat: str) -> int:
    # The command name in parentheses may itself hold spaces or parentheses: the parent's pid is
    # the second field after the last ")".
    return int(stat[stat.rindex(")") + 2 :].split()[1])


def descendants(pid: int, proc: Path = PROC) -> List[int]:
    """Every live process below `pid`, children of children included. Rasa and rasa-sdk may start
    worker processes, and their memory is the server's too."""
    children: Dict[int, List[int]] = {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = _parent((entry / "stat").read_text())
        except (OSError, ValueError):  # gone since the listing, or not a process
            continue
        children.setdefault(parent, []).append(int(entry.name))
    found, waiting = [], list(children.get(pid, []))
    while waiting:
        child = waiting.pop()
        found.append(child)
        waiting.extend(children.get(child, []))
    return sorted(found)


def tree_rss_bytes(pid: int, proc: Path = PROC) -> int:
    """The resident set of `pid` and its descendants, in bytes. Shared pages count once per process
    (as `ps` and psutil count them), so a forked worker may be overcounted; this is the upper bound."""
    total = 0
    for member in [pid, *descendants(pid, proc)]:
        try:
            total += status_kib(member, ("VmRSS",), proc).get("VmRSS", 0) * 1024
        except OSError:  # exited between the listing and the read
            continue
    return total
