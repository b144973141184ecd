"""Every notebook's recorded outputs replay under other CPU kernels (the CPU-kernel matrix).

The native nbval run (the `notebooks/` part of the suite) proves the outputs on this machine's
own kernels. Here nbval runs every notebook once more under each setting below, which switch
torch (ATen) and OpenBLAS (numpy, scipy, gensim) to other code paths, as another CPU would:

    default-Sandybridge   ATEN_CPU_CAPABILITY=default OPENBLAS_CORETYPE=Sandybridge
    avx2-Haswell          ATEN_CPU_CAPABILITY=avx2    OPENBLAS_CORETYPE=Haswell

Both settings run at the same time, each as its own `python -m pytest` process over all
notebooks (`-q`, no `-x`), each kernel on one thread (OMP_NUM_THREADS=1, OPENBLAS_NUM_THREADS=1:
two runs share two cores without oversubscription; a one-thread machine is one more variation).
A setting is skipped, saying why, when the CPU lacks the instructions it needs, when the machine
is not x86-64, or when the native run already uses exactly those kernels (an AVX2 Intel CPU's
own choice is avx2 + Haswell: running it again would prove nothing new). Before running, a
probe checks that the setting really takes effect (torch's reported capability and OpenBLAS's
core type), so a silently ignored variable cannot pass for a tested setting.

Results are reported per (setting, notebook): a failing cell shows nbval's difference and the
tolerant comparison's reason (tests/nbval_tolerant.py).
"""
from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from benchmarks.course_benchmark import notebooks

ROOT = Path(__file__).resolve().parent.parent
# COURSE_MATRIX_NOTEBOOKS=folder runs the matrix over that folder's notebooks instead (to try it
# on executed copies without touching notebooks/)
NOTEBOOKS = (sorted(Path(os.environ["COURSE_MATRIX_NOTEBOOKS"]).glob("*.ipynb"))
             if os.environ.get("COURSE_MATRIX_NOTEBOOKS") else notebooks())
TIMEOUT_S = 25 * 60
SETTINGS = {
    "default-Sandybridge": {"ATEN_CPU_CAPABILITY": "default", "OPENBLAS_CORETYPE": "Sandybridge"},
    "avx2-Haswell": {"ATEN_CPU_CAPABILITY": "avx2", "OPENBLAS_CORETYPE": "Haswell"},
}
# CPU flags (/proc/cpuinfo) each setting's kernels execute
NEEDED_FLAGS = {"default-Sandybridge": {"avx"}, "avx2-Haswell": {"avx", "avx2", "fma"}}
# what torch and OpenBLAS report when the setting took effect
EXPECTED = {"default-Sandybridge": ("DEFAULT", "sandybridge"), "avx2-Haswell": ("AVX2", "haswell")}
ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
PROBE = ("import json, torch, numpy, scipy.linalg, threadpoolctl; "
         "blas = sorted({(i.get('architecture') or '?').lower() for i in threadpoolctl.threadpool_info()"
         " if i['internal_api'] == 'openblas'}); "
         "print(json.dumps([torch.backends.cpu.get_cpu_capability(), blas]))")


def cpu_flags() -> set[str] | None:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("flags"):
            return set(line.split(":", 1)[1].split())
    return None


def probe(extra_env: dict) -> tuple[str, list[str]]:
    """(torch's CPU capability, OpenBLAS core types) in a fresh interpreter with `extra_env`."""
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                            env={**os.environ, **extra_env}, timeout=300)
    capability, blas = json.loads(result.stdout.strip().splitlines()[-1])
    return capability.upper(), blas


def skip_reason(name: str, native: tuple[str, list[str]]) -> str | None:
    machine = platform.machine().lower()
    if machine not in ("x86_64", "amd64"):
        return f"{name} names x86-64 kernels; this machine is {machine}"
    flags = cpu_flags()
    if flags is None:
        return f"{name}: cannot read this CPU's instruction flags (no /proc/cpuinfo)"
    missing = NEEDED_FLAGS[name] - flags
    if missing:
        return f"{name}: this CPU lacks {', '.join(sorted(missing))}, which those kernels need"
    capability, blas = EXPECTED[name]
    if native == (capability, [blas]):
        return (f"{name}: the native nbval run already uses exactly these kernels "
                f"(torch {capability}, OpenBLAS {blas})")
    return None


def run_setting(name: str, folder: Path) -> dict:
    """nbval over every notebook under setting `name`; {notebook name: [failure texts]}."""
    env = {**os.environ, **SETTINGS[name], **ONE_THREAD,
           # both settings run at once: each its own vector database (a folder one kernel locks)
           "COURSE_VECTOR_DB": str(folder / f"vector-db-{name}")}
    env.pop("PYTEST_ADDOPTS", None)
    capability, blas = probe({**SETTINGS[name], **ONE_THREAD})
    if (capability, blas) != (EXPECTED[name][0], [EXPECTED[name][1]]):
        return {"__setting__": [f"{name} did not take effect: torch reports {capability}, "
                                f"OpenBLAS {blas}"]}
    report = folder / f"{name}.xml"
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-c", str(ROOT / "pyproject.toml"),
                             "--rootdir", str(ROOT), "--color=no", f"--junitxml={report}",
                             "-o", "junit_family=xunit1",  # xunit1: each case names its file
                             *[str(p) for p in NOTEBOOKS]],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=TIMEOUT_S)
    seconds = time.perf_counter() - started
    print(f"kernel matrix {name}: {len(NOTEBOOKS)} notebooks in {seconds:.0f} s", file=sys.stderr)
    if not report.exists():
        return {"__setting__": [f"pytest wrote no report:\n{(result.stdout + result.stderr)[-3000:]}"]}
    failures: dict = {p.name: [] for p in NOTEBOOKS}
    seen: set = set()
    for case in ElementTree.parse(report).getroot().iter("testcase"):
        notebook = Path(case.get("file") or "?").name
        if notebook not in failures:
            notebook = "__setting__"
        seen.add(notebook)
        for problem in list(case.iter("failure")) + list(case.iter("error")):
            text = (problem.text or problem.get("message") or "")[-2500:]
            failures.setdefault(notebook, []).append(f"{case.get('name')}: {text}")
    for path in NOTEBOOKS:
        if path.name not in seen:
            failures[path.name].append("no result: the notebook was not collected or its run died")
    return failures


@pytest.fixture(scope="module")
def matrix(tmp_path_factory):
    """{setting: ("skipped", reason) or ("ran", {notebook: failures})}, both settings at once."""
    folder = tmp_path_factory.mktemp("kernel-matrix")
    native = probe({})
    results, to_run = {}, []
    for name in SETTINGS:
        reason = skip_reason(name, native)
        if reason:
            results[name] = ("skipped", reason)
        else:
            to_run.append(name)
    with ThreadPoolExecutor(max_workers=2) as pool:
        for name, failures in zip(to_run, pool.map(lambda n: run_setting(n, folder), to_run)):
            results[name] = ("ran", failures)
    return results


@pytest.mark.parametrize("setting", list(SETTINGS))
@pytest.mark.parametrize("notebook", [p.name for p in NOTEBOOKS])
def test_notebook_replays_under_other_cpu_kernels(matrix, setting, notebook):
    status, detail = matrix[setting]
    if status == "skipped":
        pytest.skip(detail)
    assert not detail.get("__setting__"), "\n".join(detail["__setting__"])
    problems = detail.get(notebook, [])
    assert not problems, (f"{notebook} under {setting} ({' '.join(f'{k}={v}' for k, v in SETTINGS[setting].items())}):\n"
                          + "\n\n".join(problems))


def test_the_settings_change_the_kernels():
    """The two settings really select other kernels than each other (when both can run)."""
    flags = cpu_flags() or set()
    if platform.machine().lower() not in ("x86_64", "amd64") or not {"avx", "avx2", "fma"} <= flags:
        pytest.skip("needs an x86-64 CPU with AVX2 and FMA")
    assert probe(SETTINGS["default-Sandybridge"]) == ("DEFAULT", ["sandybridge"])
    assert probe(SETTINGS["avx2-Haswell"]) == ("AVX2", ["haswell"])
