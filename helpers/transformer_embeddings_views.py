"""Figures and widgets of notebook 13 (inside a transformer's embedding layer).

The numbers come from `helpers.transformer_embeddings`; this module only draws them.
"""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from . import transformer_embeddings as te
from . import validation
from .vectors import normalize_rows
from .figures import DIVERGING, colour_for, plot_values, standard_layout
from .widgets import int_slider, live

ROPE_DIM = 16


# --------------------------------------------------------------------------- RoPE
def example_vector(dim: int = ROPE_DIM, seed: int = 0) -> np.ndarray:
    """A fixed random vector to rotate (the same on every run)."""
    return np.random.default_rng(seed).standard_normal(dim)


def rope_pair_figure(position: int = 5, pair: int = 0, dim: int = ROPE_DIM,
                     base: float = te.ROPE_BASE, x=None) -> go.Figure:
    """The plane of one RoPE pair (dimensions i and i + dim/2): the pair's point at every
    position 0..`position`, the current one as an arrow from the origin."""
    x = example_vector(dim) if x is None else np.asarray(x, dtype=float)
    position = validation.whole_number(position, "position", 0, 4_096, between=True)
    pair = validation.whole_number(pair, "pair", 0, dim // 2 - 1, between=True)
    half = dim // 2
    positions = np.arange(position + 1)
    rotated = te.apply_rope(np.tile(x, (len(positions), 1)), positions, base)
    px, py = rotated[:, pair], rotated[:, pair + half]
    radius = float(np.hypot(x[pair], x[pair + half]))
    angle = float(te.rope_angles(dim, [position], base)[0, pair])
    circle = np.linspace(0, 2 * np.pi, 121)
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=plot_values(radius * np.cos(circle)),
                             y=plot_values(radius * np.sin(circle)), mode="lines",
                             line={"color": "#bbbbbb", "dash": "dot"}, name="same length",
                             hoverinfo="skip"))
    fig.add_trace(go.Scatter(x=plot_values(px), y=plot_values(py), mode="markers",
                             marker={"color": colour_for(0), "size": 6}, name="positions 0…m",
                             text=[f"position {p}" for p in positions],
                             hovertemplate="%{text}: (%{x:.2f}, %{y:.2f})<extra></extra>"))
    fig.add_trace(go.Scatter(x=[0, float(px[-1])], y=[0, float(py[-1])], mode="lines+markers",
                             line={"color": colour_for(5), "width": 3}, name=f"position {position}",
                             hovertemplate="(%{x:.2f}, %{y:.2f})<extra></extra>"))
    fig.add_trace(go.Scatter(x=[0, float(x[pair])], y=[0, float(x[pair + half])],
                             mode="lines+markers", line={"color": colour_for(1), "dash": "dash"},
                             name="position 0 (unrotated)",
                             hovertemplate="(%{x:.2f}, %{y:.2f})<extra></extra>"))
    limit = 1.15 * max(radius, 1e-6)
    fig.update_xaxes(range=[-limit, limit], scaleanchor="y", scaleratio=1)
    fig.update_yaxes(range=[-limit, limit])
    frequency = base ** (-2 * pair / dim)
    norms = (np.linalg.norm(x), np.linalg.norm(rotated[-1]))
    fig.update_layout(legend={"orientation": "h", "y": -0.18})
    return standard_layout(
        fig, f"RoPE pair {pair} (dims {pair} and {pair + half}), θ = {frequency:.4g} rad per position"
             f"<br><sup>position {position}: turned {angle:.2f} rad; vector length "
             f"{norms[0]:.3f} → {norms[1]:.3f}</sup>",
        f"dimension {pair}", f"dimension {pair + half}", height=560, width=560)


def rope_widget(dim: int = ROPE_DIM):
    """Sliders for the position m and the pair (its frequency) of the RoPE picture."""
    return live({"position": int_slider(5, 0, 64, "position m"),
                 "pair": int_slider(0, 0, dim // 2 - 1, "pair i (frequency)")},
                lambda position, pair: rope_pair_figure(position, pair, dim),
                css_class="course-rope")


def rope_score_figure(scores) -> go.Figure:
    """Heatmap of q·k after RoPE for every (query position, key position)."""
    scores = np.asarray(scores)
    n = scores.shape[0]
    fig = go.Figure(go.Heatmap(
        z=plot_values(scores, 3), x=list(range(n)), y=list(range(n)), colorscale=DIVERGING,
        zmid=0, colorbar={"title": {"text": "q·k"}},
        hovertemplate="query at m=%{y}, key at n=%{x}: q·k = %{z:.3f}<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    return standard_layout(fig, "RoPE attention scores: constant along every diagonal (same m − n)",
                           "key position n", "query position m", height=460, width=540)


# --------------------------------------------------------------------------- training
def loss_curves_figure(curves: dict, title: str, window: int = 20,
                       reference: tuple[float, str] | None = None) -> go.Figure:
    """Smoothed loss per step, one line per run (name → list of losses); `reference` draws a
    dashed level such as (ln V, "uniform guess")."""
    fig = go.Figure()
    steps = 0
    for index, (name, losses) in enumerate(curves.items()):
        smooth = te.smoothed(losses, window)
        steps = max(steps, len(smooth))
        fig.add_trace(go.Scatter(x=list(range(1, len(smooth) + 1)), y=plot_values(smooth, 3),
                                 mode="lines", name=name, line={"color": colour_for(index)},
                                 hovertemplate=f"{name}<br>step %{{x}}: loss %{{y:.2f}}<extra></extra>"))
    if reference is not None:
        level, label = reference
        fig.add_trace(go.Scatter(x=[1, steps], y=plot_values([level, level], 3), mode="lines",
                                 name=label, line={"color": "#555555", "dash": "dash"},
                                 hovertemplate=f"{label}: %{{y:.2f}}<extra></extra>"))
    return standard_layout(fig, title, "training step", f"loss (mean of the last {window} steps)")


def group_cosine_figure(table, vocabulary, title: str, groups: dict = te.GROUPS) -> go.Figure:
    """Cosine between the rows of the toy corpus's animal, fruit and city words."""
    index = {w: i for i, w in enumerate(vocabulary)}
    words = [w for ws in groups.values() for w in ws]
    unit = normalize_rows(np.asarray(table)[[index[w] for w in words]])
    fig = go.Figure(go.Heatmap(
        z=plot_values(unit @ unit.T, 3), x=words, y=words, zmin=-1, zmax=1,
        colorscale=DIVERGING, reversescale=True, colorbar={"title": {"text": "cosine"}},
        hovertemplate="%{y} · %{x}: %{z:.2f}<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    return standard_layout(fig, title, "word (8 animals, 8 fruit, 8 cities)", "word",
                           height=520, width=600)


def neighbours_figure(runs: dict, words, k: int = 5) -> go.Figure:
    """A table figure: each run's k nearest words (cosine of table rows) for a few words.

    Drawn as a figure because near-equal cosines may swap order on another CPU; the notebook
    prints a rounded summary (`te.group_precision`) next to it."""
    columns = [list(words)]
    for run in runs.values():
        columns.append(["<br>".join(f"{w} {s:.2f}" for w, s in
                                    te.nearest_words(run.table, run.vocabulary, word, k))
                        for word in words])
    fig = go.Figure(go.Table(
        header={"values": ["word"] + [f"{name}: {k} nearest" for name in runs],
                "fill_color": "#dddddd", "align": "left"},
        cells={"values": columns, "align": "left", "height": 22 * k}))
    return standard_layout(fig, "Nearest rows (cosine) in each trained token table",
                           height=90 + 24 * k * len(words))


# --------------------------------------------------------------------------- MiniLM's table
def norm_frequency_figure(rows: list[dict], unused_norm: float | None = None) -> go.Figure:
    """Mean row norm per frequency bin (and the [unused] placeholder rows)."""
    labels = [f"{r['bin']}<br>({r['tokens']:,} tokens)" for r in rows]
    values = [r["mean norm"] for r in rows]
    colours = [colour_for(0)] * len(rows)
    if unused_norm is not None:
        labels.append("[unused…] rows")
        values.append(unused_norm)
        colours.append(colour_for(5))
    fig = go.Figure(go.Bar(x=labels, y=plot_values(values, 3), marker={"color": colours},
                           hovertemplate="%{x}<br>mean norm %{y:.3f}<extra></extra>"))
    return standard_layout(fig, "MiniLM's token table: mean row length by how often the token "
                                "occurs in the Lee corpus", "occurrences in the Lee corpus",
                           "mean row norm")


def dimension_means_figure(matrix) -> go.Figure:
    """Mean value of each of the table's dimensions over all rows."""
    means = np.asarray(matrix).mean(axis=0, dtype=np.float64)
    fig = go.Figure(go.Bar(x=list(range(len(means))), y=plot_values(means, 4),
                           marker={"color": colour_for(0)},
                           hovertemplate="dimension %{x}: mean %{y:.4f}<extra></extra>"))
    return standard_layout(fig, "Mean of each dimension over all 30,522 rows of MiniLM's table",
                           "dimension", "mean over rows")
