"""The labelled risk corpus (data/risk/*.yml) and the training vectors made from it.

An entry is one message ({"text"}) or a short conversation from one person ({"turns"}), labelled with
its category as it stands at the last message, its kind, whose risk it is, and whether it is explicit.
A long message may name its `risk_sentence`: that sentence is a positive example of its own, and the
other sentences of long messages are examples of "none", so the per-sentence reading is trained too.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, List, Optional, Tuple

import numpy as np
import yaml

from bot.safety.risk_model import NONE, MessageRows

RISK_CORPUS_DIR = Path(__file__).resolve().parents[2] / "data" / "risk"
# Messages of one conversation are joined as lines, which the sentence splitter also splits on.
TURN_SEPARATOR = "\n"

# text -> its readings (risk_model.message_rows: the whole message, then each sentence if several)
Vectorizer = Callable[[str], MessageRows]


@dataclass(frozen=True)
class Example:
    text: str
    category: str
    kind: str = "nlu"
    subject: str = "self"
    explicit: bool = False
    risk_sentence: Optional[str] = None
    turns: Tuple[str, ...] = ()

    @property
    def is_crisis(self) -> bool:
        return self.category != NONE


def join_turns(turns: Iterable[str]) -> str:
    return TURN_SEPARATOR.join(t.strip() for t in turns if t and t.strip())


def from_entry(entry: dict) -> Example:
    turns = tuple(str(t) for t in entry.get("turns") or ())
    return Example(
        text=join_turns(turns) if turns else str(entry["text"]),
        category=entry["category"],
        kind=entry.get("kind", "unknown"),
        subject=entry.get("subject", "self"),
        # The first corpora marked explicit statements by their kind alone.
        explicit=bool(entry.get("explicit", entry.get("kind") == "explicit")),
        risk_sentence=entry.get("risk_sentence"),
        turns=turns,
    )


def load_file(path: Path) -> List[Example]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    entries = data["examples"] if isinstance(data, dict) else data
    return [from_entry(entry) for entry in entries]


def load_dir(directory: Path = RISK_CORPUS_DIR) -> List[Example]:
    return [example for path in sorted(directory.glob("*.yml")) for example in load_file(path)]


def corpus_files(directory: Path = RISK_CORPUS_DIR) -> List[Path]:
    return sorted(directory.glob("*.yml"))


def training_rows(example: Example, vectorize: Vectorizer) -> Tuple[np.ndarray, List[str], List[str]]:
    """The readings one example trains (vectors and texts), with their labels."""
    rows = vectorize(example.text)
    keep, labels = [0], [example.category]
    for i, sentence in enumerate(rows.texts[1:], start=1):
        if example.risk_sentence and _overlaps(sentence, example.risk_sentence):
            keep.append(i)
            labels.append(example.category)
        elif example.category == NONE or (example.risk_sentence and example.kind == "long"):
            keep.append(i)
            labels.append(NONE)
    return rows.vectors[keep], [rows.texts[i] for i in keep], labels


def _overlaps(sentence: str, risk_sentence: str) -> bool:
    a, b = sentence.strip().lower(), risk_sentence.strip().lower()
    return bool(a) and (a in b or b in a)


@dataclass(frozen=True)
class TrainingSet:
    vectors: np.ndarray
    texts: List[str]
    labels: List[str]
    subjects: List[str]


def training_set(examples: Iterable[Example], vectorize: Vectorizer) -> TrainingSet:
    """Every reading of every example, with its label and whose risk it speaks of."""
    vectors, texts, labels, subjects = [], [], [], []
    for example in examples:
        example_vectors, example_texts, example_labels = training_rows(example, vectorize)
        vectors.append(example_vectors)
        texts.extend(example_texts)
        labels.extend(example_labels)
        subjects.extend([example.subject] * len(example_labels))
    return TrainingSet(np.vstack(vectors), texts, labels, subjects)
