"""Exercises of notebook 01: the right answer passes, typical wrong answers get a helpful reason."""
from helpers.checks import tokens_and_ids as ex
from helpers.exercises import ____


def test_q1_fox_id():
    assert ex.q1.check(4).correct
    wrong = ex.q1.check(2)
    assert not wrong.correct and "<pad>" in wrong.text
    assert "whole number" in ex.q1.check("4").text
    assert ex.q1.check(____).kind == "blank"


def test_q2_encode():
    assert ex.q2.check([7, 2, 3, 6, 1, 4, 1]).correct
    assert "lower-cases" in ex.q2.check([1, 2, 3, 6, 1, 4, 1]).text
    assert "7 tokens" in ex.q2.check([7, 2, 3, 6, 1, 4]).text
    assert "<unk>" in ex.q2.check([7, 2, 3, 6, 0, 4, 0]).text
    assert not ex.q2.check("7 2 3").correct


def test_q3_ids_are_not_meaning():
    assert ex.q3.check("b").correct and ex.q3.check(" B ").correct
    assert "alphabetical" in ex.q3.check("a").text
    assert "frequent" in ex.q3.check("c").text or "often" in ex.q3.check("c").text
    assert not ex.q3.check(2).correct


def test_q4_reversed_id():
    assert ex.q4.check(5).correct
    assert "sorted vocabulary" in ex.q4.check(4).text
    assert not ex.q4.check(3).correct


def test_hints_and_solutions_exist():
    for q in (ex.q1, ex.q2, ex.q3, ex.q4):
        assert len(q.hints) >= 2 and q.solution().code
