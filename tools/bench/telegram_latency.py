"""`make bench-telegram`: how long a reply takes through the Telegram front-end against REST directly,
in the same run, and how much memory the front-end holds.

It starts what the end-to-end tests start: the Rasa server and the action server (a SQLite file of
their own), the stand-in Bot API (tests/telegram/bot_api.py) and the front-end in its own process,
polling the stand-in. PEOPLE people on each path write the same MESSAGES in turn, a REST message and
a Telegram one alternately, so that whatever else loads the machine falls on both alike.

- REST (the baseline): from the POST to its whole answer.
- Telegram: from the update queued at the stand-in (as Telegram would hold it for the bot) to the
  first message the bot sends (what the person sees begin), and to the last (the whole answer; an
  answer is complete when nothing more comes for QUIET_SECONDS, which is not counted).
- Memory: the front-end's resident set (VmRSS) once it is polling, after the run, and its peak
  (VmHWM), from /proc; the Rasa server's beside it for scale.

Prints a table and writes it to artifacts/telegram_latency.txt.
"""

import statistics
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Dict, List

from tests.conftest import MODEL, ROOT, running_assistant
from tests.telegram.bot_api import StandInBotAPI
from tests.telegram.conftest import Chat, start_front_end
from tools.bench.memory import status_kib
from tools.bench.stats import percentile

# Ordinary turns and one crisis (the longest path: the action server reads the directory), as a
# conversation might run; each person sends them in this order, so every turn is mid-conversation.
MESSAGES = [
    "hi",
    "what is a trauma bond",
    "i feel so alone since he left",
    "tonight i just want to die, i cant keep doing this",
    "thank you",
]
PEOPLE = 10  # 10 x 5 = 50 messages a path, within both per-sender limits (20 and 15 a minute)
WARM_UP = ["hi", "what is a trauma bond"]
QUIET_SECONDS = 0.6
REPORT = ROOT / "artifacts" / "telegram_latency.txt"


def row(name: str, seconds: List[float], baseline: float) -> str:
    median = statistics.median(seconds)
    return (
        f"{name:44}{len(seconds):>4}{median * 1000:>10.0f}{percentile(seconds, 0.95) * 1000:>9.0f}"
        f"{max(seconds) * 1000:>9.0f}{median / baseline:>12.2f}"
    )


def measure(assistant, api: StandInBotAPI) -> Dict[str, List[float]]:
    rest_people = [f"bench-rest-{i:04d}-{time.monotonic_ns()}" for i in range(PEOPLE)]
    chats = [Chat(api) for _ in range(PEOPLE)]
    for message in WARM_UP:  # the first turns load what Rasa loads lazily; not counted
        assistant.say(message, sender=f"bench-warm-{time.monotonic_ns()}")
        Chat(api).say(message)
    timings: Dict[str, List[float]] = {"rest": [], "first": [], "whole": []}
    for message in MESSAGES:
        for person, chat in zip(rest_people, chats):
            start = time.monotonic()
            assistant.say(message, sender=person)
            timings["rest"].append(time.monotonic() - start)
            since = chat.send(message)
            replies = chat.replies(since, quiet=QUIET_SECONDS)
            timings["first"].append(replies[0].at - since)
            timings["whole"].append(replies[-1].at - since)
    return timings


def main() -> None:
    if not MODEL.exists():
        raise SystemExit(f"{MODEL} is missing: run `make train` first")
    with tempfile.TemporaryDirectory() as work, contextmanager(running_assistant)(Path(work)) as assistant:
        api = StandInBotAPI().start()
        front_end = start_front_end(api, assistant.url, assistant.database_url, "bench")
        try:
            started = status_kib(front_end.process.pid)
            timings = measure(assistant, api)
            after = status_kib(front_end.process.pid)
            rasa = status_kib(assistant.rasa.pid)
        finally:
            front_end.stop()
            api.stop()
    baseline = statistics.median(timings["rest"])
    lines = [
        f"reply latency, {PEOPLE} people x {len(MESSAGES)} messages a path, the same run",
        f"{'':44}{'n':>4}{'median ms':>10}{'p95 ms':>9}{'max ms':>9}{'x baseline':>12}",
        row("baseline: REST directly", timings["rest"], baseline),
        row("Telegram front-end: first message sent", timings["first"], baseline),
        row("Telegram front-end: whole answer sent", timings["whole"], baseline),
        f"front-end adds {(statistics.median(timings['first']) - baseline) * 1000:.0f} ms at the median "
        "(to the first message)",
        "",
        "resident memory (MiB)           once polling   after the run   peak",
        f"{'Telegram front-end':32}{started['VmRSS'] / 1024:>12.0f}{after['VmRSS'] / 1024:>16.0f}"
        f"{after['VmHWM'] / 1024:>7.0f}",
        f"{'Rasa server (for scale)':32}{'':>12}{rasa['VmRSS'] / 1024:>16.0f}{rasa['VmHWM'] / 1024:>7.0f}",
    ]
    report = "\n".join(lines) + "\n"
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(report)
    print(report, end="")


if __name__ == "__main__":
    main()
