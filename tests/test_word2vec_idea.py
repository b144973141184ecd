"""helpers.word2vec_idea (notebook 04's compute) and the readable-figure changes of notebooks
01-05: every number the notebooks quote is recomputed here."""
from __future__ import annotations

import numpy as np
import pytest

from helpers.errors import CourseError
from helpers.word2vec_idea import (bowl_gradient, bowl_loss, descend, dot_products_per_pair,
                                   pair_score, sigmoid, softmax_vs_negative_ms, two_tables)


def test_bowl_loss_and_gradient():
    assert bowl_loss(2) == 0 and bowl_loss(-1) == 9
    assert bowl_gradient(-1) == -6 and bowl_gradient(5) == 6


def test_descend_matches_the_table_in_notebook_04():
    assert descend(-1, 0.1, 2) == pytest.approx([-1, -0.4, 0.08])
    assert descend(-1, 0.7, 1) == pytest.approx([-1, 3.2])
    assert descend(-1, 1.05, 1) == pytest.approx([-1, 5.3])
    assert descend(-1, 0.5, 1) == [-1, 2]  # one step lands on the minimum
    assert len(descend(-1, 0.1, 20)) == 21


@pytest.mark.parametrize("kwargs, says", [
    (dict(learning_rate=0), "learning_rate must be above 0"),
    (dict(learning_rate=-0.1), "walks uphill"),
    (dict(learning_rate="fast"), "learning_rate must be a number"),
    (dict(start=float("nan")), "start must be a finite number"),
    (dict(steps=2.5), "steps must be a whole number"),
    (dict(steps=10_000), "from 0 to 1000"),
])
def test_descend_refuses_bad_input_in_one_sentence(kwargs, says):
    with pytest.raises(CourseError, match=says):
        descend(**kwargs)


def test_two_tables_and_the_pair_score():
    w_in, w_out = two_tables(["a", "b", "c"], dims=4, seed=0)
    assert w_in.shape == w_out.shape == (3, 4)
    assert np.all(np.abs(w_in) <= 0.25) and not np.array_equal(w_in, w_out)
    assert pair_score(w_in, w_out, 0, 1) == pytest.approx(float(w_in[0] @ w_out[1]))
    assert sigmoid(0) == 0.5 and 0 < sigmoid(-50) < 1e-20 and sigmoid(50) == pytest.approx(1)
    with pytest.raises(CourseError, match="list of words"):
        two_tables("dog")
    with pytest.raises(CourseError, match="dims"):
        two_tables(["a"], dims=0)


def test_untrained_scores_are_near_one_half_as_notebook_04_says():
    words = ["fox", "brown", "quick", "apple", "paris", "runs"]
    w_in, w_out = two_tables(words, dims=3, seed=0)
    probabilities = sigmoid(w_in @ w_out.T)
    assert np.all(np.abs(probabilities - 0.5) < 0.1)


def test_dot_products_per_pair():
    assert dot_products_per_pair(50_257) == {"softmax": 50_257, "negative sampling": 6}
    assert dot_products_per_pair(10, negatives=15)["negative sampling"] == 16
    with pytest.raises(CourseError, match="vocabulary_size"):
        dot_products_per_pair(0)
    with pytest.raises(CourseError, match="negatives"):
        dot_products_per_pair(10, negatives=1.5)


def test_softmax_is_measured_slower_than_negative_sampling():
    ms = softmax_vs_negative_ms(50_257, repeats=5)
    assert set(ms) == {"softmax", "negative sampling"}
    assert ms["softmax"] > 3 * ms["negative sampling"] > 0


def test_notebook_04_vocabulary_sizes():
    from helpers.data import load_bundled_corpus, load_toy_corpus
    from helpers.word2vec import vocabulary_size

    assert len({w for s in load_toy_corpus() for w in s}) == 119
    assert vocabulary_size(load_bundled_corpus(), 5) == 9_733
    assert len(load_toy_corpus()) == 3_100


# --------------------------------------------------------------------------- figures
def test_descent_table_and_figure():
    from helpers.word2vec_views import descent_figure, descent_table

    table = descent_table()
    assert table.rows[1] == [1, "-0.40", "+3.20", "+5.30"]
    fig = descent_figure()
    titles = [a.text for a in fig.layout.annotations]
    assert titles == ["learning rate 0.1: small steps: slow", "learning rate 0.7: zig-zags in",
                      "learning rate 1.05: overshoots, diverges"]
    assert fig.layout.title.text and fig.layout.xaxis.title.text and fig.layout.yaxis.title.text


@pytest.fixture(scope="module")
def toy_model():
    from helpers.data import load_toy_corpus
    from helpers.word2vec import train_word2vec

    return train_word2vec(load_toy_corpus(), vector_size=20, window=3, epochs=3, min_count=1,
                          progress=False)


def test_projection_labels_a_few_and_hovers_all(toy_model):
    from helpers.word2vec_views import TOY_GROUPS, projection_figure

    for dims in (2, 3):
        fig = projection_figure(toy_model, TOY_GROUPS, dims=dims, progress=False)
        shown = [t for trace in fig.data for t in trace.text if t]
        hovered = [c[0] for trace in fig.data for c in trace.customdata]
        assert len(shown) == 2 * len(TOY_GROUPS) and len(hovered) == 24
        assert set(shown) <= set(hovered)
    assert fig.layout.scene.xaxis.title.text == "PC1"  # short 3-D titles: nothing clipped
    assert fig.layout.scene.camera.eye.x > 1.25


def test_search_figure_has_no_crowded_subtitle(toy_model):
    from helpers.word2vec_views import TOY_GROUPS, SearchExplorer, search_view

    table, fig = search_view(SearchExplorer(toy_model, TOY_GROUPS), "dog", k=4)
    assert "<sup>" not in fig.layout.title.text and len(table.rows) == 4
    labelled = [t for trace in fig.data for t in trace.text if t]
    assert sorted(labelled) == ["1", "2", "3", "4", "dog"]  # neighbours carry their rank in the table
    assert [row[0] for row in table.rows] == [1, 2, 3, 4]
    hovered = [c[0] for c in fig.data[-1].customdata]
    assert hovered == [row[1] for row in table.rows]


def test_one_hot_memory_axis_has_a_grid_line_per_power_of_ten():
    from helpers.one_hot_views import memory_figure, render_memory

    assert memory_figure(50_257).layout.yaxis.dtick == 1
    fig = render_memory(50_257)
    assert fig.layout.yaxis.dtick == 1 and "10×" in fig.layout.yaxis.title.text
    marker = fig.data[-1]
    assert marker.text == ("99.9980 % zeros",) and marker.textposition == "bottom left"


def test_id_figure_writes_each_word_once():
    from helpers.data import load_toy_corpus
    from helpers.tokens import Vocabulary
    from helpers.tokens_views import id_positions_figure

    vocab = Vocabulary.from_sentences(load_toy_corpus())
    orderings = {"sorted": vocab, "reverse": vocab.reordered("reverse")}
    fig = id_positions_figure(orderings, ["dog", "duck", "fox"])
    assert [list(t.text) for t in fig.data] == [["dog", ""], ["duck", ""], ["fox", ""]]
    # dog and duck have neighbouring IDs: their labels go on opposite sides
    assert fig.data[0].textposition != fig.data[1].textposition


def test_feature_scatter_writes_each_spot_once():
    from helpers.feature_table import load_feature_table
    from helpers.feature_table_views import feature_scatter

    table = load_feature_table()
    fig = feature_scatter(table, ["big", "edible"])
    spots = {}
    for trace in fig.data:
        for x, y, text in zip(trace.x, trace.y, trace.text):
            spots.setdefault((round(x, 2), round(y, 2)), []).append(text)
    assert all(sum(1 for t in texts if t) == 1 for texts in spots.values())
    three = feature_scatter(table, ["alive", "edible", "is_a_place"])
    assert three.layout.scene.zaxis.title.text == "is a place"


def test_feature_editor_is_light_enough_for_a_browser():
    """Notebook 03's editor: no 3-D scene (400-560 ms to redraw in a browser), the slider redraws
    on release, and a change updates the figure's values (its speed is measured in
    benchmarks/widget_latency.py, not asserted here: a busy test machine is no stopwatch)."""
    from helpers.feature_table import load_feature_table
    from helpers.feature_table_views import FeatureEditor

    editor = FeatureEditor(load_feature_table())
    box = editor.widget()
    controls = box.children[0].children
    slider = next(c for c in controls if c.description == "value")
    assert slider.continuous_update is False
    figure = editor.render("fox", "pet", 0.5)
    assert {trace.type for trace in figure.data} == {"heatmap", "scatter"}
    before = [list(trace.z) if trace.type == "heatmap" else None for trace in figure.data]
    after = editor.render("fox", "pet", 0.0)
    assert [list(trace.z) if trace.type == "heatmap" else None for trace in after.data] != before
