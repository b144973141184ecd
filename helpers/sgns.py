"""Skip-gram with negative sampling (SGNS) in PyTorch: a readable version and a fast one.

Word2Vec's skip-gram learns two tables of V × N numbers:

* the **input** table `W_in` (one row per word when it is the centre word): these rows are the
  word vectors we keep at the end;
* the **output** table `W_out` (one row per word when it is a context word).

For a (centre, context) pair seen in the text, training pushes the dot product
`W_in[centre] · W_out[context]` up; for a few random "negative" words drawn from the unigram
distribution raised to the power 0.75, it pushes `W_in[centre] · W_out[negative]` down. The loss
of one pair is the logistic loss

    -log σ(v_c · u_o) - Σ_k log σ(-v_c · u_k)

Only the rows of the centre, the context and the negatives appear in it, so only those rows get
a gradient and only those rows change in one step.

Two trainers:

* `train_readable`: `nn.Embedding` tables, `SGNSModel.forward` returns the loss, autograd and
  `torch.optim.SGD` do the rest. Clear, and fast enough for the toy corpus (seconds). It records
  snapshots of the vectors after every epoch, for the animation in `helpers.sgns_views`.
* `train_fast`: the same maths with plain tensors and gradients written by hand, applied with
  `index_add_` to the rows that appear in a batch; pairs are built for a whole epoch at once
  with NumPy (gensim's random window shrinking, frequent-word subsampling), shuffled, cut into
  large batches; negatives are shared by all pairs of a batch (one matrix product) or drawn per
  pair; the learning rate decays linearly, as in gensim. Used on the ~510k-token bundled corpus.
"""
from __future__ import annotations

import math
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np
import torch
from torch import nn

from . import validation
from .errors import CourseError
from .initialization import init_embedding_weight

MAX_DIM = 1000
LOSS_EVERY = 8  # the fast trainer measures the loss on one batch in 8 (it costs time)


# --------------------------------------------------------------------------- checking input
def _check_sentences(sentences) -> list[list[str]]:
    return validation.token_lists(sentences, "sentences")


def _check_whole(name: str, value, low: int, high: int, why: str = "") -> int:
    return validation.whole_number(value, name, low, high, why=why, between=True)


def check_diverged(loss: float, epoch: int, lr: float, table=None) -> None:
    """Stop a run whose loss (or, when given, table) became NaN or infinite, with one sentence
    (`validation.finite_loss`'s, the one every trainer uses)."""
    if table is not None and not bool(torch.isfinite(table).all()):
        loss = float("nan")   # the vectors broke even if the sampled loss did not show it yet
    validation.finite_loss(loss, lr, when=f"in epoch {epoch + 1}")


def check_settings(dim: int, window: int, negatives: int, lr: float, epochs: int) -> None:
    """Raise a one-sentence `CourseError` for a setting that cannot work."""
    _check_whole("dimension", dim, 1, MAX_DIM,
                 " (0 would mean no vector at all)" if dim == 0 else "")
    _check_whole("window", window, 1, 20)
    _check_whole("negatives", negatives, 1, 50,
                 " (0 negatives would let every vector grow without bound)" if negatives == 0
                 else "")
    _check_whole("epochs", epochs, 1, 100)
    scalar = validation._scalar(lr)
    if not isinstance(scalar, (int, float, np.floating, np.integer)) or isinstance(lr, bool) \
            or not math.isfinite(float(scalar)):
        raise CourseError(f"lr (the learning rate) must be a number, got {lr!r}")
    lr = validation.number(lr, "lr")
    if lr <= 0:
        raise CourseError(f"the learning rate must be positive (a step size), got {lr}: "
                          "a negative one would climb the loss instead of descending it")
    if lr > 100:
        raise CourseError(f"a learning rate of {lr} makes every step overshoot; "
                          "try something between 0.01 and 1")


# --------------------------------------------------------------------------- vocabulary
@dataclass
class Vocabulary:
    """Words kept for training (count ≥ min_count), most frequent first, and their counts."""
    words: list[str]
    counts: np.ndarray
    index: dict[str, int] = field(repr=False)

    def __len__(self) -> int:
        return len(self.words)

    def ids(self, sentence: Sequence[str]) -> list[int]:
        return [self.index[w] for w in sentence if w in self.index]


def build_vocabulary(sentences, min_count: int = 1) -> Vocabulary:
    sentences = _check_sentences(sentences)
    _check_whole("min_count", min_count, 1, 1_000_000)
    counts = Counter(w for s in sentences for w in s)
    kept = [(w, c) for w, c in counts.items() if c >= min_count]
    # most frequent first; ties alphabetical, so the order never depends on the text's order
    kept.sort(key=lambda item: (-item[1], item[0]))
    if len(kept) < 2:
        raise CourseError(f"min_count={min_count} keeps {len(kept)} word(s) of this corpus "
                          f"({len(counts)} distinct): lower min_count or use a bigger corpus")
    words = [w for w, _ in kept]
    return Vocabulary(words, np.array([c for _, c in kept], dtype=np.int64),
                      {w: i for i, w in enumerate(words)})


def encode(sentences, vocab: Vocabulary) -> list[list[int]]:
    """Each sentence as the IDs of its words, words outside the vocabulary dropped."""
    return [vocab.ids(s) for s in sentences]


def check_corpus_size(encoded: Sequence[Sequence[int]], window: int) -> int:
    """The number of known tokens; a `CourseError` if the text is not longer than the window."""
    tokens = sum(len(s) for s in encoded)
    if tokens <= window:
        raise CourseError(f"the corpus has {tokens} known word(s), not more than the window of "
                          f"{window}: give a longer text (or a smaller window and min_count)")
    if max(len(s) for s in encoded) < 2:
        raise CourseError("every sentence has fewer than 2 known words, so there is no "
                          "(centre, context) pair: use a bigger corpus or a lower min_count")
    return tokens


# --------------------------------------------------------------------------- readable pieces
def skipgram_pairs(encoded: Sequence[Sequence[int]], window: int) -> torch.Tensor:
    """Every (centre, context) pair with the context at most `window` words away: shape (P, 2).

    Written as two plain loops so it can be read; `epoch_pairs` does the same with NumPy.
    """
    window = _check_whole("window", window, 1, 20)
    longest = max((len(s) for s in encoded), default=0)
    if longest < 2:
        raise CourseError("every sentence has fewer than 2 known words, so there is no "
                          "(centre, context) pair: use a bigger corpus or a lower min_count")
    pairs = []
    for sentence in encoded:
        for i, centre in enumerate(sentence):
            for j in range(max(0, i - window), min(len(sentence), i + window + 1)):
                if j != i:
                    pairs.append((centre, sentence[j]))
    return torch.tensor(pairs, dtype=torch.long)


def negative_distribution(counts, power: float = 0.75) -> torch.Tensor:
    """P(word) ∝ count^0.75: frequent words are drawn less often than their share of the text."""
    counts = torch.as_tensor(np.asarray(counts), dtype=torch.float64)
    weights = counts ** power
    return (weights / weights.sum()).float()


def sample_negatives(distribution: torch.Tensor, shape, generator=None) -> torch.Tensor:
    """Word IDs drawn from `distribution` (with replacement), in a tensor of `shape`."""
    shape = tuple(shape) if not isinstance(shape, int) else (shape,)
    total = int(np.prod(shape))
    drawn = torch.multinomial(distribution, total, replacement=True, generator=generator)
    return drawn.reshape(shape)


def pair_loss(centre_vector, context_vector, negative_vectors) -> torch.Tensor:
    """The SGNS loss of one pair: -log σ(v·u_o) - Σ_k log σ(-v·u_k)."""
    centre_vector = torch.as_tensor(centre_vector, dtype=torch.float32)
    context_vector = torch.as_tensor(context_vector, dtype=torch.float32)
    negative_vectors = torch.as_tensor(negative_vectors, dtype=torch.float32).reshape(
        -1, centre_vector.shape[-1])
    positive = torch.nn.functional.logsigmoid(centre_vector @ context_vector)
    negative = torch.nn.functional.logsigmoid(-(negative_vectors @ centre_vector)).sum()
    return -(positive + negative)


class SGNSModel(nn.Module):
    """Two embedding tables and the logistic loss: the whole of skip-gram with negatives."""

    def __init__(self, vocab_size: int, dim: int, init: str = "uniform(±0.5/N) word2vec",
                 seed: int = 0):
        super().__init__()
        self.in_embed = nn.Embedding(vocab_size, dim)    # centre words: the vectors we keep
        self.out_embed = nn.Embedding(vocab_size, dim)   # context words
        with torch.no_grad():
            self.in_embed.weight.copy_(init_embedding_weight(init, vocab_size, dim, seed))
            # word2vec starts the output table at zero; the input table alone breaks symmetry
            self.out_embed.weight.zero_()

    def forward(self, centre, context, negatives) -> torch.Tensor:
        v = self.in_embed(centre)                 # (B, N)
        u_pos = self.out_embed(context)           # (B, N)
        u_neg = self.out_embed(negatives)         # (B, K, N)
        positive = nn.functional.logsigmoid((v * u_pos).sum(-1))                       # (B,)
        negative = nn.functional.logsigmoid(-torch.bmm(u_neg, v.unsqueeze(-1)).squeeze(-1))
        return -(positive + negative.sum(-1)).mean()


@dataclass
class TrainingRun:
    """What a training run returns: the vocabulary, the vectors, the loss and the snapshots."""
    vocab: Vocabulary
    vectors: np.ndarray                    # W_in after training (V × N)
    losses: list[float]                    # mean loss per epoch
    snapshots: list[np.ndarray]            # W_in before training and after each epoch
    seconds: float = 0.0
    settings: dict = field(default_factory=dict)

    @property
    def words(self) -> list[str]:
        return self.vocab.words


def train_readable(sentences, dim: int = 10, epochs: int = 10, lr: float = 0.5,
                   negatives: int = 5, window: int = 2, batch_size: int = 256,
                   init: str = "uniform(±0.5/N) word2vec", min_count: int = 1, seed: int = 0,
                   progress: bool = False, keep_snapshots: bool = True) -> TrainingRun:
    """Train `SGNSModel` with autograd and plain SGD; one snapshot of W_in per epoch."""
    from .display import progress_bar

    check_settings(dim, window, negatives, lr, epochs)
    batch_size = _check_whole("batch_size", batch_size, 1, 1_000_000)
    seed = validation.seed(seed)
    sentences = _check_sentences(sentences)
    vocab = build_vocabulary(sentences, min_count)
    encoded = encode(sentences, vocab)
    tokens = check_corpus_size(encoded, window)
    from .memory import check_pairs

    # a Python list of (centre, context) tuples, then a tensor: ~136 bytes per pair
    check_pairs(tokens, window, 136, "train_readable")
    pairs = skipgram_pairs(encoded, window)
    distribution = negative_distribution(vocab.counts)
    generator = torch.Generator().manual_seed(seed)
    model = SGNSModel(len(vocab), dim, init, seed)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    snapshots = [model.in_embed.weight.detach().numpy().copy()] if keep_snapshots else []
    losses = []
    started = time.perf_counter()
    with progress_bar(epochs, "SGNS epochs", show=progress) as bar:
        for _ in range(epochs):
            order = torch.randperm(len(pairs), generator=generator)
            total = 0.0
            for start in range(0, len(pairs), batch_size):
                batch = pairs[order[start:start + batch_size]]
                negs = sample_negatives(distribution, (len(batch), negatives), generator)
                loss = model(batch[:, 0], batch[:, 1], negs)
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
                total += loss.item() * len(batch)
            losses.append(total / len(pairs))
            check_diverged(losses[-1], len(losses) - 1, lr)
            if keep_snapshots:
                snapshots.append(model.in_embed.weight.detach().numpy().copy())
            bar.update(1, f"(loss {losses[-1]:.3f})")
    return TrainingRun(vocab, model.in_embed.weight.detach().numpy().copy(), losses, snapshots,
                       time.perf_counter() - started,
                       dict(dim=dim, epochs=epochs, lr=lr, negatives=negatives, window=window,
                            batch_size=batch_size, init=init, seed=seed))


def changed_rows(before: torch.Tensor, after: torch.Tensor) -> list[int]:
    """The row numbers where two copies of a table differ."""
    return torch.nonzero((before != after).any(dim=1)).flatten().tolist()


# the word groups of the toy corpus (see tools/make_toy_corpus.py): what training should find
TOY_GROUPS = {
    "animal": ["dog", "cat", "fox", "duck", "horse", "cow", "sheep", "rabbit"],
    "fruit": ["apple", "banana", "orange", "mango", "pear", "grape", "cherry", "lemon"],
    "city": ["london", "paris", "boston", "tokyo", "berlin", "rome", "madrid", "cairo"],
}


def toy_word_rows(vocab: Vocabulary) -> tuple[list[int], list[str], list[str]]:
    """(rows, words, groups) of the toy group words present in `vocab`."""
    found = [(vocab.index[w], w, g) for g, ws in TOY_GROUPS.items() for w in ws
             if w in vocab.index]
    if len(found) < 2:
        raise CourseError("fewer than 2 of the toy corpus's group words are in this vocabulary: "
                          "train on helpers.data.load_toy_corpus()")
    rows, words, groups = (list(x) for x in zip(*found))
    return rows, words, groups


def group_separation(vocab: Vocabulary, matrix) -> float:
    """Mean cosine between words of the same toy group minus that between different groups.

    About 0 for random vectors; the larger, the better the groups are separated.
    """
    from .vectors import normalize_rows

    rows, _, groups = toy_word_rows(vocab)
    unit = normalize_rows(np.asarray(matrix)[rows])
    cos = unit @ unit.T
    labels = np.array(groups)
    same = labels[:, None] == labels[None, :]
    np.fill_diagonal(same, False)
    other = labels[:, None] != labels[None, :]
    return float(cos[same].mean() - cos[other].mean())


# --------------------------------------------------------------------------- fast trainer
def keep_probabilities(counts, sample: float) -> np.ndarray:
    """gensim's subsampling: the chance of keeping each occurrence of each word.

    A word making up a share f of the text is kept with probability (√(f/s) + 1)·s/f (capped at
    1): rare words always, "the" only now and then.
    """
    counts = np.asarray(counts, dtype=np.float64)
    if sample <= 0:
        return np.ones_like(counts)
    threshold = sample * counts.sum()
    return np.minimum(1.0, (np.sqrt(counts / threshold) + 1.0) * threshold / counts)


def epoch_pairs(ids: np.ndarray, sentence_of: np.ndarray, window: int,
                keep: np.ndarray | None, rng: np.random.Generator) -> np.ndarray:
    """All (centre, context) pairs of one epoch, built with array operations: shape (P, 2).

    As in word2vec: frequent words are dropped at random first (`keep`), then each centre word
    uses a window of a random size between 1 and `window` (nearer words count more often).
    """
    if keep is not None:
        mask = rng.random(len(ids)) < keep[ids]
        ids, sentence_of = ids[mask], sentence_of[mask]
    reach = rng.integers(1, window + 1, size=len(ids))
    centres, contexts = [], []
    for d in range(1, window + 1):
        same = sentence_of[:-d] == sentence_of[d:]
        right = same & (reach[:-d] >= d)     # centre i, context i + d
        left = same & (reach[d:] >= d)       # centre i + d, context i
        centres += [ids[:-d][right], ids[d:][left]]
        contexts += [ids[d:][right], ids[:-d][left]]
    return np.stack([np.concatenate(centres), np.concatenate(contexts)], axis=1)


def flatten_corpus(encoded: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
    lengths = np.array([len(s) for s in encoded], dtype=np.int64)
    ids = np.fromiter((w for s in encoded for w in s), dtype=np.int64, count=int(lengths.sum()))
    sentence_of = np.repeat(np.arange(len(encoded)), lengths)
    return ids, sentence_of


@dataclass(frozen=True)
class FastSettings:
    dim: int = 100
    window: int = 5
    negatives: int = 5
    epochs: int = 5
    min_count: int = 5
    sample: float = 1e-3
    # start; decays linearly to lr * min_lr_fraction. Twice gensim's 0.025: on this small corpus
    # the same 5 epochs then reach WordSim353 ≈ 0.48 instead of ≈ 0.29 (benchmarks/sgns_frontier.py)
    lr: float = 0.05
    min_lr_fraction: float = 0.0001 / 0.025
    batch_size: int = 1024
    shared_negatives: int = 16  # 0 = draw `negatives` per pair instead of sharing them
    init: str = "uniform(±0.5/N) word2vec"
    threads: int = 1
    seed: int = 0


def _sgd_step(w_in, w_out, centres, contexts, negatives, lr, k, shared, want_loss=False):
    """One hand-written SGD step on the rows used by a batch (no autograd).

    With σ the logistic function, the loss of a pair has the gradients
      ∂/∂v_c = -(1 - σ(v_c·u_o)) u_o + Σ_k σ(v_c·u_k) u_k
      ∂/∂u_o = -(1 - σ(v_c·u_o)) v_c
      ∂/∂u_k =  σ(v_c·u_k) v_c
    and each row moves by -lr × its gradient (summed over the batch with index_add_).
    Returns the batch's summed loss if `want_loss` (it costs a little), else 0.0.
    """
    v = w_in.index_select(0, centres)                   # (B, N)
    u_pos = w_out.index_select(0, contexts)             # (B, N)
    pos_score = (v * u_pos).sum(1)
    g_pos = torch.sigmoid(-pos_score)                   # 1 - σ(s)
    if shared:
        # every pair uses all S shared negatives, each weighted k/S: the same expected push
        # as k negatives per pair, computed with two matrix products
        u_neg = w_out.index_select(0, negatives)        # (S, N)
        weight = k / u_neg.shape[0]
        neg_score = v @ u_neg.T                         # (B, S)
        g_neg = torch.sigmoid(neg_score).mul_(weight)
        grad_v = torch.addmm(u_pos.mul(g_pos[:, None]), g_neg, u_neg, alpha=-1.0)
        w_out.index_add_(0, negatives, g_neg.T @ v, alpha=-lr)
    else:
        weight = 1.0
        u_neg = w_out[negatives]                        # (B, K, N)
        neg_score = torch.bmm(u_neg, v.unsqueeze(2)).squeeze(2)   # (B, K)
        g_neg = torch.sigmoid(neg_score)
        grad_v = u_pos.mul(g_pos[:, None]) - (g_neg.unsqueeze(2) * u_neg).sum(1)
        grad_neg = g_neg.unsqueeze(2) * v.unsqueeze(1)            # (B, K, N)
        w_out.index_add_(0, negatives.reshape(-1), grad_neg.reshape(-1, v.shape[1]), alpha=-lr)
    # grad_v holds minus the gradient here, so rows move by +lr × grad_v
    w_out.index_add_(0, contexts, v.mul_(g_pos[:, None]), alpha=lr)
    w_in.index_add_(0, centres, grad_v, alpha=lr)
    if not want_loss:
        return 0.0
    softplus = torch.nn.functional.softplus
    return float(softplus(-pos_score).sum() + softplus(neg_score).sum() * weight)


def _shared_step(table, rows, negatives, lr, weight, want_loss=False):
    """The shared-negatives step on one table that stacks W_in (rows 0..V-1) over W_out (V..2V-1).

    `rows` holds the batch's B centre rows followed by its B context rows (already offset by V),
    `negatives` the S shared negative rows (offset by V). Same maths as `_sgd_step`, with fewer,
    larger operations: two gathers, three matrix products, two scatters with index_add_.
    """
    batch = rows.shape[0] // 2
    vu = table.index_select(0, rows)                    # (2B, N): centres then contexts
    v, u_pos = vu[:batch], vu[batch:]
    u_neg = table.index_select(0, negatives)            # (S, N)
    pos_score = (v * u_pos).sum(1)
    g_pos = torch.sigmoid(-pos_score).unsqueeze(1)      # 1 - σ(v·u_o)
    neg_score = v @ u_neg.T                             # (B, S)
    g_neg = torch.sigmoid(neg_score).mul_(weight)       # σ(v·u_k), weighted k/S
    step = torch.empty_like(vu)
    torch.addmm(u_pos * g_pos, g_neg, u_neg, alpha=-1.0, out=step[:batch])   # -∂loss/∂v
    torch.mul(v, g_pos, out=step[batch:])                                     # -∂loss/∂u_o
    neg_step = g_neg.T @ v                              # +∂loss/∂u_k  (S, N)
    table.index_add_(0, rows, step, alpha=lr)
    table.index_add_(0, negatives, neg_step, alpha=-lr)
    if not want_loss:
        return 0.0
    softplus = torch.nn.functional.softplus
    return float(softplus(-pos_score).sum() + softplus(neg_score).sum() * weight)


def train_fast(sentences, settings: FastSettings | None = None, progress: bool = True,
               snapshot_words: Sequence[str] | None = None,
               on_epoch: Callable[[int, np.ndarray], None] | None = None,
               **overrides) -> TrainingRun:
    """SGNS with NumPy-built pairs, big shuffled batches and hand-written sparse updates.

    `overrides` change single settings: `train_fast(corpus, epochs=2, dim=50)`.
    Deterministic for a given seed and thread count (threads=1 in the notebooks).
    """
    from dataclasses import asdict, replace

    from .display import progress_bar

    settings = validation.settings(settings, FastSettings, "settings", "FastSettings(epochs=10)")
    validation.unknown_keywords(overrides, FastSettings)
    try:
        settings = replace(settings, **overrides)
    except TypeError as error:
        raise CourseError(f"unknown setting: {error}") from None
    s = settings
    check_settings(s.dim, s.window, s.negatives, s.lr, s.epochs)
    _check_whole("batch_size", s.batch_size, 1, 1_000_000)
    _check_whole("shared_negatives", s.shared_negatives, 0, 10_000)
    _check_whole("threads", s.threads, 1, 256)
    _check_whole("min_count", s.min_count, 1, 1_000_000)
    validation.seed(s.seed, "seed")
    validation.number(s.min_lr_fraction, "min_lr_fraction", 0.0, 1.0)
    if not isinstance(s.sample, (int, float, np.floating)) or isinstance(s.sample, bool) \
            or not 0 <= s.sample < 1:
        raise CourseError(f"sample is the subsampling threshold, between 0 (off) and 1, "
                          f"got {s.sample!r}")
    sentences = _check_sentences(sentences)
    if snapshot_words is not None:
        snapshot_words = validation.tokens(snapshot_words, "snapshot_words")
    started = time.perf_counter()
    previous_threads = torch.get_num_threads()
    torch.set_num_threads(s.threads)
    try:
        vocab = build_vocabulary(sentences, s.min_count)
        encoded = encode(sentences, vocab)
        tokens = check_corpus_size(encoded, s.window)
        from .memory import check_pairs

        # one epoch's pairs: pieces, their concatenation, the stacked and shuffled copies
        # (int64), ~64 bytes per pair; random windows give window + 1 pairs per token on average
        check_pairs(tokens, s.window, 64, "train_fast", pairs_per_token=s.window + 1)
        ids, sentence_of = flatten_corpus(encoded)
        rng = np.random.default_rng(s.seed)
        generator = torch.Generator().manual_seed(s.seed)
        keep = keep_probabilities(vocab.counts, s.sample)
        distribution = negative_distribution(vocab.counts)
        size = len(vocab)
        # one table: rows 0..V-1 are W_in (the word vectors), rows V..2V-1 are W_out
        table = torch.zeros(2 * size, s.dim)
        table[:size] = init_embedding_weight(s.init, size, s.dim, s.seed)
        w_in, w_out = table[:size], table[size:]          # views, no copies
        watch = [vocab.index[w] for w in snapshot_words if w in vocab.index] \
            if snapshot_words is not None else None
        snapshots = [w_in[watch].numpy().copy()] if watch is not None else []
        expected_pairs, done, losses = None, 0, []
        with progress_bar(s.epochs, "SGNS epochs (fast)", show=progress) as bar:
            for epoch in range(s.epochs):
                pairs = epoch_pairs(ids, sentence_of, s.window, keep, rng)
                order = rng.permutation(len(pairs))
                centres, contexts = pairs[order, 0], pairs[order, 1] + size
                if expected_pairs is None:
                    # the learning rate falls linearly over the planned number of pairs
                    expected_pairs = len(pairs) * s.epochs
                starts = range(0, len(pairs), s.batch_size)
                if s.shared_negatives:   # all of this epoch's negatives in one draw
                    epoch_negs = sample_negatives(distribution, (len(starts), s.shared_negatives),
                                                  generator) + size
                total, counted = 0.0, 0
                for step, start in enumerate(starts):
                    c = centres[start:start + s.batch_size]
                    o = contexts[start:start + s.batch_size]
                    lr = s.lr * max(s.min_lr_fraction, 1.0 - done / expected_pairs)
                    want_loss = step % LOSS_EVERY == 0
                    if s.shared_negatives:
                        rows = torch.from_numpy(np.concatenate([c, o]))
                        loss = _shared_step(table, rows, epoch_negs[step], lr,
                                            s.negatives / s.shared_negatives, want_loss)
                    else:
                        negs = sample_negatives(distribution, (len(c), s.negatives), generator)
                        loss = _sgd_step(w_in, w_out, torch.from_numpy(c),
                                         torch.from_numpy(o - size), negs, lr, s.negatives,
                                         False, want_loss)
                    if want_loss:
                        total += loss
                        counted += len(c)
                    done += len(c)
                losses.append(total / max(counted, 1))
                check_diverged(losses[-1], epoch, s.lr, table)
                if watch is not None:
                    snapshots.append(w_in[watch].numpy().copy())
                if on_epoch is not None:
                    on_epoch(epoch, w_in.numpy())
                bar.update(1, f"(loss {losses[-1]:.3f})")
    finally:
        torch.set_num_threads(previous_threads)
    return TrainingRun(vocab, table[:size].numpy().copy(), losses, snapshots,
                       time.perf_counter() - started, asdict(settings))


# --------------------------------------------------------------------------- measured frontier
FRONTIER_FILE = "sgns_frontier.csv"   # in data/: medians written by benchmarks/sgns_frontier.py


def frontier_points(path=None) -> list[dict]:
    """The measured quality–time frontier: one dict per (trainer, epochs) with the median CPU
    seconds, WordSim353 and SimLex-999 over the seeds (numbers saved by
    `benchmarks/sgns_frontier.py --publish`, read from a file: the same on every machine)."""
    import csv

    from .paths import DATA_DIR

    path = DATA_DIR / FRONTIER_FILE if path is None else validation.path(path)
    if not path.exists():
        raise CourseError(f"no frontier file at {path}: run "
                          "benchmarks/sgns_frontier.py --publish first")
    with open(path, newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["epochs"], row["seeds"] = int(row["epochs"]), int(row["seeds"])
        for key in ("cpu_seconds", "wordsim353", "simlex999"):
            row[key] = float(row[key])
    return rows
