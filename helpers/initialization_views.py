"""Figures and widgets of notebook 06 (initialization); the numbers come from `initialization`."""
from __future__ import annotations

import statistics
import time

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from . import initialization as init
from .figures import colour_for, plot_values, standard_layout

DIMENSIONS = [2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]
VOCAB_SIZES = [119, 1_000, 10_000, 50_257]


def table_figure(stats: dict) -> go.Figure:
    """Three panels: entries, row norms and pairwise cosines of an initialized table."""
    fig = make_subplots(rows=1, cols=3, subplot_titles=(
        "entries of the table", "length (norm) of each row", "cosine between two rows"))
    panels = [("values", "entry value", 0), ("norms", "row norm", 1),
              ("cosines", "cosine similarity", 2)]
    for column, (key, label, colour) in enumerate(panels, start=1):
        centres, counts = stats[key]
        fig.add_trace(go.Bar(x=plot_values(centres), y=[int(c) for c in counts], name=label,
                             marker={"color": colour_for(colour)}, showlegend=False,
                             hovertemplate=label + " ≈ %{x}<br>count %{y}<extra></extra>"),
                      row=1, col=column)
        fig.update_xaxes(title_text=label, row=1, col=column)
    fig.update_xaxes(range=[-1.05, 1.05], row=1, col=3)
    fig.update_yaxes(title_text="count", row=1, col=1)
    title = (f"{stats['scheme']}, V = {stats['vocab_size']:,}, N = {stats['dim']:,} "
             f"({stats['rows']} sample rows): entry std {stats['entry_std']:.4f}, "
             f"cosine spread {stats['cosine_std']:.3f}")
    return standard_layout(fig, title, height=360, bargap=0.05)


def render_table_explorer(scheme: str = "normal(0, 1)", dim: int = 64,
                          vocab_size: int = 10_000) -> go.Figure:
    """What the widget draws; also an ordinary function to call in a cell."""
    return table_figure(init.table_statistics(scheme, vocab_size, dim))


def table_explorer(scheme: str = "normal(0, 1)", dim: int = 64, vocab_size: int = 10_000):
    """Scheme × dimension (2 … 1024) × vocabulary size → the three histograms."""
    import ipywidgets as widgets

    from .widgets import dropdown, live

    controls = {
        "scheme": dropdown(list(init.SCHEMES), scheme, "scheme"),
        "dim": widgets.SelectionSlider(options=DIMENSIONS, value=dim, description="dimension N",
                                       continuous_update=False,
                                       style={"description_width": "initial"}),
        "vocab_size": dropdown(VOCAB_SIZES, vocab_size, "vocabulary V"),
    }
    return live(controls, render_table_explorer, css_class="nb06-init-explorer")


def cosine_by_dimension_figure(rows: list[dict]) -> go.Figure:
    """Spread of cosines between random rows as the dimension grows, next to 1/√N."""
    dims = [r["dim"] for r in rows]
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=dims, y=plot_values([r["cosine_std"] for r in rows]),
                             mode="lines+markers", name="measured spread (std of cosines)",
                             marker={"color": colour_for(0)},
                             hovertemplate="N = %{x}<br>spread %{y}<extra></extra>"))
    fig.add_trace(go.Scatter(x=dims, y=plot_values([r["one_over_sqrt_dim"] for r in rows]),
                             mode="lines", name="1/√N", line={"dash": "dash",
                                                              "color": colour_for(1)},
                             hovertemplate="N = %{x}<br>1/√N = %{y}<extra></extra>"))
    fig.update_xaxes(type="log", tickvals=dims)
    return standard_layout(fig, "Random rows become nearly orthogonal as the dimension grows",
                           "dimension N (log scale)", "spread of pairwise cosines")


def loss_curves_figure(runs) -> go.Figure:
    """One loss curve per initialization scheme."""
    fig = go.Figure()
    for index, run in enumerate(runs):
        fig.add_trace(go.Scatter(x=list(range(len(run.losses))), y=plot_values(run.losses),
                                 mode="lines", name=run.scheme,
                                 line={"color": colour_for(index),
                                       "dash": "dot" if run.scheme in ("zeros", "constant(0.1)")
                                       else "solid"},
                                 hovertemplate=run.scheme + "<br>step %{x}: loss %{y}"
                                                            "<extra></extra>"))
    return standard_layout(fig, "Next-word model on the toy corpus: loss per initialization",
                           "training step", "cross-entropy loss", height=460)


def median_callback_ms(render, calls: int = 20, **values) -> float:
    """Median time (ms) of `render(**values)` over `calls` calls: the widget's update cost."""
    times = []
    for _ in range(calls):
        started = time.perf_counter()
        render(**values)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)
