"""Word2Vec with gensim: context windows, reproducible training, friendly queries, export.

* `context_pairs(tokens, window)`: the (centre, context) pairs skip-gram learns from, or the
  (context, centre) examples of CBOW; a pure function, so it is easy to test and to teach.
* `train_word2vec(...)`: gensim `Word2Vec` with one worker and a fixed seed (same vectors every
  run), a progress bar, and the loss of every epoch in `model.epoch_log`.
* `neighbours`, `similarity`, `analogy`: look-ups that answer an unknown word with a sentence
  ("'xyz' is not in the vocabulary (N words); closest spellings: ...") instead of a KeyError.
* `export_vectors` / `load_vectors`: a `.npz` file of words and vectors that torch notebooks load
  with `nn.Embedding.from_pretrained`; `course_vectors()` trains (once, cached) the same vectors.
* `load_online_vectors`: optional pretrained vectors through `gensim.downloader`; offline it
  returns `None` and a one-sentence reason, so a notebook can carry on.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from . import validation
from .display import progress_bar
from .errors import CourseError, UnknownWordError
from .paths import NPZ_READ_ERRORS, cache_dir, read_or_build, write_atomically
from .reproducibility import DEFAULT_SEED

LIMITS = {"vector_size": (1, 1000), "window": (1, 20), "epochs": (1, 100),
          "min_count": (1, 1000), "negative": (1, 30)}


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
        why = {"vector_size": " (0 would mean no vector at all)",
               "negative": " (this course trains with negative sampling: 0 would leave "
                           "nothing to learn from)"}
        for name, (low, high) in LIMITS.items():
            value = getattr(self, name)
            validation.whole_number(value, name, low, high, between=True,
                                    why=why.get(name, "") if value == 0 else "")
        if not validation.is_whole_number(self.sg) or int(self.sg) not in (0, 1):
            raise CourseError(f"sg is 1 for skip-gram or 0 for CBOW, got {self.sg!r}")
        validation.number(self.sample, "sample", 0.0, 1.0, high_open=True,
                          why=" (the subsampling threshold: 0 is off, 1e-3 is usual)")
        validation.seed(self.seed)
        return self


def _check_corpus(sentences) -> list[list[str]]:
    return validation.token_lists(sentences, "sentences")


def _settings_with(settings: Word2VecSettings | None, overrides: dict) -> Word2VecSettings:
    settings = validation.settings(settings, Word2VecSettings, "settings",
                                   "Word2VecSettings(epochs=10)")
    validation.unknown_keywords(overrides, Word2VecSettings, "Word2Vec")
    try:
        return Word2VecSettings(**{**asdict(settings), **overrides}).validate()
    except TypeError as error:
        raise CourseError(f"unknown Word2Vec setting: {error}") from None


def train_word2vec(sentences, settings: Word2VecSettings | None = None, progress: bool = True,
                   on_epoch=None, **overrides):
    """Train a gensim Word2Vec model deterministically (one worker, fixed seed).

    `overrides` change single settings: `train_word2vec(corpus, vector_size=50, sg=0)`.
    Returns the trained `gensim.models.Word2Vec`; its vectors are `model.wv`.

    After training, `model.epoch_log` holds one dict per epoch: `{"epoch": 1, "loss": ...}`
    (gensim's running loss is a total since the start; we store each epoch's own share).
    `on_epoch(model)` may return a dict of extra numbers to log after every epoch, e.g. a
    WordSim353 score, to watch quality grow while the model trains.
    `model.course_settings` are the settings used; `model.training_seconds` the time taken.
    """
    from gensim.models import Word2Vec
    from gensim.models.callbacks import CallbackAny2Vec

    settings = _settings_with(settings, overrides)
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
    log: list[dict] = []

    class EpochProgress(CallbackAny2Vec):
        def __init__(self):
            self.total = 0.0

        def on_epoch_end(self, model):
            running = float(model.get_latest_training_loss())
            entry = {"epoch": len(log) + 1, "loss": running - self.total}
            self.total = running
            if on_epoch is not None:
                entry.update(on_epoch(model) or {})
            log.append(entry)
            bar.update(1, f"(epoch loss {entry['loss']:,.0f})")

    model = Word2Vec(sentences=sentences, vector_size=settings.vector_size,
                     window=settings.window, sg=settings.sg, epochs=settings.epochs,
                     min_count=settings.min_count, negative=settings.negative,
                     sample=settings.sample, seed=settings.seed, workers=1,
                     compute_loss=True, callbacks=[EpochProgress()])
    bar.close()
    model.training_seconds = bar.elapsed
    model.epoch_log = log
    model.course_settings = settings
    return model


def word_vectors(model) -> tuple[list[str], np.ndarray]:
    """(words, matrix) of a trained model or KeyedVectors, most frequent word first."""
    wv = getattr(model, "wv", model)
    return list(wv.index_to_key), np.asarray(wv.vectors)


def save_vectors(words, matrix, path: str | Path, cache: bool = False) -> Path:
    """Save word vectors as .npz (`words`, `vectors`): what `torch` notebooks load."""
    path = validation.path(path)
    words = validation.tokens(words, "words")
    matrix = validation.array(matrix, "matrix", ndim=2, dtype=np.float32)
    validation.same_length(words, matrix, "words", "matrix rows")
    # write, then rename: another notebook reading the cache never sees half a file
    write_atomically(path, lambda handle: np.savez_compressed(
        handle, words=np.asarray(words), vectors=matrix), cache=cache)
    return path


def load_vectors(path: str | Path) -> tuple[list[str], np.ndarray]:
    from .errors import DataFileError

    path = validation.path(path)
    if not path.exists():
        raise DataFileError(f"vector file not found at path {path}. Fix: run the cell that "
                            "saves it "
                            "(notebook 05), or call helpers.word2vec.course_vectors()")
    try:
        return _read_vectors(path)
    except NPZ_READ_ERRORS as error:
        raise DataFileError(f"path {path} is not a readable vector file ({type(error).__name__}: "
                            f"{error}). Fix: save it again with export_vectors, or delete it "
                            "and rerun the cell that makes it.") from None


def _read_vectors(path: Path) -> tuple[list[str], np.ndarray]:
    """Words and vectors of a .npz file, checked: both present, one row per word, finite."""
    with np.load(path, allow_pickle=False) as data:
        words, vectors = data["words"], data["vectors"]
        if vectors.ndim != 2 or words.ndim != 1 or len(words) != len(vectors):
            raise ValueError(f"{len(words)} words but vectors of shape {vectors.shape}")
        if not np.isfinite(vectors).all():
            raise ValueError("the vectors contain NaN or infinite values")
        return [str(w) for w in words], np.asarray(vectors)


def _course_settings(corpus: str, overrides: dict) -> Word2VecSettings:
    settings = Word2VecSettings(**overrides).validate()
    if corpus == "toy":
        settings = Word2VecSettings(**{**asdict(settings), **{"min_count": 1}, **overrides})
    return settings


def course_vectors_path(corpus: str, settings: Word2VecSettings) -> Path:
    """Where `course_vectors(corpus, ...)` keeps the vectors trained with `settings`."""
    key = hashlib.sha256(json.dumps([corpus, asdict(settings)], sort_keys=True).encode())
    return cache_dir() / f"word2vec_{corpus}_{key.hexdigest()[:12]}.npz"


def course_vectors(corpus: str = "bundled", progress: bool = True,
                   **overrides) -> tuple[list[str], np.ndarray]:
    """The course's standard Word2Vec vectors, trained once and cached in `.cache/`.

    `corpus` is "bundled" (Wikipedia sample + Lee, ~510k tokens) or "toy". Later notebooks use
    this so they do not depend on notebook 04 having been run; the result is the same vectors
    notebook 04 trains with the same settings.
    """
    from .data import load_bundled_corpus, load_toy_corpus

    loaders = {"bundled": load_bundled_corpus, "toy": load_toy_corpus}
    corpus = validation.choice(corpus, "corpus", sorted(loaders), ignore_case=True)
    validation.unknown_keywords(overrides, Word2VecSettings, "Word2Vec")
    settings = _course_settings(corpus, overrides)
    path = course_vectors_path(corpus, settings)

    def read(path):
        found = _read_vectors(path)
        # same display either way, so a saved notebook looks the same with or without a cache
        bar = progress_bar(settings.epochs, "Word2Vec epochs", show=progress)
        bar.update(settings.epochs, "(from cache)")
        bar.close()
        return found

    def build():
        model = train_word2vec(loaders[corpus](progress=False), settings, progress=progress)
        words, matrix = word_vectors(model)
        save_vectors(words, matrix, path, cache=True)
        return words, matrix

    return read_or_build(path, read, build)


# --------------------------------------------------------------------------- context windows
MODES = ("skip-gram", "cbow")


def _check_tokens(tokens) -> list[str]:
    return validation.tokens(tokens, "tokens")


def _check_window(window) -> int:
    low, high = LIMITS["window"]
    return validation.whole_number(window, "window", low, high, between=True,
                                   why=" words")


def context_positions(length: int, position: int, window: int) -> list[int]:
    """The positions within `window` words of `position` (itself excluded), in text order."""
    window = _check_window(window)
    length = validation.whole_number(length, "length", 1)
    if not validation.is_whole_number(position) or not 0 <= position < length:
        raise CourseError(f"position must be between 0 and {length - 1}, got {position!r}")
    return [j for j in range(max(0, position - window), min(length, position + window + 1))
            if j != position]


def context_pairs(tokens, window: int = 2, mode: str = "skip-gram") -> list[tuple]:
    """The training examples Word2Vec draws from one sentence, in text order.

    * `mode="skip-gram"`: one `(centre, context)` pair per context word: the model sees the
      centre word and must predict each neighbour.
    * `mode="cbow"`: one `(context_words, centre)` example per position: the model sees the
      neighbours together (a tuple, averaged inside the model) and must predict the centre.

    >>> context_pairs(["the", "cat", "sat"], window=1)
    [('the', 'cat'), ('cat', 'the'), ('cat', 'sat'), ('sat', 'cat')]
    >>> context_pairs(["the", "cat", "sat"], window=1, mode="cbow")
    [(('cat',), 'the'), (('the', 'sat'), 'cat'), (('cat',), 'sat')]

    gensim adds two twists this pure function leaves out: each centre uses a random window
    between 1 and `window` (so near words count more often), and very frequent words are
    randomly skipped (`sample`).
    """
    tokens = _check_tokens(tokens)
    window = _check_window(window)
    if not isinstance(mode, str):
        raise CourseError(f"mode is 'skip-gram' or 'cbow', got {mode!r}")
    mode = mode.strip().lower().replace("_", "-").replace("skipgram", "skip-gram")
    if mode not in MODES:
        raise CourseError(f"mode is 'skip-gram' or 'cbow', got {mode!r}")
    examples: list[tuple] = []
    for i, centre in enumerate(tokens):
        context = [tokens[j] for j in context_positions(len(tokens), i, window)]
        if mode == "skip-gram":
            examples.extend((centre, word) for word in context)
        elif context:
            examples.append((tuple(context), centre))
    return examples


# --------------------------------------------------------------------------- friendly queries
def keyed_vectors(model):
    """The `KeyedVectors` of a model (or the argument itself if it already is one)."""
    wv = getattr(model, "wv", model)
    if not hasattr(wv, "key_to_index"):
        raise CourseError(f"expected a trained Word2Vec model or its .wv, got "
                          f"{type(model).__name__}")
    return wv


def known_word(model, word) -> str:
    """`word` in lower case if the model knows it, else an `UnknownWordError` with suggestions."""
    from .vectors import word_index

    wv = keyed_vectors(model)
    if not isinstance(word, str) or not word.strip():
        raise UnknownWordError(f"expected a word as text, got {word!r}")
    word = word.strip().lower()
    word_index(word, wv.key_to_index)  # raises with the closest spellings
    return word


def _check_k(k) -> int:
    if not validation.is_whole_number(k) or k < 1:
        raise CourseError(f"k is how many words to show, a whole number ≥ 1; got {k!r}")
    return validation.whole_number(k, "k", 1, 100_000)


def neighbours(model, word: str, k: int = 10) -> list[tuple[str, float]]:
    """The `k` words whose vectors have the highest cosine similarity with `word`'s."""
    word, k = known_word(model, word), _check_k(k)
    return [(w, float(s)) for w, s in keyed_vectors(model).most_similar(word, topn=k)]


def similarity(model, word1: str, word2: str) -> float:
    """Cosine similarity of two words' vectors (1 = same direction, 0 = unrelated)."""
    return float(keyed_vectors(model).similarity(known_word(model, word1),
                                                 known_word(model, word2)))


def analogy(model, a: str, b: str, c: str, k: int = 5) -> list[tuple[str, float]]:
    """`a` is to `b` as `c` is to ...? The words nearest to b − a + c (question words excluded).

    `analogy(model, "man", "king", "woman")` asks man : king :: woman : ? (hoping for queen).
    """
    a, b, c = (known_word(model, w) for w in (a, b, c))
    return [(w, float(s)) for w, s in keyed_vectors(model).most_similar(
        positive=[b, c], negative=[a], topn=_check_k(k))]


def neighbours_table(model, words, k: int = 5):
    """A `Table`: each word and its `k` nearest neighbours (with cosines)."""
    from .display import Table

    rows = []
    for word in ([words] if isinstance(words, str) else words):
        found = neighbours(model, word, k)
        rows.append([word, ", ".join(f"{w} {s:.2f}" for w, s in found)])
    return Table(rows, ["word", f"{k} nearest neighbours (cosine)"])


def epoch_table(model):
    """A `Table` of `model.epoch_log`: the loss (and anything else logged) per epoch."""
    from .display import Table

    log = getattr(model, "epoch_log", None)
    if not log:
        raise CourseError("this model has no epoch log: train it with "
                          "helpers.word2vec.train_word2vec")
    columns = list(dict.fromkeys(key for entry in log for key in entry))
    rows = [[f"{entry[c]:,.0f}" if c == "loss" else entry.get(c, "") for c in columns]
            for entry in log]
    return Table(rows, columns)


# --------------------------------------------------------------------------- training helpers
def vocabulary_size(sentences, min_count: int) -> int:
    """How many distinct words occur at least `min_count` times (what Word2Vec keeps)."""
    counts: dict[str, int] = {}
    min_count = validation.whole_number(min_count, "min_count", 1)
    for sentence in _check_corpus(sentences):
        for word in sentence:
            counts[word] = counts.get(word, 0) + 1
    return sum(1 for c in counts.values() if c >= min_count)


def untrained_model(sentences, settings: Word2VecSettings | None = None, **overrides):
    """A Word2Vec model with its vocabulary and its *initial* random vectors, not trained.

    gensim starts every word vector with random numbers drawn uniformly from
    [−1/vector_size, 1/vector_size) (seeded, so the same every run).
    """
    from gensim.models import Word2Vec

    settings = _settings_with(settings, overrides)
    model = Word2Vec(vector_size=settings.vector_size, window=settings.window, sg=settings.sg,
                     epochs=settings.epochs, min_count=settings.min_count,
                     negative=settings.negative, sample=settings.sample, seed=settings.seed,
                     workers=1)
    model.build_vocab(_check_corpus(sentences))
    model.course_settings = settings
    return model


_MEMORY: dict = {}
_MEMORY_SIZE = 6


def _fingerprint(sentences) -> tuple:
    first, last = sentences[0] if sentences else [], sentences[-1] if sentences else []
    return (len(sentences), sum(len(s) for s in sentences), tuple(first[:20]), tuple(last[-20:]))


def train_cached(sentences, settings: Word2VecSettings | None = None, progress: bool = True,
                 on_epoch=None, **overrides):
    """`train_word2vec`, remembered in memory: the same corpus and settings train only once.

    Used by widgets, so moving a knob back to an earlier value is instant. A remembered model
    shows the same (finished) progress bar as a fresh one; `model.reused` says which it was.
    `on_epoch` (see `train_word2vec`) only runs when the model is actually trained.
    """
    settings = _settings_with(settings, overrides)
    sentences = _check_corpus(sentences)
    key = (_fingerprint(sentences), settings)
    if key in _MEMORY:
        bar = progress_bar(settings.epochs, "Word2Vec epochs", show=progress)
        bar.update(settings.epochs, "(already trained)")
        bar.close()
        _MEMORY[key] = _MEMORY.pop(key)  # most recently used last
        _MEMORY[key].reused = True
        return _MEMORY[key]
    model = train_word2vec(sentences, settings, progress=progress, on_epoch=on_epoch)
    model.reused = False
    _MEMORY[key] = model
    while len(_MEMORY) > _MEMORY_SIZE:
        _MEMORY.pop(next(iter(_MEMORY)))
    return model


def words_per_second(model) -> float:
    """Training speed: corpus words processed per second (all epochs)."""
    seconds = getattr(model, "training_seconds", 0.0)
    if seconds <= 0:
        raise CourseError("this model has no training time: train it with train_word2vec")
    return model.corpus_total_words * model.epochs / seconds


# --------------------------------------------------------------------------- export
def export_vectors(model, path: str | Path | None = None, corpus: str = "bundled") -> Path:
    """Save a model's words and vectors as `.npz` for torch (`load_vectors` reads it back).

    Without `path`, the file goes where `course_vectors(corpus, **settings)` looks for it, so a
    later notebook calling `course_vectors()` with the same settings gets these very vectors
    without retraining.
    """
    words, matrix = word_vectors(model)
    if path is None:
        settings = getattr(model, "course_settings", None)
        if settings is None:
            raise CourseError("this model was not trained by train_word2vec, so give a path: "
                              "export_vectors(model, 'my_vectors.npz')")
        path = course_vectors_path(corpus, settings)
    path = validation.path(path)
    if path.suffix != ".npz":
        raise CourseError(f"vector files end in .npz, got path {path.name!r}")
    return save_vectors(words, matrix, path, cache=path.parent == cache_dir())


# --------------------------------------------------------------------------- online (optional)
def load_online_vectors(name: str = "glove-wiki-gigaword-50", timeout: float = 5.0,
                        online: bool = True):
    """Pretrained vectors through `gensim.downloader`, or `(None, reason)` when that fails.

    Returns `(KeyedVectors or None, message)`. With `online=False`, offline, or on any download
    error the message is one sentence and nothing is raised, so a notebook continues with the
    bundled corpus. `name` is one of gensim-data's models, e.g. "glove-wiki-gigaword-50" (66 MB).
    """
    import socket

    name = validation.text(name, "name")
    timeout = validation.positive_number(timeout, "timeout", high=600)
    online = validation.flag(online, "online")
    if not online:
        return None, (f"Downloads are switched off (ONLINE = False), so '{name}' was not "
                      "loaded: set ONLINE = True in this cell to try; we carry on with the "
                      "bundled corpus.")

    previous = socket.getdefaulttimeout()
    socket.setdefaulttimeout(timeout)
    try:
        import gensim.downloader as api

        vectors = api.load(name)
    except Exception as error:  # no network, a proxy, a bad name, a broken download...
        reason = type(error).__name__
        return None, (f"Could not load '{name}' through gensim.downloader ({reason}: probably no "
                      "internet here), so we carry on with the bundled corpus.")
    finally:
        socket.setdefaulttimeout(previous)
    return vectors, f"Loaded '{name}': {len(vectors):,} words × {vectors.vector_size} dimensions."
