"""Every notebook runs (1) with no network at all and (2) with the widget and plotly versions
Google Colab ships (ipywidgets 7.7.1, plotly 5.24.1), each in a fresh kernel.

nbval (the rest of the suite) compares outputs in the pinned environment; these tests ask that
every cell runs, that optional online cells say they are skipping, and that each kernel's peak
resident memory (measured by tools/execute_notebook.py in the same runs) stays ≤ 800 MB.
"""
import hashlib
import json
import subprocess
import sys
import venv
from pathlib import Path

import nbformat
import pytest

from benchmarks.course_benchmark import notebooks, offline_available, run_notebooks
from helpers.paths import cache_dir

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = notebooks()
COLAB_PINS = ["ipywidgets==7.7.1", "plotly==5.24.1", "widgetsnbextension==3.6.10",
              "jupyterlab_widgets==1.1.11", "ipython_genutils==0.2.0",
              "tenacity==9.2.1"]  # plotly 5 needs tenacity; Colab has it
ONLINE_MARKER = "# Optional, needs internet."  # the first line of every optional online cell
# Binder guarantees 1 GB for the server and the kernel together: every kernel peaks ≤ 800 MB
KERNEL_PEAK_LIMIT_MIB = 800e6 / 2**20   # 762.9 MiB (execute_notebook reports MiB)


@pytest.fixture(scope="session")
def colab_python() -> str:
    """A throw-away venv: Colab's ipywidgets/plotly first on the path, the course venv behind."""
    # named by its pins, so changing a pin builds a new environment
    pins = hashlib.sha256(" ".join(COLAB_PINS).encode()).hexdigest()[:10]
    folder = cache_dir() / f"colab-env-{pins}"
    python = folder / "bin" / "python"
    stamp = folder / "ready"
    if not stamp.exists():
        venv.EnvBuilder(with_pip=True, clear=True).create(folder)
        site = next((folder / "lib").glob("python3*/site-packages"))
        import site as site_module
        course_site = next(p for p in site_module.getsitepackages() if "site-packages" in p)
        (site / "course-venv.pth").write_text(f"import site; site.addsitedir({course_site!r})\n")
        subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", *COLAB_PINS],
                       check=True)
        stamp.write_text("ok")
    versions = subprocess.run([str(python), "-c", "import ipywidgets, plotly; "
                               "print(ipywidgets.__version__, plotly.__version__)"],
                              capture_output=True, text=True, check=True).stdout.split()
    assert versions == ["7.7.1", "5.24.1"]
    return str(python)


@pytest.fixture(scope="module")
def offline_runs(tmp_path_factory):
    """Every notebook, two at a time, in a namespace with no network. COURSE_ONLINE=1: the
    optional download cells really try, and must fail over gracefully."""
    folder = tmp_path_factory.mktemp("offline")
    return folder, run_notebooks(NOTEBOOKS, offline=True, save_dir=folder,
                                 env={"COURSE_ONLINE": "1"})


@pytest.fixture(scope="module")
def colab_runs(colab_python):
    return run_notebooks(NOTEBOOKS, python=colab_python)


def assert_ran(report):
    assert report["ok"], f"{report['notebook']} failed:\n{report.get('error')}"


@pytest.mark.skipif(not offline_available(), reason="cannot create a network namespace "
                    "(unshare -rn) on this machine")
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_without_network(path, offline_runs):
    folder, reports = offline_runs
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
def test_notebook_runs_with_colab_widget_and_plotly_versions(path, colab_runs):
    assert_ran(colab_runs[path.name])
    peak = colab_runs[path.name]["peak_mib"]
    assert 0 < peak <= KERNEL_PEAK_LIMIT_MIB, \
        f"{path.name}: the kernel peaked at {peak} MiB ({peak * 2**20 / 1e6:.0f} MB), over 800 MB"

