"""Each exercise of the capstone notebook: right answers in every reasonable form pass, typical
wrong answers get the reason (bug class) they deserve, and every solution passes its check."""
import numpy as np
import pytest
import torch

from helpers import ____
from helpers.checks import vector_database as ex


def _run_solution(exercise, name):
    namespace = {"np": np}
    exec(exercise.solution_code, namespace)
    return namespace[name]


# --------------------------------------------------------------------------- q1
@pytest.mark.parametrize("answer", [6, 6.0, np.int64(6), torch.tensor(6), np.array([6])])
def test_q1_right(answer):
    assert ex.q1.check(answer).correct


@pytest.mark.parametrize("answer, reason", [(10, "padding"), (4, "[CLS]"), (5, "mask is 1"),
                                            ("6", "quotes"), (6.5, "whole")])
def test_q1_wrong(answer, reason):
    message = ex.q1.check(answer)
    assert not message.correct and reason in message.text


# --------------------------------------------------------------------------- q2
def _cosine(query, vectors):
    return vectors @ query / (np.linalg.norm(vectors, axis=1) * np.linalg.norm(query))


def test_q2_right_in_several_forms():
    forms = [
        lambda q, v, k: np.argsort(-_cosine(q, v))[:k],
        lambda q, v, k: list(np.argsort(_cosine(q, v))[::-1][:k]),
        lambda q, v, k: torch.topk(torch.tensor(_cosine(q, v)), k).indices,
        lambda q, v, k: sorted(range(len(v)), key=lambda i: -_cosine(q, v)[i])[:k],
        _run_solution(ex.q2, "cosine_top_k"),
    ]
    for form in forms:
        assert ex.q2.check(form).correct, ex.q2.check(form).text


@pytest.mark.parametrize("wrong, reason", [
    (lambda q, v, k: np.argsort(-(v @ q))[:k], "normalisation"),
    (lambda q, v, k: np.argsort(_cosine(q, v))[:k], "sign/order"),
    (lambda q, v, k: np.argsort(-_cosine(q, v))[:k + 1], "off-by-one"),
    (lambda q, v, k: np.argsort(-_cosine(q, v))[1:k + 1], "off-by-one"),
    (lambda q, v, k: np.sort(np.argsort(-_cosine(q, v))[:k]), "order"),
    (lambda q, v, k: np.sort(-_cosine(q, v))[:k], "value"),
    (lambda q, v, k: 1 / 0, "ZeroDivisionError"),
    ("np.argsort", "function itself"),
])
def test_q2_wrong(wrong, reason):
    message = ex.q2.check(wrong)
    assert not message.correct and reason in message.text, message.text


def test_q2_stub_is_not_attempted():
    def cosine_top_k(query, vectors, k):
        ____
    assert ex.q2.check(cosine_top_k).kind == "blank"


# --------------------------------------------------------------------------- q3
def test_q3_right_in_several_forms():
    def with_numpy(found, truth, k):
        found, truth = np.asarray(found), np.asarray(truth)
        return np.mean([np.isin(f[:k], t[:k]).sum() / k for f, t in zip(found, truth)])

    def with_loop(found, truth, k):
        total = 0
        for f, t in zip(found, truth):
            total += sum(1 for x in f[:k] if x in list(t[:k]))
        return total / (k * len(found))

    for form in (with_numpy, with_loop, _run_solution(ex.q3, "recall_at_k")):
        assert ex.q3.check(form).correct, ex.q3.check(form).text


def _hits(found, truth, k):
    return [len(set(f[:k].tolist()) & set(t[:k].tolist())) for f, t in zip(found, truth)]


@pytest.mark.parametrize("wrong, reason", [
    (lambda f, t, k: float(np.mean(np.asarray(f)[:, :k] == np.asarray(t)[:, :k])), "order"),
    (lambda f, t, k: float(np.mean(_hits(f, t, k))), "divide the number of hits by k"),
    (lambda f, t, k: float(np.sum(_hits(f, t, k))) / k, "average over the queries"),
    (lambda f, t, k: float(np.mean(_hits(f, t, k))) / (k + 1), "off-by-one"),
    (lambda f, t, k: 0.42, "value"),
    (lambda f, t, k: "1.0", "one number"),
    (lambda f, t, k: _hits(f, t, k), "one number"),
])
def test_q3_wrong(wrong, reason):
    message = ex.q3.check(wrong)
    assert not message.correct and reason in message.text, message.text


# --------------------------------------------------------------------------- q4
@pytest.mark.parametrize("answer", [16 / 1024, 0.015625, np.float32(0.015625), 1 / 64])
def test_q4_right(answer):
    assert ex.q4.check(answer).correct


@pytest.mark.parametrize("answer, reason", [(16, "cells scanned"), (64, "upside down"),
                                            (1.5625, "percentage"), (1 / 1024, "one cell"),
                                            (0.5, "nprobe cells")])
def test_q4_wrong(answer, reason):
    message = ex.q4.check(answer)
    assert not message.correct and reason in message.text


def test_blank_hint_solution():
    for q in (ex.q1, ex.q2, ex.q3, ex.q4):
        assert q.check(____).kind == "blank"
        assert q.hint().kind == "hint" and q.solution().code
