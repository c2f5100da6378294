"""The risk layer's one decision per message: escalate, check in, or carry on.

Inputs: the rule detector's reading of the message, the learned model's calibrated probability for
the message and each of its sentences, the classifier's intent, and the person's last few messages
with the decisions they got. Three tiers:

- escalate: a rule hit, or the model at or above `escalate_at`, or "yes" to the check-in just asked, or the last
  few messages together crossing `escalate_at` (after an escalation: when the crisis is still going on);
- check: the model at or above `check_at` (or above `escalate_at` where the rules saw the risk words
  negated or used harmlessly), a confident crisis guess of the intent classifier that the
  rules did not see negated, or the messages together crossing `check_at`;
- none: everything else; `signal_at` still marks a message that should not be met with "I didn't
  get that" (the component checks in instead of the fallback).

A rule hit is never cancelled by the model. Plain Python: no Rasa import.
"""

import re
from dataclasses import dataclass, field
from typing import Callable, Optional, Sequence, Tuple

from bot.safety.detector import RiskAssessment, RiskDetector
from bot.safety.risk_corpus import join_turns
from bot.safety.risk_model import LABELS, NO_RISK, MessageRows, RiskModel, RiskScore

ESCALATE, CHECK, NONE = "escalate", "check", "none"
_RANK = {NONE: 0, CHECK: 1, ESCALATE: 2}
# The reason of an escalation after the crisis reply, for a message that goes on with the crisis.
CRISIS_CONTINUES = "crisis_continues"


# A "yes" to "are you safe right now?" says no more than that: a word or three, or a word of safety.
_SAFE_WORDS = frozenset({"safe", "ok", "okay", "fine", "alright", "better"})


def _answers_safe(text: str) -> bool:
    words = re.findall(r"[a-z']+", text.lower())
    return len(words) <= 3 or bool(_SAFE_WORDS.intersection(words))


@dataclass(frozen=True)
class Thresholds:
    escalate_at: float = 0.5
    check_at: float = 0.25
    signal_at: float = 0.2
    context_window: int = 3  # earlier messages read with the current one
    # The window is read when an earlier message in it scored at least this, or when the current
    # message is at most `context_short_words` words long: a short message ("tonight", "i took them")
    # often means what it means only after what came before, even when nothing before scored high.
    context_signal_at: float = 0.1
    context_short_words: int = 8
    confident_at: float = 0.8  # the model overrides the rules' reading of negated risk words above this
    check_at_when_classifier_sure: float = 0.4
    # Where the rules read the risk words as negated or harmless ("i'm not suicidal, just flat"), the
    # model needs this much to check in, and confident_at to escalate.
    check_at_when_rules_cancelled: float = 0.5
    # After an escalation the crisis is often still going on ("he's coming up the stairs", "there's
    # blood"): the message is read with the escalated one, and escalates again when that reading is
    # still a crisis and the message itself scores at least this (less when it answers "are you safe
    # right now?"). A confident ordinary intent ("thank you", "ok i'll call them") never does.
    continue_at: float = 0.3
    continue_at_when_asked: float = 0.15
    # The safety plan asks what the person would do in danger, so its answers read like danger ("call
    # the police", "out the back door to my aunt's"): a check-in there would end the plan over the
    # answer it asked for. The model alone needs this much to check in; escalation is unchanged.
    check_at_when_planning: float = 0.5


@dataclass(frozen=True)
class Turn:
    """An earlier message of the same person and the decision it got (from the tracker)."""

    text: str
    tier: str = NONE
    probability: float = 0.0
    category: Optional[str] = None


@dataclass(frozen=True)
class Decision:
    tier: str = NONE
    category: Optional[str] = None
    subject: str = "self"
    reason: str = ""
    probability: float = 0.0
    rules: RiskAssessment = field(default_factory=RiskAssessment)

    def as_dict(self) -> dict:
        """What the tracker keeps: enough to read the next message in context, no text."""
        return {
            "tier": self.tier,
            "category": self.category,
            "subject": self.subject,
            "reason": self.reason,
            "probability": round(self.probability, 3),
            "matched": list(self.rules.matched),
        }


class RiskLayer:
    def __init__(self, detector: RiskDetector, model: Optional[RiskModel], thresholds: Thresholds = Thresholds()):
        self.detector = detector
        self.model = model
        self.thresholds = thresholds

    def score(self, rows: Optional[MessageRows]) -> RiskScore:
        return self.model.score(rows) if self.model is not None and rows is not None else NO_RISK

    def decide(
        self,
        text: str,
        rows: Optional[MessageRows],
        history: Sequence[Turn] = (),
        classifier_crisis: Optional[str] = None,
        affirms: bool = False,
        pending_check: Optional[str] = None,
        classifier_unsure: bool = False,
        classifier_sure: bool = False,
        vectorize: Optional[Callable[[str], MessageRows]] = None,
        off_topic: bool = False,
        answering_plan: bool = False,
    ) -> Decision:
        """classifier_crisis: the category of a confident crisis intent from the intent classifier;
        affirms: the classifier read this message as "yes"; classifier_sure: it is confident of an
        ordinary (non-crisis) intent; pending_check: the category of the check-in
        the assistant just asked, if it did; classifier_unsure: it fell back ("I didn't get that");
        vectorize: encodes the context window (called only when the window is read, see _in_context);
        off_topic: the classifier read it as out of scope, which after a crisis reply is no reading at
        all ("got the whole box here on the bed now" is not off topic there); answering_plan: it answers
        a question of the safety plan (check_at_when_planning)."""
        t = self.thresholds
        rules = self.detector.assess(text)
        score = self.score(rows)
        subject = rules.subject if rules.is_crisis else self._subject(rows)
        if rules.is_crisis:
            return Decision(ESCALATE, rules.category, rules.subject, "rules", score.probability, rules)
        # The rules saw the risk words negated or used harmlessly ("i would never kill myself"), which
        # embeddings read poorly: below confident_at the model may only ask, and needs more to ask.
        overruled = bool(rules.cancelled) and score.probability < t.confident_at
        window = list(history[-t.context_window :]) if t.context_window else []
        if score.probability >= t.escalate_at and not overruled:
            category, subject = self._category_in_context(text, window, vectorize, score, subject)
            return Decision(ESCALATE, category, subject, "model", score.probability, rules)
        if pending_check and affirms:
            return Decision(ESCALATE, pending_check, subject, "check_answer", score.probability, rules)
        in_context = self._in_context(
            text, window, vectorize, classifier_sure, score, affirms, off_topic, answering_plan
        )
        if in_context is not None:
            return in_context
        if any(turn.tier == ESCALATE for turn in window):
            # The crisis reply has just been given and asked "are you safe right now?": asking again
            # whether they are thinking of ending their life would not listen to the answer.
            return Decision(NONE, score.category, subject, "after_escalation", score.probability, rules)
        # Where the intent classifier is sure of an ordinary intent ("i want to leave him"), the model
        # alone needs more to interrupt with a check-in.
        check_bar = self._check_bar(classifier_sure, answering_plan)
        if rules.cancelled:
            check_bar = max(check_bar, t.check_at_when_rules_cancelled)
        if score.probability >= check_bar:
            reason = "model_over_cancelled_rule" if rules.cancelled else "model"
            return Decision(CHECK, score.category, subject, reason, score.probability, rules)
        if classifier_crisis and not rules.cancelled:
            return Decision(CHECK, classifier_crisis, subject, "classifier", score.probability, rules)
        if classifier_unsure and score.probability >= (t.check_at_when_planning if answering_plan else t.signal_at):
            # Never "I didn't get that" to a message with any sign of risk: ask instead.
            return Decision(CHECK, score.category, subject, "unsure_with_signal", score.probability, rules)
        return Decision(NONE, score.category, subject, "", score.probability, rules)

    def _in_context(
        self,
        text: str,
        window: Sequence[Turn],
        vectorize,
        classifier_sure: bool,
        alone: RiskScore,
        affirms: bool,
        off_topic: bool = False,
        answering_plan: bool = False,
    ) -> Optional[Decision]:
        """The last few messages read together, when an earlier one carried a risk signal or this one is
        short: a message that is only dangerous after what came before ("i have them in my hand now"),
        or a crisis still going on after the crisis reply ("he's coming up the stairs")."""
        t = self.thresholds
        short = len(text.split()) <= t.context_short_words
        if not window or vectorize is None or not (short or self._carries_risk(window)):
            return None
        earlier = max(_RANK[turn.tier] for turn in window)
        escalated = [turn for turn in window if turn.tier == ESCALATE]
        if escalated:
            # A short answer after a crisis reply means what the crisis means ("i took them", "it's
            # done", "he's back"): read alone, it scores as little as "i'm scared", so only a confident
            # ordinary intent ("thank you", "ok i'll call them") or a plain yes ("yes i'm safe"; not
            # "yeah i still want to") keeps it from the crisis reply. A longer message needs some risk
            # of its own, or "i'm at my sister's now, thank you for the numbers" would repeat it.
            asked = window[-1].tier == ESCALATE  # every crisis reply ends with "are you safe right now?"
            own_bar = t.continue_at_when_asked if asked else t.continue_at
            says_safe = affirms and _answers_safe(text)
            ordinary = classifier_sure and not affirms and not off_topic
            if says_safe or ordinary or (not short and alone.probability < own_bar):
                return None
        joined = join_turns([turn.text for turn in window] + [text])
        rules, rows = self.detector.assess(joined), vectorize(joined)
        score = self.score(rows)
        subject = rules.subject if rules.is_crisis else self._subject(rows)
        if escalated:
            # The model's reading of the whole only: the rules would find the escalated message's words again.
            if score.probability >= t.escalate_at:
                # A new danger ("he's coming up the stairs" after "i want to die") gets the lines for it;
                # a message with little risk of its own ("i still want to") continues the first crisis.
                own = alone.category if alone.category and alone.probability >= t.continue_at else None
                category = own or escalated[-1].category or score.category
                return Decision(ESCALATE, category, subject, CRISIS_CONTINUES, score.probability, rules)
            return None
        if rules.is_crisis or score.probability >= t.escalate_at:
            category = rules.category if rules.is_crisis else score.category
            return Decision(ESCALATE, category, subject, "context", score.probability, rules)
        if score.probability >= self._check_bar(classifier_sure, answering_plan) and earlier == _RANK[NONE]:
            return Decision(CHECK, score.category, subject, "context", score.probability, rules)
        return None

    def _category_in_context(
        self, text: str, window: Sequence[Turn], vectorize, alone: RiskScore, subject: str
    ) -> Tuple[Optional[str], str]:
        """The category (and whose risk) of a message that escalates on its own, read with the earlier
        risky messages when there are some: "i have all his sleeping pills here" reads alone as a
        threat to him, but after "i want to die" as suicide. The categories are weighed by both
        readings (their product), so a new danger ("he's outside with a knife" after "i want to die")
        keeps its own category, which the whole window alone would drown."""
        if not self._carries_risk(window) or vectorize is None or len(alone.probabilities) != len(LABELS):
            return alone.category, subject
        rows = vectorize(join_turns([turn.text for turn in window] + [text]))
        joined = self.score(rows)
        if len(joined.probabilities) != len(LABELS):
            return alone.category, subject
        weighed = [a * j for a, j in zip(alone.probabilities[1:], joined.probabilities[1:])]
        return LABELS[1 + weighed.index(max(weighed))], self._subject(rows)

    def _check_bar(self, classifier_sure: bool, answering_plan: bool) -> float:
        """What the model alone needs to check in."""
        t = self.thresholds
        bar = t.check_at_when_classifier_sure if classifier_sure else t.check_at
        return max(bar, t.check_at_when_planning) if answering_plan else bar

    def _carries_risk(self, window: Sequence[Turn]) -> bool:
        """An earlier message got a check-in or the crisis reply, or scored a signal of risk."""
        return any(turn.tier != NONE or turn.probability >= self.thresholds.context_signal_at for turn in window)

    def _subject(self, rows: Optional[MessageRows]) -> str:
        return self.model.subject(rows) if self.model is not None and rows is not None else "self"
