"""The calibrated models' probabilities in a few NumPy operations, equal to scikit-learn's.

Every message pays for the risk model, and scikit-learn's `CalibratedClassifierCV.predict_proba`
spends most of its time on per-call checks: five folds, each a base model and six sigmoid calibrators,
each call validating its input again (most of the model's time per message: README, "make bench").
The fitted parameters are read once here and the same computation is done in one pass over all
folds: the base models' scores (a linear model's decision function, or a small MLP's softmax output),
each class's sigmoid `1 / (1 + exp(a * score + b))`, normalised per fold, averaged over folds. The
probabilities are scikit-learn's (tests/unit/bot/safety/test_calibrated_scoring.py compares them):
equal to 1e-12 for float64 inputs; for the float32 embeddings to about 1e-8, since scikit-learn
calibrates their scores in float32 and this does it in float64.

The n-gram view's TF-IDF rows are made the same way (`TfidfRows`): scikit-learn's own analyzers,
vocabularies and idf weights, the counts, `1 + log(count)`, times idf, unit length; only the sparse
matrices, which cost more to build than the arithmetic on a message's hundred n-grams, are left out.

Plain NumPy and SciPy on fitted scikit-learn 1.1 objects; anything else is left to scikit-learn.
"""

from collections import Counter
from typing import List, Optional, Sequence, Tuple

import numpy as np
from scipy.special import expit
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import FunctionTransformer

# A text's TF-IDF row: its column indices and their values.
SparseRow = Tuple[np.ndarray, np.ndarray]


class CalibratedScorer:
    """predict_proba of a fitted CalibratedClassifierCV (sigmoid) over linear models or MLPs."""

    def __init__(self, calibrated: CalibratedClassifierCV) -> None:
        folds = calibrated.calibrated_classifiers_
        self.classes_ = calibrated.classes_
        self.n_folds, self.n_classes = len(folds), len(self.classes_)
        # Columns fold by fold, class by class: the sigmoid's a and b for each base score.
        self.a = np.concatenate([[c.a_ for c in fold.calibrators] for fold in folds])
        self.b = np.concatenate([[c.b_ for c in fold.calibrators] for fold in folds])
        bases = [fold.base_estimator for fold in folds]
        if isinstance(bases[0], LogisticRegression):
            # One product for all folds: (features x folds*classes), C-ordered for a sparse row times it.
            self.weights = np.ascontiguousarray(np.vstack([b.coef_ for b in bases]).T)
            self.intercepts = np.concatenate([b.intercept_ for b in bases])
            self.layers = None
        else:
            self.weights = self.intercepts = None
            self.layers = [(b.coefs_, b.intercepts_) for b in bases]

    @staticmethod
    def supports(estimator) -> bool:
        if not isinstance(estimator, CalibratedClassifierCV) or estimator.method != "sigmoid":
            return False
        folds = getattr(estimator, "calibrated_classifiers_", ())
        if not folds or len(estimator.classes_) < 3:
            return False  # the two-class case is normalised differently; scikit-learn does it then
        for fold in folds:
            base = fold.base_estimator
            same_classes = list(base.classes_) == list(estimator.classes_)
            linear = isinstance(base, LogisticRegression) and base.coef_.shape[0] == len(base.classes_)
            mlp = isinstance(base, MLPClassifier) and base.activation == "relu" and base.out_activation_ == "softmax"
            if not same_classes or not (linear or mlp):
                return False
        return True

    def _base_scores(self, X) -> np.ndarray:
        """(messages, folds*classes): what each fold's base model hands its calibrators."""
        if self.layers is None:
            return np.asarray(X @ self.weights) + self.intercepts
        outputs = []
        for coefs, intercepts in self.layers:
            hidden = np.asarray(X)  # float32 stays float32, as in scikit-learn's forward pass
            for i, (weights, bias) in enumerate(zip(coefs, intercepts)):
                hidden = hidden @ weights + bias
                if i < len(coefs) - 1:
                    np.maximum(hidden, 0, out=hidden)
            hidden = np.exp(hidden - hidden.max(axis=1, keepdims=True))
            outputs.append(hidden / hidden.sum(axis=1, keepdims=True))
        return np.hstack(outputs)

    def predict_proba(self, X) -> np.ndarray:
        return self.calibrate(self._base_scores(X))

    def linear_scores(self, rows: Sequence[SparseRow]) -> np.ndarray:
        """The linear folds' decision functions for TF-IDF rows given as (indices, values)."""
        return np.vstack([values @ self.weights[indices] for indices, values in rows]) + self.intercepts

    def calibrate(self, scores: np.ndarray) -> np.ndarray:
        """The base scores (messages, folds*classes) to probabilities, as each fold's calibrators do."""
        calibrated = expit(-(self.a * scores + self.b))
        per_fold = calibrated.reshape(calibrated.shape[0], self.n_folds, self.n_classes)
        totals = per_fold.sum(axis=2, keepdims=True)
        uniform = np.full_like(per_fold, 1.0 / self.n_classes)
        per_fold = np.divide(per_fold, totals, out=uniform, where=totals != 0)
        per_fold[(1.0 < per_fold) & (per_fold <= 1.0 + 1e-5)] = 1.0
        return per_fold.mean(axis=1)


class TfidfRows:
    """The rows a FeatureUnion of fitted TfidfVectorizers makes, one (indices, values) per text."""

    def __init__(self, union: FeatureUnion) -> None:
        self.parts = []
        offset = 0
        for _, vectorizer in union.transformer_list:
            self.parts.append(
                (vectorizer.build_analyzer(), vectorizer.vocabulary_, vectorizer.idf_, vectorizer.sublinear_tf, offset)
            )
            offset += len(vectorizer.vocabulary_)

    @staticmethod
    def supports(union) -> bool:
        if not isinstance(union, FeatureUnion) or union.transformer_weights is not None:
            return False
        return all(
            isinstance(v, TfidfVectorizer) and v.use_idf and v.norm == "l2" and not v.binary and v.dtype == np.float64
            for _, v in union.transformer_list
        )

    def rows(self, texts: Sequence[str]) -> List[SparseRow]:
        return [self._row(text) for text in texts]

    def _row(self, text: str) -> SparseRow:
        indices, values = [], []
        for analyze, vocabulary, idf, sublinear, offset in self.parts:
            counts = Counter(vocabulary[f] for f in analyze(text) if f in vocabulary)
            columns = np.fromiter(counts.keys(), dtype=np.intp, count=len(counts))
            tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
            weights = ((1.0 + np.log(tf)) if sublinear else tf) * idf[columns]
            norm = np.sqrt(weights @ weights)
            indices.append(columns + offset)
            values.append(weights / norm if norm > 0 else weights)
        return np.concatenate(indices), np.concatenate(values)


class FastProbabilities:
    """A fitted estimator (a calibrated model, or a pipeline ending in one) whose predict_proba uses
    CalibratedScorer where it applies, and scikit-learn's own everywhere else. A pipeline of text
    functions and TF-IDF n-grams before a calibrated linear model has its rows made by TfidfRows."""

    def __init__(self, estimator) -> None:
        self.estimator = estimator
        self.classes_ = estimator.classes_
        steps = [step for _, step in estimator.steps] if isinstance(estimator, Pipeline) else [estimator]
        final, transforms = steps[-1], steps[:-1]
        self.scorer: Optional[CalibratedScorer] = CalibratedScorer(final) if CalibratedScorer.supports(final) else None
        self.transforms = transforms
        self.functions = [t.func for t in transforms[:-1]]
        lexical = (
            self.scorer is not None
            and self.scorer.weights is not None
            and bool(transforms)
            and TfidfRows.supports(transforms[-1])
            and all(_is_plain_function(t) for t in transforms[:-1])
        )
        self.tfidf: Optional[TfidfRows] = TfidfRows(transforms[-1]) if lexical else None

    def predict_proba(self, X) -> np.ndarray:
        if self.scorer is None:
            return self.estimator.predict_proba(X)
        if self.tfidf is not None:
            for function in self.functions:
                X = function(X)
            return self.scorer.calibrate(self.scorer.linear_scores(self.tfidf.rows(X)))
        for transform in self.transforms:
            X = transform.transform(X)
        return self.scorer.predict_proba(X)


def _is_plain_function(transform) -> bool:
    """A FunctionTransformer that only calls its function (no validation, no arguments)."""
    return (
        isinstance(transform, FunctionTransformer)
        and transform.func is not None
        and not transform.validate
        and not transform.kw_args
    )
