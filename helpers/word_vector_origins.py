"""Subword vectors for unseen words (gensim FastText) and meaning as directions (semantic axes).

* `train_fasttext(sentences, ...)`: gensim `FastText` with one worker and a fixed seed. A word's
  vector is the sum of its character n-gram vectors (3 to 6 letters, with `<` and `>` marking
  the word's ends), so a misspelling or a new compound still gets a vector.
* `course_fasttext(corpus)`: the same vectors (its `FastTextKeyedVectors`), trained once and
  cached in `.cache/` the way `helpers.word2vec.course_vectors` caches Word2Vec's.
* `centred_cosine(...)`: cosine after subtracting the vocabulary's mean vector. FastText's
  vectors share a large common direction (every word has n-grams such as "<th" or "ing>"), so
  their raw cosines all sit near 1; centring shows the differences.
* `axis_direction`, `axis_scores`, `axis_neighbours`: the direction from word b to word a
  (say she → he), averaged over several pairs if given, and where other words fall along it.

Compute only: the projector widget is in `helpers.word_vector_origins_views`.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np

from . import memory, validation
from .errors import CourseError
from .paths import cache_dir, read_or_build, write_atomically
from .reproducibility import DEFAULT_SEED
from .vectors import cosine_similarity, normalize_rows, word_index

# what the course uses for FastText: small enough to train in seconds on the bundled corpus
FASTTEXT_SETTINGS = dict(vector_size=100, window=5, sg=1, epochs=3, min_count=5,
                         bucket=100_000, min_n=3, max_n=6)


# --------------------------------------------------------------------------- FastText
def _fasttext_settings(overrides: dict) -> dict:
    """`FASTTEXT_SETTINGS` with `overrides`, each checked (whole numbers, ≥ 1 where 0 is
    meaningless); an unknown name is a `CourseError`."""
    unknown = set(overrides) - set(FASTTEXT_SETTINGS)
    if unknown:
        raise CourseError(f"unknown FastText setting(s) {sorted(unknown)}; the course's are "
                          f"{sorted(FASTTEXT_SETTINGS)}")
    settings = {**FASTTEXT_SETTINGS, **overrides}
    at_least_one = ("vector_size", "epochs", "min_count", "bucket", "min_n", "max_n", "window")
    for name, value in settings.items():
        settings[name] = validation.whole_number(value, name,
                                                 low=1 if name in at_least_one else 0)
    return settings


def train_fasttext(sentences, progress: bool = True, seed: int = DEFAULT_SEED, **overrides):
    """gensim `FastText`, one worker and a fixed seed: the same vectors on every run.

    Defaults (`FASTTEXT_SETTINGS`): skip-gram, 100 dimensions, window 5, 3 epochs,
    min_count 5, n-grams of 3–6 characters (gensim's default) hashed into 100,000 buckets
    (gensim's default of 2,000,000 buckets would take 800 MB at 100 dimensions).
    """
    from gensim.models import FastText

    from .display import progress_bar

    settings = _fasttext_settings(overrides)
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


# the settings a FastText cache file records, checked against the file name's settings on load
_SHAPE_SETTINGS = ("vector_size", "min_n", "max_n", "bucket")


def _course_fasttext_settings(corpus: str, overrides: dict) -> dict:
    if corpus == "toy" and "min_count" not in overrides:
        overrides = {**overrides, "min_count": 1}   # as course_vectors: the toy corpus is small
    return _fasttext_settings(overrides)


def course_fasttext_path(corpus: str, settings: dict, seed: int = DEFAULT_SEED) -> Path:
    """Where `course_fasttext(corpus, ...)` keeps the vectors trained with `settings`."""
    import gensim

    # gensim's version too: another version may train other vectors from the same settings
    key = hashlib.sha256(json.dumps([corpus, settings, seed, gensim.__version__],
                                    sort_keys=True).encode())
    return cache_dir() / f"fasttext_{corpus}_{key.hexdigest()[:12]}.npz"


def save_fasttext(wv, path: Path) -> bool:
    """Write a `FastTextKeyedVectors` to a cache file (one atomic write, uncompressed: the
    n-gram table is 40 MB of float32 that zlib barely shrinks but takes 1.4 s to compress).

    `words` and `vectors` (the word vectors gensim composed from word and n-gram vectors) make
    it a course vector file that `helpers.word2vec.load_vectors` reads too; the rest is what
    rebuilds the keyed vectors exactly: `vectors_vocab`, `vectors_ngrams`, each word's count and
    n-gram buckets (flat, with one length per word), and the settings.
    """
    lengths = np.array([len(b) for b in wv.buckets_word], dtype=np.int64)
    arrays = dict(words=np.asarray(wv.index_to_key), vectors=wv.vectors,
                  vectors_vocab=wv.vectors_vocab, vectors_ngrams=wv.vectors_ngrams,
                  counts=np.asarray(wv.expandos["count"], dtype=np.int64),
                  buckets=np.concatenate([*wv.buckets_word, np.zeros(0, np.uint32)])
                  .astype(np.uint32), bucket_lengths=lengths,
                  settings=np.array([getattr(wv, name) for name in _SHAPE_SETTINGS],
                                    dtype=np.int64))
    return write_atomically(path, lambda handle: np.savez(handle, **arrays))


def _read_fasttext(path: Path, settings: dict):
    """The `FastTextKeyedVectors` of a cache file, checked: every array present with the shape
    `settings` give, finite, buckets in range. Anything else raises (ValueError, KeyError...)."""
    from gensim.models.fasttext import FastTextKeyedVectors

    from .word2vec import _read_vectors

    words, vectors = _read_vectors(path)   # words, one finite row per word
    expected = [settings[name] for name in _SHAPE_SETTINGS]
    size, bucket = settings["vector_size"], settings["bucket"]
    with np.load(path, allow_pickle=False) as data:
        saved = data["settings"]
        if saved.shape != (4,) or saved.tolist() != expected:
            raise ValueError(f"settings {saved.tolist()}, expected {expected}")
        vocab, ngrams = data["vectors_vocab"], data["vectors_ngrams"]
        counts, buckets, lengths = data["counts"], data["buckets"], data["bucket_lengths"]
        for name, array, shape in [("vectors", vectors, (len(words), size)),
                                   ("vectors_vocab", vocab, (len(words), size)),
                                   ("vectors_ngrams", ngrams, (bucket, size)),
                                   ("counts", counts, (len(words),)),
                                   ("bucket_lengths", lengths, (len(words),)),
                                   ("buckets", buckets, (int(lengths.sum()),))]:
            if array.shape != shape:
                raise ValueError(f"{name} of shape {array.shape}, expected {shape}")
        if vectors.dtype != np.float32 or vocab.dtype != np.float32 or ngrams.dtype != np.float32:
            raise ValueError("the vectors are not float32")
        if not (np.isfinite(vocab).all() and np.isfinite(ngrams).all()):
            raise ValueError("the vectors contain NaN or infinite values")
        if buckets.dtype != np.uint32 or (len(buckets) and int(buckets.max()) >= bucket) \
                or (lengths < 0).any():
            raise ValueError("n-gram buckets out of range")
        wv = FastTextKeyedVectors(size, settings["min_n"], settings["max_n"], bucket)
        wv.index_to_key = words
        wv.key_to_index = {word: i for i, word in enumerate(words)}
        if len(wv.key_to_index) != len(words):
            raise ValueError("a word appears twice")
        wv.next_index = len(words)
        wv.vectors, wv.vectors_vocab, wv.vectors_ngrams = vectors, vocab, ngrams
        wv.expandos["count"] = counts.astype(np.int64)   # wv.get_vecattr(word, "count")
        wv.buckets_word = np.split(buckets, np.cumsum(lengths)[:-1]) if len(words) else []
        return wv


def course_fasttext(corpus: str = "bundled", progress: bool = True, seed: int = DEFAULT_SEED,
                    **overrides):
    """The course's FastText vectors (`FastTextKeyedVectors`, the `.wv` of the trained model),
    trained once with `train_fasttext` and cached in `.cache/` like `course_vectors`.

    `corpus` is "bundled" or "toy" (min_count 1 there); `overrides` change `FASTTEXT_SETTINGS`.
    A later run reads the file instead of training (about 10 s on the bundled corpus), with
    the same vectors: words in and out of the vocabulary get the same vector either way. A
    damaged file is discarded with one line and the vectors are trained again.
    """
    from .data import load_bundled_corpus, load_toy_corpus
    from .display import progress_bar

    loaders = {"bundled": load_bundled_corpus, "toy": load_toy_corpus}
    corpus = validation.choice(corpus, "corpus", sorted(loaders), ignore_case=True)
    settings = _course_fasttext_settings(corpus, overrides)
    seed = validation.seed(seed)
    path = course_fasttext_path(corpus, settings, seed)

    def read(path):
        found = _read_fasttext(path, settings)
        # the same bar as training, so a saved notebook looks the same with or without a cache
        with progress_bar(1, "FastText", show=progress) as bar:
            bar.update(1, "(from cache)")
        return found

    def build():
        model = train_fasttext(loaders[corpus](progress=False), progress=progress, seed=seed,
                               **settings)
        save_fasttext(model.wv, path)
        return model.wv

    return read_or_build(path, read, build)


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


def unseen_word_report(fasttext, probes: Mapping[str, str]) -> list[dict]:
    """For each unseen word → the word it is made from: is it in the vocabulary, its centred
    cosine with that word, and its mean centred cosine with every vocabulary word (about 0).

    `fasttext` is the keyed vectors (`course_fasttext(...)`) or a trained model (its `.wv`)."""
    wv = getattr(fasttext, "wv", fasttext)
    if not hasattr(wv, "vectors_ngrams"):
        raise CourseError(f"expected FastText vectors (course_fasttext) or a FastText model, "
                          f"got {type(fasttext).__name__}")
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
