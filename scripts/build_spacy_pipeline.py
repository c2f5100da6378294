"""Builds the spaCy pipeline the NLU and the risk detector use, and saves it under the project.

No trained spaCy model can be downloaded on the machines this project runs on, so the pipeline is a
blank English tokenizer plus spaCy's lookup lemmatizer, whose tables come from the
`spacy-lookups-data` package. Lemmas let "leaving", "left" and "leave" share one feature.
"""
import sys
from pathlib import Path

import spacy

DEFAULT_TARGET = Path("build/spacy/en_lookup_lemmatizer")


def build_pipeline() -> "spacy.language.Language":
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    nlp.meta["name"] = "lookup_lemmatizer"
    nlp.meta["version"] = "1.0.0"
    nlp.meta["description"] = "Blank English tokenizer with the lookup lemmatizer (spacy-lookups-data)."
    return nlp


def main(target: Path) -> None:
    nlp = build_pipeline()
    assert nlp("she left me")[1].lemma_ == "leave", "lookup tables did not load"
    target.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(target)
    print(f"spaCy pipeline saved to {target}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_TARGET)
