"""The bad-input battery: what a careless learner types, against every public compute helper.

Each case calls one helper with one bad argument and asserts two things:
* the error is the course's own (`CourseError` or a subclass), never a raw TypeError, KeyError
  or a library's message;
* its message names the argument (so the learner knows what to change) and is one line.

Cases are grouped by category (the test id starts with it) so the counts can be reported:
numbers, seeds, text, token lists, arrays, settings, choices, files.
"""
from __future__ import annotations

import math
import re

import numpy as np
import pytest
import torch

from helpers import (data, embedding_layer as el, evaluation, feature_table, initialization as init,
                     language_models as lm, memory, one_hot, projection, sgns, subwords, tokens,
                     transfer, validation, vectors, word2vec as w2v)
from helpers.errors import CourseError

TOY = [["the", "cat", "sat", "on", "the", "mat"], ["the", "dog", "ran", "to", "the", "cat"]] * 3
SCHEME = "normal(0, 1)"
M = np.eye(4)

# ----------------------------------------------------------------------------- bad values
NOT_WHOLE = [None, "abc", "10", 2.5, 4.0, True, float("nan"), [3], np.float64(3.0)]
NOT_NUMBER = [None, "abc", True, float("nan"), float("inf"), [1.0], {"x": 1}]
BAD_SEEDS = [-1, 2 ** 32, 2 ** 70, "abc", 1.5, None, True]
NOT_TEXT = [None, 42, "", "   ", ["a", "b"], b"bytes", 3.5]
NOT_TOKEN_LIST = ["the cat sat", None, 42, [], ["dog", ""], ["dog", 3], [None]]
NOT_CORPUS = [["the cat sat", "a dog ran"], "one string", None, 42, [], [[]], [["ok"], "bad"],
              [["a", 3]], [None]]
NOT_MATRIX = [None, "abc", [[1, 2], [3]], [["a", "b"]], np.full((3, 3), np.nan),
              np.array([[1.0, np.inf], [0.0, 1.0]]), np.zeros(3)]
NOT_FLAG = [None, "yes", 1, 0, "True"]

CASES = []


def add(category: str, function: str, argument: str, call, values, pattern: str | None = None):
    """One case per bad value: `call(value)` must raise a CourseError naming `pattern`."""
    for value in values:
        label = validation.shown(value).replace(" ", "")[:24]
        CASES.append(pytest.param(call, value, pattern or re.escape(argument),
                                  id=f"{category}-{function}-{argument}-{label}"))


# ----------------------------------------------------------------------------- numbers
add("numbers", "one_hot", "size", lambda v: one_hot.one_hot([1], v), NOT_WHOLE + [0, -3, 10**9])
add("numbers", "sparsity", "size", one_hot.sparsity, NOT_WHOLE + [0])
add("numbers", "memory_report", "rows", lambda v: one_hot.memory_report(10, v),
    [v for v in NOT_WHOLE if v is not None] + [0])
add("numbers", "format_bytes", "n", one_hot.format_bytes, [None, "abc", -5, float("nan")])
add("numbers", "pick_row", "token_id", lambda v: one_hot.pick_row(v, M), NOT_WHOLE + [-1, 4])
add("numbers", "table_size", "vocab_size", lambda v: el.table_size(v, 8), NOT_WHOLE + [0, 10**12],
    "vocab")
add("numbers", "table_size", "dim", lambda v: el.table_size(100, v), NOT_WHOLE + [0], "dim")
add("numbers", "lookup_equivalence", "dim", lambda v: el.lookup_equivalence([1], 10, v),
    [0, 2.5, "4", 10**6], "dim")
add("numbers", "padding_demo", "padding_idx", lambda v: el.padding_demo([1], 6, 3, v),
    [-1, 6, 2.5, "0", None])
add("numbers", "measure_lookup_vs_matmul", "repeats",
    lambda v: el.measure_lookup_vs_matmul(100, 8, 4, v), [0, 2.5, 10**6])
add("numbers", "init_embedding_weight", "vocab_size",
    lambda v: init.init_embedding_weight(SCHEME, v, 4), NOT_WHOLE + [0], "vocab_size")
add("numbers", "init_embedding_weight", "dim", lambda v: init.init_embedding_weight(SCHEME, 10, v),
    [np.float32(4), 0, -2, "4"])
add("numbers", "init_rows", "rows", lambda v: init.init_rows(SCHEME, 100, 4, rows=v),
    [0, 2.5, None, "10"])
add("numbers", "table_statistics", "bins", lambda v: init.table_statistics(SCHEME, 100, 4, bins=v),
    [0, 2.5, 10**7, None])
add("numbers", "table_statistics", "rows", lambda v: init.table_statistics(SCHEME, 100, 4, rows=v),
    [0, 1, None])
add("numbers", "train_tiny_model", "steps", lambda v: init.train_tiny_model(SCHEME, steps=v),
    [-1, 10**6, 2.5, "5"])
add("numbers", "train_tiny_model", "lr", lambda v: init.train_tiny_model(SCHEME, steps=1, lr=v),
    NOT_NUMBER + [0, -0.1, 1e6])
add("numbers", "Word2VecSettings", "vector_size",
    lambda v: w2v.Word2VecSettings(vector_size=v).validate(), NOT_WHOLE + [0, 10**7])
add("numbers", "Word2VecSettings", "window", lambda v: w2v.Word2VecSettings(window=v).validate(),
    [0, 21, 2.5, None])
add("numbers", "Word2VecSettings", "epochs", lambda v: w2v.Word2VecSettings(epochs=v).validate(),
    [0, 101, "5"])
add("numbers", "Word2VecSettings", "min_count",
    lambda v: w2v.Word2VecSettings(min_count=v).validate(), [0, 1.5])
add("numbers", "Word2VecSettings", "negative",
    lambda v: w2v.Word2VecSettings(negative=v).validate(),
    [0, 31, -1])
add("numbers", "Word2VecSettings", "sample", lambda v: w2v.Word2VecSettings(sample=v).validate(),
    [-0.1, 1.0, 5, "1e-3", None, float("nan")])
add("numbers", "train_word2vec", "vector_size", lambda v: w2v.train_word2vec(TOY, vector_size=v,
                                                                          progress=False),
    [0, np.float64(10), "10"])
add("numbers", "context_pairs", "window", lambda v: w2v.context_pairs(["a", "b"], v),
    [0, 21, 2.5, None, "2"])
add("numbers", "vocabulary_size", "min_count", lambda v: w2v.vocabulary_size(TOY, v), [0, 2.5])
add("numbers", "train_fast", "dim", lambda v: sgns.train_fast(TOY, dim=v, progress=False),
    [0, 10**5, 2.5, None], "dim")
add("numbers", "train_fast", "window", lambda v: sgns.train_fast(TOY, window=v, progress=False),
    [0, 21, "2"])
add("numbers", "train_fast", "negatives",
    lambda v: sgns.train_fast(TOY, negatives=v, progress=False), [0, 51, 1.5])
add("numbers", "train_fast", "epochs", lambda v: sgns.train_fast(TOY, epochs=v, progress=False),
    [0, 1000, None])
add("numbers", "train_fast", "batch_size",
    lambda v: sgns.train_fast(TOY, batch_size=v, progress=False), [0, -5, 2.5])
add("numbers", "train_fast", "threads", lambda v: sgns.train_fast(TOY, threads=v, progress=False),
    [0, 1000])
add("numbers", "train_fast", "lr", lambda v: sgns.train_fast(TOY, lr=v, progress=False),
    NOT_NUMBER + [0, -1, 1e4], r"lr|learning rate")
add("numbers", "train_fast", "sample", lambda v: sgns.train_fast(TOY, sample=v, progress=False),
    [-0.5, 1.0, "x"])
add("numbers", "train_fast", "min_count",
    lambda v: sgns.train_fast(TOY, min_count=v, progress=False), [0, 1.5])
add("numbers", "train_readable", "lr", lambda v: sgns.train_readable(TOY, lr=v),
    [0, -1, float("nan"), "0.1"], r"lr|learning rate")
add("numbers", "train_readable", "batch_size", lambda v: sgns.train_readable(TOY, batch_size=v),
    [0, 2.5])
add("numbers", "top_k", "k", lambda v: transfer.top_k(M[:1], M, v), [0, 5, 2.5, None, True])
add("numbers", "time_search", "dim", lambda v: transfer.time_search([10], dim=v),
    [0, 600_000, 2.5])
add("numbers", "time_search", "queries", lambda v: transfer.time_search([10], queries=v),
    [0, "3"])
add("numbers", "time_search", "sizes", lambda v: transfer.time_search(v), [[1], [3_000_000],
                                                                          [2.5], None, "100"])
add("numbers", "sliding_windows", "context", lambda v: lm.sliding_windows(range(20), v),
    [0, 2.5, 10**6, None])
add("numbers", "sliding_windows", "stride", lambda v: lm.sliding_windows(range(20), 4, v),
    [0, 2.5])
add("numbers", "sinusoidal_encoding", "dim", lambda v: lm.sinusoidal_encoding(10, v),
    [0, 3, 2.5, 10**6])
add("numbers", "sinusoidal_encoding", "positions", lambda v: lm.sinusoidal_encoding(v, 8),
    [0, -1, "10"])
add("numbers", "gpt_input_module", "vocab_size", lambda v: lm.gpt_input_module(v, 8, 4),
    [0, 2.5])
add("numbers", "train_bpe", "vocab_size", subwords.train_bpe, [0, 10, 10**7, 2.5, "100"])
add("numbers", "train_bpe", "max_sentences", lambda v: subwords.train_bpe(200, v), [0, 2.5, "10"])
add("numbers", "hand_labelling_cost", "words",
    lambda v: feature_table.hand_labelling_cost(v, 5), [0, 2.5, None])
add("numbers", "hand_labelling_cost", "seconds_per_value",
    lambda v: feature_table.hand_labelling_cost(10, 5, v), [0, -1, "5", float("nan")])
add("numbers", "pca", "dims", lambda v: projection.pca(np.random.default_rng(0).random((6, 4)), v),
    [1, 4, 2.5, "2"])
add("numbers", "tsne", "max_iter",
    lambda v: projection.tsne(np.random.default_rng(0).random((6, 4)), 2, max_iter=v,
                              progress=False), [10, 2.5, None])
add("numbers", "tsne", "perplexity",
    lambda v: projection.tsne(np.random.default_rng(0).random((6, 4)), 2, perplexity=v,
                              progress=False), [0, 100, "5"])
add("numbers", "set_memory_budget", "budget", memory.set_memory_budget,
    ["lots", -1, "0 GB", float("nan"), [1]])
add("numbers", "analogy_score", "batch",
    lambda v: evaluation.analogy_score([], {"a": 0}, M, batch=v), [0, 2.5])

# ----------------------------------------------------------------------------- seeds
add("seeds", "Word2VecSettings", "seed", lambda v: w2v.Word2VecSettings(seed=v).validate(),
    BAD_SEEDS)
add("seeds", "train_fast", "seed", lambda v: sgns.train_fast(TOY, seed=v, progress=False),
    BAD_SEEDS)
add("seeds", "train_readable", "seed", lambda v: sgns.train_readable(TOY, seed=v), BAD_SEEDS)
add("seeds", "lookup_equivalence", "seed", lambda v: el.lookup_equivalence([1], 10, 4, v),
    BAD_SEEDS)
add("seeds", "init_rows", "seed", lambda v: init.init_rows(SCHEME, 100, 4, seed=v), BAD_SEEDS)
add("seeds", "train_tiny_model", "seed", lambda v: init.train_tiny_model(SCHEME, 1, seed=v),
    BAD_SEEDS[:4])
add("seeds", "Vocabulary", "seed", lambda v: tokens.Vocabulary(["a"], order="shuffled", seed=v),
    BAD_SEEDS[:4])
add("seeds", "time_search", "seed", lambda v: transfer.time_search([10], seed=v), BAD_SEEDS[:3])
add("seeds", "tsne", "random_state",
    lambda v: projection.tsne(np.random.default_rng(0).random((6, 4)), 2, random_state=v,
                              progress=False), BAD_SEEDS[:3])

# ----------------------------------------------------------------------------- text
add("text", "tokenize", "text", tokens.tokenize, NOT_TEXT)
add("text", "check_text", "text", subwords.check_text, NOT_TEXT + ["x" * 5_000])
add("text", "encode", "text", lambda v: subwords.encode(subwords.load_wordpiece(), v),
    NOT_TEXT)
add("text", "sentence_vectors", "texts", transfer.sentence_vectors,
    ["one string", [], [""], [42], None, ["a, " * 300]])
add("text", "Vocabulary.from_texts", "texts", tokens.Vocabulary.from_texts,
    [[42], [""], None, []])
add("text", "load_embedding_table", "name", lm.load_embedding_table, [None, "", 42])
add("text", "load_online_vectors", "name", lambda v: w2v.load_online_vectors(v, online=False),
    [None, "", 42])

# ----------------------------------------------------------------------------- token lists
add("tokens", "train_word2vec", "sentences", lambda v: w2v.train_word2vec(v, progress=False),
    NOT_CORPUS)
add("tokens", "train_fast", "sentences", lambda v: sgns.train_fast(v, progress=False), NOT_CORPUS)
add("tokens", "train_readable", "sentences", sgns.train_readable, NOT_CORPUS)
add("tokens", "build_vocabulary", "sentences", sgns.build_vocabulary, NOT_CORPUS[:5])
add("tokens", "vocabulary_size", "sentences", lambda v: w2v.vocabulary_size(v, 1), NOT_CORPUS[:5])
add("tokens", "Vocabulary.from_sentences", "sentences", tokens.Vocabulary.from_sentences,
    NOT_CORPUS[:5])
add("tokens", "context_pairs", "tokens", w2v.context_pairs, NOT_TOKEN_LIST)
add("tokens", "Vocabulary", "tokens", tokens.Vocabulary, NOT_TOKEN_LIST)
add("tokens", "words_to_ids", "tokens", lambda v: el.words_to_ids(v, {"dog": 0}),
    NOT_TOKEN_LIST)
add("tokens", "pieces_per_word", "words",
    lambda v: subwords.pieces_per_word(subwords.load_wordpiece(), v), NOT_TOKEN_LIST)
add("tokens", "decode", "ids", lambda v: tokens.Vocabulary(["dog"]).decode(v),
    ["1 2", 5, None, [1.5], ["dog"], [99], [-1]], r"ids|ID")
add("tokens", "lookup_equivalence", "ids", lambda v: el.lookup_equivalence(v, 10, 4),
    ["3 4", None, [], [1.5], [10], [-1], 3], r"ids|ID")
add("tokens", "one_hot", "ids", lambda v: one_hot.one_hot(v, 5), ["fox", [], [1.5], [7], [-1]],
    r"ids?|IDs?")
add("tokens", "sliding_windows", "ids", lambda v: lm.sliding_windows(v, 2),
    [None, "abc", [[1, 2], [3, 4]], [1.5, 2.5, 3.5], 7])
add("tokens", "train_fast", "snapshot_words",
    lambda v: sgns.train_fast(TOY, snapshot_words=v, min_count=1, epochs=1, progress=False),
    ["cat", [3]])

# ----------------------------------------------------------------------------- arrays
add("arrays", "cosine_similarity", "a", lambda v: vectors.cosine_similarity(v, [1.0, 0.0]),
    [None, "ab", [np.nan, 1.0], [0.0, 0.0], [[1.0, 0.0]], [1.0, np.inf]])
add("arrays", "cosine_similarity", "b", lambda v: vectors.cosine_similarity([1.0, 0.0], v),
    [None, [0.0, 0.0], [1.0, 2.0, 3.0], [np.nan, 0.0]], r"\bb\b")
add("arrays", "cosine_similarity_matrix", "matrix", vectors.cosine_similarity_matrix,
    NOT_MATRIX + [np.zeros((0, 3)), np.array([[0.0, 0.0], [1.0, 0.0]])])
add("arrays", "pairwise_cosines", "vectors", one_hot.pairwise_cosines, NOT_MATRIX)
add("arrays", "pairwise_distances", "vectors", one_hot.pairwise_distances, NOT_MATRIX)
add("arrays", "nearest_neighbors", "matrix",
    lambda v: vectors.nearest_neighbors("a", ["a", "b", "c"], v), NOT_MATRIX + [np.eye(2)])
add("arrays", "nearest_neighbors", "k",
    lambda v: vectors.nearest_neighbors("a", ["a", "b"], np.eye(2), v), [0, 2.5, None, "3"])
add("arrays", "top_k", "collection", lambda v: transfer.top_k(M[:1], v), NOT_MATRIX[:6])
add("arrays", "top_k", "queries", lambda v: transfer.top_k(v, M, 1),
    [None, "q", [[np.nan] * 4], np.zeros((1, 4))])
add("arrays", "pca", "matrix", projection.pca, NOT_MATRIX)
add("arrays", "project_2d", "vectors", lm.project_2d, NOT_MATRIX)
add("arrays", "pretrained_embedding", "matrix", lambda v: el.pretrained_embedding(["a", "b"], v),
    [None, "m", np.full((2, 3), np.nan), np.zeros((3, 3))], r"matrix|row per word")
add("arrays", "evaluate_vectors", "matrix",
    lambda v: evaluation.evaluate_vectors(["a", "b"], v, analogies=False),
    [None, np.full((2, 3), np.nan), np.zeros((3, 3)), "m"], r"matrix")
add("arrays", "save_vectors", "matrix", lambda v: w2v.save_vectors(["a"], v, "/tmp/never.npz"),
    [None, np.full((1, 3), np.nan), np.zeros((2, 3))], r"matrix")
add("arrays", "pairwise_cosines(init)", "weight", init.pairwise_cosines,
    [None, "w", np.zeros(3), [[1, 2], [3]]])

# ----------------------------------------------------------------------------- settings/choices
add("settings", "train_word2vec", "settings",
    lambda v: w2v.train_word2vec(TOY, settings=v, progress=False),
    ["fast", 5, ["epochs", 5], {"colour": 1}])
add("settings", "train_word2vec", "colour (unknown keyword)",
    lambda v: w2v.train_word2vec(TOY, progress=False, **{v: 1}), ["colour", "epoch", "dims"],
    r"unknown Word2Vec setting")
add("settings", "train_fast", "settings", lambda v: sgns.train_fast(TOY, settings=v),
    ["fast", 3, {"speed": 2}])
add("settings", "train_fast", "unknown keyword",
    lambda v: sgns.train_fast(TOY, progress=False, **{v: 1}), ["nonsense", "dims", "epoch"],
    r"unknown setting")
add("settings", "course_vectors", "corpus", lambda v: w2v.course_vectors(v), ["wiki", 3, None])
add("settings", "course_vectors", "unknown keyword", lambda v: w2v.course_vectors("toy", **{v: 1}),
    ["colour", "dims"], r"unknown Word2Vec setting")
add("choices", "Vocabulary", "order", lambda v: tokens.Vocabulary(["a"], order=v),
    ["random", None, 3, ""])
add("choices", "context_pairs", "mode", lambda v: w2v.context_pairs(["a", "b"], 1, v),
    ["glove", None, 3])
add("choices", "project", "method", lambda v: projection.project(np.eye(5), v),
    ["umap", None, 3])
add("choices", "init_embedding_weight", "scheme", lambda v: init.init_embedding_weight(v, 10, 4),
    ["he", None, 3, ""], r"scheme|initialization")
add("choices", "create_embedding", "dtype", lambda v: el.create_embedding(10, 4, v),
    ["float64", "int", None])
add("choices", "train_classifier", "mode",
    lambda v: transfer.train_classifier(None, [0, 1], [0], [1], v), ["fast", None])
add("choices", "cosine_similarity", "zero_vectors",
    lambda v: vectors.cosine_similarity([1, 0], [0, 1], zero_vectors=v), ["zero", None, 0])
add("flags", "create_embedding", "allow_over_1gb",
    lambda v: el.create_embedding(10, 4, allow_over_1gb=v), NOT_FLAG)
add("flags", "pretrained_embedding", "freeze",
    lambda v: el.pretrained_embedding(["a"], [[1.0]], freeze=v), NOT_FLAG)
add("flags", "load_embedding_table", "online", lambda v: lm.load_embedding_table("minilm", v),
    NOT_FLAG)
add("flags", "top_k", "normalized", lambda v: transfer.top_k(M[:1], M, 1, normalized=v),
    NOT_FLAG)

# ----------------------------------------------------------------------------- files
add("files", "load_text_corpus", "path", data.load_text_corpus,
    ["", "   ", None, 42, "/no/such/file.txt", "."])
add("files", "load_feature_table", "path", feature_table.load_feature_table,
    ["", 42, "/no/such/table.csv"])
add("files", "load_vectors", "path", w2v.load_vectors, ["", None, "/no/such/vectors.npz"])
add("files", "export_vectors", "path",
    lambda v: w2v.export_vectors(_tiny_model(), v), ["vectors.txt", 3, ""])


_MODEL = {}


def _tiny_model():
    if "m" not in _MODEL:
        _MODEL["m"] = w2v.train_word2vec(TOY, vector_size=4, min_count=1, epochs=1, progress=False)
    return _MODEL["m"]


@pytest.mark.parametrize("call, value, argument", CASES)
def test_bad_input_is_one_sentence_naming_the_argument(call, value, argument):
    memory.set_memory_budget(None)
    try:
        with pytest.raises(CourseError) as caught:
            call(value)
    finally:
        memory.set_memory_budget(None)
    message = str(caught.value)
    assert re.search(argument, message), f"message does not name {argument!r}: {message}"
    assert "\n" not in message and len(message) < 600, message


def test_the_battery_is_big_enough():
    assert len(CASES) >= 300


def test_numpy_and_torch_whole_numbers_are_accepted():
    assert one_hot.one_hot([1], np.int64(3)).shape == (1, 3)
    assert one_hot.one_hot([1], torch.tensor(3)).shape == (1, 3)
    assert el.table_size(np.int32(10), np.int64(4))["parameters"] == 40
    assert init.init_embedding_weight(SCHEME, np.int64(10), np.int16(4)).shape == (10, 4)
    assert tokens.Vocabulary(["dog"]).decode([np.int64(2), torch.tensor(1)]) == ["dog", "<unk>"]
    assert validation.seed(np.uint32(2 ** 32 - 1)) == 2 ** 32 - 1
    assert validation.number(np.float32(0.5), "x") == 0.5 and validation.number(3, "x") == 3.0


def test_a_list_of_strings_is_refused_with_the_fix():
    with pytest.raises(CourseError, match=re.escape("[s.split() for s in texts]")):
        w2v.train_word2vec(["the cat sat", "a dog ran"], progress=False)


def test_messages_say_what_was_given():
    with pytest.raises(CourseError, match=r"got 2\.5"):
        el.table_size(2.5, 4)
    with pytest.raises(CourseError, match=r"write 4 without the decimal point"):
        el.table_size(4.0, 4)
    with pytest.raises(CourseError, match=r"without quotes"):
        el.table_size("10", 4)
    with pytest.raises(CourseError, match=r"settings must be a Word2VecSettings.*'fast'"):
        w2v.train_word2vec(TOY, settings="fast", progress=False)


def test_minilm_by_any_spelling():
    assert lm.load_embedding_table("MiniLM").shape == lm.load_embedding_table("minilm").shape
    assert lm.load_embedding_table(" all-MiniLM-L6-v2 ").name == "MiniLM"


def test_own_missing_file_is_not_blamed_on_the_repository(tmp_path):
    with pytest.raises(CourseError) as caught:
        data.load_text_corpus(tmp_path / "my_corpus.txt")
    assert "git checkout" not in str(caught.value) and "file name and folder" in str(caught.value)
    with pytest.raises(CourseError, match="path is empty"):
        data.load_text_corpus("")


def test_zero_vectors_and_nan_are_never_a_similarity():
    with pytest.raises(CourseError, match="undefined"):
        vectors.cosine_similarity([0, 0], [1, 1])
    assert math.isnan(vectors.cosine_similarity([0, 0], [1, 1], zero_vectors="nan"))
    with pytest.raises(CourseError, match="NaN"):
        vectors.cosine_similarity([np.nan, 1], [1, 1])
    table = vectors.cosine_similarity_matrix([[1.0, 0.0], [0.0, 0.0], [1.0, 1.0]],
                                             zero_vectors="nan")
    assert np.isnan(table[1]).all() and np.isnan(table[:, 1]).all()
    assert table[0, 2] == pytest.approx(1 / math.sqrt(2))
    # a zero row is never anybody's neighbour
    found = vectors.nearest_neighbors("a", ["a", "b", "c"], [[1.0, 0.0], [0.0, 0.0], [0.0, 1.0]], 2)
    assert [w for w, _ in found] == ["c"]


# ----------------------------------------------------------------------------- checkers
JUNK_ANSWERS = ["", "abc", -1, 2.5, float("nan"), [], [[]], {}, object(), None, Ellipsis,
                lambda *args: None, np.zeros((3, 3)), torch.zeros(2)]


def _all_exercises():
    import importlib
    import pkgutil

    import helpers.checks
    from helpers.exercises import Exercise

    found = []
    for info in pkgutil.iter_modules(helpers.checks.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"helpers.checks.{info.name}")
        found += [pytest.param(value, id=f"{info.name}.{name}")
                  for name, value in sorted(vars(module).items()) if isinstance(value, Exercise)]
    return found


@pytest.mark.parametrize("exercise", _all_exercises())
def test_checkers_answer_any_junk_with_a_message(exercise):
    from helpers.exercises import Message

    for answer in JUNK_ANSWERS:
        message = exercise.check(answer)
        assert isinstance(message, Message) and message.kind in ("wrong", "blank"), \
            (answer, message)
