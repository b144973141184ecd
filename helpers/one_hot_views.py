"""Figures and the widget of notebook 02 (one-hot vectors).

Computation is in `helpers.one_hot`; this module only shows it.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import plotly.graph_objects as go

from .display import Table
from .figures import PALETTE, SEQUENTIAL, plot_values, similarity_heatmap, standard_layout
from .one_hot import (check_size, format_bytes, memory_report, off_diagonal, pairwise_distances,
                      sparsity)

SLIDER_SIZES = [10, 100, 1_000, 10_000, 30_522, 50_257, 128_256, 256_000, 1_000_000]


def one_hot_heatmap(row_labels: Sequence[str], matrix, column_labels: Sequence[str],
                    title: str = "One-hot vectors: one row per token") -> go.Figure:
    """The one-hot matrix as a grid: a bright cell marks the single 1 of each row."""
    matrix = np.asarray(matrix)
    rows = [f"{i}: {w}" for i, w in enumerate(row_labels)]
    columns = [str(c) for c in column_labels]
    fig = go.Figure(go.Heatmap(
        z=plot_values(matrix, 0), x=columns, y=rows, zmin=0, zmax=1, colorscale=SEQUENTIAL,
        xgap=1, ygap=1, colorbar={"title": {"text": "value"}, "tickvals": [0, 1]},
        hovertemplate="token %{y}, column '%{x}': %{z}<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    return standard_layout(fig, title, "vector position (the vocabulary's tokens, by ID)",
                           "token of the sentence", height=max(300, 32 * len(rows) + 140))


def cosine_heatmap(words: Sequence[str], vectors) -> go.Figure:
    from .one_hot import pairwise_cosines

    return similarity_heatmap(words, pairwise_cosines(vectors),
                              "Cosine similarity of one-hot vectors: 0 for every pair")


def distance_heatmap(words: Sequence[str], vectors) -> go.Figure:
    distances = pairwise_distances(vectors)
    labels = [str(w) for w in words]
    fig = go.Figure(go.Heatmap(
        z=plot_values(distances, 3), x=labels, y=labels, zmin=0, zmax=2,
        colorscale=SEQUENTIAL, colorbar={"title": {"text": "distance"}},
        hovertemplate="%{y} · %{x}: distance %{z:.3f}<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    return standard_layout(fig, "Euclidean distance of one-hot vectors: √2 ≈ 1.414 for every pair",
                           "word", "word", height=max(320, 40 * len(labels) + 120))


def pair_summary(words: Sequence[str], vectors) -> Table:
    """How many different pairs there are and which cosines / distances they have."""
    from .one_hot import pairwise_cosines

    cosines = np.round(off_diagonal(pairwise_cosines(vectors)), 6)
    distances = np.round(off_diagonal(pairwise_distances(vectors)), 6)
    n = len(words)
    rows = [("pairs of different words", n * (n - 1) // 2),
            ("distinct cosine values", ", ".join(f"{v:.3f}" for v in np.unique(cosines))),
            ("distinct distance values", ", ".join(f"{v:.3f}" for v in np.unique(distances)))]
    return Table(rows, ["", "value"], title="Every pair alike")


def _memory_bars(size: int, **axes) -> go.Bar:
    report = memory_report(size)
    names = list(report)
    values = [report[n] for n in names]
    labels = [format_bytes(v) for v in values]
    return go.Bar(x=names, y=values, text=labels, textposition="outside",
                  marker={"color": PALETTE[:len(names)]}, showlegend=False,
                  hovertext=[f"{n}: {v:,} bytes ({l})" for n, v, l in zip(names, values, labels)],
                  hoverinfo="text", **axes)


_GRID = np.unique(np.round(np.logspace(0, 6.5, 80)).astype(int))


def _sparsity_traces(size: int, **axes) -> list:
    return [
        go.Scatter(x=_GRID.tolist(), y=plot_values(100 * (1 - 1 / _GRID), 6), mode="lines",
                   name="1 − 1/V", line={"color": PALETTE[0]}, showlegend=False,
                   hovertemplate="V = %{x:,}: %{y:.4f} % zeros<extra></extra>", **axes),
        go.Scatter(x=[size], y=plot_values([100 * sparsity(size)], 6), mode="markers+text",
                   name="your V", marker={"color": PALETTE[5], "size": 12}, showlegend=False,
                   text=[f"{100 * sparsity(size):.4f} % zeros"],
                   textposition="bottom left",
                   hovertemplate="V = %{x:,}: %{y:.4f} % zeros<extra></extra>", **axes)]


def memory_figure(size: int) -> go.Figure:
    """Bars (log scale): bytes of all V one-hot vectors stored densely, sparsely, or as IDs."""
    size = check_size(size)
    fig = go.Figure(_memory_bars(size))
    fig.update_yaxes(type="log", range=[0, 13.5], dtick=1, exponentformat="SI")
    return standard_layout(fig, f"Memory of all {size:,} one-hot vectors (V × V table)",
                           "how they are stored", "bytes (log scale)", height=380)


def sparsity_figure(size: int) -> go.Figure:
    """The share of zeros in a one-hot vector, 1 − 1/V, with the chosen V marked."""
    size = check_size(size)
    fig = go.Figure(_sparsity_traces(size))
    fig.update_xaxes(type="log")
    fig.update_yaxes(range=[0, 105])
    return standard_layout(fig, "Sparsity: how much of a one-hot vector is zeros",
                           "vocabulary size V (log scale)", "zeros in one vector (%)",
                           height=360, showlegend=False)


def memory_sparsity_figure(size: int) -> go.Figure:
    """The widget's one figure: memory bars (left) and the sparsity curve (right) side by side.

    One figure per redraw, not two: every output sent into an Output widget is another chance
    for nbclient 0.11 (the notebook builder) to miss the kernel's reply and wait until its
    timeout."""
    size = check_size(size)
    fig = go.Figure([_memory_bars(size)] + _sparsity_traces(size, xaxis="x2", yaxis="y2"))
    fig.update_layout(
        xaxis={"domain": [0, 0.42], "anchor": "y", "title": {"text": "how they are stored"}},
        yaxis={"type": "log", "range": [0, 13.5], "anchor": "x", "dtick": 1,
               "exponentformat": "SI",
               "title": {"text": "bytes (log scale: each grid line 10×)"}},
        xaxis2={"domain": [0.55, 1], "anchor": "y2", "type": "log",
                "title": {"text": "vocabulary size V (log scale)"}},
        yaxis2={"range": [0, 105], "anchor": "x2", "title": {"text": "zeros in one vector (%)"}},
        annotations=[{"text": "memory of all V one-hot vectors", "x": 0.21, "y": 1.0,
                      "xref": "paper", "yref": "paper", "showarrow": False, "yanchor": "bottom"},
                     {"text": f"sparsity of one vector (V = {size:,})", "x": 0.775, "y": 1.0, "xref": "paper",
                      "yref": "paper", "showarrow": False, "yanchor": "bottom"}])
    return standard_layout(fig, f"V = {size:,}: memory and sparsity of one-hot vectors",
                           height=420)


def render_memory(size: int) -> go.Figure:
    """What the widget draws for vocabulary size `size`."""
    return memory_sparsity_figure(size)


def memory_widget(size: int = 50_257, css_class: str = "course-memory-sparsity"):
    """A vocabulary-size slider (real sizes marked) → memory and sparsity figures."""
    import ipywidgets as widgets

    from .widgets import live

    options = [(f"{v:,}", v) for v in SLIDER_SIZES]
    slider = widgets.SelectionSlider(options=options, value=size, description="vocabulary size V",
                                     style={"description_width": "initial"},
                                     layout=widgets.Layout(width="520px"))
    return live({"size": slider}, render_memory, css_class=css_class)
