"""Tables, figures and the editor widget of notebook 03 (hand-built feature tables).

Computation is in `helpers.feature_table`; this module only shows it. The axes of the scatter
plots are features themselves (no projection needed): hand-built features have names.
"""
from __future__ import annotations

from typing import Sequence

import plotly.graph_objects as go

from .display import Table
from .feature_table import FeatureTable
from .figures import (DIVERGING, colour_for, labelled_scatter, plot_values,
                      similarity_heatmap, standard_layout)

DEFAULT_2D = ("big", "edible")
DEFAULT_3D = ("alive", "edible", "is_a_place")


def feature_table_view(table: FeatureTable, title: str | None = None,
                       highlight_word: str | None = None) -> Table:
    highlight = [table.words.index(highlight_word)] if highlight_word in table.words else []
    return Table(table.to_rows(), ["word", "group", *table.features], digits=1,
                 title=title or f"The feature table: {len(table)} words × "
                                f"{len(table.features)} features", highlight=highlight)


def neighbours_table(table: FeatureTable, word: str, k: int = 3) -> Table:
    rows = [(w, s) for w, s in table.nearest(word, k)]
    return Table(rows, ["word", "cosine"], title=f"Most similar to '{table.row_and_word(word)}'")


def feature_heatmap(table: FeatureTable, title: str | None = None) -> go.Figure:
    """Cosine similarity of every pair of words in the table."""
    return similarity_heatmap(table.words, table.cosine_matrix(),
                              title or "Cosine similarity of the hand-built word vectors",
                              zmin=-1, zmax=1)


def _first_at_each_spot(points, words) -> set[str]:
    """One word per distinct position: the others at the same spot are shown on hover only."""
    seen, keep = set(), set()
    for word, point in zip(words, points):
        spot = tuple(round(float(v), 2) for v in point)
        if spot not in seen:
            seen.add(spot)
            keep.add(word)
    return keep


def _sharing(points, words) -> dict[str, str]:
    """word → all words drawn at its spot (for the hover text)."""
    spots: dict[tuple, list[str]] = {}
    for word, point in zip(words, points):
        spots.setdefault(tuple(round(float(v), 2) for v in point), []).append(word)
    return {w: ", ".join(spots[tuple(round(float(v), 2) for v in p)]) for w, p in zip(words, points)}


def feature_scatter(table: FeatureTable, features: Sequence[str] = DEFAULT_2D,
                    highlight: Sequence[str] = (), title: str | None = None) -> go.Figure:
    """Words placed by 2 or 3 of their features (the axes are the features).

    Words that share a spot are written once (hover shows all of them), so labels never stack.
    """
    from .word2vec_views import readable_3d

    features = list(features)
    if len(features) not in (2, 3):
        from .errors import CourseError
        raise CourseError(f"a scatter plot needs 2 or 3 features, got {len(features)}")
    points = table.columns(features)
    names = [f.replace("_", " ") for f in features]
    title = title or f"Words by {' × '.join(names)} ({len(features)}-D)"
    fig = labelled_scatter(points, table.words, table.groups, title=title,
                           x_title=names[0], y_title=names[1],
                           z_title=names[2] if len(features) == 3 else "dimension 3",
                           highlight=highlight)
    keep = _first_at_each_spot(points, table.words) | set(highlight)
    together = _sharing(points, table.words)
    for trace in fig.data:
        words = list(trace.text)
        trace.update(customdata=[[together[w]] for w in words],
                     text=[w if w in keep else "" for w in words],
                     hovertemplate="%{customdata[0]}<extra>" + str(trace.name) + "</extra>")
    if len(features) == 3:
        readable_3d(fig, names)
    return fig


def scatter_pair(table: FeatureTable, features: Sequence[str] = DEFAULT_3D,
                 highlight: Sequence[str] = (), title: str | None = None) -> go.Figure:
    """One figure with the 2-D scatter (first two features) beside the 3-D one (all three)."""
    from plotly.subplots import make_subplots

    features = list(features)
    if len(features) != 3:
        from .errors import CourseError
        raise CourseError(f"the 2-D + 3-D view needs 3 features, got {len(features)}")
    names = [f.replace("_", " ") for f in features]
    two = feature_scatter(table, features[:2], highlight)
    three = feature_scatter(table, features, highlight)
    fig = make_subplots(rows=1, cols=2, specs=[[{"type": "xy"}, {"type": "scene"}]],
                        subplot_titles=[f"2-D: {names[0]} × {names[1]}",
                                        f"3-D: {' × '.join(names)}"])
    for trace in two.data:
        trace.legendgroup = trace.name
        fig.add_trace(trace, row=1, col=1)
    for trace in three.data:
        trace.legendgroup, trace.showlegend = trace.name, False
        fig.add_trace(trace, row=1, col=2)
    fig.update_layout(scene={"xaxis_title": names[0], "yaxis_title": names[1],
                             "zaxis_title": names[2],
                             "camera": {"eye": {"x": 1.6, "y": 1.6, "z": 1.1}}})
    return standard_layout(fig, title or "Words placed by their features", names[0], names[1],
                           height=480)


def _group_traces(table: FeatureTable, features: Sequence[str], highlight: Sequence[str],
                  **axes) -> list:
    """2-D scatter traces, one per group, in the course's palette; words sharing a spot are
    written once (hover lists them all)."""
    points = table.columns(features)
    keep = _first_at_each_spot(points, table.words) | set(highlight)
    together = _sharing(points, table.words)
    traces = []
    for index, group in enumerate(dict.fromkeys(table.groups)):
        rows = [i for i, g in enumerate(table.groups) if g == group]
        words = [table.words[i] for i in rows]
        traces.append(go.Scatter(
            x=plot_values(points[rows, 0]), y=plot_values(points[rows, 1]),
            mode="markers+text", name=str(group), legendgroup=str(group),
            text=[w if w in keep else "" for w in words], textposition="top center",
            customdata=[[together[w]] for w in words],
            hovertemplate="%{customdata[0]}<extra>" + str(group) + "</extra>",
            marker={"color": colour_for(index),
                    "size": [14 if w in highlight else 8 for w in words]}, **axes))
    return traces


def editor_title(table: FeatureTable, word: str, neighbours: int = 3) -> str:
    """The editor's title: the word's nearest words, or why it has none (a zero vector)."""
    if word not in table.words:
        return "The feature table after your edit"
    if not table.vector(word).any():
        return (f"'{word}' has 0 for every feature: its similarity to any word is undefined "
                f"(a zero vector has no direction). Give it a feature.")
    near = ", ".join(f"{w} {s:.2f}" for w, s in table.nearest(word, neighbours))
    return f"'{word}' is most similar to: {near}"


def editor_figure(table: FeatureTable, word: str, features: Sequence[str] = DEFAULT_2D,
                  neighbours: int = 3) -> go.Figure:
    """One figure for the editor: the cosine heatmap on top, the 2-D scatter plot below,
    `word` drawn larger and its nearest words in the title.

    Built from traces and axis domains directly (no `make_subplots`). No 3-D panel: a browser
    redraws a 3-D scene in 400–560 ms, too slow for a slider; `feature_scatter` draws 3-D once.
    A word whose row is all zeros has undefined cosines: blank cells in the heatmap."""
    features = list(features)
    if len(features) != 2:
        from .errors import CourseError
        raise CourseError(f"the editor's scatter plot needs 2 features, got {len(features)}")
    for feature in features:
        table.column_of(feature)
    names = [f.replace("_", " ") for f in features]
    highlight = [word] if word in table.words else []
    words = list(table.words)
    heat = go.Heatmap(z=plot_values(table.cosine_matrix(), 3), x=words, y=words, zmin=-1, zmax=1,
                      colorscale=DIVERGING, reversescale=True, hoverongaps=False,
                      colorbar={"title": {"text": "cosine"}, "len": 0.5, "y": 0.77},
                      hovertemplate="%{y} · %{x}: %{z:.3f}<extra></extra>")
    data = [heat] + _group_traces(table, features, highlight, xaxis="x2", yaxis="y2")
    layout = go.Layout(
        xaxis={"domain": [0, 1], "anchor": "y", "title": {"text": "word"}},
        yaxis={"domain": [0.5, 1], "anchor": "x", "autorange": "reversed",
               "title": {"text": "word"}},
        xaxis2={"domain": [0, 1], "anchor": "y2", "title": {"text": names[0]}},
        yaxis2={"domain": [0, 0.38], "anchor": "x2", "title": {"text": names[1]}},
        legend={"orientation": "h", "y": -0.08})
    return standard_layout(go.Figure(data=data, layout=layout),
                           editor_title(table, highlight[0] if highlight else word, neighbours),
                           height=900)


class FeatureEditor:
    """Edit one value at a time, or add a word, and redraw the heatmap and the 2-D scatter.

    Everything is drawn as one figure: an Output widget that received several figures per
    redraw sometimes made nbclient 0.11 (the notebook builder) wait until its timeout.

    `render(word, feature, value, x, y)` is what the widget calls after every change, and
    what a notebook cell can call directly. Edits accumulate in `table`; `base` stays as loaded.
    A word that is not in the table yet is added (with 0 for every feature), then edited.
    """

    def __init__(self, table: FeatureTable):
        self.base = table
        self.table = table
        self._last_key = self._last_table = self._last_figure = None

    def reset(self) -> None:
        self.table = self.base

    def apply(self, word: str, feature: str, value: float) -> FeatureTable:
        word = word.strip().lower() if isinstance(word, str) else word
        if isinstance(word, str) and word and word not in self.table.words:
            self.table = self.table.with_word(word, {})
        self.table = self.table.with_value(word, feature, value)
        return self.table

    def figure(self, word: str, x: str = DEFAULT_2D[0], y: str = DEFAULT_2D[1]) -> go.Figure:
        """One figure: the cosine heatmap on top, the 2-D scatter plot below."""
        word = word.strip().lower() if isinstance(word, str) else word
        return editor_figure(self.table, word, [x, y])

    def render(self, word: str, feature: str, value: float, x: str = DEFAULT_2D[0],
               y: str = DEFAULT_2D[1]) -> go.Figure:
        """Apply one edit, and return the figure that shows the whole table after it."""
        self.apply(word, feature, value)
        return self.figure(word, x, y)

    def widget(self, word: str = "dog", feature: str = "pet",
               css_class: str = "course-feature-editor"):
        """Word box (type a new word to add it), feature menu, value slider, scatter axes."""
        import ipywidgets as widgets

        from .widgets import dropdown, live

        word_box = widgets.Combobox(value=word, options=list(self.table.words),
                                    description="word", ensure_option=False,
                                    continuous_update=False,
                                    placeholder="pick a word, or type a new one + Enter",
                                    style={"description_width": "initial"})
        feature_menu = dropdown(self.table.features, feature, "feature")
        slider = widgets.FloatSlider(value=self.table.value(word, feature), min=0.0, max=1.0,
                                     step=0.1, description="value", readout_format=".1f",
                                     continuous_update=False,
                                     style={"description_width": "initial"},
                                     layout=widgets.Layout(width="420px"))
        axes = [dropdown(self.table.features, name, label)
                for name, label in zip(DEFAULT_2D, ("x axis", "y axis"))]

        def sync(_=None):
            """Show the chosen word's current value on the slider (before the redraw)."""
            w = word_box.value.strip().lower()
            slider.value = self.table.value(w, feature_menu.value) if w in self.table.words else 0.0

        word_box.observe(sync, names="value")  # registered first, so it runs before the redraw
        feature_menu.observe(sync, names="value")
        return live({"word": word_box, "feature": feature_menu, "value": slider,
                     "x": axes[0], "y": axes[1]},
                    lambda **values: self._render_widget(word_box, **values), css_class=css_class,
                    continuous=False)

    def _render_widget(self, word_box, word, feature, value, x, y):
        if not isinstance(word, str) or not word.strip():
            from .errors import CourseError
            raise CourseError("the word box is empty: pick a word or type a new one")
        key = (word.strip().lower(), feature, value, x, y)
        if key == self._last_key and self.table is self._last_table:
            figure = self._last_figure  # a menu change redraws twice (sync, then live): reuse
        else:
            figure = self.render(word, feature, value, x, y)
            self._last_key, self._last_table, self._last_figure = key, self.table, figure
        if len(word_box.options) != len(self.table.words):  # a word was added
            word_box.options = list(self.table.words)
        return figure
