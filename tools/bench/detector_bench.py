"""`make bench`: time per message of the NLU pieces written here, over the labelled corpora.

The baseline, measured in the same run on the same messages, is the part no detector can avoid:
spaCy tokenising and lemmatising the text. The table shows what the risk detector's normalisation and
matching add on top, and what the MiniLM sentence encoder (NumPy) costs per message.
"""

import gc
import statistics
import time
import tracemalloc

from bot.language.sentence_encoder import shared_encoder
from bot.language.spacy_pipeline import load_pipeline
from bot.safety.detector import RiskDetector
from tools.risk_evaluation import CORPUS_FILES, FIRST_SEALED, load_corpus

ROUNDS = 5


def time_per_message(function, texts) -> list:
    timings = []
    for _ in range(ROUNDS):
        for text in texts:
            start = time.perf_counter_ns()
            function(text)
            timings.append((time.perf_counter_ns() - start) / 1000)
    return timings


def percentile(values, fraction) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> None:
    texts = [e["text"] for name in (*CORPUS_FILES, FIRST_SEALED) for e in load_corpus(name)]
    nlp = load_pipeline()
    detector = RiskDetector(nlp)
    for text in texts[:50]:  # warm caches before timing either
        detector.assess(text)
    gc.disable()
    encoder = shared_encoder()
    rows = [
        ("baseline: spaCy tokenise + lemmatise", time_per_message(nlp, texts)),
        ("risk detector: normalise + match + decide", time_per_message(detector.assess, texts)),
        ("sentence encoder: MiniLM in NumPy", time_per_message(encoder.encode, texts[::10])),
    ]
    gc.enable()
    tracemalloc.start()
    RiskDetector(nlp)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    base = statistics.median(rows[0][1])
    print(f"{len(texts)} messages x {ROUNDS} rounds")
    print(f"{'':44}{'median us':>11}{'p99 us':>10}{'x baseline':>12}")
    for name, timings in rows:
        median = statistics.median(timings)
        print(f"{name:44}{median:>11.0f}{percentile(timings, 0.99):>10.0f}{median / base:>12.2f}")
    print(f"detector construction peak memory: {peak / 1e6:.1f} MB")
    target = statistics.median(rows[1][1]) < 1000
    print(f"risk detector target, median under 1 ms: {'met' if target else 'NOT met'}")


if __name__ == "__main__":
    main()
