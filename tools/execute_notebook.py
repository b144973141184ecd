#!/usr/bin/env python3
"""Execute one notebook in a fresh kernel and report its time and peak kernel memory as JSON.

    python tools/execute_notebook.py notebooks/05_word2vec_gensim.ipynb [--save OUT.ipynb]

Used by the whole-course benchmark, the offline test and the Colab-versions test. The kernel is
this process's child, so after it exits `RUSAGE_CHILDREN` holds its peak resident memory.
Exit status 1 (with the failing cell in the JSON) if a cell raised.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def _no_output_widget_echo() -> None:
    """nbclient imitates a front end's Output widgets by sending their state back to the kernel
    on the shell channel while it waits there for the cell's reply; the reply can then be lost
    and the run stalls until the cell timeout (jupyter/nbclient#312). The saved notebook does
    not need that echo (nbval ignores widget state), so switch it off."""
    from nbclient.output_widget import OutputWidget

    OutputWidget.sync_state = lambda self: None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("notebook", type=Path)
    parser.add_argument("--save", type=Path, help="write the executed notebook here")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    args = parser.parse_args(argv)
    nb = nbformat.read(args.notebook, as_version=4)
    _no_output_widget_echo()
    client = NotebookClient(nb, timeout=args.timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(args.notebook.parent)}})
    started = time.perf_counter()
    report = {"notebook": args.notebook.name, "ok": True}
    try:
        client.execute()
    except CellExecutionError as error:
        report.update(ok=False, error=str(error)[-3000:])
    report["seconds"] = round(time.perf_counter() - started, 1)
    # ru_maxrss is in KiB on Linux: the largest child (the kernel) over its lifetime
    report["peak_mib"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    if args.save:
        nbformat.write(nb, args.save)
    print(json.dumps(report))
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
