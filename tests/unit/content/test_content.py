"""Content rules a trauma therapist would hold the assistant to, checked on the data files."""

import re
import subprocess
import sys

import pytest
import yaml

from tests.helpers import ROOT

CONTRACT_INTENTS = """greet goodbye thank affirm deny bot_challenge ask_capabilities out_of_scope
feel_pulled_back want_to_leave went_back miss_them they_promised_change self_blame feel_alone
feel_overwhelmed feel_unsafe disclose_abuse doubt_reality worried_about_someone ask_what_is_trauma_bond
ask_why_hard_to_leave ask_signs ask_love_or_trauma_bond ask_cycle ask_brain_science ask_misconception
ask_survivor_bonding ask_codependency ask_where_it_happens ask_recovery_time ask_heal_while_staying
ask_therapy_options ask_couples_therapy ask_safety_plan ask_boundaries ask_grounding ask_document_patterns
ask_prevent_future ask_healthy_relationship ask_crisis_lines ask_privacy inform_country""".split()
COMMON_REPLIES = [
    "utter_greet",
    "utter_goodbye",
    "utter_you_are_welcome",
    "utter_default",
    "utter_feel_alone",
    "utter_feel_overwhelmed",
    "utter_feel_unsafe",
    "utter_self_blame",
    "utter_went_back",
    "utter_miss_them",
    "utter_crisis_safe_now",
    "utter_crisis_not_safe",
]


def load(path):
    return yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def domain():
    return load("domain.yml")


@pytest.fixture(scope="module")
def examples():
    counts = {}
    for path in (ROOT / "data" / "nlu").glob("*.yml"):
        for block in load(path.relative_to(ROOT))["nlu"]:
            if "intent" in block:
                counts[block["intent"]] = counts.get(block["intent"], 0) + block["examples"].count("\n- ")
    return counts


def texts(domain):
    return [(name, v["text"]) for name, variants in domain["responses"].items() for v in variants if "text" in v]


def test_every_contract_intent_is_in_the_domain_with_25_examples(domain, examples):
    for intent in CONTRACT_INTENTS:
        assert intent in domain["intents"], intent
        assert examples.get(intent, 0) >= 25, (intent, examples.get(intent, 0))


def test_common_replies_have_two_or_more_variants(domain):
    for name in COMMON_REPLIES:
        assert len(domain["responses"][name]) >= 2, name


def test_never_just_leave_and_never_a_diagnosis(domain):
    forbidden = re.compile(
        r"\byou should (just )?leave\b|\bjust leave (him|her|them)?\b|\bwhy (don't|dont|not) you leave\b|"
        r"\bnarcissis|\byou(?:'re| are| have been)( in)? (a )?trauma.bond(ed)?\b|\byou have (ptsd|bpd|a disorder)\b",
        re.I,
    )
    for name, text in texts(domain):
        assert not forbidden.search(text), (name, text)


def test_replies_stay_short(domain):
    for name, text in texts(domain):
        assert len(text) <= 520 and len(re.findall(r"[.!?](\s|$)", text)) <= 5, (name, len(text))


def test_sources_are_named(domain):
    sources = " ".join(text for name, text in texts(domain) if name.startswith("utter_sources"))
    for source in ("Carnes", "1997", "Dutton", "Painter", "1993"):
        assert source in sources


def test_the_assistant_says_it_is_not_a_therapist(domain):
    assert any("not a" in text and "therapist" in text for _, text in texts(domain))


def test_there_are_thirty_or_more_test_conversations():
    stories = [
        s for path in (ROOT / "tests" / "conversations").glob("*.yml") for s in load(path.relative_to(ROOT))["stories"]
    ]
    assert len(stories) >= 30


def test_no_sentence_is_copied_from_the_seed_documents():
    tool = ROOT.parent / "shared" / "tools" / "seed_overlap.py"
    if not tool.exists():
        pytest.skip("the seed documents are not beside this checkout")
    result = subprocess.run([sys.executable, str(tool), str(ROOT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:]


def test_conditional_variations_never_overlap(domain):
    """Rasa picks at random among the conditional variations whose conditions all hold, so two of them
    that could hold at once would word a reply by chance. Each pair must disagree on some slot."""
    for name, variations in domain["responses"].items():
        conditional = [v for v in variations if v.get("condition")]
        for i, first in enumerate(conditional):
            for second in conditional[i + 1 :]:
                if {**first, "condition": None} == {**second, "condition": None}:
                    continue  # the same words either way (several ways to reach one result)
                a, b = ({c["name"]: c["value"] for c in v["condition"]} for v in (first, second))
                disagree = any(slot in b and b[slot] != value for slot, value in a.items())
                assert disagree, f"{name}: {a} and {b} can both hold"
