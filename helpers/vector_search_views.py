"""Figures, tables and the efSearch / nprobe widget of the capstone notebook (vector databases).

Everything here draws what `helpers.vector_search` computed; nothing is computed twice.
"""
from __future__ import annotations

import textwrap

import numpy as np
import plotly.graph_objects as go

from . import vector_search as vs
from .display import Table
from .figures import colour_for, plot_values, standard_layout
from .widgets import live


def selection_slider(options, value, description: str):
    """A slider over a few fixed values (ipywidgets 7.7 and 8)."""
    import ipywidgets as widgets

    options = list(options)
    return widgets.SelectionSlider(options=options, value=value if value in options else options[0],
                                   description=description, continuous_update=False,
                                   style={"description_width": "initial"},
                                   layout=widgets.Layout(width="420px"))


# --------------------------------------------------------------------------- sentence vectors
def pair_similarity_figure(pairs, contextual, static) -> go.Figure:
    """Cosine of each sentence pair: MiniLM mean-pooled (contextual) vs averaged table rows."""
    labels = [f"{a}<br>{b}" for a, b in pairs]
    fig = go.Figure()
    for index, (name, values) in enumerate([("MiniLM, mean of token outputs", contextual),
                                            ("mean of static table rows", static)]):
        fig.add_trace(go.Bar(
            x=[f"pair {i + 1}" for i in range(len(pairs))], y=plot_values(values, 2), name=name,
            marker_color=colour_for(index), customdata=labels,
            hovertemplate="%{customdata}<br>cosine %{y:.2f}<extra>" + name + "</extra>"))
    fig.update_layout(barmode="group", legend={"orientation": "h", "y": -0.2})
    return standard_layout(fig, "Sentence pairs: contextual vs static sentence vectors",
                           "sentence pair (hover for the sentences)", "cosine similarity",
                           height=380)


# --------------------------------------------------------------------------- passages & hits
def passage_table(passages, ids=None, width: int = 70) -> Table:
    ids = range(len(passages)) if ids is None else ids
    rows = [(passages[i].id, passages[i].source, passages[i].document,
             textwrap.shorten(passages[i].text, width, placeholder=" …")) for i in ids]
    return Table(rows, ["id", "source", "document", "text"], title="Passages")


def hits_table(hits, title: str = "Top passages", width: int = 70) -> Table:
    """One query's hits (from `VectorStore.search` or `rag_hits`): score, document, text."""
    rows = [(rank + 1, f"{hit.score:.2f}", hit.document,
             textwrap.shorten(hit.text, width, placeholder=" …"))
            for rank, hit in enumerate(hits)]
    return Table(rows, ["rank", "cosine", "document", "passage (start)"], title=title)


def norms_figure(norms, sources) -> go.Figure:
    """Histogram of the pooled vectors' lengths, per source: what dot product rewards."""
    fig = go.Figure()
    for index, source in enumerate(sorted(set(sources))):
        chosen = [n for n, s in zip(norms, sources) if s == source]
        fig.add_trace(go.Histogram(x=plot_values(chosen, 3), name=source, opacity=0.7,
                                   marker_color=colour_for(index), nbinsx=30,
                                   hovertemplate="length %{x}<br>%{y} passages<extra></extra>"))
    fig.update_layout(barmode="overlay")
    return standard_layout(fig, "Lengths of the pooled passage vectors (before normalising)",
                           "vector length (L2 norm)", "passages", height=340)


# --------------------------------------------------------------------------- ANN
def index_table(rows, timed: bool = False) -> Table:
    """Rows (name, setting, recall, memory MB[, build ms, q/s]) as a table."""
    columns = ["index", "setting", "recall@10", "memory MB"]
    if timed:
        columns += ["build ms", "queries/s"]
    return Table(rows, columns, title="Indexes on the same vectors and queries")


def frontier_figure(curves: dict, exact_qps: float, chosen: dict | None = None) -> go.Figure:
    """Recall@10 against queries per second, one line per index as its knob turns.

    `curves` maps an index name to (knob name, rows) where rows are (setting, recall, q/s);
    `chosen` maps an index name to the setting to highlight.
    """
    fig = go.Figure()
    for index, (name, (knob, rows)) in enumerate(curves.items()):
        fig.add_trace(go.Scatter(
            x=plot_values([r[2] for r in rows], 0), y=plot_values([r[1] for r in rows], 3),
            mode="lines+markers", name=name, marker={"color": colour_for(index), "size": 8},
            line={"color": colour_for(index)},
            text=[f"{knob}={r[0]}" for r in rows],
            hovertemplate="%{text}<br>recall@10 %{y:.3f}<br>%{x:,.0f} queries/s"
                          "<extra>" + name + "</extra>"))
        if chosen and name in chosen:
            row = next((r for r in rows if r[0] == chosen[name]), None)
            if row is not None:
                fig.add_trace(go.Scatter(
                    x=plot_values([row[2]], 0), y=plot_values([row[1]], 3), mode="markers",
                    marker={"color": colour_for(index), "size": 18, "symbol": "circle-open",
                            "line": {"width": 3}},
                    name=f"{name}: {knob}={row[0]}",
                    hovertemplate=f"{knob}={row[0]}: recall %{{y:.3f}}, %{{x:,.0f}} q/s"
                                  "<extra></extra>"))
    fig.add_trace(go.Scatter(x=plot_values([exact_qps], 0), y=[1.0], mode="markers",
                             marker={"color": "#000000", "size": 12, "symbol": "x"},
                             name="exact search",
                             hovertemplate="exact: recall 1, %{x:,.0f} q/s<extra></extra>"))
    fig.update_xaxes(type="log")
    fig.update_yaxes(range=[0, 1.03])
    return standard_layout(fig, "Recall–speed frontier: up and to the right is better",
                           "queries per second (log scale, one query at a time)",
                           "recall@10 against exact search", height=440)


def frontier_view(curves: dict, exact_qps: float, ef_search: int, nprobe: int):
    """The figure with the chosen efSearch and nprobe highlighted, and one line on each."""
    chosen = {}
    lines = []
    for name, (knob, rows) in curves.items():
        value = ef_search if knob == "ef_search" else nprobe
        chosen[name] = value
        row = next((r for r in rows if r[0] == value), None)
        if row is not None:
            lines.append(f"{name} {knob}={value}: recall@10 {row[1]:.2f}, "
                         f"{row[2] / exact_qps:.0f}× the exact search's queries/s")
    print("\n".join(lines))
    return frontier_figure(curves, exact_qps, chosen)


def frontier_widget(curves: dict, exact_qps: float, ef_search: int = 32, nprobe: int = 4):
    """Sliders for efSearch (HNSW) and nprobe (IVF) that redraw the frontier."""
    controls = {}
    for name, (knob, rows) in curves.items():
        values = [r[0] for r in rows]
        if knob == "ef_search" and "ef_search" not in controls:
            controls["ef_search"] = selection_slider(values, ef_search, "HNSW efSearch")
        if knob == "nprobe" and "nprobe" not in controls:
            controls["nprobe"] = selection_slider(values, nprobe, "IVF nprobe")
    return live(controls,
                lambda ef_search=ef_search, nprobe=nprobe: frontier_view(curves, exact_qps,
                                                                        ef_search, nprobe),
                css_class="course-ann-frontier")


def benchmark_table(results: dict) -> Table:
    """The table written by benchmarks/ann_benchmark.py (measured once, shown as stored)."""
    rows = [(r["index"], r["setting"], f"{r['recall']:.3f}", f"{r['qps']:,.0f}",
             f"{r['speedup']:.0f}×", f"{r['memory_mb']:.0f}", f"{r['build_s']:.1f}")
            for r in results["rows"]]
    title = (f"{results['size']:,} vectors × {results['dim']}, {results['queries']:,} queries, "
             f"measured by benchmarks/ann_benchmark.py on {results['date']} "
             f"({results['machine']}, shared machine)")
    return Table(rows, ["index", "setting", "recall@10", "queries/s", "vs exact", "memory MB",
                        "build s"], title=title)
