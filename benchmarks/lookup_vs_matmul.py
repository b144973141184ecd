#!/usr/bin/env python3
"""Lookup vs one-hot @ W: time and memory for V in {1,000, 10,000, 50,257}, N = 768.

    .venv/bin/python benchmarks/lookup_vs_matmul.py [--batch 1024] [--repeats 3]

Prints one row per vocabulary size: median forward and forward+backward times of
`F.embedding(ids, W)` and `F.one_hot(ids, V).float() @ W` (one CPU thread each), the memory
their forward passes create, and the ratios. Times depend on the machine and its load.
"""
from __future__ import annotations

import argparse
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import torch  # noqa: E402

from helpers.embedding_layer import measure_lookup_vs_matmul  # noqa: E402
from helpers.embedding_layer_views import measurement_table  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--batch", type=int, default=1024)
    parser.add_argument("--dim", type=int, default=768)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    print(f"torch {torch.__version__}, {platform.processor() or platform.machine()}, "
          f"batch {args.batch}, N = {args.dim}, median of {args.repeats} (lookup: of ≥ 20), "
          f"one thread", flush=True)
    rows = []
    for vocab_size in (1_000, 10_000, 50_257):
        rows.append(measure_lookup_vs_matmul(vocab_size, args.dim, args.batch, args.repeats))
        print(f"  measured V = {vocab_size:,}", file=sys.stderr, flush=True)
    print(measurement_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
