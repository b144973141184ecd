"""tools/course.py: the Python range it accepts, and where it takes torch from.

The torch tests never touch the network or this machine's pip set-up (whose config finds a local
CPU wheel first): pip runs with PIP_CONFIG_FILE=/dev/null, no PIP_* variables, and only local
PEP 503 index folders built here with tiny fake wheels:
  cpu/      torch 2.13.0+cpu  → needs filelock                      (PyTorch's CPU index)
  default/  torch 2.13.0      → needs filelock, nvidia-cublas-cu12  (PyPI's Linux CUDA build)
            nvidia-cublas-cu12, filelock, coursedep (stands for the rest of requirements.txt)
`pip install --dry-run --report` shows what each set-up step would install.
"""
import base64
import hashlib
import importlib.util
import json
import os
import re
import socket
import subprocess
import sys
import time
import tomllib
import urllib.parse
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("course_tool", ROOT / "tools" / "course.py")
course = importlib.util.module_from_spec(spec)
spec.loader.exec_module(course)


# ---------------------------------------------------------------- Python versions
@pytest.mark.parametrize("version", [(3, 10, 13), (3, 14, 0), (3, 9, 18)])
def test_other_pythons_are_refused_in_one_sentence(version):
    message = course.python_problem(version)
    assert message is not None
    assert "Python 3.11, 3.12 or 3.13" in message and ".".join(map(str, version)) in message
    assert "python.org" in message and "tools/course.py" in message
    assert message.count(". ") == 0 and message.endswith(".")


@pytest.mark.parametrize("version", [(3, 11, 0), (3, 12, 5), (3, 13, 1)])
def test_supported_pythons_pass(version):
    assert course.python_problem(version) is None


def test_a_refused_python_exits_before_touching_anything(tmp_path):
    code = ("import sys, runpy; sys.version_info = (3, 10, 13, 'final', 0); "
            "sys.argv = ['course.py', 'setup']; "
            f"runpy.run_path({str(ROOT / 'tools' / 'course.py')!r}, run_name='__main__')")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={**os.environ, "COURSE_VENV": str(tmp_path / "venv")})
    assert result.returncode == 1
    assert result.stderr.strip().startswith("The course needs Python 3.11, 3.12 or 3.13")
    assert not (tmp_path / "venv").exists()


def test_requires_python_agrees():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["requires-python"] == ">=3.11,<3.14"
    assert course.SUPPORTED_PYTHONS == ((3, 11), (3, 12), (3, 13))


def test_readme_doctor_and_instructor_guide_name_the_same_versions():
    readme = (ROOT / "README.md").read_text()
    start = readme.split("## Start", 1)[1].split("\n## ", 1)[0]
    assert "Python 3.11, 3.12 or 3.13" in start and "3.10+" not in readme
    sys.path.insert(0, str(ROOT))
    from helpers import environment

    assert environment.SUPPORTED_PYTHONS == course.SUPPORTED_PYTHONS
    guide = (ROOT / "instructor" / "README.md").read_text()
    assert "3.11" in guide and "3.13" in guide and "3.10" not in guide


# ---------------------------------------------------------------- where torch comes from
def make_wheel(folder: Path, name: str, version: str, requires=()) -> Path:
    """A minimal valid wheel (one module, METADATA, WHEEL, RECORD)."""
    dist = f"{name.replace('-', '_')}-{version}"
    path = folder / f"{dist}-py3-none-any.whl"
    files = {
        f"{name.replace('-', '_')}/__init__.py": f"__version__ = {version!r}\n",
        f"{dist}.dist-info/METADATA": "Metadata-Version: 2.1\n"
                                      f"Name: {name}\nVersion: {version}\n"
                                      + "".join(f"Requires-Dist: {r}\n" for r in requires),
        f"{dist}.dist-info/WHEEL": "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\n"
                                   "Tag: py3-none-any\n",
    }
    record = []
    for file, text in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=")
        record.append(f"{file},sha256={digest.decode()},{len(text.encode())}")
    record.append(f"{dist}.dist-info/RECORD,,")
    files[f"{dist}.dist-info/RECORD"] = "\n".join(record) + "\n"
    with zipfile.ZipFile(path, "w") as archive:
        for file, text in files.items():
            archive.writestr(file, text)
    return path


def make_index(root: Path, wheels: dict) -> str:
    """A PEP 503 "simple" index folder: root/<project>/index.html linking its wheels."""
    for project, specs in wheels.items():
        folder = root / project
        folder.mkdir(parents=True)
        links = []
        for version, requires in specs:
            wheel = make_wheel(folder, project, version, requires)
            links.append(f'<a href="{urllib.parse.quote(wheel.name)}">{wheel.name}</a><br>')
        (folder / "index.html").write_text("<!DOCTYPE html><html><body>\n" + "\n".join(links)
                                           + "\n</body></html>\n")
    (root / "index.html").write_text("".join(f'<a href="{p}/">{p}</a>\n' for p in wheels))
    return root.as_uri()


@pytest.fixture(scope="module")
def indexes(tmp_path_factory):
    root = tmp_path_factory.mktemp("indexes")
    cpu = make_index(root / "cpu", {"torch": [("2.13.0+cpu", ["filelock"])],
                                    "filelock": [("3.0.0", [])]})
    default = make_index(root / "default", {
        # PyPI's Linux wheel (no platform marker here, so the control works on any test machine)
        "torch": [("2.13.0", ["filelock", "nvidia-cublas-cu12==12.0.0"])],
        "nvidia-cublas-cu12": [("12.0.0", [])],
        "filelock": [("3.0.0", [])],
        "coursedep": [("1.0", ["torch>=2.0"])],
    })
    return cpu, default


def isolated_pip_env() -> dict:
    """No PIP_* variables and no pip config files: only what a command says."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env["PIP_CONFIG_FILE"] = os.devnull
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def dry_run(step: list[str], report: Path, extra=()) -> dict:
    """Run one of course.py's pip steps as `--dry-run --report`; the report's {name: version}."""
    command = step + ["--dry-run", "--ignore-installed", "--no-cache-dir", "--report", str(report),
                      *extra]
    result = subprocess.run(command, capture_output=True, text=True, env=isolated_pip_env(),
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    installs = json.loads(report.read_text())["install"]
    return {item["metadata"]["name"].lower(): item["metadata"]["version"] for item in installs}


def test_the_cpu_index_step_resolves_no_nvidia_package(indexes, tmp_path):
    cpu, _ = indexes
    steps = course.pip_steps(sys.executable, cpu)
    assert steps[0][-3:] == ["--index-url", cpu, "torch==2.13.0"]  # torch alone, from the CPU index
    resolved = dry_run(steps[0], tmp_path / "cpu.json")
    assert resolved == {"torch": "2.13.0+cpu", "filelock": "3.0.0"}
    assert not any(name.startswith("nvidia") for name in resolved)


def test_the_default_index_would_bring_nvidia_packages(indexes, tmp_path):
    """The control: the same pin from the "PyPI" index pulls the CUDA libraries."""
    _, default = indexes
    step = [sys.executable, "-m", "pip", "install", "-q", "--index-url", default, "torch==2.13.0"]
    resolved = dry_run(step, tmp_path / "default.json")
    assert "nvidia-cublas-cu12" in resolved and resolved["torch"] == "2.13.0"


def test_after_the_cpu_step_the_requirements_step_keeps_the_cpu_torch(indexes, tmp_path, monkeypatch):
    """Both steps in order, in a fresh venv: the CPU torch really installed by step 1; step 2
    (requirements from the default index) then needs neither torch nor nvidia-*."""
    cpu, default = indexes
    folder = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(folder)
    python = str(folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python"))
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("torch==2.13.0\ncoursedep==1.0\n")
    (tmp_path / "requirements-test.txt").write_text("")
    monkeypatch.setattr(course, "REQUIREMENTS", requirements)
    monkeypatch.setattr(course, "TEST_REQUIREMENTS", tmp_path / "requirements-test.txt")
    # run pip from this environment, installing into the new venv (pip --python)
    steps = [[sys.executable, "-m", "pip", "--python", python, *step[3:]]
             for step in course.pip_steps(python, cpu)]
    subprocess.run(steps[0], check=True, env=isolated_pip_env(), capture_output=True, timeout=300)
    report = tmp_path / "step2.json"
    result = subprocess.run(steps[1] + ["--index-url", default, "--dry-run", "--report", str(report)],
                            env=isolated_pip_env(), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    names = {i["metadata"]["name"].lower() for i in json.loads(report.read_text())["install"]}
    assert names == {"coursedep"}


def test_linux_uses_the_cpu_index_when_it_answers(indexes):
    cpu, _ = indexes
    for machine in ("x86_64", "aarch64"):
        url, note = course.choose_torch_index({"COURSE_TORCH_INDEX": cpu}, "linux", machine)
        assert url == cpu and "CPU build" in note


def test_an_http_index_that_answers_is_used(indexes):
    """The probe over HTTP (as for download.pytorch.org): a local server of the CPU index."""
    import functools
    import http.server
    import threading

    folder = Path(urllib.parse.urlparse(indexes[0]).path)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}"
        try:
            chosen, note = course.choose_torch_index({"COURSE_TORCH_INDEX": url}, "linux", "x86_64")
        finally:
            server.shutdown()
    assert chosen == url and "CPU build" in note and "190 MB" in note


@pytest.mark.parametrize("system", ["darwin", "win32"])
def test_macos_and_windows_use_the_default_index(system):
    url, note = course.choose_torch_index({}, system, "x86_64")
    assert url is None and "CPU builds" in note


def test_an_unreachable_index_falls_back_quickly_and_says_what_downloads():
    with socket.socket() as server:  # accepts connections, never answers
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        url = f"http://127.0.0.1:{server.getsockname()[1]}/whl/cpu"
        started = time.perf_counter()
        chosen, note = course.choose_torch_index({"COURSE_TORCH_INDEX": url}, "linux", "x86_64")
        seconds = time.perf_counter() - started
    assert chosen is None
    assert seconds < course.PROBE_TIMEOUT_S + 2
    assert url in note and "2.5 GB" in note and "COURSE_TORCH_INDEX" in note
    assert note.count(". ") == 0 and note.endswith(".")


def test_the_cpu_index_can_be_switched_off():
    url, note = course.choose_torch_index({"COURSE_TORCH_INDEX": "default"}, "linux", "x86_64")
    assert url is None and "2.5 GB" in note


def test_requirements_txt_names_no_extra_index():
    """An unreachable index in requirements.txt would slow every pip lookup: never put one there."""
    text = (ROOT / "requirements.txt").read_text()
    assert not re.search(r"^\s*-(-index-url|-extra-index-url|i|-find-links|f)\b", text, re.M)


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    tests = readme.split("## Tests", 1)[1].split("\n## ", 1)[0]
    command = re.search(r"`(python3 tools/course\.py test)`", tests).group(1)
    ci = (ROOT / ".ci" / "run").read_text().strip().splitlines()
    assert ci[-1] == f"exec {command}"
