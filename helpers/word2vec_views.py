"""Figures and widgets of notebooks 04-05 (Word2Vec): windows, the learning-rate primer,
projections, search, knobs.

Every widget here is built with `helpers.widgets.live`, and its render function is an ordinary
function the notebook also calls directly:

* `window_view(sentence, window, position)` / `window_widget(...)`: a sentence with one centre
  word and its context words highlighted, and the training pairs they make.
* `projection_figure(model, ...)`: word groups (countries, numbers, months, ...) in 2-D or 3-D,
  by PCA or t-SNE, coloured by group, the word on hover.
* `search_view(explorer, word)` / `search_widget(model)`: type a word, see it and its nearest
  neighbours highlighted on a fixed PCA map (the map does not jump while you type).
* `retrain_report(corpus, ...)` / `knobs_widget(corpus)`: pick dimension, window, skip-gram or
  CBOW, epochs, min_count → retrain (progress bar) → scores table, projection, time taken.
"""
from __future__ import annotations

import bisect
import html
from dataclasses import dataclass

import numpy as np

from .display import Table
from .errors import CourseError
from .evaluation import evaluate_vectors, scores_table
from .figures import PALETTE, labelled_scatter
from .projection import pca_basis, project
from .word2vec import (Word2VecSettings, _check_corpus, _settings_with, context_pairs,
                       context_positions, keyed_vectors, known_word, neighbours, train_cached)

# Words that a general-English corpus knows well, in groups whose members should end up close.
WORD_GROUPS = {
    "countries": ["france", "germany", "italy", "spain", "china", "japan", "india", "russia",
                  "canada", "australia", "england", "egypt"],
    "numbers": ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"],
    "months": ["january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december"],
    "family": ["father", "mother", "son", "daughter", "brother", "sister", "wife", "husband"],
    "colours": ["red", "blue", "green", "black", "white", "yellow"],
    "science": ["physics", "chemistry", "mathematics", "biology", "theory", "energy"],
}
TOY_GROUPS = {
    "animals": ["dog", "cat", "fox", "duck", "horse", "cow", "sheep", "rabbit"],
    "fruit": ["apple", "banana", "orange", "mango", "pear", "grape", "cherry", "lemon"],
    "cities": ["london", "paris", "boston", "tokyo", "berlin", "rome", "madrid", "cairo"],
}
CENTRE_COLOUR, CONTEXT_COLOUR = PALETTE[1], PALETTE[4]   # orange, sky blue


# --------------------------------------------------------------------------- context windows
def _tokens(sentence) -> list[str]:
    from .data import simple_tokens

    if isinstance(sentence, str):
        tokens = simple_tokens(sentence)
        if not tokens:
            raise CourseError("the sentence has no words in it: type a few words")
        return tokens
    return list(sentence)


@dataclass
class WindowView:
    """One position of a sentence: the centre word, its context, and the examples they make."""
    tokens: list
    position: int
    window: int

    @property
    def context(self) -> list[int]:
        return context_positions(len(self.tokens), self.position, self.window)

    @property
    def pairs(self) -> list[tuple[str, str]]:
        centre = self.tokens[self.position]
        return [(centre, self.tokens[j]) for j in self.context]

    @property
    def total_pairs(self) -> int:
        return len(context_pairs(self.tokens, self.window))

    def _lines(self) -> list[str]:
        centre = self.tokens[self.position]
        context = [self.tokens[j] for j in self.context]
        pairs = ", ".join(f"({a}, {b})" for a, b in self.pairs)
        return [f"skip-gram: predict each context word from '{centre}' → {pairs}",
                f"CBOW: predict '{centre}' from ({', '.join(context)})",
                f"window {self.window}: this sentence of {len(self.tokens)} words makes "
                f"{self.total_pairs} skip-gram pairs in all"]

    def __repr__(self) -> str:
        marked = []
        for i, token in enumerate(self.tokens):
            if i == self.position:
                marked.append(f"[{token}]")
            elif i in self.context:
                marked.append(f"({token})")
            else:
                marked.append(token)
        return "\n".join([" ".join(marked) + "    [centre] (context)"] + self._lines())

    def _repr_html_(self) -> str:
        spans = []
        context = set(self.context)
        for i, token in enumerate(self.tokens):
            style = "padding:2px 4px;border-radius:4px;"
            if i == self.position:
                style += f"background:{CENTRE_COLOUR};font-weight:bold;"
            elif i in context:
                style += f"background:{CONTEXT_COLOUR};"
            spans.append(f"<span style='{style}'>{html.escape(token)}</span>")
        legend = (f"<span style='background:{CENTRE_COLOUR};padding:0 4px'>centre</span> "
                  f"<span style='background:{CONTEXT_COLOUR};padding:0 4px'>context</span>")
        lines = "".join(f"<li>{html.escape(line)}</li>" for line in self._lines())
        return (f"<div style='font-size:1.1em;line-height:2'>{' '.join(spans)}</div>"
                f"<div>{legend}</div><ul>{lines}</ul>")


def window_view(sentence, window: int = 2, position: int = 0) -> WindowView:
    """The context window of the word at `position` (counting from 0) in `sentence`."""
    tokens = _tokens(sentence)
    context_positions(len(tokens), position, window)  # validates window and position
    return WindowView(tokens, int(position), int(window))


def window_widget(sentence="the quick brown fox jumps over the lazy dog", window: int = 2,
                  position: int = 3):
    """Sliders for the window size and the centre position over one sentence."""
    from .widgets import int_slider, live

    tokens = _tokens(sentence)
    controls = {"window": int_slider(window, 1, 5, "window (words each side)"),
                "position": int_slider(position, 0, len(tokens) - 1, "centre position")}
    return live(controls, lambda window, position: window_view(tokens, window, position),
                css_class="course-window-slider")


# --------------------------------------------------------------------------- training primer
PRIMER_RATES = (0.1, 0.7, 1.05)


def descent_table(learning_rates=PRIMER_RATES, start: float = -1.0, steps: int = 8) -> Table:
    """w after each step of gradient descent on L(w) = (w − 2)², one column per learning rate."""
    from .word2vec_idea import descend

    paths = {rate: descend(start, rate, steps) for rate in learning_rates}
    rows = [[step] + [f"{paths[rate][step]:+.2f}" for rate in learning_rates]
            for step in range(steps + 1)]
    return Table(rows, ["step"] + [f"w with learning rate {rate}" for rate in learning_rates],
                 title="gradient descent on L(w) = (w − 2)², starting at w = −1")


def descent_figure(learning_rates=PRIMER_RATES, start: float = -1.0, steps: int = 8):
    """The loss curve L(w) = (w − 2)² once per learning rate, with the steps descent takes on it."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    from .figures import colour_for, plot_values, standard_layout
    from .word2vec_idea import bowl_loss, descend

    verdicts = {}
    for rate in learning_rates:
        path = descend(start, rate, steps)
        error = [abs(w - 2) for w in path]
        verdicts[rate] = ("overshoots, diverges" if error[-1] > error[0]
                          else "zig-zags in" if any(w > 2 for w in path)
                          else "small steps: slow" if error[-1] > 0.1 else "good")
    fig = make_subplots(rows=1, cols=len(learning_rates), shared_yaxes=True,
                        subplot_titles=[f"learning rate {r}: {verdicts[r]}" for r in learning_rates])
    curve = np.linspace(-5, 9, 141)
    for col, rate in enumerate(learning_rates, start=1):
        path = np.array(descend(start, rate, steps))
        fig.add_trace(go.Scatter(x=plot_values(curve), y=plot_values(bowl_loss(curve)),
                                 mode="lines", line={"color": "#999999"}, name="loss L(w)",
                                 showlegend=col == 1, hoverinfo="skip"), row=1, col=col)
        fig.add_trace(go.Scatter(
            x=plot_values(path), y=plot_values(bowl_loss(path)), mode="lines+markers",
            marker={"color": colour_for(col - 1), "size": 9}, line={"dash": "dot"},
            name=f"steps, rate {rate}", text=[f"step {i}" for i in range(len(path))],
            hovertemplate="%{text}: w = %{x:.2f}, loss %{y:.2f}<extra></extra>"),
            row=1, col=col)
        fig.update_xaxes(title_text="w (the one parameter)", range=[-5, 9], row=1, col=col)
    fig.update_yaxes(title_text="loss L(w) = (w − 2)²", range=[0, 50], row=1, col=1)
    standard_layout(fig, f"{steps} steps of gradient descent from w = {start:g}: "
                         "w ← w − learning rate × slope", height=400)
    return fig.update_layout(margin={"t": 100})


# --------------------------------------------------------------------------- projections
def group_words(model, groups=None) -> tuple[list[str], list[str]]:
    """(words, group names) of the group words the model knows, in the groups' order."""
    wv = keyed_vectors(model)
    groups = WORD_GROUPS if groups is None else groups
    words, labels = [], []
    for name, members in groups.items():
        for word in members:
            if word in wv.key_to_index and word not in words:
                words.append(word)
                labels.append(name)
    if len(words) < 4:
        raise CourseError(f"only {len(words)} of the group words are in this model's vocabulary "
                          f"({len(wv):,} words): lower min_count or give other groups")
    return words, labels


def label_few(fig, keep):
    """Write only the words in `keep` on the figure; every point keeps its word on hover.

    Labels on every point stack into an unreadable pile where points crowd; a few chosen labels
    plus hover stay readable at any zoom.
    """
    keep = set(keep)
    for trace in fig.data:
        words = list(trace.text or [])
        group = trace.name or ""
        trace.update(customdata=[[w] for w in words], text=[w if w in keep else "" for w in words],
                     hovertemplate="%{customdata[0]}<extra>" + group + "</extra>")
    return fig


def readable_3d(fig, titles=("PC1", "PC2", "PC3")):
    """Short axis titles and a camera a little further out, so no title is clipped."""
    if any(trace.type == "scatter3d" for trace in fig.data):
        fig.update_layout(scene={"xaxis": {"title": {"text": titles[0]}},
                                 "yaxis": {"title": {"text": titles[1]}},
                                 "zaxis": {"title": {"text": titles[2]}},
                                 "camera": {"eye": {"x": 1.6, "y": 1.6, "z": 1.1}}},
                          margin={"l": 10, "r": 10, "t": 60, "b": 10})
    return fig


def projection_figure(model, groups=None, method: str = "pca", dims: int = 2,
                      highlight=(), title: str | None = None, progress: bool = True,
                      labelled=None):
    """The group words of `model` projected to `dims` dimensions, coloured by group.

    Only `labelled` words (default: the first two of each group, plus `highlight`) are written
    on the figure; hover over any point for its word.
    """
    words, labels = group_words(model, groups)
    matrix = keyed_vectors(model)[words]
    projection = project(matrix, method, dims, progress=progress)
    axes = projection.axis_titles
    size = keyed_vectors(model).vector_size
    title = title or f"{len(words)} words: {size}-D vectors seen through {projection.method}"
    fig = labelled_scatter(projection.points, words, labels, title, *axes,
                           highlight=tuple(highlight))
    if labelled is None:
        firsts: dict[str, list[str]] = {}
        for word, group in zip(words, labels):
            firsts.setdefault(group, []).append(word)
        labelled = [w for members in firsts.values() for w in members[:2]]
    label_few(fig, set(labelled) | set(highlight))
    if dims == 3:
        readable_3d(fig, [title.split(" (")[0] for title in axes])
    return fig


# --------------------------------------------------------------------------- word search
class SearchExplorer:
    """A fixed PCA map of the group words plus the most frequent words; queries are projected
    onto the same axes, so the picture stays put while the learner types."""

    def __init__(self, model, groups=None, frequent: int = 200):
        self.model = model
        self.wv = keyed_vectors(model)
        self.words, self.labels = group_words(model, groups)
        base = self.words + [w for w in self.wv.index_to_key[:frequent] if w not in self.words]
        self.basis = pca_basis(self.wv[base], 2)
        self.points = self.basis.transform(self.wv[self.words])

    def neighbours(self, word: str, k: int = 8) -> list[tuple[str, float]]:
        return neighbours(self.model, word, k)

    def figure(self, word: str, k: int = 8):
        word = known_word(self.model, word)
        found = self.neighbours(word, k)
        extra = [word] + [w for w, _ in found]
        points = np.vstack([self.points, self.basis.transform(self.wv[extra])])
        labels = self.labels + [f"'{word}'"] + ["its neighbours"] * len(found)
        fig = labelled_scatter(points, self.words + extra, labels,
                               f"'{word}' and its {len(found)} nearest neighbours, numbered as "
                               f"in the table (hover any point for its word)",
                               *[f"PC{i + 1}" for i in range(2)], highlight=tuple(extra))
        label_few(fig, [word])
        # the group words stay as a faint background map; the query and neighbours stand out.
        # Neighbours crowd together, so they carry their rank (short) instead of their word.
        for trace in fig.data[:-2]:  # the query sits in its group too: write it once only
            trace.update(marker={"opacity": 0.45}, text=[""] * len(trace.text))
        query, near = fig.data[-2], fig.data[-1]
        query.update(marker={"color": "#000000", "symbol": "diamond", "size": 16})
        near.update(marker={"color": "#555555", "size": 12},
                    text=[str(rank) for rank in range(1, len(found) + 1)],
                    textposition="top right")
        fig.update_layout(height=500)
        return fig


def search_view(explorer: SearchExplorer, word: str, k: int = 8):
    """(table of neighbours, figure) for one query word."""
    found = explorer.neighbours(word, k)
    # the table lists the cosines; the figure shows where the neighbours sit
    table = Table([[rank, w, round(s, 3)] for rank, (w, s) in enumerate(found, start=1)],
                  ["rank", "neighbour", "cosine"],
                  title=f"nearest to '{known_word(explorer.model, word)}'")
    return table, explorer.figure(word, k)


def search_widget(model, word: str = "france", k: int = 8, groups=None):
    """A text box: type a word, see it and its neighbours highlighted on the map."""
    from IPython.display import display

    from .widgets import int_slider, live, text_box

    explorer = SearchExplorer(model, groups)

    def render(word, k):
        # one output per redraw (the neighbours are listed in the figure's subtitle): fewer
        # messages for front ends that mirror Output widgets
        if not word.strip():
            print("type a word")
            return None
        table, figure = search_view(explorer, word, k)
        display(table)
        return figure

    controls = {"word": text_box(word, "word", "e.g. france, three, july"),
                "k": int_slider(k, 1, 20, "neighbours")}
    return live(controls, render, css_class="course-word-search", continuous=False)


# --------------------------------------------------------------------------- knobs + retrain
MODEL_NAMES = {1: "skip-gram", 0: "CBOW"}


def settings_label(settings: Word2VecSettings) -> str:
    return (f"{MODEL_NAMES[settings.sg]} {settings.vector_size}-d, window {settings.window}, "
            f"{settings.epochs} epochs, min_count {settings.min_count}")


@dataclass
class RetrainReport:
    model: object
    settings: Word2VecSettings
    scores: list
    seconds: float

    def table(self):
        return scores_table({settings_label(self.settings): self.scores})

    def timing(self) -> str:
        """How long training took (machine-dependent: never print it in a checked cell)."""
        if getattr(self.model, "reused", False):
            return (f"already trained with these settings earlier ({self.seconds:.1f} s then): "
                    "reused")
        speed = self.model.corpus_total_words * self.settings.epochs / max(self.seconds, 1e-9)
        return f"trained in {self.seconds:.1f} s ({speed:,.0f} words/s)"

    def figure(self, groups=None):
        return projection_figure(self.model, groups, "pca", 2)

    def __repr__(self) -> str:
        return repr(self.table())

    def _repr_html_(self) -> str:
        return self.table()._repr_html_()


def retrain_report(sentences, settings: Word2VecSettings | None = None, progress: bool = True,
                   **overrides) -> RetrainReport:
    """Train with these settings (remembered: the same settings train once), then score.

    A remembered model keeps its scores too (`model.course_scores`), so Retrain with settings
    trained earlier answers at once: same vectors, same scores, nothing recomputed.
    """
    settings = _settings_with(settings, overrides)
    model = train_cached(sentences, settings, progress=progress)
    scores = getattr(model, "course_scores", None)
    if scores is None:
        scores = evaluate_vectors(list(model.wv.index_to_key), model.wv.vectors)
        model.course_scores = scores
    return RetrainReport(model, settings, scores, float(getattr(model, "training_seconds", 0.0)))


class _Vocabulary:
    """Counts of a corpus, to say at once how many words a min_count keeps."""

    def __init__(self, sentences):
        counts: dict[str, int] = {}
        for sentence in sentences:
            for word in sentence:
                counts[word] = counts.get(word, 0) + 1
        self.sorted_counts = sorted(counts.values())
        self.tokens = sum(self.sorted_counts)

    def kept(self, min_count: int) -> int:
        return len(self.sorted_counts) - bisect.bisect_left(self.sorted_counts, min_count)


def knobs_preview(vocabulary: _Vocabulary, vector_size: int, window: int, model: str,
                  epochs: int, min_count: int) -> str:
    """What a retrain with these knobs would do (instant: no training)."""
    settings = _settings_with(None, dict(vector_size=vector_size, window=window,
                                         sg=1 if model == "skip-gram" else 0, epochs=epochs,
                                         min_count=min_count))
    kept = vocabulary.kept(settings.min_count)
    if kept < 2:
        raise CourseError(f"min_count={min_count} keeps {kept} word(s): lower it")
    parameters = 2 * kept * settings.vector_size
    return (f"{settings_label(settings)}: {kept:,} words kept, a {kept:,} × "
            f"{settings.vector_size} embedding matrix (plus an output matrix of the same size: "
            f"{parameters:,} numbers to learn), {vocabulary.tokens * settings.epochs:,} "
            f"words read in training. Press Retrain.")


def knobs_widget(sentences, settings: Word2VecSettings | None = None):
    """Knobs → Retrain button → progress bar, scores table, PCA projection, time taken."""
    import ipywidgets as widgets
    from IPython.display import display

    from .widgets import dropdown, int_slider, live, run_on_click

    sentences = _check_corpus(sentences)
    settings = settings or Word2VecSettings()
    vocabulary = _Vocabulary(sentences)
    controls = {
        "vector_size": int_slider(settings.vector_size, 2, 300, "dimension"),
        "window": int_slider(settings.window, 1, 10, "window"),
        "model": dropdown(["skip-gram", "CBOW"], MODEL_NAMES[settings.sg], "model"),
        "epochs": int_slider(settings.epochs, 1, 30, "epochs"),
        "min_count": int_slider(settings.min_count, 1, 50, "min_count"),
    }
    panel = live(controls, lambda **values: print(knobs_preview(vocabulary, **values)),
                 css_class="course-knobs", continuous=False)
    button = widgets.Button(description="Retrain", button_style="primary", icon="refresh")

    def retrain():
        values = {name: control.value for name, control in controls.items()}
        report = retrain_report(
            sentences, settings, vector_size=values["vector_size"], window=values["window"],
            sg=1 if values["model"] == "skip-gram" else 0, epochs=values["epochs"],
            min_count=values["min_count"])
        print(report.timing())
        display(report.table())
        return report.figure()

    return run_on_click([panel, button], button, retrain, css_class="course-knobs-retrain")
