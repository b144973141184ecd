"""Figures and widgets of notebook 07 (initialization); the numbers come from `initialization`."""
from __future__ import annotations


import plotly.graph_objects as go

from . import initialization as init
from .figures import colour_for, plot_values, standard_layout

DIMENSIONS = [2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]
VOCAB_SIZES = [119, 1_000, 10_000, 50_257]


_PANELS = [("values", "entry value", "entries of the table", (0.0, 0.29)),
           ("norms", "row norm", "length (norm) of each row", (0.355, 0.645)),
           ("cosines", "cosine similarity", "cosine between two rows", (0.71, 1.0))]


def table_figure(stats: dict) -> go.Figure:
    """Three panels: entries, row norms and pairwise cosines of an initialized table.

    The panels are laid out by hand (three x/y axis pairs) rather than with
    `plotly.subplots.make_subplots`, which alone takes ~25 ms: the widget must redraw in 100 ms.
    """
    data, layout, titles = [], {}, []
    for index, (key, label, heading, domain) in enumerate(_PANELS, start=1):
        centres, counts = stats[key]
        data.append(go.Bar(x=plot_values(centres), y=[int(c) for c in counts], name=label,
                           xaxis=f"x{index}", yaxis=f"y{index}", showlegend=False,
                           marker={"color": colour_for(index - 1)},
                           hovertemplate=label + " ≈ %{x}<br>count %{y}<extra></extra>"))
        layout[f"xaxis{index}"] = {"domain": list(domain), "anchor": f"y{index}",
                                   "title": {"text": label}}
        layout[f"yaxis{index}"] = {"anchor": f"x{index}"}
        titles.append({"text": heading, "x": sum(domain) / 2, "y": 1.0, "xref": "paper",
                       "yref": "paper", "xanchor": "center", "yanchor": "bottom",
                       "showarrow": False})
    layout["xaxis3"]["range"] = [-1.05, 1.05]
    layout["yaxis1"]["title"] = {"text": "count"}
    fig = go.Figure(data=data, layout={**layout, "annotations": titles})
    return standard_layout(fig, _title(stats), height=380, bargap=0.05)


def _title(stats: dict) -> str:
    spread = stats["cosine_std"]
    cosine = (f"cosine spread {spread:.3f}" if spread == spread   # NaN: zero rows
              else "cosines undefined (zero rows have no direction)")
    return (f"{stats['scheme']}, V = {stats['vocab_size']:,}, N = {stats['dim']:,} "
            f"({stats['rows']} sample rows): entry std {stats['entry_std']:.4f}, {cosine}")


def render_table_explorer(scheme: str = "normal(0, 1)", dim: int = 64,
                          vocab_size: int = 10_000, figure: go.Figure | None = None) -> go.Figure:
    """What the widget draws; also an ordinary function to call in a cell.

    With `figure` (a figure this function made before), the new numbers are written into it
    instead of building a new one: the same picture, but about 50 ms faster, because applying
    the page template is the slowest part of building a plotly figure.
    """
    stats = init.table_statistics(scheme, vocab_size, dim)
    if figure is None:
        return table_figure(stats)
    with figure.batch_update():
        for trace, (key, *_rest) in zip(figure.data, _PANELS):
            centres, counts = stats[key]
            trace.x = plot_values(centres)
            trace.y = [int(c) for c in counts]
        figure.layout.title.text = _title(stats)
    return figure


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
    figure = render_table_explorer(scheme, dim, vocab_size)
    return live(controls, lambda **values: render_table_explorer(**values, figure=figure),
                css_class="course-init-explorer")


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
                                       else "solid",
                                       "width": 3 if run.scheme in ("zeros", "constant(0.1)")
                                       else 2},
                                 hovertemplate=run.scheme + "<br>step %{x}: loss %{y}"
                                                            "<extra></extra>"))
    return standard_layout(fig, "Next-word model on the toy corpus: loss per initialization",
                           "training step", "cross-entropy loss", height=460)


def median_callback_ms(render, calls: int = 20, **values) -> float:
    """Median time (ms) of `render(**values)` over `calls` calls: the widget's update cost."""
    from .widgets import median_render_ms

    return median_render_ms(render, [values], repeats=calls)
