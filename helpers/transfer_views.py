"""Figures and widgets for notebook 11 (transfer learning, nearest-neighbour search)."""
from __future__ import annotations

import plotly.graph_objects as go

from . import transfer
from .display import Table
from .figures import colour_for, plot_values, standard_layout
from .widgets import live


def selection_slider(options, value, description: str):
    """A slider over a few fixed values (ipywidgets 7.7 and 8)."""
    import ipywidgets as widgets

    return widgets.SelectionSlider(options=list(options), value=value, description=description,
                                   continuous_update=False,
                                   style={"description_width": "initial"},
                                   layout=widgets.Layout(width="420px"))


def accuracy_figure(results: dict) -> go.Figure:
    """Mean held-out accuracy (± one standard deviation over seeds) against training size."""
    fig = go.Figure()
    for index, mode in enumerate(transfer.MODES):
        points = sorted((size, r) for (m, size), r in results.items() if m == mode)
        if not points:
            continue
        fig.add_trace(go.Scatter(
            x=[s for s, _ in points], y=plot_values([r.mean for _, r in points], 3),
            error_y={"type": "data", "array": plot_values([r.spread for _, r in points], 3)},
            mode="lines+markers", name=transfer.MODE_LABELS[mode],
            line={"color": colour_for(index)},
            hovertemplate="%{x} training sentences: %{y:.3f}<extra>"
                          + transfer.MODE_LABELS[mode] + "</extra>"))
    fig.add_hline(y=0.5, line_dash="dot", line_color="#777777",
                  annotation_text="chance (balanced test set)")
    return standard_layout(fig, "Held-out accuracy of the three ways (mean ± std over seeds)",
                           "training sentences", "accuracy on 100 held-out sentences",
                           yaxis_range=[0.35, 0.85])


def size_figure(results: dict, size: int) -> go.Figure:
    rows = [(mode, results[(mode, size)]) for mode in transfer.MODES if (mode, size) in results]
    if not rows:
        from .errors import CourseError
        raise CourseError(f"no results for {size} training sentences; sizes computed: "
                          f"{sorted({n for _, n in results})}")
    fig = go.Figure(go.Bar(
        x=[transfer.MODE_LABELS[m] for m, _ in rows], y=plot_values([r.mean for _, r in rows], 3),
        error_y={"type": "data", "array": plot_values([r.spread for _, r in rows], 3)},
        marker={"color": [colour_for(i) for i in range(len(rows))]},
        hovertemplate="%{x}: %{y:.3f}<extra></extra>"))
    fig.add_hline(y=0.5, line_dash="dot", line_color="#777777",
                  annotation_text="chance: 0.5 (balanced test set)",
                  annotation_position="bottom right")
    # the axis starts near the data, not at 0: differences of 0.02 must stay visible
    low = min(0.45, min(r.mean - r.spread for _, r in rows) - 0.03)
    high = max(r.mean + r.spread for _, r in rows) + 0.03
    return standard_layout(fig, f"Trained on {size} sentences: held-out accuracy "
                                "(mean ± std over seeds; the axis does not start at 0)",
                           "how the embedding table was set up", "accuracy on 100 held-out sentences",
                           yaxis_range=[round(low, 2), round(high, 2)], height=380)


def size_view(results: dict, size: int):
    """What the slider shows: the bar chart and the numbers behind it."""
    from IPython.display import display

    display(Table([r[1:] for r in transfer.results_rows(results, size)],
                  ["way", "mean accuracy", "± std", "seeds"],
                  title=f"{size} training sentences"))
    return size_figure(results, size)


def size_widget(results: dict, size: int = 40):
    sizes = sorted({n for _, n in results})
    return live({"size": selection_slider(sizes, size if size in sizes else sizes[0],
                                          "training sentences")},
                lambda size: size_view(results, size), css_class="course-train-size")


def results_table(results: dict) -> Table:
    return Table(transfer.results_rows(results),
                 ["training sentences", "way", "mean accuracy", "± std", "seeds"],
                 title="Held-out accuracy (100 test sentences), mean ± std over seeds")


def search_timing_figure(rows) -> go.Figure:
    sizes = [r[0] for r in rows]
    fig = go.Figure(go.Scatter(
        x=sizes, y=plot_values([r[1] for r in rows], 3), mode="lines+markers",
        marker={"color": colour_for(0)}, text=[f"{r[2]:.0f} MiB" for r in rows],
        hovertemplate="%{x:,} vectors: %{y:.2f} ms (%{text})<extra></extra>"))
    fig.update_xaxes(type="log")
    fig.update_yaxes(type="log")
    return standard_layout(fig, "Exact top-5 search for 10 queries: time grows with the "
                                "collection", "vectors in the collection (log scale)",
                           "milliseconds (median, log scale)")


def search_table(query: str, texts, vectors, k: int = 3) -> Table:
    indices, scores = transfer.top_k(transfer.sentence_vectors([query]), vectors, k)
    rows = [(rank + 1, f"{s:.3f}", texts[i]) for rank, (i, s) in enumerate(zip(indices[0], scores[0]))]
    return Table(rows, ["rank", "cosine", "sentence"], title=f"Closest to: {query!r}")
