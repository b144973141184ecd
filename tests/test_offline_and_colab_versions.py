"""Every notebook runs (1) with no network at all and (2) with the widget and plotly versions
Google Colab ships (ipywidgets 7.7.1, plotly 5.24.1), each in a fresh kernel.

To keep the suite within its time budget each of these shares a run with another check
(tests/conftest.py): (1) executes the *student* notebooks (the course minus solutions, hints and
outputs), so it also proves the student version runs; (2) executes the notebooks with every
solution pasted, so it also proves the pasted solutions (tests/test_pasted_solutions.py).

nbval (the rest of the suite) compares outputs in the pinned environment; these tests ask that
every cell runs, that optional online cells say they are skipping, and that each kernel's peak
resident memory (measured by tools/execute_notebook.py in the same runs) stays ≤ 800 MB.
"""
import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from benchmarks.course_benchmark import notebooks, offline_available

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = notebooks()
ONLINE_MARKER = "# Optional, needs internet."  # the first line of every optional online cell
# Binder guarantees 1 GB for the server and the kernel together: every kernel peaks ≤ 800 MB
KERNEL_PEAK_LIMIT_MIB = 800e6 / 2**20   # 762.9 MiB (execute_notebook reports MiB)


def assert_ran(report):
    assert report["ok"], f"{report['notebook']} failed:\n{report.get('error')}"


@pytest.mark.skipif(not offline_available(), reason="cannot create a network namespace "
                    "(unshare -rn) on this machine")
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_without_network(path, offline_student_runs):
    folder, reports = offline_student_runs
    assert_ran(reports[path.name])
    peak = reports[path.name]["peak_mib"]
    assert 0 < peak <= KERNEL_PEAK_LIMIT_MIB, \
        f"{path.name}: the kernel peaked at {peak} MiB ({peak * 2**20 / 1e6:.0f} MB), over 800 MB"
    nb = nbformat.read(folder / path.name, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.source.startswith(ONLINE_MARKER):
            text = json.dumps(cell.outputs).lower()
            assert "offline" in text or "no internet" in text, \
                f"{path.name}: an optional online cell ran offline without saying it skipped"


def test_the_namespace_really_has_no_network():
    if not offline_available():
        pytest.skip("cannot create a network namespace (unshare -rn) on this machine")
    probe = ("import socket\ntry:\n    socket.create_connection(('1.1.1.1', 443), timeout=3)\n"
             "    print('connected')\nexcept OSError as e:\n    print('no network:', e)")
    out = subprocess.run(["unshare", "-rn", "sh", "-c", f"ip link set lo up && {sys.executable} -c \"{probe}\""],
                         capture_output=True, text=True).stdout
    assert out.startswith("no network")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_with_colab_widget_and_plotly_versions(path, pasted_colab_runs):
    report = pasted_colab_runs[path.name][0]
    assert_ran(report)
    peak = report["peak_mib"]
    assert 0 < peak <= KERNEL_PEAK_LIMIT_MIB, \
        f"{path.name}: the kernel peaked at {peak} MiB ({peak * 2**20 / 1e6:.0f} MB), over 800 MB"

