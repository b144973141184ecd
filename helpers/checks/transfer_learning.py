"""Exercises of notebook 11: which way wins, counting trainable numbers, search cost, mean pooling."""
from __future__ import annotations

import numpy as np

from ..exercises import Exercise, NotQuite, expect_function, number_answer
from ._code import CodeExercise, typical_mistake


# --------------------------------------------------------------------------- q1: predict the winner
def _winner_checker(answer):
    if not isinstance(answer, str):
        raise NotQuite("answer with one of the strings 'random', 'frozen' or 'finetune'")
    answer = answer.strip().lower().replace("-", "").replace(" ", "").replace("_", "")
    if answer == "frozen":
        return None
    if answer in ("finetune", "finetuned"):
        return ("with only 100 labelled sentences fine-tuning moves just the rows of the pieces it "
                "saw, away from the untouched rows the test sentences need: it does a little "
                "worse than freezing here (see the table below)")
    if answer == "random":
        return ("a random table knows nothing about the words the training sentences lack, and "
                "many test words are among those: it stays close to chance")
    raise NotQuite("answer with one of the strings 'random', 'frozen' or 'finetune'")


q1 = Exercise(
    name="q1",
    checker=_winner_checker,
    hints=["Which way can score a test word that never appeared in the 100 training sentences?",
           "Pretrained rows already place 'dull' near 'tedious'; only the head must be learned."],
    solution_code="best_way = 'frozen'",
    explanation="frozen: only 385 numbers must be learned from 100 sentences, and the pretrained "
                "rows carry what the training sentences lack.",
)


# --------------------------------------------------------------------------- q2: trainable numbers
def _parameters_checker(answer):
    value = number_answer(answer, "the number of numbers", whole=True)
    if value == 385:
        return None
    if value == 384:
        return "the linear layer has one weight per dimension, plus one more number: its bias"
    if value > 10_000:
        return "the table is frozen, so its rows do not count: only the linear layer learns"
    return "a linear layer from 384 numbers to one score: 384 weights and 1 bias"


q2 = Exercise(
    name="q2",
    checker=_parameters_checker,
    hints=["With a frozen table, which layer is left to learn?",
           "nn.Linear(384, 1) has a 1 × 384 weight matrix and a bias of size 1."],
    solution_code="trainable_numbers = 384 + 1",
    explanation="385 numbers learn from the 100 sentences; the 11.7 million in MiniLM's table "
                "came ready-made. That is why freezing works with so little data.",
)


# --------------------------------------------------------------------------- q3: search cost
def _search_checker(answer):
    value = number_answer(answer, "the number of dot products", whole=True)
    if value == 10 * 30_000:
        return None
    if value == 30_000:
        return "that is for one query; there are 10 queries"
    if value == 10 * 30_000 * 384:
        return "that counts multiplications; the question asks for dot products (one per pair)"
    return "one dot product for every (query, stored vector) pair"


q3 = Exercise(
    name="q3",
    checker=_search_checker,
    hints=["The product queries @ collection.T has one entry per (query, stored vector) pair.",
           "Its shape is (10, 30,000)."],
    solution_code="dot_products = 10 * 30_000   # 300,000",
    explanation="300,000: exact search touches every stored vector for every query, so its time "
                "grows in step with the collection. Vector databases add approximate indexes "
                "to skip most of them (the capstone, notebook 14).",
)


# --------------------------------------------------------------------------- q4: mean pooling
def reference_mean_pool(vectors, mask):
    vectors = np.asarray(vectors, dtype=np.float64)
    mask = np.asarray(mask, dtype=np.float64)
    return (vectors * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)


def _pool_cases(rng):
    import torch

    cases = []
    for batch, length, dim in [(2, 4, 3), (1, 3, 5), (3, 6, 4), (4, 5, 2), (2, 7, 6), (3, 3, 7)]:
        vectors = rng.normal(0, 1, (batch, length, dim))
        lengths = rng.integers(1, length + 1, size=batch)
        lengths[0] = max(1, length - 2)                       # at least one padded sentence
        mask = (np.arange(length)[None, :] < lengths[:, None]).astype(np.int64)
        cases.append((torch.from_numpy(vectors), torch.from_numpy(mask)))
    return cases


def _diagnose_pool(args, got, expected):
    try:
        value = np.asarray(got.detach() if hasattr(got, "detach") else got, dtype=np.float64)
    except (TypeError, ValueError):
        return None
    vectors, mask = (np.asarray(a, dtype=np.float64) for a in args)
    if value.shape == vectors.shape[:2]:
        return ("shape: you averaged over the last axis (the dimensions); average over the "
                "tokens, axis 1, to keep one vector of D numbers per sentence")
    if value.shape != expected.shape:
        return None
    typical = {
        "padding counted: you divided by all T positions; divide by the number of real tokens, "
        "mask.sum(1)": (vectors * mask[..., None]).sum(1) / vectors.shape[1],
        "the mask is ignored: padding vectors are averaged in; multiply by the mask first":
            vectors.mean(1),
        "you returned the sum; divide by the number of real tokens to get the mean":
            (vectors * mask[..., None]).sum(1),
    }
    return typical_mistake(value, expected, typical)


q4 = CodeExercise(
    name="q4",
    checker=expect_function(reference_mean_pool, _pool_cases, name="my_mean_pool",
                            diagnose=_diagnose_pool),
    hints=["mask has shape (B, T) with 1 for real tokens and 0 for padding; mask[..., None] "
           "(or mask.unsqueeze(-1)) has shape (B, T, 1) and multiplies every vector.",
           "summed = (vectors * mask.unsqueeze(-1)).sum(1); divide by "
           "mask.sum(1, keepdim=True): (B, D) / (B, 1)."],
    solution_code="""def my_mean_pool(vectors, mask):
    mask = mask.unsqueeze(-1).to(vectors.dtype)          # (B, T, 1)
    return (vectors * mask).sum(1) / mask.sum(1)         # (B, D) / (B, 1)""",
    explanation="that is how MiniLM's sentence vectors are made from its output vectors (then "
                "scaled to length 1): padding never dilutes a short sentence.",
)
