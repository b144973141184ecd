"""Exercises of notebook 09: freezing vs fine-tuning, counting trainable numbers, search cost."""
from __future__ import annotations

from ..exercises import Exercise


def _frozen_checker(answer):
    if not isinstance(answer, str):
        return "answer with one of the strings 'random', 'frozen' or 'finetune'"
    answer = answer.strip().lower().replace("-", "").replace(" ", "")
    if answer == "frozen":
        return None
    if answer in ("finetune", "finetuned"):
        return "fine-tuning trains the table too; which way leaves the table untouched?"
    if answer == "random":
        return "random-init tables are trained along with the classifier"
    return "answer with one of the strings 'random', 'frozen' or 'finetune'"


q1 = Exercise(
    name="q1",
    checker=_frozen_checker,
    hints=["Only one of the three ways never changes the embedding table.",
           "That way uses the table as a fixed feature extractor."],
    solution_code="only_head_learns = 'frozen'",
    explanation="frozen: the pretrained rows stay as they are, only the linear layer learns "
                "(\"feature extraction\").",
)


def _parameters_checker(answer):
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return "give one whole number"
    if int(answer) == 385:
        return None
    if int(answer) == 384:
        return "the linear layer has one weight per dimension, plus one more number: its bias"
    if int(answer) > 10_000:
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


def _search_checker(answer):
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return "give one whole number"
    if int(answer) == 10 * 30_000:
        return None
    if int(answer) == 30_000:
        return "that is for one query; there are 10 queries"
    if int(answer) == 10 * 30_000 * 384:
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
                "to skip most of them.",
)
