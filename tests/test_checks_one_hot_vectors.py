"""Exercises of notebook 02: right answers in every form pass, typical wrong answers and wrong
implementations fail with a reason (the bug class for the code exercise)."""
import numpy as np
import pytest
import torch

from helpers import ____
from helpers.checks import one_hot_vectors as ex
from helpers.one_hot import one_hot


def test_q1_one_hot_vector():
    assert ex.q1.check([0, 0, 0, 1, 0, 0]).correct
    assert ex.q1.check(one_hot([3], 6)).correct
    assert ex.q1.check(torch.nn.functional.one_hot(torch.tensor(3), 6)).correct
    assert ex.q1.check(np.array([0, 0, 0, 1, 0, 0], dtype=np.int64)).correct
    assert "count from 0" in ex.q1.check([0, 0, 1, 0, 0, 0]).text
    assert "6 numbers" in ex.q1.check([0, 0, 0, 1]).text
    assert not ex.q1.check("000100").correct


# --------------------------------------------------------------------------- q2: code
def reference(ids, V):
    vectors = np.zeros((len(ids), V), dtype=np.float32)
    vectors[np.arange(len(ids)), ids] = 1.0
    return vectors


def loop_version(ids, V):
    rows = []
    for i in ids:
        row = [0] * V
        row[i] = 1
        rows.append(row)
    return rows


def torch_version(ids, V):
    return torch.nn.functional.one_hot(torch.tensor(ids), V)


@pytest.mark.parametrize("right", [reference, loop_version, torch_version,
                                   lambda ids, V: np.eye(V)[ids]])
def test_q2_right_implementations_pass(right):
    assert ex.q2.check(right).correct


def off_by_one(ids, V):
    vectors = np.zeros((len(ids), V))
    for r, i in enumerate(ids):
        if i + 1 < V:
            vectors[r, i + 1] = 1
    return vectors


@pytest.mark.parametrize("wrong, says", [
    (lambda ids, V: reference(ids, V).T, "shape: transposed"),
    (off_by_one, "off-by-one"),
    (lambda ids, V: reference(ids, V).sum(axis=0), "shape: one vector"),
    (lambda ids, V: 1 - reference(ids, V), "sign: ones and zeros swapped"),
    (lambda ids, V: np.zeros((len(ids), V)), "exactly one 1"),
    (lambda ids, V: np.eye(V)[sorted(ids)], "belongs at column ids[row]"),
    (lambda ids, V: np.zeros((len(ids), V + 1)), "shape:"),
    (lambda ids, V: "ones", "return an array of numbers"),
    (lambda ids, V: np.eye(V - 1)[ids], "shape: expected (1 IDs, V = 6) = (1, 6), got (1, 5)"),
    (lambda ids, V: np.eye(V)[[i + 1 for i in ids]], "off-by-one"),
    (lambda ids, V: np.eye(V)[[i + V for i in ids]], "raised IndexError"),
])
def test_q2_typical_wrong_implementations_fail_naming_the_bug(wrong, says):
    message = ex.q2.check(wrong)
    assert message.kind == "wrong" and says in message.text, message.text


def test_q2_blank_body_is_not_attempted():
    def my_one_hot(ids, V):
        ____

    assert ex.q2.check(my_one_hot).kind == "blank"


# --------------------------------------------------------------------------- q3: zeros in a batch
def test_q3_recomputes_its_number():
    small = one_hot([5, 0, 5], 7)
    assert (small == 0).sum() == 3 * (7 - 1)  # rows × (V − 1), as in the solution
    assert 1024 * 50_257 - 1024 == 51_462_144 == 1024 * 50_256


@pytest.mark.parametrize("answer", [51_462_144, 51_462_144.0, np.int64(51_462_144),
                                    np.array([51_462_144]), torch.tensor(51_462_144),
                                    np.prod((1024, 50_256)), 1024 * (50_257 - 1)])
def test_q3_right_in_every_form(answer):
    assert ex.q3.check(answer).correct


@pytest.mark.parametrize("answer, says", [
    (1024 * 50_257, "counts every number"), (50_256, "one row's zeros"),
    (1024 * 50_257 - 1, "its own 1"), (51_462_144.5, "whole number"),
    ("51462144", "remove the quotes"), (51_462_143, "rows × (zeros per row)")])
def test_q3_wrong_answers(answer, says):
    assert says in ex.q3.check(answer).text


# --------------------------------------------------------------------------- q4: BERT bytes
def test_q4_recomputes_its_number_and_the_solution_text_matches():
    assert 30_522 ** 2 * 4 == 3_726_369_936
    assert "3,726,369,936" in ex.q4.solution().code
    assert 3_726_369_936 / 2 ** 30 == pytest.approx(3.47, abs=0.01)  # "≈ 3.5 GiB"


@pytest.mark.parametrize("answer", [3_726_369_936, 3_726_369_936.0, np.int64(3_726_369_936),
                                    np.float64(3_726_369_936), np.array([3_726_369_936]),
                                    torch.tensor(3_726_369_936), np.prod((30_522, 30_522, 4)),
                                    torch.tensor([3_726_369_936.0], dtype=torch.float64)])
def test_q4_right_in_every_form(answer):
    assert ex.q4.check(answer).correct


@pytest.mark.parametrize("answer, says", [
    (30_522 ** 2, "4 bytes"), (30_522 ** 2 * 8, "float64"), (30_522 * 4, "one row"),
    (3_726_370_576, "V rows × V numbers"), (np.float32(3_726_369_936), "float32 cannot hold"),
    ("3726369936", "remove the quotes"), (3_726_369_936.5, "V rows")])
def test_q4_wrong_answers(answer, says):
    assert says in ex.q4.check(answer).text


# --------------------------------------------------------------------------- q5
def test_q5_row_picking():
    W = np.arange(12, dtype=np.float32).reshape(4, 3)
    assert ex.q5.check(one_hot([2], 4) @ W).correct
    assert ex.q5.check([6, 7, 8]).correct
    assert ex.q5.check(torch.tensor([[6.0, 7.0, 8.0]])).correct
    assert "row 3" in ex.q5.check(W[3]).text
    assert "one number per column" in ex.q5.check(W).text
    assert not ex.q5.check("6 7 8").correct


def test_hints_and_solutions_exist():
    for q in (ex.q1, ex.q2, ex.q3, ex.q4, ex.q5):
        assert len(q.hints) >= 2 and q.solution().code
