"""Tests of helpers.word2vec (context windows, training, queries, export, online fallback) and
of the compute side of helpers.word2vec_views."""
from __future__ import annotations

import numpy as np
import pytest

from helpers.errors import CourseError, UnknownWordError
from helpers import word2vec as w2v


@pytest.fixture(scope="module")
def toy():
    from helpers.data import load_toy_corpus

    return load_toy_corpus()


@pytest.fixture(scope="module")
def toy_model(toy):
    return w2v.train_word2vec(toy, progress=False, vector_size=20, window=3, epochs=10,
                              min_count=1)


# ------------------------------------------------------------------ context windows
def test_context_pairs_skipgram_small():
    assert w2v.context_pairs(["the", "cat", "sat"], window=1) == [
        ("the", "cat"), ("cat", "the"), ("cat", "sat"), ("sat", "cat")]


def test_context_pairs_count_and_symmetry():
    tokens = "the quick brown fox jumps over the lazy dog".split()
    for window in range(1, 9):
        pairs = w2v.context_pairs(tokens, window)
        expected = sum(min(len(tokens) - 1, i + window) - max(0, i - window)
                       for i in range(len(tokens)))
        assert len(pairs) == expected
        assert sorted(pairs) == sorted((b, a) for a, b in pairs)  # every pair both ways
    assert len(w2v.context_pairs(tokens, 20)) == len(tokens) * (len(tokens) - 1)


def test_context_pairs_cbow():
    assert w2v.context_pairs(["the", "cat", "sat"], 1, mode="cbow") == [
        (("cat",), "the"), (("the", "sat"), "cat"), (("cat",), "sat")]
    assert w2v.context_pairs(["alone"], 2, mode="CBOW") == []
    assert w2v.context_pairs(["a", "b"], 1, mode="skipgram") == [("a", "b"), ("b", "a")]


@pytest.mark.parametrize("tokens, window, mode, message", [
    ("the cat sat", 2, "skip-gram", "list of tokens"),
    ([], 2, "skip-gram", "empty"),
    (["a", 3], 2, "skip-gram", "non-empty string"),
    (["a", "b"], 0, "skip-gram", "between 1 and 20"),
    (["a", "b"], 2.5, "skip-gram", "whole number"),
    (["a", "b"], 2, "glove", "'skip-gram' or 'cbow'"),
])
def test_context_pairs_bad_input(tokens, window, mode, message):
    with pytest.raises(CourseError, match=message):
        w2v.context_pairs(tokens, window, mode)


def test_context_positions():
    assert w2v.context_positions(9, 3, 2) == [1, 2, 4, 5]
    assert w2v.context_positions(3, 0, 5) == [1, 2]
    with pytest.raises(CourseError, match="position must be between 0 and 8"):
        w2v.context_positions(9, 9, 2)


# ------------------------------------------------------------------ training
def test_training_is_reproducible_and_logs_epochs(toy):
    calls = []
    a = w2v.train_word2vec(toy, progress=False, vector_size=10, epochs=3, min_count=1,
                           on_epoch=lambda m: calls.append(1) or {"extra": len(calls)})
    b = w2v.train_word2vec(toy, progress=False, vector_size=10, epochs=3, min_count=1)
    assert np.array_equal(a.wv.vectors, b.wv.vectors)
    assert [e["epoch"] for e in a.epoch_log] == [1, 2, 3]
    assert [e["extra"] for e in a.epoch_log] == [1, 2, 3]
    assert all(e["loss"] > 0 for e in a.epoch_log)
    # per-epoch losses add up to gensim's running total
    assert sum(e["loss"] for e in a.epoch_log) == pytest.approx(a.get_latest_training_loss())
    assert a.course_settings.vector_size == 10
    assert "loss" in repr(w2v.epoch_table(a))


def test_training_learns_groups(toy_model):
    near_dog = [w for w, _ in w2v.neighbours(toy_model, "dog", 5)]
    assert set(near_dog) <= {"cat", "fox", "duck", "horse", "cow", "sheep", "rabbit"}
    assert w2v.similarity(toy_model, "dog", "cat") > w2v.similarity(toy_model, "dog", "apple")


def test_untrained_model_starts_random_and_small(toy):
    model = w2v.untrained_model(toy, vector_size=20, min_count=1)
    vectors = model.wv.vectors
    assert vectors.shape[1] == 20 and np.abs(vectors).max() < 1 / 20
    again = w2v.untrained_model(toy, vector_size=20, min_count=1)
    assert np.array_equal(vectors, again.wv.vectors)


def test_train_cached_reuses(toy):
    a = w2v.train_cached(toy, progress=False, vector_size=8, epochs=1, min_count=1)
    b = w2v.train_cached(toy, progress=False, vector_size=8, epochs=1, min_count=1)
    assert a is b and b.reused
    c = w2v.train_cached(toy, progress=False, vector_size=9, epochs=1, min_count=1)
    assert c is not a and not c.reused


@pytest.mark.parametrize("overrides, message", [
    ({"vector_size": 0}, "vector_size must be between 1 and 1000, got 0"),
    ({"vector_size": 10_000_000}, "vector_size must be between 1 and 1000"),
    ({"window": 0}, "window must be between"),
    ({"sg": 2}, "skip-gram"),
    ({"min_count": 10**3}, r"keeps \d word\(s\)"),
    ({"colour": "red"}, "unknown Word2Vec setting"),
])
def test_bad_settings(toy, overrides, message):
    with pytest.raises(CourseError, match=message):
        w2v.train_word2vec(toy[:50], progress=False, **overrides)


def test_bad_corpus():
    with pytest.raises(CourseError, match="not one string"):
        w2v.train_word2vec("just a string", progress=False)
    with pytest.raises(CourseError, match="empty"):
        w2v.train_word2vec([[]], progress=False)


def test_vocabulary_size(toy):
    counts = {}
    for s in toy:
        for word in s:
            counts[word] = counts.get(word, 0) + 1
    assert w2v.vocabulary_size(toy, 1) == len(counts)
    assert w2v.vocabulary_size(toy, 50) == sum(c >= 50 for c in counts.values())


# ------------------------------------------------------------------ queries
def test_unknown_word_message(toy_model):
    with pytest.raises(UnknownWordError) as info:
        w2v.neighbours(toy_model, "doggo")
    message = str(info.value)
    assert message.startswith("'doggo' is not in the vocabulary (")
    assert "closest spellings: dog" in message
    assert not isinstance(info.value, KeyError) or "Traceback" not in message


def test_queries_are_friendly(toy_model):
    assert w2v.known_word(toy_model, " Dog ") == "dog"
    with pytest.raises(CourseError, match="expected a word as text"):
        w2v.similarity(toy_model, "dog", 3)
    with pytest.raises(CourseError, match="k is how many"):
        w2v.neighbours(toy_model, "dog", 0)
    with pytest.raises(CourseError, match="not in the vocabulary"):
        w2v.analogy(toy_model, "dog", "cat", "zzzqqq")
    with pytest.raises(CourseError, match="trained Word2Vec model"):
        w2v.neighbours([1, 2, 3], "dog")


def test_analogy_matches_gensim(toy_model):
    ours = w2v.analogy(toy_model, "dog", "cat", "apple", k=3)
    theirs = toy_model.wv.most_similar(positive=["cat", "apple"], negative=["dog"], topn=3)
    assert [w for w, _ in ours] == [w for w, _ in theirs]
    assert not {"dog", "cat", "apple"} & {w for w, _ in ours}
    table = w2v.neighbours_table(toy_model, ["dog", "apple"], k=3)
    assert len(table.rows) == 2


def test_words_per_second(toy_model):
    assert w2v.words_per_second(toy_model) > 0


# ------------------------------------------------------------------ export
def test_export_round_trip(tmp_path, toy_model):
    path = w2v.export_vectors(toy_model, tmp_path / "toy.npz")
    words, matrix = w2v.load_vectors(path)
    assert words == list(toy_model.wv.index_to_key)
    assert np.array_equal(matrix, toy_model.wv.vectors)
    import torch

    layer = torch.nn.Embedding.from_pretrained(torch.from_numpy(matrix))
    row = words.index("dog")
    assert torch.equal(layer(torch.tensor([row]))[0], torch.tensor(toy_model.wv["dog"]))
    with pytest.raises(CourseError, match=".npz"):
        w2v.export_vectors(toy_model, tmp_path / "toy.txt")


def test_export_default_path_is_course_vectors_cache(tmp_path, monkeypatch, toy):
    monkeypatch.setenv("TOKEN_EMBEDDINGS_CACHE", str(tmp_path))
    model = w2v.train_word2vec(toy, progress=False, vector_size=12, epochs=2, min_count=1)
    path = w2v.export_vectors(model, corpus="toy")
    assert path.parent == tmp_path
    words, matrix = w2v.course_vectors("toy", progress=False, vector_size=12, epochs=2)
    assert np.array_equal(matrix, model.wv.vectors)  # found in the cache, not retrained


# ------------------------------------------------------------------ online, offline
def test_online_loader_falls_back_offline(monkeypatch):
    import gensim.downloader as api

    def no_network(name, return_path=False):
        raise OSError("Network is unreachable")

    monkeypatch.setattr(api, "load", no_network)
    vectors, message = w2v.load_online_vectors("glove-wiki-gigaword-50", timeout=1)
    assert vectors is None
    assert ". " not in message and message.endswith("bundled corpus.")  # one sentence
    assert "glove-wiki-gigaword-50" in message


def test_online_loader_switched_off_does_not_touch_the_network(monkeypatch):
    import gensim.downloader as api

    monkeypatch.setattr(api, "load", lambda *a, **k: pytest.fail("downloaded while switched off"))
    vectors, message = w2v.load_online_vectors("glove-wiki-gigaword-50", online=False)
    assert vectors is None and "ONLINE = True" in message


def test_online_is_requested_only_by_the_environment(monkeypatch):
    from helpers import online_requested

    monkeypatch.delenv("COURSE_ONLINE", raising=False)
    assert online_requested() is False
    monkeypatch.setenv("COURSE_ONLINE", "1")
    assert online_requested() is True


def test_online_loader_success_path(monkeypatch, toy_model):
    import socket

    import gensim.downloader as api

    before = socket.getdefaulttimeout()
    monkeypatch.setattr(api, "load", lambda name, return_path=False: toy_model.wv)
    vectors, message = w2v.load_online_vectors("fake", timeout=1)
    assert vectors is toy_model.wv and message.startswith("Loaded 'fake'")
    assert socket.getdefaulttimeout() == before


# ------------------------------------------------------------------ views (compute side)
def test_window_view_text_and_html():
    from helpers.word2vec_views import window_view

    view = window_view("the quick brown fox jumps", window=1, position=2)
    text = repr(view)
    assert "the (quick) [brown] (fox) jumps" in text
    assert "(brown, quick), (brown, fox)" in text
    assert "makes 8 skip-gram pairs" in text
    assert "<span" in view._repr_html_()
    with pytest.raises(CourseError, match="position must be between 0 and 4"):
        window_view("the quick brown fox jumps", window=1, position=7)
    with pytest.raises(CourseError, match="no words"):
        window_view("123 !!", window=1)


def test_knobs_preview_and_retrain_report(toy):
    from helpers.word2vec_views import _Vocabulary, knobs_preview, retrain_report

    vocabulary = _Vocabulary(toy)
    text = knobs_preview(vocabulary, 10, 2, "CBOW", 1, 1)
    assert text.startswith("CBOW 10-d, window 2, 1 epochs, min_count 1:")
    assert f"{w2v.vocabulary_size(toy, 1):,} words kept" in text
    with pytest.raises(CourseError, match="vector_size must be between"):
        knobs_preview(vocabulary, 0, 2, "CBOW", 1, 1)
    with pytest.raises(CourseError, match=r"keeps \d word"):
        knobs_preview(_Vocabulary(toy[:50]), 10, 2, "CBOW", 1, 1000)
    report = retrain_report(toy, progress=False, vector_size=10, sg=0, epochs=1, min_count=1)
    assert [s.name for s in report.scores] == ["WordSim353", "SimLex-999", "Google analogies"]
    assert "CBOW 10-d" in repr(report.table())
    assert "trained in" in report.timing()
    again = retrain_report(toy, progress=False, vector_size=10, sg=0, epochs=1, min_count=1)
    assert "reused" in again.timing()


def test_search_explorer(toy_model):
    from helpers.word2vec_views import TOY_GROUPS, SearchExplorer, search_view

    explorer = SearchExplorer(toy_model, TOY_GROUPS)
    table, fig = search_view(explorer, "dog", k=4)
    assert len(table.rows) == 4
    names = [trace.name for trace in fig.data]
    assert names[-2:] == ["'dog'", "its neighbours"]
    with pytest.raises(CourseError, match="closest spellings"):
        search_view(explorer, "dgo")


def test_projection_figure_groups(toy_model):
    from helpers.word2vec_views import TOY_GROUPS, group_words, projection_figure

    words, labels = group_words(toy_model, TOY_GROUPS)
    assert len(words) == 24 and labels[0] == "animals"
    fig = projection_figure(toy_model, TOY_GROUPS, "pca", 2)
    assert [t.name for t in fig.data] == ["animals", "fruit", "cities"]
    assert "PC1" in fig.layout.xaxis.title.text
    fig3 = projection_figure(toy_model, TOY_GROUPS, "pca", 3)
    assert fig3.data[0].type == "scatter3d"
    with pytest.raises(CourseError, match="group words"):
        group_words(toy_model, {"none": ["zzz", "qqq"]})


# ------------------------------------------------------------------ widgets (built outside a kernel)
def test_widgets_build_with_css_classes(toy, toy_model, capsys):
    from helpers.word2vec_views import TOY_GROUPS, knobs_widget, search_widget, window_widget

    window = window_widget("the quick brown fox", window=1, position=1)
    assert "course-window-slider" in window._dom_classes
    search = search_widget(toy_model, "dog", groups=TOY_GROUPS)
    assert "course-word-search" in search._dom_classes
    knobs = knobs_widget(toy[:400], w2v.Word2VecSettings(vector_size=8, epochs=1, min_count=1))
    assert "course-knobs-retrain" in knobs._dom_classes
    panel, button, output = knobs.children
    assert "course-knobs" in panel._dom_classes
    controls = panel.children[0].children
    controls[0].value = 2                            # dimension slider at its minimum
    controls[2].value = "CBOW"
    button.click()                                   # retrains: time, table, figure
    assert not button.disabled
    # never displayed: everything stays in the output area (outside a kernel, as text)
    printed = "".join(o.get("text", "") for o in output.outputs)
    assert "trained in" in printed and "CBOW 2-d" in printed
