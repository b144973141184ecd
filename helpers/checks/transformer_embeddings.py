"""Exercises of notebook 13: RoPE's relative positions, write RoPE, tie the weights, GPT-2's
saving, the uniform loss."""
from __future__ import annotations

import functools
import math

import numpy as np

from ..exercises import Exercise, NotQuite, number_answer

TRIALS = [(8, 3), (16, 7), (4, 1), (16, 0), (32, 29), (8, 12)]   # (dim, position)


# --------------------------------------------------------------------------- q1: only m − n counts
def _relative_checker(answer):
    value = number_answer(answer, "the key position", whole=True)
    if value == 13:
        return None
    if value == 27:
        return "the query moved 8 positions later, so the key must move 8 later too: keep m − n = 7"
    if value == 5:
        return ("with the key still at 5 the distance would be 20 − 5 = 15; RoPE scores depend "
                "on the distance m − n, which must stay 12 − 5 = 7")
    if value == 7:
        return "7 is the distance m − n; the question asks for the key's position n"
    if value == -13 or value == 33:
        return "sign: m − n = 7 with m = 20 gives n = 20 − 7"
    return "the score depends only on m − n = 12 − 5 = 7; with m = 20, which n keeps it?"


q1 = Exercise(
    name="q1",
    checker=_relative_checker,
    hints=["With RoPE, q·k depends only on m − n (one value per diagonal of the grid above).",
           "12 − 5 = 7, so you need 20 − n = 7."],
    solution_code="n = 13",
    explanation="20 − 13 = 12 − 5 = 7: same distance, same score, wherever the pair sits.",
)


# --------------------------------------------------------------------------- q2: RoPE
def _wrong_ropes():
    """Typical mistakes, each as a function of (x, m) and the sentence that explains it."""
    from .. import transformer_embeddings as te

    def frequencies_without_two(x, m):
        d, half = len(x), len(x) // 2
        angles = m * 10_000.0 ** (-np.arange(half) / d)
        x1, x2 = x[:half], x[half:]
        return np.concatenate([x1 * np.cos(angles) - x2 * np.sin(angles),
                               x2 * np.cos(angles) + x1 * np.sin(angles)])

    return [
        (lambda x, m: te.rope_vector(x, m, layout="interleaved"),
         "you rotated neighbouring pairs (0, 1), (2, 3), …: that is the interleaved layout of the "
         "RoFormer paper. Llama in transformers pairs dimension i with i + dim/2 (rotate_half)"),
        (lambda x, m: te.rope_vector(x, -m),
         "sign: you rotated the wrong way round. The first half is x1·cos − x2·sin and the "
         "second half x2·cos + x1·sin"),
        (lambda x, m: te.rope_vector(x, m + 1),
         "off by one: position m turns by exactly m·θ (position 0 is not rotated at all)"),
        (lambda x, m: te.rope_vector(x, max(m - 1, 0)),
         "off by one: position m turns by exactly m·θ, not (m − 1)·θ"),
        (frequencies_without_two,
         "the frequencies: pair i turns by base^(−2i/dim) per position (note the 2)"),
    ]


def _rope_checker(answer):
    from .. import transformer_embeddings as te

    if not callable(answer):
        raise NotQuite("give the function itself (my_rope, without parentheses)")
    code = getattr(answer, "__code__", None)
    if code is not None and "____" in code.co_names:
        raise NotQuite("replace the ____ in your function with your code, then run the cell again")
    rng = np.random.default_rng(13)
    for dim, position in TRIALS:
        x = rng.standard_normal(dim)
        expected = te.rope_vector(x, position)
        try:
            got = answer(x.copy(), position)
        except Exception as error:
            raise NotQuite(f"my_rope(x, {position}) with a vector of {dim} numbers raised "
                           f"{type(error).__name__}: {error}") from None
        if hasattr(got, "detach"):
            got = got.detach().cpu().numpy()
        got = np.asarray(got, dtype=np.float64)
        if got.shape != (dim,):
            raise NotQuite(f"shape: for a vector of {dim} numbers my_rope must return {dim} "
                           f"numbers (shape ({dim},)), got shape {got.shape}; put the two "
                           "rotated halves back together with np.concatenate")
        if np.allclose(got, expected, atol=1e-5, rtol=1e-4):
            continue
        for wrong, reason in _wrong_ropes():
            if position and np.allclose(got, wrong(x, position), atol=1e-5, rtol=1e-4):
                raise NotQuite(reason)
        if np.allclose(got, x, atol=1e-9) and position:
            raise NotQuite(f"my_rope(x, {position}) returned x unchanged: every pair must turn "
                           "by its angle")
        if not math.isclose(np.linalg.norm(got), np.linalg.norm(x), rel_tol=1e-4):
            raise NotQuite(f"a rotation keeps a vector's length, but |x| = "
                           f"{np.linalg.norm(x):.3f} became {np.linalg.norm(got):.3f}: each "
                           "output pair must mix its own two inputs with cos and sin")
        raise NotQuite(f"for a vector of {dim} numbers at position {position} the result differs "
                       f"from Llama's RoPE: check which dimensions form a pair (i and i + dim/2)")
    return None


q2 = Exercise(
    name="q2",
    checker=_rope_checker,
    hints=["Pair i is (x1[i], x2[i]) with x1 = x[:half], x2 = x[half:]; it turns by angles[i].",
           "A 2-D rotation by a: (a1, a2) → (a1·cos a − a2·sin a, a2·cos a + a1·sin a). Do it "
           "for all pairs at once with arrays, then np.concatenate the two halves.",
           "Typical bugs: pairing neighbours (x[0::2], x[1::2]) instead of halves, a flipped "
           "sign, or returning only one half (wrong shape)."],
    solution_code="return np.concatenate([x1 * np.cos(angles) - x2 * np.sin(angles), "
                  "x2 * np.cos(angles) + x1 * np.sin(angles)])",
    explanation="that is exactly transformers' Llama RoPE: q·cos + rotate_half(q)·sin.",
)


# --------------------------------------------------------------------------- q3: tying
def _fresh_untied_model():
    from .. import transformer_embeddings as te
    from ..reproducibility import seed_everything

    seed_everything(0)
    return te.tiny_transformer(50, dim=8, context=4, layers=1, heads=1, tie=False)


def _tie_checker(answer):
    import torch

    from .. import transformer_embeddings as te

    if not callable(answer):
        raise NotQuite("give the function itself (tie, without parentheses)")
    code = getattr(answer, "__code__", None)
    if code is not None and "____" in code.co_names:
        raise NotQuite("replace the ____ in tie() with your line of code, then run the cell again")
    model = _fresh_untied_model()
    before = te.tying_report(model).parameters
    result = answer(model)
    model = model if result is None else result
    if not isinstance(model, torch.nn.Module):
        raise NotQuite(f"tie(model) should return the model, got {type(model).__name__}")
    if not isinstance(getattr(model, "lm_head", None), torch.nn.Linear):
        raise NotQuite("lm_head must stay a Linear layer: share its .weight Parameter, not "
                       "the whole module")
    report = te.tying_report(model)
    if not report.same_parameter:
        if report.same_storage:
            raise NotQuite("both layers point at one storage (you shared .data), but they are "
                           "still two Parameter objects: the optimizer steps them separately "
                           "and their gradients are never summed. Assign the Parameter itself")
        if report.equal_values:
            raise NotQuite("you copied the numbers (clone/copy_): the values are equal now, but "
                           "the storage is separate (data_ptr differs) and training will pull the "
                           "two tables apart. Assign the Parameter itself, no copy")
        raise NotQuite("lm_head.weight and tok_emb.weight are still two separate tables")
    ids = torch.randint(50, (2, 4), generator=torch.Generator().manual_seed(0))
    logits = model(ids)
    if logits.shape != (2, 4, 50):
        raise NotQuite(f"the tied model should still give (batch, positions, vocabulary) logits, "
                       f"got {tuple(logits.shape)}")
    logits.sum().backward()
    if model.tok_emb.weight.grad is None:
        raise NotQuite("the shared table gets no gradient: do not detach it or wrap it in "
                       "a new tensor")
    if before - report.parameters != 50 * 8:
        raise NotQuite(f"tying should remove exactly one 50 × 8 table from the parameter count, "
                       f"it went from {before} to {report.parameters}")
    return None


q3 = Exercise(
    name="q3",
    checker=_tie_checker,
    hints=["One line: make the output layer's `weight` attribute the very same Parameter object "
           "as the token table's `weight`.",
           "A copy is the common bug: `.data.clone()`, `copy_()` or `nn.Parameter(...clone())` "
           "make equal numbers in separate memory. Plain assignment of the Parameter shares it."],
    solution_code="model.lm_head.weight = model.tok_emb.weight",
    explanation="one Parameter, one storage, one gradient that sums both uses, and "
                "vocabulary × dim fewer parameters.",
)


# --------------------------------------------------------------------------- q4: GPT-2's saving
GPT2_VOCAB, GPT2_DIM = 50_257, 768


def _saving_checker(answer):
    value = number_answer(answer, "the number of parameters")
    saving = GPT2_VOCAB * GPT2_DIM
    if value == saving:
        return None
    if value == 124_439_808:
        return "that is GPT-2 small's total with tying; the question asks how many tying saves"
    if value == 163_037_184:
        return "that is the total without tying; subtract the tied total"
    if value == saving * 4:
        return "that is in bytes (4 per float32); the question asks for parameters"
    if value in (GPT2_VOCAB, GPT2_DIM, GPT2_VOCAB + GPT2_DIM):
        return "multiply: the output layer has one row of 768 numbers per token"
    if value == saving + GPT2_VOCAB:
        return "GPT-2's lm_head has no bias: only the 50,257 × 768 weight is saved"
    return "tying removes one table of 50,257 rows × 768 columns"


q4 = Exercise(
    name="q4",
    checker=_saving_checker,
    hints=["Without tying, lm_head has its own (vocabulary × dim) weight and no bias.",
           "50,257 × 768, or 163,037,184 − 124,439,808."],
    solution_code="saved = 50_257 * 768   # 38,597,376",
    explanation="38,597,376 parameters (≈ 147 MiB in float32): almost a quarter of GPT-2 small.",
)


# --------------------------------------------------------------------------- q5: the uniform loss
@functools.lru_cache(maxsize=1)
def toy_vocabulary_size() -> int:
    from .. import transformer_embeddings as te

    return len(te.toy_token_stream().vocabulary)


def _uniform_checker(answer):
    value = float(number_answer(answer, "the loss"))
    v = toy_vocabulary_size()
    expected = math.log(v)
    if abs(value - expected) <= 0.006:
        return None
    if abs(value - 1 / v) < 1e-3:
        return "that is the probability 1/V; the loss is −log of the probability of the target"
    if abs(value - math.log10(v)) < 0.01:
        return "cross-entropy uses the natural logarithm (math.log), not log10"
    if abs(value - math.log2(v)) < 0.01:
        return "cross-entropy in PyTorch uses the natural logarithm (math.log), not log2"
    if abs(value - v) < 0.5:
        return "that is V itself; the loss is −log(1/V)"
    if value > 10:
        return ("that is the loss of the N(0, 1) start, where the model is confidently wrong; "
                "a model that knows nothing gives every token probability 1/V")
    return f"every one of the V = {v} tokens gets probability 1/V: the loss is −log(1/V)"


q5 = Exercise(
    name="q5",
    checker=_uniform_checker,
    hints=["A model that knows nothing gives every token the same probability, 1/V.",
           "Cross-entropy is −log(probability of the right token), natural log: math.log(V)."],
    solution_code="uniform_loss = math.log(len(stream.vocabulary))   # ≈ 4.80 for V = 121",
    explanation="ln 121 ≈ 4.80: GPT-2's small start gives almost exactly this first loss; "
                "N(0, 1) starts far above it.",
)
