#!/usr/bin/env python3
"""Set up the course environment, open JupyterLab, or run the test suite.

    python3 tools/course.py lab     # set up if needed, then open the course in JupyterLab
    python3 tools/course.py test    # set up if needed, then run unit tests + nbval on every notebook
    python3 tools/course.py setup   # only create/refresh the virtual environment

Only the Python standard library is used here, so this works on a fresh machine that has
Python 3.11 and git. The virtual environment lives in `.venv/` beside this repository. Set-up is
idempotent: a stamp file records the hash of requirements.txt, and pip runs again only when that
file changed (or the environment is missing or broken).
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("COURSE_VENV", ROOT / ".venv"))
REQUIREMENTS = ROOT / "requirements.txt"
TEST_REQUIREMENTS = ROOT / "requirements-test.txt"  # browser-test driver only
STAMP = VENV / ".course-requirements.sha256"
FIRST_NOTEBOOK = "notebooks/00_start_here.ipynb"


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def wanted_stamp() -> str:
    digest = hashlib.sha256(REQUIREMENTS.read_bytes())
    digest.update(TEST_REQUIREMENTS.read_bytes())
    digest.update((ROOT / "pyproject.toml").read_bytes())
    return digest.hexdigest()


def environment_ready() -> bool:
    if not venv_python().exists() or not STAMP.exists():
        return False
    if STAMP.read_text().strip() != wanted_stamp():
        return False
    # A stamp is not proof: check that the key packages are findable (without importing them).
    probe = ("import importlib.util as u, sys; sys.exit(any(u.find_spec(m) is None for m in "
             "('torch', 'gensim', 'plotly', 'ipywidgets', 'nbval', 'helpers')))")
    return subprocess.run([str(venv_python()), "-c", probe], cwd=ROOT,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0


def setup() -> None:
    if sys.version_info < (3, 10):
        sys.exit(f"Python 3.10 or newer is needed (this is {sys.version.split()[0]}); "
                 "install Python 3.11 and run this script with it.")
    if environment_ready():
        print(f"Environment ready: {VENV}")
        return
    if not venv_python().exists():
        print(f"Creating a virtual environment in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    pip = [str(venv_python()), "-m", "pip", "install", "--disable-pip-version-check"]
    print("Installing the pinned packages (first time: a few minutes) ...", flush=True)
    subprocess.run(pip + ["-q", "-r", str(REQUIREMENTS), "-r", str(TEST_REQUIREMENTS)],
                   cwd=ROOT, check=True)
    # The course's own helpers, editable so notebook edits to helpers/ apply at once.
    subprocess.run(pip + ["-q", "--no-deps", "-e", str(ROOT)], cwd=ROOT, check=True)
    STAMP.write_text(wanted_stamp())
    print("Environment ready.", flush=True)


def run(args: list[str]) -> int:
    return subprocess.run([str(venv_python()), *args], cwd=ROOT).returncode


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "help"
    extra = argv[1:]
    if command == "setup":
        setup()
        return 0
    if command == "lab":
        setup()
        return run(["-m", "jupyter", "lab", FIRST_NOTEBOOK, *extra])
    if command == "test":
        setup()
        return run(["-m", "pytest", *extra])
    print(__doc__)
    return 0 if command in ("help", "-h", "--help") else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
