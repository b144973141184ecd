"""Skip-gram with negative sampling worked by hand, and the proof that an ID is only an address.

* `pair_gradients(v, u_o, u_neg)`: the loss of one (centre, context) pair with its negatives and
  the three gradients, from the formulas (no autograd), in float64 NumPy;
* `sgd_update(...)`: one SGD step on those vectors, everything returned so it can be drawn;
* `train_with_ids(sentences, id_of, ...)`: the readable trainer of `helpers.sgns`, but with the
  words numbered by `id_of` (any permutation). With `same_start=True` each word starts from the
  same random numbers and sees the same negatives whatever its ID, so the trained vectors are
  identical word by word: renumbering changes nothing but the row each word is stored in.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from .errors import CourseError
from .reproducibility import single_thread
from .sgns import (SGNSModel, build_vocabulary, check_corpus_size, check_diverged,
                   check_settings, encode, negative_distribution, sample_negatives,
                   skipgram_pairs)

DEFAULT_INIT = "uniform(±0.5/N) word2vec"


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def _vectors(v, u_o, u_neg):
    v = np.asarray(v, dtype=np.float64).reshape(-1)
    u_o = np.asarray(u_o, dtype=np.float64).reshape(-1)
    u_neg = np.asarray(u_neg, dtype=np.float64)
    u_neg = u_neg.reshape(-1, v.shape[0]) if u_neg.size else np.zeros((0, v.shape[0]))
    if u_o.shape != v.shape:
        raise CourseError(f"the centre vector has {v.shape[0]} numbers but the context vector "
                          f"has {u_o.shape[0]}: give vectors of the same length")
    return v, u_o, u_neg


def pair_gradients(v, u_o, u_neg) -> dict:
    """Loss −log σ(v·u_o) − Σ log σ(−v·u_k) and its gradients, by the formulas.

      ∂loss/∂v   = −(1 − σ(v·u_o)) u_o + Σ_k σ(v·u_k) u_k
      ∂loss/∂u_o = −(1 − σ(v·u_o)) v
      ∂loss/∂u_k =  σ(v·u_k) v
    """
    v, u_o, u_neg = _vectors(v, u_o, u_neg)
    pos = float(v @ u_o)
    neg = u_neg @ v
    loss = float(np.log1p(np.exp(-pos)) + np.log1p(np.exp(neg)).sum())
    pull = 1.0 - _sigmoid(pos)            # how much the real context still needs to rise
    push = _sigmoid(neg)                  # how much each negative still needs to fall
    return {"loss": loss, "score_context": pos, "score_negatives": neg,
            "grad_v": -pull * u_o + push @ u_neg, "grad_u_o": -pull * v,
            "grad_u_neg": push[:, None] * v[None, :]}


def sgd_update(v, u_o, u_neg, lr: float = 1.0) -> dict:
    """One SGD step (every vector moves by −lr × its gradient); before, after and gradients."""
    v, u_o, u_neg = _vectors(v, u_o, u_neg)
    grads = pair_gradients(v, u_o, u_neg)
    after = {"v": v - lr * grads["grad_v"], "u_o": u_o - lr * grads["grad_u_o"],
             "u_neg": u_neg - lr * grads["grad_u_neg"]}
    return {"before": {"v": v, "u_o": u_o, "u_neg": u_neg}, "after": after, "lr": lr,
            "loss_before": grads["loss"],
            "loss_after": pair_gradients(after["v"], after["u_o"], after["u_neg"])["loss"],
            **grads}


def autograd_gradients(v, u_o, u_neg) -> dict:
    """The same gradients computed by PyTorch's autograd (to compare with the formulas)."""
    v_t, u_o_t, u_neg_t = (torch.tensor(a, dtype=torch.float64, requires_grad=True)
                           for a in _vectors(v, u_o, u_neg))
    logsig = torch.nn.functional.logsigmoid
    loss = -(logsig(v_t @ u_o_t) + logsig(-(u_neg_t @ v_t)).sum())
    loss.backward()
    return {"loss": float(loss.detach()), "grad_v": v_t.grad.numpy(), "grad_u_o": u_o_t.grad.numpy(),
            "grad_u_neg": u_neg_t.grad.numpy()}


# --------------------------------------------------------------------------- renumbering
@dataclass
class NumberedRun:
    words: list            # words by frequency (the usual order)
    id_of: dict            # word → the ID (row number) used in this run
    vectors: np.ndarray    # trained W_in, row i = the word whose ID is i
    losses: list

    def vector(self, word: str) -> np.ndarray:
        return self.vectors[self.id_of[word]]

    def by_word(self) -> np.ndarray:
        """The vectors in the usual word order (frequency), whatever the IDs were."""
        return self.vectors[[self.id_of[w] for w in self.words]]


def shuffled_ids(words, seed: int = 1) -> dict:
    """A random renumbering: word → a new ID, every ID 0..V−1 used once."""
    order = np.random.default_rng(seed).permutation(len(words))
    return {w: int(i) for w, i in zip(words, order)}


def train_with_ids(sentences, id_of: dict | None = None, same_start: bool = True,
                   dim: int = 10, epochs: int = 8, lr: float = 0.5, negatives: int = 5,
                   window: int = 2, batch_size: int = 256, init: str = DEFAULT_INIT,
                   seed: int = 0) -> NumberedRun:
    """`helpers.sgns.train_readable`'s loop with the words numbered by `id_of`.

    `id_of=None` numbers words by frequency, exactly like `train_readable` (same vectors, bit
    for bit). With `same_start=True` the random starting row and the negative draws follow the
    *word*, not its ID; with `same_start=False` row i starts from the i-th random row whatever
    word has ID i, which is like training with other random numbers (another seed).
    """
    check_settings(dim, window, negatives, lr, epochs)
    vocab = build_vocabulary(sentences, 1)
    size = len(vocab)
    id_of = {w: i for i, w in enumerate(vocab.words)} if id_of is None else dict(id_of)
    if sorted(id_of.get(w, -1) for w in vocab.words) != list(range(size)):
        raise CourseError(f"id_of must give each of the {size} words a different ID from 0 to "
                          f"{size - 1}")
    to_id = torch.tensor([id_of[w] for w in vocab.words])      # frequency rank → ID
    encoded = [[int(to_id[r]) for r in s] for s in encode(sentences, vocab)]
    check_corpus_size(encoded, window)
    pairs = skipgram_pairs(encoded, window)
    distribution = negative_distribution(vocab.counts)           # over frequency ranks
    generator = torch.Generator().manual_seed(seed)
    model = SGNSModel(size, dim, init, seed)                      # row i: the i-th random row
    if same_start:
        with torch.no_grad():
            start = model.in_embed.weight.detach().clone()        # rows by frequency rank
            model.in_embed.weight[to_id] = start                  # word w keeps its own start
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    with single_thread():          # small tensors: one thread is faster, and the same numbers
        for _ in range(epochs):
            order = torch.randperm(len(pairs), generator=generator)
            total = 0.0
            for begin in range(0, len(pairs), batch_size):
                batch = pairs[order[begin:begin + batch_size]]
                negs = to_id[sample_negatives(distribution, (len(batch), negatives), generator)]
                loss = model(batch[:, 0], batch[:, 1], negs)
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
                total += loss.item() * len(batch)
            losses.append(total / len(pairs))
            check_diverged(losses[-1], len(losses) - 1, lr)
    return NumberedRun(list(vocab.words), id_of, model.in_embed.weight.detach().numpy().copy(),
                       losses)


def neighbours(run: NumberedRun, word: str, k: int = 4, among=None) -> list[str]:
    """`word`'s k nearest words by cosine (among `among`, default all words)."""
    from .vectors import normalize_rows

    candidates = [w for w in (among or run.words) if w != word]
    unit = normalize_rows(np.stack([run.vector(w) for w in candidates]))
    target = run.vector(word) / max(np.linalg.norm(run.vector(word)), 1e-12)
    scores = unit @ target
    order = np.argsort(-np.round(scores, 6), kind="stable")[:k]
    return [candidates[i] for i in order]
