"""requirements.txt (pip, local/CI) and environment.yml (Binder) must pin the same things."""
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
# conda-forge names that differ from PyPI's
CONDA_TO_PYPI = {"pytorch": "torch"}


def pip_pins() -> dict:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, version = line.split("==")
            pins[name.lower()] = version
    return pins


def conda_pins() -> dict:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pins = {}
    for item in env["dependencies"]:
        if isinstance(item, dict):
            for line in item["pip"]:
                name, version = line.split("==")
                pins[name.lower()] = version
        elif item not in ("pip",) and not item.startswith("python="):
            name, version = item.split("=")[:2]
            pins[CONDA_TO_PYPI.get(name, name).lower()] = version
    return pins


def test_every_requirement_is_pinned_exactly():
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            assert re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][0-9A-Za-z.]*", line), line


def test_both_files_pin_the_same_packages_and_versions():
    assert pip_pins() == conda_pins()


def test_torch_is_pinned_to_the_cpu_build_everywhere():
    assert pip_pins()["torch"] == "2.13.0"
    text = (ROOT / "environment.yml").read_text()
    assert "pytorch=2.13.0=cpu_*" in text


def test_plotly_is_not_a_7_0_release():
    assert not pip_pins()["plotly"].startswith("7.0.")


def test_binder_reads_environment_yml():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert "python=3.11" in env["dependencies"]
    # a binder/ folder would make repo2docker ignore the root files
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists()
