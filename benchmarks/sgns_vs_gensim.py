#!/usr/bin/env python3
"""Benchmark: our fast PyTorch skip-gram (helpers.sgns.train_fast) against gensim, same run.

Both train on the bundled corpus (Wikipedia sample + Lee, ~511k tokens) with the same settings:
skip-gram, window 5, 5 negatives, 5 epochs, dimension 100, min_count 5, subsampling 1e-3,
one thread / one worker; each with its own default learning rate (gensim 0.025, ours 0.05: see
`benchmarks/sgns_frontier.py` for why). The two alternate, `--repeats` times (≥ 3), and the
script prints the medians: training time (vocabulary building included for both), the ratio torch/gensim, and the
WordSim353 / SimLex-999 / Google-analogy scores with their differences.

    .venv/bin/python benchmarks/sgns_vs_gensim.py            # 3 repeats
    .venv/bin/python benchmarks/sgns_vs_gensim.py --repeats 5 --threads 1

The machine's load average is printed before and after: timings on a shared machine are noisy,
and the ratio (measured in the same conditions, alternating) is the number to compare.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helpers.data import load_bundled_corpus  # noqa: E402
from helpers.evaluation import evaluate_vectors  # noqa: E402
from helpers.sgns import FastSettings, train_fast  # noqa: E402
from helpers.word2vec import train_word2vec, word_vectors  # noqa: E402


def load() -> str:
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def run_gensim(corpus, seed):
    started = time.perf_counter()
    model = train_word2vec(corpus, progress=False, seed=seed)
    seconds = time.perf_counter() - started
    words, matrix = word_vectors(model)
    return seconds, [s.value for s in evaluate_vectors(words, matrix)]


def run_torch(corpus, seed, threads, settings):
    started = time.perf_counter()
    run = train_fast(corpus, settings, progress=False, seed=seed, threads=threads)
    seconds = time.perf_counter() - started
    return seconds, [s.value for s in evaluate_vectors(run.words, run.vectors)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--same-seed", action="store_true",
                        help="use seed 42 in every repeat (default: seeds 42, 43, ...)")
    args = parser.parse_args()
    if args.repeats < 3:
        parser.error("use at least 3 repeats: one run on a shared machine says little")
    settings = FastSettings()
    corpus = load_bundled_corpus()
    print(f"corpus: {len(corpus)} sentences, {sum(map(len, corpus)):,} tokens; "
          f"torch threads {args.threads}, gensim workers 1; {os.cpu_count()} CPUs")
    print(f"torch settings: {settings}")
    print(f"load average before (1/5/15 min): {load()}")
    names = ["WordSim353", "SimLex-999", "analogies"]
    results = {"gensim": [], "torch": []}
    for repeat in range(args.repeats):
        seed = 42 if args.same_seed else 42 + repeat
        for name in ("gensim", "torch") if repeat % 2 == 0 else ("torch", "gensim"):
            if name == "gensim":
                seconds, scores = run_gensim(corpus, seed)
            else:
                seconds, scores = run_torch(corpus, seed, args.threads, settings)
            results[name].append((seconds, scores))
            print(f"  repeat {repeat + 1} {name:6s}: {seconds:5.1f} s  "
                  + "  ".join(f"{n} {v:.3f}" for n, v in zip(names, scores)), flush=True)
    print(f"load average after (1/5/15 min): {load()}")

    def median(name, index=None):
        if index is None:
            return statistics.median(r[0] for r in results[name])
        return statistics.median(r[1][index] for r in results[name])

    ratios = [t[0] / g[0] for t, g in zip(results["torch"], results["gensim"])]
    print(f"\nmedians of {args.repeats} runs")
    print(f"{'':12s}{'gensim':>9s}{'torch':>9s}{'torch−gensim':>14s}")
    print(f"{'time (s)':12s}{median('gensim'):9.1f}{median('torch'):9.1f}"
          f"{median('torch') - median('gensim'):14.1f}")
    for index, name in enumerate(names):
        g, t = median("gensim", index), median("torch", index)
        print(f"{name:12s}{g:9.3f}{t:9.3f}{t - g:+14.3f}")
    print(f"time ratio torch/gensim: {median('torch') / median('gensim'):.2f} "
          f"(median of per-repeat ratios {statistics.median(ratios):.2f}; "
          f"per repeat {', '.join(f'{r:.2f}' for r in ratios)})")


if __name__ == "__main__":
    main()
