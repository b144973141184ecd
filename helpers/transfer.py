"""Transfer learning with embeddings: a tiny sentiment classifier trained three ways, and search.

The classifier is the simplest one that uses an embedding table: the **mean of the token
vectors** of a sentence, then a **linear** layer that gives one score (positive if > 0). It is
trained on the 200 labelled movie-review sentences gensim ships, with the table

* `random`   — started from random numbers and trained with the classifier,
* `frozen`   — copied from a pretrained model and kept fixed (only the linear layer learns:
               "feature extraction"),
* `finetune` — copied from a pretrained model and trained further with the classifier.

Everything else (split, optimizer, steps, the head's learning rate) is the same. The table's own
learning rate is the one that suits each way: a random table learns at the head's rate (it has
nothing to keep; smaller rates only make it worse), a pretrained one is fine-tuned 500× more
gently so that training adjusts its rows instead of erasing them. A fixed held-out test set is
never trained on; each setting is repeated over several seeds (which training sentences are
drawn, and the random starting values) and reported as mean ± standard deviation.

`top_k` is exact nearest-neighbour search by one matrix product: what a vector database does,
before it adds approximate indexes for speed.
"""
from __future__ import annotations

import functools
import time
from dataclasses import dataclass

import numpy as np

from . import validation
from .errors import CourseError, TrainingDivergedError
from .reproducibility import single_thread

MODES = ("random", "frozen", "finetune")
MODE_LABELS = {"random": "random init", "frozen": "frozen pretrained",
               "finetune": "fine-tuned pretrained"}
TEST_PER_CLASS = 50          # 100 held-out sentences, 50 of each label
SPLIT_SEED = 0
TRAIN_SIZES = (10, 20, 40, 70, 100)
SEEDS = (0, 1, 2, 3, 4)
STEPS = 100
HEAD_LR = 0.05
TABLE_LR = 1e-4              # fine-tuning: 500× smaller than the head's, adjust the pretrained rows
RANDOM_TABLE_LR = HEAD_LR    # a random table has nothing to keep: it learns at the head's rate, the
                             # best of 1e-4 … 0.2 for it (notebook 11 measures the sweep)
WEIGHT_DECAY = 1e-3


# --------------------------------------------------------------------------- data
def load_polarity() -> list[tuple[list[str], int]]:
    """The 200 labelled sentences (tokens, label 1 = positive, 0 = negative)."""
    from . import data

    return data.load_polarity_sentences()


@dataclass(frozen=True)
class Split:
    test: np.ndarray            # indices of the held-out sentences
    pool: dict                  # label → indices available for training

    @property
    def pool_size(self) -> int:
        return sum(len(v) for v in self.pool.values())


def fixed_split(labels, test_per_class: int = TEST_PER_CLASS, seed: int = SPLIT_SEED) -> Split:
    """A held-out test set with `test_per_class` of each label; the rest is the training pool."""
    labels = validation.array(labels, "labels", ndim=1, dtype=None)
    test_per_class = validation.whole_number(test_per_class, "test_per_class", 1)
    rng = np.random.default_rng(validation.seed(seed))
    test, pool = [], {}
    for label in (0, 1):
        members = rng.permutation(np.flatnonzero(labels == label))
        if len(members) <= test_per_class:
            raise CourseError(f"only {len(members)} sentences have label {label}; "
                              f"cannot hold out {test_per_class} of them")
        test += members[:test_per_class].tolist()
        pool[label] = members[test_per_class:]
    return Split(np.array(sorted(test)), pool)


def training_indices(split: Split, size: int, seed: int) -> np.ndarray:
    """`size` training sentences, half of each label, drawn from the pool with `seed`."""
    limit = split.pool_size
    if not validation.is_whole_number(size) or not 2 <= size <= limit:
        raise CourseError(f"training size must be a whole number from 2 to {limit} "
                          f"(the sentences not held out), got size={size!r}")
    seed = validation.seed(seed)
    rng = np.random.default_rng(1_000 + seed)
    half = int(size) // 2
    return np.concatenate([rng.permutation(split.pool[0])[:half],
                           rng.permutation(split.pool[1])[:int(size) - half]])


# --------------------------------------------------------------------------- features
@dataclass
class BagOfPieces:
    """Sentences as rows of a (sentences × pieces) matrix of token shares (each row sums to 1).

    `bags @ table` is then the mean of each sentence's token vectors.
    """

    bags: np.ndarray            # (sentences, pieces), float32
    pieces: list[str]
    table: np.ndarray           # (pieces, dim): the pretrained rows of those pieces
    source: str
    known_share: float          # share of the sentences' tokens that have a pretrained row


def _bags(sequences, columns: dict) -> np.ndarray:
    bags = np.zeros((len(sequences), len(columns)), dtype=np.float32)
    for row, sequence in enumerate(sequences):
        for piece in sequence:
            if piece in columns:
                bags[row, columns[piece]] += 1
        total = bags[row].sum()
        if total:
            bags[row] /= total
    return bags


def minilm_features(examples) -> BagOfPieces:
    """WordPiece pieces of each sentence and MiniLM's rows for them (scaled to mean norm 1)."""
    from .language_models import load_embedding_table
    from .subwords import load_wordpiece

    tokenizer = load_wordpiece()
    sequences = [tokenizer.encode(" ".join(tokens), add_special_tokens=False).tokens
                 for tokens, _ in examples]
    pieces = sorted({p for s in sequences for p in s})
    columns = {p: i for i, p in enumerate(pieces)}
    full = load_embedding_table("minilm")
    table = full.matrix[[full.row(p) for p in pieces]]
    table = table / np.linalg.norm(table, axis=1).mean()
    return BagOfPieces(_bags(sequences, columns), pieces, table.astype(np.float32),
                       "MiniLM table", 1.0)


def word2vec_features(examples, words, matrix) -> BagOfPieces:
    """Whole words of each sentence and their Word2Vec rows; words without a row are skipped."""
    index = {w: i for i, w in enumerate(words)}
    vocabulary = sorted({w for tokens, _ in examples for w in tokens if w in index})
    columns = {w: i for i, w in enumerate(vocabulary)}
    table = np.asarray(matrix, dtype=np.float32)[[index[w] for w in vocabulary]]
    table = table / np.linalg.norm(table, axis=1).mean()
    all_tokens = [w for tokens, _ in examples for w in tokens]
    known = sum(1 for w in all_tokens if w in index) / max(len(all_tokens), 1)
    return BagOfPieces(_bags([t for t, _ in examples], columns), vocabulary,
                       table.astype(np.float32), "Word2Vec (notebook 04)", known)


# --------------------------------------------------------------------------- training
def train_classifier(features: BagOfPieces, labels, train, test, mode: str, seed: int = 0,
                     steps: int = STEPS, table_lr: float | None = None) -> float:
    """Train mean-of-embeddings → linear on `train` rows; return the accuracy on `test` rows.

    The table's learning rate is `RANDOM_TABLE_LR` for a random table and `TABLE_LR` for
    fine-tuning, unless `table_lr` says otherwise.
    """
    import torch

    if mode not in MODES:
        raise CourseError(f"mode must be one of {', '.join(MODES)}, got {mode!r}")
    if not isinstance(features, BagOfPieces):
        raise CourseError(f"features must be a BagOfPieces from minilm_features() or "
                          f"word2vec_features(), got {type(features).__name__}")
    seed = validation.seed(seed)
    steps = validation.whole_number(steps, "steps", 1, 100_000)
    train = validation.array(train, "train", ndim=1, min_rows=1, dtype=None)
    test = validation.array(test, "test", ndim=1, min_rows=1, dtype=None)
    for name, rows in (("train", train), ("test", test)):
        if not np.issubdtype(rows.dtype, np.integer) or rows.min() < 0 \
                or rows.max() >= len(features.bags):
            raise CourseError(f"{name} must hold sentence numbers from 0 to "
                              f"{len(features.bags) - 1}, got {validation.shown(rows.tolist())}")
    labels = torch.as_tensor(np.asarray(labels), dtype=torch.float32)
    with single_thread():
        torch.manual_seed(seed)
        dim = features.table.shape[1]
        if mode == "random":  # same scale as the pretrained rows (mean length 1)
            start = torch.randn(features.table.shape) / dim ** 0.5
        else:
            start = torch.from_numpy(features.table.copy())
        head = torch.nn.Linear(dim, 1)
        groups = [{"params": list(head.parameters()), "lr": HEAD_LR,
                   "weight_decay": WEIGHT_DECAY}]
        # Only rows of pieces that occur in the training sentences ever get a gradient, so only
        # they can change: we train that slice (same result as training the whole table, faster).
        used = np.flatnonzero(features.bags[train].sum(axis=0) > 0)
        rows = torch.from_numpy(start[used].numpy().copy())
        if mode != "frozen":
            # no weight decay on the table: with Adam it would pull rows towards zero
            rows.requires_grad_(True)
            if table_lr is None:
                table_lr = RANDOM_TABLE_LR if mode == "random" else TABLE_LR
            groups.append({"params": [rows], "lr": float(table_lr), "weight_decay": 0.0})
        optimizer = torch.optim.Adam(groups)
        x = torch.from_numpy(features.bags[np.ix_(train, used)])
        y = labels[train]
        for _ in range(steps):
            optimizer.zero_grad()
            # mean of token vectors, then linear: (x @ rows) @ w, computed as x @ (rows @ w)
            logits = x @ (rows @ head.weight.T).squeeze(-1) + head.bias
            loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, y)
            if not torch.isfinite(loss):
                rates = ", ".join(f"{g['lr']:g}" for g in groups)
                raise TrainingDivergedError(
                    f"training diverged ({mode}, seed {seed}): the loss became NaN or "
                    f"infinite with learning rates lr={rates}; use smaller learning rates "
                    "(e.g. 10× smaller)")
            loss.backward()
            optimizer.step()
        with torch.no_grad():
            table = start.clone()
            table[used] = rows.detach()
            bags = torch.from_numpy(features.bags[test])
            logits = bags @ (table @ head.weight.T).squeeze(-1) + head.bias
            return float(((logits > 0).float() == labels[test]).float().mean())


@dataclass(frozen=True)
class Result:
    mode: str
    size: int
    accuracies: tuple

    @property
    def mean(self) -> float:
        return float(np.mean(self.accuracies))

    @property
    def spread(self) -> float:
        return float(np.std(self.accuracies))


def run_experiment(features: BagOfPieces, labels, split: Split, sizes=TRAIN_SIZES, seeds=SEEDS,
                   modes=MODES, progress: bool = True) -> dict:
    """{(mode, size): Result} over all seeds, with a progress bar."""
    from .display import progress_bar

    if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__iter__"):
        raise CourseError(f"sizes must be a list of training sizes, got {validation.shown(sizes)}")
    if isinstance(seeds, (str, bytes)) or not hasattr(seeds, "__iter__"):
        raise CourseError(f"seeds must be a list of seeds, got {validation.shown(seeds)}")
    sizes, seeds = list(sizes), [validation.seed(s, "seeds") for s in seeds]
    if not sizes or not seeds:
        raise CourseError("sizes and seeds must each hold at least one value (a training size, "
                          "a seed)")
    for mode in modes:
        validation.choice(mode, "modes", MODES)
    results = {}
    with progress_bar(len(sizes) * len(modes), "Training classifiers", show=progress) as bar:
        for size in sizes:
            trains = [training_indices(split, size, s) for s in seeds]
            for mode in modes:
                accs = tuple(train_classifier(features, labels, t, split.test, mode, s)
                             for t, s in zip(trains, seeds))
                results[(mode, int(size))] = Result(mode, int(size), accs)
                bar.update(1, f"{MODE_LABELS[mode]}, {size} sentences")
    return results


def results_rows(results: dict, size: int | None = None) -> list[tuple]:
    """Rows (training sentences, way, mean accuracy, ± spread, seeds) for a table."""
    rows = []
    for (mode, n), result in sorted(results.items(), key=lambda kv: (kv[0][1], MODES.index(kv[0][0]))):
        if size is None or n == size:
            rows.append((n, MODE_LABELS[mode], result.mean, result.spread, len(result.accuracies)))
    return rows


def unseen_test_share(examples, split: Split, train) -> float:
    """Share of the test sentences' tokens that never occur in the training sentences."""
    seen = {w for i in train for w in examples[i][0]}
    tokens = [w for i in split.test for w in examples[i][0]]
    return sum(1 for w in tokens if w not in seen) / max(len(tokens), 1)


# --------------------------------------------------------------------------- search
def top_k(queries, collection, k: int = 5, normalized: bool = False):
    """Exact top-k by cosine: one (queries × collection) matrix product, then a partial sort.

    Returns (indices, scores), each (queries, k), best first.
    """
    from .memory import check_memory

    q_shape, c_shape = validation.shape_of(queries), validation.shape_of(collection)
    q_rows = q_shape[0] if q_shape is not None and len(q_shape) == 2 else 1
    c_rows = c_shape[0] if c_shape else 0
    # scores (float32), their negated copy and argpartition's int64 indices, all q × c
    check_memory(q_rows * c_rows * (4 + 4 + 8),
                 f"top_k of {q_rows:,} queries against a collection of {c_rows:,} items",
                 "search with fewer queries at a time (a loop over batches of queries)")
    queries = np.atleast_2d(validation.array(queries, "queries", ndim=(1, 2), dtype=np.float32))
    collection = validation.array(collection, "collection", dtype=np.float32, min_rows=0)
    validation.flag(normalized, "normalized")
    if collection.ndim != 2 or collection.shape[0] == 0:
        raise CourseError(f"the collection must be a non-empty (items × dim) matrix, got shape "
                          f"{collection.shape}")
    if queries.shape[1] != collection.shape[1]:
        raise CourseError(f"queries have {queries.shape[1]} dimensions but the collection has "
                          f"{collection.shape[1]}")
    if not validation.is_whole_number(k) or not 1 <= k <= len(collection):
        raise CourseError(f"k must be a whole number from 1 to {len(collection):,} "
                          f"(the collection's size), got {k!r}")
    if not normalized:
        if not np.all(np.any(queries != 0, axis=1)):
            raise CourseError("a row of queries is all zeros, so its cosine with anything is "
                              "undefined: remove it")
        queries = queries / np.maximum(np.linalg.norm(queries, axis=1, keepdims=True), 1e-12)
        collection = collection / np.maximum(np.linalg.norm(collection, axis=1, keepdims=True), 1e-12)
    scores = queries @ collection.T                                  # (queries, items)
    part = np.argpartition(-scores, k - 1, axis=1)[:, :k]            # the k best, unordered
    part_scores = np.take_along_axis(scores, part, axis=1)
    order = np.argsort(-part_scores, axis=1, kind="stable")
    return np.take_along_axis(part, order, axis=1), np.take_along_axis(part_scores, order, axis=1)


def time_search(sizes, dim: int = 384, queries: int = 10, k: int = 5, repeats: int = 5,
                seed: int = 0) -> list[tuple[int, float, float]]:
    """(collection size, median ms per query batch, MiB of the collection) for growing sizes."""
    from .memory import check_memory

    k = validation.whole_number(k, "k", 1, 1_000)
    dim = validation.whole_number(dim, "dim", 1, 4_096)
    queries = validation.whole_number(queries, "queries", 1, 10_000)
    repeats = validation.whole_number(repeats, "repeats", 1, 1_000)
    seed = validation.seed(seed)
    if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__iter__"):
        raise CourseError(f"sizes must be a list of collection sizes, got "
                          f"{validation.shown(sizes)}")
    sizes = [validation.whole_number(s, "sizes") for s in sizes]
    if not sizes or min(sizes) < k or max(sizes) > 2_000_000:
        raise CourseError(f"sizes (collection sizes) must be between k={k} and 2,000,000 "
                          f"items, got {validation.shown(sizes)}")
    largest_size = max(sizes)
    # the random collection (float32), and per search the q × size scores and indices
    check_memory(largest_size * dim * 4 + queries * largest_size * 16,
                 f"time_search of sizes up to {largest_size:,} items with dim={dim:,}",
                 "use smaller sizes or a smaller dim")
    rng = np.random.default_rng(seed)
    largest = rng.standard_normal((max(sizes), dim), dtype=np.float32)  # no float64 copy
    largest /= np.linalg.norm(largest, axis=1, keepdims=True)
    q = rng.standard_normal((queries, dim)).astype(np.float32)
    q /= np.linalg.norm(q, axis=1, keepdims=True)
    rows = []
    for size in sizes:
        collection = largest[:size]
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            top_k(q, collection, k, normalized=True)
            times.append(time.perf_counter() - started)
        rows.append((size, 1000 * float(np.median(times)), collection.nbytes / 2**20))
    return rows


@functools.lru_cache(maxsize=1)
def _sentence_vectors_cached(texts: tuple) -> np.ndarray:
    import torch

    from .language_models import load_minilm_model
    from .subwords import load_wordpiece

    tokenizer = load_wordpiece()
    model = load_minilm_model(progress=False)
    vectors = []
    with torch.no_grad(), single_thread():
        for start in range(0, len(texts), 16):   # 16 at a time: a lower memory peak
            batch = texts[start:start + 16]
            encodings = [tokenizer.encode(t) for t in batch]
            length = max(len(e.ids) for e in encodings)
            ids = torch.zeros(len(batch), length, dtype=torch.long)
            mask = torch.zeros(len(batch), length, dtype=torch.long)
            for i, e in enumerate(encodings):
                ids[i, :len(e.ids)] = torch.tensor(e.ids)
                mask[i, :len(e.ids)] = 1
            out = model(input_ids=ids, attention_mask=mask).last_hidden_state
            summed = (out * mask.unsqueeze(-1)).sum(1) / mask.sum(1, keepdim=True)
            vectors.append(torch.nn.functional.normalize(summed, dim=1).numpy())
    from .memory import give_back_freed_memory

    give_back_freed_memory()   # the forward passes' freed buffers: ~110 MB of resident memory
    return np.concatenate(vectors)


def sentence_vectors(texts) -> np.ndarray:
    """MiniLM sentence embeddings (mean of the contextual outputs, unit length), (texts, 384)."""
    from .subwords import MODEL_MAX_TOKENS, check_text

    from .subwords import load_wordpiece

    texts = tuple(validation.texts(texts, "texts", max_items=100_000))
    tokenizer = load_wordpiece()
    for number, text in enumerate(texts):
        check_text(text)
        pieces = len(tokenizer.encode(text).ids)   # with [CLS] and [SEP]
        if pieces > MODEL_MAX_TOKENS:
            raise CourseError(f"texts[{number}] makes {pieces:,} WordPiece pieces but MiniLM "
                              f"has only {MODEL_MAX_TOKENS} positions: shorten it or split it "
                              "into chunks (nothing is cut off silently)")
    return _sentence_vectors_cached(texts)
