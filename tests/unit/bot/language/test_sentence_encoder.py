"""The NumPy all-MiniLM-L6-v2 encoder and the Rasa featurizer around it."""

import numpy as np
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.training_data.message import Message

from bot.language.sentence_encoder import basic_words, shared_encoder
from bot.nlu.sentence_featurizer import SentenceEmbeddingFeaturizer, token_vectors


def test_reproduces_the_published_similarities_of_the_model():
    """sentence-transformers' quickstart shows these cosine similarities for all-MiniLM-L6-v2:
    0.6945, 0.9429 and 0.2568 against "That is a happy person"."""
    sentences = ["That is a happy person", "That is a happy dog", "That is a very happy person", "Today is a sunny day"]
    vectors = np.array([shared_encoder().encode(s) for s in sentences])
    assert np.allclose(vectors[0] @ vectors[1:].T, [0.6945, 0.9429, 0.2568], atol=2e-4)


def test_wordpieces_follow_bert_uncased():
    ids, spans = shared_encoder().wordpieces("I can't LEAVE")
    assert ids == [101, 1045, 2064, 1005, 1056, 2681, 102]
    assert spans[5] == (8, 13)


def test_basic_words_fold_case_and_accents_and_keep_spans():
    assert basic_words("Éire, ok?") == [("eire", 0, 4), (",", 4, 5), ("ok", 6, 8), ("?", 8, 9)]


def test_paraphrases_are_closer_than_unrelated_sentences():
    encode = shared_encoder().encode
    leave, walk_away, weather = (
        encode("why can't i leave him"),
        encode("why is it so hard to walk away"),
        encode("what's the weather tomorrow"),
    )
    assert leave @ walk_away > leave @ weather + 0.2


def test_each_token_gets_the_mean_of_its_word_pieces():
    states = np.arange(12, dtype=np.float32).reshape(4, 3)
    spans = [(0, 0), (0, 3), (0, 3), (4, 6)]
    vectors = token_vectors(states, spans, [(0, 3), (4, 6), (7, 9)])
    assert np.allclose(vectors[0], states[1:3].mean(axis=0))
    assert np.allclose(vectors[1], states[3])
    assert np.allclose(vectors[2], states.mean(axis=0))


def test_the_featurizer_adds_sequence_and_sentence_features():
    featurizer = SentenceEmbeddingFeaturizer("emb", {"alias": None})
    message = Message(data={"text": "he took my keys"})
    message.set(TOKENS_NAMES["text"], [Token("he", 0), Token("took", 3), Token("my", 8), Token("keys", 11)])
    featurizer.process([message])
    sequence, sentence = message.get_dense_features("text")
    assert sequence.features.shape == (4, 384) and sentence.features.shape == (1, 384)
