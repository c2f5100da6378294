"""5-fold NLU cross-validation with Rasa's own training and evaluation functions.

`rasa test nlu --cross-validation` also re-parses every fold's training messages (four times as many
as the held-out ones) to report a training accuracy nobody reads. This loop keeps what matters:
stratified folds (seeded, so two runs on the same data and config give the same folds), one NLU model
per fold, the held-out fold parsed by the real pipeline (risk component included), and Rasa's pooled
intent and entity reports over all held-out predictions.

`--run K` evaluates only the first K of the folds: `make test` runs one (a fifth of the examples held
out, one model trained), `make nlu-cv` all of them.

Usage: python tools/nlu_cross_validation.py CONFIG NLU_DIR OUT_DIR [--folds 5] [--run 5] [--seed 0]
"""

import argparse
import asyncio
import tempfile
import time
from pathlib import Path
from typing import Iterator, Tuple

import yaml
from rasa.core.agent import Agent
from rasa.model_training import train_nlu
from rasa.nlu.test import (
    _get_active_entity_extractors,
    evaluate_entities,
    evaluate_intents,
    get_eval_data,
    remove_empty_intent_examples,
)
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLWriter
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold

from bot.nlu.risk_component import RULES_ONLY


def folds(data: TrainingData, n: int, seed: int) -> Iterator[Tuple[TrainingData, TrainingData]]:
    """Rasa's `generate_folds`, but seeded: that one takes no seed and would draw on NumPy's global state."""
    examples = data.intent_examples
    labels = [example.get_full_intent() for example in examples]
    for train_index, test_index in StratifiedKFold(n, shuffle=True, random_state=seed).split(examples, labels):
        yield tuple(
            TrainingData(
                training_examples=[examples[i] for i in index],
                entity_synonyms=data.entity_synonyms,
                regex_features=data.regex_features,
                lookup_tables=data.lookup_tables,
            )
            for index in (train_index, test_index)
        )


async def held_out_results(config: str, data: TrainingData, n: int, run: int, seed: int):
    """The held-out predictions of the first `run` folds. Folds run one after the other: two at once
    on two cores are slower (TensorFlow already uses both)."""
    intent_results, entity_results = [], []
    with tempfile.TemporaryDirectory() as work:
        for number, (train, test) in zip(range(1, run + 1), folds(data, n, seed)):
            data_file = Path(work) / "train.yml"
            RasaYAMLWriter().dump(data_file, train)
            started = time.monotonic()
            model = train_nlu(config, str(data_file), work, fixed_model_name=f"fold{number}")
            trained = time.monotonic()
            intents, _, entities = await get_eval_data(Agent.load(model).processor, test)
            intents = remove_empty_intent_examples(intents)
            intent_results += intents
            entity_results += entities
            print(
                f"fold {number}/{n}: trained in {trained - started:.0f} s, {len(test.intent_examples)} held-out "
                f"messages parsed in {time.monotonic() - trained:.0f} s, intent macro-F1 {macro_f1(intents):.3f}",
                flush=True,
            )
    return intent_results, entity_results


def macro_f1(intents) -> float:
    """One fold's intent macro-F1, over the intents its held-out messages have (as Rasa's report)."""
    targets = [result.intent_target for result in intents]
    return f1_score(
        targets, [result.intent_prediction for result in intents], labels=sorted(set(targets)), average="macro"
    )


def rules_only_config(config: str, out_dir: str) -> str:
    """The config with the risk layer's learned model switched off: the folds measure the intent
    classifier (with the rules, as the live pipeline has them), not the risk model, which has its own
    corpora and would cost a fit per fold."""
    data = yaml.safe_load(Path(config).read_text(encoding="utf-8"))
    for component in data["pipeline"]:
        if component["name"].endswith("RiskLayerComponent"):
            component["model_kind"] = RULES_ONLY
    path = Path(out_dir) / "config_rules_only.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return str(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("config")
    parser.add_argument("nlu")
    parser.add_argument("out")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--run", type=int, default=None, help="evaluate only the first RUN folds")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    run = min(args.run or args.folds, args.folds)
    Path(args.out).mkdir(parents=True, exist_ok=True)
    config = rules_only_config(args.config, args.out)
    intents, entities = asyncio.run(held_out_results(config, load_data(args.nlu), args.folds, run, args.seed))
    evaluate_intents(intents, args.out, successes=False, errors=True, disable_plotting=True, report_as_dict=True)
    if entities:
        evaluate_entities(
            entities,
            _get_active_entity_extractors(entities),
            args.out,
            successes=False,
            errors=True,
            disable_plotting=True,
            report_as_dict=True,
        )


if __name__ == "__main__":
    main()
