"""The cross-validation folds: stratified, disjoint, complete, and the same for the same seed."""

from collections import Counter

from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from tools import nlu_cross_validation as cross_validation


def _data() -> TrainingData:
    examples = [
        Message(data={"text": f"{intent} example {i}", "intent": intent})
        for intent, count in (("greet", 10), ("deny", 15), ("ask_signs", 25))
        for i in range(count)
    ]
    return TrainingData(training_examples=examples)


def _texts(data: TrainingData):
    return [message.get("text") for message in data.intent_examples]


def test_every_example_is_held_out_exactly_once_and_never_trained_on_in_its_fold():
    data = _data()
    held_out = []
    for train, test in cross_validation.folds(data, 5, seed=0):
        assert not set(_texts(train)) & set(_texts(test))
        assert len(train.intent_examples) + len(test.intent_examples) == 50
        held_out += _texts(test)
    assert sorted(held_out) == sorted(_texts(data))


def test_each_fold_keeps_the_intent_proportions():
    for _, test in cross_validation.folds(_data(), 5, seed=0):
        assert Counter(m.get("intent") for m in test.intent_examples) == {"greet": 2, "deny": 3, "ask_signs": 5}


def test_the_same_seed_gives_the_same_folds_and_another_seed_other_folds():
    def held_out(seed):
        return [_texts(test) for _, test in cross_validation.folds(_data(), 5, seed)]

    assert held_out(0) == held_out(0)
    assert held_out(0) != held_out(1)
