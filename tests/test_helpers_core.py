"""Core helpers: seeds, errors, vectors, evaluation, tables, progress bars, widgets, figures."""
import random

import numpy as np
import pytest
import torch

from helpers import evaluation, figures
from helpers.data import WordPair
from helpers.display import Table, progress_bar
from helpers.errors import CourseError, UnknownWordError, explain_errors
from helpers.reproducibility import seed_everything
from helpers.vectors import cosine_similarity, cosine_similarity_matrix, nearest_neighbors, word_index


def test_seed_everything_repeats_python_numpy_and_torch():
    def draw():
        return random.random(), np.random.rand(), torch.rand(1).item()
    seed_everything(3)
    first = draw()
    seed_everything(3)
    assert draw() == first
    seed_everything(4)
    assert draw() != first


def test_the_first_cell_does_not_import_torch_but_torch_is_seeded_when_imported():
    """setup_notebook() leaves torch unimported (a second and ~150 MB saved where a notebook
    never uses it); the first `import torch` afterwards is seeded exactly as if it had been."""
    import subprocess
    import sys

    script = """
import sys, helpers
helpers.setup_notebook(7)
assert "torch" not in sys.modules
import torch
drawn = torch.rand(3)
torch.manual_seed(7)
assert torch.equal(drawn, torch.rand(3)), "torch was not seeded on import"
helpers.setup_notebook(8)          # torch already imported: seeded at once
drawn = torch.rand(2)
torch.manual_seed(8)
assert torch.equal(drawn, torch.rand(2))
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.strip() == "ok", done.stderr[-2000:]


@pytest.mark.parametrize("bad", [-1, 1.5, "1", True])
def test_seed_must_be_a_whole_number(bad):
    with pytest.raises(CourseError):
        seed_everything(bad)


def test_explain_errors_prints_one_line(capsys):
    with explain_errors():
        raise CourseError("dimension must be at least 1, got 0")
    assert capsys.readouterr().out == "CourseError: dimension must be at least 1, got 0\n"


def test_explain_errors_lets_other_errors_through():
    with pytest.raises(ZeroDivisionError):
        with explain_errors():
            1 / 0


def test_cosine():
    assert cosine_similarity([1, 0], [0, 1]) == 0.0
    assert cosine_similarity([1, 1], [2, 2]) == pytest.approx(1.0)
    with pytest.raises(CourseError, match="a is all zeros.*undefined"):
        cosine_similarity([0, 0], [1, 0])
    assert np.isnan(cosine_similarity([0, 0], [1, 0], zero_vectors="nan"))
    with pytest.raises(CourseError, match="same length"):
        cosine_similarity([1, 2], [1, 2, 3])
    m = cosine_similarity_matrix(np.eye(3))
    assert np.allclose(m, np.eye(3))
    with pytest.raises(CourseError):
        cosine_similarity_matrix(np.zeros((0, 3)))


def test_unknown_word_suggests_spellings():
    words = ["london", "paris", "berlin"]
    assert word_index("paris", words) == 1
    with pytest.raises(UnknownWordError, match=r"'londn' is not in the vocabulary \(3 words\); closest spellings: london"):
        word_index("londn", words)
    with pytest.raises(KeyError):  # still a KeyError for code that expects one
        word_index("xyz", {"a": 0})


def test_nearest_neighbors():
    words = ["a", "b", "c"]
    matrix = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0]])
    result = nearest_neighbors("a", words, matrix, k=2)
    assert [w for w, _ in result] == ["b", "c"]
    with pytest.raises(CourseError):
        nearest_neighbors("a", words, matrix, k=0)


def test_similarity_score_reports_oov_share():
    pairs = [WordPair("a", "b", 9.0), WordPair("a", "c", 1.0), WordPair("b", "c", 2.0),
             WordPair("a", "zzz", 5.0)]
    vocab = {"a": 0, "b": 1, "c": 2}
    matrix = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0]])
    score = evaluation.similarity_score("toy", pairs, vocab, matrix)
    assert score.used == 3 and score.total == 4 and score.oov_share == 0.25
    assert score.value == pytest.approx(1.0)


def test_analogy_score_solves_a_parallelogram():
    from helpers.data import Analogy
    words = {"man": 0, "woman": 1, "king": 2, "queen": 3, "apple": 4}
    matrix = np.array([[1, 0, 0], [1, 1, 0], [1, 0, 1], [1, 1, 1], [-1, 0, 0]], float)
    score = evaluation.analogy_score([Analogy("s", "man", "woman", "king", "queen"),
                                      Analogy("s", "man", "woman", "king", "unknown")], words, matrix)
    assert score.value == 1.0 and score.used == 1 and score.total == 2


def test_table_text_and_html():
    table = Table([("dog", 0.12345), ("<cat>", 1)], ["word", "score"], title="T", highlight=[1])
    text = repr(table)
    assert "dog    0.123" in text and text.splitlines()[-1].endswith("←")
    assert "&lt;cat&gt;" in table._repr_html_() and "<caption" in table._repr_html_()


def test_progress_bar_outside_a_notebook_is_quiet(capsys):
    with progress_bar(3, "Working") as bar:
        bar.update(3)
    assert capsys.readouterr().out == ""
    assert bar.done == 3 and bar.elapsed >= 0


def test_widget_live_shows_course_errors_as_a_sentence():
    from helpers.widgets import int_slider, live
    calls = []

    def render(n):
        calls.append(n)
        if n == 0:
            raise CourseError("n must be at least 1")
        return Table([(n,)], ["n"])
    slider = int_slider(2, 0, 5, "n")
    box = live({"n": slider}, render, css_class="test-widget")
    output = box.children[1]
    first = output.outputs[0]  # a rich display in a kernel; printed text without one
    assert "<table>" in first["data"]["text/html"] if "data" in first else "n\n-\n2" in first["text"]
    slider.value = 0
    assert calls == [2, 0] and "test-widget" in box._dom_classes
    assert output.outputs == ({"output_type": "stream", "name": "stdout",
                               "text": "CourseError: n must be at least 1\n"},)


def test_widget_live_draws_once_when_one_change_fires_two_events():
    """A control whose observer sets another control (the feature editor's word box sets its
    slider) fires two value events; the widget draws once, because every draw costs the
    browser a whole figure."""
    from helpers.widgets import int_slider, live
    calls = []
    word, value = int_slider(1, 0, 9, "word"), int_slider(0, 0, 9, "value")
    word.observe(lambda change: setattr(value, "value", change["new"]), names="value")
    live({"word": word, "value": value}, lambda word, value: calls.append((word, value)))
    word.value = 5      # sets value to 5 too: two events, one new state
    value.value = 7     # a real change still draws
    assert calls == [(1, 0), (5, 5), (5, 7)]


def test_figures_have_titles_labels_and_rounded_values():
    fig = figures.similarity_heatmap(["a", "b"], np.array([[1.0, 0.123456789], [0.123456789, 1.0]]), "T")
    assert fig.layout.title.text == "T" and fig.layout.xaxis.title.text == "word"
    assert fig.data[0].z[0][1] == 0.123
    scatter = figures.labelled_scatter(np.array([[0.0, 1.0], [1.0, 0.0]]), ["x", "y"], ["g1", "g2"], "S")
    assert len(scatter.data) == 2 and scatter.data[0].marker.color == figures.PALETTE[0]
    assert scatter.layout.yaxis.title.text == "dimension 2"
