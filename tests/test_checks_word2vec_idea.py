"""Each exercise of notebook 04 (the Word2Vec idea): right answers in every form pass, typical
wrong answers and wrong implementations fail with the bug class named."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from helpers import ____
from helpers.checks import word2vec_idea as ex
from helpers.word2vec import context_pairs


def forms(value):
    return [value, float(value), np.int64(value), np.float32(value), np.array(value),
            np.array([value]), torch.tensor(value), torch.tensor([float(value)])]


@pytest.mark.parametrize("answer", forms(14))
def test_q1_pairs_right_in_every_form(answer):
    assert ex.q1.check(answer).correct


def test_q1_pairs_wrong_answers():
    assert "edges" in ex.q1.check(20).text
    assert "both directions" in ex.q1.check(7).text
    assert "whole number" in ex.q1.check(14.5).text
    assert "remove the quotes" in ex.q1.check("14").text
    assert "not the text" in ex.q1.check("many").text
    assert "not a list" in ex.q1.check([14]).text
    assert ex.q1.check(____).kind == "blank"


def test_q1_recomputes_its_number():
    assert len(context_pairs(ex.SENTENCE, window=2)) == 14


@pytest.mark.parametrize("answer", forms(4))
def test_q2_window_right_in_every_form(answer):
    assert ex.q2.check(answer).correct


def test_q2_window_wrong_answers():
    assert "'lazy' is at position 7" in ex.q2.check(3).text
    assert "smaller one" in ex.q2.check(5).text
    assert "whole number" in ex.q2.check(4.5).text
    assert "remove the quotes" in ex.q2.check("4").text
    assert ("fox", "lazy") in context_pairs(ex.FOX_SENTENCE, 4)
    assert ("fox", "lazy") not in context_pairs(ex.FOX_SENTENCE, 3)


# --------------------------------------------------------------------------- q3: code
def reference(tokens, window):
    pairs = []
    for i, centre in enumerate(tokens):
        for j in range(max(0, i - window), min(len(tokens), i + window + 1)):
            if j != i:
                pairs.append((centre, tokens[j]))
    return pairs


def test_q3_reference_and_course_helper_pass():
    assert ex.q3.check(reference).correct
    assert ex.q3.check(lambda tokens, window: context_pairs(tokens, window)).correct
    assert ex.q3.check(ex.reference_context_pairs).correct


def with_self(tokens, window):
    return [(tokens[i], tokens[j]) for i in range(len(tokens))
            for j in range(max(0, i - window), min(len(tokens), i + window + 1))]


def too_wide(tokens, window):
    return reference(tokens, window + 1)


def too_narrow(tokens, window):
    return [(tokens[i], tokens[j]) for i in range(len(tokens))
            for j in range(max(0, i - window + 1), min(len(tokens), i + window)) if j != i]


def reversed_pairs(tokens, window):
    return [(b, a) for a, b in reference(tokens, window)]


def right_only(tokens, window):
    return [(tokens[i], tokens[j]) for i in range(len(tokens))
            for j in range(i + 1, min(len(tokens), i + window + 1))]


def no_edges(tokens, window):  # forgets max(0, ...): negative indices wrap around
    pairs = []
    for i, centre in enumerate(tokens):
        for j in range(i - window, i + window + 1):
            if j != i and 0 <= j < len(tokens) and i - window >= 0 and i + window < len(tokens):
                pairs.append((centre, tokens[j]))
    return pairs


def crashes_at_the_end(tokens, window):
    return [(tokens[i], tokens[i + d]) for i in range(len(tokens)) for d in range(1, window + 1)]


@pytest.mark.parametrize("wrong, says", [
    (with_self, "off-by-one: a word is not its own context"),
    (too_wide, "off-by-one: your window reaches one word too far"),
    (too_narrow, "off-by-one: your window reaches one word short"),
    (reversed_pairs, "reversed"),
    (right_only, "only the words after the centre"),
    (no_edges, "edges"),
    (crashes_at_the_end, "raised IndexError"),
    (lambda tokens, window: None, "return a list"),
    (lambda tokens, window: sorted(reference(tokens, window)), "another order"),
])
def test_q3_typical_wrong_implementations_fail_naming_the_bug(wrong, says):
    message = ex.q3.check(wrong)
    assert message.kind == "wrong" and says in message.text, message.text


def test_q3_blank_body_and_non_functions():
    def draft(tokens, window):
        pairs = []
        ____
        return pairs

    assert ex.q3.check(draft).kind == "blank"
    assert "give the function itself" in ex.q3.check(reference(["a", "b"], 1)).text


# --------------------------------------------------------------------------- q4: softmax cost
@pytest.mark.parametrize("answer", forms(5000) + [30_000 / 6, np.float64(30_000) / 6])
def test_q4_right_in_every_form(answer):
    assert ex.q4.check(answer).correct


@pytest.mark.parametrize("answer, says", [
    (6000, "scores the true context word too"), (30_000, "softmax's count alone"),
    (6, "negative sampling's count"), (5000.5, "whole number"), (4999, "divide the first"),
    ("5000", "remove the quotes")])
def test_q4_wrong_answers(answer, says):
    assert says in ex.q4.check(answer).text


def test_q4_recomputes_its_number():
    from helpers.word2vec_idea import dot_products_per_pair

    cost = dot_products_per_pair(30_000, 5)
    assert cost == {"softmax": 30_000, "negative sampling": 6}
    assert cost["softmax"] / cost["negative sampling"] == 5000


# --------------------------------------------------------------------------- q5: learning rate
@pytest.mark.parametrize("answer", [1, 1.0, np.float32(1), torch.tensor(1.0), np.array([1.0])])
def test_q5_right_in_every_form(answer):
    assert ex.q5.check(answer).correct


@pytest.mark.parametrize("answer, says", [(0.5, "fastest"), (0.9, "still converge"),
                                          (1.05, "already grow"), (0, "above 0"),
                                          ("1", "remove the quotes")])
def test_q5_wrong_answers(answer, says):
    assert says in ex.q5.check(answer).text


def test_q5_the_limit_really_is_one():
    from helpers.word2vec_idea import descend

    def distance_after(rate):
        return abs(descend(-1, rate, 40)[-1] - 2)

    assert distance_after(0.99) < 3 and distance_after(1.0) == pytest.approx(3)
    assert distance_after(1.01) > 3
    assert descend(-1, 0.5, 1) == [-1, 2]
