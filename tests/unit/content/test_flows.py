"""The support flows as the domain and the data define them: every reply reachable, every intent
trained, and the words each flow promises (rendered as Rasa renders them, conditions included)."""

import ast
import itertools
import re

import pytest
import yaml

from actions.conversation import country_slots
from bot.nlu.risk_component import CHECK_INTENT
from crisis.categories import CRISIS_INTENTS
from crisis.directory import emergency_number
from tests.helpers import ROOT, render_response

FIRST_QUESTIONS = ["danger_weapon", "danger_threat_kill", "danger_might_kill"]
OTHER_QUESTIONS = [
    "danger_choking",
    "danger_worse",
    "danger_separation",
    "danger_stalking",
    "danger_gun",
    "danger_suicide_threat",
    "danger_control",
]
SERIOUS = "hotlines take very seriously"


def load(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def domain():
    return load(ROOT / "domain.yml")


def steps_of(steps):
    """Every step of a rule or story, the steps of "or" branches included."""
    for step in steps:
        yield step
        yield from steps_of(step.get("or", []))


def actions_in_dialogue():
    """The actions the rules and stories run (parsed, so a comment naming a response does not count)."""
    paths = [*(ROOT / "data" / "rules").glob("*.yml"), *(ROOT / "data" / "stories").glob("*.yml")]
    flows = [flow for path in paths for key in ("rules", "stories") for flow in load(path).get(key) or []]
    return {step["action"] for flow in flows for step in steps_of(flow.get("steps", [])) if "action" in step}


def responses_named_in_code(paths):
    """The response names (or name prefixes) in the code's string constants, f-string parts included;
    never in comments."""
    found = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.update(re.findall(r"utter_\w+", node.value))
    return found


def test_every_response_is_reachable(domain):
    """Used by a rule or story, asked by a form, or sent by an action or a channel (names or prefixes)."""
    used = actions_in_dialogue()
    asked = {f"utter_ask_{slot}" for form in domain["forms"].values() for slot in form["required_slots"]}
    sent = responses_named_in_code(p for d in ("actions", "bot") for p in (ROOT / d).rglob("*.py"))
    for name in domain["responses"]:
        reachable = name in used | asked | sent or any(name.startswith(p) for p in sent if p.endswith("_"))
        assert reachable, name


def test_a_response_named_only_in_a_comment_is_not_reachable(tmp_path):
    code = tmp_path / "example.py"
    code.write_text('# utter_only_in_a_comment\nNAME = f"utter_crisis_{1}"\nOTHER = "utter_greet"\n', encoding="utf-8")
    assert responses_named_in_code([code]) == {"utter_crisis_", "utter_greet"}


def test_every_intent_has_25_examples(domain):
    counts = {}
    for path in (ROOT / "data" / "nlu").glob("*.yml"):
        for block in load(path)["nlu"]:
            if "intent" in block:
                counts[block["intent"]] = counts.get(block["intent"], 0) + block["examples"].count("\n- ")
    # The check-in intent is set by the risk layer, never classified from examples.
    for intent in set(domain["intents"]) - {CHECK_INTENT}:
        assert counts.get(intent, 0) >= 25, (intent, counts.get(intent, 0))


def buttons(domain, name):
    return [(b["title"], b["payload"]) for v in domain["responses"][name] for b in v.get("buttons", [])]


def test_every_grounding_step_has_next_and_stop(domain):
    steps = [n for n in domain["responses"] if n.startswith("utter_breathing_")]
    steps += [f"utter_grounding_{s}" for s in ("see", "touch", "hear", "smell", "taste")]
    assert len(steps) == 9
    for name in steps:
        assert buttons(domain, name) == [("Next", "/affirm"), ("Stop", "/stop_flow")], name


def test_not_safe_to_talk_is_short_names_the_local_number_and_asks_nothing():
    for country, number in (("GB", "999"), ("AU", "000"), ("US", "911"), (None, "112")):
        slots = {e["name"]: e["value"] for e in country_slots(country)} if country else {}
        text = render_response("utter_leave_not_safe_now", slots)
        assert number in text and "quick exit" in text and "come back" in text.lower(), country
        assert "?" not in text
    assert "911" not in render_response("utter_leave_not_safe_now", {"emergency_number": "999"})


def test_not_safe_after_a_crisis_reply_names_the_country_number_once_it_is_known():
    for subject, category in (("self", "suicide"), ("other", "suicide"), ("self", "harm_others")):
        slots = {"crisis_subject": subject, "risk_category": category}
        everywhere = render_response("utter_crisis_not_safe", slots)
        assert all(number in everywhere for number in ("911", "999", "000", "111", "112")), slots
        local = render_response("utter_crisis_not_safe", {**slots, "emergency_number": emergency_number("AU")})
        assert "000" in local and "911" not in local and "999" not in local, slots


def test_a_crisis_going_on_after_its_reply_gets_the_next_step_not_the_first_words_again():
    for category in ("suicide", "self_harm", "danger", "child", "harm_others"):
        for subject in ("self", "other") if category != "harm_others" else ("self",):
            name = f"utter_crisis_{category}"
            first = render_response(name, {"crisis_subject": subject, "crisis_context": "plain"})
            going_on = render_response(name, {"crisis_subject": subject, "crisis_context": "continues"})
            assert going_on != first and "911" in going_on, (category, subject)
            local = render_response(
                name, {"crisis_subject": subject, "crisis_context": "continues", "emergency_number": "000"}
            )
            assert "000" in local and "911" not in local, (category, subject)


def test_the_danger_check_wording_follows_the_answers():
    for first in FIRST_QUESTIONS:
        assert render_response(f"utter_ask_{first}", {})
    assert SERIOUS in render_response("utter_danger_check_serious", {})
    for a, b in itertools.combinations(OTHER_QUESTIONS, 2):
        assert SERIOUS in render_response("utter_danger_check_result", {a: "yes", b: "yes"}), (a, b)
    for one in OTHER_QUESTIONS:
        text = render_response("utter_danger_check_result", {one: "yes", "danger_gun": "unsure"})
        assert SERIOUS not in text or one == "danger_gun"
    assert SERIOUS not in render_response("utter_danger_check_result", {})


def test_the_danger_check_never_scores_predicts_or_diagnoses(domain):
    texts = [v["text"] for n, vs in domain["responses"].items() if "danger" in n for v in vs]
    for text in texts:
        assert not re.search(
            r"\byou are (in|at) (high|low|serious)|\byour (score|risk level)\b|\bwill (kill|hurt)", text, re.I
        )


def test_the_danger_check_is_filled_by_rasa_alone(domain):
    """No validation action: the forms must work with the action server down."""
    actions = set(domain.get("actions", []))
    for form in ("danger_check_form", "danger_more_form"):
        assert f"validate_{form}" not in actions
    for slot in FIRST_QUESTIONS + OTHER_QUESTIONS:
        assert all(m["type"] == "from_intent" for m in domain["slots"][slot]["mappings"]), slot


def test_the_safety_plan_comes_back_whole_and_offers_deletion(domain):
    slots = {s: f"answer {i}" for i, s in enumerate(domain["forms"]["safety_plan_form"]["required_slots"])}
    summary = render_response("utter_safety_plan_summary", slots)
    assert all(v in summary for v in slots.values())
    assert ("Yes, delete them", "/forget_me") in buttons(domain, "utter_safety_plan_offer_delete")
    where = render_response("utter_safety_plan_where_to_keep", {})
    assert "shared phone" in where and "cloud account" in where
    checklist = render_response("utter_safety_plan_checklist", {}).lower()
    for item in ("documents", "medication", "money", "keys", "chargers", "children", "code word", "harmless name"):
        assert item in checklist, item


def test_plan_answers_never_swallow_a_stop_a_crisis_or_a_check_in(domain):
    for slot in domain["forms"]["safety_plan_form"]["required_slots"]:
        text_mapping = next(m for m in domain["slots"][slot]["mappings"] if m["type"] == "from_text")
        for intent in ("stop_flow", "skip_question", "dont_know", *CRISIS_INTENTS, CHECK_INTENT):
            assert intent in text_mapping["not_intent"], (slot, intent)


def test_records_start_with_safety_and_the_assistant_keeps_none():
    assert render_response("utter_document_patterns_safety", {}).startswith("Only keep a record if it's safe")
    assert "I don't keep any record" in render_response("utter_document_patterns_more", {})


PSYCHOEDUCATION_QUESTIONS = [
    "ask_what_is_trauma_bond",
    "ask_why_hard_to_leave",
    "ask_signs",
    "ask_love_or_trauma_bond",
    "ask_cycle",
    "ask_brain_science",
    "ask_misconception",
    "ask_survivor_bonding",
    "ask_codependency",
    "ask_where_it_happens",
    "ask_long_term_effects",
    "ask_recovery_time",
    "ask_heal_while_staying",
    "ask_therapy_options",
    "ask_couples_therapy",
    "ask_boundaries",
    "ask_document_patterns",
    "ask_prevent_future",
    "ask_healthy_relationship",
    "ask_sources",
]


def test_plan_answers_never_swallow_a_question_or_a_forget(domain):
    """A question in the middle of the plan gets its answer instead of landing in the summary."""
    for slot in domain["forms"]["safety_plan_form"]["required_slots"]:
        text_mapping = next(m for m in domain["slots"][slot]["mappings"] if m["type"] == "from_text")
        for intent in [*PSYCHOEDUCATION_QUESTIONS, "forget_me"]:
            assert intent in text_mapping["not_intent"], (slot, intent)


def rules_by_first_intent():
    first = {}
    for path in (ROOT / "data" / "rules").glob("*.yml"):
        for rule in load(path).get("rules", []):
            steps = rule["steps"]
            if "condition" not in rule and steps and "intent" in steps[0]:
                first[steps[0]["intent"]] = [s["action"] for s in steps[1:] if "action" in s]
    return first


# The seed topics issue 11 found without a reply, each with the intent a person would use and words
# its answer must contain (case-insensitive).
SEED_TOPICS = {
    "long-term effects": ("ask_long_term_effects", ["self-esteem", "depression", "next generation"]),
    "childhood maltreatment and insecure attachment": ("ask_why_hard_to_leave", ["childhood", "insecure attachment"]),
    "the belief that one must save or heal them": ("ask_signs", ["save or heal them"]),
    "the fear and thinking systems": ("ask_brain_science", ["amygdala", "prefrontal cortex"]),
    "the four missing signs": (
        "ask_signs",
        ["big life changes", "friends and family", "intense fear", "only they can meet your needs"],
    ),
    "the survivor-bond warning signs": (
        "ask_survivor_bonding",
        ["compete over who suffered more", "undermines", "splitting up", "doubt your own memory", "out of fear"],
    ),
    "sleep and movement": ("ask_recovery_time", ["sleep", "walking, yoga or dancing"]),
    "values and identity": ("ask_recovery_time", ["who am i outside this relationship", "values"]),
    "practising with low-risk relationships": ("ask_recovery_time", ["support group", "before dating"]),
    "working on the original trauma": ("ask_therapy_options", ["older hurts"]),
    "the therapeutic relationship": ("ask_therapy_options", ["relationship with a good therapist"]),
    "substance use and severe symptoms": ("ask_therapy_options", ["alcohol or drugs", "their own treatment"]),
    "whether a survivor bond can become healthy": ("ask_survivor_bonding", ["become healthy", "rarely"]),
}


@pytest.mark.parametrize("topic", sorted(SEED_TOPICS))
def test_every_seed_topic_is_answered_by_its_intent(domain, topic):
    intent, phrases = SEED_TOPICS[topic]
    replies = rules_by_first_intent()[intent]
    words = " ".join(v["text"] for name in replies for v in domain["responses"][name]).lower()
    for phrase in phrases:
        assert phrase.lower() in words, (topic, phrase)


def test_forgetting_ends_every_form_and_asks_nothing_more():
    """ "Delete what I wrote" in the middle of a form: the form stops and the deletion is confirmed."""
    ending = ["action_deactivate_loop", "utter_forget_me_done"]
    found = {}
    for path in (ROOT / "data" / "rules").glob("*.yml"):
        for rule in load(path).get("rules", []):
            loops = [c["active_loop"] for c in rule.get("condition", []) if "active_loop" in c]
            if loops and rule["steps"][0].get("intent") == "forget_me":
                found[loops[0]] = [step["action"] for step in rule["steps"][1:] if "action" in step]
    assert found == {form: ending for form in ("safety_plan_form", "danger_check_form", "danger_more_form")}


def test_grounding_is_offered_as_soon_as_someone_is_safe_after_an_escalation(domain):
    for variation in domain["responses"]["utter_crisis_safe_now"]:
        assert {"title": "A calming exercise", "payload": "/ask_grounding"} in variation["buttons"]
