#!/usr/bin/env bash
# 5-fold NLU cross-validation; fails below an intent macro-F1 of 0.90. The report is kept as an artifact.
set -euo pipefail
cd "$(dirname "$0")/.."
FLOOR=0.90
rm -rf results/nlu-cv
.venv/bin/rasa test nlu --nlu data/nlu --config config.yml --cross-validation --folds 5 \
  --out results/nlu-cv --no-plot --quiet > results/nlu-cv.log 2>&1 || { tail -20 results/nlu-cv.log; exit 1; }
mkdir -p artifacts
cp results/nlu-cv/intent_report.json artifacts/nlu_cv_intent_report.json
.venv/bin/python - "$FLOOR" <<'PY'
import json, sys
floor = float(sys.argv[1])
report = json.load(open("results/nlu-cv/intent_report.json"))
f1 = report["macro avg"]["f1-score"]
weak = sorted((v["f1-score"], k) for k, v in report.items() if isinstance(v, dict) and "support" in v
              and k not in ("macro avg", "weighted avg", "micro avg"))[:5]
print(f"intent macro-F1 {f1:.3f} (floor {floor}); weakest: " + ", ".join(f"{k} {s:.2f}" for s, k in weak))
sys.exit(0 if f1 >= floor else 1)
PY
