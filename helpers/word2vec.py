"""Training gensim Word2Vec reproducibly, with a progress bar and clear errors."""
from __future__ import annotations

import hashlib
import json
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from .display import progress_bar
from .errors import CourseError
from .paths import cache_dir
from .reproducibility import DEFAULT_SEED

LIMITS = {"vector_size": (1, 1000), "window": (1, 20), "epochs": (1, 100),
          "min_count": (1, 1000), "negative": (0, 30)}


@dataclass(frozen=True)
class Word2VecSettings:
    """The knobs of a Word2Vec run (gensim's own names); defaults are the course's standard."""
    vector_size: int = 100
    window: int = 5
    sg: int = 1            # 1 = skip-gram, 0 = CBOW
    epochs: int = 5
    min_count: int = 5
    negative: int = 5
    sample: float = 1e-3
    seed: int = DEFAULT_SEED

    def validate(self) -> "Word2VecSettings":
        for name, (low, high) in LIMITS.items():
            value = getattr(self, name)
            if not isinstance(value, (int, np.integer)) or isinstance(value, bool):
                raise CourseError(f"{name} must be a whole number, got {value!r}")
            if not low <= value <= high:
                raise CourseError(f"{name} must be between {low} and {high}, got {value}"
                                  + (" (0 would mean no vector at all)" if value == 0 else ""))
        if self.sg not in (0, 1):
            raise CourseError(f"sg is 1 for skip-gram or 0 for CBOW, got {self.sg!r}")
        return self


def _check_corpus(sentences) -> list[list[str]]:
    if isinstance(sentences, str):
        raise CourseError("give the corpus as a list of sentences, each a list of tokens "
                          "(e.g. helpers.data.simple_tokens(line) for each line), not one string")
    sentences = [list(s) for s in sentences]
    if not sentences or not any(sentences):
        raise CourseError("the corpus is empty: Word2Vec needs at least one sentence of words")
    return sentences


def train_word2vec(sentences, settings: Word2VecSettings | None = None, progress: bool = True,
                   **overrides):
    """Train a gensim Word2Vec model deterministically (one worker, fixed seed).

    `overrides` change single settings: `train_word2vec(corpus, vector_size=50, sg=0)`.
    Returns the trained `gensim.models.Word2Vec`; its vectors are `model.wv`.
    """
    from gensim.models import Word2Vec
    from gensim.models.callbacks import CallbackAny2Vec

    settings = settings or Word2VecSettings()
    try:
        settings = Word2VecSettings(**{**asdict(settings), **overrides}).validate()
    except TypeError as error:
        raise CourseError(f"unknown Word2Vec setting: {error}") from None
    sentences = _check_corpus(sentences)
    counts: dict[str, int] = {}
    for sentence in sentences:
        for word in sentence:
            counts[word] = counts.get(word, 0) + 1
    kept = sum(1 for c in counts.values() if c >= settings.min_count)
    if kept < 2:
        raise CourseError(f"min_count={settings.min_count} keeps {kept} word(s) of this corpus "
                          f"({len(counts)} distinct): lower min_count or use a bigger corpus")

    bar = progress_bar(settings.epochs, "Word2Vec epochs", show=progress)

    class EpochProgress(CallbackAny2Vec):
        def on_epoch_end(self, model):
            loss = model.get_latest_training_loss()
            bar.update(1, f"(loss {loss:,.0f})")

    model = Word2Vec(sentences=sentences, vector_size=settings.vector_size,
                     window=settings.window, sg=settings.sg, epochs=settings.epochs,
                     min_count=settings.min_count, negative=settings.negative,
                     sample=settings.sample, seed=settings.seed, workers=1,
                     compute_loss=True, callbacks=[EpochProgress()])
    bar.close()
    model.training_seconds = bar.elapsed
    return model


def word_vectors(model) -> tuple[list[str], np.ndarray]:
    """(words, matrix) of a trained model or KeyedVectors, most frequent word first."""
    wv = getattr(model, "wv", model)
    return list(wv.index_to_key), np.asarray(wv.vectors)


def save_vectors(words, matrix, path: str | Path) -> Path:
    """Save word vectors as .npz (`words`, `vectors`): what `torch` notebooks load."""
    path = Path(path)
    np.savez_compressed(path, words=np.asarray(words), vectors=np.asarray(matrix, np.float32))
    return path


def load_vectors(path: str | Path) -> tuple[list[str], np.ndarray]:
    from .errors import DataFileError

    path = Path(path)
    if not path.exists():
        raise DataFileError(f"vector file not found: {path}. Fix: run the cell that saves it "
                            "(notebook 04), or call helpers.word2vec.course_vectors()")
    with np.load(path) as data:
        return [str(w) for w in data["words"]], data["vectors"]


def course_vectors(corpus: str = "bundled", progress: bool = True,
                   **overrides) -> tuple[list[str], np.ndarray]:
    """The course's standard Word2Vec vectors, trained once and cached in `.cache/`.

    `corpus` is "bundled" (Wikipedia sample + Lee, ~510k tokens) or "toy". Later notebooks use
    this so they do not depend on notebook 04 having been run; the result is the same vectors
    notebook 04 trains with the same settings.
    """
    from .data import load_bundled_corpus, load_toy_corpus

    loaders = {"bundled": load_bundled_corpus, "toy": load_toy_corpus}
    if corpus not in loaders:
        raise CourseError(f"corpus must be one of {sorted(loaders)}, got {corpus!r}")
    settings = Word2VecSettings(**overrides).validate()
    if corpus == "toy":
        settings = Word2VecSettings(**{**asdict(settings), **{"min_count": 1}, **overrides})
    key = hashlib.sha256(json.dumps([corpus, asdict(settings)], sort_keys=True).encode())
    path = cache_dir() / f"word2vec_{corpus}_{key.hexdigest()[:12]}.npz"
    if path.exists():
        # same display either way, so a saved notebook looks the same with or without a cache
        bar = progress_bar(settings.epochs, "Word2Vec epochs", show=progress)
        bar.update(settings.epochs, "(from cache)")
        bar.close()
        return load_vectors(path)
    model = train_word2vec(loaders[corpus](progress=False), settings, progress=progress)
    words, matrix = word_vectors(model)
    save_vectors(words, matrix, path)
    return words, matrix
