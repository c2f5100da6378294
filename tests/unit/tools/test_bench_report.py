"""The bench's ratio table, aims, memory by component and the shape of artifacts/bench.json."""

import json

from tools.bench.report import FIGURES, MIB, aims, comparison, component_rows, component_table, document, ratio, table

OURS = {
    "p50_ms_1": 90.0,
    "p95_ms_1": 180.0,
    "per_second_1": 10.0,
    "p50_ms_20": 900.0,
    "p95_ms_20": 1500.0,
    "per_second_20": 20.0,
    "rasa_rss_bytes": 1_300_000_000,
    "actions_rss_bytes": 150 * MIB,
    "first_answer_s": 40.0,
    "training_s": None,
}
BASELINE = {**OURS, "p50_ms_1": 100.0, "rasa_rss_bytes": 650_000_000, "training_s": 120.0}


def _components() -> dict:
    node = {"node": "run_DIETClassifier5", "component": "DIETClassifier", "import_bytes": 300 * MIB}
    return {
        "python_bytes": 10 * MIB,
        "rasa_engine_import_bytes": 40 * MIB,
        "model_unpack_bytes": MIB,
        "nodes": [
            {"node": "domain_provider", "component": "DomainProvider", "import_bytes": 0, "load_bytes": 1000},
            {**node, "load_bytes": 100 * MIB},
            {"node": "run_SpacyNLP0", "component": "SpacyNLP", "import_bytes": 0, "load_bytes": 500 * MIB},
            {"node": "select_prediction", "component": "X", "import_bytes": 2000, "load_bytes": 0},
        ],
        "total_bytes": 951 * MIB,
    }


def test_ratio_is_ours_over_the_baseline_and_missing_when_either_is():
    assert ratio(90, 100) == 0.9
    assert ratio(None, 100) is None
    assert ratio(5, None) is None
    assert ratio(5, 0) is None


def test_the_comparison_has_every_figure_once_in_order_with_its_ratio():
    rows = comparison(OURS, BASELINE)
    assert [r["figure"] for r in rows] == [key for key, _, _ in FIGURES]
    by_figure = {r["figure"]: r for r in rows}
    assert by_figure["p50_ms_1"]["ratio"] == 0.9
    assert by_figure["rasa_rss_bytes"]["shown"] == ("1240", "620")
    assert by_figure["training_s"]["ratio"] is None and by_figure["training_s"]["shown"][0] == "-"


def test_the_table_has_a_header_and_a_line_a_figure():
    lines = table(comparison(OURS, BASELINE)).splitlines()
    assert len(lines) == 1 + len(FIGURES)
    assert "rasa init" in lines[0] and "x baseline" in lines[0]
    assert lines[1].startswith("p50 ms, 1 conversation") and lines[1].endswith("0.90")


def test_the_aims_are_p50_at_most_the_baselines_and_rasa_under_1_2_gb():
    checked = aims(OURS, BASELINE)
    assert [a["met"] for a in checked] == [True, False]
    assert checked[1]["value"] == 1_300_000_000
    slower = aims({**OURS, "p50_ms_1": 101.0, "rasa_rss_bytes": 1_199_000_000}, BASELINE)
    assert [a["met"] for a in slower] == [False, True]


def test_an_aim_without_its_figure_is_not_met():
    assert [a["met"] for a in aims({}, BASELINE)] == [False, False]


def test_components_heaviest_first_small_ones_together_and_the_rows_add_up():
    rows = component_rows(_components())
    names = [r["name"] for r in rows]
    assert names[:2] == ["Python + Rasa's engine (imports)", "unpacking the model archive"]
    assert names[2:4] == ["run_SpacyNLP0", "run_DIETClassifier5"]
    assert names[4] == "2 other nodes (under 1 MiB each)"
    assert sum(r["import_bytes"] + r["load_bytes"] for r in rows) == 951 * MIB + 3000
    assert "resident set once loaded" in component_table("ours", _components()).splitlines()[-1]


def test_the_document_holds_both_assistants_the_comparison_the_aims_and_the_detector_and_is_json():
    ours = {"figures": OURS, "training": {"seconds": None, "source": "not recorded"}, "components": _components()}
    base = {"figures": BASELINE, "training": {"seconds": 120.0, "source": "measured"}, "components": _components()}
    written = json.loads(json.dumps(document(ours, base, {"rows": []}, {"cpus": 2})))
    assert set(written) == {"machine", "assistants", "comparison", "aims", "risk_detector"}
    assert written["assistants"]["ours"]["training"]["source"] == "not recorded"
    assert len(written["comparison"]) == len(FIGURES) and "shown" not in written["comparison"][0]
    assert [a["met"] for a in written["aims"]] == [True, False]
