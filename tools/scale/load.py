"""The bounded load of the scale test and of `make bench`: simulated people, each writing in turn and
waiting for the answer, their conversations interleaved through a fixed number of requests in flight."""

import asyncio
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional

import aiohttp

from tools.bench.stats import percentile

MESSAGES = [
    "hi",
    "what is a trauma bond?",
    "why is it so hard to leave",
    "he says he will change",
    "i keep going back to him",
    "can you tell me more",
    "what are the signs",
    "i feel so alone",
    "how do i set boundaries",
    "thank you",
]
CRISIS_MESSAGE = "i want to die tonight"
CRISIS_EVERY = 10  # every tenth person says it once, in the middle


def script_for(person: int, messages: int) -> List[str]:
    script = [MESSAGES[(person + i) % len(MESSAGES)] for i in range(messages)]
    if person % CRISIS_EVERY == 0:
        script[messages // 2] = CRISIS_MESSAGE
    return script


@dataclass
class Outcome:
    sent: Dict[str, List[str]] = field(default_factory=dict)
    latencies: List[float] = field(default_factory=list)
    failures: List[str] = field(default_factory=list)
    # Answered (200) without a single message: an assistant's choice to stay quiet, not a lost
    # request. Ours never does; `rasa init`'s baseline does for what its example data does not cover.
    silent: List[str] = field(default_factory=list)
    misdelivered: int = 0
    crisis_cards: int = 0
    seconds: float = 0.0

    @property
    def answered(self) -> int:
        return len(self.latencies)

    def summary(self) -> dict:
        latencies = self.latencies
        return {
            "messages": self.answered,
            "failures": len(self.failures),
            "silent": len(self.silent),
            "per_second": round(self.answered / self.seconds, 1) if self.seconds else 0.0,
            "p50_ms": round(percentile(latencies, 0.5) * 1000, 1) if latencies else None,
            "p95_ms": round(percentile(latencies, 0.95) * 1000, 1) if latencies else None,
        }


async def _person(session, url, sender, script, in_flight, outcome, on_answer) -> None:
    outcome.sent[sender] = script
    for text in script:
        async with in_flight:
            start = time.perf_counter()
            try:
                async with session.post(url, json={"sender": sender, "message": text}) as response:
                    status = response.status
                    replies = await response.json() if status == 200 else None
            except (aiohttp.ClientError, asyncio.TimeoutError) as error:
                replies, status = None, type(error).__name__
            elapsed = time.perf_counter() - start
        if replies is None:
            outcome.failures.append(f"{sender}: {status}")
            continue
        if not replies:
            outcome.silent.append(f"{sender}: {text}")
        outcome.latencies.append(elapsed)
        outcome.misdelivered += sum(1 for r in replies if r.get("recipient_id") != sender)
        outcome.crisis_cards += sum(1 for r in replies if (r.get("custom") or {}).get("type") == "crisis")
        on_answer(outcome.answered)


async def _run(base_url: str, name: str, people: int, messages: int, concurrency: int, on_answer) -> Outcome:
    outcome = Outcome()
    in_flight = asyncio.Semaphore(concurrency)
    url = f"{base_url}/webhooks/rest/webhook"
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120)) as session:
        start = time.perf_counter()
        await asyncio.gather(
            *(
                _person(session, url, f"scale-{name}-{p:04d}", script_for(p, messages), in_flight, outcome, on_answer)
                for p in range(people)
            )
        )
        outcome.seconds = time.perf_counter() - start
    return outcome


def run_load(
    base_url: str,
    name: str,
    people: int,
    messages: int,
    concurrency: int,
    on_answer: Callable[[int], None] = lambda answered: None,
) -> Outcome:
    return asyncio.run(_run(base_url, name, people, messages, concurrency, on_answer))


def missing_user_events(stored: Dict[str, List[str]], sent: Dict[str, List[str]]) -> Optional[str]:
    """None when every sender's stored user texts hold what they sent, in order. A message nginx
    retried after a server died may be stored twice; none may be missing or out of order."""
    for sender, script in sent.items():
        texts = iter(stored.get(sender, []))
        if not all(any(t == said for t in texts) for said in script):
            return f"{sender}: sent {len(script)} messages, stored {len(stored.get(sender, []))}"
    return None
