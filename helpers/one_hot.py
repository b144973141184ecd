"""One-hot vectors: an ID written as a vector of V numbers, all 0 except a single 1.

* `one_hot(ids, size)` builds them by hand with NumPy; `one_hot_torch` uses
  `torch.nn.functional.one_hot`, the function PyTorch code uses.
* `pairwise_cosines` / `pairwise_distances`: every two different one-hot vectors have cosine 0
  and distance √2, so one-hot vectors say nothing about which words are alike.
* `memory_report(V)`: bytes of a dense V × V one-hot table against sparse ways to store it.
* `pick_row(token_id, matrix)`: one-hot row · matrix = the matrix's row number `token_id`.

Only computation here; figures and widgets are in `helpers.one_hot_views`.
"""
from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np

from . import validation
from .errors import CourseError
from .vectors import cosine_similarity_matrix

# Bigger one-hot tables are refused by `one_hot` (a 20,000 × 20,000 float32 table is 1.6 GB).
MAX_DENSE_CELLS = 50_000_000
MAX_VOCABULARY = 5_000_000  # for the memory calculator: larger than any real tokenizer
FLOAT32_BYTES = 4
INT64_BYTES = 8
GPT2_VOCABULARY = 50_257  # GPT-2's byte-level BPE vocabulary (Radford et al., 2019)


def check_size(size, what: str = "vocabulary size", limit: int = MAX_VOCABULARY) -> int:
    return validation.whole_number(
        size, f"the {what}", 1, limit,
        too_big=f"a {what} of {{value:,}} is more than this demo allows ({{high:,}}); "
                "real tokenizers use about 30,000 to 250,000 tokens")


def _check_ids(ids, size: int) -> np.ndarray:
    if isinstance(ids, (str, bytes)):
        raise CourseError(f"one-hot vectors are built from integer IDs, got the text {ids!r}; "
                          "encode the text with a Vocabulary first")
    array = np.asarray(ids)
    if array.ndim == 0:
        array = array.reshape(1)
    if array.size == 0:
        raise CourseError("the list of IDs is empty: give at least one ID")
    if array.dtype == bool or not np.issubdtype(array.dtype, np.integer):
        raise CourseError(f"IDs must be whole numbers, got {list(np.ravel(array))[:5]!r}")
    if array.ndim != 1:
        raise CourseError(f"give a flat list of IDs, got an array of shape {array.shape}")
    bad = array[(array < 0) | (array >= size)]
    if bad.size:
        raise CourseError(f"ID {int(bad[0])} does not fit a vocabulary of {size:,} tokens "
                          f"(IDs go from 0 to {size - 1:,})")
    return array.astype(np.int64)


def one_hot(ids: Sequence[int] | int, size: int) -> np.ndarray:
    """A (len(ids) × size) float32 matrix: row i is 1 at column ids[i] and 0 elsewhere."""
    size = check_size(size)
    ids = _check_ids(ids, size)
    if ids.size * size > MAX_DENSE_CELLS:
        raise CourseError(f"{ids.size:,} one-hot rows of length {size:,} would need "
                          f"{format_bytes(ids.size * size * FLOAT32_BYTES)}; use fewer IDs or a "
                          "smaller vocabulary (or skip one-hot and look rows up directly)")
    from .memory import check_memory

    check_memory(ids.size * size * FLOAT32_BYTES, f"one_hot of {ids.size:,} ids with size "
                 f"{size:,}", "use fewer IDs or a smaller vocabulary")
    matrix = np.zeros((ids.size, size), dtype=np.float32)
    matrix[np.arange(ids.size), ids] = 1.0
    return matrix


def one_hot_torch(ids: Sequence[int] | int, size: int):
    """The same matrix with `torch.nn.functional.one_hot` (which returns int64; we make float32)."""
    import torch
    import torch.nn.functional as F

    size = check_size(size)
    ids = _check_ids(ids, size)
    if ids.size * size > MAX_DENSE_CELLS:
        raise CourseError(f"{ids.size:,} one-hot rows of length {size:,} are too many for "
                          "this demo; use fewer IDs or a smaller vocabulary")
    from .memory import check_memory

    # F.one_hot makes int64, then the float32 copy
    check_memory(ids.size * size * (INT64_BYTES + FLOAT32_BYTES), f"one_hot_torch of "
                 f"{ids.size:,} ids with size {size:,}", "use fewer IDs or a smaller vocabulary")
    return F.one_hot(torch.from_numpy(ids), num_classes=size).to(torch.float32)


def pairwise_cosines(vectors, zero_vectors: str = "raise") -> np.ndarray:
    """Cosine similarity of every pair of rows (the diagonal is each row with itself)."""
    return cosine_similarity_matrix(vectors, zero_vectors, name="vectors")


def pairwise_distances(vectors) -> np.ndarray:
    """Euclidean distance of every pair of rows."""
    from .memory import check_memory

    shape = validation.shape_of(vectors)
    if shape is not None and len(shape) == 2:  # n × n distances, squares, a temporary
        check_memory(3 * shape[0] * shape[0] * 8 + shape[0] * shape[1] * 8,
                     f"pairwise distances of vectors with {shape[0]:,} rows",
                     "give vectors fewer rows (a sample of a few thousand)")
    vectors = validation.array(vectors, "vectors", ndim=2)
    squares = (vectors ** 2).sum(axis=1)
    d2 = squares[:, None] + squares[None, :] - 2 * vectors @ vectors.T
    return np.sqrt(np.clip(d2, 0.0, None))


def off_diagonal(matrix) -> np.ndarray:
    """The values of a square matrix that are not on its diagonal (every pair of different rows)."""
    matrix = np.asarray(matrix)
    return matrix[~np.eye(matrix.shape[0], dtype=bool)]


def sparsity(size: int) -> float:
    """Fraction of zeros in one one-hot vector of length `size`: 1 − 1/size."""
    size = check_size(size)
    return 1.0 - 1.0 / size


def memory_report(size: int, rows: int | None = None) -> dict[str, int]:
    """Bytes needed to store `rows` one-hot vectors of length `size` (default: all V of them).

    * dense float32: every number stored, zeros included (rows × size × 4 bytes);
    * sparse COO (what `torch.Tensor.to_sparse()` makes): per non-zero, a row and a column index
      (int64) and the value (float32): 20 bytes;
    * just the IDs: one int64 per row, which is all the information a one-hot row holds.
    """
    size = check_size(size)
    rows = size if rows is None else check_size(rows, "number of rows", limit=10**12)
    return {"dense float32": rows * size * FLOAT32_BYTES,
            "sparse (COO)": rows * (2 * INT64_BYTES + FLOAT32_BYTES),
            "just the IDs": rows * INT64_BYTES}


def torch_sparse_bytes(size: int) -> int:
    """Bytes of a real `torch` sparse V × V identity (measured from its index and value tensors)."""
    import torch

    size = check_size(size)
    index = torch.arange(size).repeat(2, 1)
    table = torch.sparse_coo_tensor(index, torch.ones(size), (size, size),
                                    check_invariants=True).coalesce()
    return (table.indices().element_size() * table.indices().numel()
            + table.values().element_size() * table.values().numel())


def format_bytes(n: float) -> str:
    """1536 → '1.5 KiB' (powers of 1024)."""
    n = validation.number(n, "n")
    if n < 0:
        raise CourseError(f"n (a number of bytes) cannot be negative, got {n:g}")
    for unit in ("bytes", "KiB", "MiB", "GiB", "TiB"):
        if n < 1024 or unit == "TiB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    raise AssertionError("unreachable")


def pick_row(token_id: int, matrix) -> np.ndarray:
    """one_hot(token_id) · matrix: the product that equals the matrix's row `token_id`."""
    matrix = validation.array(matrix, "matrix", ndim=2, dtype=np.float32)
    token_id = validation.whole_number(token_id, "token_id")
    if not 0 <= token_id < matrix.shape[0]:
        raise CourseError(f"token_id {token_id} does not fit a matrix of {matrix.shape[0]:,} "
                          f"rows (IDs go from 0 to {matrix.shape[0] - 1:,})")
    row = one_hot([token_id], matrix.shape[0])
    return (row @ matrix)[0]


def vocabulary_sizes() -> list[tuple[str, int]]:
    """Vocabulary sizes of some real tokenizers (from their published tokenizer files)."""
    return [("BERT base (WordPiece)", 30_522), ("GPT-2 (byte-level BPE)", GPT2_VOCABULARY),
            ("Llama 3 (tiktoken BPE)", 128_256), ("Gemma (SentencePiece)", 256_000)]


def memory_rows(sizes: Iterable[tuple[str, int]]) -> list[tuple[str, int, str, str, str]]:
    """Rows (name, V, dense, sparse, IDs) of a memory table for V × V one-hot tables."""
    out = []
    for name, size in sizes:
        report = memory_report(size)
        out.append((name, size, format_bytes(report["dense float32"]),
                    format_bytes(report["sparse (COO)"]), format_bytes(report["just the IDs"])))
    return out
