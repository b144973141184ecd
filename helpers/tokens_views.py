"""Tables, figures and the widget of notebook 01 (tokens and IDs).

Computation is in `helpers.tokens`; this module only shows it.
"""
from __future__ import annotations

from typing import Mapping, Sequence

import plotly.graph_objects as go

from .display import Table
from .figures import colour_for, standard_layout
from .tokens import Vocabulary, tokenize


def vocabulary_table(vocabulary: Vocabulary, first: int | None = None,
                     title: str | None = None) -> Table:
    """The vocabulary as (ID, token) rows, optionally only the first `first` of them."""
    items = list(enumerate(vocabulary.id_to_token))
    shown = items if first is None else items[:first]
    title = title or (f"Vocabulary: {len(vocabulary)} tokens"
                      + (f" (first {len(shown)} shown)" if len(shown) < len(items) else ""))
    return Table(shown, ["ID", "token"], title=title)


def token_table(vocabulary: Vocabulary, text: str | Sequence[str]) -> Table:
    """Position, token and ID of every token of `text`; unknown tokens are highlighted."""
    rows = vocabulary.rows(text)
    unknown = [i for i, (_, _, _, known) in enumerate(rows) if not known]
    table_rows = [(pos, token, token_id, "yes" if known else "no → <unk>")
                  for pos, token, token_id, known in rows]
    title = (f"{len(rows)} tokens, {len(unknown)} unknown"
             + (" (highlighted)" if unknown else ""))
    return Table(table_rows, ["position", "token", "ID", "in vocabulary?"], title=title,
                 highlight=unknown)


def compare_tokenizations(text: str) -> Table:
    """The tokens of `text` with and without lower-casing, side by side."""
    lower, kept = tokenize(text, lowercase=True), tokenize(text, lowercase=False)
    rows = [(i, a, b, "yes" if a == b else "no") for i, (a, b) in enumerate(zip(kept, lower))]
    return Table(rows, ["position", "case kept", "lower-cased", "same token?"],
                 title="The same text, two tokenizers")


def id_positions_figure(vocabularies: Mapping[str, Vocabulary], words: Sequence[str],
                        title: str = "The same words get different IDs in each ordering"):
    """Each word's ID under several orderings of one vocabulary: one row per ordering."""
    names = list(vocabularies)
    fig = go.Figure()
    # words are written only in the first ordering's row, alternately above and below in ID
    # order, so neighbouring IDs never stack their labels; every point has its word on hover
    first = sorted(words, key=lambda w: vocabularies[names[0]].id_of(w))
    above = {word: rank % 2 == 0 for rank, word in enumerate(first)}
    for index, word in enumerate(words):
        ids = [vocabularies[name].id_of(word) for name in names]
        fig.add_trace(go.Scatter(
            x=ids, y=names, mode="markers+text", name=word,
            text=[word] + [""] * (len(names) - 1),
            textposition="top center" if above[word] else "bottom center",
            marker={"color": colour_for(index), "size": 11},
            hovertemplate=f"'{word}' has ID %{{x}} in the %{{y}} vocabulary<extra></extra>"))
    size = max(len(v) for v in vocabularies.values())
    fig.update_xaxes(range=[-2, size + 2])
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=names[::-1])
    return standard_layout(fig, title, "token ID", "vocabulary ordering", height=360)


def render_tokens(text: str, vocabulary: Vocabulary, lowercase: bool = True) -> Table:
    """What the widget draws: the token table of `text`, lower-cased first or not."""
    return token_table(vocabulary, tokenize(text, lowercase))


def token_widget(vocabulary: Vocabulary, text: str = "Does snow absorb sound?",
                 css_class: str = "course-token-ids"):
    """A text box (and a lower-case switch) → the tokens and IDs table, updated as you type."""
    import ipywidgets as widgets

    from .widgets import live, text_box

    box = text_box(text, "your text", placeholder="type a sentence")
    lower = widgets.Checkbox(value=True, description="lower-case first", indent=False)
    return live({"text": box, "lowercase": lower},
                lambda text, lowercase: render_tokens(text, vocabulary, lowercase),
                css_class=css_class)


