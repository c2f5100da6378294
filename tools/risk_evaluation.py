"""Scores the rule detector alone on a labelled corpus: recall per category and kind, false alarms.

Used by `python -m tools.risk_evaluation [CORPUS...]` (prints the report), by the test that gates
`make test`, and by the benchmark. The whole risk layer, as a person meets it through the REST
channel, is scored by tools/risk_tiers.py. Corpus entries are {"text", "category", "kind", "subject"}.
"""

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.safety.detector import RiskDetector
from crisis.categories import CATEGORY_PRIORITY

ROOT = Path(__file__).resolve().parent.parent
# The rule detector's gated corpora (development, and a first holdout since used for tuning), and the
# first sealed set, written before the learned model existed and never read while writing patterns.
CORPUS_FILES = ("data/risk/legacy_development.yml", "data/risk/legacy_holdout.yml")
FIRST_SEALED = "tests/data/crisis_corpus_holdout2.yml"


def load_corpus(name: str) -> list:
    """Entries of a corpus file, by its path from the repository root."""
    return yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))


@dataclass
class Report:
    positives: Counter = field(default_factory=Counter)  # (category, kind) -> count
    caught: Counter = field(default_factory=Counter)  # (category, kind) -> detected as any crisis
    right_category: Counter = field(default_factory=Counter)  # category -> detected as that category
    right_subject: int = 0
    negatives: Counter = field(default_factory=Counter)  # kind -> count
    false_alarms: Counter = field(default_factory=Counter)  # kind -> count
    missed: list = field(default_factory=list)
    alarmed: list = field(default_factory=list)
    miscategorised: list = field(default_factory=list)

    def recall(self, category=None, kind=None) -> float:
        keys = [k for k in self.positives if (category in (None, k[0])) and (kind in (None, k[1]))]
        total = sum(self.positives[k] for k in keys)
        return sum(self.caught[k] for k in keys) / total if total else 1.0

    @property
    def false_alarm_rate(self) -> float:
        total = sum(self.negatives.values())
        return sum(self.false_alarms.values()) / total if total else 0.0

    @property
    def category_accuracy(self) -> float:
        caught = sum(self.caught.values())
        return sum(self.right_category.values()) / caught if caught else 1.0


def evaluate(detector: RiskDetector, entries: list) -> Report:
    report = Report()
    for entry in entries:
        result = detector.assess(entry["text"])
        category, kind = entry["category"], entry["kind"]
        if category == "none":
            report.negatives[kind] += 1
            if result.is_crisis:
                report.false_alarms[kind] += 1
                report.alarmed.append((entry["text"], kind, result.category, result.matched))
            continue
        report.positives[(category, kind)] += 1
        if not result.is_crisis:
            report.missed.append((entry["text"], category, kind))
            continue
        report.caught[(category, kind)] += 1
        if result.category == category:
            report.right_category[category] += 1
        else:
            report.miscategorised.append((entry["text"], category, result.category, result.matched))
        report.right_subject += result.subject == entry.get("subject", "self")
    return report


def format_report(title: str, report: Report) -> str:
    kinds = sorted({kind for _, kind in report.positives})
    lines = [f"== {title}", f"{'category':<12}" + "".join(f"{k:>12}" for k in kinds) + f"{'all':>8}"]
    for category in CATEGORY_PRIORITY:
        cells = "".join(
            f"{report.recall(category, k):>12.1%}" if report.positives[(category, k)] else f"{'-':>12}" for k in kinds
        )
        lines.append(f"{category:<12}{cells}{report.recall(category):>8.1%}")
    lines.append(
        f"{'all':<12}" + "".join(f"{report.recall(None, k):>12.1%}" for k in kinds) + f"{report.recall():>8.1%}"
    )
    caught = sum(report.caught.values())
    lines.append(f"positives {sum(report.positives.values())}, negatives {sum(report.negatives.values())}")
    lines.append(
        f"false-alarm rate {report.false_alarm_rate:.1%} "
        f"({sum(report.false_alarms.values())}/{sum(report.negatives.values())}; by kind: "
        + ", ".join(f"{k} {report.false_alarms[k]}/{n}" for k, n in sorted(report.negatives.items()))
        + ")"
    )
    lines.append(
        f"category accuracy {report.category_accuracy:.1%} of detected; "
        f"subject accuracy {report.right_subject / caught if caught else 1:.1%}"
    )
    for text, category, kind in report.missed:
        lines.append(f"  missed      [{category}/{kind}] {text}")
    for text, kind, got, matched in report.alarmed:
        lines.append(f"  false alarm [{kind} -> {got} {','.join(matched)}] {text}")
    for text, want, got, matched in report.miscategorised:
        lines.append(f"  category    [{want} -> {got} {','.join(matched)}] {text}")
    return "\n".join(lines)


def main(args) -> None:
    detector = RiskDetector()
    for name in args or list(CORPUS_FILES[:1]):
        print(format_report(f"{name} (rule detector)", evaluate(detector, load_corpus(name))))


if __name__ == "__main__":
    main(sys.argv[1:])
