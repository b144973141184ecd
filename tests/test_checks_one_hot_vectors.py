"""Exercises of notebook 02: the right answer passes, typical wrong answers get a helpful reason."""
import math

import numpy as np
import torch

from helpers.checks import one_hot_vectors as ex
from helpers.one_hot import one_hot


def test_q1_one_hot_vector():
    assert ex.q1.check([0, 0, 0, 1, 0, 0]).correct
    assert ex.q1.check(one_hot([3], 6)).correct
    assert ex.q1.check(torch.nn.functional.one_hot(torch.tensor(3), 6)).correct
    assert "count from 0" in ex.q1.check([0, 0, 1, 0, 0, 0]).text
    assert "6 numbers" in ex.q1.check([0, 0, 0, 1]).text
    assert not ex.q1.check("000100").correct


def test_q2_cosine_zero():
    assert ex.q2.check(0).correct and ex.q2.check(0.0).correct
    assert "different places" in ex.q2.check(1).text
    assert not ex.q2.check("0").correct


def test_q3_distance_sqrt2():
    assert ex.q3.check(math.sqrt(2)).correct and ex.q3.check(1.414).correct
    assert "square root" in ex.q3.check(2).text
    assert "two positions" in ex.q3.check(1).text


def test_q4_bert_bytes():
    assert ex.q4.check(30_522 * 30_522 * 4).correct
    assert "4 bytes" in ex.q4.check(30_522 ** 2).text
    assert "float64" in ex.q4.check(30_522 ** 2 * 8).text
    assert "one row" in ex.q4.check(30_522 * 4).text


def test_q5_row_picking():
    W = np.arange(12, dtype=np.float32).reshape(4, 3)
    assert ex.q5.check(one_hot([2], 4) @ W).correct
    assert ex.q5.check([6, 7, 8]).correct
    assert "row 3" in ex.q5.check(W[3]).text
    assert "one number per column" in ex.q5.check(W).text


def test_hints_and_solutions_exist():
    for q in (ex.q1, ex.q2, ex.q3, ex.q4, ex.q5):
        assert len(q.hints) >= 2 and q.solution().code
