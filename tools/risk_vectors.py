"""Corpus messages as risk-model vectors, cached on disk for the evaluation tools.

Only labelled corpus text is cached here (build/, git-ignored), never a person's message: the live
path encodes each message once and keeps nothing.
"""

import hashlib
import pickle
from pathlib import Path
from typing import List

from rasa.shared.nlu.training_data.loading import load_data

from bot.safety.risk_corpus import Example
from bot.safety.risk_model import MessageRows, rows_of
from crisis.categories import category_of_intent

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "build" / "risk_rows.pickle"


class CachedVectorizer:
    """rows_of(), remembered on disk by the text's hash across runs of a tool."""

    def __init__(self, path: Path = CACHE) -> None:
        self.path = path
        self.vectors = pickle.loads(path.read_bytes()) if path.exists() else {}
        self.dirty = False

    def __call__(self, text: str) -> MessageRows:
        key = hashlib.sha256(text.encode()).hexdigest()
        if key not in self.vectors:
            self.vectors[key] = rows_of(text)
            self.dirty = True
        return self.vectors[key]

    def save(self) -> None:
        if self.dirty:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_bytes(pickle.dumps(self.vectors))
            self.dirty = False


def nlu_examples(directory: Path = ROOT / "data" / "nlu") -> List[Example]:
    """The intent examples as risk examples: crisis intents are their category, the rest "none"."""
    examples = []
    for message in load_data(str(directory)).intent_examples:
        category = category_of_intent(message.get("intent")) or "none"
        examples.append(Example(text=message.get("text"), category=category, kind="nlu"))
    return examples
