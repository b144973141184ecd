"""Each exercise of notebook 09: right answers in every form pass, typical wrong ones are named."""
import numpy as np
import pytest
import torch

from helpers.bpe_steps import merge_pair
from helpers.checks import subword_tokenizers as ex
from helpers.exercises import ____


def reference(pieces, pair):
    return merge_pair(pieces, pair)


def first_only(pieces, pair):
    for i in range(len(pieces) - 1):
        if (pieces[i], pieces[i + 1]) == tuple(pair):
            return pieces[:i] + [pair[0] + pair[1]] + pieces[i + 2:]
    return pieces


def skips_last(pieces, pair):
    merged, i = [], 0
    while i < len(pieces):
        if i + 2 < len(pieces) and (pieces[i], pieces[i + 1]) == tuple(pair):
            merged.append(pair[0] + pair[1])
            i += 2
        else:
            merged.append(pieces[i])
            i += 1
    return merged


def overlapping(pieces, pair):          # merges a piece twice: a a a → aa aa
    out = []
    for i in range(len(pieces)):
        if i + 1 < len(pieces) and (pieces[i], pieces[i + 1]) == tuple(pair):
            out.append(pair[0] + pair[1])
        elif not (i > 0 and (pieces[i - 1], pieces[i]) == tuple(pair)):
            out.append(pieces[i])
    return out


def index_error(pieces, pair):
    return [p for i, p in enumerate(pieces) if (pieces[i], pieces[i + 1]) != pair]


def test_merge_pair_reference():
    assert merge_pair(["a", "a", "a"], ("a", "a")) == ["aa", "a"]
    assert merge_pair(list("that"), ("t", "h")) == ["th", "a", "t"]
    assert merge_pair([], ("a", "b")) == []


def test_q1_code_exercise():
    assert ex.q1.check(reference).correct
    solution = {}
    exec(ex.q1.solution_code, solution)
    assert ex.q1.check(solution["my_merge_pair"]).correct
    assert "first occurrence" in ex.q1.check(first_only).text
    assert "off-by-one" in ex.q1.check(skips_last).text
    assert "overlap" in ex.q1.check(overlapping).text
    assert "IndexError" in ex.q1.check(index_error).text
    assert "None" in ex.q1.check(lambda pieces, pair: None).text
    assert "joined string" in ex.q1.check(lambda pieces, pair: "".join(pieces)).text
    assert "without calling" in ex.q1.check(["a"]).text


def test_q1_stub_is_not_attempted():
    def my_merge_pair(pieces, pair):
        merged = []
        ____
        return merged

    assert ex.q1.check(my_merge_pair).kind == "blank"
    assert ex.q1.check(____).kind == "blank"


def test_q2_merges_recomputed():
    facts = ex.bpe_facts()
    assert facts["pieces"] == 2_000
    assert facts["merges"] == facts["pieces"] - facts["alphabet"] - facts["special"]
    right = facts["merges"]
    for form in (right, float(right), np.int64(right), torch.tensor(right), np.array([right]),
                 torch.tensor([float(right)])):
        assert ex.q2.check(form).correct, form
    assert "single characters" in ex.q2.check(2_000).text
    assert "off-by-one" in ex.q2.check(2_000 - facts["alphabet"]).text
    assert not ex.q2.check(right + 0.5).correct
    assert not ex.q2.check(str(right)).correct


def test_q3_unknown_for_wordpiece():
    assert ex.unknown_for_wordpiece() == ("🙂",)
    for form in (["🙂"], ("🙂",), {"🙂"}):
        assert ex.q3.check(form).correct
    assert "accents" in ex.q3.check(["naïve", "🙂"]).text
    assert "digits" in ex.q3.check(["42", "🙂"]).text
    assert not ex.q3.check([]).correct
    assert "list" in ex.q3.check("🙂").text


@pytest.mark.parametrize("q", [ex.q1, ex.q2, ex.q3])
def test_hints_and_solutions(q):
    assert q.hint().kind == "hint" and q.solution().code
