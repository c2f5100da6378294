"""What `make bench` prints and writes: our figures beside the `rasa init` baseline's, each as a ratio
to it, the issue's aims met or not, and memory by pipeline component. Plain functions over plain
dicts, so the shape of the table and of artifacts/bench.json is tested without Rasa."""

from typing import Dict, List, Optional

MIB = 1024 * 1024
# The aims (issue 12, "Benchmarks"): a message no slower than the baseline's at one
# conversation, and the Rasa server's resident memory under 1.2 GB (decimal, as the issue writes it).
P50_RATIO_AIM = 1.0
RASA_RSS_AIM_BYTES = 1.2e9

# key, label, how a value is shown (bytes as MiB)
FIGURES = [
    ("p50_ms_1", "p50 ms, 1 conversation", "{:.0f}"),
    ("p95_ms_1", "p95 ms, 1 conversation", "{:.0f}"),
    ("per_second_1", "messages/s, 1 conversation", "{:.1f}"),
    ("p50_ms_20", "p50 ms, 20 conversations", "{:.0f}"),
    ("p95_ms_20", "p95 ms, 20 conversations", "{:.0f}"),
    ("per_second_20", "messages/s, 20 conversations", "{:.1f}"),
    ("rasa_rss_bytes", "Rasa server RSS MiB, after the load", "mib"),
    ("actions_rss_bytes", "action server RSS MiB, after the load", "mib"),
    ("first_answer_s", "s from process start to first answer", "{:.1f}"),
    ("training_s", "training s", "{:.0f}"),
]


def ratio(ours: Optional[float], baseline: Optional[float]) -> Optional[float]:
    if ours is None or not baseline:
        return None
    return round(ours / baseline, 2)


def _shown(value: Optional[float], style: str) -> str:
    if value is None:
        return "-"
    return f"{value / MIB:.0f}" if style == "mib" else style.format(value)


def comparison(ours: Dict[str, float], baseline: Dict[str, float]) -> List[dict]:
    """One row a figure, in FIGURES' order: both values and ours as a ratio to the baseline's."""
    return [
        {
            "figure": key,
            "label": label,
            "ours": ours.get(key),
            "baseline": baseline.get(key),
            "ratio": ratio(ours.get(key), baseline.get(key)),
            "shown": (_shown(ours.get(key), style), _shown(baseline.get(key), style)),
        }
        for key, label, style in FIGURES
    ]


def table(rows: List[dict]) -> str:
    lines = [f"{'':40}{'ours':>10}{'rasa init':>11}{'x baseline':>12}"]
    for row in rows:
        shown_ratio = "-" if row["ratio"] is None else f"{row['ratio']:.2f}"
        lines.append(f"{row['label']:40}{row['shown'][0]:>10}{row['shown'][1]:>11}{shown_ratio:>12}")
    return "\n".join(lines)


def aims(ours: Dict[str, float], baseline: Dict[str, float]) -> List[dict]:
    p50 = ratio(ours.get("p50_ms_1"), baseline.get("p50_ms_1"))
    rss = ours.get("rasa_rss_bytes")
    return [
        {
            "aim": f"p50 at 1 conversation at most {P50_RATIO_AIM:.1f}x the baseline's",
            "value": p50,
            "met": p50 is not None and p50 <= P50_RATIO_AIM,
        },
        {
            "aim": f"Rasa server resident memory under {RASA_RSS_AIM_BYTES / 1e9:.1f} GB",
            "value": rss,
            "met": rss is not None and rss < RASA_RSS_AIM_BYTES,
        },
    ]


def aims_text(checked: List[dict]) -> str:
    return "\n".join(f"{'met    ' if a['met'] else 'NOT met'}  {a['aim']}" for a in checked)


def component_rows(measured: dict) -> List[dict]:
    """The heaviest first; the steps before the components (Python, Rasa's engine, unpacking the
    archive) and the rest of the graph's nodes as one row each, so the rows add up to the total."""
    rows = [
        {
            "name": "Python + Rasa's engine (imports)",
            "import_bytes": measured["python_bytes"] + measured["rasa_engine_import_bytes"],
            "load_bytes": 0,
        },
        {"name": "unpacking the model archive", "import_bytes": 0, "load_bytes": measured["model_unpack_bytes"]},
    ]
    nodes = sorted(measured["nodes"], key=lambda n: n["import_bytes"] + n["load_bytes"], reverse=True)
    big = [n for n in nodes if n["import_bytes"] + n["load_bytes"] >= MIB]
    small = [n for n in nodes if n not in big]
    rows += [{"name": n["node"], "import_bytes": n["import_bytes"], "load_bytes": n["load_bytes"]} for n in big]
    if small:
        rows.append(
            {
                "name": f"{len(small)} other nodes (under 1 MiB each)",
                "import_bytes": sum(n["import_bytes"] for n in small),
                "load_bytes": sum(n["load_bytes"] for n in small),
            }
        )
    return rows


def component_table(name: str, measured: dict) -> str:
    lines = [f"{name}: resident memory by component (MiB)", f"{'':64}{'import':>8}{'load':>8}{'total':>8}"]
    for row in component_rows(measured):
        total = row["import_bytes"] + row["load_bytes"]
        lines.append(
            f"{row['name'][:64]:64}{row['import_bytes'] / MIB:>8.0f}{row['load_bytes'] / MIB:>8.0f}{total / MIB:>8.0f}"
        )
    lines.append(f"{'resident set once loaded':64}{'':>16}{measured['total_bytes'] / MIB:>8.0f}")
    return "\n".join(lines)


def document(ours: dict, baseline: dict, detector: dict, machine: dict) -> dict:
    """artifacts/bench.json: each assistant's figures, how its training time was obtained and its
    memory by component; the comparison and the aims; the risk detector's section; the machine."""
    rows = comparison(ours["figures"], baseline["figures"])
    return {
        "machine": machine,
        "assistants": {"ours": ours, "baseline": baseline},
        "comparison": [{k: v for k, v in row.items() if k != "shown"} for row in rows],
        "aims": aims(ours["figures"], baseline["figures"]),
        "risk_detector": detector,
    }
