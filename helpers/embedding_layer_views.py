"""Figures and widgets of notebook 06 (the embedding layer); numbers come from `embedding_layer`."""
from __future__ import annotations

import plotly.graph_objects as go

from . import embedding_layer as el
from .display import Table
from .figures import colour_for, plot_values, standard_layout


def timing_figure(measurements) -> go.Figure:
    """How many times slower / bigger one-hot @ W is than the lookup, for each V."""
    labels = [f"V = {m.vocab_size:,}" for m in measurements]
    series = [("forward time", [m.time_ratio for m in measurements]),
              ("forward + backward time", [m.backward_ratio for m in measurements]),
              ("forward memory", [m.memory_ratio for m in measurements])]
    fig = go.Figure()
    for index, (name, ratios) in enumerate(series):
        fig.add_trace(go.Bar(x=labels, y=plot_values(ratios, 1), name=name,
                             marker={"color": colour_for(index)},
                             hovertemplate=name + "<br>%{x}: one-hot is %{y}× the lookup"
                                                  "<extra></extra>"))
    batch, dim = measurements[0].batch, measurements[0].dim
    fig.update_yaxes(type="log")
    return standard_layout(fig, f"One-hot @ W compared with a lookup (batch {batch:,}, "
                                f"N = {dim})", "vocabulary size",
                           "one-hot ÷ lookup (log scale)", barmode="group")


def measurement_table(measurements) -> Table:
    rows = [(f"{m.vocab_size:,}", f"{m.lookup_forward_ms:.2f}", f"{m.matmul_forward_ms:.1f}",
             f"{m.lookup_backward_ms:.2f}", f"{m.matmul_backward_ms:.1f}",
             el.human_bytes(m.lookup_bytes), el.human_bytes(m.matmul_bytes),
             f"{m.time_ratio:,.0f}×", f"{m.backward_ratio:,.0f}×", f"{m.memory_ratio:,.0f}×")
            for m in measurements]
    return Table(rows, ["V", "lookup fwd ms", "one-hot fwd ms", "lookup fwd+bwd ms",
                        "one-hot fwd+bwd ms", "lookup memory", "one-hot memory",
                        "time ratio", "fwd+bwd ratio", "memory ratio"],
                 title="Lookup vs one-hot @ W (median times; memory of the forward pass)")


def real_tables_figure() -> go.Figure:
    """Memory of real token-embedding tables in float32 and float16."""
    names = list(el.REAL_TABLES)
    sizes = [el.table_size(*el.REAL_TABLES[n]) for n in names]
    fig = go.Figure()
    for index, fmt in enumerate(("float32", "float16")):
        gb = [s[f"{fmt} bytes"] / 1e9 for s in sizes]
        fig.add_trace(go.Bar(x=names, y=plot_values(gb, 3), name=fmt,
                             marker={"color": colour_for(index)},
                             customdata=[f"{s['parameters']:,}" for s in sizes],
                             hovertemplate="%{x}<br>" + fmt + ": %{y} GB<br>%{customdata} "
                                           "parameters<extra></extra>"))
    fig.update_yaxes(type="log")   # GPT-3's table is 27× BERT's: a linear axis hides the small ones
    return standard_layout(fig, "Token-embedding tables of real models", "model",
                           "memory (GB, log scale)", barmode="group")


def render_calculator(vocab_size: int = 50_257, dim: int = 768) -> Table:
    """The V × N calculator: a table of parameters and memory, with a warning above 1 GB."""
    rows, warning = el.size_calculator(vocab_size, dim)
    if warning:
        print(warning)
    return Table(rows, ["quantity", "value"], title=f"A {vocab_size:,} × {dim:,} embedding table")


def size_calculator_widget(vocab_size: int = 50_257, dim: int = 768):
    import ipywidgets as widgets

    from .widgets import live

    style = {"description_width": "initial"}
    controls = {"vocab_size": widgets.IntText(value=vocab_size, description="vocabulary size V",
                                              style=style),
                "dim": widgets.IntText(value=dim, description="dimension N", style=style)}
    return live(controls, render_calculator, css_class="course-size-calculator")
