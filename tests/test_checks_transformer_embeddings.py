"""Exercises of notebook 13: right answers in every reasonable form pass; typical bugs are named.

The RoPE check is tested against transformers' own Llama rotary code, the tying check against
transformers' GPT-2 (which ties `lm_head.weight` to `transformer.wte.weight`).
"""
import math

import numpy as np
import pytest
import torch

from helpers import ____
from helpers.checks import transformer_embeddings as ex


def _raw_reason(exercise, answer):
    """The checker's own sentence (Exercise.check already calls a function with ____ blank)."""
    from helpers.exercises import NotQuite

    try:
        return exercise.checker(answer) or ""
    except NotQuite as wrong:
        return str(wrong)


# --------------------------------------------------------------------------- q2: RoPE
def numpy_rope(x, m, base=10_000.0):
    half = len(x) // 2
    angles = m * base ** (-np.arange(half) * 2 / len(x))
    x1, x2 = x[:half], x[half:]
    return np.concatenate([x1 * np.cos(angles) - x2 * np.sin(angles),
                           x2 * np.cos(angles) + x1 * np.sin(angles)])


def torch_rope(x, m, base=10_000.0):
    x = torch.as_tensor(x)
    half = x.shape[0] // 2
    angles = m * base ** (-torch.arange(half, dtype=torch.float64) * 2 / x.shape[0])
    return torch.cat([x[:half] * angles.cos() - x[half:] * angles.sin(),
                      x[half:] * angles.cos() + x[:half] * angles.sin()])


def transformers_llama_rope(x, m, base=10_000.0):
    """A learner who calls transformers' own Llama code (float32) must pass too."""
    from transformers import LlamaConfig
    from transformers.models.llama.modeling_llama import LlamaRotaryEmbedding, apply_rotary_pos_emb

    dim = len(x)
    config = LlamaConfig(hidden_size=dim, num_attention_heads=1, head_dim=dim, rope_theta=base)
    q = torch.tensor(x, dtype=torch.float32)[None, None, None, :]
    cos, sin = LlamaRotaryEmbedding(config)(q, torch.tensor([[m]]))
    return apply_rotary_pos_emb(q, q, cos, sin)[0][0, 0, 0]


def solution_pasted(x, m, base=10_000.0):
    half = len(x) // 2
    angles = m * base ** (-np.arange(half) * 2 / len(x))
    x1, x2 = x[:half], x[half:]
    return eval(ex.q2.solution_code.removeprefix("return "))


@pytest.mark.parametrize("answer", [numpy_rope, torch_rope, transformers_llama_rope,
                                    solution_pasted, lambda x, m: list(numpy_rope(x, m))])
def test_q1_right_functions_pass(answer):
    assert ex.q2.check(answer).correct


def test_q1_reference_matches_transformers_llama_on_random_inputs():
    rng = np.random.default_rng(0)
    for dim in (4, 8, 16, 64):
        for m in (0, 1, 7, 100):
            x = rng.standard_normal(dim)
            assert np.allclose(numpy_rope(x, m), transformers_llama_rope(x, m).numpy(), atol=1e-4)


def interleaved(x, m, base=10_000.0):
    half = len(x) // 2
    angles = m * base ** (-np.arange(half) * 2 / len(x))
    out = np.empty_like(x)
    out[0::2] = x[0::2] * np.cos(angles) - x[1::2] * np.sin(angles)
    out[1::2] = x[1::2] * np.cos(angles) + x[0::2] * np.sin(angles)
    return out


@pytest.mark.parametrize("answer, words", [
    (interleaved, "interleaved"),
    (lambda x, m: numpy_rope(x, -m), "sign"),
    (lambda x, m: numpy_rope(x, m + 1), "off by one"),
    (lambda x, m: numpy_rope(x, max(m - 1, 0)), "off by one"),
    (lambda x, m: numpy_rope(x, m)[: len(x) // 2], "shape"),
    (lambda x, m: np.stack(np.split(numpy_rope(x, m), 2)), "shape"),
    (lambda x, m: x, "unchanged"),
    (lambda x, m: 2 * numpy_rope(x, m), "length"),
    (lambda x, m: numpy_rope(x, m)[::-1], "pair"),
    (lambda x, m: 1 / 0, "ZeroDivisionError"),
    (numpy_rope(np.ones(4), 1), "function itself"),
])
def test_q1_typical_bugs_are_named(answer, words):
    message = ex.q2.check(answer)
    assert not message.correct and words in message.text, message.text


def test_q1_frequency_bug_is_named():
    def no_two(x, m, base=10_000.0):
        half = len(x) // 2
        angles = m * base ** (-np.arange(half) / len(x))
        x1, x2 = x[:half], x[half:]
        return np.concatenate([x1 * np.cos(angles) - x2 * np.sin(angles),
                               x2 * np.cos(angles) + x1 * np.sin(angles)])
    assert "2i/dim" in ex.q2.check(no_two).text


def test_q1_untouched_blank_asks_to_replace_it():
    def my_rope(x, m):
        return ____
    assert ex.q2.check(my_rope).kind == "blank"
    assert "replace the ____" in _raw_reason(ex.q2, my_rope)


# --------------------------------------------------------------------------- q3: tying
def tie_by_assignment(model):
    model.lm_head.weight = model.tok_emb.weight
    return model


def tie_the_other_way(model):
    model.tok_emb.weight = model.lm_head.weight


def tie_like_transformers(model):
    """The same line transformers' `_tie_or_clone_weights` runs for GPT-2."""
    output, inp = model.lm_head, model.tok_emb
    output.weight = inp.weight
    return model


@pytest.mark.parametrize("answer", [tie_by_assignment, tie_the_other_way, tie_like_transformers])
def test_q2_sharing_passes(answer):
    assert ex.q3.check(answer).correct


def test_q2_check_agrees_with_transformers_gpt2_tying():
    """What transformers' GPT-2 does (one Parameter for wte and lm_head) is what q3 accepts."""
    from transformers import GPT2Config, GPT2LMHeadModel

    from helpers import transformer_embeddings as te

    hf = GPT2LMHeadModel(GPT2Config(vocab_size=40, n_positions=8, n_embd=8, n_layer=1, n_head=2))
    assert hf.lm_head.weight is hf.transformer.wte.weight
    ours = tie_by_assignment(ex._fresh_untied_model())
    assert te.tying_report(ours).same_parameter == te.tying_report(
        hf, embedding="transformer.wte").same_parameter == True  # noqa: E712


def copy_clone(model):
    model.lm_head.weight.data = model.tok_emb.weight.data.clone()
    return model


def copy_in_place(model):
    with torch.no_grad():
        model.lm_head.weight.copy_(model.tok_emb.weight)
    return model


def new_parameter(model):
    model.lm_head.weight = torch.nn.Parameter(model.tok_emb.weight.detach().clone())
    return model


def share_data(model):
    model.lm_head.weight.data = model.tok_emb.weight.data
    return model


def share_module(model):
    model.lm_head = model.tok_emb
    return model


@pytest.mark.parametrize("answer, words", [
    (copy_clone, "copied"), (copy_in_place, "copied"), (new_parameter, "copied"),
    (share_data, "shared .data"), (share_module, "Linear"),
    (lambda model: model, "still two separate tables"),
    (lambda model: 3, "return the model"),
    ("model.lm_head.weight = model.tok_emb.weight", "function itself"),
])
def test_q2_copy_and_other_mistakes_fail(answer, words):
    message = ex.q3.check(answer)
    assert not message.correct and words in message.text, message.text


def test_q2_solution_pasted_in_place_of_the_blank_passes():
    namespace = {}
    exec("def tie(model):\n    " + ex.q3.solution_code + "\n    return model\n", namespace)
    assert ex.q3.check(namespace["tie"]).correct

    def tie(model):
        ____
        return model
    assert ex.q3.check(tie).kind == "blank"
    assert "replace the ____" in _raw_reason(ex.q3, tie)


# --------------------------------------------------------------------------- q4, q5
@pytest.mark.parametrize("answer", [38_597_376, 50_257 * 768, 163_037_184 - 124_439_808,
                                    38_597_376.0, np.int64(38_597_376), torch.tensor(38_597_376)])
def test_q3_saving_passes_in_any_form(answer):
    assert ex.q4.check(answer).correct


@pytest.mark.parametrize("answer, words", [(124_439_808, "total with tying"),
                                           (163_037_184, "without tying"),
                                           (38_597_376 * 4, "bytes"), (50_257, "multiply"),
                                           (38_597_376 + 50_257, "no bias"), (1, "50,257"),
                                           ("38597376", "number")])
def test_q3_wrong_numbers_explained(answer, words):
    message = ex.q4.check(answer)
    assert not message.correct and words in message.text, message.text


@pytest.mark.parametrize("answer", [math.log(121), 4.8, np.log(121), torch.tensor(121.0).log(),
                                    -math.log(1 / 121)])
def test_q4_uniform_loss_passes(answer):
    assert ex.toy_vocabulary_size() == 121
    assert ex.q5.check(answer).correct


@pytest.mark.parametrize("answer, words", [(1 / 121, "probability"), (math.log10(121), "log10"),
                                           (math.log2(121), "log2"), (121, "V itself"),
                                           (30.5, "N(0, 1)"), (4.7, "−log(1/V)")])
def test_q4_wrong_answers_explained(answer, words):
    message = ex.q5.check(answer)
    assert not message.correct and words in message.text, message.text


def test_blank_hints_and_solutions():
    for q in (ex.q1, ex.q2, ex.q3, ex.q4, ex.q5):
        assert q.check(____).kind == "blank"
        assert q.hint().kind == "hint" and q.solution().code


# --------------------------------------------------------------------------- q1: relative positions
def test_q1_relative_position_matches_the_rope_scores():
    from helpers import transformer_embeddings as te

    rng = np.random.default_rng(4)
    q, k = rng.standard_normal(16), rng.standard_normal(16)
    scores = te.rope_scores(q, k, length=30)
    assert scores[20, 13] == pytest.approx(scores[12, 5])
    assert scores[20, 5] != pytest.approx(scores[12, 5])


@pytest.mark.parametrize("answer", [13, 13.0, np.int64(13), torch.tensor(13), 20 - (12 - 5)])
def test_q1_right_answers(answer):
    assert ex.q1.check(answer).correct


@pytest.mark.parametrize("answer, words", [(27, "keep m − n = 7"), (5, "distance"),
                                           (7, "position n"), (33, "sign"), (10, "which n"),
                                           (13.5, "whole"), ("13", "number")])
def test_q1_wrong_answers_explained(answer, words):
    message = ex.q1.check(answer)
    assert not message.correct and words in message.text, message.text
