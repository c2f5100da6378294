"""Rasa NLU graph component: runs the risk detector on every user message.

A rule hit overrides the intent with the crisis intent at confidence 1.0 and records the category and
who is at risk. The statistical classifier may add detections of its own (crisis intents are trained in
NLU), but never cancels a rule hit: this component runs last. A crisis intent the classifier found on
its own stands when it is confident, and is dropped when the detector saw the risk words negated or
used as an idiom ("i would never kill myself", "this job is killing me").
"""

import logging
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.safety.detector import DEFAULT_NEGATION_WINDOW, RiskAssessment, RiskDetector
from crisis.categories import intent_for, is_crisis_intent

logger = logging.getLogger(__name__)

SUBJECT_ENTITY = "crisis_subject"
# A crisis the classifier sees on its own must be this confident. Measured on the open corpora:
# false alarms fell from 6.5% to 2.4% for 0.2 points of recall (README, issue notes).
DEFAULT_CLASSIFIER_MIN_CONFIDENCE = 0.8


def override_with_crisis(
    parse: Dict[Text, Any],
    text: Text,
    risk: RiskAssessment,
    classifier_min_confidence: float = DEFAULT_CLASSIFIER_MIN_CONFIDENCE,
) -> Dict[Text, Any]:
    """The message's intent, ranking and entities once the detector has spoken (a plain function)."""
    ranking = [r for r in parse.get(INTENT_RANKING_KEY) or [] if not is_crisis_intent(r["name"])]
    entities = [e for e in parse.get(ENTITIES) or [] if e.get("entity") != SUBJECT_ENTITY]
    intent = parse.get(INTENT) or {}
    if risk.is_crisis:
        intent = {"name": intent_for(risk.category), "confidence": 1.0}
        ranking = [intent] + ranking
        entities = entities + [_subject_entity(text, risk.subject)]
    elif is_crisis_intent(intent.get("name")):
        if not risk.cancelled and intent.get("confidence", 0.0) >= classifier_min_confidence:
            # The classifier found a risk the rules did not see: keep it, and address the writer.
            return {**parse, ENTITIES: entities + [_subject_entity(text, "self")]}
        intent = ranking[0] if ranking else {"name": "nlu_fallback", "confidence": 1.0}
    return {**parse, INTENT: intent, INTENT_RANKING_KEY: ranking, ENTITIES: entities}


def _subject_entity(text: Text, subject: Text) -> Dict[Text, Any]:
    return {
        "entity": SUBJECT_ENTITY,
        "value": subject,
        "start": 0,
        "end": len(text),
        "confidence": 1.0,
        "extractor": RiskDetectorComponent.__name__,
    }


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class RiskDetectorComponent(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "classifier_min_confidence": DEFAULT_CLASSIFIER_MIN_CONFIDENCE,
            "negation_window": DEFAULT_NEGATION_WINDOW,
        }

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "RiskDetectorComponent":
        return cls(RiskDetector(negation_window=config["negation_window"]), config["classifier_min_confidence"])

    def __init__(
        self, detector: RiskDetector, classifier_min_confidence: float = DEFAULT_CLASSIFIER_MIN_CONFIDENCE
    ) -> None:
        self.detector = detector
        self.classifier_min_confidence = classifier_min_confidence

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._process(message)
        return messages

    def _process(self, message: Message) -> None:
        text: Optional[Text] = message.get(TEXT)
        if not text or text.startswith("/"):  # button payloads name their intent already
            return
        try:
            risk = self.detector.assess(text)
        except Exception:
            # Never silent: the classifier's crisis intents still stand, and the failure is logged loud.
            logger.exception("Risk detector failed; falling back to the classifier's intent")
            return
        parse = {key: message.get(key) for key in (INTENT, INTENT_RANKING_KEY, ENTITIES)}
        for key, value in override_with_crisis(parse, text, risk, self.classifier_min_confidence).items():
            message.set(key, value, add_to_output=True)
        if risk.is_crisis:
            message.set(
                "risk",
                {"category": risk.category, "subject": risk.subject, "matched": list(risk.matched)},
                add_to_output=True,
            )
            logger.info("Risk detector: %s (%s)", risk.category, risk.subject)
