"""Each exercise of notebook 04: the right answer passes, typical wrong answers explain why."""
from __future__ import annotations

from helpers import ____
from helpers.checks import word2vec_gensim as ex


def test_q1_pairs():
    assert ex.q1.check(14).correct
    assert ex.q1.check(14.0).correct
    wrong = ex.q1.check(20)
    assert wrong.kind == "wrong" and "edges" in wrong.text
    assert "both directions" in ex.q1.check(7).text
    assert "whole number" in ex.q1.check("many").text
    assert ex.q1.check(____).kind == "blank"


def test_q2_window():
    assert ex.q2.check(4).correct
    assert "'lazy' is at position 7" in ex.q2.check(3).text
    assert "smaller one" in ex.q2.check(5).text


def test_q3_benchmark():
    assert ex.q3.check("WordSim353").correct
    assert ex.q3.check(" wordsim-353 ").correct
    assert "similarity" in ex.q3.check("SimLex-999").text
    assert "string" in ex.q3.check(353).text


def test_q4_min_count():
    from helpers.data import load_bundled_corpus
    from helpers.word2vec import vocabulary_size

    corpus = load_bundled_corpus()
    right = vocabulary_size(corpus, 20)
    assert ex.q4.check(right).correct
    assert "default min_count=5" in ex.q4.check(vocabulary_size(corpus, 5)).text
    assert "too many" in ex.q4.check(right + 1).text
    assert "too few" in ex.q4.check(vocabulary_size(corpus, 21)).text


def test_every_exercise_has_hints_and_solution():
    for q in (ex.q1, ex.q2, ex.q3, ex.q4):
        assert q.hints and q.solution().code
