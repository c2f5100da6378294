"""Time per message of the risk layer against today's rule detector, in the same run: a section of
`make bench` (tools/bench/assistant_bench.py), or alone with `python -m tools.bench.detector_bench`.

Baseline: the rule detector alone (what every message met before the learned model). Measured beside
it on the same messages: the whole risk layer (rules + the learned model on the message's readings,
pooled from the MiniLM pass the NLU pipeline already makes), and, for long messages, its p99. The
MiniLM pass itself is shown on its own line: the pipeline pays it for the intent classifier anyway.
"""

import gc
import statistics
import tarfile
import tempfile
import time
from pathlib import Path

import joblib

from bot.language.sentence_encoder import shared_encoder
from bot.language.spacy_pipeline import load_pipeline
from bot.safety.detector import RiskDetector
from bot.safety.risk_corpus import load_dir
from bot.safety.risk_layer import RiskLayer, Thresholds
from bot.safety.risk_model import message_rows
from tools.bench.stats import percentile
from tools.risk_evaluation import ROOT

ROUNDS = 3
MODEL = ROOT / "models" / "assistant.tar.gz"
LONG_MESSAGE_CHARS = 300
TARGET_ADDED_MS = 2.0


def trained_risk_model(archive: Path = MODEL):
    """The learned risk model out of the trained Rasa model."""
    with tarfile.open(archive) as tar, tempfile.TemporaryDirectory() as work:
        member = next(m for m in tar.getmembers() if m.name.endswith("risk_model.joblib"))
        tar.extract(member, work)
        return joblib.load(Path(work) / member.name)


def time_per_message(function, items) -> list:
    timings = []
    for _ in range(ROUNDS):
        for item in items:
            start = time.perf_counter_ns()
            function(item)
            timings.append((time.perf_counter_ns() - start) / 1000)
    return timings


def measure() -> dict:
    """The timings, summarised: one row a measurement, each against the rule detector's median."""
    texts = [e.text for e in load_dir(ROOT / "tests" / "data" / "risk_validation")]
    encoder = shared_encoder()
    encoded = [(text, message_rows(*encoder.token_states(text), text)) for text in texts]
    long_ones = [pair for pair in encoded if len(pair[0]) >= LONG_MESSAGE_CHARS]
    detector = RiskDetector(load_pipeline())
    layer = RiskLayer(detector, trained_risk_model(), Thresholds())
    for text, rows in encoded[:30]:  # warm caches before timing either
        layer.decide(text, rows)
    gc.disable()
    results = [
        ("baseline: rule detector (before this layer)", time_per_message(detector.assess, texts)),
        ("risk layer: rules + learned model", time_per_message(lambda pair: layer.decide(*pair), encoded)),
        (
            f"risk layer, messages of {LONG_MESSAGE_CHARS}+ characters",
            time_per_message(lambda p: layer.decide(*p), long_ones),
        ),
        ("MiniLM pass (paid by the pipeline anyway)", time_per_message(encoder.token_states, texts[::8])),
    ]
    gc.enable()
    base = statistics.median(results[0][1])
    rows = [
        {
            "name": name,
            "median_us": round(statistics.median(timings)),
            "p99_us": round(percentile(timings, 0.99)),
            "x_baseline": round(statistics.median(timings) / base, 2),
        }
        for name, timings in results
    ]
    added_ms = (rows[1]["median_us"] - rows[0]["median_us"]) / 1000
    return {
        "messages": len(texts),
        "long_messages": len(long_ones),
        "rounds": ROUNDS,
        "rows": rows,
        "added_ms": round(added_ms, 2),
        "target_added_ms": TARGET_ADDED_MS,
    }


def report(result: dict) -> str:
    lines = [
        f"{result['messages']} messages ({result['long_messages']} long) x {result['rounds']} rounds",
        f"{'':52}{'median us':>11}{'p99 us':>10}{'x baseline':>12}",
        *(f"{r['name']:52}{r['median_us']:>11}{r['p99_us']:>10}{r['x_baseline']:>12.2f}" for r in result["rows"]),
        f"risk layer adds {result['added_ms']:.2f} ms at the median (target: at most {TARGET_ADDED_MS:g} ms): "
        + ("met" if result["added_ms"] < TARGET_ADDED_MS else "NOT met"),
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(measure()))
