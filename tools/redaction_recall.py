"""How much personal data the redaction before storage finds, on a labelled set of messages.

A set is `{"messages": [{"text", "redacted"}]}`: `redacted` is exactly what should be stored. Per
placeholder kind, a detail counts as found when the stored text has as many of that placeholder as
the label; extra placeholders are over-redaction, and a message with nothing to redact that comes
out changed is a false alarm (a date, an age or a helpline lost).

    python -m tools.redaction_recall PATH...            (prints every message it gets wrong)
    python -m tools.redaction_recall --sealed PATH...   (aggregates only: no message is ever printed)
"""

import argparse
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, List, Tuple

import yaml

PLACEHOLDER = re.compile(r"\[(phone|email|address|postcode|card|account|url|name)\]")


def placeholders(text: str) -> Counter:
    return Counter(PLACEHOLDER.findall(text))


@dataclass
class RedactionReport:
    expected: Counter = field(default_factory=Counter)  # kind -> details labelled
    found: Counter = field(default_factory=Counter)  # kind -> details the redaction replaced
    extra: Counter = field(default_factory=Counter)  # kind -> placeholders the label does not have
    messages: int = 0
    exact: int = 0
    untouched: int = 0  # messages with nothing to redact
    untouched_changed: int = 0
    wrong: List[Tuple[str, str, str]] = field(default_factory=list)  # (text, label, stored)

    @property
    def recall(self) -> float:
        total = sum(self.expected.values())
        return sum(self.found.values()) / total if total else 1.0


def score(pairs: Iterable[Tuple[str, str]], redact: Callable[[str], str]) -> RedactionReport:
    report = RedactionReport()
    for text, label in pairs:
        stored = redact(text)
        want, got = placeholders(label), placeholders(stored)
        report.messages += 1
        report.expected += want
        report.found += want & got
        report.extra += got - want
        report.exact += stored == label
        if text == label:
            report.untouched += 1
            report.untouched_changed += stored != text
        if stored != label:
            report.wrong.append((text, label, stored))
    return report


def format_report(title: str, report: RedactionReport, with_messages: bool) -> str:
    kinds = sorted(report.expected | report.extra)
    lines = [
        f"== {title}",
        f"messages {report.messages}, stored exactly as labelled {report.exact}",
        f"details found {sum(report.found.values())} of {sum(report.expected.values())} (recall {report.recall:.2f})",
        "by kind (found/labelled, extra): "
        + ", ".join(f"{k} {report.found[k]}/{report.expected[k]} +{report.extra[k]}" for k in kinds),
        f"messages with nothing to redact changed: {report.untouched_changed} of {report.untouched}",
    ]
    if with_messages:
        lines += [f"  {text!r}\n    label  {label!r}\n    stored {stored!r}" for text, label, stored in report.wrong]
    return "\n".join(lines)


def load(paths: Iterable[Path]) -> List[Tuple[str, str]]:
    files = [f for p in paths for f in (sorted(p.glob("*.yml")) if p.is_dir() else [p])]
    return [
        (m["text"], m["redacted"]) for f in files for m in yaml.safe_load(f.read_text(encoding="utf-8"))["messages"]
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--sealed", action="store_true", help="aggregates only")
    args = parser.parse_args()
    from bot.stores.redaction import redact_text  # Presidio and spaCy load only here

    title = ", ".join(str(p) for p in args.paths) + (" (aggregates only)" if args.sealed else "")
    print(format_report(title, score(load(args.paths), redact_text), with_messages=not args.sealed))


if __name__ == "__main__":
    main()
