"""The risk layer as a new person meets it: each example sent through a running server's REST channel.

Each example gets a fresh sender; a conversation's messages are sent one after the other. What the
last message got decides its tier: "escalate" (a crisis card), "check" (a check-in), or "none"; a
reply asking to rephrase is also counted, since danger must never be met with "I didn't get that".
For conversations, the highest tier any of its messages got is counted too: a crisis card given at
the second message of four is help the person had, though the last message's figure misses it.

    python -m tools.risk_tiers URL PATH...       (files or folders of risk corpus YAML)
    python -m tools.risk_tiers URL --sealed PATH (aggregates only: no message is ever printed)
"""

import argparse
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, List, Optional, Tuple

import requests

from bot.safety.risk_corpus import Example, load_dir, load_file
from crisis.categories import CATEGORY_PRIORITY

ESCALATE, CHECK, NONE = "escalate", "check", "none"
_RANK = {NONE: 0, CHECK: 1, ESCALATE: 2}
# The fallback's variations (utter_default); each also carries a calm line and "talk to someone now".
REPHRASE = ("didn't quite get that", "not sure I understood", "didn't quite understand")


def load(paths: Iterable[Path]) -> List[Example]:
    return [e for path in paths for e in (load_dir(path) if path.is_dir() else load_file(path))]


def tier_of(replies: list) -> Tuple[str, Optional[str], bool]:
    """(tier, category, asked to rephrase) of the assistant's replies to one message."""
    customs = [r["custom"] for r in replies if isinstance(r.get("custom"), dict)]
    rephrase = any(marker in (r.get("text") or "") for r in replies for marker in REPHRASE)
    for kind, tier in (("crisis", ESCALATE), ("risk_check", CHECK)):
        card = next((c for c in customs if c.get("type") == kind), None)
        if card:
            return tier, card.get("category"), rephrase
    return NONE, None, rephrase


def send(url: str, example: Example, timeout: float = 30) -> Tuple[str, Optional[str], bool, str]:
    """(tier, category, asked to rephrase) of the last message, and the highest tier of any message."""
    sender = f"eval-{uuid.uuid4().hex}"
    tiers = []
    for text in example.turns or (example.text,):
        response = requests.post(
            f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=timeout
        )
        response.raise_for_status()
        tiers.append(tier_of(response.json()))
    return (*tiers[-1], max((t for t, _, _ in tiers), key=_RANK.get))


@dataclass
class TierReport:
    crisis: Counter = field(default_factory=Counter)  # (category, tier) -> count
    crisis_kinds: Counter = field(default_factory=Counter)  # (kind, tier) -> count
    conversations: Counter = field(default_factory=Counter)  # crisis conversations: highest tier -> count
    explicit: Counter = field(default_factory=Counter)  # tier -> count, explicit crisis messages
    negatives: Counter = field(default_factory=Counter)  # (kind, tier) -> count
    right_category: int = 0
    fallbacks: int = 0  # crisis messages answered by the fallback (its calm line and button, no more)
    missed: list = field(default_factory=list)
    alarmed: list = field(default_factory=list)

    def rate(self, counter: Counter, tiers, first=None) -> float:
        keys = [k for k in counter if first is None or k[0] == first]
        total = sum(counter[k] for k in keys)
        return sum(counter[k] for k in keys if k[1] in tiers) / total if total else 0.0

    @property
    def escalated(self) -> float:
        return self.rate(self.crisis, (ESCALATE,))

    @property
    def escalated_or_checked(self) -> float:
        return self.rate(self.crisis, (ESCALATE, CHECK))

    @property
    def explicit_escalated(self) -> float:
        total = sum(self.explicit.values())
        return self.explicit[ESCALATE] / total if total else 1.0

    @property
    def negatives_escalated(self) -> float:
        return self.rate(self.negatives, (ESCALATE,))

    @property
    def negatives_checked(self) -> float:
        return self.rate(self.negatives, (CHECK,))


def evaluate(url: str, examples: List[Example], workers: int = 4) -> TierReport:
    with ThreadPoolExecutor(workers) as pool:
        return tally(examples, list(pool.map(lambda e: send(url, e), examples)))


def tally(examples: List[Example], results: List[Tuple[str, Optional[str], bool, str]]) -> TierReport:
    """The report of what each example got (`send`'s results, in the same order)."""
    report = TierReport()
    for example, (tier, category, rephrase, highest) in zip(examples, results):
        if example.is_crisis:
            report.crisis[(example.category, tier)] += 1
            report.crisis_kinds[(example.kind, tier)] += 1
            if example.turns:
                report.conversations[highest] += 1
            if example.explicit:
                report.explicit[tier] += 1
            report.right_category += tier != NONE and category == example.category
            report.fallbacks += tier == NONE and rephrase
            if tier == NONE:
                report.missed.append((example.category, example.kind, example.text))
        else:
            report.negatives[(example.kind, tier)] += 1
            if tier != NONE:
                report.alarmed.append((tier, example.kind, example.text))
    return report


def format_report(title: str, report: TierReport, with_messages: bool) -> str:
    lines = [f"== {title}", f"{'category':<12}{'n':>5}{'escalated':>11}{'checked':>9}{'missed':>8}"]
    for category in CATEGORY_PRIORITY:
        n = sum(v for (c, _), v in report.crisis.items() if c == category)
        if n:
            cells = [report.crisis[(category, t)] / n for t in (ESCALATE, CHECK, NONE)]
            lines.append(f"{category:<12}{n:>5}" + "".join(f"{c:>{w}.1%}" for c, w in zip(cells, (11, 9, 8))))
    crisis_total = sum(report.crisis.values())
    lines.append(
        f"{'all':<12}{crisis_total:>5}{report.escalated:>11.1%}"
        f"{report.escalated_or_checked - report.escalated:>9.1%}{1 - report.escalated_or_checked:>8.1%}"
    )
    lines.append(
        f"explicit crisis messages escalated {report.explicit_escalated:.1%} of {sum(report.explicit.values())}; "
        f"category right on detected {report.right_category / max(1, crisis_total * report.escalated_or_checked):.1%}; "
        f"crisis messages answered by the fallback: {report.fallbacks}"
    )
    lines.append("crisis by kind (escalated/checked/n): " + _by_kind(report.crisis_kinds))
    conversations = sum(report.conversations.values())
    if conversations:
        reached = [report.conversations[ESCALATE], report.conversations[ESCALATE] + report.conversations[CHECK]]
        lines.append(
            f"crisis conversations {conversations}: some message escalated {reached[0] / conversations:.1%}, "
            f"escalated or checked {reached[1] / conversations:.1%}"
        )
    negatives_total = sum(report.negatives.values())
    lines.append(
        f"negatives {negatives_total}: escalated {report.negatives_escalated:.1%}, "
        f"checked in {report.negatives_checked:.1%}; by kind (escalated/checked/n): " + _by_kind(report.negatives)
    )
    if with_messages:
        lines += [f"  missed    [{c}/{k}] {t!r}" for c, k, t in report.missed]
        lines += [f"  {tier:<9} [{k}] {t!r}" for tier, k, t in report.alarmed]
    return "\n".join(lines)


def _by_kind(counter: Counter) -> str:
    kinds = sorted({k for k, _ in counter})
    return ", ".join(
        f"{k} {counter[(k, ESCALATE)]}/{counter[(k, CHECK)]}/{sum(v for (kk, _), v in counter.items() if kk == k)}"
        for k in kinds
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--sealed", action="store_true", help="print aggregates only, never a message")
    args = parser.parse_args()
    report = evaluate(args.url.rstrip("/"), load(args.paths))
    print(format_report(", ".join(map(str, args.paths)), report, with_messages=not args.sealed))


if __name__ == "__main__":
    main()
