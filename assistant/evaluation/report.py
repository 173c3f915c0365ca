"""The human-readable side of an evaluation run: ``report.md`` and the ``metrics.png`` bar charts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.evaluation.metrics import CROSS, SAME

#: Columns of the per-split table: (metrics key, header).
SPLIT_COLUMNS = (
    ("evidence_hit_at_5", "hit@5"), ("evidence_hit_at_1", "hit@1"), ("mrr", "MRR"),
    ("citation_precision", "citation precision"), ("supported_citations", "supported citations"),
    ("fabricated_citations", "fabricated"), ("fact_recall", "fact recall"), ("refusal_accuracy", "refusal accuracy"),
    ("answered_rate", "answerable answered"), ("refused_rate", "unanswerable refused"),
    ("latency_p50_ms", "p50 ms"), ("latency_p95_ms", "p95 ms"),
)
BASELINE_COLUMNS = (("evidence_hit_at_5", "hit@5"), ("evidence_hit_at_1", "hit@1"), ("mrr", "MRR"),
                    ("evidence_indexable", "evidence indexable"), ("latency_p50_ms", "p50 ms"))
PLOT_METRICS = (("evidence_hit_at_5", "hit@5"), ("evidence_hit_at_1", "hit@1"), ("mrr", "MRR"),
                ("citation_precision", "citation\nprecision"), ("fact_recall", "fact\nrecall"),
                ("refusal_accuracy", "refusal\naccuracy"))
TARGET_LABELS = {
    "evidence_hit_at_5": "evidence hit@5",
    "evidence_hit_at_5_cross_lingual": "evidence hit@5, cross-lingual items",
    "citation_precision": "citation precision",
    "refusal_accuracy": "refusal accuracy",
    "answered_rate": "answerable questions answered",
    "refused_rate": "unanswerable questions refused",
    "fact_recall": "fact recall",
    "fabricated_citations": "fabricated citations (at most)",
    "hit_at_5_gain_over_baseline": "hit@5 gain over the baseline",
}
#: Items listed per "to look at" section (the full list is in results.jsonl).
MAX_LISTED = 25
PLOT_SIZE = (12, 4.5)
PLOT_DPI = 110
BAR_GROUP_WIDTH = 0.8
#: Head room above 1.0 for the legend.
PLOT_YMAX = 1.25


def fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}" if value < 10 else f"{value:.0f}"
    return str(value)


def _splits(summary: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    rows = [("all", summary)]
    rows += [(f"question {lang}", data) for lang, data in summary.get("by_lang", {}).items()]
    labels = {CROSS: "cross-lingual", SAME: "same language"}
    rows += [(labels.get(name, name), data) for name, data in summary.get("by_cross_lingual", {}).items()]
    rows += [(f"split {name}", data) for name, data in summary.get("by_split", {}).items()]
    return rows


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def _header(metrics: dict[str, Any]) -> list[str]:
    c, comp = metrics.get("config", {}), metrics.get("composition", {})
    chunk, ret = c.get("chunk", {}), c.get("retrieval", {})
    return [
        "# Evaluation report", "",
        f"- Run: {metrics.get('created_at', '')}; questions: `{c.get('questions')}`; docs: "
        + ", ".join(f"`{d}`" for d in c.get("docs", [])),
        f"- Items: {comp.get('items')} ({comp.get('answerable')} answerable, {comp.get('unanswerable')} "
        f"unanswerable; {comp.get('nl')} Dutch, {comp.get('en')} English; {comp.get('cross_lingual')} "
        f"cross-lingual, of which {comp.get('nl_about_en')} Dutch questions about English documents)",
        f"- Embedder `{c.get('embedder')}`; chunks {chunk.get('size')}/{chunk.get('overlap')} (size/overlap); "
        f"k={ret.get('k')}, dense {ret.get('dense_weight')}, BM25 {ret.get('bm25_weight')}, translated "
        f"{ret.get('translated_weight')}, RRF k {ret.get('rrf_k')}; answer backend `{c.get('llm')}`",
        f"- Index: `{c.get('index')}`", "",
    ]


def _targets(metrics: dict[str, Any]) -> list[str]:
    rows = [[TARGET_LABELS.get(key, key), fmt(t["value"]), fmt(t["target"]),
             {True: "met", False: "**not met**", None: "not measured"}[t["met"]]]
            for key, t in metrics.get("targets", {}).items()]
    return ["## Targets", "", *_table(["target", "measured", "goal", "status"], rows), ""]


def _assistant(metrics: dict[str, Any]) -> list[str]:
    rows = [[name, str(data.get("items", ""))] + [fmt(data.get(key)) for key, _ in SPLIT_COLUMNS]
            for name, data in _splits(metrics)]
    lines = ["## Assistant", "", *_table(["split", "items"] + [h for _, h in SPLIT_COLUMNS], rows), ""]
    lines.append(f"Evidence indexable (an evidence passage lies whole inside some chunk of its source; the ceiling "
                 f"for hit@k): {fmt(metrics.get('evidence_indexable'))}. Backend errors: {metrics.get('errors', 0)}.")
    return lines + [""]


def _baseline(metrics: dict[str, Any]) -> list[str]:
    base = metrics.get("baseline")
    if not base:
        return []
    lines = ["## Against the baseline", "", f"Baseline: {base.get('description')}; {base.get('chunks')} chunks, "
             f"built in {base.get('build_seconds')} s.", "",
             f"The baseline has no answerer, so only retrieval is compared. It returns {base.get('k')} chunks, "
             "so its hit@5 is its hit@" + str(base.get("k")) + ". Latency: the assistant's is a whole answer "
             "(retrieval, sentence scoring, answer), the baseline's one dense search.", ""]
    if base.get("skipped_files"):
        lines += [f"Files the vanilla loaders cannot read (skipped): {', '.join(base['skipped_files'])}.", ""]
    header = ["split"] + [f"{h} {who}" for _, h in BASELINE_COLUMNS for who in ("assistant", "baseline")]
    header.append("hit@5 gain (points)")
    base_splits = dict(_splits(base))
    rows = []
    for name, data in _splits(metrics):
        other = base_splits.get(name, {})
        row = [name] + [fmt(d.get(key)) for key, _ in BASELINE_COLUMNS for d in (data, other)]
        a, b = data.get("evidence_hit_at_5"), other.get("evidence_hit_at_5")
        row.append(f"{(a - b) * 100:+.0f}" if a is not None and b is not None else "–")
        rows.append(row)
    return lines + _table(header, rows) + [""]


def _faithfulness(metrics: dict[str, Any]) -> list[str]:
    f = metrics.get("faithfulness")
    if not f:
        return []
    if f.get("faithfulness") is None:
        return ["## Faithfulness", "", f"Not measured: {f.get('skipped_reason') or 'no answer was judged'}.", ""]
    note = f" Stopped early: {f['skipped_reason']}." if f.get("skipped_reason") else ""
    return ["## Faithfulness", "", f"Claims supported by the cited passages (LLM judge): {fmt(f['faithfulness'])} "
            f"over {f['judged']} answers ({f['failed']} judge calls failed).{note}", ""]


def _listing(title: str, records: list[dict[str, Any]], describe) -> list[str]:
    if not records:
        return []
    lines = [f"### {title} ({len(records)})", ""]
    lines += [f"- `{r['id']}` ({r['lang']}{', cross-lingual' if r.get('cross_lingual') else ''}) {r['question']}"
              f" — {describe(r)}" for r in records[:MAX_LISTED]]
    if len(records) > MAX_LISTED:
        lines.append(f"- … and {len(records) - MAX_LISTED} more (see results.jsonl)")
    return lines + [""]


def _to_look_at(records: list[dict[str, Any]]) -> list[str]:
    missed = [r for r in records if r["answerable"] and not r["metrics"].get("hit_at_5")]
    wrong_refusal = [r for r in records if r["metrics"].get("refusal_correct") is False]
    fabricated = [r for r in records if r["metrics"].get("fabricated")]
    errors = [r for r in records if r.get("error")]

    def first_sources(r):
        names = [x["source"].rsplit("/", 1)[-1] for x in r.get("retrieved", [])[:3]]
        hint = "" if r["metrics"].get("evidence_indexable") is not False else " (evidence lies in no single chunk)"
        return "retrieved " + (", ".join(names) or "nothing") + hint

    lines = ["## Items to look at", ""]
    lines += _listing("Evidence not in the top 5", missed, first_sources)
    lines += _listing("Wrong refusal decision", wrong_refusal,
                      lambda r: "refused an answerable question" if r["refused"] else "answered an unanswerable one")
    lines += _listing("Fabricated citations", fabricated, lambda r: f"{r['metrics']['fabricated']} cited chunk(s) "
                      "not retrieved")
    lines += _listing("Backend errors", errors, lambda r: str(r.get("error"))[:200])
    return lines if len(lines) > 2 else lines + ["Nothing: every item passed every check.", ""]


def write_report(metrics: dict[str, Any], records: list[dict[str, Any]], path: Path,
                 plot_name: str | None = None) -> None:
    lines = _header(metrics) + _targets(metrics) + _assistant(metrics) + _baseline(metrics)
    lines += _faithfulness(metrics) + _to_look_at(records)
    if plot_name:
        lines += [f"![metrics]({plot_name})", ""]
    Path(path).write_text("\n".join(lines), encoding="utf-8")


def _bars(ax, groups: list[tuple[str, list[float]]], labels: list[str], title: str) -> None:
    width = BAR_GROUP_WIDTH / max(len(groups), 1)
    for i, (name, values) in enumerate(groups):
        xs = [x + (i - (len(groups) - 1) / 2) * width for x in range(len(labels))]
        ax.bar(xs, values, width, label=name)
    ax.set_xticks(range(len(labels)), labels)
    ax.set_ylim(0, PLOT_YMAX)
    ax.set_title(title)
    ax.legend(fontsize="small", loc="upper center", ncol=len(groups))
    ax.grid(axis="y", alpha=0.3)


def write_plot(metrics: dict[str, Any], path: Path) -> None:
    """Bar charts: the assistant's metrics per split, and hit@5 against the baseline (when it ran)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    base = metrics.get("baseline")
    fig, axes = plt.subplots(1, 2 if base else 1, figsize=PLOT_SIZE, squeeze=False)
    splits = _splits(metrics)
    groups = [(name, [data.get(key) or 0.0 for key, _ in PLOT_METRICS]) for name, data in splits]
    _bars(axes[0][0], groups, [label for _, label in PLOT_METRICS], "Assistant by split")
    if base:
        base_splits = dict(_splits(base))
        names = [name for name, _ in splits]
        compare = [("assistant", [d.get("evidence_hit_at_5") or 0.0 for _, d in splits]),
                   ("vanilla baseline", [base_splits.get(n, {}).get("evidence_hit_at_5") or 0.0 for n in names])]
        _bars(axes[0][1], compare, names, "Evidence hit@5: assistant vs baseline")
    fig.tight_layout()
    fig.savefig(path, dpi=PLOT_DPI)
    plt.close(fig)
