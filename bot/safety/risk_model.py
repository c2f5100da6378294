"""The learned risk model: calibrated probabilities for the five crisis categories and "none".

Rules only catch the phrasings someone thought of; this model reads the MiniLM embedding of what was
written. It scores the whole message and each of its sentences (a mean over six sentences hides the
one that matters), pooled from the one encoder pass the NLU already makes, and takes the riskiest.
Probabilities are calibrated (scikit-learn's CalibratedClassifierCV), so a threshold of 0.6 means
roughly "six in ten messages scored like this were crises" on the training corpus.

Plain Python + NumPy + scikit-learn: no Rasa import. The Rasa component (bot.nlu.risk_component)
trains it at `rasa train` and persists it in the model.
"""

import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline, make_union
from sklearn.preprocessing import FunctionTransformer

from bot.language.sentence_encoder import read_all, shared_encoder
from bot.safety.calibrated_scoring import FastProbabilities
from bot.safety.normalizer import normalize
from crisis.categories import CATEGORY_PRIORITY

NONE = "none"
LABELS = (NONE, *CATEGORY_PRIORITY)
_SENTENCE = re.compile(r"[^.!?\n;]+[.!?\n;]*")
_WORD = re.compile(r"\w")


def sentence_spans(text: str) -> List[Tuple[int, int]]:
    """Character spans of the sentences of a message, without surrounding spaces; one span when it has
    only one. Pieces with fewer than two letters or digits ("?", "x") are not sentences."""
    spans = []
    for match in _SENTENCE.finditer(text):
        piece = match.group(0)
        if len(_WORD.findall(piece)) >= 2:
            start = match.start() + len(piece) - len(piece.lstrip())
            spans.append((start, match.start() + len(piece.rstrip())))
    return spans or [(0, len(text))]


def _unit(vector: np.ndarray) -> np.ndarray:
    return vector / max(float(np.linalg.norm(vector)), 1e-9)


@dataclass(frozen=True)
class MessageRows:
    """The readings of one message the model scores: the whole, then each sentence when there are
    several. vectors[i] is the MiniLM vector of texts[i]."""

    vectors: np.ndarray
    texts: Tuple[str, ...]


def message_rows(states: np.ndarray, piece_spans: Sequence[Tuple[int, int]], text: str) -> MessageRows:
    """The whole message's vector is the mean over every word piece, as sentence-transformers pools; a
    sentence's is the mean of the pieces inside it, taken from the same pass, so it keeps the context of
    the message around it."""
    vectors, texts = [_unit(states.mean(axis=0))], [text]
    spans = sentence_spans(text)
    if len(spans) > 1:
        for start, end in spans:
            inside = [i for i, (s, e) in enumerate(piece_spans) if e > s and s >= start and e <= end]
            if inside:
                vectors.append(_unit(states[inside].mean(axis=0)))
                texts.append(text[start:end])
    return MessageRows(np.vstack(vectors).astype(np.float32), tuple(texts))


def rows_of(text: str) -> MessageRows:
    """A message's readings, from one MiniLM pass over it."""
    states, spans = shared_encoder().token_states(text)
    return message_rows(states, spans, text)


def rows_of_all(texts: Sequence[str], jobs: int = -1) -> Dict[str, MessageRows]:
    """Every text's readings, on all cores (training reads some ten thousand texts)."""
    return read_all(texts, message_rows, jobs)


@dataclass(frozen=True)
class RiskScore:
    """The riskiest reading of a message: its crisis probability and the category it points to."""

    probability: float  # 1 - P(none) for the riskiest vector (whole message or one sentence)
    category: Optional[str]  # the most probable crisis category in that vector
    probabilities: Tuple[float, ...] = ()  # P(label) for LABELS, for that vector

    def as_dict(self) -> dict:
        return {"probability": round(self.probability, 3), "category": self.category}


NO_RISK = RiskScore(0.0, None)


def _calibrated(base):
    # Five calibrated models per view, averaged. One refitted model (ensemble=False) is 3 ms a message
    # faster but escalated 2 points fewer validation crises (README): recall comes first. The five
    # folds are fitted side by side on every core (each fit is seeded: the probabilities agree to the
    # fourth decimal, the rest is the order of floating-point sums).
    return CalibratedClassifierCV(base, method="sigmoid", cv=5, n_jobs=-1)


def _embedding_mlp(seed: int):
    return _calibrated(
        MLPClassifier(hidden_layer_sizes=(128,), alpha=1e-3, max_iter=300, early_stopping=True, random_state=seed)
    )


def _embedding_logistic(seed: int):
    return _calibrated(LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced", random_state=seed))


def _lexical(seed: int):
    """Word and character n-grams of the de-disguised text: the words that matter ("rope", "bridge",
    "pills") and their misspellings, which a sentence embedding blurs."""
    features = make_union(
        TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=3, sublinear_tf=True, max_features=60000),
    )
    classifier = _calibrated(LogisticRegression(C=8.0, max_iter=3000, class_weight="balanced", random_state=seed))
    return make_pipeline(FunctionTransformer(_normalized), features, classifier)


def _normalized(texts):
    return [normalize(text) for text in texts]


# Each kind is a list of (view, estimator factory); the probabilities of the views are averaged.
KINDS = {
    "logistic": [("vectors", _embedding_logistic)],
    "mlp": [("vectors", _embedding_mlp)],
    "lexical": [("texts", _lexical)],
    "mlp+lexical": [("vectors", _embedding_mlp), ("texts", _lexical)],
}


class RiskModel:
    def __init__(self, views, subject_estimator) -> None:
        self.views = views  # [(view name, fitted estimator with a fast predict_proba)]
        self.subject_estimator = subject_estimator

    @classmethod
    def fit(
        cls,
        vectors: np.ndarray,
        texts: Sequence[str],
        labels: Sequence[str],
        subjects: Sequence[str],
        kind: str = "mlp+lexical",
        seed: int = 0,
    ) -> "RiskModel":
        """One row per reading (see MessageRows): its vector, its text, its label of LABELS, and whose
        risk it is ("self" or "other", read on crisis rows)."""
        if kind not in KINDS:
            raise ValueError(f"unknown risk model kind {kind!r}; one of {sorted(KINDS)}")
        labels = np.asarray(labels)
        inputs = {"vectors": vectors, "texts": list(texts)}
        views = [(view, FastProbabilities(make(seed).fit(inputs[view], labels))) for view, make in KINDS[kind]]
        crisis = labels != NONE
        # Whose risk it is decides the wording ("are they safe?"); a separate, plain logistic model.
        subject_estimator = LogisticRegression(C=2.0, max_iter=2000, class_weight="balanced", random_state=seed)
        subject_estimator.fit(vectors[crisis], np.asarray(subjects)[crisis])
        return cls(views, subject_estimator)

    def probabilities(self, rows: MessageRows) -> np.ndarray:
        """Rows of P(label), in the order of LABELS, averaged over the model's views."""
        inputs = {"vectors": rows.vectors, "texts": list(rows.texts)}
        total = np.zeros((len(rows.texts), len(LABELS)))
        for view, estimator in self.views:
            columns = [list(estimator.classes_).index(label) for label in LABELS]
            total += estimator.predict_proba(inputs[view])[:, columns]
        return total / len(self.views)

    def score(self, rows: MessageRows) -> RiskScore:
        """The riskiest reading of a message (its whole, or one of its sentences)."""
        probabilities = self.probabilities(rows)
        riskiest = int(np.argmin(probabilities[:, 0]))
        row = probabilities[riskiest]
        category = LABELS[1 + int(np.argmax(row[1:]))]
        return RiskScore(float(1.0 - row[0]), category, tuple(float(p) for p in row))

    def subject(self, rows: MessageRows) -> str:
        """Whose risk the message speaks of, from the whole message's vector."""
        return str(self.subject_estimator.predict(rows.vectors[:1])[0])
