"""Rasa NLU graph component: the risk layer (bot.safety.risk_layer) on every user message.

Trained at `rasa train`: the learned risk model is fitted on data/risk plus the NLU examples and kept in
the model. At run time it reads the message with the rules and the model, and the person's last few
messages from the tracker (Rasa hands the tracker to NLU components that ask for it), then sets:

- escalate: the crisis intent (`crisis_<category>`) at confidence 1.0, with `crisis_subject`;
- check in: the `risk_check` intent with `risk_category` and `crisis_subject`;
- otherwise: the classifier's intent, minus any crisis guess it made on its own.

The decision itself (tier, category, reason, probability; never text) goes to the parse data as
`risk`, where the next message's reading finds it. Runs last, so nothing after it can undo a crisis.
"""

import hashlib
import logging
from pathlib import Path
from typing import Any, Dict, List, Optional, Text

import joblib
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.fingerprint import source_fingerprint
from bot.nlu.sentence_featurizer import ENCODER_STATES, training_states
from bot.safety.detector import DEFAULT_NEGATION_WINDOW, RiskDetector
from bot.safety.risk_corpus import Example, corpus_files, load_dir, training_set
from bot.safety.risk_layer import CHECK, CRISIS_CONTINUES, ESCALATE, Decision, RiskLayer, Thresholds, Turn
from bot.safety.risk_model import MessageRows, RiskModel, message_rows, rows_of, rows_of_all
from crisis.categories import category_of_intent, intent_for, is_crisis_intent

logger = logging.getLogger(__name__)

SUBJECT_ENTITY = "crisis_subject"
CATEGORY_ENTITY = "risk_category"
# Someone else's suicide threat made to stop the writer leaving gets its own reply (domain.yml).
CONTEXT_ENTITY = "crisis_context"
THREAT_AS_CONTROL, CONTINUES, PLAIN = "threat_as_control", "continues", "plain"
CHECK_INTENT = "risk_check"
CHECK_RESPONSE = "utter_risk_check"
PLAN_FORM = "safety_plan_form"
RISK_KEY = "risk"
MODEL_FILE = "risk_model.joblib"
DEFAULT_CORPUS = "data/risk"
THRESHOLD_OPTIONS = (
    "escalate_at",
    "check_at",
    "signal_at",
    "context_window",
    "context_signal_at",
    "context_short_words",
    "confident_at",
    "check_at_when_classifier_sure",
    "check_at_when_rules_cancelled",
    "continue_at",
    "continue_at_when_asked",
    "check_at_when_planning",
)
# The rules without the learned model: what the intent classifier's cross-validation runs with, since
# the model is measured on its own corpora and would cost a fit per fold.
RULES_ONLY = "rules_only"
ROOT = Path(__file__).resolve().parents[2]


def apply_decision(parse: Dict[Text, Any], text: Text, decision: Decision) -> Dict[Text, Any]:
    """The message's intent, ranking and entities once the risk layer has decided (a plain function).

    Escalations and check-ins always set the category, who is at risk and the context, so that the
    replies' wording (conditional variations in domain.yml) never follows an earlier message's.
    """
    ranking = [r for r in parse.get(INTENT_RANKING_KEY) or [] if not _is_risk_intent(r["name"])]
    kept = [
        e for e in parse.get(ENTITIES) or [] if e.get("entity") not in (SUBJECT_ENTITY, CATEGORY_ENTITY, CONTEXT_ENTITY)
    ]
    intent = parse.get(INTENT) or {}
    if decision.tier in (ESCALATE, CHECK):
        name = intent_for(decision.category) if decision.tier == ESCALATE else CHECK_INTENT
        intent = {"name": name, "confidence": 1.0}
        ranking = [intent] + ranking
        # Harm to others is answered to the writer, who is the one to act.
        subject = "self" if decision.category == "harm_others" else decision.subject
        if decision.rules.threat_as_control:
            context = THREAT_AS_CONTROL
        elif decision.reason == CRISIS_CONTINUES:
            context = CONTINUES  # the crisis reply was given a message ago: not its first words again
        else:
            context = PLAIN
        kept += [
            _entity(text, CATEGORY_ENTITY, decision.category),
            _entity(text, SUBJECT_ENTITY, subject),
            _entity(text, CONTEXT_ENTITY, context),
        ]
    elif _is_risk_intent(intent.get("name")):
        intent = ranking[0] if ranking else {"name": "nlu_fallback", "confidence": 1.0}
    return {**parse, INTENT: intent, INTENT_RANKING_KEY: ranking, ENTITIES: kept}


def _is_risk_intent(name: Optional[Text]) -> bool:
    return is_crisis_intent(name) or name == CHECK_INTENT


def _entity(text: Text, entity: Text, value: Text) -> Dict[Text, Any]:
    return {
        "entity": entity,
        "value": value,
        "start": 0,
        "end": len(text),
        "confidence": 1.0,
        "extractor": RiskLayerComponent.__name__,
    }


def pending_check(tracker: Optional[DialogueStateTracker]) -> Optional[Text]:
    """The category of the check-in the assistant asked last, if its last action was that question."""
    for event in reversed(tracker.events if tracker is not None else []):
        if isinstance(event, ActionExecuted) and event.action_name != ACTION_LISTEN_NAME:
            if event.action_name == CHECK_RESPONSE:
                return tracker.get_slot(CATEGORY_ENTITY) or "suicide"
            return None
    return None


def answering_plan(tracker: Optional[DialogueStateTracker]) -> bool:
    """The safety plan is asking its questions, so this message is most likely an answer to one."""
    return tracker is not None and tracker.active_loop_name == PLAN_FORM


def history_of(tracker: Optional[DialogueStateTracker], size: int) -> List[Turn]:
    """The person's last `size` typed messages of this session with the decisions they got, oldest first."""
    turns: List[Turn] = []
    for event in reversed(tracker.events if tracker is not None else []):
        if isinstance(event, SessionStarted) or len(turns) == size:
            break
        if isinstance(event, UserUttered) and event.text and not event.text.startswith("/"):
            risk = (event.parse_data or {}).get(RISK_KEY) or {}
            turns.append(
                Turn(event.text, risk.get("tier", "none"), float(risk.get("probability", 0.0)), risk.get("category"))
            )
    return turns[::-1]


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class RiskLayerComponent(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        defaults = Thresholds()
        return {
            "corpus": DEFAULT_CORPUS,
            "model_kind": "mlp+lexical",
            **{name: getattr(defaults, name) for name in THRESHOLD_OPTIONS},
            "classifier_min_confidence": 0.8,
            "negation_window": DEFAULT_NEGATION_WINDOW,
        }

    @classmethod
    def fingerprint_addon(cls, config: Dict[Text, Any]) -> Optional[Text]:
        # Retrain when the risk corpus or the code that reads and encodes it changes. When the training
        # output is cached, Rasa's training hook passes the cached node's config, which has no corpus.
        corpus = config.get("corpus", DEFAULT_CORPUS)
        digest = hashlib.sha256(source_fingerprint(["language", "nlu", "safety"]).encode())
        for path in corpus_files(ROOT / corpus):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
        return digest.hexdigest()

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "RiskLayerComponent":
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "RiskLayerComponent":
        model = None
        if config["model_kind"] != RULES_ONLY:
            with model_storage.read_from(resource) as directory:
                model = joblib.load(directory / MODEL_FILE)
        return cls(config, model_storage, resource, model)

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: Optional[RiskModel] = None,
    ) -> None:
        self.config = config
        self.model_storage = model_storage
        self.resource = resource
        thresholds = Thresholds(**{name: config[name] for name in THRESHOLD_OPTIONS})
        self.layer = RiskLayer(RiskDetector(negation_window=config["negation_window"]), model, thresholds)

    def train(self, training_data: TrainingData) -> Resource:
        if self.config["model_kind"] == RULES_ONLY:
            return self.resource
        corpus = load_dir(ROOT / self.config["corpus"])
        examples = corpus + [
            Example(text=m.get(TEXT), category=category_of_intent(m.get(INTENT)) or "none", kind="nlu")
            for m in training_data.intent_examples
        ]
        # The NLU examples were encoded by the featurizer a step before (training_states keeps them);
        # the corpus is encoded here, on every core.
        encoded = rows_of_all([example.text for example in corpus])

        def vectorize(text: Text) -> MessageRows:
            return encoded[text] if text in encoded else message_rows(*training_states(text), text)

        rows = training_set(examples, vectorize)
        model = RiskModel.fit(rows.vectors, rows.texts, rows.labels, rows.subjects, kind=self.config["model_kind"])
        logger.info("Risk model trained on %d readings of %d examples", len(rows.labels), len(examples))
        with self.model_storage.write_to(self.resource) as directory:
            joblib.dump(model, directory / MODEL_FILE)
        self.layer.model = model
        return self.resource

    def process(self, messages: List[Message], tracker: Optional[DialogueStateTracker] = None) -> List[Message]:
        for message in messages:
            self._process(message, tracker)
        return messages

    def _process(self, message: Message, tracker: Optional[DialogueStateTracker]) -> None:
        text: Optional[Text] = message.get(TEXT)
        if not text or text.startswith("/"):  # button payloads name their intent already
            return
        parse = {key: message.get(key) for key in (INTENT, INTENT_RANKING_KEY, ENTITIES)}
        intent = parse[INTENT] or {}
        confident = intent.get("confidence", 0.0) >= self.config["classifier_min_confidence"]
        try:
            decision = self.layer.decide(
                text,
                self._rows(message, text),
                history_of(tracker, self.config["context_window"]),
                classifier_crisis=category_of_intent(intent.get("name")) if confident else None,
                affirms=intent.get("name") == "affirm",
                pending_check=pending_check(tracker),
                classifier_unsure=intent.get("name") == "nlu_fallback",
                classifier_sure=confident
                and not _is_risk_intent(intent.get("name"))
                and intent.get("name") != "nlu_fallback",
                off_topic=intent.get("name") == "out_of_scope",
                vectorize=rows_of,
                answering_plan=answering_plan(tracker),
            )
        except Exception:
            # Never silent: the rules alone still decide, and the failure is logged loud.
            logger.exception("Risk layer failed; deciding on the rules alone")
            try:
                decision = RiskLayer(self.layer.detector, None, self.layer.thresholds).decide(text, None)
            except Exception:
                logger.exception("Rule detector failed too; the classifier's intent stands")
                return
        for key, value in apply_decision(parse, text, decision).items():
            message.set(key, value, add_to_output=True)
        message.set(RISK_KEY, decision.as_dict(), add_to_output=True)
        if decision.tier != "none":
            logger.info(
                "Risk layer: %s %s (%s, %s)", decision.tier, decision.category, decision.subject, decision.reason
            )

    @staticmethod
    def _rows(message: Message, text: Text) -> MessageRows:
        states = message.get(ENCODER_STATES)
        return message_rows(*states, text) if states is not None else rows_of(text)
