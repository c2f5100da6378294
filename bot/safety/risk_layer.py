"""The risk layer's one decision per message: escalate, check in, or carry on.

Inputs: the rule detector's reading of the message, the learned model's calibrated probability for
the message and each of its sentences, the classifier's intent, and the person's last few messages
with the decisions they got. Three tiers:

- escalate: a rule hit, or the model at or above `escalate_at`, or "yes" to the check-in just asked, or the last
  few messages together crossing `escalate_at` when no message in them was escalated yet;
- check: the model at or above `check_at` (or above `escalate_at` where the rules saw the risk words
  negated or used harmlessly), a confident crisis guess of the intent classifier that the
  rules did not see negated, or the messages together crossing `check_at`;
- none: everything else; `signal_at` still marks a message that should not be met with "I didn't
  get that" (the component checks in instead of the fallback).

A rule hit is never cancelled by the model. Plain Python: no Rasa import.
"""

from dataclasses import dataclass, field
from typing import Callable, Optional, Sequence

from bot.safety.detector import RiskAssessment, RiskDetector
from bot.safety.risk_corpus import join_turns
from bot.safety.risk_model import NO_RISK, MessageRows, RiskModel, RiskScore

ESCALATE, CHECK, NONE = "escalate", "check", "none"
_RANK = {NONE: 0, CHECK: 1, ESCALATE: 2}


@dataclass(frozen=True)
class Thresholds:
    escalate_at: float = 0.5
    check_at: float = 0.25
    signal_at: float = 0.2
    context_window: int = 2  # earlier messages read with the current one
    confident_at: float = 0.8  # the model overrides the rules' reading of negated risk words above this
    check_at_when_classifier_sure: float = 0.4
    # Where the rules read the risk words as negated or harmless ("i'm not suicidal, just flat"), the
    # model needs this much to check in, and confident_at to escalate.
    check_at_when_rules_cancelled: float = 0.5


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
    ) -> Decision:
        """classifier_crisis: the category of a confident crisis intent from the intent classifier;
        affirms: the classifier read this message as "yes"; classifier_sure: it is confident of an
        ordinary (non-crisis) intent; pending_check: the category of the check-in
        the assistant just asked, if it did; classifier_unsure: it fell back ("I didn't get that");
        vectorize: encodes the context window (called only when earlier messages carried a signal)."""
        t = self.thresholds
        rules = self.detector.assess(text)
        score = self.score(rows)
        subject = rules.subject if rules.is_crisis else self._subject(rows)
        if rules.is_crisis:
            return Decision(ESCALATE, rules.category, rules.subject, "rules", score.probability, rules)
        # The rules saw the risk words negated or used harmlessly ("i would never kill myself"), which
        # embeddings read poorly: below confident_at the model may only ask, and needs more to ask.
        overruled = bool(rules.cancelled) and score.probability < t.confident_at
        if score.probability >= t.escalate_at and not overruled:
            return Decision(ESCALATE, score.category, subject, "model", score.probability, rules)
        if pending_check and affirms:
            return Decision(ESCALATE, pending_check, subject, "check_answer", score.probability, rules)
        in_context = self._in_context(text, history, vectorize, classifier_sure)
        if in_context is not None:
            return in_context
        # Where the intent classifier is sure of an ordinary intent ("i want to leave him"), the model
        # alone needs more to interrupt with a check-in.
        check_bar = t.check_at_when_classifier_sure if classifier_sure else t.check_at
        if rules.cancelled:
            check_bar = max(check_bar, t.check_at_when_rules_cancelled)
        if score.probability >= check_bar:
            reason = "model_over_cancelled_rule" if rules.cancelled else "model"
            return Decision(CHECK, score.category, subject, reason, score.probability, rules)
        if classifier_crisis and not rules.cancelled:
            return Decision(CHECK, classifier_crisis, subject, "classifier", score.probability, rules)
        if classifier_unsure and score.probability >= t.signal_at:
            # Never "I didn't get that" to a message with any sign of risk: ask instead.
            return Decision(CHECK, score.category, subject, "unsure_with_signal", score.probability, rules)
        return Decision(NONE, score.category, subject, "", score.probability, rules)

    def _in_context(self, text: str, history: Sequence[Turn], vectorize, classifier_sure: bool) -> Optional[Decision]:
        """The last few messages read together, when an earlier one carried a risk signal: a message
        that is only dangerous after what came before ("i have them in my hand now")."""
        t = self.thresholds
        window = list(history[-t.context_window :]) if t.context_window else []
        if (
            not window
            or vectorize is None
            or not any(turn.probability >= t.signal_at or turn.tier != NONE for turn in window)
        ):
            return None
        earlier = max(_RANK[turn.tier] for turn in window)
        if earlier == _RANK[ESCALATE]:
            return None  # the crisis reply was already given; a new message escalates on its own
        joined = join_turns([turn.text for turn in window] + [text])
        rules, rows = self.detector.assess(joined), vectorize(joined)
        score = self.score(rows)
        subject = rules.subject if rules.is_crisis else self._subject(rows)
        if rules.is_crisis or score.probability >= t.escalate_at:
            category = rules.category if rules.is_crisis else score.category
            return Decision(ESCALATE, category, subject, "context", score.probability, rules)
        check_at = t.check_at_when_classifier_sure if classifier_sure else t.check_at
        if score.probability >= check_at and earlier == _RANK[NONE]:
            return Decision(CHECK, score.category, subject, "context", score.probability, rules)
        return None

    def _subject(self, rows: Optional[MessageRows]) -> str:
        return self.model.subject(rows) if self.model is not None and rows is not None else "self"
