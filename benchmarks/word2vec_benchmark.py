#!/usr/bin/env python3
"""gensim Word2Vec on the bundled corpus: training speed and the three evaluation scores.

    .venv/bin/python benchmarks/word2vec_benchmark.py            # skip-gram and CBOW, defaults
    .venv/bin/python benchmarks/word2vec_benchmark.py --epochs 20
    .venv/bin/python benchmarks/word2vec_benchmark.py --widgets  # notebook 04's widget callbacks

Uses the course's standard settings (helpers.word2vec.Word2VecSettings: 100 dimensions, window
5, negative 5, min_count 5, sample 1e-3, one worker, seed 42) unless told otherwise. Prints, per
model: training seconds, corpus words per second (gensim's own count of words read, before
frequent-word subsampling, times epochs), WordSim353 and SimLex-999 Spearman and Google
analogy accuracy, each with its out-of-vocabulary share. Timings depend on the machine and on
what else runs on it; the scores do not (same seed, one worker).
"""
from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helpers.data import corpus_summary, load_bundled_corpus  # noqa: E402
from helpers.evaluation import evaluate_vectors  # noqa: E402
from helpers.word2vec import train_word2vec, word_vectors, words_per_second  # noqa: E402


def _median_ms(function, calls: int = 20) -> tuple[float, float]:
    import statistics

    function()  # warm up
    wall, cpu = [], []
    for _ in range(calls):
        w, c = time.perf_counter(), time.process_time()
        function()
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def widget_timings(corpus) -> None:
    """Median of 20 calls of each widget's render function (the work behind one redraw)."""
    from helpers.word2vec import train_cached
    from helpers.word2vec_views import (SearchExplorer, _Vocabulary, knobs_preview,
                                        projection_figure, window_view)

    model = train_cached(corpus, progress=False)
    explorer = SearchExplorer(model)
    vocabulary = _Vocabulary(corpus)
    sentence = "the quick brown fox jumps over the lazy dog"
    cases = {
        "window slider: window_view + HTML": lambda: window_view(sentence, 3, 4)._repr_html_(),
        "knobs: preview line": lambda: knobs_preview(vocabulary, 50, 3, "CBOW", 10, 20),
        "search box: neighbours + figure": lambda: explorer.figure("germany", 8),
        "after retrain: PCA projection figure": lambda: projection_figure(model, progress=False),
    }
    print("widget callback, median of 20 calls   wall ms   CPU ms")
    for name, function in cases.items():
        wall, cpu = _median_ms(function)
        print(f"{name:<38} {wall:>7.1f}  {cpu:>7.1f}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--vector-size", type=int, default=100)
    parser.add_argument("--window", type=int, default=5)
    parser.add_argument("--widgets", action="store_true",
                        help="also time notebook 04's widget callbacks")
    parser.add_argument("--repeats", type=int, default=1, help="train each model this many times "
                        "and report the fastest (the scores are identical every time)")
    args = parser.parse_args(argv)

    import gensim
    import os

    started = time.perf_counter()
    corpus = load_bundled_corpus()
    summary = corpus_summary(corpus)
    print(f"gensim {gensim.__version__}, Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs; corpus loaded in {time.perf_counter() - started:.1f} s: "
          f"{summary['tokens']:,} tokens, {summary['distinct words']:,} distinct words")
    print(f"settings: {args.vector_size} dimensions, window {args.window}, {args.epochs} epochs, "
          "min_count 5, negative 5, workers 1, seed 42")
    header = (f"{'model':<10} {'vocab':>6} {'seconds':>8} {'words/s':>9}  "
              f"{'WordSim353 (OOV)':>17}  {'SimLex-999 (OOV)':>17}  {'analogies (OOV)':>16}")
    print(header)
    print("-" * len(header))
    for name, sg in (("skip-gram", 1), ("CBOW", 0)):
        best = None
        for _ in range(max(1, args.repeats)):
            model = train_word2vec(corpus, progress=False, sg=sg, epochs=args.epochs,
                                   vector_size=args.vector_size, window=args.window)
            if best is None or model.training_seconds < best.training_seconds:
                best = model
        scores = {s.name: s for s in evaluate_vectors(*word_vectors(best))}
        cells = [f"{scores[k].value:.3f} ({scores[k].oov_share:.0%})"
                 for k in ("WordSim353", "SimLex-999", "Google analogies")]
        print(f"{name:<10} {len(best.wv):>6,} {best.training_seconds:>8.1f} "
              f"{words_per_second(best):>9,.0f}  {cells[0]:>17}  {cells[1]:>17}  {cells[2]:>16}")
    if args.widgets:
        widget_timings(corpus)
    return 0


if __name__ == "__main__":
    sys.exit(main())
