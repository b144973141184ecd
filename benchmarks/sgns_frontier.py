#!/usr/bin/env python3
"""The quality–time frontier: the course's SGNS (`helpers.sgns.train_fast`) against gensim.

Both train skip-gram on the bundled corpus (~511k tokens; dimension 100, window 5, 5 negatives,
min_count 5, subsampling 1e-3, one thread / one worker) for 1, 2, 3, 5, 10, 15 and 20 epochs,
several seeds each, and are scored on WordSim353 and SimLex-999. Every run appends one row to
`benchmarks/results/sgns_frontier.csv` (a run already in the file is skipped, so an interrupted
grid resumes). `--publish` writes the medians over seeds to `data/sgns_frontier.csv`, which
notebook 08 draws (`helpers.sgns_views.frontier_figure`): never timings taken while it runs.

Time is **CPU seconds of this process** (`time.process_time`, vocabulary building included for
both): on a shared machine it is much steadier than wall-clock time, which is recorded too.

    .venv/bin/python benchmarks/sgns_frontier.py                       # the full grid, 3 seeds
    .venv/bin/python benchmarks/sgns_frontier.py --epochs 1 2 3 5 --seeds 0 1 2
    .venv/bin/python benchmarks/sgns_frontier.py --only torch --label lr0.05 --set lr=0.05
    .venv/bin/python benchmarks/sgns_frontier.py --only gensim --label s1e-4 --set sample=0.0001
    .venv/bin/python benchmarks/sgns_frontier.py --summary            # medians from the CSV
    .venv/bin/python benchmarks/sgns_frontier.py --publish            # medians for notebook 08
"""
from __future__ import annotations

import argparse
import csv
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "benchmarks" / "results" / "sgns_frontier.csv"
FIELDS = ["trainer", "label", "epochs", "seed", "cpu_seconds", "wall_seconds", "load_1min",
          "wordsim353", "simlex999"]
EPOCHS = [1, 2, 3, 5, 10, 15, 20]


def read_rows(path: Path = RESULTS) -> list[dict]:
    if not path.exists():
        return []
    with path.open() as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["epochs"], row["seed"] = int(row["epochs"]), int(row["seed"])
        for key in ("cpu_seconds", "wall_seconds", "load_1min", "wordsim353", "simlex999"):
            row[key] = float(row[key])
    return rows


def append_row(row: dict, path: Path = RESULTS) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    new = not path.exists()
    with path.open("a", newline="") as handle:
        writer = csv.DictWriter(handle, FIELDS)
        if new:
            writer.writeheader()
        writer.writerow(row)


def run_one(corpus, trainer: str, epochs: int, seed: int, overrides: dict) -> dict:
    from helpers.evaluation import evaluate_vectors

    cpu, wall = time.process_time(), time.perf_counter()
    if trainer == "gensim":
        from helpers.word2vec import train_word2vec, word_vectors

        model = train_word2vec(corpus, progress=False, epochs=epochs, seed=seed, **overrides)
        words, matrix = word_vectors(model)
    else:
        from helpers.sgns import FastSettings, train_fast

        run = train_fast(corpus, FastSettings(), progress=False, epochs=epochs, seed=seed,
                         **overrides)
        words, matrix = run.words, run.vectors
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    scores = evaluate_vectors(words, matrix, analogies=False)
    return dict(epochs=epochs, seed=seed, cpu_seconds=round(cpu, 2),
                wall_seconds=round(wall, 2), load_1min=round(os.getloadavg()[0], 1),
                wordsim353=round(scores[0].value, 4), simlex999=round(scores[1].value, 4))


def summary(rows: list[dict]) -> list[dict]:
    """Median CPU seconds and scores per (trainer, label, epochs), with the number of seeds."""
    groups: dict = {}
    for row in rows:
        groups.setdefault((row["trainer"], row["label"], row["epochs"]), []).append(row)
    out = []
    for (trainer, label, epochs), runs in sorted(groups.items()):
        out.append(dict(trainer=trainer, label=label, epochs=epochs, seeds=len(runs),
                        cpu_seconds=statistics.median(r["cpu_seconds"] for r in runs),
                        wordsim353=statistics.median(r["wordsim353"] for r in runs),
                        simlex999=statistics.median(r["simlex999"] for r in runs)))
    return out


def publish(rows: list[dict], path: Path = ROOT / "data" / "sgns_frontier.csv") -> Path:
    """Write the medians of gensim and of `FastSettings()` where notebook 08 reads them
    (`helpers.sgns.frontier_points`, `helpers.sgns_views.frontier_figure`)."""
    names = {"gensim": "gensim", "FastSettings()": "train_fast"}
    points = [p for p in summary(rows) if p["label"] in names]
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, ["trainer", "epochs", "seeds", "cpu_seconds",
                                         "wordsim353", "simlex999"])
        writer.writeheader()
        for p in points:
            writer.writerow(dict(trainer=names[p["label"]], epochs=p["epochs"],
                                 seeds=p["seeds"], cpu_seconds=round(p["cpu_seconds"], 1),
                                 wordsim353=round(p["wordsim353"], 3),
                                 simlex999=round(p["simlex999"], 3)))
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, nargs="+", default=EPOCHS)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--only", choices=["torch", "gensim"])
    parser.add_argument("--label", default="FastSettings()",
                        help="name of the setting (gensim's runs are named gensim unless --set)")
    parser.add_argument("--set", nargs="*", default=[],
                        help="overrides k=v of FastSettings (torch) or Word2VecSettings (gensim)")
    parser.add_argument("--summary", action="store_true", help="print medians, train nothing")
    parser.add_argument("--publish", action="store_true",
                        help="write the medians to data/sgns_frontier.csv (for notebook 08)")
    args = parser.parse_args()
    if not args.summary and not args.publish:
        overrides = {}
        for item in args.set:
            key, value = item.split("=", 1)
            for kind in (int, float, str):   # a number if it reads as one, else a name
                try:
                    overrides[key] = kind(value)
                    break
                except ValueError:
                    continue
        from helpers.data import load_bundled_corpus

        corpus = load_bundled_corpus(progress=False)
        done = {(r["trainer"], r["label"], r["epochs"], r["seed"]) for r in read_rows()}
        trainers = [args.only] if args.only else ["gensim", "torch"]
        for epochs in args.epochs:
            for seed in args.seeds:
                for trainer in trainers:
                    label = args.label
                    if trainer == "gensim":
                        label = f"gensim {args.label}" if overrides else "gensim"
                    if (trainer, label, epochs, seed) in done:
                        continue
                    row = run_one(corpus, trainer, epochs, seed, overrides)
                    row.update(trainer=trainer, label=label)
                    append_row(row)
                    print(f"{label:16s} {epochs:2d} epochs seed {seed}: "
                          f"{row['cpu_seconds']:6.1f} CPU s ({row['wall_seconds']:.1f} wall, "
                          f"load {row['load_1min']}) WordSim353 {row['wordsim353']:.3f} "
                          f"SimLex {row['simlex999']:.3f}", flush=True)
    print(f"{'setting':16s} {'epochs':>6s} {'seeds':>5s} {'CPU s':>7s} {'WS353':>6s} "
          f"{'SimLex':>6s}")
    for p in summary(read_rows()):
        print(f"{p['label']:16s} {p['epochs']:6d} {p['seeds']:5d} {p['cpu_seconds']:7.1f} "
              f"{p['wordsim353']:6.3f} {p['simlex999']:6.3f}")
    if args.publish:
        print("written", publish(read_rows()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
