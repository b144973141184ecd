"""From token vectors to a searchable collection: the compute layer of the capstone notebook.

* Sentence vectors: `token_outputs` runs MiniLM (the course's offline copy, loaded by
  `helpers.language_models`), `mean_pool` averages its token outputs by hand (padding masked
  out), `embed` does both in batches and returns unit-length float32 rows.
* Passages: `chunk_words` cuts a word list into overlapping windows; `load_passages` makes
  passages of the bundled Wikipedia sample and Lee corpus (`helpers.data` loaders), each with
  its source and document name; `passage_vectors` embeds them once and caches the result
  (atomic write, checksum; a damaged file is rebuilt).
* Exact search, the ground truth: `exact_search` with cosine, dot product or (squared) L2.
* Approximate search with faiss: `build_index` (flat, HNSW, IVF, IVF-PQ), `index_search`
  (efSearch / nprobe), `index_bytes`, `recall_at_k`, `sweep`, and `synthetic_collection`
  (seeded mixtures of real passage vectors, for collections larger than the corpus).
* `VectorStore`: a thin wrapper over the embedded vector database (see `open_store`).

Every function refuses bad input with a one-sentence `CourseError`.
"""
from __future__ import annotations

import hashlib
import io
import os
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import validation
from .errors import CourseError
from .paths import write_atomically

MODEL_MAX_TOKENS = 512       # MiniLM (a BERT) has 512 learned positions
DIM = 384                    # MiniLM's output size
METRICS = ("cosine", "dot", "l2")
INDEX_KINDS = ("flat", "hnsw", "ivf", "ivfpq")
CHUNK_SIZES = (2, 400)       # words per passage (sentence-transformers cuts MiniLM at 256 pieces)
MAX_BATCH = 256
CACHE_VERSION = "v1"
# Milvus Lite stores rows through Arrow. Arrow's own allocator keeps freed memory (about 35 MB
# after adding the passages); the system allocator lets it go back to the operating system, which
# keeps the capstone's kernel under the course's 800 MB. Must be set before pyarrow is imported.
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")


def _whole(value, name: str, low: int, high: int) -> int:
    return validation.whole_number(value, name, low, high, between=True)


# --------------------------------------------------------------------------- sentence vectors
def _check_texts(texts, what: str = "texts") -> list[str]:
    """One query (a string) or a list of texts; the course-wide rules of `validation.texts`."""
    return validation.texts([texts] if isinstance(texts, str) else texts, what)


def encode_pieces(texts) -> list[list[int]]:
    """MiniLM's WordPiece IDs of each text, [CLS] and [SEP] included.

    A text longer than the model's 512 positions raises a `CourseError` (the model itself would
    fail with an index error deep inside torch).
    """
    from .subwords import load_wordpiece

    texts = _check_texts(texts)
    tokenizer = load_wordpiece()
    ids = [e.ids for e in tokenizer.encode_batch(texts)]
    for i, row in enumerate(ids):
        if len(row) > MODEL_MAX_TOKENS:
            start = texts[i][:30]
            raise CourseError(f"text {i} ({start!r}...) makes {len(row):,} pieces but MiniLM has "
                              f"only {MODEL_MAX_TOKENS} positions: cut it into passages with "
                              f"chunk_words() first")
    return ids


def token_outputs(texts):
    """(outputs, mask): MiniLM's output vector for every piece, padded to the longest text.

    `outputs` is a torch tensor (texts, longest, 384); `mask` (texts, longest) is 1 for real
    pieces and 0 for padding.
    """
    import torch

    from .language_models import load_minilm_model

    ids = encode_pieces(texts)
    longest = max(len(row) for row in ids)
    padded = torch.zeros(len(ids), longest, dtype=torch.long)
    mask = torch.zeros(len(ids), longest, dtype=torch.long)
    for i, row in enumerate(ids):
        padded[i, :len(row)] = torch.tensor(row)
        mask[i, :len(row)] = 1
    model = load_minilm_model(progress=False)
    with torch.no_grad():
        outputs = model(input_ids=padded, attention_mask=mask).last_hidden_state
    return outputs, mask


def mean_pool(outputs, mask) -> np.ndarray:
    """The mean of each text's real token outputs (padding positions do not count)."""
    import torch

    outputs = torch.as_tensor(outputs, dtype=torch.float32)
    mask = torch.as_tensor(mask)
    if outputs.ndim != 3 or mask.shape != outputs.shape[:2]:
        raise CourseError(f"expected outputs (texts, pieces, dim) and a mask (texts, pieces), "
                          f"got {tuple(outputs.shape)} and {tuple(mask.shape)}")
    weights = mask.unsqueeze(-1).to(outputs.dtype)          # (texts, pieces, 1)
    summed = (outputs * weights).sum(dim=1)                 # padding rows are multiplied by 0
    counts = weights.sum(dim=1).clamp(min=1)                # real pieces per text
    return (summed / counts).numpy()


def normalize(vectors) -> np.ndarray:
    """Each row divided by its length (a zero row stays zero)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def embed(texts, batch_size: int = 32, progress=None, unit: bool = True) -> np.ndarray:
    """Sentence vectors (texts, 384), float32: MiniLM + mean pooling (+ unit length).

    Texts are sorted by length so each batch pads little, then put back in order.
    `progress` is an optional `ProgressBar` advanced by one per text.
    """
    texts = _check_texts(texts)
    batch_size = _whole(batch_size, "batch_size", 1, MAX_BATCH)
    lengths = [len(row) for row in encode_pieces(texts)]
    order = np.argsort(lengths, kind="stable")
    result = np.zeros((len(texts), DIM), dtype=np.float32)
    for start in range(0, len(texts), batch_size):
        rows = order[start:start + batch_size]
        outputs, mask = token_outputs([texts[i] for i in rows])
        result[rows] = mean_pool(outputs, mask)
        if progress is not None:
            progress.update(len(rows))
    return normalize(result) if unit else result


_ST_SCRIPT = """
import json, sys
import transformers
transformers.utils.logging.set_verbosity_error()
transformers.utils.logging.disable_progress_bar()
from sentence_transformers import SentenceTransformer
folder, texts = json.load(sys.stdin)
model = SentenceTransformer(folder, device="cpu")
print(json.dumps(model.encode(texts, convert_to_numpy=True).tolist()))
"""


def sentence_transformers_encode(texts, timeout: float = 300) -> np.ndarray:
    """The same texts through the sentence-transformers library (its own tokenizer call,
    pooling and normalisation), for comparison with `embed`.

    It runs in a separate Python process: the library and its second copy of the model
    (about 150 MB) never stay in this kernel, which keeps the notebook within its memory
    budget. Offline: the model comes from the course's MiniLM package.
    """
    import json
    import os
    import subprocess
    import sys

    from .subwords import minilm_folder

    texts = _check_texts(texts)
    encode_pieces(texts)
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1",
               TOKENIZERS_PARALLELISM="false", TRANSFORMERS_VERBOSITY="error")
    try:
        done = subprocess.run([sys.executable, "-c", _ST_SCRIPT],
                              input=json.dumps([str(minilm_folder()), texts]),
                              capture_output=True, text=True, env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise CourseError(f"sentence-transformers took more than {timeout:.0f} s to load and "
                          "encode: the machine is busy, run the cell again") from None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        if "No module named 'sentence_transformers'" in done.stderr:
            raise CourseError("sentence-transformers is not installed, so the comparison cannot "
                              "run: `pip install sentence-transformers==6.2.0`")
        raise CourseError(f"sentence-transformers failed in its own process ({last[:200]})")
    return np.asarray(json.loads(done.stdout.strip().splitlines()[-1]), dtype=np.float32)


def static_rows(ids) -> np.ndarray:
    """Rows of MiniLM's static token-embedding table, read from its safetensors file one row
    at a time (the 45 MB table itself is never loaded)."""
    from safetensors import safe_open

    from .language_models import _TABLE_KEYS
    from .subwords import minilm_folder

    with safe_open(str(minilm_folder() / "model.safetensors"), framework="np") as handle:
        key = next(k for wanted in _TABLE_KEYS for k in handle.keys() if k.endswith(wanted))
        table = handle.get_slice(key)
        return np.stack([np.asarray(table[int(i):int(i) + 1], dtype=np.float32)[0]
                         for i in ids])


def static_average(texts) -> np.ndarray:
    """The 'bag of table rows' sentence vector: the mean of MiniLM's static embedding-table rows
    for the text's pieces ([CLS]/[SEP] left out), unit length. No context, no layers."""
    rows = [static_rows(ids[1:-1]).mean(axis=0) for ids in encode_pieces(texts)]
    return normalize(np.stack(rows))


# --------------------------------------------------------------------------- passages
@dataclass(frozen=True)
class Passage:
    id: int
    source: str        # "wikipedia" or "lee"
    document: str      # the article's title, or "Lee news 017"
    text: str


def chunk_words(words, size: int = 100, overlap: int = 20) -> list[list[str]]:
    """Windows of `size` words, each starting `size - overlap` words after the previous one.

    The last window ends at the last word; a window that would add no new word is not made.
    """
    if isinstance(words, str):
        words = words.split()
    words = list(words)
    size = _whole(size, "size", *CHUNK_SIZES)
    if not isinstance(overlap, (int, np.integer)) or isinstance(overlap, bool) \
            or not 0 <= overlap < size:
        raise CourseError(f"overlap must be a whole number from 0 to size - 1 = {size - 1}, "
                          f"got {overlap!r}")
    step = size - int(overlap)
    return [words[s:s + size] for s in range(0, len(words), step)
            if s == 0 or s + overlap < len(words)]


def _wikipedia_titles() -> list[tuple[str, int]]:
    """(title, number of tokens) of each article of the Wikipedia sample, in corpus order."""
    import bz2

    from gensim.corpora import wikicorpus as wiki

    from .data import WIKI_SAMPLE, gensim_data_path

    params = (wiki.tokenize, 2, 15, True)
    found = []
    with bz2.BZ2File(gensim_data_path(WIKI_SAMPLE)) as handle:
        for title, text, pageid in wiki.extract_pages(handle, ("0",), None):
            tokens, title, _ = wiki._process_article((text, title, pageid, params))
            if len(tokens) < 50 or any(title.startswith(ignore + ":")
                                       for ignore in wiki.IGNORED_NAMESPACES):
                continue
            found.append((title, len(tokens)))
    return found


def _documents() -> list[tuple[str, str, list[str]]]:
    """(source, document name, words) for every article and news story of the bundled corpus."""
    from .data import load_lee_corpus, load_wikipedia_sample

    pieces = load_wikipedia_sample()
    articles = []
    try:
        titles = _cached_titles()
    except Exception:  # titles are a nicety: without them, articles are numbered
        titles = []
    position = 0
    for title, count in titles:
        words = []
        while len(words) < count and position < len(pieces):
            words.extend(pieces[position])
            position += 1
        articles.append((title, words))
    if not titles or position != len(pieces) or any(len(w) != c for (_, w), (_, c)
                                                     in zip(articles, titles)):
        articles = [(f"Wikipedia article {i:03d}", words) for i, words in enumerate(pieces)]
    documents = [("wikipedia", title, words) for title, words in articles]
    documents += [("lee", f"Lee news {i:03d}", words) for i, words in enumerate(load_lee_corpus())]
    return documents


def _cached_titles() -> list[tuple[str, int]]:
    import json

    from .paths import cache_dir

    path = cache_dir() / f"wikipedia_titles_{CACHE_VERSION}.json"
    try:
        return [(t, int(c)) for t, c in json.loads(path.read_text(encoding="utf-8"))]
    except (OSError, ValueError, TypeError):
        pass
    titles = _wikipedia_titles()
    data = json.dumps(titles).encode("utf-8")
    _write_atomically(path, data)
    return titles


def load_passages(size: int = 80, overlap: int = 20, per_document: int = 3) -> list[Passage]:
    """Passages of the bundled corpus: every Wikipedia article and Lee news story cut into
    windows of `size` words with `overlap` words shared by neighbours, at most `per_document`
    windows from each document (its beginning), so the collection stays small enough to embed
    in about a minute on a laptop. A passage whose text appeared before is skipped."""
    per_document = _whole(per_document, "per_document", 1, 10_000)
    chunk_words([], size, overlap)  # checks size and overlap
    passages, seen = [], set()
    for source, document, words in _documents():
        for chunk in chunk_words(words, size, overlap)[:per_document]:
            text = " ".join(chunk)
            if text in seen:   # the Lee corpus repeats a few stories: index each text once
                continue
            seen.add(text)
            passages.append(Passage(len(passages), source, document, text))
    return passages


# --------------------------------------------------------------------------- cache
def _write_atomically(path: Path, data: bytes) -> bool:
    """Write through the course's shared atomic writer (temporary file + rename)."""
    return write_atomically(path, lambda handle: handle.write(data))


def _digest(vectors: np.ndarray) -> str:
    return hashlib.sha256(np.ascontiguousarray(vectors).tobytes()).hexdigest()


def save_vectors(path, vectors: np.ndarray, key: str) -> bool:
    """Store vectors with the key they belong to and a checksum, atomically."""
    buffer = io.BytesIO()
    np.savez(buffer, vectors=vectors, key=np.array(key), sha256=np.array(_digest(vectors)))
    return _write_atomically(Path(path), buffer.getvalue())


def load_vectors(path, key: str) -> np.ndarray | None:
    """The cached vectors if the file is whole and belongs to `key`; None if missing.

    A damaged file (truncated, changed, or for other passages) is removed and None returned,
    so the caller rebuilds it.
    """
    path = Path(path)
    if not path.exists():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            vectors, stored_key, digest = data["vectors"], str(data["key"]), str(data["sha256"])
        if stored_key != key:
            raise ValueError("made for other passages")
        if _digest(vectors) != digest:
            raise ValueError("checksum mismatch")
    except Exception as error:  # zip errors, missing arrays, bad checksum...
        try:
            from .paths import discard
            discard(path, f"{type(error).__name__}: {error}")
        except ImportError:
            path.unlink(missing_ok=True)
        return None
    return vectors


def passages_key(passages) -> str:
    text = "\n".join(f"{p.source}\t{p.document}\t{p.text}" for p in passages)
    return hashlib.sha256(f"minilm-mean-pooled {CACHE_VERSION}\n{text}".encode()).hexdigest()


def vectors_cache_path(passages) -> Path:
    from .paths import cache_dir

    return cache_dir() / f"passage_vectors_{passages_key(passages)[:12]}.npz"


def passage_vectors(passages, progress: bool = True, batch_size: int = 32,
                    unit: bool = True) -> np.ndarray:
    """Sentence vectors of the passages (unit length, or as pooled with `unit=False`), computed
    once and then read from the cache (which keeps the pooled vectors before normalising).

    The progress bar is the same whether or not the cache exists (it jumps to the end when
    the vectors are read), so a notebook's saved output does not depend on it.
    """
    from .display import progress_bar

    passages = list(passages)
    if not passages or not all(isinstance(p, Passage) for p in passages):
        raise CourseError("give the list returned by load_passages()")
    path = vectors_cache_path(passages)
    key = passages_key(passages)
    with progress_bar(len(passages), "Embedding passages", show=progress) as bar:
        vectors = load_vectors(path, key)
        if vectors is not None and vectors.shape == (len(passages), DIM):
            bar.update(len(passages))
        else:
            vectors = embed([p.text for p in passages], batch_size=batch_size, progress=bar,
                            unit=False)
            save_vectors(path, vectors, key)
    return normalize(vectors) if unit else vectors


# --------------------------------------------------------------------------- exact search
def _matrix(values, name: str, dim: int | None = None) -> np.ndarray:
    try:
        array = np.asarray(values, dtype=np.float32)
    except (TypeError, ValueError):
        raise CourseError(f"{name} must be numbers, got {type(values).__name__}") from None
    if array.ndim == 1:
        array = array[None, :]
    if array.ndim != 2 or array.shape[0] == 0:
        raise CourseError(f"{name} must be a (rows, dim) array, got shape {array.shape}")
    if dim is not None and array.shape[1] != dim:
        raise CourseError(f"{name} have {array.shape[1]} dimensions but the collection has "
                          f"{dim}: embed them with the same model")
    if not np.isfinite(array).all():
        raise CourseError(f"{name} contain NaN or infinite values")
    return array


def check_k(k, n: int) -> int:
    if not isinstance(k, (int, np.integer)) or isinstance(k, bool):
        raise CourseError(f"k must be a whole number, got {k!r}")
    if k <= 0:
        raise CourseError(f"k must be at least 1 (how many neighbours to return), got {k}")
    if k > n:
        raise CourseError(f"k = {k:,} but the collection holds only {n:,} vectors: ask for at "
                          f"most {n:,}")
    return int(k)


def scores(queries, vectors, metric: str = "cosine") -> np.ndarray:
    """(queries, vectors) similarity: cosine, dot product, or minus the squared L2 distance
    (so that for every metric, bigger means closer)."""
    if metric not in METRICS:
        raise CourseError(f"metric must be one of {', '.join(METRICS)}, got {metric!r}")
    vectors = _matrix(vectors, "the vectors")
    queries = _matrix(queries, "the queries", vectors.shape[1])
    products = queries @ vectors.T
    if metric == "dot":
        return products
    vector_norms = np.linalg.norm(vectors, axis=1)
    if metric == "cosine":   # divide the products, not the (large) collection: no copy of it
        query_norms = np.linalg.norm(queries, axis=1)
        products /= np.maximum(query_norms[:, None] * vector_norms[None, :], 1e-12)
        return products
    squared = (queries ** 2).sum(1)[:, None] - 2 * products + (vector_norms ** 2)[None, :]
    return -np.maximum(squared, 0)


def exact_search(queries, vectors, k: int = 10, metric: str = "cosine"):
    """(scores, ids), each (queries, k): the k best vectors for each query, best first.

    For "l2" the scores are the squared distances (smallest first). Ties keep the lower id.
    """
    all_scores = scores(queries, vectors, metric)
    k = check_k(k, all_scores.shape[1])
    if k < all_scores.shape[1] // 4:   # only the best k need sorting
        # the k-th best score of each row, and every candidate at least that good (ties too)
        kth = -np.partition(-all_scores, k - 1, axis=1)[:, k - 1:k]
        ids = np.zeros((len(all_scores), k), dtype=np.int64)
        for row, (values, threshold) in enumerate(zip(all_scores, kth)):
            candidates = np.flatnonzero(values >= threshold[0])
            order = np.argsort(-values[candidates], kind="stable")[:k]
            ids[row] = candidates[order]
    else:
        ids = np.argsort(-all_scores, axis=1, kind="stable")[:, :k]
    best = np.take_along_axis(all_scores, ids, axis=1)
    return (-best if metric == "l2" else best), ids


def recall_at_k(found, truth, k: int | None = None) -> float:
    """The share of the true top-k neighbours that were found, averaged over queries.

    `found` and `truth` are (queries, ≥ k) id arrays; the order inside the top k does not
    matter; -1 (faiss's "no result") never counts.
    """
    found = np.asarray(found)
    truth = np.asarray(truth)
    if found.ndim == 1:
        found, truth = found[None, :], truth[None, :]
    if found.ndim != 2 or truth.ndim != 2 or found.shape[0] != truth.shape[0]:
        raise CourseError(f"found and truth must be (queries, k) arrays with the same number of "
                          f"queries, got shapes {found.shape} and {truth.shape}")
    k = min(found.shape[1], truth.shape[1]) if k is None else check_k(k, min(found.shape[1],
                                                                             truth.shape[1]))
    hits = [len(set(f[:k].tolist()) & (set(t[:k].tolist()) - {-1})) for f, t in zip(found, truth)]
    return float(np.mean(hits) / k)


# --------------------------------------------------------------------------- faiss indexes
@dataclass
class SearchIndex:
    kind: str
    index: object          # the faiss index
    build_seconds: float
    params: dict

    @property
    def size(self) -> int:
        return int(self.index.ntotal)

    @property
    def megabytes(self) -> float:
        return index_bytes(self.index) / 2**20


def _faiss():
    try:
        import faiss
    except ImportError:
        raise CourseError("faiss is not installed: `pip install faiss-cpu==1.15.1`") from None
    return faiss


def set_threads(threads: int = 1) -> None:
    """faiss's thread count (1 makes index builds and timings repeatable)."""
    _faiss().omp_set_num_threads(_whole(threads, "threads", 1, 256))


def build_index(vectors, kind: str = "hnsw", *, m: int = 32, ef_construction: int = 80,
                nlist: int | None = None, pq_m: int = 48, pq_bits: int = 8,
                seed: int = 0) -> SearchIndex:
    """A faiss index over unit vectors with inner product (= cosine) scores.

    * "flat": exact, every vector compared (the ground truth, as an index);
    * "hnsw": a graph with `m` links per vector, built with `ef_construction` candidates;
    * "ivf": k-means into `nlist` cells (default ≈ 4·√n), a query scans `nprobe` cells;
    * "ivfpq": IVF whose vectors are compressed to `pq_m` codes of `pq_bits` bits each.
    """
    faiss = _faiss()
    if kind not in INDEX_KINDS:
        raise CourseError(f"kind must be one of {', '.join(INDEX_KINDS)}, got {kind!r}")
    vectors = np.ascontiguousarray(_matrix(vectors, "the vectors"))
    n, dim = vectors.shape
    started = time.perf_counter()
    params: dict = {}
    if kind == "flat":
        index = faiss.IndexFlatIP(dim)
    elif kind == "hnsw":
        m = _whole(m, "m", 2, 256)
        index = faiss.IndexHNSWFlat(dim, m, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = _whole(ef_construction, "ef_construction", 1, 4096)
        params = {"m": m, "ef_construction": ef_construction}
    else:
        nlist = int(round(4 * np.sqrt(n))) if nlist is None else nlist
        nlist = _whole(nlist, "nlist", 1, max(1, n // 4))
        quantizer = faiss.IndexFlatIP(dim)
        if kind == "ivf":
            index = faiss.IndexIVFFlat(quantizer, dim, nlist, faiss.METRIC_INNER_PRODUCT)
        else:
            pq_m = _whole(pq_m, "pq_m", 1, dim)
            if dim % pq_m:
                raise CourseError(f"pq_m must divide the dimension {dim}, got {pq_m}")
            pq_bits = _whole(pq_bits, "pq_bits", 1, 8)
            if n < 4 * 2 ** pq_bits:
                raise CourseError(f"IVF-PQ with {pq_bits}-bit codes needs at least "
                                  f"{4 * 2 ** pq_bits} vectors to train, got {n}: lower pq_bits")
            index = faiss.IndexIVFPQ(quantizer, dim, nlist, pq_m, pq_bits,
                                     faiss.METRIC_INNER_PRODUCT)
            index.pq.cp.min_points_per_centroid = 1   # no stderr warning on small collections
            params.update(pq_m=pq_m, pq_bits=pq_bits)
        index.cp.seed = int(seed)
        index.cp.min_points_per_centroid = 1   # small demo collections: no warning spam
        index.train(vectors)
        params["nlist"] = nlist
    index.add(vectors)
    return SearchIndex(kind, index, time.perf_counter() - started, params)


def index_search(index: SearchIndex, queries, k: int = 10, ef_search: int | None = None,
                 nprobe: int | None = None):
    """(scores, ids) from a faiss index; `ef_search` (HNSW) and `nprobe` (IVF) trade speed
    for recall."""
    if not isinstance(index, SearchIndex):
        raise CourseError("give an index made by build_index()")
    queries = np.ascontiguousarray(_matrix(queries, "the queries", index.index.d))
    k = check_k(k, index.size)
    if index.kind == "hnsw" and ef_search is not None:
        index.index.hnsw.efSearch = _whole(ef_search, "ef_search", 1, 65_536)
    if index.kind in ("ivf", "ivfpq") and nprobe is not None:
        index.index.nprobe = _whole(nprobe, "nprobe", 1, index.params["nlist"])
    return index.index.search(queries, k)


def index_bytes(index) -> int:
    """Bytes of the index's serialized form (its vectors or codes plus the structure)."""
    faiss = _faiss()
    index = index.index if isinstance(index, SearchIndex) else index
    return int(faiss.serialize_index(index).size)


def time_search(search, queries, one_at_a_time: bool = True, repeats: int = 1) -> float:
    """Queries per second of `search(queries)`; one query per call (like a user's request),
    or all at once (a batch job). The best of `repeats` runs."""
    best = np.inf
    for _ in range(repeats):
        started = time.perf_counter()
        if one_at_a_time:
            for i in range(len(queries)):
                search(queries[i:i + 1])
        else:
            search(queries)
        best = min(best, time.perf_counter() - started)
    return len(queries) / best


def sweep(index: SearchIndex, queries, truth, values, k: int = 10, timed: bool = True) -> list:
    """Rows (setting, recall@k, queries per second) for each efSearch (HNSW) or nprobe (IVF)."""
    knob = "ef_search" if index.kind == "hnsw" else "nprobe"
    rows = []
    for value in values:
        _, ids = index_search(index, queries, k, **{knob: value})
        recall = recall_at_k(ids, truth, k)
        qps = time_search(lambda q: index_search(index, q, k), queries) if timed else float("nan")
        rows.append((int(value), recall, qps))
    return rows


def synthetic_collection(base, n: int, seed: int = 0, parts: int = 3,
                         noise: float = 0.8) -> np.ndarray:
    """`n` unit vectors that look like passage vectors: each is a random mixture of `parts`
    real passage vectors (Dirichlet weights) plus Gaussian noise of length about `noise`,
    seeded.

    Real sentence vectors are not spread evenly over the sphere; mixtures of real ones keep
    their directions and clusters. The default noise makes a vector's 10th nearest neighbour
    about as similar (cosine ≈ 0.3–0.4) as among the real passages, which is what makes ANN
    search hard or easy; with little noise the mixtures crowd around their passages and every
    index looks better than it would on real data.
    """
    base = normalize(_matrix(base, "the base vectors"))
    n = _whole(n, "n", 1, 2_000_000)
    parts = _whole(parts, "parts", 1, 16)
    rng = np.random.default_rng(seed)
    out = np.empty((n, base.shape[1]), dtype=np.float32)
    for start in range(0, n, 10_000):
        rows = min(10_000, n - start)
        picks = rng.integers(0, len(base), size=(rows, parts))
        weights = rng.dirichlet(np.ones(parts), size=rows).astype(np.float32)
        mixed = np.einsum("np,npd->nd", weights, base[picks])
        mixed += noise / np.sqrt(base.shape[1]) * rng.standard_normal(mixed.shape,
                                                                       dtype=np.float32)
        out[start:start + rows] = normalize(mixed)
    return out


# --------------------------------------------------------------------------- vector database
DB_FILE = "passages.db"      # Milvus Lite keeps a database in a folder whose name ends in .db
TEXT_CHARS = 4_000


@dataclass(frozen=True)
class Hit:
    id: int
    score: float
    source: str
    document: str
    text: str


def default_db_folder() -> Path:
    """The course's database folder: `vector_db` in the course cache, or `COURSE_VECTOR_DB`
    (one kernel at a time can open a folder: two runs side by side each name their own)."""
    import os

    from .paths import cache_dir

    return Path(os.environ.get("COURSE_VECTOR_DB") or cache_dir() / "vector_db")


def _is_address(where) -> bool:
    return isinstance(where, str) and where.startswith(("http://", "https://", "tcp://"))


class VectorStore:
    """A collection of passages in Milvus (Lite on disk, or a server), through `pymilvus`.

    The same methods work whether `open_store` was given a folder (Milvus Lite: embedded, no
    server to run) or an address such as "http://localhost:19530" (Milvus Standalone or a
    Distributed cluster).
    """

    def __init__(self, client, uri: str, collection: str, dim: int):
        self.client = client
        self.uri = uri
        self.collection = collection
        self.dim = dim

    # ---- schema and index
    def create(self, m: int = 16, ef_construction: int = 64, replace: bool = False) -> None:
        """Make the collection (id, vector, source, document, text) with an HNSW index on the
        vectors (cosine). `replace=True` first drops a collection of the same name."""
        from pymilvus import DataType

        if self.client.has_collection(self.collection):
            if not replace:
                return
            self.client.drop_collection(self.collection)
        schema = self.client.create_schema(auto_id=False, enable_dynamic_field=False)
        schema.add_field("id", DataType.INT64, is_primary=True)
        schema.add_field("vector", DataType.FLOAT_VECTOR, dim=self.dim)
        schema.add_field("source", DataType.VARCHAR, max_length=32)
        schema.add_field("document", DataType.VARCHAR, max_length=256)
        schema.add_field("text", DataType.VARCHAR, max_length=TEXT_CHARS)
        index = self.client.prepare_index_params()
        index.add_index(field_name="vector", index_type="HNSW", metric_type="COSINE",
                        params={"M": _whole(m, "m", 2, 256),
                                "efConstruction": _whole(ef_construction, "ef_construction",
                                                         1, 4096)})
        self.client.create_collection(self.collection, schema=schema, index_params=index)
        self.client.load_collection(self.collection)

    def _require_collection(self) -> None:
        if not self.client.has_collection(self.collection):
            raise CourseError(f"the database at {self.uri} has no collection "
                              f"'{self.collection}': call store.create() and add passages first")

    def index_info(self) -> dict:
        self._require_collection()
        info = self.client.describe_index(self.collection, "vector")
        return {key: info.get(key) for key in ("index_type", "metric_type", "M",
                                               "efConstruction", "indexed_rows")
                if key in info}

    # ---- rows
    def _rows(self, passages, vectors) -> list[dict]:
        passages = list(passages)
        vectors = _matrix(vectors, "the vectors", self.dim)
        if len(passages) != len(vectors):
            raise CourseError(f"got {len(passages)} passages but {len(vectors)} vectors: give "
                              "one vector per passage")
        rows = []
        for passage, vector in zip(passages, normalize(vectors)):
            if not isinstance(passage, Passage):
                raise CourseError(f"expected Passage objects, got {type(passage).__name__}")
            rows.append({"id": int(passage.id), "vector": vector.tolist(),
                         "source": passage.source, "document": passage.document[:256],
                         "text": passage.text[:TEXT_CHARS]})
        return rows

    def add(self, passages, vectors) -> int:
        """Insert new passages (or replace those whose id exists: an upsert). Returns the count."""
        self._require_collection()
        rows = self._rows(passages, vectors)
        for start in range(0, len(rows), 200):   # small batches: less memory in flight
            self.client.upsert(self.collection, rows[start:start + 200])
        self.client.flush(self.collection)   # seal the rows into an indexed segment
        from .memory import give_back_freed_memory

        give_back_freed_memory()             # the rows' temporary copies
        return len(rows)

    update = add

    def delete(self, ids) -> int:
        self._require_collection()
        ids = [int(i) for i in np.atleast_1d(np.asarray(ids))]
        if not ids:
            return 0
        result = self.client.delete(self.collection, ids=ids)
        self.client.flush(self.collection)
        return int(result.get("delete_count", len(ids))) if isinstance(result, dict) else len(ids)

    def count(self) -> int:
        self._require_collection()
        rows = self.client.query(self.collection, filter="", output_fields=["count(*)"])
        return int(rows[0]["count(*)"])

    def get(self, ids) -> list[Passage]:
        self._require_collection()
        ids = [int(i) for i in np.atleast_1d(np.asarray(ids))]
        rows = self.client.get(self.collection, ids=ids,
                               output_fields=["source", "document", "text"])
        return sorted((Passage(int(r["id"]), r["source"], r["document"], r["text"])
                       for r in rows), key=lambda p: p.id)

    # ---- search
    def search(self, queries, k: int = 5, source: str | None = None,
               ef: int = 64) -> list[list[Hit]]:
        """The k nearest passages to each query vector (cosine), optionally only from one
        source ("wikipedia" or "lee"), best first."""
        self._require_collection()
        queries = _matrix(queries, "the query vectors", self.dim)
        k = check_k(k, self.count())
        where = ""
        if source is not None:
            if not isinstance(source, str) or not source.replace("_", "").isalnum():
                raise CourseError(f"source must be a plain name such as 'lee', got {source!r}")
            where = f'source == "{source}"'
        results = self.client.search(
            self.collection, data=normalize(queries).tolist(), limit=k, filter=where,
            output_fields=["source", "document", "text"],
            search_params={"params": {"ef": max(_whole(ef, "ef", 1, 65_536), k)}})
        return [[Hit(int(h["id"]), float(h["distance"]), h["entity"]["source"],
                     h["entity"]["document"], h["entity"]["text"]) for h in hits]
                for hits in results]

    def close(self) -> None:
        """Close the client; for an embedded database also stop its in-process engine, which
        writes everything to disk and releases the folder's lock (reopening reads the files)."""
        try:
            self.client.close()
        except Exception:
            pass
        if not _is_address(self.uri):
            try:
                from milvus_lite.server_manager import server_manager_instance
            except ImportError:
                return
            server_manager_instance.release_server(self.uri)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def open_store(where=None, collection: str = "passages", dim: int = DIM,
               create: bool = True) -> VectorStore:
    """Open (or make) the vector database.

    `where` is a folder (default: the course cache's `vector_db`), which holds an embedded
    Milvus Lite database, or a server address such as "http://localhost:19530", which talks to
    Milvus Standalone / Distributed with the very same client calls. `create=False` refuses
    to make a new folder (to reopen one that should exist).
    """
    try:
        import logging

        from pymilvus import MilvusClient
        # errors reach the learner as one CourseError sentence, not as logged tracebacks
        for name in ("pymilvus", "milvus_lite", "grpc"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
    except ImportError:
        raise CourseError("pymilvus is not installed: `pip install pymilvus==3.0.2 "
                          "milvus-lite==3.2.2`") from None
    dim = _whole(dim, "dim", 1, 32_768)
    if not isinstance(collection, str) or not collection.replace("_", "").isalnum():
        raise CourseError(f"collection must be a plain name such as 'passages', got "
                          f"{collection!r}")
    if _is_address(where):
        uri = where
    else:
        folder = default_db_folder() if where is None else Path(where)
        if folder.exists() and not folder.is_dir():
            raise CourseError(f"{folder} is a file, not a folder: give a folder for the "
                              "database")
        database = folder / DB_FILE
        if not database.exists():
            if not create:
                raise CourseError(f"there is no vector database in {folder}: build it first "
                                  "(open_store(folder) then store.create() and store.add(...))")
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise CourseError(f"cannot create the folder {folder} ({error.strerror}): "
                                  "give a folder you can write to") from None
        uri = str(database)
    try:
        client = MilvusClient(uri)
    except Exception as error:
        if _is_address(uri):
            raise CourseError(f"no Milvus server answered at {uri} ({type(error).__name__}): "
                              "start it, or give a folder to use the embedded database") \
                from None
        raise CourseError(f"the database in {Path(uri).parent} could not be opened, most often "
                          "because another kernel or program has it open (it is locked): "
                          "close it there (store.close()) or restart that kernel") from None
    store = VectorStore(client, uri, collection, dim)
    if store.client.has_collection(collection):
        fields = store.client.describe_collection(collection).get("fields", [])
        stored = next((f.get("params", {}).get("dim") for f in fields
                       if f.get("name") == "vector"), None)
        if stored is not None and int(stored) != dim:
            store.close()
            raise CourseError(f"the collection '{collection}' holds {stored}-dimensional "
                              f"vectors, not {dim}: open it with dim={stored} or use another "
                              "collection name")
        store.client.load_collection(collection)   # a reopened collection starts "released"
    return store
