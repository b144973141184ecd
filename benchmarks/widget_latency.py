#!/usr/bin/env python3
"""Kernel-side latency of every widget in every notebook (and the notebook's time and memory).

Each notebook runs top to bottom in a fresh kernel with two extra cells:

* before everything: `helpers.widgets.live` is wrapped so that every widget the notebook builds
  is recorded (its controls and its render function);
* after everything: each recorded widget gets 20 updates. Update i changes one control (they
  take turns) to its next value (sliders sweep their range, menus cycle their options, text
  boxes lose and regain characters as when typing), then calls the render function with all
  the values, as `live` does, and turns the result into what the front end receives (figure
  JSON, table HTML, printed text). The kernel → browser transfer is not included (the browser
  test measures input → figure drawn).
  Button widgets are timed on their work: notebook 05's Retrain with the standard settings
  (`retrain_report`, table and figure) and notebook 08's Train (`training_explorer`: the first
  press trains on the toy corpus, the next 20 change only the word, as remembered runs).

Times are wall-clock milliseconds inside the kernel (`time.perf_counter`) and the kernel's CPU
milliseconds (`time.process_time`); on a loaded machine quote the CPU ones. The notebook's own
seconds (without the timing cell) and the kernel's peak memory (RUSAGE_CHILDREN: the largest
child, i.e. the kernel) come from the same run. Results go to
`benchmarks/results/widget_latency.json`.

    .venv/bin/python benchmarks/widget_latency.py            # every notebook
    .venv/bin/python benchmarks/widget_latency.py 05 08      # some notebooks

Targets: every widget ≤ 50 ms median and ≤ 100 ms p95; Retrain with the standard settings ≤ 3 s.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "widget_latency.json"
MARKER = "WIDGET-LATENCY-JSON:"
UPDATES = 20

RECORD_CELL = """\
import helpers.widgets as _latency_widgets
_LATENCY_RECORDED = []
_latency_original_live = _latency_widgets.live
def _latency_live(controls, render, css_class="", *args, **kwargs):
    _LATENCY_RECORDED.append((css_class or getattr(render, "__name__", "widget"), dict(controls), render))
    return _latency_original_live(controls, render, css_class, *args, **kwargs)
_latency_widgets.live = _latency_live
"""

TIMING_CELL = """\
def _latency_run():
    import json, statistics, sys, time
    import numpy as np
    import plotly.io as pio
    from IPython.utils.capture import capture_output
    from helpers.errors import CourseError

    def sequence(control, n):
        value = control.value
        if hasattr(control, "_options_values"):
            options = list(control._options_values)
            start = options.index(value) if value in options else 0
            return [options[(start + 1 + i) % len(options)] for i in range(n)]
        if isinstance(value, bool):
            return [(not value) if i % 2 == 0 else value for i in range(n)]
        if isinstance(value, str):
            cut = [value[:max(len(value) - k, 1)] for k in (1, 2, 3, 2, 1)] + [value]
            return [cut[i % len(cut)] for i in range(n)]
        if isinstance(value, (int, float)) and hasattr(control, "min") and hasattr(control, "max"):
            low, high = control.min, control.max
            points = np.linspace(low, high, 7)
            if hasattr(control, "base"):  # FloatLogSlider: min/max are exponents
                points = control.base ** points
            if isinstance(value, int):
                step = getattr(control, "step", 1) or 1
                points = [int(low + round((p - low) / step) * step) for p in points]
            else:
                points = [float(p) for p in points]
            order = points + points[-2:0:-1]
            return [order[i % len(order)] for i in range(n)]
        return [value] * n

    def timed(call):
        cpu, wall = time.process_time(), time.perf_counter()
        with capture_output():
            try:
                result = call()
                if hasattr(result, "to_plotly_json"):
                    pio.to_json(result, validate=False)
                elif hasattr(result, "_repr_html_"):
                    result._repr_html_()
            except CourseError:
                pass
        return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000

    def stats(samples):
        wall = sorted(s[0] for s in samples)
        cpu = sorted(s[1] for s in samples)
        p95 = lambda xs: xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]
        return dict(updates=len(samples), median_ms=round(statistics.median(wall), 1),
                    p95_ms=round(p95(wall), 1), median_cpu_ms=round(statistics.median(cpu), 1),
                    p95_cpu_ms=round(p95(cpu), 1))

    started = time.perf_counter()
    out = []
    for name, controls, render in _LATENCY_RECORDED:
        values = {k: c.value for k, c in controls.items()}
        sequences = {k: sequence(c, UPDATES_) for k, c in controls.items()}
        names = list(controls)
        samples = []
        for i in range(UPDATES_):
            key = names[i % len(names)] if names else None
            if key is not None:
                values[key] = sequences[key][i // len(names)]
            samples.append(timed(lambda: render(**values)))
        out.append(dict(widget=name, controls=names, **stats(samples)))
    views = sys.modules.get("helpers.word2vec_views")
    if views is not None and any(n == "course-knobs" for n, _, _ in _LATENCY_RECORDED) \\
            and "corpus" in globals():
        def press():
            report = views.retrain_report(corpus, progress=False)
            report.timing()
            report.table()._repr_html_()
            return report.figure()
        from helpers.word2vec import train_cached
        model = train_cached(corpus, progress=False)
        if hasattr(model, "course_scores"):
            del model.course_scores      # the first press after training scores the vectors
        first = timed(press)
        samples = [timed(press) for _ in range(UPDATES_)]
        out.append(dict(widget="course-knobs Retrain (standard settings)", controls=["button"],
                        first_ms=round(first[0], 1), first_cpu_ms=round(first[1], 1),
                        **stats(samples)))
    explorer = sys.modules.get("helpers.sgns_views")
    if explorer is not None and any(
            "explorer_widget(" in (cell or "") for cell in globals().get("In", [])):
        words = sorted(w for g in explorer.TOY_GROUPS.values() for w in g)
        explorer._train_toy.cache_clear()   # the first press trains (the notebook never pressed)
        first = timed(lambda: explorer.training_explorer(word=words[0]))
        samples = [timed(lambda i=i: explorer.training_explorer(word=words[(i + 1) % len(words)]))
                   for i in range(UPDATES_)]
        out.append(dict(widget="course-training-explorer Train (same settings, other word)",
                        controls=["button"], first_ms=round(first[0], 1),
                        first_cpu_ms=round(first[1], 1), **stats(samples)))
    return dict(widgets=out, timing_seconds=time.perf_counter() - started)

import json as _latency_json
print("MARKER_" + _latency_json.dumps(_latency_run()))
""".replace("UPDATES_", str(UPDATES)).replace("MARKER_", MARKER)


def notebooks(selected=()) -> list[Path]:
    paths = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    if selected:
        paths = [p for p in paths if p.name[:2] in selected or p.stem in selected]
    return paths


def run_here(path: Path, timeout: int = 900) -> dict:
    """Execute one notebook with the two extra cells in a fresh kernel (child of this process)."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    sys.path.insert(0, str(ROOT / "tools"))
    from execute_notebook import _no_output_widget_echo

    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(RECORD_CELL))
    nb.cells.append(nbformat.v4.new_code_cell(TIMING_CELL))
    _no_output_widget_echo()
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    report = {"notebook": path.name, "ok": True, "widgets": []}
    started = time.perf_counter()
    try:
        client.execute()
    except CellExecutionError as error:
        report.update(ok=False, error=str(error)[-2000:])
    seconds = time.perf_counter() - started
    for output in nb.cells[-1].get("outputs", []):
        text = output.get("text", "")
        if MARKER in text:
            found = json.loads(text.split(MARKER, 1)[1].strip().splitlines()[0])
            report["widgets"] = found["widgets"]
            seconds -= found["timing_seconds"]
    report["seconds"] = round(seconds, 1)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    report["peak_mib"] = round(children.ru_maxrss / 1024)
    # the kernel's CPU time (user + system, the timing cell included): steadier than seconds
    report["kernel_cpu_seconds"] = round(children.ru_utime + children.ru_stime, 1)
    return report


def run_notebook(path: Path) -> dict:
    """`run_here` in a fresh process, so the peak memory is this notebook's kernel alone."""
    result = subprocess.run([sys.executable, __file__, "--one", str(path)], cwd=ROOT,
                            capture_output=True, text=True)
    try:
        return json.loads(result.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        return {"notebook": path.name, "ok": False, "widgets": [], "seconds": 0, "peak_mib": 0,
                "error": (result.stdout + result.stderr)[-2000:]}


def worst_p95(report: dict, cpu: bool = False) -> float | None:
    key = "p95_cpu_ms" if cpu else "p95_ms"
    values = [w[key] for w in report.get("widgets", []) if "button" not in w["controls"]]
    return max(values) if values else None


def format_table(reports: list[dict]) -> str:
    lines = ["| notebook | widget | median ms | p95 ms | median CPU ms | p95 CPU ms |",
             "|---|---|---:|---:|---:|---:|"]
    for r in reports:
        for w in r.get("widgets", []):
            lines.append(f"| {r['notebook']} | {w['widget']} | {w['median_ms']} | "
                         f"{w['p95_ms']} | {w['median_cpu_ms']} | {w['p95_cpu_ms']} |")
    return "\n".join(lines)


def load() -> str:
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("notebooks", nargs="*")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_here(args.one)))
        return 0
    saved = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    reports = []
    for path in notebooks(args.notebooks):
        before = load()
        reports.append(run_notebook(path))
        reports[-1]["load_before_after"] = f"{before} → {load()}"
        saved[path.name] = reports[-1]
        print(f"{path.name}: {len(reports[-1]['widgets'])} widget(s), "
              f"{reports[-1]['seconds']} s, {reports[-1]['peak_mib']} MiB, "
              f"ok={reports[-1]['ok']}", file=sys.stderr, flush=True)
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(saved, indent=1, sort_keys=True) + "\n")
    print(format_table(reports))
    for r in reports:
        for w in r.get("widgets", []):
            if "first_ms" in w:
                print(f"{r['notebook']} {w['widget']}: first press {w['first_ms']} ms "
                      f"({w['first_cpu_ms']} CPU ms), then median {w['median_ms']} ms")
        if not r["ok"]:
            print(f"\n{r['notebook']} failed:\n{r.get('error', '')}")
    return 0 if all(r["ok"] for r in reports) else 1


if __name__ == "__main__":
    sys.exit(main())
