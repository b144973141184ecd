"""Faults a notebook meets in the wild: damaged caches, unwritable folders, truncated data files,
two kernels writing the same cache, and work too big for memory.

Memory tests run in a subprocess under an address-space cap (`resource.setrlimit(RLIMIT_AS)`,
what `prlimit --as` does): the helper must refuse *before* allocating, so the capped process
gets a `MemoryBudgetError`, not a `MemoryError` or a kill; and the same call with the budget
lifted does hit the cap, which proves the cap was real.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

from helpers import data, paths, word2vec as w2v
from helpers.errors import CourseError, DataFileError
from tests.file_damage import BYTE_DAMAGE, damage_bytes

ROOT = Path(__file__).resolve().parent.parent
GIB = 2 ** 30


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("TOKEN_EMBEDDINGS_CACHE", str(folder))
    paths._NOTICES.clear()
    yield folder
    paths._NOTICES.clear()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*tmp*")) if folder.exists() else []


# ----------------------------------------------------------------------------- text caches
def _damage(path: Path, kind: str) -> None:
    if kind in BYTE_DAMAGE:
        return damage_bytes(path, kind)
    raw = path.read_bytes()
    if kind == "flipped byte":
        middle = len(raw) // 2
        path.write_bytes(raw[:middle] + bytes([raw[middle] ^ 0x01]) + raw[middle + 1:])
    elif kind == "old format":  # a v1 cache: no header (it silently lost sentences before)
        path.write_bytes(raw.split(b"\n", 1)[1])
    elif kind == "not utf-8":
        path.write_bytes(b"\xff\xfe broken")


@pytest.mark.parametrize("kind", ["empty", "truncated", "random", "flipped byte", "old format",
                                  "not utf-8"])
def test_damaged_text_cache_is_rebuilt_with_one_line(cache, capsys, kind):
    expected = data.load_lee_corpus()
    cached = cache / "lee_background_v2.txt"
    assert cached.exists()
    _damage(cached, kind)
    capsys.readouterr()
    assert data.load_lee_corpus() == expected           # never a third of the corpus
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "lee_background_v2.txt was unreadable" in err
    assert "rebuilding" in err
    assert data._decode_sentences(cached.read_bytes()) == expected  # healed on disk
    assert leftovers(cache) == []


def test_whole_text_cache_is_read_without_a_notice(cache, capsys):
    first = data.load_lee_corpus()
    capsys.readouterr()
    assert data.load_lee_corpus() == first
    assert capsys.readouterr().err == ""


# ----------------------------------------------------------------------------- vector caches
@pytest.mark.parametrize("kind", ["empty", "truncated", "random", "wrong shapes", "nan"])
def test_damaged_vector_cache_is_rebuilt(cache, capsys, kind):
    words, matrix = w2v.course_vectors("toy", progress=False, epochs=1)
    path = w2v.course_vectors_path("toy", w2v._course_settings("toy", {"epochs": 1}))
    assert path.exists()
    if kind == "wrong shapes":
        np.savez_compressed(path, words=np.asarray(words[:3]), vectors=matrix)
    elif kind == "nan":
        np.savez_compressed(path, words=np.asarray(words), vectors=matrix * np.nan)
    else:
        _damage(path, kind)
    capsys.readouterr()
    again_words, again = w2v.course_vectors("toy", progress=False, epochs=1)
    assert again_words == words and np.array_equal(again, matrix)
    assert "was unreadable" in capsys.readouterr().err
    assert w2v.load_vectors(path)[0] == words            # the file is whole again
    assert leftovers(cache) == []


def test_a_damaged_vector_file_of_your_own_is_one_sentence(tmp_path):
    path = tmp_path / "mine.npz"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(DataFileError, match="not a readable vector file"):
        w2v.load_vectors(path)


# ----------------------------------------------------------------------------- unwritable caches
def _unwritable_places(tmp_path: Path) -> list[Path]:
    a_file = tmp_path / "a_file.txt"
    a_file.write_text("not a folder")
    places = [a_file / "cache"]
    if sys.platform.startswith("linux"):
        places.append(Path("/proc/course-cache-test"))             # root cannot write here
    if hasattr(os, "geteuid") and os.geteuid() != 0:               # chmod stops only non-root
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        places.append(locked / "cache")
    return places


def test_unwritable_cache_folder_means_no_caching_and_one_line(tmp_path, monkeypatch, capsys):
    expected = data.load_lee_corpus()  # (with the normal cache)
    for place in _unwritable_places(tmp_path):
        monkeypatch.setenv("TOKEN_EMBEDDINGS_CACHE", str(place))
        paths._NOTICES.clear()
        capsys.readouterr()
        assert data.load_lee_corpus() == expected
        assert data.load_lee_corpus() == expected            # again: still no crash
        words, _ = w2v.course_vectors("toy", progress=False, epochs=1)
        assert words
        err = capsys.readouterr().err
        assert err.count("cannot write to the cache folder") == 1, err
        assert "carrying on without caching" in err
        assert "Traceback" not in err and ".tmp" not in err
    paths._NOTICES.clear()


def test_a_write_that_fails_midway_leaves_no_temporary_file(cache, monkeypatch, capsys):
    def half_then_fail(handle, **arrays):
        handle.write(b"PK half a zip")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(np, "savez_compressed", half_then_fail)
    words, _ = w2v.course_vectors("toy", progress=False, epochs=1)
    assert words and leftovers(cache) == [] and not list(cache.glob("*.npz"))
    assert "No space left on device" in capsys.readouterr().err

    def crash(handle, **arrays):
        handle.write(b"PK")
        raise KeyboardInterrupt  # the learner presses stop in the middle of the write

    monkeypatch.setattr(np, "savez_compressed", crash)
    with pytest.raises(KeyboardInterrupt):
        w2v.course_vectors("toy", progress=False, epochs=2)
    assert leftovers(cache) == []


def test_temporary_files_of_a_killed_kernel_are_swept(tmp_path, monkeypatch):
    folder = tmp_path / "swept"
    folder.mkdir()
    old = folder / ".wikipedia_sample_v2.txt.123.abcd.tmp"
    old.write_text("half")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    older_version = folder / "word2vec_toy_0123456789ab.4242.tmp.npz"   # name used before
    older_version.write_bytes(b"PK")
    os.utime(older_version, (time.time() - 7200, time.time() - 7200))
    recent = folder / ".lee_background_v2.txt.456.beef.tmp"
    recent.write_text("being written right now")
    monkeypatch.setenv("TOKEN_EMBEDDINGS_CACHE", str(folder))
    assert paths.cache_dir() == folder
    assert not old.exists() and not older_version.exists() and recent.exists()


def test_an_own_file_that_cannot_be_written_is_an_error(tmp_path):
    a_file = tmp_path / "a_file"
    a_file.write_text("x")
    with pytest.raises(DataFileError, match="cannot write path"):
        w2v.save_vectors(["a"], np.ones((1, 2)), a_file / "vectors.npz")


# ----------------------------------------------------------------------------- data files
@pytest.fixture(scope="module")
def wiki_bytes():
    return data.gensim_data_path(data.WIKI_SAMPLE).read_bytes()


@pytest.mark.parametrize("kind", ["half", "first 100 kB", "random bytes", "zeros in the middle",
                                  "empty"])
def test_damaged_wikipedia_file_fails_in_seconds(tmp_path, wiki_bytes, kind):
    path = tmp_path / data.WIKI_SAMPLE
    if kind == "half":
        path.write_bytes(wiki_bytes[: len(wiki_bytes) // 2])
    elif kind == "first 100 kB":
        path.write_bytes(wiki_bytes[:100_000])
    elif kind == "random bytes":
        path.write_bytes(np.random.default_rng(1).bytes(200_000))
    elif kind == "zeros in the middle":
        middle = len(wiki_bytes) // 2
        path.write_bytes(wiki_bytes[:middle] + bytes(50_000) + wiki_bytes[middle + 50_000:])
    else:
        path.write_bytes(b"")
    started = time.perf_counter()
    with pytest.raises(DataFileError, match="damaged or truncated|no articles"):
        data._wikipedia_sentences(path)
    assert time.perf_counter() - started < 30  # seconds, never a hang (measured: < 5 s)


def test_damaged_bundled_file_never_hangs_the_loader(cache, tmp_path, wiki_bytes, monkeypatch):
    """Through the real loader (progress bar, cache) in a subprocess with a timeout."""
    broken = tmp_path / "gensim_data"
    broken.mkdir()
    (broken / data.WIKI_SAMPLE).write_bytes(wiki_bytes[: len(wiki_bytes) // 2])
    script = textwrap.dedent(f"""
        import gensim.test.utils as utils
        utils.datapath = lambda name: {str(broken)!r} + "/" + name
        from helpers import data
        from helpers.errors import DataFileError
        try:
            data.load_wikipedia_sample(progress=True)
        except DataFileError as error:
            print("DataFileError:", error)
    """)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert "DataFileError: the Wikipedia sample" in result.stdout, result.stderr
    assert time.perf_counter() - started < 120
    assert not (cache / "wikipedia_sample_v2.txt").exists()   # nothing half-built is cached


def test_the_in_process_reader_matches_gensim_wikicorpus(wiki_bytes):
    """Same tokens as gensim's WikiCorpus.get_texts (the multiprocessing reader it replaces)."""
    from gensim.corpora.wikicorpus import WikiCorpus

    path = data.gensim_data_path(data.WIKI_SAMPLE)
    reference = data.chunked(list(WikiCorpus(str(path), dictionary={}, processes=1).get_texts()))
    assert data._wikipedia_sentences(path) == reference


def test_truncated_files_of_your_own(tmp_path):
    from helpers.feature_table import load_feature_table

    table = data.data_path("feature_table.csv").read_text()
    cut = tmp_path / "table.csv"
    cut.write_text(table[: len(table) // 2 + 3])          # ends in the middle of a row
    with pytest.raises(CourseError, match=r"table\.csv, line \d+"):
        load_feature_table(cut)
    text = tmp_path / "corpus.txt"
    text.write_bytes("a café in paris\n".encode("utf-8")[:6])   # cut inside "é"
    with pytest.raises(DataFileError, match="not UTF-8"):
        data.load_text_corpus(text)


# ----------------------------------------------------------------------------- concurrency
def test_two_kernels_building_the_same_cache_at_once(tmp_path):
    folder = tmp_path / "shared_cache"
    script = textwrap.dedent("""
        import hashlib, json
        from helpers import data, word2vec
        lee = data.load_lee_corpus()
        words, matrix = word2vec.course_vectors("toy", progress=False, epochs=3)
        print(json.dumps([hashlib.sha256(repr(lee).encode()).hexdigest(),
                          hashlib.sha256(matrix.tobytes()).hexdigest(), len(words)]))
    """)
    env = {**os.environ, "TOKEN_EMBEDDINGS_CACHE": str(folder)}
    runs = [subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    first, second = (json.loads(out.strip().splitlines()[-1]) for out, _ in outputs)
    assert first == second
    assert leftovers(folder) == []
    # the files the two kernels raced to write are whole
    lee = data._decode_sentences((folder / "lee_background_v2.txt").read_bytes())
    assert len(lee) == 300
    npz = list(folder.glob("word2vec_toy_*.npz"))
    assert len(npz) == 1 and w2v._read_vectors(npz[0])[1].shape[0] == first[2]


# ----------------------------------------------------------------------------- memory, capped
CAPPED = textwrap.dedent("""
    import json, resource, sys
    cap = int(sys.argv[1])
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    import numpy as np
    from helpers import memory
    from helpers.errors import MemoryBudgetError

    def peak_mib():
        # VmHWM: the peak resident memory of this process's own address space (ru_maxrss
        # would include the parent's peak, inherited across fork and exec)
        with open("/proc/self/status") as status:
            line = next(l for l in status if l.startswith("VmHWM:"))
        return int(line.split()[1]) / 1024

    def attempt(name, call):
        try:
            call()
            outcome = "ran"
        except MemoryBudgetError as error:
            outcome = "refused: " + str(error)
        except MemoryError:
            outcome = "MemoryError"
        print(json.dumps({"case": name, "outcome": outcome, "peak_mib": round(peak_mib())}),
              flush=True)

    {body}
""")

NUMPY_CASES = textwrap.dedent("""
    from helpers import data, one_hot, transfer, vectors
    ids = np.arange(25_000) % 2_000
    big = one_hot.one_hot(ids, 2_000)                       # 200 MB: allowed
    attempt("pairwise_cosines 25k one-hot rows", lambda: one_hot.pairwise_cosines(big))
    attempt("pairwise_distances 25k rows", lambda: one_hot.pairwise_distances(big))
    rows = np.ones((24_000, 50), dtype=np.float32)
    attempt("cosine_similarity_matrix 24k rows", lambda: vectors.cosine_similarity_matrix(rows))
    queries = np.ones((20_000, 8), dtype=np.float32)
    attempt("top_k 20k x 20k", lambda: transfer.top_k(queries, queries, 5))
    attempt("time_search 2M x 600", lambda: transfer.time_search([2_000_000], dim=600))
    attempt("load_text_corpus 3 GB file", lambda: data.load_text_corpus(sys.argv[2]))
    memory.set_memory_budget("100 GB")                        # the guard lifted: the cap bites
    attempt("pairwise_cosines without the guard", lambda: one_hot.pairwise_cosines(big))
""")

TORCH_CASES = textwrap.dedent("""
    from helpers import initialization
    attempt("table_statistics rows=30,000",
            lambda: initialization.table_statistics("normal(0, 1)", 50_000, 64, rows=30_000))
    attempt("table_statistics rows=300",
            lambda: initialization.table_statistics("normal(0, 1)", 50_000, 64, rows=300))
""")


def run_capped(body: str, cap: int, *args: str) -> list[dict]:
    script = CAPPED.replace("{body}", body)
    result = subprocess.run([sys.executable, "-c", script, str(cap), *args], cwd=ROOT,
                            capture_output=True, text=True, timeout=300,
                            env={**os.environ, "OPENBLAS_NUM_THREADS": "1",
                                 "COURSE_MEMORY_BUDGET": ""})
    assert result.returncode == 0, result.stderr[-2000:]
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


LINUX_ONLY = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="address-space caps (RLIMIT_AS) and /proc are Linux's")


@LINUX_ONLY
def test_memory_guard_refuses_before_allocating_under_a_cap(tmp_path):
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as handle:          # a sparse 3 GB file: no disk used
        handle.truncate(3 * 10**9)
    cap = int(1.5 * GIB)
    results = {r["case"]: r for r in run_capped(NUMPY_CASES, cap, str(huge))}
    for case in ("pairwise_cosines 25k one-hot rows", "pairwise_distances 25k rows",
                 "cosine_similarity_matrix 24k rows", "top_k 20k x 20k",
                 "time_search 2M x 600", "load_text_corpus 3 GB file"):
        outcome = results[case]["outcome"]
        assert outcome.startswith("refused: "), (case, outcome)
        assert "memory budget of 1.00 GB" in outcome and "set_memory_budget" in outcome
        assert results[case]["peak_mib"] < 400, results[case]   # the 200 MB input, nothing more
    # the same call with the guard lifted does run out of memory under the cap
    assert results["pairwise_cosines without the guard"]["outcome"] == "MemoryError"


@LINUX_ONLY
def test_memory_guard_in_torch_statistics_under_a_cap():
    results = {r["case"]: r for r in run_capped(TORCH_CASES, int(2.5 * GIB))}
    refused = results["table_statistics rows=30,000"]
    assert refused["outcome"].startswith("refused: ") and "rows" in refused["outcome"]
    assert results["table_statistics rows=300"]["outcome"] == "ran"
    assert refused["peak_mib"] < 500


def test_budget_from_environment_and_function(monkeypatch):
    from helpers import memory

    monkeypatch.setenv("COURSE_MEMORY_BUDGET", "2GB")
    assert memory.memory_budget() == 2 * 10**9
    assert memory.set_memory_budget("500 MiB") == 500 * 2**20
    memory.set_memory_budget(None)
    assert memory.memory_budget() == 2 * 10**9
    monkeypatch.delenv("COURSE_MEMORY_BUDGET")
    assert memory.memory_budget() == memory.DEFAULT_BUDGET == 10**9
    assert memory.array_bytes((25_000, 25_000), "float64") == 5 * 10**9


def test_training_runs_that_would_not_fit_are_refused():
    """The same guard in the trainers (shown with a tiny budget, so nothing big is needed)."""
    from helpers import initialization, memory, sgns
    from helpers.errors import MemoryBudgetError

    corpus = data.load_toy_corpus()
    memory.set_memory_budget("1 MB")
    try:
        with pytest.raises(MemoryBudgetError, match=r"train_readable with window=5: about"):
            sgns.train_readable(corpus, window=5)
        with pytest.raises(MemoryBudgetError, match=r"train_fast with window=5: about"):
            sgns.train_fast(corpus, window=5, min_count=1, progress=False)
        memory.set_memory_budget("10 kB")
        with pytest.raises(MemoryBudgetError, match=r"train_tiny_model on data with \d+ distinct"):
            initialization.train_tiny_model("normal(0, 1)", steps=1)
    finally:
        memory.set_memory_budget(None)
    assert memory.memory_budget() == memory.DEFAULT_BUDGET or os.environ.get(
        "COURSE_MEMORY_BUDGET")


# ----------------------------------------------------------------------------- divergence
def test_every_trainer_stops_when_it_diverges(monkeypatch):
    """A learning rate far too large: one sentence naming lr, never NaN vectors returned."""
    import torch

    from helpers import embedding_layer, initialization, sgns, sgns_by_hand, transfer
    from helpers import transformer_embeddings
    from helpers.errors import TrainingDivergedError

    toy = data.load_toy_corpus()
    runs = {
        "train_fast": lambda: sgns.train_fast(toy, lr=99, epochs=2, min_count=1, progress=False),
        "train_readable": lambda: sgns.train_readable(toy, lr=99, epochs=2),
        "train_with_ids": lambda: sgns_by_hand.train_with_ids(toy, lr=99, epochs=1),
        "train_tiny_model": lambda: initialization.train_tiny_model("normal(0, 1)", steps=200,
                                                                   lr=99),
        "train_tiny (transformer)": lambda: transformer_embeddings.train_tiny(
            steps=100, lr=99, progress=False),  # Adam: the loss explodes, never NaN
    }
    for name, run in runs.items():
        with pytest.raises(TrainingDivergedError, match=r"diverged.*lr=.*smaller learning rate"):
            run()
    layer = torch.nn.Embedding(4, 3)
    with torch.no_grad():
        layer.weight.copy_(torch.arange(12.0).reshape(4, 3) * 1e37)   # one step overflows
    before = layer.weight.detach().clone()
    with pytest.raises(TrainingDivergedError, match="lr=90"):
        embedding_layer.one_training_step(layer, [0, 1, 2], lr=90)
    assert torch.equal(layer.weight, before)                 # the table was put back
    examples = transfer.load_polarity()
    features = transfer.word2vec_features(examples, ["good", "bad", "film", "movie"],
                                          np.eye(4, dtype=np.float32))
    monkeypatch.setattr(transfer, "HEAD_LR", 1e30)
    split = transfer.fixed_split([label for _, label in examples])
    train = transfer.training_indices(split, 20, 0)
    with pytest.raises(TrainingDivergedError, match="smaller learning rates"):
        transfer.train_classifier(features, [label for _, label in examples], train,
                                  split.test, "random")
