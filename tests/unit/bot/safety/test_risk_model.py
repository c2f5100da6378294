"""The learned risk model's plain parts: sentence readings pooled from one encoder pass, and a model
fitted on a small synthetic set (the real one is measured on the corpora by tools/)."""

import numpy as np

from bot.safety.risk_corpus import Example, training_rows
from bot.safety.risk_model import LABELS, MessageRows, RiskModel, message_rows, rows_of, rows_of_all, sentence_spans


def test_sentences_are_split_at_stops_and_line_breaks_and_fragments_are_dropped():
    text = "we met in 2019. he was kind at first!\nthen it changed ... x"
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "we met in 2019.",
        "he was kind at first!",
        "then it changed ...",
    ]
    assert sentence_spans("hi") == [(0, 2)]


def test_each_sentence_is_pooled_from_the_pieces_inside_it():
    text = "aa bb. cc dd."
    spans = [(0, 0), (0, 2), (3, 5), (5, 6), (7, 9), (10, 12), (12, 13), (0, 0)]
    states = np.eye(8, 4, dtype=np.float32) + 0.01
    rows = message_rows(states, spans, text)
    assert rows.texts == (text, "aa bb.", "cc dd.")
    assert rows.vectors.shape == (3, 4)
    assert np.allclose(np.linalg.norm(rows.vectors, axis=1), 1.0)
    first = states[1:4].mean(axis=0)
    assert np.allclose(rows.vectors[1], first / np.linalg.norm(first))


def test_a_long_message_trains_its_risk_sentence_as_a_crisis_and_the_others_as_none():
    text = "we met at work. i hid the pills in a sock. he cooks on sundays."
    vectors = np.eye(4, 3)
    example = Example(text=text, category="suicide", kind="long", risk_sentence="i hid the pills in a sock.")
    readings = MessageRows(vectors, (text, "we met at work.", "i hid the pills in a sock.", "he cooks on sundays."))
    _, texts, labels = training_rows(example, lambda _: readings)
    assert labels == ["suicide", "none", "suicide", "none"]
    assert texts[2] == "i hid the pills in a sock."


def _synthetic(n=12, seed=0):
    generator = np.random.default_rng(seed)
    centres = np.eye(len(LABELS), 8) * 4
    vectors = np.vstack([centres[i] + generator.normal(0, 0.3, (n, 8)) for i in range(len(LABELS))])
    labels = [label for label in LABELS for _ in range(n)]
    subjects = ["other" if i % 3 == 0 else "self" for i in range(len(labels))]
    return vectors, labels, subjects


def test_the_riskiest_reading_decides_the_score():
    vectors, labels, subjects = _synthetic()
    model = RiskModel.fit(vectors, ["x"] * len(labels), labels, subjects, kind="logistic")
    calm, danger = np.eye(len(LABELS), 8)[0] * 4, np.eye(len(LABELS), 8)[2] * 4
    score = model.score(MessageRows(np.vstack([calm, calm, danger]), ("all", "one", "two")))
    assert score.category == LABELS[2] and score.probability > 0.5
    assert abs(sum(score.probabilities) - 1.0) < 1e-6
    assert model.score(MessageRows(np.vstack([calm]), ("all",))).probability < 0.5


def test_every_model_kind_scores_with_scikit_learns_probabilities():
    vectors, labels, subjects = _synthetic()
    texts = [f"{label} words {i % 4}" for i, label in enumerate(labels)]
    rows = MessageRows(vectors[::7], tuple(texts[::7]))
    for kind in ("logistic", "mlp", "lexical", "mlp+lexical"):
        model = RiskModel.fit(vectors, texts, labels, subjects, kind=kind)
        inputs = {"vectors": rows.vectors, "texts": list(rows.texts)}
        expected = np.mean(
            [
                fast.estimator.predict_proba(inputs[view])[:, [list(fast.classes_).index(label) for label in LABELS]]
                for view, fast in model.views
            ],
            axis=0,
        )
        assert all(fast.scorer is not None for _, fast in model.views), kind
        assert np.allclose(model.probabilities(rows), expected, rtol=0, atol=1e-12), kind


def test_texts_read_on_every_core_get_the_readings_of_one_pass_each():
    texts = ["he said he would change.", "i miss him. i want to go back. he hurt me", "he said he would change."]
    readings = rows_of_all(texts, jobs=2)
    assert set(readings) == set(texts)
    for text in texts:
        alone = rows_of(text)
        assert readings[text].texts == alone.texts
        assert np.allclose(readings[text].vectors, alone.vectors, atol=1e-5)
