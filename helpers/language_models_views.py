"""Figures and widgets for notebooks 09 (subword tokenizers) and 10 (positions, a real table)."""
from __future__ import annotations

import plotly.graph_objects as go

from . import language_models as lm
from . import subwords
from .display import Table
from .figures import SEQUENTIAL, labelled_scatter, plot_values, standard_layout
from .widgets import int_slider, live, text_box


# --------------------------------------------------------------------------- tokenizers
def course_tokenizers() -> dict:
    """The two tokenizers the notebook compares, by display name."""
    from .bpe_steps import train_byte_level_bpe

    return {"our BPE (2,000)": subwords.train_bpe(2_000),
            "MiniLM WordPiece": subwords.load_wordpiece(),
            "byte-level BPE (1,000)": train_byte_level_bpe(1_000)}


def tokenizer_table(text: str, tokenizers: dict | None = None) -> Table:
    """Each tokenizer's pieces and IDs for `text`, one row per piece."""
    tokenizers = tokenizers or course_tokenizers()
    rows = subwords.compare_tokenizers(text, tokenizers)
    counts = {name: sum(1 for r in rows if r[0] == name) for name in tokenizers}
    summary = ", ".join(f"{name}: {n} pieces" for name, n in counts.items())
    return Table(rows, ["tokenizer", "position", "piece", "ID"], title=summary)


def tokenizer_widget(text: str = "Tokenization of unbelievably snowy embeddings"):
    tokenizers = course_tokenizers()
    return live({"text": text_box(text, "text", "type a sentence")},
                lambda text: tokenizer_table(text, tokenizers), css_class="course-tokenizers")


# --------------------------------------------------------------------------- positions
def sinusoidal_figure(positions: int = 50, dim: int = 64) -> go.Figure:
    table = lm.sinusoidal_encoding(positions, dim)
    fig = go.Figure(go.Heatmap(
        z=plot_values(table, 3), x=list(range(dim)), y=list(range(positions)),
        zmin=-1, zmax=1, colorscale="RdBu", reversescale=True,
        colorbar={"title": {"text": "value"}},
        hovertemplate="position %{y}, dimension %{x}: %{z:.3f}<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    return standard_layout(fig, f"Sinusoidal position encodings: {positions} positions × {dim} "
                                "dimensions", "dimension (pairs: sin, cos)", "position in the text",
                           height=460)


def sinusoidal_widget(positions: int = 50, dim: int = 64):
    return live({"positions": int_slider(positions, 2, 128, "positions"),
                 "dim": int_slider(dim, 2, 128, "dimensions", step=2)},
                sinusoidal_figure, css_class="course-sinusoidal", continuous=False)


def position_similarity_figure(table, title: str) -> go.Figure:
    """Cosine between every pair of position vectors: nearby positions look alike."""
    from .vectors import cosine_similarity_matrix

    sims = cosine_similarity_matrix(table)
    n = sims.shape[0]
    fig = go.Figure(go.Heatmap(
        z=plot_values(sims, 3), x=list(range(n)), y=list(range(n)), zmin=-1, zmax=1,
        colorscale=SEQUENTIAL, colorbar={"title": {"text": "cosine"}},
        hovertemplate="positions %{y} and %{x}: %{z:.3f}<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    return standard_layout(fig, title, "position", "position", height=420, width=520)


# --------------------------------------------------------------------------- real tables
def token_map_figure(table, groups: dict) -> go.Figure:
    """PCA of a few groups of tokens from a real table (groups: name → list of tokens)."""
    tokens = [t for words in groups.values() for t in words]
    labels = [name for name, words in groups.items() for _ in words]
    points = lm.project_tokens(table, tokens)
    return labelled_scatter(points, tokens, labels,
                            title=f"{len(tokens)} rows of {table.name}'s embedding table, "
                                  "projected to 2-D (PCA)",
                            x_title="principal component 1", y_title="principal component 2")


def neighbours_table(table, words, k: int = 5) -> Table:
    rows = []
    for word in words:
        found = lm.nearest_tokens(table, word, k)
        rows.append((word, ", ".join(f"{w} ({s:.2f})" for w, s in found)))
    return Table(rows, ["token", f"{k} nearest whole-word tokens (cosine)"],
                 title=f"Nearest rows in {table.name}'s table")


def contextual_figure(word: str, sentences, vectors_by_sentence) -> go.Figure:
    """Cosine between the contextual vectors of `word` in each pair of sentences."""
    import numpy as np

    from .vectors import cosine_similarity_matrix

    sims = cosine_similarity_matrix(np.stack(vectors_by_sentence))
    short = [s if len(s) <= 32 else s[:30] + "…" for s in sentences]
    fig = go.Figure(go.Heatmap(
        z=plot_values(sims, 3), x=short, y=short, zmin=0, zmax=1, colorscale=SEQUENTIAL,
        colorbar={"title": {"text": "cosine"}},
        hovertemplate="%{y}<br>%{x}<br>cosine %{z:.3f}<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    return standard_layout(fig, f"'{word}' in different sentences: cosine of its output vectors "
                                "(its table row is the same in all)", "sentence", "sentence",
                           height=460)
