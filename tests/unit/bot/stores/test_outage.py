"""The outage record on a clock the test controls: what memory keeps, each turn's outcome, the log."""

import logging

from bot.stores.outage import Outage, TurnTrouble


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def events(n: int) -> list:
    return [{"event": "action", "name": f"a{i}"} for i in range(n)]


def test_the_outage_is_logged_once_when_it_starts_and_once_when_it_ends_with_counts(caplog):
    clock = Clock()
    outage = Outage(clock=clock)
    caplog.set_level(logging.INFO, logger="bot.stores.outage")
    outage.answered()  # no outage: nothing to say
    outage.failed("read", OSError('connection to server at "127.0.0.1" failed: Connection refused\nmore detail'))
    outage.failed("write", OSError("again"))
    for sender in ("a", "b"):
        outage.mark(sender, TurnTrouble.NOT_STORED)
        outage.keep(sender, events(2))
        outage.take(sender)
    outage.mark("a", TurnTrouble.NOT_STORED)
    clock.now += 12.5
    outage.answered()
    outage.answered()
    assert [r.getMessage() for r in caplog.records] == [
        'store.unavailable operation=read error=connection to server at "127.0.0.1" failed: Connection refused',
        "store.recovered after_seconds=12.5 turns_not_stored=3 conversations_dropped=2",
    ]
    assert outage.kept_events("a") == [] and outage.down_since is None


def test_a_turn_counts_once_however_often_it_fails_and_its_outcome_is_taken_once():
    outage = Outage()
    outage.mark("a", TurnTrouble.NOT_STORED)
    outage.mark("a", TurnTrouble.NOT_FORGOTTEN)  # the read failed, then the deletion too
    assert outage.turns_not_stored == 1
    assert outage.trouble("a") is TurnTrouble.NOT_FORGOTTEN
    assert outage.take("a") is TurnTrouble.NOT_FORGOTTEN and outage.take("a") is None
    outage.mark("b", TurnTrouble.NOT_STORED)
    outage.clear("b")
    assert outage.take("b") is None


def test_memory_adds_each_turn_to_its_conversation_and_drops_the_least_recently_active_first(caplog):
    outage = Outage(max_kept_events=10)
    outage.keep("a", events(3))
    outage.keep("b", events(3))
    outage.keep("a", events(2)[1:])  # "a" is now the most recently active
    assert outage.kept_events("a") == events(3) + events(2)[1:]
    outage.keep("c", events(4))  # 12 events: "b" goes
    assert outage.kept_events("b") == [] and len(outage.kept_events("a")) == 4
    assert "store.outage.memory_full conversations_dropped=1" in caplog.text
    outage.keep("c", events(11))  # one conversation over the whole limit goes too
    assert outage.kept_events("c") == [] and len(outage.kept_events("a")) == 4
    outage.drop("a")
    assert outage.kept_events("a") == []


def test_what_memory_returns_is_a_copy():
    outage = Outage()
    outage.keep("a", events(1))
    outage.kept_events("a").append({"event": "user"})
    assert outage.kept_events("a") == events(1)
