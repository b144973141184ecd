"""Figures and the widget of notebook 12 (where word vectors come from).

* `step_cost_figure(rows)`: milliseconds per training step against vocabulary size, full
  softmax vs negative sampling (the rows come from `softmax_vs_sampling.step_cost_table`).
* `axis_figure(space, positive, negative, word_sets)`: words placed along a semantic axis
  (e.g. she → he), one row of dots per word set, the word and its score on hover.
* `axis_projector(words, matrix)`: the in-notebook projector: type the two ends of an axis,
  pick a word set, type a word to list its nearest neighbours. Its render function,
  `render_axis`, is an ordinary function too; `axis_table` is the same numbers as a table.
"""
from __future__ import annotations

from typing import Mapping, Sequence

import plotly.graph_objects as go

from .display import Table
from .errors import CourseError
from .figures import colour_for, plot_values, standard_layout
from .word_vector_origins import (WordSpace, _pairs, axis_direction, axis_neighbours,
                                  axis_scores)

# words a general-English corpus of this size knows, in sets to place on an axis
WORD_SETS = {
    "people": ["man", "woman", "boy", "girl", "father", "mother", "son", "daughter", "brother",
               "sister", "husband", "wife", "king", "queen", "actor", "actress"],
    "occupations": ["doctor", "nurse", "engineer", "teacher", "scientist", "lawyer", "soldier",
                    "secretary", "artist", "writer", "farmer", "dancer", "singer", "pilot",
                    "professor", "student"],
    "judgements": ["excellent", "great", "happy", "success", "peace", "love", "terrible",
                   "poor", "sad", "failure", "war", "death"],
    "places": ["city", "town", "village", "capital", "street", "london", "paris", "country",
               "nation", "france", "germany", "province"],
}
# axes to start from: (positive end, negative end)
AXES = {"he − she": ("he", "she"), "good − bad": ("good", "bad"),
        "city − country": ("city", "country")}


def step_cost_figure(rows: Sequence[Mapping]) -> go.Figure:
    """Milliseconds per SGD step vs vocabulary size, both models, log-log axes."""
    if not rows:
        raise CourseError("no measurements to draw: run step_cost_table() first")
    sizes = [r["vocab_size"] for r in rows]
    fig = go.Figure()
    for index, (key, name) in enumerate([("softmax_ms", "full softmax"),
                                         ("sgns_ms", "negative sampling (5)")]):
        fig.add_trace(go.Scatter(
            x=sizes, y=plot_values([r[key] for r in rows], 3), name=name, mode="lines+markers",
            marker={"color": colour_for(index), "size": 9}, line={"color": colour_for(index)},
            hovertemplate="V = %{x:,}<br>%{y:.2f} ms per step<extra>" + name + "</extra>"))
    fig.update_xaxes(type="log")
    fig.update_yaxes(type="log")
    return standard_layout(fig, "Cost of one training step as the vocabulary grows "
                                "(100 dimensions, one thread)",
                           "vocabulary size V (log scale)", "milliseconds per step (log scale)")


def _axis_label(positive, negative) -> str:
    pairs = _pairs(positive, negative)
    return " / ".join(f"{a} − {b}" for a, b in pairs)


def axis_figure(space: WordSpace, positive, negative,
                word_sets: Mapping[str, Sequence[str]] | None = None,
                highlight: str = "") -> go.Figure:
    """Dots along the axis negative → positive: one row per word set, the word on hover."""
    word_sets = word_sets or WORD_SETS
    direction = axis_direction(space, positive, negative)
    fig = go.Figure()
    for index, (name, words) in enumerate(word_sets.items()):
        scored = axis_scores(space, direction, words) if space.known(words) else []
        if not scored:
            continue
        sizes = [16 if w == highlight else 10 for w, _ in scored]
        fig.add_trace(go.Scatter(
            x=plot_values([s for _, s in scored], 3), y=[name] * len(scored),
            text=[w for w, _ in scored], mode="markers", name=name,
            marker={"color": colour_for(index), "size": sizes, "opacity": 0.8},
            hovertemplate="%{text}: %{x:.2f}<extra>" + name + "</extra>"))
    for trace in fig.data:   # name the highlighted word on the picture, not only on hover
        for x, y, text in zip(trace.x, trace.y, trace.text):
            if text == highlight:
                fig.add_annotation(x=x, y=y, text=text, showarrow=True, arrowhead=0, ay=-24)
    fig.add_vline(x=0, line={"color": "#999999", "dash": "dot"})
    pairs = _pairs(positive, negative)
    label = _axis_label(positive, negative)
    return standard_layout(
        fig, f"Words on the axis {label} (hover a dot for its word)",
        f"cosine with the direction  ← {pairs[0][1]} · {pairs[0][0]} →", "word set",
        height=120 + 60 * len(word_sets), showlegend=False)


def axis_table(space: WordSpace, positive, negative, words: Sequence[str]) -> Table:
    """The words (in the order given) and their cosine with the axis, two decimals."""
    scored = axis_scores(space, axis_direction(space, positive, negative), words)
    return Table([[w, _signed(s)] for w, s in scored],
                 ["word", f"cosine with {_axis_label(positive, negative)}"])


def neighbours_table(space: WordSpace, word: str, k: int = 8) -> Table:
    found = axis_neighbours(space, word, k)
    return Table([[w, f"{s:.2f}"] for w, s in found], ["neighbour", "cosine"],
                 title=f"nearest neighbours of '{word.strip().lower()}'")


def render_axis(space: WordSpace, positive: str = "he", negative: str = "she",
                word_set: str = "all", word: str = "doctor", k: int = 8):
    """What the projector shows: the axis figure, then the neighbour table of `word`."""
    from IPython.display import display

    sets = WORD_SETS if word_set == "all" else {word_set: WORD_SETS[word_set]}
    figure = axis_figure(space, positive.strip().lower(), negative.strip().lower(), sets,
                         highlight=word.strip().lower())
    figure.show()
    display(neighbours_table(space, word, k))


def axis_projector(words: Sequence[str], matrix, positive: str = "he", negative: str = "she",
                   word: str = "doctor"):
    """The projector widget: two ends of an axis, a word set, and a word to list neighbours of."""
    from .widgets import dropdown, live, text_box

    space = WordSpace.from_vectors(words, matrix)
    controls = {"positive": text_box(positive, "axis: from", "e.g. she"),
                "negative": text_box(negative, "… towards (negative end)", "e.g. he"),
                "word_set": dropdown(["all"] + list(WORD_SETS), "all", "words to place"),
                "word": text_box(word, "neighbours of", "type a word")}
    controls["positive"].description = "positive end"
    controls["negative"].description = "negative end"
    for control in ("positive", "negative", "word"):
        controls[control].continuous_update = False   # redraw on Enter, not on every letter
    return live(controls, lambda **values: render_axis(space, **values),
                css_class="course-axis-projector")


def _signed(value: float) -> str:
    return f"{round(value, 2) + 0.0:+.2f}"   # + 0.0 turns −0.00 into +0.00


def control_pairs_table(spaces: Mapping[str, WordSpace], positive, negative,
                        pairs: Sequence[tuple[str, str]]) -> Table:
    """Per vector set: each control pair's two scores, ✓ when the first word scores higher."""
    from .word_vector_origins import control_pairs

    columns, results = ["pair"], []
    for name, space in spaces.items():
        columns.append(name)
        results.append({r["pair"]: r for r in
                        control_pairs(space, axis_direction(space, positive, negative), pairs)})
    rows = []
    for pair in pairs:
        row = [f"{pair[0]} / {pair[1]}"]
        for found in results:
            r = found.get(pair)
            row.append("—" if r is None else
                       f"{_signed(r['scores'][0])} / {_signed(r['scores'][1])} "
                       f"{'✓' if r['in order'] else '✗'}")
        rows.append(row)
    rows.append(["in order"] + [f"{sum(r['in order'] for r in f.values())} of {len(f)}"
                                for f in results])
    return Table(rows, columns, title=f"Sanity check of the axis {_axis_label(positive, negative)}")


def axis_comparison_table(spaces: Mapping[str, WordSpace], positive, negative,
                          words: Sequence[str]) -> Table:
    """The words (in the order given) and their score on the axis in each vector set."""
    scored = [dict(axis_scores(space, axis_direction(space, positive, negative), words))
              for space in spaces.values()]
    rows = [[w] + [_signed(s[w]) if w in s else "—" for s in scored] for w in words
            if any(w in s for s in scored)]
    return Table(rows, ["word"] + list(spaces),
                 title=f"Cosine with the axis {_axis_label(positive, negative)}")
