"""Each exercise of notebook 05 (Word2Vec on a real corpus): right answers in every form pass,
typical wrong answers and wrong implementations fail with the bug class named."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from helpers import ____
from helpers.checks import word2vec_gensim as ex


# --------------------------------------------------------------------------- q1: code
def reference(word, words, matrix, k):
    unit = matrix / np.linalg.norm(matrix, axis=1, keepdims=True)
    i = words.index(word)
    cosines = unit @ unit[i]
    order = [j for j in np.argsort(-cosines) if j != i]
    return [words[j] for j in order[:k]]


def with_scores(word, words, matrix, k):
    unit = matrix / np.linalg.norm(matrix, axis=1, keepdims=True)
    i = words.index(word)
    cosines = unit @ unit[i]
    return [(words[j], float(cosines[j])) for j in np.argsort(-cosines) if j != i][:k]


def torch_version(word, words, matrix, k):
    t = torch.nn.functional.normalize(torch.as_tensor(matrix), dim=1)
    i = words.index(word)
    scores = t @ t[i]
    scores[i] = -2
    return [words[j] for j in scores.topk(k).indices.tolist()]


def test_q1_reference_and_other_correct_styles_pass():
    for right in (reference, ex.reference_nearest, with_scores, torch_version):
        assert ex.q1.check(right).correct, right.__name__


def includes_itself(word, words, matrix, k):
    unit = matrix / np.linalg.norm(matrix, axis=1, keepdims=True)
    cosines = unit @ unit[words.index(word)]
    return [words[j] for j in np.argsort(-cosines)[:k]]


def ascending(word, words, matrix, k):
    unit = matrix / np.linalg.norm(matrix, axis=1, keepdims=True)
    i = words.index(word)
    cosines = unit @ unit[i]
    return [words[j] for j in np.argsort(cosines) if j != i][:k]


def dot_product(word, words, matrix, k):
    i = words.index(word)
    dots = matrix @ matrix[i]
    return [words[j] for j in np.argsort(-dots) if j != i][:k]


def indices(word, words, matrix, k):
    unit = matrix / np.linalg.norm(matrix, axis=1, keepdims=True)
    i = words.index(word)
    return [int(j) for j in np.argsort(-(unit @ unit[i])) if j != i][:k]


def one_too_many(word, words, matrix, k):
    return reference(word, words, matrix, k + 1)


@pytest.mark.parametrize("wrong, says", [
    (includes_itself, "off-by-one: the word itself"),
    (ascending, "sign:"),
    (dot_product, "scale: ranked by dot product"),
    (indices, "not their row numbers"),
    (one_too_many, "expected k ="),
    (lambda word, words, matrix, k: "w1", "return a list of k words"),
    (lambda word, words, matrix, k: words[k], "return a list of k words"),
    (lambda word, words, matrix, k: 1 / 0, "raised ZeroDivisionError"),
])
def test_q1_typical_wrong_implementations_fail_naming_the_bug(wrong, says):
    message = ex.q1.check(wrong)
    assert message.kind == "wrong" and says in message.text, message.text


def test_q1_blank_body():
    def my_nearest(word, words, matrix, k):
        ____

    assert ex.q1.check(my_nearest).kind == "blank"
    assert ex.q1.check(____).kind == "blank"


def test_q1_matches_the_course_neighbours_on_a_trained_table():
    from helpers.data import load_toy_corpus
    from helpers.word2vec import neighbours, train_word2vec, word_vectors

    model = train_word2vec(load_toy_corpus(), vector_size=20, window=3, epochs=3, min_count=1,
                           progress=False)
    words, matrix = word_vectors(model)
    assert ex.reference_nearest("dog", words, matrix, 5) == [w for w, _ in neighbours(model, "dog", 5)]


# --------------------------------------------------------------------------- q2: benchmark
@pytest.mark.parametrize("answer", ["WordSim353", " wordsim-353 ", "WS353", "wordsim"])
def test_q2_benchmark_right(answer):
    assert ex.q2.check(answer).correct


@pytest.mark.parametrize("answer, says", [("SimLex-999", "similarity"), (353, "string"),
                                          (["WordSim353"], "string"), ("GloVe", "answer")])
def test_q2_benchmark_wrong(answer, says):
    message = ex.q2.check(answer)
    assert not message.correct and says in message.text


# --------------------------------------------------------------------------- q3: min_count
@pytest.fixture(scope="module")
def vocabulary_at():
    from helpers.data import load_bundled_corpus
    from helpers.word2vec import vocabulary_size

    corpus = load_bundled_corpus()
    return lambda min_count: vocabulary_size(corpus, min_count)


def test_q3_min_count_right_in_every_form(vocabulary_at):
    right = vocabulary_at(20)
    for answer in (right, float(right), np.int64(right), np.array([right]), torch.tensor(right),
                   torch.tensor([float(right)])):
        assert ex.q3.check(answer).correct, repr(answer)


def test_q3_min_count_wrong_answers(vocabulary_at):
    right = vocabulary_at(20)
    assert "default min_count=5" in ex.q3.check(vocabulary_at(5)).text
    assert "too many" in ex.q3.check(right + 1).text
    assert "too few" in ex.q3.check(vocabulary_at(21)).text
    assert "whole number" in ex.q3.check(right + 0.9).text
    assert "remove the quotes" in ex.q3.check(str(right)).text


def test_the_numbers_quoted_in_notebooks_04_and_05(vocabulary_at):
    """416 chunks of at most 10,000 tokens, ~511k tokens, 9,733 words at min_count 5."""
    from helpers.data import corpus_summary, load_bundled_corpus

    corpus = load_bundled_corpus()
    summary = corpus_summary(corpus)
    assert summary["sentences"] == 416 and max(len(s) for s in corpus) <= 10_000
    assert 505_000 < summary["tokens"] < 515_000
    assert vocabulary_at(5) == 9_733
