"""Ways to fill an embedding table before training: the "initialized values".

A table is V rows (one per token ID) × N columns. Initializing it means choosing its starting
numbers; the ID of a token only says which row is its own, and never changes.
"""
from __future__ import annotations

import math

import torch

from .errors import CourseError

# name → (what it does, what it was designed for)
SCHEMES = {
    "normal(0, 1)": "PyTorch's default for nn.Embedding: every entry drawn from N(0, 1)",
    "normal(0, 0.02)": "GPT-2 style: small N(0, 0.02²) entries, so early outputs stay small",
    "uniform(-0.5/N, 0.5/N)": "word2vec/gensim style: tiny uniform entries, scaled by 1/N",
    "xavier_uniform": "Glorot & Bengio (2010): uniform ±√(6/(fan_in+fan_out)), for layers",
    "xavier_normal": "Glorot & Bengio (2010): N(0, 2/(fan_in+fan_out)), for layers",
    "kaiming_normal": "He et al. (2015): N(0, 2/fan_in), for layers followed by ReLU",
    "zeros": "all entries 0: every row identical, so training can never tell them apart",
    "constant(0.1)": "all entries 0.1: same problem as zeros, every row identical",
}

MAX_TABLE_ENTRIES = 50_000_000  # 200 MB of float32: beyond this a teaching demo should refuse


def check_table_size(vocab_size, dim) -> tuple[int, int]:
    for name, value in (("vocabulary size", vocab_size), ("dimension", dim)):
        if not isinstance(value, int) or isinstance(value, bool):
            raise CourseError(f"{name} must be a whole number, got {value!r}")
        if value < 1:
            raise CourseError(f"{name} must be at least 1, got {value}")
    if vocab_size * dim > MAX_TABLE_ENTRIES:
        mb = vocab_size * dim * 4 / 1e6
        raise CourseError(f"a {vocab_size:,} × {dim:,} table has {vocab_size * dim:,} numbers "
                          f"({mb:,.0f} MB as float32): too big for this demo (limit "
                          f"{MAX_TABLE_ENTRIES:,}); try a smaller vocabulary or dimension")
    return vocab_size, dim


def init_embedding_weight(scheme: str, vocab_size: int, dim: int, seed: int = 0) -> torch.Tensor:
    """A (vocab_size × dim) float32 tensor filled by `scheme` (see `SCHEMES`), seeded."""
    vocab_size, dim = check_table_size(vocab_size, dim)
    if scheme not in SCHEMES:
        raise CourseError(f"unknown initialization {scheme!r}; choose one of: "
                          + ", ".join(SCHEMES))
    generator = torch.Generator().manual_seed(int(seed))
    weight = torch.empty(vocab_size, dim)
    # nn.init treats a (V × N) weight as fan_out = V, fan_in = N.
    fan_in, fan_out = dim, vocab_size
    with torch.no_grad():
        if scheme == "normal(0, 1)":
            weight.normal_(0.0, 1.0, generator=generator)
        elif scheme == "normal(0, 0.02)":
            weight.normal_(0.0, 0.02, generator=generator)
        elif scheme == "uniform(-0.5/N, 0.5/N)":
            weight.uniform_(-0.5 / dim, 0.5 / dim, generator=generator)
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
