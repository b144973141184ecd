"""Shared fixtures.

* `temp_cache`: a throw-away cache folder, so tests never touch the real `.cache/`.
* The execution-only runs, each notebook executed once per run and shared by several test
  modules so the suite stays within its time budget (every extra full run of the course costs
  minutes on two cores):
  - `student_build`: the student version (tools/build_classroom.py), built once.
  - `offline_student_runs`: every *student* notebook executed in a network namespace with no
    network (COURSE_ONLINE=1, so optional download cells really try and must fall back). One run
    proves two things: the student version executes, and no cell needs the internet (a student
    notebook is the course notebook minus solutions, hints and outputs).
  - `colab_python`: a throw-away venv with Colab's ipywidgets 7.7.1 and plotly 5.24.1.
  - `pasted_colab_runs`: every notebook with each exercise's solution pasted in place of its
    `____`, executed in that Colab-versions venv. One run proves that every pasted solution makes
    its check say Correct and that every cell runs with Colab's widget and plotly versions.

The numerically tolerant notebook comparison is not here but in tests/nbval_tolerant.py, loaded
by `-p tests.nbval_tolerant` in pyproject.toml's addopts: a conftest.py in tests/ is not loaded
when pytest is given only notebooks (`pytest notebooks/05_word2vec_gensim.ipynb`).
"""
import hashlib
import subprocess
import venv
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
STUDENT_REPO = "a-teacher/embeddings-class-2027"
COLAB_PINS = ["ipywidgets==7.7.1", "plotly==5.24.1", "widgetsnbextension==3.6.10",
              "jupyterlab_widgets==1.1.11", "ipython_genutils==0.2.0",
              "tenacity==9.2.1"]  # plotly 5 needs tenacity; Colab has it


@pytest.fixture
def temp_cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("TOKEN_EMBEDDINGS_CACHE", str(folder))
    return folder


@pytest.fixture(scope="session")
def student_build(tmp_path_factory):
    from tools import build_classroom

    return build_classroom.build_student(tmp_path_factory.mktemp("classroom") / "student",
                                         STUDENT_REPO)


@pytest.fixture(scope="session")
def offline_student_runs(student_build, tmp_path_factory):
    """{name: report} for every student notebook, two at a time, with no network where a
    namespace can be made (otherwise online, and the offline tests skip)."""
    from benchmarks.course_benchmark import offline_available, run_notebooks
    from helpers.paths import cache_dir

    folder = tmp_path_factory.mktemp("offline")
    paths = sorted((student_build / "notebooks").glob("*.ipynb"))
    # the tokenized corpora and trained vectors are the same as the course's: share its cache
    reports = run_notebooks(paths, offline=offline_available(), save_dir=folder,
                            env={"PYTHONPATH": str(student_build), "COURSE_ONLINE": "1",
                                 "TOKEN_EMBEDDINGS_CACHE": str(cache_dir())})
    return folder, reports


@pytest.fixture(scope="session")
def colab_python() -> str:
    """A throw-away venv: Colab's ipywidgets/plotly first on the path, the course venv behind."""
    from helpers.paths import cache_dir

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


@pytest.fixture(scope="session")
def pasted_colab_runs(colab_python, tmp_path_factory):
    """{notebook name: (report, executed notebook or None, exercises pasted)} for every lesson:
    solutions pasted where the lesson has checks, run two at a time with Colab's versions."""
    from benchmarks.course_benchmark import run_notebooks
    from helpers.course import LESSONS
    from tests.test_pasted_solutions import lessons_with_checks, pasted_notebook

    source = tmp_path_factory.mktemp("pasted-source")
    saved = tmp_path_factory.mktemp("pasted-executed")
    with_checks = {lesson.slug for lesson in lessons_with_checks()}
    paths, pasted = [], {}
    for lesson in LESSONS:
        if not (ROOT / "notebooks" / lesson.filename).exists():
            continue
        if lesson.slug in with_checks:
            nb, pasted[lesson.filename] = pasted_notebook(lesson)
            path = source / lesson.filename
            nbformat.write(nb, path)
        else:
            path, pasted[lesson.filename] = ROOT / "notebooks" / lesson.filename, set()
        paths.append(path)
    reports = run_notebooks(paths, python=colab_python, save_dir=saved)
    return {name: (report, saved / name if (saved / name).exists() else None, pasted[name])
            for name, report in reports.items()}
