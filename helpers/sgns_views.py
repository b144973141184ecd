"""Figures and the widget of notebook 08: watching skip-gram training move the word vectors.

* `animation_figure(run)`: the toy words' vectors after every epoch, projected to 2-D, as a
  plotly animation with play/pause buttons and an epoch slider (plotly frames: it runs in the
  browser, no kernel needed, also in exported HTML).
* `loss_figure(run)`: the mean loss per epoch.
* `neighbour_table(run, word)`: the nearest toy words of `word` after every epoch.
* `training_explorer(...)`: the widget's render function (retrains on the toy corpus with the
  chosen dimension, initialization, learning rate and number of negatives).
"""
from __future__ import annotations

import functools

import numpy as np
import plotly.graph_objects as go

from .display import Table
from .errors import CourseError
from .figures import colour_for, plot_values, standard_layout
from .initialization import SCHEMES
from .sgns import TOY_GROUPS, TrainingRun, group_separation, toy_word_rows
from .vectors import normalize_rows, word_index


def project_snapshots(snapshots, rows) -> np.ndarray:
    """(epochs+1, words, 2): each snapshot's unit-length rows on the two main directions of the
    final snapshot, so the axes stay still while the points move."""
    frames = np.stack([normalize_rows(np.asarray(s)[rows]) for s in snapshots])
    final = frames[-1] - frames[-1].mean(axis=0)
    if not np.any(final):
        basis = np.eye(frames.shape[2])[:, :2] if frames.shape[2] >= 2 else None
    else:
        _, _, vt = np.linalg.svd(final, full_matrices=False)
        basis = vt[:2].T
        # fix the signs so that the same run always draws the same picture
        signs = np.sign(basis[np.argmax(np.abs(basis), axis=0), [0, 1][:basis.shape[1]]])
        basis = basis * np.where(signs == 0, 1.0, signs)
    if frames.shape[2] == 1:   # a 1-D embedding: draw it on a line
        return np.concatenate([frames, np.zeros_like(frames)], axis=2)
    if basis.shape[1] == 1:
        basis = np.concatenate([basis, np.zeros_like(basis)], axis=1)
    return frames @ basis


def _group_traces(points, words, groups):
    traces = []
    for index, group in enumerate(dict.fromkeys(groups)):
        rows = [i for i, g in enumerate(groups) if g == group]
        traces.append(go.Scatter(
            x=plot_values(points[rows, 0], 3), y=plot_values(points[rows, 1], 3),
            mode="markers+text", name=group, text=[words[i] for i in rows],
            textposition="top center", marker={"color": colour_for(index), "size": 9},
            hovertemplate="%{text}<extra>" + group + "</extra>"))
    return traces


def epoch_player(epochs, redraw: bool, frame_ms: int, transition_ms: int, buttons_y: float,
                 slider_y: float) -> dict:
    """Layout for an animation over epochs: play/pause buttons and an epoch slider, run by
    plotly in the browser (no kernel needed). Frames must be named str(epoch)."""
    steps = [{"label": str(e), "method": "animate",
              "args": [[str(e)], {"mode": "immediate", "frame": {"duration": 0, "redraw": redraw},
                                  "transition": {"duration": 0}}]} for e in epochs]
    play = {"frame": {"duration": frame_ms, "redraw": redraw},
            "transition": {"duration": transition_ms}, "fromcurrent": True}
    return {
        "updatemenus": [{"type": "buttons", "showactive": False, "x": 0.0, "y": buttons_y,
                         "xanchor": "left", "yanchor": "top", "direction": "left",
                         "buttons": [
                             {"label": "▶ play", "method": "animate", "args": [None, play]},
                             {"label": "❚❚ pause", "method": "animate",
                              "args": [[None], {"mode": "immediate",
                                                "frame": {"duration": 0, "redraw": False}}]}]}],
        "sliders": [{"active": 0, "steps": steps, "x": 0.22, "len": 0.78, "y": slider_y,
                     "currentvalue": {"prefix": "epoch "}}]}


def animation_figure(run: TrainingRun, title: str | None = None) -> go.Figure:
    """The toy groups' vectors epoch by epoch: press ▶ or drag the epoch slider."""
    rows, words, groups = toy_word_rows(run.vocab)
    points = project_snapshots(run.snapshots, rows)
    limit = float(np.abs(points).max()) * 1.15 or 1.0
    fig = go.Figure(data=_group_traces(points[0], words, groups))
    fig.frames = [go.Frame(data=_group_traces(points[e], words, groups), name=str(e))
                  for e in range(len(points))]
    fig.update_layout(**epoch_player(range(len(points)), redraw=False, frame_ms=600,
                                     transition_ms=300, buttons_y=-0.12, slider_y=-0.08))
    fig.update_xaxes(range=[-limit, limit], zeroline=True)
    fig.update_yaxes(range=[-limit, limit], zeroline=True, scaleanchor="x")
    s = run.settings
    title = title or (f"Word vectors during training (dim {s.get('dim')}, {s.get('init')}, "
                      f"lr {s.get('lr')}, {s.get('negatives')} negatives)")
    standard_layout(fig, title, "direction 1 (of the final vectors)", "direction 2", height=580)
    fig.update_layout(margin={"l": 60, "r": 20, "t": 60, "b": 130})
    return fig


def update_arrows_figure(update: dict, names=("centre v", "context u_o", "negative u_k")) -> go.Figure:
    """One hand-worked SGD step on 2-D vectors: each vector before (dotted) and after (solid),
    as arrows from the origin, with the step between the two tips.

    `update` is what `helpers.sgns_by_hand.sgd_update` returns (2-D vectors only).
    """
    before, after = update["before"], update["after"]
    pairs = [(names[0], before["v"], after["v"]), (names[1], before["u_o"], after["u_o"])]
    pairs += [(f"{names[2]}" if len(before["u_neg"]) == 1 else f"negative u_{k + 1}", b, a)
              for k, (b, a) in enumerate(zip(before["u_neg"], after["u_neg"]))]
    if any(np.asarray(b).shape != (2,) for _, b, _ in pairs):
        raise CourseError("the arrow picture needs 2-D vectors (two numbers each)")
    fig = go.Figure()
    annotations = []
    for index, (name, start, end) in enumerate(pairs):
        colour = colour_for(index)
        for vector, dash, label in ((start, "dot", "before"), (end, "solid", "after")):
            x, y = (round(float(c), 3) for c in vector)
            annotations.append({"x": x, "y": y, "ax": 0, "ay": 0, "xref": "x", "yref": "y",
                                "axref": "x", "ayref": "y", "showarrow": True, "arrowhead": 2,
                                "arrowwidth": 2.5 if label == "after" else 1.5,
                                "arrowcolor": colour, "opacity": 1.0 if label == "after" else 0.5,
                                "text": ""})
        fig.add_trace(go.Scatter(
            x=[round(float(start[0]), 3), round(float(end[0]), 3)],
            y=[round(float(start[1]), 3), round(float(end[1]), 3)],
            mode="markers+lines", name=name, text=["before", "after"],
            line={"color": colour, "dash": "dot", "width": 1},
            marker={"color": colour, "size": [7, 11]},
            hovertemplate=name + " %{text}: (%{x}, %{y})<extra></extra>"))
    points = np.array([p for _, b, a in pairs for p in (b, a)] + [[0.0, 0.0]])
    limit = float(np.abs(points).max()) * 1.2
    fig.update_layout(annotations=annotations)
    fig.update_xaxes(range=[-limit, limit], zeroline=True)
    fig.update_yaxes(range=[-limit, limit], zeroline=True, scaleanchor="x")
    title = (f"One SGD step (learning rate {update['lr']}): loss {update['loss_before']:.3f} → "
             f"{update['loss_after']:.3f}<br><sup>faint arrow: before the step, bold arrow: "
             "after; the dotted line joins the two tips</sup>")
    return standard_layout(fig, title, "dimension 1", "dimension 2", height=520, width=620)


def loss_figure(run: TrainingRun, title: str = "Training loss per epoch") -> go.Figure:
    epochs = list(range(1, len(run.losses) + 1))
    fig = go.Figure(go.Scatter(x=epochs, y=plot_values(run.losses, 4), mode="lines+markers",
                               marker={"color": colour_for(0)}, line={"color": colour_for(0)},
                               name="mean loss",
                               hovertemplate="epoch %{x}: loss %{y:.3f}<extra></extra>"))
    return standard_layout(fig, title, "epoch", "mean loss per pair", height=320)


def neighbour_table(run: TrainingRun, word: str = "dog", k: int = 4,
                    among_groups: bool = True) -> Table:
    """`word`'s k nearest words after every epoch (among the toy group words by default)."""
    if not isinstance(k, int) or k < 1:
        raise CourseError(f"k is the number of neighbours to show, a whole number ≥ 1; got {k!r}")
    if among_groups:
        rows, words, _ = toy_word_rows(run.vocab)
    else:
        words = list(run.vocab.words)
        rows = list(range(len(words)))
    position = word_index(word, {w: i for i, w in enumerate(words)})
    table_rows = []
    for epoch, snapshot in enumerate(run.snapshots):
        chosen = np.asarray(snapshot)[rows]
        if not np.any(chosen[position]):
            # a zero vector has no direction: its cosine with anything is undefined
            table_rows.append([epoch, "undefined (its vector is all zeros)"])
            continue
        unit = normalize_rows(chosen)
        scores = unit @ unit[position]
        scores[position] = -np.inf
        order = np.argsort(-np.round(scores, 6), kind="stable")[:k]
        table_rows.append([epoch, ", ".join(words[i] for i in order)])
    return Table(table_rows, ["epoch", f"nearest to '{word}'"],
                 title=f"Neighbours of '{word}' as training goes on (epoch 0 = before training)")


def separation_table(run: TrainingRun) -> Table:
    values = [group_separation(run.vocab, s) for s in run.snapshots]
    return Table([[e, round(v, 3)] for e, v in enumerate(values)],
                 ["epoch", "same-group cosine − other-group cosine"],
                 title="How far apart the groups are")


def explorer_figure(run: TrainingRun, word: str = "dog", k: int = 4) -> go.Figure:
    """One figure for the widget: the moving word vectors (left), the loss with the current
    epoch marked (right), and `word`'s nearest group words per epoch in the title."""
    from plotly.subplots import make_subplots

    rows, words, groups = toy_word_rows(run.vocab)
    points = project_snapshots(run.snapshots, rows)
    limit = float(np.abs(points).max()) * 1.15 or 1.0
    neighbours = [row[1] for row in neighbour_table(run, word, k).rows]
    losses = [None] + list(run.losses)          # epoch 0 has no loss yet
    epochs = list(range(len(run.snapshots)))
    fig = make_subplots(rows=1, cols=2, column_widths=[0.62, 0.38], horizontal_spacing=0.1,
                        subplot_titles=["word vectors (2-D projection)", "mean loss per epoch"])
    for trace in _group_traces(points[0], words, groups):
        fig.add_trace(trace, row=1, col=1)
    fig.add_trace(go.Scatter(x=epochs[1:], y=plot_values(run.losses, 4), mode="lines+markers",
                             name="loss", line={"color": colour_for(7)},
                             hovertemplate="epoch %{x}: %{y:.3f}<extra></extra>"), row=1, col=2)
    fig.add_trace(go.Scatter(x=[0], y=[None], mode="markers", name="this epoch",
                             marker={"color": colour_for(5), "size": 13}), row=1, col=2)
    n_groups = len(dict.fromkeys(groups))
    moving = list(range(n_groups)) + [n_groups + 1]

    def caption(e):
        return f"epoch {e}: nearest to '{word}': {neighbours[e]}"

    frames = []
    for e in epochs:
        marker = go.Scatter(x=[e], y=[None if losses[e] is None else round(losses[e], 4)])
        frames.append(go.Frame(data=_group_traces(points[e], words, groups) + [marker],
                               traces=moving, name=str(e),
                               layout={"title": {"text": caption(e)}}))
    fig.frames = frames
    fig.update_layout(**epoch_player(epochs, redraw=True, frame_ms=700, transition_ms=0,
                                     buttons_y=-0.14, slider_y=-0.1))
    fig.update_xaxes(range=[-limit, limit], title_text="direction 1", row=1, col=1)
    fig.update_yaxes(range=[-limit, limit], title_text="direction 2", row=1, col=1)
    fig.update_xaxes(title_text="epoch", row=1, col=2)
    fig.update_yaxes(title_text="loss", row=1, col=2)
    standard_layout(fig, caption(0), height=520)
    fig.update_layout(margin={"l": 60, "r": 20, "t": 80, "b": 130})
    return fig


@functools.lru_cache(maxsize=16)
def _train_toy(dim, init, lr, negatives, epochs, seed):
    from .data import load_toy_corpus
    from .sgns import train_readable

    return train_readable(load_toy_corpus(), dim=dim, epochs=epochs, lr=lr,
                          negatives=negatives, init=init, seed=seed, progress=True)


def toy_run(dim: int = 10, init: str = "uniform(±0.5/N) word2vec", lr: float = 0.5,
            negatives: int = 5, epochs: int = 8, seed: int = 0) -> TrainingRun:
    """A readable-trainer run on the toy corpus (remembered: the 16 latest settings)."""
    if init not in SCHEMES:
        raise CourseError(f"unknown initialization {init!r}; choose one of: " + ", ".join(SCHEMES))
    return _train_toy(dim, init, float(lr), negatives, epochs, seed)


def training_explorer(dim: int = 10, init: str = "uniform(±0.5/N) word2vec", lr: float = 0.5,
                      negatives: int = 5, word: str = "dog", epochs: int = 8, seed: int = 0):
    """Retrain on the toy corpus with these knobs; one figure: vectors, loss, neighbours.

    A new setting takes about 2 s (a progress bar shows it); the 16 latest settings are
    remembered, so going back to one is instant.
    """
    return explorer_figure(toy_run(dim, init, lr, negatives, epochs, seed), word)


def explorer_controls():
    """The widget's knobs, for `helpers.widgets.live(explorer_controls(), training_explorer)`."""
    import ipywidgets as widgets

    from .widgets import dropdown

    style = {"description_width": "initial"}
    return {
        "dim": dropdown([2, 5, 10, 20, 50], 10, "dimension"),
        "init": dropdown(list(SCHEMES), "uniform(±0.5/N) word2vec", "initialization"),
        "lr": dropdown([0.05, 0.2, 0.5, 1.0, 2.0], 0.5, "learning rate"),
        "negatives": dropdown([1, 2, 5, 10, 20], 5, "negatives per pair"),
        "word": widgets.Dropdown(options=sorted(w for g in TOY_GROUPS.values() for w in g),
                                 value="dog", description="neighbours of", style=style),
    }


def explorer_widget(css_class: str = "course-training-explorer"):
    """The knobs, a Train button and, after each press, `training_explorer(...)`'s figure.

    Unlike `helpers.widgets.live`, nothing is drawn until the button is pressed: every draw
    retrains (seconds, not milliseconds). The figure takes `live`'s path (`run_on_click`).
    """
    import ipywidgets as widgets

    from .widgets import run_on_click

    controls = explorer_controls()
    button = widgets.Button(description="Train", button_style="primary", icon="play")
    note = widgets.Label(value="choose the settings, then press Train")
    note.layout = widgets.Layout(width="auto")
    rows = [widgets.HBox(list(controls.values())[:3]),
            widgets.HBox(list(controls.values())[3:] + [button]), note]
    return run_on_click(
        rows, button,
        lambda: training_explorer(**{name: c.value for name, c in controls.items()}),
        css_class=css_class)


# --------------------------------------------------------------------------- speed (nb08 end)
def frontier_figure(points=None) -> go.Figure:
    """WordSim353 and SimLex-999 against training time (CPU seconds), gensim against the
    course's `train_fast`, one marker per number of epochs (medians over seeds), from the saved
    measurements (`helpers.sgns.frontier_points`)."""
    from plotly.subplots import make_subplots

    from .sgns import frontier_points

    points = frontier_points() if points is None else points
    fig = make_subplots(rows=1, cols=2, subplot_titles=("WordSim353", "SimLex-999"),
                        horizontal_spacing=0.1)
    names = {"gensim": "gensim (1 worker)", "train_fast": "course SGNS, FastSettings()"}
    for index, (trainer, name) in enumerate(names.items()):
        line = sorted((p for p in points if p["trainer"] == trainer), key=lambda p: p["epochs"])
        for col, key in ((1, "wordsim353"), (2, "simlex999")):
            fig.add_trace(go.Scatter(
                x=plot_values([p["cpu_seconds"] for p in line], 1),
                y=plot_values([p[key] for p in line], 3), mode="lines+markers", name=name,
                legendgroup=trainer, showlegend=col == 1,
                line={"color": colour_for(index * 4)},
                text=[f"{p['epochs']} epoch{'s' if p['epochs'] > 1 else ''}, "
                      f"median of {p['seeds']} seeds" for p in line],
                hovertemplate="%{text}<br>%{x} CPU s<br>Spearman %{y}<extra>" + name
                              + "</extra>"), row=1, col=col)
    fig.update_xaxes(title_text="training time (CPU seconds)")
    fig.update_yaxes(title_text="Spearman correlation")
    return standard_layout(fig, "Quality against training time, bundled corpus")
