"""Skip-gram with a full softmax, the same with negative sampling, and CBOW, in PyTorch.

The course's skip-gram (`helpers.sgns`) scores a (centre, context) pair against 5 random
"negative" words. The original formulation scores it against **every** word of the vocabulary:

    P(context | centre) = exp(v_c · u_o) / Σ_w exp(v_c · u_w)      (a softmax over V words)

so one step costs V dot products per pair and gives a gradient to all V rows of the output
table. `SoftmaxSkipGram` is that model; `step_seconds` measures one training step of either
model at a chosen vocabulary size, to show why negative sampling was needed.

`CBOWModel` is the course's `SGNSModel` with one change: the vector that predicts is the
*mean of the context words' input vectors*, and the word predicted is the centre word.

Compute only: figures are in `helpers.word_vector_origins_views`.
"""
from __future__ import annotations

import inspect
import statistics
import time
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np
import torch
from torch import nn

from . import validation
from .errors import CourseError
from .initialization import init_embedding_weight
from .reproducibility import single_thread
from .sgns import (SGNSModel, Vocabulary, build_vocabulary, check_corpus_size, check_settings,
                   encode, negative_distribution, sample_negatives, skipgram_pairs)

MAX_TIMING_VOCAB = 200_000
# the course's SGNS start (word2vec's uniform ±0.5/N), whatever helpers.sgns calls it
INIT = inspect.signature(SGNSModel.__init__).parameters["init"].default


# --------------------------------------------------------------------------- models
class SoftmaxSkipGram(nn.Module):
    """Skip-gram with a full softmax: the centre vector scores all V output rows.

    `sparse=True` gives the input table sparse gradients (only the batch's rows), as the
    timing uses; the output table's gradient is dense whatever you do: every row is scored.
    """

    def __init__(self, vocab_size: int, dim: int, init: str = INIT,
                 seed: int = 0, sparse: bool = False):
        super().__init__()
        self.in_embed = nn.Embedding(vocab_size, dim, sparse=sparse)  # the vectors we keep
        self.out_embed = nn.Linear(dim, vocab_size, bias=False)      # V × N output table
        with torch.no_grad():
            self.in_embed.weight.copy_(init_embedding_weight(init, vocab_size, dim, seed))
            self.out_embed.weight.zero_()                            # as in word2vec

    def forward(self, centre, context) -> torch.Tensor:
        scores = self.out_embed(self.in_embed(centre))               # (B, V): every word
        return nn.functional.cross_entropy(scores, context)          # −log softmax, averaged


def sparse_sgns_model(vocab_size: int, dim: int, init: str = INIT,
                      seed: int = 0) -> SGNSModel:
    """The course's `SGNSModel` with sparse gradients: a step touches only the rows it used."""
    model = SGNSModel(vocab_size, dim, init, seed)
    model.in_embed.sparse = True
    model.out_embed.sparse = True
    return model


def sgns_loss(v, u_pos, u_neg) -> torch.Tensor:
    """−log σ(v·u_o) − Σ_k log σ(−v·u_k), averaged over the batch (as in `SGNSModel`)."""
    logsigmoid = nn.functional.logsigmoid
    positive = logsigmoid((v * u_pos).sum(-1))
    negative = logsigmoid(-torch.bmm(u_neg, v.unsqueeze(-1)).squeeze(-1)).sum(-1)
    return -(positive + negative).mean()


class CBOWModel(SGNSModel):
    """CBOW: the mean of the context words' input vectors predicts the centre word."""

    def forward(self, contexts, mask, centre, negatives) -> torch.Tensor:
        # contexts: (B, 2·window) word IDs, padded; mask: 1.0 where a real context word is
        vectors = self.in_embed(contexts) * mask.unsqueeze(-1)
        v = vectors.sum(1) / mask.sum(1, keepdim=True)               # the context's mean
        return sgns_loss(v, self.out_embed(centre), self.out_embed(negatives))


def cbow_examples(encoded: Sequence[Sequence[int]], window: int):
    """One CBOW example per position: (contexts (P, 2w) padded with 0, mask (P, 2w), centres (P,)).

    The context is every word at most `window` places away in the same sentence.
    """
    window = validation.whole_number(window, "window", 1, 20, between=True)
    contexts, masks, centres = [], [], []
    width = 2 * window
    for sentence in encoded:
        for i, centre in enumerate(sentence):
            around = [sentence[j] for j in range(max(0, i - window),
                                                 min(len(sentence), i + window + 1)) if j != i]
            if not around:
                continue
            contexts.append(around + [0] * (width - len(around)))
            masks.append([1.0] * len(around) + [0.0] * (width - len(around)))
            centres.append(centre)
    if not centres:
        raise CourseError("no position has a context word: give sentences of at least 2 "
                          "known words")
    return (torch.tensor(contexts, dtype=torch.long), torch.tensor(masks),
            torch.tensor(centres, dtype=torch.long))


# --------------------------------------------------------------------------- training
@dataclass
class Run:
    """A trained model's vocabulary, its input vectors (the word vectors) and loss per epoch."""
    kind: str
    vocab: Vocabulary
    vectors: np.ndarray
    losses: list[float]
    seconds: float = 0.0
    settings: dict = field(default_factory=dict)

    @property
    def words(self) -> list[str]:
        return self.vocab.words


def train_toy(sentences, kind: str = "softmax", dim: int = 10, epochs: int = 8,
              lr: float = 0.5, negatives: int = 5, window: int = 2, batch_size: int = 256,
              init: str = INIT, min_count: int = 1, seed: int = 0,
              progress: bool = False) -> Run:
    """Train `kind` = "softmax" (full-softmax skip-gram), "sgns" or "cbow" with plain SGD.

    The same loop as `helpers.sgns.train_readable` (shuffled batches, one seed for the order
    and the negatives), so the three models differ only in what they predict and how.
    """
    from .display import progress_bar

    kind = validation.choice(kind, "kind", ("softmax", "sgns", "cbow"))
    check_settings(dim, window, negatives, lr, epochs)
    batch_size = validation.whole_number(batch_size, "batch_size", low=1)
    min_count = validation.whole_number(min_count, "min_count", low=1)
    seed = validation.seed(seed)
    vocab = build_vocabulary(sentences, min_count)
    encoded = encode(sentences, vocab)
    check_corpus_size(encoded, window)
    generator = torch.Generator().manual_seed(seed)
    distribution = negative_distribution(vocab.counts)
    size = len(vocab)
    if kind == "cbow":
        data = cbow_examples(encoded, window)
        model = CBOWModel(size, dim, init, seed)
    else:
        pairs = skipgram_pairs(encoded, window)
        data = (pairs[:, 0], pairs[:, 1])
        # dense gradients: at toy sizes they are cheaper than sparse bookkeeping
        model = SoftmaxSkipGram(size, dim, init, seed) if kind == "softmax" \
            else SGNSModel(size, dim, init, seed)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    count = len(data[0])
    losses = []
    started = time.perf_counter()
    with progress_bar(epochs, f"{kind} epochs", show=progress) as bar, single_thread():
        for _ in range(epochs):
            order = torch.randperm(count, generator=generator)
            total = 0.0
            for start in range(0, count, batch_size):
                rows = order[start:start + batch_size]
                batch = [part[rows] for part in data]
                if kind == "softmax":
                    loss = model(*batch)
                else:
                    negs = sample_negatives(distribution, (len(rows), negatives), generator)
                    loss = model(*batch, negs)
                value = validation.finite_loss(loss, lr, f"(kind={kind!r})")
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
                total += value * len(rows)
            losses.append(total / count)
            bar.update(1, f"(loss {losses[-1]:.3f})")
    return Run(kind, vocab, model.in_embed.weight.detach().numpy().copy(), losses,
               time.perf_counter() - started,
               dict(dim=dim, epochs=epochs, lr=lr, negatives=negatives, window=window,
                    batch_size=batch_size, seed=seed))


def shared_neighbours(run_a: Run, run_b: Run, word: str, k: int = 5) -> tuple[list, list, int]:
    """The `k` nearest neighbours of `word` in two runs, and how many they have in common."""
    from .vectors import nearest_neighbors

    a = [w for w, _ in nearest_neighbors(word, run_a.words, run_a.vectors, k)]
    b = [w for w, _ in nearest_neighbors(word, run_b.words, run_b.vectors, k)]
    return a, b, len(set(a) & set(b))


# --------------------------------------------------------------------------- cost per step
def step_seconds(kind: str, vocab_size: int, dim: int = 100, batch_size: int = 256,
                 negatives: int = 5, repeats: int = 5, seed: int = 0) -> float:
    """The fastest of `repeats` seconds of one SGD step (forward, backward, update) at `vocab_size` words.

    `kind` is "softmax" (every output row scored and updated) or "sgns" (the batch's rows
    only, sparse gradients). Random word IDs stand in for a corpus: the cost depends on the
    sizes, not on which words they are. One warm-up step is not counted.
    """
    kind = validation.choice(kind, "kind", ("softmax", "sgns"))
    vocab_size = validation.whole_number(vocab_size, "vocab_size", 2, MAX_TIMING_VOCAB,
                                         between=True)
    dim = validation.whole_number(dim, "dim", low=1)
    batch_size = validation.whole_number(batch_size, "batch_size", low=1)
    negatives = validation.whole_number(negatives, "negatives", low=1)
    repeats = validation.whole_number(repeats, "repeats", low=1)
    seed = validation.seed(seed)
    generator = torch.Generator().manual_seed(seed)
    model = SoftmaxSkipGram(vocab_size, dim, seed=seed, sparse=True) if kind == "softmax" \
        else sparse_sgns_model(vocab_size, dim, seed=seed)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    distribution = torch.full((vocab_size,), 1.0 / vocab_size)
    times = []
    with single_thread():
        for step in range(repeats + 1):
            centre = torch.randint(vocab_size, (batch_size,), generator=generator)
            context = torch.randint(vocab_size, (batch_size,), generator=generator)
            negs = sample_negatives(distribution, (batch_size, negatives), generator)
            started = time.perf_counter()
            loss = model(centre, context) if kind == "softmax" else model(centre, context, negs)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if step:
                times.append(time.perf_counter() - started)
            validation.finite_loss(loss, 0.01, f"(timing kind={kind!r})")   # outside the timed part
    # the fastest repeat: other programs on the machine can only slow a step down
    return min(times)


def step_cost_table(vocab_sizes: Sequence[int] = (1_000, 5_000, 20_000, 50_000),
                    dim: int = 100, batch_size: int = 128, repeats: int = 5) -> list[dict]:
    """`step_seconds` of both models at each vocabulary size, and the work each step does."""
    rows = []
    for size in vocab_sizes:
        rows.append({"vocab_size": int(size),
                     "softmax_ms": 1000 * step_seconds("softmax", size, dim, batch_size,
                                                       repeats=repeats),
                     # an SGNS step takes about a millisecond: more repeats, so that one
                     # busy moment of the machine cannot make it look slow
                     "sgns_ms": 1000 * step_seconds("sgns", size, dim, batch_size,
                                                    repeats=10 * repeats),
                     "softmax_dot_products": batch_size * size,
                     "sgns_dot_products": batch_size * (1 + 5)})
    return rows
