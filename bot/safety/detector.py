"""Finds signs of acute risk in one message: suicide, self-harm, danger, a child at risk, harm to others.

A plain Python + spaCy module (no Rasa import), so it can be tested and benchmarked on its own and
reused by any channel. The message is first de-disguised (text_normalizer), then tokenised and
lemmatised, then the token patterns of risk_patterns are matched with spaCy's Matcher. A match is
cancelled when, in the same clause, a negation comes just before it ("he has never hit me"), a
lookalike phrase surrounds it ("hit me up", "this job is killing me"), a joke marker goes with a threat
against someone else ("i could kill him lol"), or it speaks of a past the writer has left ("i used to
cut myself"). What survives decides the category; who is at risk (the writer or someone else) comes
from the pattern or from the nearest person word before the match.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Optional

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from bot.language.spacy_pipeline import load_pipeline
from bot.safety.normalizer import normalize
from bot.safety.patterns import (
    ANSWER_WORDS,
    ASKING_MARKERS,
    CLAUSE_BREAKS,
    FEAR_WORDS,
    GROUPS,
    HEDGES,
    IDIOMS,
    JOKE_MARKERS,
    LONG_PAST_MARKERS,
    LONG_PAST_MIN_YEARS,
    LONG_PAST_ONGOING,
    LONG_PAST_TIME,
    LOOKALIKES,
    MARKERS,
    MEDIA_WORDS,
    NEGATORS,
    ONGOING_MARKERS,
    PAST_MARKERS,
    PAST_WORDS,
    PATTERNS,
    RESOLVED_MARKERS,
    RiskPattern,
)
from crisis.categories import CATEGORY_PRIORITY

# How many words before a match a negator still governs it ("he has never once hit me"). Chosen on
# the corpora; the Rasa component passes its `negation_window` option.
DEFAULT_NEGATION_WINDOW = 6
SELF_WORDS = frozenset("i me my myself mine".split())
OTHER_WORDS = frozenset(GROUPS["third"].split()) | frozenset(GROUPS["third_obj"].split())
OTHER_OBJECTS = frozenset("him her them his their himself herself themselves".split())
SUBORDINATORS = frozenset("if when that whether what".split())
PERSON_WORDS = OTHER_WORDS | frozenset("you u".split())
SPECIAL_TOKENS = {
    "#age": {"LOWER": {"IN": [str(n) for n in range(5, 18)]}},
    "#adult": {"LOWER": {"IN": [str(n) for n in range(18, 100)]}},
    "$": {"IS_PUNCT": True},
}


@dataclass(frozen=True)
class RiskAssessment:
    category: Optional[str] = None
    subject: str = "self"
    matched: tuple = field(default_factory=tuple)
    cancelled: tuple = field(default_factory=tuple)
    # Someone else's suicide threat made on the condition that the writer stays: control, not only risk.
    threat_as_control: bool = False

    @property
    def is_crisis(self) -> bool:
        return self.category is not None


class RiskDetector:
    def __init__(self, nlp: Optional[Language] = None, negation_window: int = DEFAULT_NEGATION_WINDOW) -> None:
        self.nlp = nlp or load_pipeline()
        self.negation_window = negation_window
        self.matcher = Matcher(self.nlp.vocab)
        self.patterns = {}
        # Patterns whose own words include a negator ("not want to live") are never cancelled by one.
        self.holds_negation = {p.name for p in PATTERNS if NEGATORS & set(p.phrase.replace("|", " ").split())}
        for pattern in PATTERNS:
            key = f"{pattern.category}:{pattern.name}"
            self.patterns[self.nlp.vocab.strings.add(key)] = pattern
            self.matcher.add(key, [self._compile(pattern.phrase)])
        self.idioms = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.idioms.add("idiom", list(self.nlp.tokenizer.pipe(IDIOMS)))
        self.markers = Matcher(self.nlp.vocab)
        for marker, phrases in MARKERS.items():
            self.markers.add(marker, [self._compile(phrase) for phrase in phrases])

    def assess(self, text: str) -> RiskAssessment:
        if not text or not text.strip():
            return RiskAssessment()
        # The final "." lets "$" patterns see the end of the message ("i want to cut").
        doc = self.nlp(normalize(text) + " .")
        markers = {self.nlp.vocab.strings[match_id] for match_id, _, _ in self.markers(doc)}
        message = f" {' '.join(t.lower_ for t in doc)} "
        context = _message_context(message, {t.lower_ for t in doc})
        young_writer = "young_writer" in markers and "adult_age" not in markers
        clauses = _clause_ids(doc)
        fired, cancelled = [], []
        for match_id, start, end in self.matcher(doc):
            pattern = self.patterns[match_id]
            if pattern.young_writer_only and not young_writer:
                continue
            span = doc[start:end]
            clause = doc[_clause_start(clauses, start) : _clause_end(clauses, end)]
            subject = pattern.subject or _subject_of(span, clause)
            if self._cancelled(pattern, span, clause, subject) or _cancelled_by_message(pattern, subject, context):
                cancelled.append(pattern.name)
            else:
                fired.append((pattern, subject))
        if not fired:
            idioms = [f"idiom:{doc[start:end].text}" for _, start, end in self.idioms(doc)]
            return RiskAssessment(cancelled=tuple(cancelled + idioms))
        category = min((p.category for p, _ in fired), key=CATEGORY_PRIORITY.index)
        subject = next(s for p, s in fired if p.category == category)
        # A child being hurt gets a child helpline: the writer says they are a child, or the person
        # someone else is hurting is a child ("my nephew told me his dad punches him").
        if category == "danger" and (
            young_writer or (subject == "other" and "child_noun" in markers and "adult_age" not in markers)
        ):
            category = "child"
        return RiskAssessment(
            category=category,
            subject=subject,
            matched=tuple(sorted({p.name for p, _ in fired})),
            cancelled=tuple(cancelled),
            threat_as_control=category == "suicide" and subject == "other" and "leaving_condition" in markers,
        )

    def _compile(self, phrase: str) -> list:
        tokens = []
        for word in phrase.split():
            if word in SPECIAL_TOKENS:
                tokens.append(dict(SPECIAL_TOKENS[word]))
                continue
            if word.startswith("*"):
                tokens.extend({"OP": "?"} for _ in range(int(word[1:])))
                continue
            optional = word.endswith("?")
            alternatives = self._alternatives(word.rstrip("?"))
            spec = {"LEMMA": {"IN": sorted(alternatives)}}
            if optional:
                spec["OP"] = "?"
            tokens.append(spec)
        return tokens

    def _alternatives(self, word: str) -> set:
        words = set()
        for part in word.split("|"):
            words.update(GROUPS[part[1:]].split() if part.startswith("@") else [part])
        # Lemmatise the pattern's words with the same tables as the message ("better" -> "well").
        return words | {self.nlp(w)[0].lemma_ for w in words}

    def _cancelled(self, pattern: RiskPattern, span: Span, clause: Span, subject: str) -> bool:
        clause_text = f" {' '.join(t.lower_ for t in clause)} "
        if any(f" {phrase} " in clause_text for phrase in LOOKALIKES.get(pattern.name, ())):
            return True
        # Harm to others is the writer's own intent: someone else's threat is not, nor is a joke.
        if pattern.category == "harm_others" and (
            any(t.lower_ in JOKE_MARKERS for t in span.doc)
            or (pattern.writer_acts and _actor(span, clause) not in (None, *SELF_WORDS))
        ):
            return True
        if pattern.category in ("suicide", "self_harm") and any(
            f" {phrase} " in clause_text for phrase in PAST_MARKERS
        ):
            return True
        if subject == "other" and any(t.lower_ in MEDIA_WORDS for t in clause):
            return True
        # "i'm going to kill him" threatens someone else: that is harm_others, not danger to them.
        if pattern.category == "danger" and subject == "other" and _actor(span, clause) in SELF_WORDS:
            return True
        if pattern.needs_person and not any(t.lower_ in PERSON_WORDS for t in span.doc[clause.start : span.start]):
            return True
        return pattern.name not in self.holds_negation and _negated(span, clause, self.negation_window)


def _message_context(message: str, words: set) -> frozenset:
    """What the whole message says about its matches: resolved history, a general question, a joke."""
    found = set()
    # Markers of the past may begin a word ("in 19" of "in 1998"); a sign that harm goes on is whole
    # words ("again" is not "against", "will" is not "willing").
    has = lambda phrases: any(f" {p}" in message for p in phrases)  # noqa: E731
    goes_on = lambda phrases: any(f" {p} " in message for p in phrases)  # noqa: E731
    if has(RESOLVED_MARKERS) and has(PAST_WORDS) and not goes_on(ONGOING_MARKERS):
        found.add("resolved")
    if (has(LONG_PAST_MARKERS) or _names_distant_time(message)) and not goes_on(LONG_PAST_ONGOING):
        found.add("long_past")
    if has(ASKING_MARKERS):
        found.add("asking")
    if words & JOKE_MARKERS and not words & FEAR_WORDS:
        found.add("joking")
    return frozenset(found)


def _names_distant_time(message: str) -> bool:
    """A year some years back, or an age the writer was ("in 2009", "when i was 19")."""
    for match in re.finditer(LONG_PAST_TIME, message):
        year = match.group("year")
        if year is None or int(year) <= date.today().year - LONG_PAST_MIN_YEARS:
            return True
    return False


def _cancelled_by_message(pattern: RiskPattern, subject: str, context: frozenset) -> bool:
    if "resolved" in context and pattern.category != "harm_others":
        return True
    # Someone else's suicide long ago ("my brother took his own life in 1998") is grief, not a crisis now.
    if "long_past" in context and (pattern.category in ("danger", "child") or subject == "other"):
        return True
    if "asking" in context and pattern.category in ("suicide", "self_harm"):
        return True
    # "my son will kill me if i post this 😂": a threat said with a laugh and no fear is an idiom.
    return "joking" in context and pattern.category == "danger" and "kill" in pattern.phrase


def _clause_ids(doc: Doc) -> list:
    ids, current = [], 0
    for token in doc:
        if token.lower_ in CLAUSE_BREAKS:
            current += 1
        ids.append(current)
    return ids


def _clause_start(ids: list, start: int) -> int:
    while start > 0 and ids[start - 1] == ids[start]:
        start -= 1
    return start


def _clause_end(ids: list, end: int) -> int:
    last = ids[end - 1]
    while end < len(ids) and ids[end] == last:
        end += 1
    return end


def _negated(span: Span, clause: Span, window_size: int) -> bool:
    """A negator shortly before the match, or inside it where a wildcard let one in.

    A negator before "if", "when" or "that" governs another verb ("nobody would notice if i was gone").
    """
    window = span.doc[max(clause.start, span.start - window_size) : span.end]
    subordinators = [i for i, t in enumerate(window) if t.lower_ in SUBORDINATORS and t.i <= span.start]
    if subordinators:
        window = window[subordinators[-1] + 1 :]
    for i, token in enumerate(window):
        if _answers(token, clause):
            continue
        if token.lemma_ in NEGATORS or token.lower_ in NEGATORS:
            following = window[i + 1] if i + 1 < len(window) else None
            if following is None or following.lower_ not in HEDGES:
                return True
    return False


def _answers(token, clause: Span) -> bool:
    """A "no" that opens its clause before a person word replies to something; it negates nothing."""
    if token.lower_ not in ANSWER_WORDS or token.i != clause.start or token.i + 1 >= len(token.doc):
        return False
    following = token.doc[token.i + 1].lower_
    return following in SELF_WORDS or following in OTHER_WORDS


def _actor(span: Span, clause: Span) -> Optional[str]:
    """Who does what the match describes: its first word, or the nearest person word before it."""
    if span[0].lower_ in OTHER_WORDS:
        return span[0].lower_
    for token in reversed(span.doc[clause.start : span.start]):
        if token.lower_ in SELF_WORDS or token.lower_ in OTHER_WORDS:
            return token.lower_
    return None


def _subject_of(span: Span, clause: Span) -> str:
    """Whose risk a pattern without a fixed subject ("want to die", "hands round my neck") speaks of."""
    words = {t.lower_ for t in span}
    if words & SELF_WORDS - {"i"}:
        return "self"
    if words & OTHER_OBJECTS:
        return "other"
    for token in reversed(span.doc[clause.start : span.end]):
        if token.lower_ in SELF_WORDS:
            return "self"
        if token.lower_ in OTHER_WORDS:
            return "other"
    return "self"
