"""What counts as personal data in a message, as Presidio recognizers, each with its placeholder.

There is no spaCy NER model on this machine (the pipeline is blank English with a lemmatizer), so every
recognizer here is pattern- or checksum-based: Presidio's own for e-mail, cards (Luhn), IBANs and URLs,
Presidio's phone recognizer (Google's `phonenumbers`) for phones in every country the directory covers,
and patterns of ours for what Presidio has no recognizer for (street addresses, postcodes, account
numbers, names given with a relation or "her name is"). Patterns that could also match a date, an age,
a time or a count only fire after a word that says what the number is ("postcode 2000", "account
12345678"), so "I'm 34", "since 2019" and "3 times" stay as written.
"""

import gzip
import json
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, List

import regex
import spacy_lookups_data
from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    EmailRecognizer,
    IbanRecognizer,
    PhoneRecognizer,
    UrlRecognizer,
)
from spacy.lang.en.stop_words import STOP_WORDS

# The countries the referral directory covers;
# phonenumbers only accepts a national-format number for the regions it is asked about (an
# international "+" number is recognised whatever the region).
PHONE_REGIONS = ("US", "CA", "GB", "IE", "AU", "NZ", "IN")

PLACEHOLDERS: Dict[str, str] = {
    "PHONE_NUMBER": "[phone]",
    "EMAIL_ADDRESS": "[email]",
    "STREET_ADDRESS": "[address]",
    "POSTCODE": "[postcode]",
    "CREDIT_CARD": "[card]",
    "IBAN_CODE": "[account]",
    "BANK_ACCOUNT": "[account]",
    "URL": "[url]",
    "PERSON": "[name]",
}

STREET_TYPES = (
    "street|st|road|rd|avenue|ave|lane|ln|drive|dr|close|court|ct|crescent|cres|way|place|pl|terrace|"
    "boulevard|blvd|grove|gardens|gdns|parade|highway|hwy|square|sq|mews|row|walk|hill|park"
)
# "12 Elm Street", "12b, old mill lane", "flat 3", "apt 4B", "unit 12".
STREET_ADDRESS = rf"(?i)\b\d{{1,5}}[a-z]?,?\s+(?:[a-z'’-]+\s+){{1,3}}(?:{STREET_TYPES})\b\.?"
DWELLING = r"(?i)\b(?:flat|apt|apartment|unit|suite)\s*#?\d{1,5}[a-z]?\b"

# Postcodes with a shape of their own (UK, Canada) anywhere; numeric ones (US ZIP, Australia and New
# Zealand, India's PIN) only after a word naming them, since bare four to six digits are often years
# or counts.
UK_POSTCODE = r"(?i)\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s*\d[A-Z]{2}\b"
CA_POSTAL_CODE = r"(?i)\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\s?\d[ABCEGHJ-NPRSTV-Z]\d\b"
NUMERIC_POSTCODE = (
    r"(?i)(?<=\b(?:post\s?code|postal\s?code|zip(?:\s?code)?|pin\s?code|pincode)\s*(?:is|:)?\s*)\d{4,6}(?:-\d{4})?\b"
)

# Account and sort-code numbers only where a word says that is what they are: a bare digit run is as
# likely an order number or an amount.
ACCOUNT_CONTEXT = r"(?:account|acct|a/c|sort\s?code|routing|iban|bsb|ifsc|card)(?:\s+(?:number|no\.?|num|#))?"
ACCOUNT_NUMBER = rf"(?i)(?<=\b{ACCOUNT_CONTEXT}\s*(?:is|:)?\s*)(?:\d[\d -]{{4,22}}\d|[A-Z]{{4}}0[A-Z0-9]{{6}})\b"

RELATIONS = (
    "husband|wife|partner|boyfriend|girlfriend|bf|gf|ex|ex-husband|ex-wife|ex-partner|ex-boyfriend|"
    "ex-girlfriend|fiance|fiancé|fiancee|fiancée|spouse|son|daughter|kid|child|baby|mum|mom|mother|dad|father|"
    "stepdad|stepmum|stepmom|brother|sister|cousin|aunt|uncle|nan|gran|grandma|grandad|grandpa|friend|"
    "bestie|neighbour|neighbor|boss|manager|coworker|colleague|flatmate|roommate|landlord|therapist|"
    "counsellor|counselor|lawyer|solicitor|social worker|caseworker|doctor"
)
# A capitalised name (and surname), or one lowercase word that is no English word (checked below).
NAME_WORDS = r"(?:[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?|[a-z][a-z'’-]+)"
# "my husband Tom", "her ex, Dave", "my boyfriend marcus", "he's called Jo", "named Priya".
NAME_AFTER_RELATION = rf"(?<=\b(?i:(?:my|his|her|our|their|your)\s+(?:{RELATIONS})(?:'s|’s)?),?\s+){NAME_WORDS}"
NAME_AFTER_NAMING = (
    r"(?i)(?<=\b(?:name\s+is|name's|name’s|named|called|goes\s+by)\s+)" r"(?-i:[A-Za-z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?)"
)


# Presidio's default flags include IGNORECASE; these patterns say where case matters themselves.
CASE_AS_WRITTEN = regex.DOTALL | regex.MULTILINE


@lru_cache(maxsize=1)
def english_words() -> FrozenSet[str]:
    """Every English word form spaCy's lookup tables know (about 120,000), to tell "my husband always"
    from "my husband marcus" when a name is typed in lowercase."""
    data = Path(spacy_lookups_data.__file__).parent / "data"
    lookup = json.loads(gzip.open(data / "en_lemma_lookup.json.gz").read())
    index = json.loads(gzip.open(data / "en_lemma_index.json.gz").read())
    return frozenset(lookup) | frozenset(lookup.values()) | frozenset(w for ws in index.values() for w in ws)


class NameRecognizer(PatternRecognizer):
    """Names where the words around them say they are names: never a stop word ("my husband Is"), and
    a lowercase word only when it is no English word ("my husband shouts" stays)."""

    def invalidate_result(self, pattern_text: str) -> bool:
        first = pattern_text.split()[0]
        return first.lower() in STOP_WORDS or (first.islower() and first in english_words())


class StreetRecognizer(PatternRecognizer):
    """A number, one to three words and a street type; never across small words ("12 at my friends place")."""

    def invalidate_result(self, pattern_text: str) -> bool:
        return any(word.lower() in STOP_WORDS for word in pattern_text.replace(",", " ").split()[1:])


def recognizers() -> List[EntityRecognizer]:
    return [
        # Leniency 0 ("possible number"): a number typed with a digit too many or in an odd grouping is
        # still someone's number; dates, times and short counts are too short to be possible numbers.
        PhoneRecognizer(supported_regions=PHONE_REGIONS, leniency=0),
        EmailRecognizer(),
        CreditCardRecognizer(),
        IbanRecognizer(),
        UrlRecognizer(),
        StreetRecognizer(
            "STREET_ADDRESS", patterns=[Pattern("street", STREET_ADDRESS, 0.9)], global_regex_flags=CASE_AS_WRITTEN
        ),
        PatternRecognizer(
            "STREET_ADDRESS", patterns=[Pattern("dwelling", DWELLING, 0.9)], global_regex_flags=CASE_AS_WRITTEN
        ),
        PatternRecognizer(
            "POSTCODE",
            patterns=[
                Pattern("uk", UK_POSTCODE, 0.9),
                Pattern("ca", CA_POSTAL_CODE, 0.9),
                Pattern("numeric", NUMERIC_POSTCODE, 0.9),
            ],
            global_regex_flags=CASE_AS_WRITTEN,
        ),
        PatternRecognizer(
            "BANK_ACCOUNT", patterns=[Pattern("account", ACCOUNT_NUMBER, 0.9)], global_regex_flags=CASE_AS_WRITTEN
        ),
        NameRecognizer(
            "PERSON",
            patterns=[Pattern("relation", NAME_AFTER_RELATION, 0.9), Pattern("naming", NAME_AFTER_NAMING, 0.9)],
            global_regex_flags=CASE_AS_WRITTEN,
        ),
    ]
