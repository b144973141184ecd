"""helpers.vector_search (compute) and helpers.vector_search_views: real behaviour, bad input."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time

import numpy as np
import pytest

from helpers import vector_search as vs
from helpers import vector_search_views as views
from helpers.errors import CourseError
from helpers.paths import REPO_ROOT


def unit_rows(n, dim=16, seed=0):
    return vs.normalize(np.random.default_rng(seed).standard_normal((n, dim)))


# --------------------------------------------------------------------------- sentence vectors
def test_mean_pool_ignores_padding():
    import torch

    rng = np.random.default_rng(0)
    outputs = torch.tensor(rng.standard_normal((2, 5, 4)), dtype=torch.float32)
    mask = torch.tensor([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]])
    pooled = vs.mean_pool(outputs, mask)
    assert np.allclose(pooled[0], outputs[0, :3].mean(0).numpy(), atol=1e-6)
    assert np.allclose(pooled[1], outputs[1].mean(0).numpy(), atol=1e-6)
    outputs[0, 3:] = 1e6                       # whatever sits in the padding does not count
    assert np.allclose(vs.mean_pool(outputs, mask)[0], pooled[0], atol=1e-6)
    with pytest.raises(CourseError, match="mask"):
        vs.mean_pool(outputs, mask[:, :3])


def test_embed_matches_sentence_transformers_and_ignores_batching():
    sentences = ["The cat sat on the mat.", "A much longer sentence about vector databases "
                 "and the passages they store.", "short"]
    mine = vs.embed(sentences)
    assert mine.shape == (3, vs.DIM) and mine.dtype == np.float32
    assert np.allclose(np.linalg.norm(mine, axis=1), 1, atol=1e-5)
    assert np.abs(mine - vs.sentence_transformers_encode(sentences)).max() < 1e-5
    one_by_one = np.concatenate([vs.embed([s]) for s in sentences])
    assert np.abs(mine - one_by_one).max() < 1e-5        # padding in a batch changes nothing
    raw = vs.embed(sentences, unit=False)
    assert np.allclose(vs.normalize(raw), mine, atol=1e-6)
    assert not np.allclose(np.linalg.norm(raw, axis=1), 1, atol=0.1)


def test_static_average_differs_from_contextual():
    pair = ["The bank approved my loan.", "We had a picnic on the river bank."]
    static = vs.static_average(pair)
    contextual = vs.embed(pair)
    assert static.shape == (2, vs.DIM)
    assert np.allclose(np.linalg.norm(static, axis=1), 1, atol=1e-5)
    assert abs(float(static[0] @ static[1]) - float(contextual[0] @ contextual[1])) > 0.02


@pytest.mark.parametrize("texts, message", [
    ([""], "empty"), (["   "], "empty"), ([], "empty"), ([3], "string"), (42, "list"),
    (["我爱自然语言处理" * 80], "512 positions"),
])
def test_embed_bad_input_is_one_sentence(texts, message):
    with pytest.raises(CourseError, match=message):
        vs.embed(texts)


def test_long_text_error_names_the_fix():
    with pytest.raises(CourseError, match="chunk_words"):
        vs.encode_pieces(["word " * 600])


# --------------------------------------------------------------------------- passages
def test_chunk_words_windows_and_overlap():
    words = [str(i) for i in range(12)]
    chunks = vs.chunk_words(words, size=5, overlap=2)
    assert chunks == [words[0:5], words[3:8], words[6:11], words[9:12]]
    assert vs.chunk_words(words, size=6, overlap=0) == [words[:6], words[6:]]
    assert vs.chunk_words(words[:5], size=8, overlap=2) == [words[:5]]
    assert vs.chunk_words("a b c d e f g h i", size=8, overlap=4) == [list("abcdefgh"),
                                                                      list("efghi")]
    assert vs.chunk_words([], size=8, overlap=2) == []
    for chunk, following in zip(chunks, chunks[1:]):
        assert chunk[-2:] == following[:2]        # neighbours share `overlap` words


@pytest.mark.parametrize("size, overlap, message", [
    (5, 5, "overlap"), (5, -1, "overlap"), (1, 0, "size"), (1000, 0, "size"), (8.5, 0, "whole"),
])
def test_chunk_words_bad_knobs(size, overlap, message):
    with pytest.raises(CourseError, match=message):
        vs.chunk_words(["a"] * 20, size=size, overlap=overlap)


def test_load_passages_per_document(monkeypatch):
    documents = [("wikipedia", "Article A", [f"a{i}" for i in range(50)]),
                 ("lee", "Lee news 000", [f"b{i}" for i in range(9)]),
                 ("lee", "Lee news 001", [f"b{i}" for i in range(9)])]   # a repeated story
    monkeypatch.setattr(vs, "_documents", lambda: documents)
    passages = vs.load_passages(size=10, overlap=2, per_document=3)
    assert [p.id for p in passages] == list(range(len(passages)))
    assert [p.document for p in passages] == ["Article A"] * 3 + ["Lee news 000"]
    assert passages[1].text.split()[:2] == passages[0].text.split()[-2:]
    assert passages[-1].text == " ".join(documents[1][2])
    with pytest.raises(CourseError, match="per_document"):
        vs.load_passages(per_document=0)


def test_bundled_passages_have_titles_and_both_sources():
    passages = vs.load_passages()
    sources = {p.source for p in passages}
    assert sources == {"wikipedia", "lee"}
    titles = {p.document for p in passages if p.source == "wikipedia"}
    assert {"Anarchism", "Aristotle", "Andre Agassi"} <= titles
    assert 900 <= len(passages) <= 1300
    assert len({p.text for p in passages}) == len(passages)             # no duplicates
    assert all(len(p.text.split()) <= 80 for p in passages)


# --------------------------------------------------------------------------- cache
def test_vectors_cache_roundtrip_and_damage(tmp_path):
    path = tmp_path / "v.npz"
    data = unit_rows(7, 384)
    assert vs.save_vectors(path, data, "key-1")
    assert np.array_equal(vs.load_vectors(path, "key-1"), data)
    assert vs.load_vectors(path, "other key") is None and not path.exists()   # stale: removed
    vs.save_vectors(path, data, "key-1")
    path.write_bytes(path.read_bytes()[:-200])                              # truncated
    assert vs.load_vectors(path, "key-1") is None and not path.exists()
    assert vs.load_vectors(tmp_path / "missing.npz", "key-1") is None
    assert not list(tmp_path.glob("*.tmp"))


def test_passage_vectors_computed_once_and_rebuilt_when_damaged(tmp_path, monkeypatch):
    monkeypatch.setenv("TOKEN_EMBEDDINGS_CACHE", str(tmp_path))
    passages = [vs.Passage(0, "lee", "Lee news 000", "the cat sat on the mat"),
                vs.Passage(1, "lee", "Lee news 001", "vector databases store passages")]
    calls = []
    real_embed = vs.embed

    def counting_embed(texts, **kwargs):
        calls.append(len(texts))
        return real_embed(texts, **kwargs)
    monkeypatch.setattr(vs, "embed", counting_embed)
    first = vs.passage_vectors(passages, progress=False)
    assert calls == [2] and first.shape == (2, vs.DIM)
    second = vs.passage_vectors(passages, progress=False)
    assert calls == [2] and np.array_equal(first, second)            # read from the cache
    raw = vs.passage_vectors(passages, progress=False, unit=False)
    assert np.allclose(vs.normalize(raw), first)
    cache = vs.vectors_cache_path(passages)
    cache.write_bytes(b"not a zip file")
    again = vs.passage_vectors(passages, progress=False)
    assert calls == [2, 2] and np.allclose(again, first, atol=1e-6)  # rebuilt, not fatal
    with pytest.raises(CourseError, match="load_passages"):
        vs.passage_vectors(["a string"], progress=False)


# --------------------------------------------------------------------------- exact search
def test_metrics_agree_on_unit_vectors_and_differ_before():
    data = unit_rows(200, 16, seed=1)
    queries = unit_rows(5, 16, seed=2)
    ids = {m: vs.exact_search(queries, data, 10, m)[1] for m in vs.METRICS}
    assert np.array_equal(ids["cosine"], ids["dot"])
    assert np.array_equal(ids["cosine"], ids["l2"])
    lengths = np.random.default_rng(3).uniform(0.1, 10, size=(200, 1))
    raw = data * lengths
    raw_ids = {m: vs.exact_search(queries, raw, 10, m)[1] for m in vs.METRICS}
    assert np.array_equal(raw_ids["cosine"], ids["cosine"])     # cosine ignores lengths
    assert not np.array_equal(raw_ids["dot"], ids["cosine"])
    assert not np.array_equal(raw_ids["l2"], ids["cosine"])


def test_exact_search_scores_and_order():
    data = np.array([[1.0, 0.0], [0.0, 1.0], [3.0, 3.0]])
    scores, ids = vs.exact_search([1.0, 0.0], data, k=3, metric="dot")
    assert ids.tolist() == [[2, 0, 1]] and np.allclose(scores, [[3, 1, 0]])
    scores, ids = vs.exact_search([1.0, 0.0], data, k=2, metric="l2")
    assert ids.tolist() == [[0, 1]] and np.allclose(scores, [[0, 2]])      # squared distances
    scores, ids = vs.exact_search([1.0, 0.0], data, k=1, metric="cosine")
    assert ids.tolist() == [[0]] and np.allclose(scores, [[1]])


@pytest.mark.parametrize("call, message", [
    (lambda d: vs.exact_search(d[0], d, k=0), "at least 1"),
    (lambda d: vs.exact_search(d[0], d, k=11), "only 10"),
    (lambda d: vs.exact_search(d[0], d, k=2.5), "whole"),
    (lambda d: vs.exact_search(d[0][:3], d, k=2), "dimensions"),
    (lambda d: vs.exact_search(d[0], d, k=2, metric="manhattan"), "metric"),
    (lambda d: vs.exact_search([np.nan] * 16, d, k=2), "NaN"),
])
def test_exact_search_bad_input(call, message):
    with pytest.raises(CourseError, match=message):
        call(unit_rows(10))


def test_recall_at_k():
    truth = np.array([[1, 2, 3, 4], [5, 6, 7, 8]])
    assert vs.recall_at_k(truth, truth) == 1.0
    assert vs.recall_at_k(truth[:, ::-1], truth) == 1.0               # order does not matter
    found = np.array([[1, 2, 9, 9], [5, 9, 9, 9]])
    assert vs.recall_at_k(found, truth, 2) == pytest.approx(0.75)
    assert vs.recall_at_k(found, truth, 4) == pytest.approx(3 / 8)
    assert vs.recall_at_k(np.array([[-1, -1]]), np.array([[-1, 3]])) == 0.0
    with pytest.raises(CourseError, match="same number of queries"):
        vs.recall_at_k(found, truth[:1])
    with pytest.raises(CourseError, match="at least 1"):
        vs.recall_at_k(found, truth, 0)


# --------------------------------------------------------------------------- faiss
@pytest.fixture(scope="module")
def clustered():
    vs.set_threads(1)
    centres = unit_rows(40, 32, seed=4)
    data = vs.synthetic_collection(centres, 3_000, seed=0)
    queries = vs.synthetic_collection(centres, 50, seed=1)
    return data, queries, vs.exact_search(queries, data, 10)[1]


def test_indexes_recall_and_knobs(clustered):
    data, queries, truth = clustered
    flat = vs.build_index(data, "flat")
    assert vs.recall_at_k(vs.index_search(flat, queries, 10)[1], truth) == 1.0
    hnsw = vs.build_index(data, "hnsw", m=16, ef_construction=40)
    low = vs.recall_at_k(vs.index_search(hnsw, queries, 10, ef_search=10)[1], truth)
    high = vs.recall_at_k(vs.index_search(hnsw, queries, 10, ef_search=256)[1], truth)
    assert high >= 0.98 and high >= low
    ivf = vs.build_index(data, "ivf", nlist=32)
    one = vs.recall_at_k(vs.index_search(ivf, queries, 10, nprobe=1)[1], truth)
    every = vs.recall_at_k(vs.index_search(ivf, queries, 10, nprobe=32)[1], truth)
    assert every == 1.0 and one < every                  # scanning every cell is exact
    pq = vs.build_index(data, "ivfpq", nlist=32, pq_m=8)
    assert pq.megabytes < flat.megabytes / 4                 # compressed codes
    assert vs.recall_at_k(vs.index_search(pq, queries, 10, nprobe=32)[1], truth) > 0.3
    assert hnsw.megabytes > flat.megabytes                   # the graph costs memory
    assert hnsw.size == ivf.size == len(data)


def test_sweep_rows_and_determinism(clustered):
    data, queries, truth = clustered
    rows = vs.sweep(vs.build_index(data, "hnsw", m=8), queries, truth, [4, 64], timed=False)
    again = vs.sweep(vs.build_index(data, "hnsw", m=8), queries, truth, [4, 64], timed=False)
    assert [r[:2] for r in rows] == [r[:2] for r in again]
    assert rows[0][0] == 4 and rows[1][1] >= rows[0][1]
    timed = vs.sweep(vs.build_index(data, "ivf", nlist=16), queries[:5], truth[:5], [2],
                     timed=True)
    assert timed[0][2] > 0


@pytest.mark.parametrize("kwargs, message", [
    ({"kind": "lsh"}, "kind"), ({"kind": "ivfpq", "pq_m": 5}, "divide"),
    ({"kind": "hnsw", "m": 0}, "m must"), ({"kind": "ivf", "nlist": 10_000}, "nlist"),
])
def test_build_index_bad_input(kwargs, message):
    with pytest.raises(CourseError, match=message):
        vs.build_index(unit_rows(300, 16), **kwargs)


def test_index_search_bad_input(clustered):
    data, queries, _ = clustered
    ivf = vs.build_index(data, "ivf", nlist=8)
    with pytest.raises(CourseError, match="dimensions"):
        vs.index_search(ivf, queries[:, :8], 10)
    with pytest.raises(CourseError, match="nprobe"):
        vs.index_search(ivf, queries, 10, nprobe=9)
    with pytest.raises(CourseError, match="build_index"):
        vs.index_search(ivf.index, queries, 10)


def test_synthetic_collection_is_seeded_unit_and_near_its_base():
    base = unit_rows(30, 16)
    a = vs.synthetic_collection(base, 500, seed=3)
    assert np.array_equal(a, vs.synthetic_collection(base, 500, seed=3))
    assert not np.array_equal(a, vs.synthetic_collection(base, 500, seed=4))
    assert np.allclose(np.linalg.norm(a, axis=1), 1, atol=1e-5)
    assert (a @ base.T).max(axis=1).mean() > 0.5              # mixtures of the base vectors
    with pytest.raises(CourseError, match="n must"):
        vs.synthetic_collection(base, 0)


# --------------------------------------------------------------------------- vector database
def _passages(n):
    return [vs.Passage(i, "lee" if i % 3 else "wikipedia", f"doc {i // 4}", f"text {i}")
            for i in range(n)]


@pytest.fixture
def store(tmp_path):
    with vs.open_store(tmp_path / "db", dim=16) as opened:
        opened.create(m=8, ef_construction=32)
        yield opened


def test_store_add_search_filter_update_delete_reopen(tmp_path, store):
    data = unit_rows(60, 16, seed=5)
    assert store.add(_passages(60), data) == 60 and store.count() == 60
    assert store.index_info()["index_type"] == "HNSW"
    hits = store.search(data[7], k=5)[0]
    assert hits[0].id == 7 and hits[0].score == pytest.approx(1.0, abs=1e-4)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    exact = vs.exact_search(data[7], data, 5)[1][0].tolist()
    assert [h.id for h in hits] == exact
    only_lee = store.search(data[0], k=5, source="lee")[0]
    assert len(only_lee) == 5 and {h.source for h in only_lee} == {"lee"}
    assert 0 not in [h.id for h in only_lee]
    store.update([vs.Passage(7, "lee", "edited", "new text")], -data[7:8])
    assert store.get([7])[0].text == "new text" and store.count() == 60
    assert store.search(data[7], k=1)[0][0].id != 7
    assert store.delete([8, 9]) == 2 and store.count() == 58
    before = [h.id for h in store.search(data[20], k=4)[0]]
    store.close()
    with vs.open_store(tmp_path / "db", dim=16, create=False) as reopened:
        assert reopened.count() == 58
        assert [h.id for h in reopened.search(data[20], k=4)[0]] == before


def test_store_bad_input(tmp_path, store):
    store.add(_passages(10), unit_rows(10, 16))
    with pytest.raises(CourseError, match="at least 1"):
        store.search(unit_rows(1, 16), k=0)
    with pytest.raises(CourseError, match="only 10"):
        store.search(unit_rows(1, 16), k=11)
    with pytest.raises(CourseError, match="dimensions"):
        store.search(np.ones(384), k=2)
    with pytest.raises(CourseError, match="dimensions"):
        store.add(_passages(2), unit_rows(2, 8))
    with pytest.raises(CourseError, match="one vector per passage"):
        store.add(_passages(3), unit_rows(2, 16))
    with pytest.raises(CourseError, match="plain name"):
        store.search(unit_rows(1, 16), k=2, source='lee" or 1==1')
    with pytest.raises(CourseError, match="no vector database"):
        vs.open_store(tmp_path / "nothing here", create=False)
    with pytest.raises(CourseError, match="holds 16-dimensional"):
        vs.open_store(tmp_path / "db", dim=384)
    (tmp_path / "a file").write_text("x")
    with pytest.raises(CourseError, match="not a folder"):
        vs.open_store(tmp_path / "a file")
    with vs.open_store(tmp_path / "empty", dim=16) as empty:
        with pytest.raises(CourseError, match="no collection"):
            empty.count()


def test_locked_database_is_one_sentence(tmp_path):
    folder = tmp_path / "locked"
    with vs.open_store(folder, dim=16) as first:
        first.create()
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(REPO_ROOT)!r})
        from helpers import vector_search as vs
        store = vs.open_store({str(folder)!r}, dim=16)
        print("open", flush=True)
        time.sleep(60)
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(CourseError, match="locked"):
            vs.open_store(folder, dim=16)
    finally:
        holder.kill()
        holder.wait()


def test_server_address_unreachable_is_one_sentence():
    started = time.perf_counter()
    with pytest.raises(CourseError, match="no Milvus server answered"):
        vs.open_store("http://127.0.0.1:9")
    assert time.perf_counter() - started < 30


# --------------------------------------------------------------------------- views
def test_frontier_figure_and_view(capsys):
    curves = {"HNSW": ("ef_search", [(8, 0.5, 5000.0), (32, 0.9, 2000.0)]),
              "IVF": ("nprobe", [(1, 0.6, 8000.0), (4, 0.95, 3000.0)])}
    fig = views.frontier_view(curves, 100.0, ef_search=32, nprobe=4)
    printed = capsys.readouterr().out
    assert "efSearch" not in printed and "ef_search=32: recall@10 0.90, 20×" in printed
    assert "nprobe=4: recall@10 0.95, 30×" in printed
    names = [t.name for t in fig.data]
    assert names == ["HNSW", "HNSW: ef_search=32", "IVF", "IVF: nprobe=4", "exact search"]
    assert fig.layout.xaxis.type == "log" and fig.layout.title.text
    assert list(fig.data[1].y) == [0.9]


def test_frontier_widget_has_both_sliders():
    curves = {"HNSW": ("ef_search", [(8, 0.5, 5000.0), (32, 0.9, 2000.0)]),
              "IVF": ("nprobe", [(1, 0.6, 8000.0), (4, 0.95, 3000.0)])}
    widget = views.frontier_widget(curves, 100.0, ef_search=8, nprobe=1)
    assert "course-ann-frontier" in widget._dom_classes


def test_tables_and_benchmark_results():
    hits = [vs.Hit(3, 0.8765, "lee", "Lee news 003", "word " * 40)]
    table = views.hits_table(hits, "t")
    assert table.text_rows()[0][:3] == ["1", "0.88", "Lee news 003"]
    results = REPO_ROOT / "benchmarks" / "results" / "ann_benchmark.json"
    if results.exists():
        data = json.loads(results.read_text())
        assert data["size"] >= 100_000 and data["rows"][0]["recall"] == 1.0
        assert len(views.benchmark_table(data).text_rows()) == len(data["rows"])
