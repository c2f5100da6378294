"""Saves the spaCy pipeline (blank English + lookup lemmatizer) where config.yml's SpacyNLP expects it."""

import sys
from pathlib import Path

from bot.language.spacy_pipeline import PIPELINE_PATH, build_pipeline


def main(target: Path) -> None:
    nlp = build_pipeline()
    if nlp("she left me")[1].lemma_ != "leave":
        sys.exit("the lookup lemmatizer tables did not load (is spacy-lookups-data installed?)")
    target.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(target)
    print(f"spaCy pipeline saved to {target}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else PIPELINE_PATH)
