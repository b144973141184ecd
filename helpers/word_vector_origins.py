"""Subword vectors for unseen words (gensim FastText) and meaning as directions (semantic axes).

* `train_fasttext(sentences, ...)`: gensim `FastText` with one worker and a fixed seed. A word's
  vector is the sum of its character n-gram vectors (3 to 6 letters, with `<` and `>` marking
  the word's ends), so a misspelling or a new compound still gets a vector.
* `centred_cosine(...)`: cosine after subtracting the vocabulary's mean vector. FastText's
  vectors share a large common direction (every word has n-grams such as "<th" or "ing>"), so
  their raw cosines all sit near 1; centring shows the differences.
* `axis_direction`, `axis_scores`, `axis_neighbours`: the direction from word b to word a
  (say she → he), averaged over several pairs if given, and where other words fall along it.

Compute only: the projector widget is in `helpers.word_vector_origins_views`.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np

from . import memory, validation
from .errors import CourseError
from .reproducibility import DEFAULT_SEED
from .vectors import cosine_similarity, normalize_rows, word_index

# what the course uses for FastText: small enough to train in seconds on the bundled corpus
FASTTEXT_SETTINGS = dict(vector_size=100, window=5, sg=1, epochs=3, min_count=5,
                         bucket=100_000, min_n=3, max_n=6)


# --------------------------------------------------------------------------- FastText
def train_fasttext(sentences, progress: bool = True, seed: int = DEFAULT_SEED, **overrides):
    """gensim `FastText`, one worker and a fixed seed: the same vectors on every run.

    Defaults (`FASTTEXT_SETTINGS`): skip-gram, 100 dimensions, window 5, 3 epochs,
    min_count 5, n-grams of 3–6 characters (gensim's default) hashed into 100,000 buckets
    (gensim's default of 2,000,000 buckets would take 800 MB at 100 dimensions).
    """
    from gensim.models import FastText

    from .display import progress_bar

    unknown = set(overrides) - set(FASTTEXT_SETTINGS)
    if unknown:
        raise CourseError(f"unknown FastText setting(s) {sorted(unknown)}; the course's are "
                          f"{sorted(FASTTEXT_SETTINGS)}")
    settings = {**FASTTEXT_SETTINGS, **overrides}
    at_least_one = ("vector_size", "epochs", "min_count", "bucket", "min_n", "max_n", "window")
    for name, value in settings.items():
        settings[name] = validation.whole_number(value, name,
                                                 low=1 if name in at_least_one else 0)
    seed = validation.seed(seed)
    # the n-gram table (bucket × vector_size float32), the big part: estimated before gensim
    memory.check_memory(memory.estimate(((settings["bucket"], settings["vector_size"]),
                                         np.float32)),
                        f"FastText's n-gram vectors with bucket={settings['bucket']:,} and "
                        f"vector_size={settings['vector_size']}",
                        "use fewer buckets (100,000 is plenty here)")
    sentences = validation.token_lists(sentences, "sentences")
    counts = Counter(word for sentence in sentences for word in sentence)
    if max(counts.values(), default=0) < settings["min_count"]:
        raise CourseError(f"min_count={settings['min_count']} keeps no word: no word of the "
                          f"corpus appears that often (the most frequent, "
                          f"{max(counts.values(), default=0)} times); give more text or a "
                          "lower min_count")
    with progress_bar(1, "FastText", show=progress) as bar:
        model = FastText(sentences=sentences, seed=seed, workers=1, **settings)
        bar.update(1)
    model.course_settings = settings
    return model


def centred_unit_vectors(matrix) -> tuple[np.ndarray, np.ndarray]:
    """(unit rows after subtracting the mean row, the mean row)."""
    matrix = np.asarray(matrix, dtype=np.float64)
    mean = matrix.mean(axis=0)
    return normalize_rows(matrix - mean), mean


def centred_cosine(vector_a, vector_b, mean) -> float:
    """cos(a − mean, b − mean)."""
    mean = validation.array(mean, "mean", ndim=1)
    return cosine_similarity(validation.array(vector_a, "vector_a", ndim=1) - mean,
                             validation.array(vector_b, "vector_b", ndim=1) - mean)


def unseen_word_report(fasttext_model, probes: Mapping[str, str]) -> list[dict]:
    """For each unseen word → the word it is made from: is it in the vocabulary, its centred
    cosine with that word, and its mean centred cosine with every vocabulary word (about 0)."""
    wv = fasttext_model.wv
    unit, mean = centred_unit_vectors(wv.vectors)
    rows = []
    for unseen, intended in probes.items():
        if intended not in wv.key_to_index:
            raise CourseError(f"'{intended}' is not in the FastText vocabulary: pick a word the "
                              "corpus has at least min_count times")
        vector = np.asarray(wv[unseen], dtype=float) - mean   # built from n-grams if unseen
        vector /= np.linalg.norm(vector)
        rows.append({"word": unseen, "in vocabulary": unseen in wv.key_to_index,
                     "made from": intended,
                     "cosine with it": float(vector @ unit[wv.key_to_index[intended]]),
                     "mean cosine with all words": float((unit @ vector).mean())})
    return rows


# --------------------------------------------------------------------------- semantic axes
def _pairs(positive, negative) -> list[tuple[str, str]]:
    positive = [positive] if isinstance(positive, str) else list(positive)
    negative = [negative] if isinstance(negative, str) else list(negative)
    if not positive or len(positive) != len(negative):
        raise CourseError(f"an axis needs as many words at one end as at the other (pairs like "
                          f"he/she), got {len(positive)} and {len(negative)}")
    return list(zip(positive, negative))


@dataclass
class WordSpace:
    """Words and their vectors, with unit rows ready for cosines."""
    words: list[str]
    unit: np.ndarray
    index: dict[str, int]

    @classmethod
    def from_vectors(cls, words: Sequence[str], matrix) -> "WordSpace":
        matrix = np.asarray(matrix, dtype=np.float64)
        if matrix.ndim != 2 or matrix.shape[0] != len(words):
            raise CourseError(f"matrix must have one row per word: {len(words)} words, "
                              f"matrix of shape {matrix.shape}")
        words = list(words)
        return cls(words, normalize_rows(matrix), {w: i for i, w in enumerate(words)})

    def row(self, word: str) -> np.ndarray:
        if not isinstance(word, str) or not word.strip():
            raise CourseError(f"word must be a word (a non-empty string), got {word!r}")
        return self.unit[word_index(word.strip().lower(), self.index)]

    def known(self, words: Sequence[str]) -> list[str]:
        return [w for w in words if w in self.index]


def axis_direction(space: WordSpace, positive, negative) -> np.ndarray:
    """The unit direction pointing from `negative` to `positive` (e.g. "he", "she").

    With lists (["he", "man", "his"], ["she", "woman", "her"]) the differences of the unit
    vectors of each pair are averaged first: one pair is noisy, several agree more.
    """
    pairs = _pairs(positive, negative)
    for a, b in pairs:
        if str(a).strip().lower() == str(b).strip().lower():
            raise CourseError(f"the two ends of the axis are the same word ({a!r}): choose two "
                              "different words, like 'he' and 'she'")
    direction = np.mean([space.row(a) - space.row(b) for a, b in pairs], axis=0)
    norm = np.linalg.norm(direction)
    if norm == 0:
        raise CourseError("the two ends have the same vector, so they define no direction")
    return direction / norm


def axis_scores(space: WordSpace, direction, words: Sequence[str]) -> list[tuple[str, float]]:
    """Each known word of `words` (in the order given) with its cosine to `direction`:
    > 0 leans towards the positive end, < 0 towards the negative end."""
    known = space.known(words)
    if not known:
        raise CourseError("none of these words is in the vocabulary: choose other words")
    rows = space.unit[[space.index[w] for w in known]]
    return [(w, float(s)) for w, s in zip(known, rows @ direction)]


def axis_neighbours(space: WordSpace, word: str, k: int = 8) -> list[tuple[str, float]]:
    """The `k` nearest words to `word` (cosine), the word itself left out."""
    k = validation.whole_number(k, "k", low=1, why=" (k is how many neighbours to list)")
    row = space.row(word)
    scores = space.unit @ row
    scores[space.index[word.strip().lower()]] = -np.inf
    order = np.argsort(-scores, kind="stable")[:k]
    return [(space.words[i], float(scores[i])) for i in order]


def project_on_axis(vectors, positive_vector, negative_vector) -> np.ndarray:
    """Reference for the exercise: cos(row, a − b) for each row of `vectors` (shape (n,))."""
    vectors = np.atleast_2d(np.asarray(vectors, dtype=float))
    axis = np.asarray(positive_vector, dtype=float) - np.asarray(negative_vector, dtype=float)
    if vectors.shape[1] != axis.shape[0]:
        raise CourseError(f"the vectors have {vectors.shape[1]} numbers and the axis "
                          f"{axis.shape[0]}: they must match")
    norm = np.linalg.norm(axis)
    if norm == 0:
        raise CourseError("the two ends of the axis are the same vector")
    return normalize_rows(vectors) @ (axis / norm)


def control_pairs(space: WordSpace, direction, pairs: Sequence[tuple[str, str]]) -> list[dict]:
    """A sanity check for an axis: for each (positive-side word, negative-side word) pair not
    used to build it, their two scores and whether the first scores higher."""
    rows = []
    for a, b in pairs:
        scores = dict(axis_scores(space, direction, [a, b]))
        if len(scores) < 2:
            continue   # a word the vocabulary lacks: the pair says nothing
        rows.append({"pair": (a, b), "scores": (scores[a], scores[b]),
                     "in order": scores[a] > scores[b]})
    if not rows:
        raise CourseError("no control pair has both words in the vocabulary")
    return rows
