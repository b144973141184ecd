"""`torch.nn.Embedding` taken apart: a lookup that equals one-hot × matrix, at real sizes.

Compute only (no plotting, no widgets):
* `lookup_equivalence`: lookup == one-hot(ids) @ W == nn.Linear(V, N, bias=False) on one-hots;
* `measure_lookup_vs_matmul`: time and memory of the two ways, forward and forward+backward;
* `table_size`, `REAL_TABLES`, `size_calculator`, `create_embedding`: parameters and memory,
  refusing absurd sizes and anything over 1 GB unless asked for explicitly;
* `gradient_rows`, `padding_demo`: which rows a backward pass touches;
* `pretrained_embedding`, `words_to_ids`, `one_training_step`: loading Word2Vec vectors with
  `nn.Embedding.from_pretrained`, frozen or not, with one consistent word → ID map.
"""
from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np
import torch
import torch.nn.functional as F

from . import validation
from .errors import CourseError, TrainingDivergedError
from .reproducibility import single_thread
from .vectors import word_index

MAX_DEMO_VOCAB = 10_000          # the live one-hot demo builds a (len(ids) × V) matrix
MAX_VOCAB = 10_000_000           # no real tokenizer comes near this
MAX_DIM = 100_000                # GPT-3's 12,288 is large; 100k is not a real model
ONE_GB = 1_000_000_000
BYTES_PER_NUMBER = {"float32": 4, "float16": 2, "bfloat16": 2, "int8": 1}
TORCH_DTYPES = {"float32": torch.float32, "float16": torch.float16, "bfloat16": torch.bfloat16}

# name → (vocabulary size V, embedding dimension N); token-embedding tables only.
REAL_TABLES = {
    "BERT-base (WordPiece)": (30_522, 768),
    "GPT-2 small": (50_257, 768),
    "GPT-3 175B": (50_257, 12_288),
}


def _whole(value, name: str, low: int, high: int, too_big: str = "") -> int:
    return validation.whole_number(
        value, name, low, high,
        too_big=too_big or ("{name} of {value:,} is not a realistic size (the limit here is "
                            "{high:,}); real models use tens of thousands of tokens and at "
                            "most a few ten thousand dimensions"))


_DEMO_LIMIT = ("{name} {value:,} is too big for this live demo (limit {high:,}), which is "
               "meant for small tables and builds one-hot matrices; "
               "benchmarks/lookup_vs_matmul.py measures real sizes")


def check_ids(ids, vocab_size: int) -> torch.Tensor:
    """Token IDs as a 1-D int64 tensor, each in 0 … vocab_size−1, or a one-sentence error."""
    if isinstance(ids, (torch.Tensor, np.ndarray)):
        values = ids.reshape(-1).tolist()
    elif isinstance(ids, (list, tuple, range)):
        values = list(ids)
    else:
        raise CourseError(f"ids must be a list of whole numbers (token IDs), got "
                          f"{type(ids).__name__} {validation.shown(ids)}")
    if not values:
        raise CourseError("ids is empty: give at least one token ID")
    for value in values:
        if not validation.is_whole_number(value):
            raise CourseError(f"ids must be whole numbers (token IDs), got {value!r}")
        if not 0 <= value < vocab_size:
            raise CourseError(f"ID {value} does not exist in a vocabulary of {vocab_size} "
                              f"rows: IDs go from 0 to {vocab_size - 1}")
    return torch.tensor(values, dtype=torch.long)


# --------------------------------------------------------------------------- equivalence
@dataclass
class Equivalence:
    ids: list
    weight: torch.Tensor
    one_hot: torch.Tensor
    by_lookup: torch.Tensor
    by_matmul: torch.Tensor
    by_linear: torch.Tensor

    @property
    def lookup_equals_matmul(self) -> bool:
        return bool(torch.equal(self.by_lookup, self.by_matmul))

    @property
    def lookup_equals_linear(self) -> bool:
        return bool(torch.equal(self.by_lookup, self.by_linear))

    @property
    def allclose(self) -> bool:
        return bool(torch.allclose(self.by_lookup, self.by_matmul)
                    and torch.allclose(self.by_lookup, self.by_linear))


def lookup_equivalence(ids, vocab_size: int = 10, dim: int = 4, seed: int = 0) -> Equivalence:
    """The same rows three ways: `nn.Embedding`, one-hot @ W, and `nn.Linear` on one-hots.

    The Linear layer gets a copy of W transposed (Linear stores its weight as out × in = N × V).
    """
    vocab_size = _whole(vocab_size, "vocabulary size", 1, MAX_DEMO_VOCAB, _DEMO_LIMIT)
    dim = _whole(dim, "dimension", 1, 1024, _DEMO_LIMIT)
    idx = check_ids(ids, vocab_size)
    generator = torch.Generator().manual_seed(validation.seed(seed))
    embedding = torch.nn.Embedding(vocab_size, dim)
    linear = torch.nn.Linear(vocab_size, dim, bias=False)
    with torch.no_grad():
        embedding.weight.copy_(torch.randn(vocab_size, dim, generator=generator))
        linear.weight.copy_(embedding.weight.T)
        one_hot = F.one_hot(idx, vocab_size).float()
        by_lookup = embedding(idx)
        by_matmul = one_hot @ embedding.weight
        by_linear = linear(one_hot)
    return Equivalence(idx.tolist(), embedding.weight.detach().clone(), one_hot, by_lookup,
                       by_matmul, by_linear)


# --------------------------------------------------------------------------- timing / memory
@dataclass
class Measurement:
    vocab_size: int
    dim: int
    batch: int
    lookup_forward_ms: float
    matmul_forward_ms: float
    lookup_backward_ms: float      # forward + backward
    matmul_backward_ms: float
    lookup_bytes: int              # tensors the forward pass creates
    matmul_bytes: int
    gradient_bytes: int            # the dense V × N weight gradient (the same for both)

    @property
    def time_ratio(self) -> float:
        return self.matmul_forward_ms / max(self.lookup_forward_ms, 1e-6)

    @property
    def backward_ratio(self) -> float:
        return self.matmul_backward_ms / max(self.lookup_backward_ms, 1e-6)

    @property
    def memory_ratio(self) -> float:
        return self.matmul_bytes / self.lookup_bytes


def forward_bytes(vocab_size: int, dim: int, batch: int) -> tuple[int, int]:
    """Bytes the forward pass creates: (lookup, one-hot matmul).

    Lookup: only the (batch × N) float32 output. One-hot: `F.one_hot` makes a (batch × V)
    int64 matrix, `.float()` a float32 copy, and the product a (batch × N) output.
    """
    out = batch * dim * 4
    return out, batch * vocab_size * (8 + 4) + out


def _median_ms(function, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def measure_lookup_vs_matmul(vocab_size: int, dim: int = 768, batch: int = 1024,
                             repeats: int = 3, seed: int = 0) -> Measurement:
    """Median time (ms) of lookup vs one-hot @ W, forward and forward+backward, and bytes.

    Both run on one CPU thread, so the comparison is fair and steadier on a busy machine.
    """
    limit = "{name} {value:,} is more than this measurement allows ({high:,})"
    vocab_size = _whole(vocab_size, "vocabulary size", 1, 60_000, limit)
    dim = _whole(dim, "dimension", 1, 4096, limit)
    batch = _whole(batch, "batch size", 1, 4096, limit)
    repeats = _whole(repeats, "repeats", 1, 100, limit)
    seed = validation.seed(seed)
    lookup_bytes, matmul_bytes = forward_bytes(vocab_size, dim, batch)
    if matmul_bytes > ONE_GB:
        raise CourseError(f"the one-hot matrix would need {matmul_bytes / 1e9:.1f} GB: use a "
                          f"smaller batch or vocabulary")
    generator = torch.Generator().manual_seed(int(seed))
    weight = torch.randn(vocab_size, dim, generator=generator).requires_grad_(True)
    ids = torch.randint(0, vocab_size, (batch,), generator=generator)

    def lookup():
        return F.embedding(ids, weight)

    rows = torch.arange(batch)

    def matmul():
        # the one-hot rows built as float32 directly: F.one_hot(...).float() would first make
        # an int64 copy twice as big (100 MB at V = 50,257), which only raises the peak memory
        one_hot = torch.zeros(batch, vocab_size)
        one_hot[rows, ids] = 1.0
        return one_hot @ weight

    def with_backward(function):
        def run():
            weight.grad = None
            function().sum().backward()
        return run

    with single_thread():  # both ways on one thread: steadier numbers on a shared machine
        lookup(), matmul()  # warm up
        return _measure(vocab_size, dim, batch, repeats, lookup, matmul, with_backward,
                        lookup_bytes, matmul_bytes)


def _measure(vocab_size, dim, batch, repeats, lookup, matmul, with_backward, lookup_bytes,
             matmul_bytes) -> Measurement:
    return Measurement(
        vocab_size, dim, batch,
        # the lookup is cheap, so it gets more repeats: a steadier median on a busy machine
        lookup_forward_ms=_median_ms(lambda: lookup(), max(repeats, 20)),
        matmul_forward_ms=_median_ms(lambda: matmul(), repeats),
        lookup_backward_ms=_median_ms(with_backward(lookup), max(repeats, 20)),
        matmul_backward_ms=_median_ms(with_backward(matmul), repeats),
        lookup_bytes=lookup_bytes, matmul_bytes=matmul_bytes,
        gradient_bytes=vocab_size * dim * 4)


# --------------------------------------------------------------------------- sizes
def table_size(vocab_size: int, dim: int) -> dict:
    """Parameters and bytes of a V × N table in each number format (nothing is allocated)."""
    vocab_size = _whole(vocab_size, "vocabulary size", 1, MAX_VOCAB)
    dim = _whole(dim, "dimension", 1, MAX_DIM)
    parameters = vocab_size * dim
    return {"vocab_size": vocab_size, "dim": dim, "parameters": parameters,
            **{f"{name} bytes": parameters * size for name, size in BYTES_PER_NUMBER.items()}}


def human_bytes(n: int) -> str:
    """1_234_567 → '1.23 MB' (decimal units, as disk and RAM are sold)."""
    for unit, size in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= size:
            return f"{n / size:,.2f} {unit}"
    return f"{n} bytes"


def real_table_rows() -> list[tuple]:
    """(model, V, N, parameters, float32, float16) for the models in `REAL_TABLES`."""
    rows = []
    for name, (v, n) in REAL_TABLES.items():
        size = table_size(v, n)
        rows.append((name, f"{v:,}", f"{n:,}", f"{size['parameters']:,}",
                     human_bytes(size["float32 bytes"]), human_bytes(size["float16 bytes"])))
    return rows


def size_calculator(vocab_size, dim) -> tuple[list[tuple[str, str]], str]:
    """(rows of the V × N calculator, a warning sentence or ""): nothing is allocated."""
    size = table_size(vocab_size, dim)
    rows = [("parameters (V × N)", f"{size['parameters']:,}")]
    rows += [(f"memory as {name}", human_bytes(size[f"{name} bytes"]))
             for name in BYTES_PER_NUMBER]
    warning = ""
    if size["float32 bytes"] > ONE_GB:
        warning = (f"Warning: creating this table as float32 would allocate "
                   f"{human_bytes(size['float32 bytes'])} (over 1 GB): fine to calculate, "
                   f"not something to create on a laptop or a free Colab/Binder session")
    return rows, warning


def create_embedding(vocab_size: int, dim: int, dtype: str = "float32",
                     allow_over_1gb: bool = False, **kwargs) -> torch.nn.Embedding:
    """An `nn.Embedding`, after checking its size; refuses more than 1 GB unless allowed."""
    size = table_size(vocab_size, dim)
    if dtype not in TORCH_DTYPES:
        raise CourseError(f"dtype must be one of {', '.join(TORCH_DTYPES)}, got {dtype!r}")
    validation.flag(allow_over_1gb, "allow_over_1gb")
    needed = size[f"{dtype} bytes"]
    if needed > ONE_GB and not allow_over_1gb:
        raise CourseError(f"a {vocab_size:,} × {dim:,} {dtype} table would allocate "
                          f"{human_bytes(needed)}, over 1 GB: pass allow_over_1gb=True if you "
                          f"really mean it (and have the memory)")
    return torch.nn.Embedding(vocab_size, dim, dtype=TORCH_DTYPES[dtype], **kwargs)


# --------------------------------------------------------------------------- gradients
def gradient_rows(ids, vocab_size: int = 8, dim: int = 3, seed: int = 0) -> dict:
    """Look up `ids`, back-propagate `sum(output)`, and report which rows got a gradient.

    With loss = sum of all outputs, each look-up adds 1 to every entry of its row's gradient,
    so a row looked up k times gets k in every column; rows never looked up get 0.
    """
    vocab_size = _whole(vocab_size, "vocabulary size", 1, MAX_DEMO_VOCAB, _DEMO_LIMIT)
    dim = _whole(dim, "dimension", 1, 1024, _DEMO_LIMIT)
    idx = check_ids(ids, vocab_size)
    torch.manual_seed(validation.seed(seed))
    embedding = torch.nn.Embedding(vocab_size, dim)
    embedding(idx).sum().backward()
    grad = embedding.weight.grad
    touched = [row for row in range(vocab_size) if bool(grad[row].abs().sum() > 0)]
    return {"grad": grad.clone(), "rows_with_gradient": touched,
            "rows_without_gradient": [r for r in range(vocab_size) if r not in touched]}


def sparse_gradient(ids, vocab_size: int = 8, dim: int = 3) -> torch.Tensor:
    """The same gradient with `sparse=True`: only the looked-up rows are stored."""
    idx = check_ids(ids, _whole(vocab_size, "vocabulary size", 1, MAX_DEMO_VOCAB, _DEMO_LIMIT))
    embedding = torch.nn.Embedding(vocab_size, _whole(dim, "dimension", 1, 1024, _DEMO_LIMIT), sparse=True)
    embedding(idx).sum().backward()
    return embedding.weight.grad.coalesce()


def padding_demo(ids, vocab_size: int = 6, dim: int = 3, padding_idx: int = 0,
                 seed: int = 0) -> dict:
    """`padding_idx`: that row starts at zeros and never receives a gradient."""
    vocab_size = _whole(vocab_size, "vocabulary size", 1, MAX_DEMO_VOCAB, _DEMO_LIMIT)
    if not validation.is_whole_number(padding_idx) or not 0 <= padding_idx < vocab_size:
        raise CourseError(f"padding_idx must be a row number from 0 to {vocab_size - 1}, "
                          f"got {padding_idx!r}")
    padding_idx = int(padding_idx)
    idx = check_ids(ids, vocab_size)
    torch.manual_seed(validation.seed(seed))
    embedding = torch.nn.Embedding(vocab_size, _whole(dim, "dimension", 1, 1024, _DEMO_LIMIT),
                                   padding_idx=padding_idx)
    output = embedding(idx)
    output.sum().backward()
    return {"padding_row": embedding.weight[padding_idx].detach().clone(),
            "output": output.detach().clone(), "grad": embedding.weight.grad.clone()}


# --------------------------------------------------------------------------- pretrained
def words_to_ids(tokens: Sequence[str], vocabulary: Mapping[str, int]) -> list[int]:
    """Each token's ID in `vocabulary`; an unknown word raises a one-sentence error."""
    if isinstance(tokens, str):
        raise CourseError("tokens must be a list of tokens, e.g. 'the cat'.split(), not one "
                          "string")
    tokens = validation.tokens(tokens, "tokens")
    return [word_index(token, vocabulary) for token in tokens]


def pretrained_embedding(words: Sequence[str], matrix, freeze: bool = True
                         ) -> tuple[dict, torch.nn.Embedding]:
    """(word → ID map, `nn.Embedding.from_pretrained(matrix, freeze=freeze)`).

    Row i of the matrix is the vector of `words[i]`, so the map is simply word → position:
    the layer and the map must come from the same `words` list, or IDs point at wrong rows.
    """
    words = validation.tokens(words, "words")
    matrix = validation.array(matrix, "matrix", ndim=(1, 2), dtype=np.float32)
    validation.flag(freeze, "freeze")
    if matrix.ndim != 2 or matrix.shape[0] != len(words) or not words:
        raise CourseError(f"need one row per word: {len(words)} words but a matrix of shape "
                          f"{matrix.shape}")
    if len(set(words)) != len(words):
        raise CourseError("the word list has duplicates, so a word → ID map would be ambiguous")
    vocabulary = {word: i for i, word in enumerate(words)}
    layer = torch.nn.Embedding.from_pretrained(torch.from_numpy(matrix.copy()),
                                               freeze=bool(freeze))
    return vocabulary, layer


def one_training_step(layer: torch.nn.Embedding, ids: Sequence[int], lr: float = 0.1) -> float:
    """One SGD step that pulls the looked-up rows towards each other (a stand-in task).

    Returns how far the table moved (largest absolute change). A frozen layer has no
    trainable parameters, so nothing moves and the answer is 0.0.
    """
    if not isinstance(layer, torch.nn.Embedding):
        raise CourseError(f"layer must be a torch.nn.Embedding, got {type(layer).__name__}")
    idx = check_ids(ids if isinstance(ids, (torch.Tensor, np.ndarray)) else list(ids)
                    if hasattr(ids, "__iter__") and not isinstance(ids, str) else ids,
                    layer.num_embeddings)
    lr = validation.learning_rate(lr, "lr")
    before = layer.weight.detach().clone()
    trainable = [p for p in layer.parameters() if p.requires_grad]
    if trainable:
        optimizer = torch.optim.SGD(trainable, lr=lr)
        vectors = layer(idx)
        loss = ((vectors - vectors.mean(0, keepdim=True)) ** 2).sum()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if not torch.isfinite(layer.weight).all():
            with torch.no_grad():
                layer.weight.copy_(before)
            raise TrainingDivergedError(
                f"the step with lr={lr:g} made the table's values infinite or NaN (the table was "
                f"put back as it was): try a smaller learning rate, e.g. lr={lr / 10:g}")
    return float((layer.weight.detach() - before).abs().max())
