"""Ways to fill an embedding table before training: the "initialized values".

A table is V rows (one per token ID) × N columns. Initializing it means choosing its starting
numbers; the ID of a token only says which row is its own, and never changes.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch

from . import validation
from .errors import CourseError, TrainingDivergedError
from .reproducibility import single_thread  # noqa: F401  (re-exported for notebooks)

# name → (what it does, what it was designed for)
SCHEMES = {
    "normal(0, 1)": "PyTorch's default for nn.Embedding: every entry drawn from N(0, 1)",
    "normal(0, 0.02)": "GPT-2 style: small N(0, 0.02²) entries, so early outputs stay small",
    "uniform(±0.5/N) word2vec": "the original C word2vec (and this course's SGNS trainers): "
                                "uniform in [−0.5/N, 0.5/N)",
    "uniform(±1/N) gensim": "gensim 4's Word2Vec (keyedvectors.prep_vectors): uniform in "
                            "[−1/N, 1/N)",
    "xavier_uniform": "Glorot & Bengio (2010): uniform ±√(6/(fan_in+fan_out)), for layers",
    "xavier_normal": "Glorot & Bengio (2010): N(0, 2/(fan_in+fan_out)), for layers",
    "kaiming_normal": "He et al. (2015): N(0, 2/fan_in), for layers followed by ReLU",
    "zeros": "all entries 0: every row identical, so training can never tell them apart",
    "constant(0.1)": "all entries 0.1: every column identical, and training keeps them so: each "
                     "row stays a multiple of (1, …, 1)",
}

MAX_TABLE_ENTRIES = 50_000_000  # 200 MB of float32: beyond this a teaching demo should refuse


def check_table_size(vocab_size, dim) -> tuple[int, int]:
    vocab_size = validation.whole_number(vocab_size, "vocab_size", 1)
    dim = validation.whole_number(dim, "dim", 1)
    if vocab_size * dim > MAX_TABLE_ENTRIES:
        mb = vocab_size * dim * 4 / 1e6
        raise CourseError(f"a {vocab_size:,} × {dim:,} table has {vocab_size * dim:,} numbers "
                          f"({mb:,.0f} MB as float32): too big for this demo (limit "
                          f"{MAX_TABLE_ENTRIES:,}); try a smaller vocabulary or dimension")
    return vocab_size, dim


def init_embedding_weight(scheme: str, vocab_size: int, dim: int, seed: int = 0) -> torch.Tensor:
    """A (vocab_size × dim) float32 tensor filled by `scheme` (see `SCHEMES`), seeded."""
    vocab_size, dim = check_table_size(vocab_size, dim)
    _check_scheme(scheme)
    generator = torch.Generator().manual_seed(int(seed))
    weight = torch.empty(vocab_size, dim)
    # nn.init treats a (V × N) weight as fan_out = V, fan_in = N.
    return _fill(weight, scheme, fan_in=dim, fan_out=vocab_size, generator=generator)


def scheme_std(scheme: str, vocab_size: int, dim: int) -> float:
    """The standard deviation of one entry under `scheme` (0 for the constant schemes)."""
    _check_scheme(scheme)
    fan_in, fan_out = dim, vocab_size
    return {
        "normal(0, 1)": 1.0,
        "normal(0, 0.02)": 0.02,
        "uniform(±0.5/N) word2vec": (1.0 / dim) / math.sqrt(12.0),
        "uniform(±1/N) gensim": (2.0 / dim) / math.sqrt(12.0),
        "xavier_uniform": math.sqrt(6.0 / (fan_in + fan_out)) / math.sqrt(3.0),
        "xavier_normal": math.sqrt(2.0 / (fan_in + fan_out)),
        "kaiming_normal": math.sqrt(2.0 / fan_in),
        "zeros": 0.0,
        "constant(0.1)": 0.0,
    }[scheme]


def _check_scheme(scheme) -> str:
    if scheme not in SCHEMES:
        raise CourseError(f"unknown initialization {scheme!r}; choose one of: "
                          + ", ".join(SCHEMES))
    return scheme


def _fill(weight: torch.Tensor, scheme: str, fan_in: int, fan_out: int,
          generator: torch.Generator) -> torch.Tensor:
    with torch.no_grad():
        if scheme == "normal(0, 1)":
            weight.normal_(0.0, 1.0, generator=generator)
        elif scheme == "normal(0, 0.02)":
            weight.normal_(0.0, 0.02, generator=generator)
        elif scheme == "uniform(±0.5/N) word2vec":
            weight.uniform_(-0.5 / fan_in, 0.5 / fan_in, generator=generator)
        elif scheme == "uniform(±1/N) gensim":
            weight.uniform_(-1.0 / fan_in, 1.0 / fan_in, generator=generator)
        elif scheme == "xavier_uniform":
            bound = math.sqrt(6.0 / (fan_in + fan_out))
            weight.uniform_(-bound, bound, generator=generator)
        elif scheme == "xavier_normal":
            weight.normal_(0.0, math.sqrt(2.0 / (fan_in + fan_out)), generator=generator)
        elif scheme == "kaiming_normal":
            weight.normal_(0.0, math.sqrt(2.0 / fan_in), generator=generator)
        elif scheme == "zeros":
            weight.zero_()
        else:  # constant(0.1)
            weight.fill_(0.1)
    return weight


# --------------------------------------------------------------------------- statistics
MAX_VOCAB = 10_000_000
MAX_DIM = 100_000


def check_sizes(vocab_size, dim) -> tuple[int, int]:
    """Like `check_table_size`, for tables we describe but never allocate whole."""
    vocab_size = validation.whole_number(
        vocab_size, "vocab_size", 1, MAX_VOCAB,
        too_big="{name} of {value:,} is beyond any real model (limit {high:,})")
    dim = validation.whole_number(
        dim, "dim", 1, MAX_DIM, too_big="{name} of {value:,} is beyond any real model "
                                        "(limit {high:,})")
    return vocab_size, dim


def init_rows(scheme: str, vocab_size: int, dim: int, rows: int = 300,
              seed: int = 0) -> torch.Tensor:
    """`rows` rows drawn exactly as rows of a V × N table under `scheme`, without making it.

    Every row of an initialized table has the same distribution (V only enters through
    fan_out), so a few hundred rows show what the whole table looks like, quickly.
    """
    vocab_size, dim = check_sizes(vocab_size, dim)
    _check_scheme(scheme)
    rows = min(validation.whole_number(rows, "rows", 1), vocab_size)
    from .memory import check_memory

    check_memory(rows * dim * 4, f"init_rows with rows={rows:,} and dim={dim:,}",
                 "use fewer rows (300 already show the distribution)")
    generator = torch.Generator().manual_seed(validation.seed(seed))
    return _fill(torch.empty(rows, dim), scheme, fan_in=dim, fan_out=vocab_size,
                 generator=generator)


def pairwise_cosines(weight: torch.Tensor) -> torch.Tensor:
    """Cosine similarity of every pair of distinct rows.

    A zero row has no direction, so its cosine with any row is undefined: NaN, never 0 (which
    would wrongly say "at right angles").
    """
    from .memory import check_memory

    if getattr(weight, "ndim", None) == 2:
        n = len(weight)  # cosines (n × n float32), a copy, and n²/2 index pairs (int64)
        check_memory(n * n * (4 + 4 + 8 + 4), f"pairwise cosines of weight with {n:,} rows",
                     "use fewer rows (a few hundred show the spread)")
    weight = torch.as_tensor(validation.array(weight, "weight", ndim=2, dtype=np.float32),
                             dtype=torch.float32)
    norms = weight.norm(dim=1, keepdim=True)
    unit = torch.where(norms > 0, weight / norms.clamp_min(1e-30), torch.zeros_like(weight))
    cos = (unit @ unit.T).clamp(-1.0, 1.0)
    zero = (norms == 0).flatten()
    cos[zero, :] = float("nan")
    cos[:, zero] = float("nan")
    upper = torch.triu_indices(len(weight), len(weight), offset=1)
    return cos[upper[0], upper[1]]


def histogram(values, bins: int = 40, value_range=None) -> tuple[np.ndarray, np.ndarray]:
    """(bin centres, counts) of `values`; a single repeated value gets one narrow bar."""
    values = np.asarray(values, dtype=np.float64).ravel()
    values = values[np.isfinite(values)]            # undefined values (NaN) are not counted
    if values.size == 0:
        low, high = value_range if value_range is not None else (-0.005, 0.005)
        edges = np.linspace(low, high, bins + 1)
        return (edges[:-1] + edges[1:]) / 2, np.zeros(bins, dtype=np.int64)
    low, high = value_range if value_range is not None else (values.min(), values.max())
    if high - low < 1e-12:
        low, high = low - 0.005, high + 0.005
    counts, edges = np.histogram(values, bins=bins, range=(low, high))
    return (edges[:-1] + edges[1:]) / 2, counts


def table_statistics(scheme: str, vocab_size: int, dim: int, rows: int = 300,
                     seed: int = 0, bins: int = 40) -> dict:
    """What the widgets show: entry histogram, row norms and pairwise cosines of sample rows."""
    bins = validation.whole_number(bins, "bins", 1, 1_000)
    rows = validation.whole_number(rows, "rows", 2,
                                   why=" (cosines need at least two rows)")
    with single_thread():
        weight = init_rows(scheme, vocab_size, dim, rows, seed)
        norms = weight.norm(dim=1)
        cosines = pairwise_cosines(weight)
    value_centres, value_counts = histogram(weight.numpy(), bins)
    norm_centres, norm_counts = histogram(norms.numpy(), bins)
    cos_centres, cos_counts = histogram(cosines.numpy(), bins, (-1.0, 1.0))
    return {
        "scheme": scheme, "vocab_size": vocab_size, "dim": dim, "rows": len(weight),
        "values": (value_centres, value_counts), "norms": (norm_centres, norm_counts),
        "cosines": (cos_centres, cos_counts),
        "entry_std": float(weight.std()) if weight.numel() > 1 else 0.0,
        "expected_std": scheme_std(scheme, vocab_size, dim),
        "mean_norm": float(norms.mean()),
        # NaN ("undefined") when rows are zero: a zero vector has no direction
        "cosine_std": _finite_std(cosines),
        "mean_abs_cosine": float(cosines[~cosines.isnan()].abs().mean())
        if bool((~cosines.isnan()).any()) else float("nan"),
        "undefined_cosines": int(cosines.isnan().sum()),
    }


def _finite_std(values: torch.Tensor) -> float:
    finite = values[~values.isnan()]
    return float(finite.std()) if len(finite) > 1 else float("nan")


def cosine_spread_by_dimension(dims=(2, 4, 8, 16, 32, 64, 128, 256, 512, 1024), rows: int = 200,
                               scheme: str = "normal(0, 1)", seed: int = 0) -> list[dict]:
    """For each dimension: spread of cosines between random rows, next to 1/√N."""
    out = []
    for dim in dims:
        cosines = pairwise_cosines(init_rows(scheme, 10_000, int(dim), rows, seed))
        out.append({"dim": int(dim), "cosine_std": float(cosines.std()),
                    "mean_abs_cosine": float(cosines.abs().mean()),
                    "share_within_0.1": float((cosines.abs() < 0.1).float().mean()),
                    "one_over_sqrt_dim": 1.0 / math.sqrt(dim)})
    return out


# --------------------------------------------------------------------------- seeds
def seed_comparison(scheme: str = "normal(0, 1)", vocab_size: int = 1000, dim: int = 64,
                    seed: int = 0, other_seed: int = 1) -> dict:
    """Same seed → the same table, bit for bit; another seed → how many rows differ."""
    first = init_embedding_weight(scheme, vocab_size, dim, seed)
    again = init_embedding_weight(scheme, vocab_size, dim, seed)
    other = init_embedding_weight(scheme, vocab_size, dim, other_seed)
    changed = int((first != other).any(dim=1).sum())
    return {"same_seed_identical": bool(torch.equal(first, again)),
            "rows_changed_by_new_seed": changed, "rows": vocab_size}


# --------------------------------------------------------------------------- a tiny model
@dataclass
class TinyRun:
    """A next-word model trained on the toy corpus: logits = E[word] · O[next word]."""
    scheme: str
    words: list
    losses: list
    embedding_before: torch.Tensor
    embedding_after: torch.Tensor

    @property
    def vocabulary(self) -> dict:
        return {w: i for i, w in enumerate(self.words)}

    def distinct_rows(self, digits: int = 6) -> int:
        return len({tuple(r) for r in np.round(self.embedding_after.numpy(), digits).tolist()})

    def distinct_columns(self, digits: int = 6) -> int:
        return len({tuple(c) for c in np.round(self.embedding_after.numpy().T, digits).tolist()})


def toy_bigrams(sentences=None) -> tuple[list[str], torch.Tensor, torch.Tensor]:
    """(sorted vocabulary, IDs of each word, IDs of the word after it) from the toy corpus."""
    from .data import load_toy_corpus

    sentences = load_toy_corpus() if sentences is None else sentences
    words = sorted({w for s in sentences for w in s})
    index = {w: i for i, w in enumerate(words)}
    pairs = [(index[a], index[b]) for s in sentences for a, b in zip(s, s[1:])]
    if not pairs:
        raise CourseError("the corpus has no two-word sentence, so there is nothing to predict")
    inputs, targets = zip(*pairs)
    return words, torch.tensor(inputs), torch.tensor(targets)


def train_tiny_model(scheme: str, steps: int = 300, dim: int = 16, lr: float = 0.5,
                     seed: int = 0, data=None) -> TinyRun:
    """Train E (V × N, initialized by `scheme`) and O (V × N, same scheme, another seed) so
    that softmax(E[word] @ Oᵀ) predicts the next word; full-batch SGD, loss after every step.

    Both tables use the scheme, as in word2vec (input and output vectors).
    """
    _check_scheme(scheme)
    if not validation.is_whole_number(steps) or not 0 <= steps <= 5000:
        raise CourseError(f"steps must be a whole number from 0 to 5,000, got {steps!r}")
    steps = int(steps)
    lr = validation.learning_rate(lr, "lr")
    seed = validation.seed(seed)
    words, inputs, targets = data if data is not None else toy_bigrams()
    vocab_size = len(words)
    from .memory import check_memory

    # counts, logits, log-softmax and their gradients: about five V × V float32 tables
    check_memory(5 * vocab_size * vocab_size * 4, f"train_tiny_model on data with "
                 f"{vocab_size:,} distinct words", "use a corpus with fewer distinct words "
                 "(the model keeps a V × V table of next-word counts)")
    # The mean cross-entropy over all (word, next word) pairs, computed from the V × V table of
    # pair counts: the same number as looping over every pair, about a hundred times faster.
    counts = torch.zeros(vocab_size, vocab_size)
    counts.index_put_((inputs, targets), torch.ones(len(inputs)), accumulate=True)
    counts /= counts.sum()
    E = init_embedding_weight(scheme, vocab_size, dim, seed).requires_grad_(True)
    O = init_embedding_weight(scheme, vocab_size, dim, seed + 1).requires_grad_(True)
    before = E.detach().clone()
    optimizer = torch.optim.SGD([E, O], lr=lr)
    losses = []
    with single_thread():
        for step in range(steps + 1):
            loss = -(counts * torch.log_softmax(E @ O.T, dim=1)).sum()
            losses.append(loss.item())
            if not math.isfinite(losses[-1]):
                raise TrainingDivergedError(
                    f"training diverged at step {step}: the loss became NaN or infinite with "
                    f"lr={lr:g}; try a smaller learning rate, e.g. lr={lr / 10:g}")
            if step == steps:
                break
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return TinyRun(scheme, words, losses, before, E.detach().clone())
