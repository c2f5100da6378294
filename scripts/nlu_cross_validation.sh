#!/usr/bin/env bash
# 5-fold NLU cross-validation (tools/nlu_cross_validation.py); fails below an intent macro-F1 of
# 0.90. The reports are kept as artifacts. With an argument K, only the first K folds are evaluated
# (`make test` runs one: `make nlu-cv` runs all five).
set -euo pipefail
cd "$(dirname "$0")/.."
FLOOR=0.90
# Folds never share a featurised training set, so Rasa's training cache would only cost disk writes.
export RASA_MAX_CACHE_SIZE=0
OUT=results/nlu-cv
rm -rf "$OUT" && mkdir -p "$OUT" artifacts
.venv/bin/python -m tools.nlu_cross_validation config.yml data/nlu "$OUT" --run "${1:-5}" > results/nlu-cv.log 2>&1 \
  || { tail -20 results/nlu-cv.log; exit 1; }
grep '^fold' results/nlu-cv.log
cp "$OUT/intent_report.json" artifacts/nlu_cv_intent_report.json
cp "$OUT/intent_errors.json" artifacts/nlu_cv_intent_errors.json
.venv/bin/python - "$FLOOR" "$OUT/intent_report.json" <<'PY'
import json, sys
floor, report = float(sys.argv[1]), json.load(open(sys.argv[2]))
f1 = report["macro avg"]["f1-score"]
per_intent = sorted((v["f1-score"], k) for k, v in report.items()
                    if k not in ("macro avg", "weighted avg", "micro avg", "accuracy") and isinstance(v, dict))
print(f"intent macro-F1 {f1:.3f} (floor {floor}); weakest: " + ", ".join(f"{k} {s:.2f}" for s, k in per_intent[:5]))
sys.exit(0 if f1 >= floor else 1)
PY
