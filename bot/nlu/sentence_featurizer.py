"""Rasa dense featurizer: MiniLM sentence and token vectors (bot.language.sentence_encoder) for DIET.

Sentence features are the pooled sentence embedding. Sequence features give each Rasa token the mean
of the word pieces that overlap it, so DIET sees one dense vector per token beside the sparse counts.
"""

from typing import Any, Dict, List, Optional, Text

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.nlu.tokenizers.spacy_tokenizer import SpacyTokenizer
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, FEATURE_TYPE_SEQUENCE, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.language.sentence_encoder import read_all, shared_encoder
from bot.nlu.fingerprint import source_fingerprint


def _encode(text: Text):
    return _reading(*shared_encoder().token_states(text), text)


def _reading(states: np.ndarray, spans, text: Text):
    """What the featurizer keeps of one pass: the word-piece states and spans, and the pooled vector."""
    pooled = states.mean(axis=0)
    return states, tuple(spans), pooled / max(np.linalg.norm(pooled), 1e-9)


# The word-piece states of a live message, left on the message (never in its output, so never stored)
# for the risk component, which pools them per sentence instead of encoding the text a second time.
ENCODER_STATES = "minilm_states"

# Only training sentences are kept (cross-validation folds meet them again, and the risk layer's model
# reads the same examples); a person's messages are never kept in memory after their features are made.
_training_readings: Dict[Text, tuple] = {}


def _encode_for_training(text: Text):
    if text not in _training_readings:
        _training_readings[text] = _encode(text)
    return _training_readings[text]


def training_states(text: Text):
    """A training sentence's word-piece states and spans, from what the featurizer kept while training."""
    states, spans, _ = _encode_for_training(text)
    return states, spans


def token_vectors(states: np.ndarray, spans, token_spans) -> np.ndarray:
    """One vector per token: the mean of the word pieces overlapping it (the sentence mean if none)."""
    vectors = []
    for start, end in token_spans:
        rows = [i for i, (s, e) in enumerate(spans) if e > s and s < end and e > start]
        vectors.append(states[rows].mean(axis=0) if rows else states.mean(axis=0))
    return np.array(vectors, dtype=np.float32).reshape(len(token_spans), states.shape[1])


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class SentenceEmbeddingFeaturizer(DenseFeaturizer, GraphComponent):
    @classmethod
    def required_components(cls) -> List[type]:
        return [SpacyTokenizer]

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SentenceEmbeddingFeaturizer":
        return cls(execution_context.node_name, config)

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        pass

    @classmethod
    def fingerprint_addon(cls, config: Dict[Text, Any]) -> Optional[Text]:
        # Cached features must be remade when the encoder or this featurizer changes.
        return source_fingerprint(["language", "nlu"])

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            states = self._featurize(message, _encode)
            if states is not None:
                message.set(ENCODER_STATES, states)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        texts = [message.get(TEXT) for message in training_data.training_examples if message.get(TEXT)]
        _training_readings.update(read_all([text for text in texts if text not in _training_readings], _reading))
        for message in training_data.training_examples:
            self._featurize(message, _encode_for_training)
        return training_data

    def _featurize(self, message: Message, encode) -> Optional[tuple]:
        text: Optional[Text] = message.get(TEXT)
        tokens = message.get(TOKENS_NAMES[TEXT])
        if not text or not tokens:
            return None
        states, spans, sentence = encode(text)
        sequence = token_vectors(states, spans, [(t.start, t.end) for t in tokens])
        alias = self._identifier
        message.add_features(Features(sequence, FEATURE_TYPE_SEQUENCE, TEXT, alias))
        message.add_features(Features(sentence.reshape(1, -1).astype(np.float32), FEATURE_TYPE_SENTENCE, TEXT, alias))
        return states, spans
