"""Softmax skip-gram, CBOW and the step-cost measurement; FastText; semantic axes; views."""
import math
import re

import numpy as np
import pytest
import torch

from helpers import softmax_vs_sampling as sv
from helpers import word_vector_origins as wo
from helpers.errors import CourseError, MemoryBudgetError, UnknownWordError
from helpers.sgns import SGNSModel
from tests.file_damage import BYTE_DAMAGE, damage_bytes


# --------------------------------------------------------------------------- softmax and SGNS
def test_softmax_skipgram_is_cross_entropy_over_all_words():
    model = sv.SoftmaxSkipGram(12, 4, seed=1)
    with torch.no_grad():
        model.out_embed.weight.normal_(0, 0.5, generator=torch.Generator().manual_seed(0))
    centre, context = torch.tensor([1, 5, 7]), torch.tensor([2, 2, 11])
    loss = model(centre, context)
    v = model.in_embed.weight[centre]
    scores = v @ model.out_embed.weight.T
    expected = -(scores[range(3), context] - torch.logsumexp(scores, 1)).mean()
    assert torch.allclose(loss, expected, atol=1e-6)
    loss.backward()
    # every output row gets a gradient: that is the cost negative sampling avoids
    assert int((model.out_embed.weight.grad.abs().sum(1) > 0).sum()) == 12


def test_sparse_sgns_model_gives_the_course_models_loss():
    dense, sparse = SGNSModel(20, 5, seed=3), sv.sparse_sgns_model(20, 5, seed=3)
    with torch.no_grad():
        for m in (dense, sparse):
            m.out_embed.weight.copy_(torch.linspace(-1, 1, 100).reshape(20, 5))
    args = torch.tensor([1, 2]), torch.tensor([3, 4]), torch.tensor([[5, 6], [7, 8]])
    assert torch.allclose(dense(*args), sparse(*args))
    sparse(*args).backward()
    assert sparse.in_embed.weight.grad.is_sparse


def test_cbow_examples_and_model():
    contexts, mask, centres = sv.cbow_examples([[4, 8, 15], [9]], window=1)
    assert contexts.tolist() == [[8, 0], [4, 15], [8, 0]]
    assert mask.tolist() == [[1, 0], [1, 1], [1, 0]]
    assert centres.tolist() == [4, 8, 15]          # the 1-word sentence has no context
    model = sv.CBOWModel(20, 6, seed=0)
    negatives = torch.tensor([[1, 2, 3, 5, 6]] * 3)
    with torch.no_grad():
        start = model(contexts, mask, centres, negatives)
    assert abs(float(start) - 6 * math.log(2)) < 1e-5  # W_out starts at 0: every score is 0
    with torch.no_grad():
        model.out_embed.weight.normal_(0, 1, generator=torch.Generator().manual_seed(1))
        mean = (model.in_embed.weight[4] + model.in_embed.weight[15]) / 2
        got = model(contexts[1:2], mask[1:2], centres[1:2], negatives[:1])
        expected = sv.sgns_loss(mean[None], model.out_embed.weight[8][None],
                                model.out_embed.weight[negatives[:1]])
    assert torch.allclose(got, expected, atol=1e-6)
    with pytest.raises(CourseError, match="window"):
        sv.cbow_examples([[1, 2]], window=0)
    with pytest.raises(CourseError, match="at least 2"):
        sv.cbow_examples([[1], [2]], window=2)


def test_toy_training_is_deterministic_and_learns():
    from helpers.data import load_toy_corpus

    toy = load_toy_corpus()
    first = sv.train_toy(toy, "cbow", lr=5.0, epochs=2, seed=0)
    again = sv.train_toy(toy, "cbow", lr=5.0, epochs=2, seed=0)
    assert np.array_equal(first.vectors, again.vectors)
    assert first.losses[1] < first.losses[0]
    softmax = sv.train_toy(toy, "softmax", lr=2.0, epochs=2, seed=0)
    assert softmax.losses[1] < softmax.losses[0] < math.log(len(softmax.words)) + 0.1
    a, b, shared = sv.shared_neighbours(first, softmax, "dog", k=3)
    assert len(a) == len(b) == 3 and 0 <= shared <= 3
    with pytest.raises(CourseError, match="kind"):
        sv.train_toy(toy, "glove")


def test_step_cost_grows_with_v_for_softmax_only():
    """The notebook's figure: softmax cost per step grows with V, SGNS's does not."""
    soft_small = sv.step_seconds("softmax", 1_000, repeats=5)
    soft_big = sv.step_seconds("softmax", 50_000, repeats=5)
    sgns_small = sv.step_seconds("sgns", 1_000, repeats=40)
    sgns_big = sv.step_seconds("sgns", 50_000, repeats=40)
    assert soft_big >= 5 * soft_small, (soft_small, soft_big)
    assert sgns_big <= 2 * sgns_small, (sgns_small, sgns_big)
    assert soft_big > 10 * sgns_big


def test_step_cost_table_and_bad_input():
    rows = sv.step_cost_table((100, 200), dim=8, batch_size=16, repeats=1)
    assert [r["vocab_size"] for r in rows] == [100, 200]
    assert rows[1]["softmax_dot_products"] == 16 * 200 and rows[0]["sgns_dot_products"] == 16 * 6
    assert all(r["softmax_ms"] > 0 and r["sgns_ms"] > 0 for r in rows)
    with pytest.raises(CourseError, match="vocab_size"):
        sv.step_seconds("softmax", 1)
    with pytest.raises(CourseError, match="kind"):
        sv.step_seconds("cbow", 100)


# --------------------------------------------------------------------------- FastText
@pytest.fixture(scope="module")
def toy_fasttext():
    from helpers.data import load_toy_corpus

    return wo.train_fasttext(load_toy_corpus(), progress=False, vector_size=20, epochs=3,
                             min_count=1, bucket=5_000)


def test_fasttext_gives_unseen_words_a_vector(toy_fasttext):
    assert "dogs" not in toy_fasttext.wv.key_to_index
    assert toy_fasttext.wv["dogs"].shape == (20,)
    rows = wo.unseen_word_report(toy_fasttext, {"dogs": "dog", "bananna": "banana"})
    assert [r["in vocabulary"] for r in rows] == [False, False]
    for row in rows:   # nearer the word it is made of than the average word
        assert row["cosine with it"] > row["mean cosine with all words"] + 0.2, row
    with pytest.raises(CourseError, match="not in the FastText vocabulary"):
        wo.unseen_word_report(toy_fasttext, {"dogs": "wolves"})


def test_fasttext_is_reproducible_and_checks_settings(toy_fasttext):
    from helpers.data import load_toy_corpus

    again = wo.train_fasttext(load_toy_corpus(), progress=False, vector_size=20, epochs=3,
                              min_count=1, bucket=5_000)
    assert np.array_equal(again.wv.vectors, toy_fasttext.wv.vectors)
    with pytest.raises(CourseError, match="unknown FastText setting"):
        wo.train_fasttext([["a", "b"]], workers=4)
    # 3,000,000 buckets × 100 float32 = 1.2 GB of n-gram vectors: above the 1 GB budget
    with pytest.raises(MemoryBudgetError, match="bucket=3,000,000"):
        wo.train_fasttext([["a", "b"]], bucket=3_000_000)
    with pytest.raises(CourseError, match="at least 1"):
        wo.train_fasttext([["a", "b"]], epochs=0)


# --------------------------------------------------------------------------- cached FastText
TINY = dict(vector_size=8, epochs=1, bucket=1000)          # seconds, not minutes
UNSEEN = ["philosphy", "goverment", "footballers", "dogs", "bananna", "x"]


@pytest.fixture
def ft_cache(temp_cache):
    from helpers import paths

    paths._NOTICES.clear()
    yield temp_cache
    paths._NOTICES.clear()


def _same_fasttext(rebuilt, trained):
    from gensim.models.fasttext import FastTextKeyedVectors

    assert isinstance(rebuilt, FastTextKeyedVectors)
    assert len(rebuilt) == len(trained) and rebuilt.index_to_key == trained.index_to_key
    assert rebuilt.key_to_index == trained.key_to_index
    for name in ("vectors", "vectors_vocab", "vectors_ngrams"):
        assert getattr(rebuilt, name).dtype == np.float32
        assert np.array_equal(getattr(rebuilt, name), getattr(trained, name)), name
    assert (rebuilt.vector_size, rebuilt.min_n, rebuilt.max_n, rebuilt.bucket) == \
        (trained.vector_size, trained.min_n, trained.max_n, trained.bucket)
    assert np.array_equal(rebuilt.expandos["count"], trained.expandos["count"])
    for word in trained.index_to_key[:50] + UNSEEN:
        assert np.array_equal(rebuilt[word], trained[word]), word


def test_course_fasttext_reads_back_exactly_the_trained_vectors(ft_cache, monkeypatch, capsys):
    from helpers.data import load_toy_corpus

    trained = wo.train_fasttext(load_toy_corpus(), progress=False, min_count=1, **TINY).wv
    first = wo.course_fasttext("toy", progress=False, **TINY)        # trains and saves
    path = wo.course_fasttext_path("toy", wo._course_fasttext_settings("toy", TINY))
    assert path.exists() and [p.name for p in ft_cache.iterdir()] == [path.name]
    _same_fasttext(first, trained)

    def no_training(*args, **kwargs):
        raise AssertionError("trained again although the cache is whole")

    monkeypatch.setattr(wo, "train_fasttext", no_training)
    again = wo.course_fasttext("toy", progress=False, **TINY)        # reads the file
    _same_fasttext(again, trained)
    assert all(word not in again.key_to_index for word in UNSEEN)
    # what gensim computes from the buckets gives the same vectors as the file holds
    saved = [b.copy() for b in again.buckets_word]
    again.recalc_char_ngram_buckets()
    assert all(np.array_equal(a, b) for a, b in zip(saved, again.buckets_word))
    again.adjust_vectors()
    assert np.array_equal(again.vectors, trained.vectors)
    assert again.most_similar("dog", topn=5) == trained.most_similar("dog", topn=5)
    probes = {"dogs": "dog", "bananna": "banana"}
    assert wo.unseen_word_report(again, probes) == wo.unseen_word_report(trained, probes)
    assert capsys.readouterr().err == ""                              # no notice: nothing healed
    # other settings, another file
    other = wo.course_fasttext_path("toy", wo._course_fasttext_settings("toy", {**TINY,
                                                                         "epochs": 2}))
    assert other != path


def test_unseen_word_report_takes_a_model_or_its_vectors(toy_fasttext):
    probes = {"dogs": "dog"}
    assert wo.unseen_word_report(toy_fasttext.wv, probes) == \
        wo.unseen_word_report(toy_fasttext, probes)
    with pytest.raises(CourseError, match="FastText vectors"):
        wo.unseen_word_report(np.ones((3, 2)), probes)


def _damage_fasttext(path, kind):
    if kind in BYTE_DAMAGE:
        return damage_bytes(path, kind)
    with np.load(path) as data:
        arrays = {name: data[name] for name in data.files}
    if kind == "word2vec file":                  # the right words and vectors, nothing else
        np.savez(path, words=arrays["words"], vectors=arrays["vectors"])
    elif kind == "fewer buckets":
        np.savez(path, **{**arrays, "vectors_ngrams": arrays["vectors_ngrams"][:10]})
    elif kind == "other settings":
        np.savez(path, **{**arrays, "settings": arrays["settings"] + 1})
    elif kind == "nan":
        np.savez(path, **{**arrays, "vectors_ngrams": arrays["vectors_ngrams"] * np.nan})
    elif kind == "bucket out of range":
        np.savez(path, **{**arrays, "buckets": arrays["buckets"] + 5_000})
    elif kind == "float64":
        np.savez(path, **{**arrays, "vectors_vocab": arrays["vectors_vocab"].astype(float)})


@pytest.mark.parametrize("kind", ["empty", "truncated", "random", "word2vec file",
                                  "fewer buckets", "other settings", "nan",
                                  "bucket out of range", "float64"])
def test_damaged_fasttext_cache_is_discarded_and_trained_again(ft_cache, capsys, kind):
    first = wo.course_fasttext("toy", progress=False, **TINY)
    path = wo.course_fasttext_path("toy", wo._course_fasttext_settings("toy", TINY))
    _damage_fasttext(path, kind)
    capsys.readouterr()
    again = wo.course_fasttext("toy", progress=False, **TINY)
    _same_fasttext(again, first)
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("Note: ")
    assert f"{path.name} was unreadable" in err and "rebuilding" in err
    _same_fasttext(wo._read_fasttext(path, wo._course_fasttext_settings("toy", TINY)), first)
    assert sorted(p.name for p in ft_cache.iterdir()) == [path.name]   # no temporary left


# --------------------------------------------------------------------------- semantic axes
def small_space():
    words = ["he", "she", "king", "queen", "apple"]
    matrix = np.array([[1.0, 0.1, 0.0], [-1.0, 0.1, 0.0], [0.8, 1.0, 0.0],
                       [-0.8, 1.0, 0.0], [0.0, 0.0, 1.0]])
    return wo.WordSpace.from_vectors(words, matrix)


def test_axis_direction_scores_and_projection_agree():
    space = small_space()
    direction = wo.axis_direction(space, "he", "she")
    assert abs(np.linalg.norm(direction) - 1) < 1e-12
    np.testing.assert_allclose(wo.axis_direction(space, "she", "he"), -direction)
    scores = dict(wo.axis_scores(space, direction, ["king", "queen", "apple", "unknown"]))
    assert set(scores) == {"king", "queen", "apple"}
    assert scores["king"] > 0 > scores["queen"] and abs(scores["apple"]) < 1e-12
    matrix = space.unit
    reference = wo.project_on_axis(matrix[[2, 3, 4]], matrix[0], matrix[1])
    np.testing.assert_allclose(reference, [scores["king"], scores["queen"], scores["apple"]])
    pairs = wo.control_pairs(space, direction, [("king", "queen"), ("apple", "pear")])
    assert len(pairs) == 1 and pairs[0]["in order"]


def test_axis_neighbours_and_errors():
    space = small_space()
    assert [w for w, _ in wo.axis_neighbours(space, "king", k=2)] == ["he", "queen"]
    with pytest.raises(UnknownWordError, match="closest spellings"):
        wo.axis_neighbours(space, "kinq")
    with pytest.raises(CourseError, match="same word"):
        wo.axis_direction(space, "he", "he")
    with pytest.raises(CourseError, match="as many words"):
        wo.axis_direction(space, ["he", "king"], ["she"])
    with pytest.raises(CourseError, match="none of these words"):
        wo.axis_scores(space, np.ones(3), ["pear"])
    with pytest.raises(CourseError, match="must match"):
        wo.project_on_axis(np.ones((2, 3)), np.ones(4), np.zeros(4))
    with pytest.raises(CourseError, match="one row per word"):
        wo.WordSpace.from_vectors(["a"], np.ones((2, 2)))


# --------------------------------------------------------------------------- views
def test_step_cost_figure():
    from helpers.word_vector_origins_views import step_cost_figure

    rows = [{"vocab_size": 1000, "softmax_ms": 5.0, "sgns_ms": 1.0},
            {"vocab_size": 50000, "softmax_ms": 200.0, "sgns_ms": 1.1}]
    fig = step_cost_figure(rows)
    assert [t.name for t in fig.data] == ["full softmax", "negative sampling (5)"]
    assert list(fig.data[0].y) == [5.0, 200.0] and fig.layout.xaxis.type == "log"
    assert fig.layout.title.text and fig.layout.yaxis.title.text
    with pytest.raises(CourseError, match="no measurements"):
        step_cost_figure([])


def test_axis_figure_tables_and_projector(monkeypatch):
    import plotly.io as pio

    from helpers import word_vector_origins_views as views

    monkeypatch.setattr(pio.renderers, "default", "json")   # no browser outside a kernel

    space = small_space()
    sets = {"royals": ["king", "queen"], "food": ["apple", "pear"]}
    fig = views.axis_figure(space, "he", "she", sets, highlight="king")
    assert [t.name for t in fig.data] == ["royals", "food"]
    assert list(fig.data[0].text) == ["king", "queen"] and fig.data[0].marker.size[0] == 16
    assert [a.text for a in fig.layout.annotations] == ["king"]
    table = views.axis_table(space, "he", "she", ["queen", "apple"])
    assert table.rows[0][0] == "queen" and table.rows[0][1].startswith("-")
    assert table.rows[1][1] == "+0.00"                     # never "-0.00"
    both = {"a": space, "b": space}
    controls = views.control_pairs_table(both, "he", "she", [("king", "queen")])
    assert controls.rows[-1] == ["in order", "1 of 1", "1 of 1"]
    comparison = views.axis_comparison_table(both, "he", "she", ["king", "pear"])
    assert len(comparison.rows) == 1 and comparison.rows[0][1] == comparison.rows[0][2]
    widget = views.axis_projector(space.words, space.unit, "he", "she", word="king")
    assert "course-axis-projector" in widget._dom_classes


# --------------------------------------------------------------------------- bad input
_TOY = [["the", "dog", "runs"], ["the", "cat", "sleeps"], ["a", "dog", "sleeps"]]


def _refused(call, argument):
    with pytest.raises(CourseError) as error:
        call()
    assert re.search(rf"\b{re.escape(argument)}\b", str(error.value)), str(error.value)
    return str(error.value)


@pytest.mark.parametrize("call, argument", [
    (lambda: sv.train_toy(_TOY, kind="skipgram"), "kind"),
    (lambda: sv.train_toy(_TOY, batch_size=0), "batch_size"),
    (lambda: sv.train_toy(_TOY, seed=2 ** 32), "seed"),
    (lambda: sv.train_toy(_TOY, min_count=1.0), "min_count"),
    (lambda: sv.step_seconds("softmax", 1), "vocab_size"),
    (lambda: sv.step_seconds("sgns", 300_000), "vocab_size"),
    (lambda: sv.step_seconds("sgns", 100, repeats=0), "repeats"),
    (lambda: sv.step_seconds("sgns", 100, dim=2.5), "dim"),
    (lambda: sv.step_seconds("cbow", 100), "kind"),
    (lambda: sv.cbow_examples([[1, 2]], window=np.int64(0)), "window"),
    (lambda: sv.cbow_examples([[1, 2]], window="2"), "window"),
])
def test_softmax_vs_sampling_refuses_bad_input(call, argument):
    _refused(call, argument)


@pytest.mark.parametrize("kind", ["softmax", "sgns", "cbow"])
def test_a_diverging_toy_run_stops_with_one_sentence(kind, monkeypatch):
    from helpers.errors import TrainingDivergedError

    def nan_loss(self, *args):
        return self.in_embed.weight.sum() * float("nan")

    for model in (sv.SoftmaxSkipGram, SGNSModel, sv.CBOWModel):
        monkeypatch.setattr(model, "forward", nan_loss)
    with pytest.raises(TrainingDivergedError, match=rf"training diverged \(kind='{kind}'\).*lr=0\.5"):
        sv.train_toy(_TOY, kind=kind, epochs=1)


@pytest.mark.parametrize("call, argument", [
    (lambda: wo.train_fasttext(_TOY, progress=False, vector_size=0), "vector_size"),
    (lambda: wo.train_fasttext(_TOY, progress=False, window=2.5), "window"),
    (lambda: wo.train_fasttext(_TOY, progress=False, bucket=True), "bucket"),
    (lambda: wo.train_fasttext(_TOY, progress=False, seed=-1), "seed"),
    (lambda: wo.train_fasttext(_TOY, progress=False, min_n="3"), "min_n"),
    (lambda: wo.train_fasttext(_TOY, progress=False), "min_count"),   # 5: no word is that common
    (lambda: wo.train_fasttext(["the dog runs"], progress=False, min_count=1), "sentences"),
    (lambda: wo.course_fasttext("wiki", progress=False), "corpus"),
    (lambda: wo.course_fasttext("toy", progress=False, workers=2), "workers"),
    (lambda: wo.course_fasttext("toy", progress=False, bucket=0), "bucket"),
    (lambda: wo.course_fasttext("toy", progress=False, seed=1.5), "seed"),
    (lambda: wo.axis_neighbours(small_space(), "he", k=0), "k"),
    (lambda: wo.axis_neighbours(small_space(), "he", k=2.0), "k"),
    (lambda: small_space().row(5), "word"),
    (lambda: wo.WordSpace.from_vectors(["a", "b"], np.ones((3, 2))), "matrix"),
])
def test_word_vector_origins_refuses_bad_input(call, argument):
    _refused(call, argument)
