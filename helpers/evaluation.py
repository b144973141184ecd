"""Scoring word vectors against human judgements, the same way for gensim and torch vectors.

* Word similarity (WordSim353, SimLex-999): Spearman rank correlation between the cosine of each
  pair and the human score, over the pairs whose two words are both in the vocabulary; the share
  of pairs left out (out of vocabulary, "OOV") is reported next to it, because a small corpus
  misses many words.
* Analogies (Google): a : b :: c : ?  answered by the word closest to b − a + c (3CosAdd, the
  three question words excluded), accuracy over the questions whose four words are known.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np

from . import validation
from .data import load_google_analogies, load_simlex999, load_wordsim353
from .errors import CourseError
from .vectors import normalize_rows


@dataclass(frozen=True)
class Score:
    name: str
    value: float          # Spearman rho, or accuracy in [0, 1]
    used: int             # pairs / questions answered
    total: int

    @property
    def oov_share(self) -> float:
        return 1.0 - self.used / self.total if self.total else 1.0


def _spearman(x, y) -> float:
    from scipy.stats import spearmanr

    if len(x) < 3:
        return float("nan")
    return float(spearmanr(x, y).statistic)


def similarity_score(name: str, pairs, vocabulary: Mapping[str, int], matrix) -> Score:
    unit = normalize_rows(matrix)
    model, human = [], []
    for pair in pairs:
        i, j = vocabulary.get(pair.word1), vocabulary.get(pair.word2)
        if i is None or j is None:
            continue
        model.append(float(unit[i] @ unit[j]))
        human.append(pair.score)
    return Score(name, _spearman(model, human), len(model), len(pairs))


def analogy_score(questions, vocabulary: Mapping[str, int], matrix,
                  batch: int = 512) -> Score:
    batch = validation.whole_number(batch, "batch", 1, 100_000)
    from .memory import check_memory

    shape = validation.shape_of(matrix)
    rows = shape[0] if shape is not None and len(shape) == 2 else 0
    check_memory(batch * rows * 4 * 2, f"analogy scores in batches of batch={batch:,} over "
                 f"{rows:,} words", "use a smaller batch")
    unit = normalize_rows(matrix).astype(np.float32)
    known = [q for q in questions
             if all(w in vocabulary for w in (q.a, q.b, q.c, q.expected))]
    correct = 0
    for start in range(0, len(known), batch):
        chunk = known[start:start + batch]
        a = np.array([vocabulary[q.a] for q in chunk])
        b = np.array([vocabulary[q.b] for q in chunk])
        c = np.array([vocabulary[q.c] for q in chunk])
        target = normalize_rows(unit[b] - unit[a] + unit[c]).astype(np.float32)
        scores = target @ unit.T
        rows = np.arange(len(chunk))
        for excluded in (a, b, c):
            scores[rows, excluded] = -np.inf
        guesses = scores.argmax(axis=1)
        correct += int(sum(g == vocabulary[q.expected] for g, q in zip(guesses, chunk)))
    return Score("Google analogies", correct / len(known) if known else 0.0,
                 len(known), len(questions))


def evaluate_vectors(words: Sequence[str], matrix, analogies: bool = True) -> list[Score]:
    """WordSim353, SimLex-999 and (optionally) analogy scores for one set of word vectors."""
    words = validation.tokens(words, "words")
    matrix = validation.array(matrix, "matrix", ndim=2, dtype=np.float32)
    if len(words) != matrix.shape[0]:
        raise CourseError(f"matrix must have one row per word: {len(words):,} words but shape "
                          f"{matrix.shape}")
    validation.flag(analogies, "analogies")
    vocabulary = {w: i for i, w in enumerate(words)}
    scores = [similarity_score("WordSim353", load_wordsim353(), vocabulary, matrix),
              similarity_score("SimLex-999", load_simlex999(), vocabulary, matrix)]
    if analogies:
        scores.append(analogy_score(load_google_analogies(), vocabulary, matrix))
    return scores


def scores_table(named_scores: Mapping[str, list[Score]]):
    """A `Table` with one row per model and, per benchmark, the score and the OOV share."""
    from .display import Table

    if not isinstance(named_scores, Mapping) or not named_scores:
        raise CourseError("named_scores must be a non-empty dict {model name: scores from "
                          f"evaluate_vectors}}, got {validation.shown(named_scores)}")
    names = [s.name for s in next(iter(named_scores.values()))]
    columns = ["model"]
    for name in names:
        columns += [name, f"{name} OOV"]
    rows = []
    for model, scores in named_scores.items():
        row = [model]
        for s in scores:
            row += [round(s.value, 3), f"{s.oov_share:.0%}"]
        rows.append(row)
    return Table(rows, columns)
