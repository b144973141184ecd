#!/usr/bin/env python3
"""Benchmark: approximate nearest-neighbour indexes (faiss HNSW, IVF, IVF-PQ) against exact search.

The collection: `--size` (default 100,000) unit vectors of MiniLM's dimension 384, made by
`helpers.vector_search.synthetic_collection` from the course's real passage vectors (each one a
seeded random mixture of three real passage vectors plus noise, see its docstring), and `--queries`
(default 1,000) more mixtures drawn with another seed. Ground truth: exact inner-product search
(faiss IndexFlatIP) over all of them.

For each index and each setting of its search knob (efSearch for HNSW, nprobe for IVF) the
script measures recall@10 against the ground truth and queries per second, one query per call
(how a search service meets user requests) on one thread, and builds each index with
`--threads` OpenMP threads (default 2: the course's target machine has 2 cores). Exact search
is also timed in one batch with `--threads` threads (a matrix product, BLAS's best case). It also reports each index's memory (its serialized size)
and build time, prints a table, and writes it as JSON to `benchmarks/results/ann_benchmark.json`
(the capstone notebook shows that file).

    .venv/bin/python benchmarks/ann_benchmark.py                   # 100k vectors, 2 threads
    .venv/bin/python benchmarks/ann_benchmark.py --size 20000 --threads 1

Timings on a shared machine are noisy: the load average is printed before and after.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helpers import vector_search as vs  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "ann_benchmark.json"
TARGET_RECALL = 0.95
TARGET_SPEEDUP = 10


def load() -> str:
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=1_000)
    parser.add_argument("--timed-queries", type=int, default=300,
                        help="queries timed one at a time (recall uses all of them)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--no-save", action="store_true")
    args = parser.parse_args()

    print(f"load average before: {load()}")
    vs.set_threads(args.threads)
    passages = vs.load_passages()
    base = vs.passage_vectors(passages, progress=False)
    collection = vs.synthetic_collection(base, args.size, seed=0)
    queries = vs.synthetic_collection(base, args.queries, seed=1)
    timed = queries[:args.timed_queries]
    k = args.k
    print(f"collection: {args.size:,} × {collection.shape[1]} (mixtures of {len(base):,} real "
          f"passage vectors), {args.queries:,} queries, k = {k}, {args.threads} thread(s)")

    rows = []
    flat = vs.build_index(collection, "flat")
    _, truth = vs.index_search(flat, queries, k)
    batch_qps = vs.time_search(lambda q: vs.index_search(flat, q, k), queries,
                               one_at_a_time=False, repeats=2)
    vs.set_threads(1)   # one query at a time: faiss gains nothing from threads, and on a shared
    exact_qps = vs.time_search(lambda q: vs.index_search(flat, q, k), timed, repeats=2)
    vs.set_threads(args.threads)   # machine idle threads spinning make timings erratic
    rows.append({"index": "exact (flat)", "setting": "-", "recall": 1.0, "qps": exact_qps,
                 "memory_mb": flat.megabytes, "build_s": flat.build_seconds})

    def measure(name, index, knob, values, search=None):
        search = search or (lambda q, **kw: vs.index_search(index, q, k, **kw))
        for value in values:
            _, ids = search(queries, **{knob: value})
            recall = vs.recall_at_k(ids, truth, k)
            vs.set_threads(1)
            qps = vs.time_search(lambda q: search(q, **{knob: value}), timed, repeats=2)
            vs.set_threads(args.threads)
            rows.append({"index": name, "setting": f"{knob}={value}", "recall": recall,
                         "qps": qps, "memory_mb": index.megabytes,
                         "build_s": index.build_seconds})
            print(f"  {name:<16} {knob}={value:<4} recall@{k} {recall:.3f}  {qps:8.0f} q/s")

    hnsw = vs.build_index(collection, "hnsw", m=32, ef_construction=100)
    print(f"HNSW built in {hnsw.build_seconds:.1f} s")
    measure("HNSW M=32", hnsw, "ef_search", [16, 32, 64, 128, 256, 512])
    del hnsw

    nlist = 1024
    ivf = vs.build_index(collection, "ivf", nlist=nlist)
    print(f"IVF built in {ivf.build_seconds:.1f} s")
    measure(f"IVF{nlist},Flat", ivf, "nprobe", [4, 8, 16, 32, 64, 128])
    del ivf

    ivfpq = vs.build_index(collection, "ivfpq", nlist=nlist, pq_m=48)
    print(f"IVF-PQ built in {ivfpq.build_seconds:.1f} s")
    measure(f"IVF{nlist},PQ48", ivfpq, "nprobe", [16, 64])

    # IVF-PQ + re-ranking: the compressed codes pick 4k candidates, the full vectors order them
    import faiss

    started = time.perf_counter()
    refine = faiss.IndexRefineFlat(ivfpq.index, faiss.swig_ptr(np.ascontiguousarray(collection)))
    refine.k_factor = 4
    refined = vs.SearchIndex("ivfpq", refine, ivfpq.build_seconds + time.perf_counter() - started,
                             dict(ivfpq.params))

    def refined_search(q, nprobe):
        faiss.extract_index_ivf(ivfpq.index).nprobe = nprobe
        return refine.search(np.ascontiguousarray(q), k)
    measure(f"IVF{nlist},PQ48+rerank", refined, "nprobe", [16, 32, 64, 128], refined_search)

    print(f"\nload average after: {load()}")
    print(f"exact search: {exact_qps:,.0f} q/s one query at a time, {batch_qps:,.0f} q/s in one "
          f"batch of {len(queries):,}\n")
    header = f"{'index':<22}{'setting':<14}{'recall@10':>10}{'q/s':>9}{'× exact':>9}" \
             f"{'memory MB':>11}{'build s':>9}"
    print(header)
    print("-" * len(header))
    for row in rows:
        row["speedup"] = row["qps"] / exact_qps
        print(f"{row['index']:<22}{row['setting']:<14}{row['recall']:>10.3f}{row['qps']:>9,.0f}"
              f"{row['speedup']:>9.1f}{row['memory_mb']:>11.1f}{row['build_s']:>9.1f}")
    met = [r for r in rows if r["recall"] >= TARGET_RECALL and r["speedup"] >= TARGET_SPEEDUP]
    print(f"\ntarget (recall@10 ≥ {TARGET_RECALL} at ≥ {TARGET_SPEEDUP}× exact q/s): "
          + (", ".join(f"{r['index']} {r['setting']}" for r in met) if met else "not met"))
    if not args.no_save:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps({
            "size": args.size, "queries": args.queries, "timed_queries": args.timed_queries,
            "dim": int(collection.shape[1]), "k": k, "threads": args.threads,
            "exact_batch_qps": batch_qps, "machine": f"{platform.machine()}, "
            f"{os.cpu_count()} cores", "load_average": load(),
            "date": time.strftime("%Y-%m-%d"), "rows": rows}, indent=1) + "\n")
        print(f"written: {RESULTS.relative_to(RESULTS.parent.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
