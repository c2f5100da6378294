"""The MiniLM featurizer: training examples encoded on all cores give the features a live message gets."""

import numpy as np
from rasa.nlu.tokenizers.spacy_tokenizer import SpacyTokenizer
from rasa.nlu.utils.spacy_utils import SpacyNLP
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu import sentence_featurizer
from bot.nlu.sentence_featurizer import SentenceEmbeddingFeaturizer, training_states
from tests.helpers import ROOT

TEXTS = ["he says sorry and then it starts again", "why do i keep going back", "is this chat private?"]


def tokenized(texts):
    spacy = SpacyNLP.create(
        {**SpacyNLP.get_default_config(), "model": str(ROOT / "build/spacy/en_lookup_lemmatizer")}, None, None, None
    )
    tokenizer = SpacyTokenizer(SpacyTokenizer.get_default_config())
    messages = [Message(data={TEXT: text}) for text in texts]
    spacy.process(messages, spacy.provide())
    tokenizer.process(messages)
    return messages


def features(message):
    sequence, sentence = message.get_dense_features(TEXT, [])
    return sequence.features, sentence.features


def test_training_features_equal_live_features_and_are_kept_for_the_risk_model(monkeypatch):
    featurizer = SentenceEmbeddingFeaturizer("featurizer", {"alias": "minilm"})
    training = tokenized(TEXTS)
    featurizer.process_training_data(TrainingData(training_examples=training))
    live = featurizer.process(tokenized(TEXTS))
    for trained, served in zip(training, live):
        for a, b in zip(features(trained), features(served)):
            np.testing.assert_allclose(a, b, atol=1e-5)
    # The risk model reads the kept states; nothing is encoded again.
    monkeypatch.setattr(sentence_featurizer, "shared_encoder", None)
    for text, served in zip(TEXTS, live):
        states, _ = training_states(text)
        np.testing.assert_allclose(states, served.get(sentence_featurizer.ENCODER_STATES)[0], atol=1e-5)
