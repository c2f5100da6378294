"""The spaCy pipeline shared by the NLU and the risk detector.

No trained spaCy model can be downloaded where this project runs, so the pipeline is a blank English
tokenizer plus spaCy's lookup lemmatizer (tables from `spacy-lookups-data`). `make setup` saves it to
PIPELINE_PATH for Rasa's SpacyNLP; the detector loads the same files, or builds them in memory when
they are missing (for example in a plain `pytest` run before setup).
"""

from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

PIPELINE_PATH = Path(__file__).resolve().parent.parent / "build" / "spacy" / "en_lookup_lemmatizer"


def build_pipeline() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    nlp.meta["name"] = "lookup_lemmatizer"
    nlp.meta["version"] = "1.0.0"
    nlp.meta["description"] = "Blank English tokenizer with the lookup lemmatizer (spacy-lookups-data)."
    return nlp


@lru_cache(maxsize=1)
def load_pipeline(path: Path = PIPELINE_PATH) -> Language:
    return spacy.load(path) if (path / "meta.json").exists() else build_pipeline()
