"""Compares risk-model choices on a split none of them trained on, at several thresholds.

Trains each candidate on data/risk plus the NLU examples, scores the validation split
(tests/data/risk_validation plus the first sealed set), and prints, with the rule detector beside the
model as in the live layer: crisis messages escalated, escalated or checked in, explicit ones
escalated, and negatives escalated or checked in.

    python -m tools.risk_model_comparison [--kinds mlp lexical mlp+lexical]
"""

import argparse
from typing import List

import numpy as np

from bot.safety.detector import RiskDetector
from bot.safety.risk_corpus import Example, load_dir, load_file, training_set
from bot.safety.risk_model import KINDS, RiskModel
from tools.risk_evaluation import FIRST_SEALED, ROOT
from tools.risk_vectors import CachedVectorizer, nlu_examples

VALIDATION_DIR = ROOT / "tests" / "data" / "risk_validation"
ESCALATE_AT = (0.5, 0.6, 0.7, 0.8)
CHECK_AT = (0.2, 0.3, 0.4)


def validation_examples() -> List[Example]:
    return load_dir(VALIDATION_DIR) + load_file(ROOT / FIRST_SEALED)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinds", nargs="+", default=sorted(KINDS))
    args = parser.parse_args()
    vectorize = CachedVectorizer()
    train = training_set(load_dir() + nlu_examples(), vectorize)
    validation = validation_examples()
    rows = [vectorize(e.text) for e in validation]
    vectorize.save()
    detector = RiskDetector()
    rule_hits = np.array([detector.assess(e.turns[-1] if e.turns else e.text).is_crisis for e in validation])
    crisis = np.array([e.is_crisis for e in validation])
    explicit = np.array([e.is_crisis and e.explicit for e in validation])
    print(
        f"training readings {len(train.labels)}; validation {len(validation)} ({crisis.sum()} crisis, {(~crisis).sum()} none)"
    )
    print(f"rules alone: escalated {rule_hits[crisis].mean():.1%} of crisis, {rule_hits[~crisis].mean():.1%} of none")
    for kind in args.kinds:
        model = RiskModel.fit(train.vectors, train.texts, train.labels, train.subjects, kind=kind)
        scored = [model.score(r) for r in rows]
        scores = np.array([s.probability for s in scored])
        right = np.mean([s.category == e.category for s, e in zip(scored, validation) if e.is_crisis])
        print(f"\n== {kind}: category right on crisis messages {right:.1%}")
        print(f"{'esc_at':>7}{'chk_at':>7}{'esc':>8}{'esc+chk':>9}{'explicit':>9}{'FA esc':>8}{'FA chk':>8}")
        for escalate_at in ESCALATE_AT:
            for check_at in CHECK_AT:
                escalated = rule_hits | (scores >= escalate_at)
                checked = ~escalated & (scores >= check_at)
                print(
                    f"{escalate_at:>7}{check_at:>7}{escalated[crisis].mean():>8.1%}"
                    f"{(escalated | checked)[crisis].mean():>9.1%}{escalated[explicit].mean():>9.1%}"
                    f"{escalated[~crisis].mean():>8.1%}{checked[~crisis].mean():>8.1%}"
                )


if __name__ == "__main__":
    main()
