"""A fingerprint of the code a trained component runs, for Rasa's training cache.

Rasa reuses a cached component when its config and inputs are unchanged; it does not look at the code.
`fingerprint_addon` returning this makes `rasa train` redo a component after its code changes.
"""

import hashlib
from pathlib import Path
from typing import Iterable

PACKAGE_ROOT = Path(__file__).resolve().parent.parent


def source_fingerprint(packages: Iterable[str]) -> str:
    """sha256 over the Python files of the given packages of bot/ ("language", "nlu", ...)."""
    digest = hashlib.sha256()
    for package in sorted(packages):
        for path in sorted((PACKAGE_ROOT / package).rglob("*.py")):
            digest.update(path.relative_to(PACKAGE_ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()
