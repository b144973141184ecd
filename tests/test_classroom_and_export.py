"""Classroom builds (student / instructor) and the static HTML export."""
import importlib
import os
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

import helpers.checks
from helpers.paths import cache_dir
from helpers.exercises import Exercise
from tools import build_classroom, export_html

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def original_exercises():
    for info in pkgutil.iter_modules(helpers.checks.__path__):
        module = importlib.import_module(f"helpers.checks.{info.name}")
        for value in vars(module).values():
            if isinstance(value, Exercise):
                yield info.name, value


@pytest.fixture(scope="module")
def student(tmp_path_factory):
    return build_classroom.build_student(tmp_path_factory.mktemp("classroom") / "student")


def test_student_notebooks_have_no_outputs_hints_or_solutions(student):
    built = sorted((student / "notebooks").glob("*.ipynb"))
    assert [p.name for p in built] == [p.name for p in NOTEBOOKS]
    for path in built:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None
                assert ".solution(" not in cell.source and ".hint(" not in cell.source
        assert "widgets" not in nb.metadata


def test_student_helpers_keep_checks_but_not_solutions(student):
    checks = {p.stem: p.read_text() for p in (student / "helpers" / "checks").glob("*.py")}
    for module, exercise in original_exercises():
        assert exercise.solution_code.strip() not in checks[module], f"{module}.{exercise.name}"
    assert not (student / "source").exists()  # the sources would give the solutions away


def test_student_exercises_still_check_answers(student):
    code = ("import sys; from helpers.checks import start_here as ex; "
            "print(ex.q1.check(9).correct, ex.q1.check(3).correct); print(ex.q1.solution()); "
            "print(ex.q1.hint())")
    out = subprocess.run([sys.executable, "-c", code], cwd=student, capture_output=True,
                         text=True, env={**os.environ, "PYTHONPATH": str(student)}).stdout
    assert out.splitlines()[0] == "True False"
    assert "ask your instructor" in out and "notebooks_after_this_one = 9" not in out


@pytest.fixture(scope="module")
def student_runs(student):
    """Every student notebook, two at a time, importing the student copy of helpers."""
    from benchmarks.course_benchmark import run_notebooks

    paths = sorted((student / "notebooks").glob("*.ipynb"))
    # the tokenized corpora and trained vectors are the same as the course's: share its cache
    return run_notebooks(paths, env={"PYTHONPATH": str(student),
                                     "TOKEN_EMBEDDINGS_CACHE": str(cache_dir())})


@pytest.mark.parametrize("name", [p.name for p in NOTEBOOKS])
def test_student_notebook_executes(student_runs, name):
    report = student_runs[name]
    assert report["ok"], report.get("error")


def test_instructor_version_shows_solutions(tmp_path):
    target = build_classroom.build_instructor(tmp_path / "instructor")
    assert (target / "instructor" / "README.md").exists()
    sources = "\n".join(c.source for p in (target / "notebooks").glob("*.ipynb")
                        for c in nbformat.read(p, as_version=4).cells)
    assert "\nex.q2.solution()" in sources  # switched on...
    assert "# ex.q2.solution()" not in sources  # ...not left commented out


def test_withhold_solutions_rewrites_only_hints_and_solutions():
    source = ('q1 = Exercise(name="q1", checker=f, hints=["a → b", "b"],\n'
              '              solution_code="""x = 1\n""", explanation="e")\n')
    out = build_classroom.withhold_solutions(source)
    assert "x = 1" not in out and "a → b" not in out and 'explanation="e"' in out
    compile(out, "<rewritten>", "exec")  # still valid Python (offsets are bytes, not chars)
    assert build_classroom.WITHHELD_HINT in out and "checker=f" in out


def test_html_export_embeds_figures_and_plotly(tmp_path):
    with_figures = [p for p in NOTEBOOKS if "application/vnd.plotly.v1+json" in p.read_text()]
    if not with_figures:
        pytest.skip("no notebook has a figure yet")
    page = export_html.export(with_figures[0], tmp_path)
    html = page.read_text()
    assert html.count("Plotly.newPlot") >= 1 and 'id="figure-' in html
    assert not re.search(r'<script src="[^"]*plot', html)  # plotly.js is inline: works offline
    assert html.index("plotly.js") < html.index("Plotly.newPlot")


def test_exported_page_draws_a_figure_in_a_browser(tmp_path):
    from tests.test_browser import CHROMIUM, _browser_unavailable
    reason = _browser_unavailable()
    if reason:
        pytest.skip(reason)
    with_figures = [p for p in NOTEBOOKS if "application/vnd.plotly.v1+json" in p.read_text()]
    if not with_figures:
        pytest.skip("no notebook has a figure yet")
    page_path = export_html.export(with_figures[0], tmp_path)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu",
                                          "--disable-dev-shm-usage"])
        page = browser.new_page()
        page.goto(page_path.as_uri())
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
        drawn = page.evaluate("() => document.querySelectorAll('.js-plotly-plot .main-svg').length")
        out = ROOT / "test-artifacts" / "browser"
        out.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out / f"html-export-{page_path.stem}.png"))
        browser.close()
    assert drawn >= 1


def test_nbgitpuller_link_format():
    link = build_classroom.nbgitpuller_link("https://hub.uni.edu/", "https://github.com/me/course-student.git")
    assert link == ("https://hub.uni.edu/hub/user-redirect/git-pull?"
                    "repo=https%3A%2F%2Fgithub.com%2Fme%2Fcourse-student.git&branch=main"
                    "&urlpath=lab/tree/course-student/notebooks/00_start_here.ipynb")
