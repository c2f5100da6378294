"""The fast calibrated probabilities against scikit-learn's own, on small fitted models."""

import pickle

import numpy as np
import pytest
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline, make_union
from sklearn.preprocessing import FunctionTransformer
from sklearn.svm import LinearSVC

from bot.safety.calibrated_scoring import CalibratedScorer, FastProbabilities


def _data(classes=4, n=15, dims=6, seed=1, dtype=np.float64):
    generator = np.random.default_rng(seed)
    centres = np.eye(classes, dims) * 3
    X = np.vstack([centres[c] + generator.normal(0, 0.8, (n, dims)) for c in range(classes)]).astype(dtype)
    y = np.repeat([f"class_{c}" for c in range(classes)], n)
    return X, y


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize(
    "base",
    [
        lambda: LogisticRegression(C=2.0, max_iter=500),
        lambda: MLPClassifier(hidden_layer_sizes=(9,), max_iter=400, random_state=0),
        lambda: MLPClassifier(hidden_layer_sizes=(7, 5), max_iter=400, random_state=0),
    ],
)
def test_the_probabilities_are_scikit_learns(base, dtype):
    X, y = _data(dtype=dtype)
    calibrated = CalibratedClassifierCV(base(), method="sigmoid", cv=3).fit(X, y)
    assert CalibratedScorer.supports(calibrated)
    fast = FastProbabilities(calibrated)
    far = X * 40  # far outside the training data, where calibrators saturate
    for inputs in (X, X[:1], far):
        assert np.allclose(
            fast.predict_proba(inputs),
            calibrated.predict_proba(inputs),
            rtol=0,
            atol=1e-6 if dtype == np.float32 else 1e-12,
        )
    assert list(fast.classes_) == list(calibrated.classes_)


@pytest.mark.parametrize("sublinear", [True, False])
def test_a_pipeline_of_text_features_and_a_sparse_linear_model_gives_the_same_probabilities(sublinear):
    texts = [
        f"{word} and {other}"
        for word in ("pills", "knife", "car", "tea")
        for other in ("now", "later", "again", "once")
    ]
    labels = np.array([text.split()[0] for text in texts] * 2)
    pipeline = make_pipeline(
        FunctionTransformer(_upper_to_lower),
        make_union(
            TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=sublinear),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=sublinear, max_features=60),
        ),
        CalibratedClassifierCV(LogisticRegression(C=5.0, max_iter=500), method="sigmoid", cv=2),
    ).fit(texts * 2, labels)
    fast = FastProbabilities(pipeline)
    assert fast.tfidf is not None
    queries = ["PILLS now now now", "a knife again", "nothing like these", "", "car car tea pills knife"]
    assert np.allclose(fast.predict_proba(queries), pipeline.predict_proba(queries), rtol=0, atol=1e-12)
    # Persisted in the Rasa model with joblib (pickle), analyzers included.
    assert np.array_equal(pickle.loads(pickle.dumps(fast)).predict_proba(queries), fast.predict_proba(queries))


def _upper_to_lower(texts):
    return [text.lower() for text in texts]


def test_what_it_does_not_cover_is_left_to_scikit_learn():
    X, y = _data()
    isotonic = CalibratedClassifierCV(LogisticRegression(max_iter=500), method="isotonic", cv=3).fit(X, y)
    svm = CalibratedClassifierCV(LinearSVC(), method="sigmoid", cv=3).fit(X, y)
    X2, y2 = _data(classes=2)
    binary = CalibratedClassifierCV(LogisticRegression(max_iter=500), method="sigmoid", cv=3).fit(X2, y2)
    for calibrated, inputs in ((isotonic, X), (svm, X), (binary, X2)):
        fast = FastProbabilities(calibrated)
        assert fast.scorer is None
        assert np.array_equal(fast.predict_proba(inputs), calibrated.predict_proba(inputs))
