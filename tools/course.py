#!/usr/bin/env python3
"""Set up the course environment, open JupyterLab, or run the test suite.

    python3 tools/course.py lab     # set up if needed, then open the course in JupyterLab
    python3 tools/course.py test    # set up if needed, then run unit tests + nbval on every notebook
    python3 tools/course.py setup   # only create/refresh the virtual environment

Only the Python standard library is used here, so this works on a fresh machine that has
Python 3.11, 3.12 or 3.13 and git. The virtual environment lives in `.venv/` beside this
repository (`COURSE_VENV` moves it). Set-up is idempotent: a stamp file records the hash of the
requirement files, and pip runs again only when they changed (or the environment is broken).

torch: on Linux, PyPI's torch wheel is the CUDA build (about 2.5 GB with its nvidia-* libraries),
which a CPU-only course does not need. So on Linux torch is installed first, on its own, from
PyTorch's CPU wheel index (about 190 MB) when a short probe reaches it; otherwise from the
default index, and this script says so and how big that is. `COURSE_TORCH_INDEX=<url>` points at
another CPU index (a mirror; `file://` works); `COURSE_TORCH_INDEX=default` skips the CPU index.
macOS and Windows use plain PyPI, whose torch wheels there are CPU builds.
"""
from __future__ import annotations

import hashlib
import os
import platform
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("COURSE_VENV", ROOT / ".venv"))
REQUIREMENTS = ROOT / "requirements.txt"
TEST_REQUIREMENTS = ROOT / "requirements-test.txt"  # browser-test driver only
STAMP = VENV / ".course-requirements.sha256"
FIRST_NOTEBOOK = "notebooks/00_start_here.ipynb"
SUPPORTED_PYTHONS = ((3, 11), (3, 12), (3, 13))  # the versions every pinned package has wheels for
CPU_TORCH_INDEX = "https://download.pytorch.org/whl/cpu"
PROBE_TIMEOUT_S = 3
CPU_TORCH_MB = 190          # torch 2.13.0+cpu wheel, Linux x86-64 (measured: 191.8 MB)
CUDA_TORCH_GB = 2.5         # torch 527 MB + nvidia-* ≈ 1.9 GB from PyPI on Linux x86-64


def python_problem(version=None) -> str | None:
    """One sentence if this Python (or `version`) cannot run the course, else None."""
    version = tuple(version or sys.version_info)
    if version[:2] in SUPPORTED_PYTHONS:
        return None
    this = ".".join(str(part) for part in version[:3])
    return (f"The course needs Python 3.11, 3.12 or 3.13 (the versions its pinned packages "
            f"install on) and this is Python {this}: install one from "
            "https://www.python.org/downloads/ (or `uv python install 3.12`, pyenv, or your "
            "package manager) and run this script with it: `python3.12 tools/course.py lab`.")


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def requirement_files() -> list[Path]:
    """requirements.txt, and requirements-test.txt where it exists (a classroom build of the
    course has no tests and no test requirements)."""
    return [REQUIREMENTS] + ([TEST_REQUIREMENTS] if TEST_REQUIREMENTS.exists() else [])


def wanted_stamp() -> str:
    digest = hashlib.sha256()
    for path in requirement_files() + [ROOT / "pyproject.toml"]:
        digest.update(path.read_bytes())
    digest.update((ROOT / "pyproject.toml").read_bytes())
    return digest.hexdigest()


def environment_ready() -> bool:
    if not venv_python().exists() or not STAMP.exists():
        return False
    if STAMP.read_text().strip() != wanted_stamp():
        return False
    # A stamp is not proof: check that the key packages are findable (without importing them).
    modules = ["torch", "gensim", "plotly", "ipywidgets", "helpers"]
    modules += ["nbval"] if TEST_REQUIREMENTS.exists() else []
    probe = ("import importlib.util as u, sys; sys.exit(any(u.find_spec(m) is None for m in "
             f"{modules!r}))")
    return subprocess.run([str(venv_python()), "-c", probe], cwd=ROOT,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0


def torch_requirement(requirements: Path | None = None) -> str:
    """requirements.txt's torch line, e.g. "torch==2.13.0" (matches 2.13.0+cpu too)."""
    for line in (requirements or REQUIREMENTS).read_text().splitlines():
        line = line.split("#")[0].strip()
        if line.lower().startswith("torch=="):
            return line
    return "torch"


def index_reachable(url: str, timeout: float = PROBE_TIMEOUT_S) -> bool:
    """Does the PEP 503 index at `url` answer for torch within `timeout` seconds?"""
    page = url.rstrip("/") + "/torch/"
    if urllib.parse.urlparse(url).scheme == "file":
        folder = Path(urllib.request.url2pathname(urllib.parse.urlparse(page).path))
        return (folder / "index.html").exists() or folder.is_dir()
    try:  # GET, not HEAD (not every index or mirror answers HEAD); read only the first bytes
        with urllib.request.urlopen(page, timeout=timeout) as response:
            return response.status < 400 and bool(response.read(512))
    except (urllib.error.URLError, OSError, ValueError):
        return False


def wants_cpu_index(system: str, machine: str) -> bool:
    """Only Linux needs it: PyPI's macOS and Windows torch wheels are already CPU builds."""
    return system.startswith("linux") and machine.lower() in ("x86_64", "amd64", "aarch64", "arm64")


def choose_torch_index(environ=None, system: str | None = None,
                       machine: str | None = None) -> tuple[str | None, str]:
    """(CPU index URL or None for the default index, one sentence for the learner)."""
    environ = os.environ if environ is None else environ
    system = system or sys.platform
    machine = machine or platform.machine()
    if not wants_cpu_index(system, machine):
        return None, "torch comes from the default index (its wheels for this system are CPU builds)."
    url = environ.get("COURSE_TORCH_INDEX", CPU_TORCH_INDEX).strip()
    if url.lower() in ("default", "pypi", "none", ""):
        return None, (f"COURSE_TORCH_INDEX={url or '(empty)'}: torch comes from the default index, "
                      f"which on Linux x86-64 is the CUDA build, about {CUDA_TORCH_GB} GB to download.")
    if index_reachable(url):
        return url, f"Installing torch's CPU build from {url} (about {CPU_TORCH_MB} MB) ..."
    return None, (f"PyTorch's CPU wheel index ({url}) did not answer within {PROBE_TIMEOUT_S} s, so "
                  f"torch comes from the default index: on Linux x86-64 that is the CUDA build, "
                  f"about {CUDA_TORCH_GB} GB to download (torch plus nvidia-* libraries), and "
                  "COURSE_TORCH_INDEX=<url of a CPU index mirror> avoids it next time.")


def pip_steps(python: str, torch_index: str | None) -> list[list[str]]:
    """The pip commands of a set-up, in order. torch gets its own step because pip has no
    per-package index: an extra index would be asked for every package."""
    pip = [python, "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    steps = []
    if torch_index:
        steps.append(pip + ["--index-url", torch_index, torch_requirement()])
    steps.append(pip + [arg for path in requirement_files() for arg in ("-r", str(path))])
    # The course's own helpers, editable so edits to helpers/ apply at once.
    steps.append(pip + ["--no-deps", "-e", str(ROOT)])
    return steps


def setup() -> None:
    problem = python_problem()
    if problem:
        sys.exit(problem)
    if environment_ready():
        print(f"Environment ready: {VENV}")
        return
    if not venv_python().exists():
        print(f"Creating a virtual environment in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    torch_index, note = choose_torch_index()
    print(note, flush=True)
    print("Installing the pinned packages (first time: a few minutes) ...", flush=True)
    for step in pip_steps(str(venv_python()), torch_index):
        subprocess.run(step, cwd=ROOT, check=True)
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
