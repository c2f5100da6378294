"""The risk detector and its text normaliser, as plain Python (no Rasa)."""

from datetime import date

import pytest

from bot.safety.detector import RiskDetector
from bot.safety.normalizer import normalize


@pytest.fixture(scope="module")
def detector():
    return RiskDetector()


@pytest.mark.parametrize(
    "disguised,plain",
    [
        ("I want to K1LL MYS3LF", "i want to kill myself"),
        ("k i l l myself", "kill myself"),
        ("i want to diiiiie", "i want to die"),
        ("kms", "kill myself"),
        ("gonna unalive myself", "going to kill myself"),
        ("thinking about sewerslide", "thinking about suicide"),
        ("c*tting again", "cutting again"),
        ("relapsed on sh", "relapsed on selfharm"),
    ],
)
def test_disguises_are_undone(disguised, plain):
    assert normalize(disguised) == plain


@pytest.mark.parametrize("ordinary", ["i have 2 kids and h8 him", "soooo tired", "u r a star", "2nd time"])
def test_ordinary_text_is_not_bent_into_risk_words(ordinary):
    assert not {"kill", "die", "suicide", "cut"} & set(normalize(ordinary).split())


@pytest.mark.parametrize(
    "message,category,subject",
    [
        ("i want to die", "suicide", "self"),
        ("everyone would be better off without me", "suicide", "self"),
        ("my sister said she wants to die", "suicide", "other"),
        ("i cut myself again", "self_harm", "self"),
        ("he put his hands around my neck", "danger", "self"),
        ("he said he would kill me if i left", "danger", "self"),
        ("my friend's boyfriend beats her", "danger", "other"),
        ("my dad hits me and im 12", "child", "self"),
        ("he hit our son", "child", "other"),
        ("im going to stab him", "harm_others", "self"),
    ],
)
def test_risk_is_found_with_its_category_and_who_is_at_risk(detector, message, category, subject):
    result = detector.assess(message)
    assert (result.category, result.subject) == (category, subject)


@pytest.mark.parametrize(
    "message",
    [
        "i'm not suicidal",
        "he has never hit me",
        "i would never kill myself",
        "this job is killing me",
        "i'm dying to know",
        "dead tired",
        "kill time before the bus",
        "cut ties with him",
        "i want to end it with him",
        "i shot him a text",
        "hit me up later",
        "i could kill him for eating my fries lol",
        "i used to cut myself years ago",
        "we watched a film where a man kills himself",
        "he beat me at chess",
        "every time i think im done healing it hits me again",
    ],
)
def test_negations_idioms_and_lookalikes_do_not_alarm(detector, message):
    assert not detector.assess(message).is_crisis


def test_an_idiom_is_reported_so_a_classifier_guess_can_be_dropped(detector):
    assert "idiom:cut ties" in detector.assess("i finally cut ties with him").cancelled


def test_a_negation_in_one_clause_does_not_hide_risk_in_the_next(detector):
    assert detector.assess("im not suicidal but i wish i was dead").category == "suicide"
    assert detector.assess("he never hit me, but last night he choked me").category == "danger"


def test_a_no_that_answers_something_does_not_deny_what_follows(detector):
    assert detector.assess("no he just hit me again").category == "danger"
    assert detector.assess("no i want to die").category == "suicide"
    assert not detector.assess("no he never hit me").is_crisis
    assert not detector.assess("no i dont want to kill myself").is_crisis
    assert detector.assess("no one would miss me if i died").category == "suicide"


def test_the_most_urgent_category_wins(detector):
    assert detector.assess("im 13 and my stepdad chokes me and i want to die").category == "child"


def test_empty_messages_are_not_risk(detector):
    assert not detector.assess("").is_crisis
    assert not detector.assess("   ").is_crisis


@pytest.mark.parametrize(
    "text, control",
    [
        ("he says he'll kill himself if i leave", True),
        ("she threatens to kill herself every time i try to go", True),
        ("my friend posted that she wants to kill herself", False),
    ],
)
def test_someone_elses_suicide_threat_made_to_stop_the_writer_leaving_is_marked(detector, text, control):
    risk = detector.assess(text)
    assert (risk.category, risk.subject, risk.threat_as_control) == ("suicide", "other", control)


@pytest.mark.parametrize(
    "message",
    [
        "he strangled me once, years ago, before we split up",
        "when i was a kid my dad hit me with a belt",
        "my first husband put a knife to my throat, that was a long time ago",
        "my ex threatened to kill me back in college",
        "he broke my nose in 2009 and i left that winter",
        "back then he choked me almost every weekend",
        "when i was 19 my boyfriend held a knife to my throat",
        "my dad beat me growing up, now i just want to understand why i stayed so long with my ex",
        "my late husband used to strangle me in my twenties, i'm safe now",
        "my brother took his own life in 1998",
        "back then he pinned me against the wall and choked me",  # "against" is not "again"
    ],
)
def test_violence_told_as_long_past_is_not_an_emergency_now(detector, message):
    assessment = detector.assess(message)
    assert not assessment.is_crisis and assessment.cancelled


@pytest.mark.parametrize(
    "message",
    [
        "he strangled me years ago and now hes outside my house",
        "he beat me years ago and says he will do it again",
        "my dad hit me when i was little and he still hits me",
        "im in high school and my dad beats me",
        "he threatens to kill me, he did it years ago too",
        "he choked me back then and now he's doing it to my son",
        "he has strangled me since 2015",
        f"he strangled me in {date.today().year - 1}",  # last year is not long past
        "when i was 19 he put a knife to my throat and he's at the door right now",
    ],
)
def test_long_past_violence_with_a_sign_that_it_goes_on_still_escalates(detector, message):
    assert detector.assess(message).is_crisis
