"""Classroom builds (student / instructor) and the static HTML export."""
import importlib
import json
import os
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

import helpers.checks
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


from tests.conftest import STUDENT_REPO


@pytest.fixture(scope="module")
def student(student_build):
    return student_build


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
    exercises = list(original_exercises())
    assert len({module for module, _ in exercises}) >= 10
    for module, exercise in exercises:
        assert exercise.solution_code.strip() not in checks[module], f"{module}.{exercise.name}"
        for hint in exercise.hints:
            assert repr(hint) not in checks[module], f"{module}.{exercise.name}: a hint"
    assert not (student / "source").exists()  # the sources would give the solutions away


def test_student_build_points_at_the_student_repository_only(student):
    from tools.build_notebooks import course_settings, setup_cell_source

    public = course_settings()["repository"]
    setup = setup_cell_source(STUDENT_REPO, "main")
    for path in sorted((student / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        code = [c.source for c in nb.cells if c.cell_type == "code"]
        assert code[0] == setup, path.name
        assert public not in path.read_text(), f"{path.name} still names {public}"
        assert f"colab.research.google.com/github/{STUDENT_REPO}/blob/main/notebooks/{path.name}" \
            in nb.cells[0].source
    assert f'repository = "{STUDENT_REPO}"' in (student / "pyproject.toml").read_text()
    assert public not in (student / "README.md").read_text()


def test_student_build_refuses_the_public_repository_or_none(tmp_path):
    from tools.build_notebooks import course_settings

    with pytest.raises(SystemExit, match="solutions"):
        build_classroom.build_student(tmp_path / "s", course_settings()["repository"])
    with pytest.raises(SystemExit, match="--repo"):
        build_classroom.build_student(tmp_path / "s")
    with pytest.raises(SystemExit, match="owner/name"):
        build_classroom.build_student(tmp_path / "s", "not a repository")


# Run in a fresh interpreter that looks like Colab: a `google.colab` module, no course installed
# (the editable install's import hook removed), `git clone` answered with a copy of the student
# build, pip installs skipped (offline; the packages are already here). The student notebook's
# own setup cell runs, then everything a learner can call to see a solution is called.
COLAB_SCRIPT = r"""
import importlib, json, os, pkgutil, shutil, subprocess, sys, types
sys.meta_path[:] = [f for f in sys.meta_path
                    if "__editable__" not in getattr(f, "__module__", "") + repr(f)]
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != ROOT]
for name in [m for m in sys.modules if m == "helpers" or m.startswith("helpers.")]:
    del sys.modules[name]
sys.modules["google"] = types.ModuleType("google")
sys.modules["google.colab"] = types.ModuleType("google.colab")
clones = []
def fake_run(command, **kwargs):
    if command[:2] == ["git", "clone"]:
        clones.append(command)
        shutil.copytree(STUDENT, command[-1])  # what GitHub would serve for the student repo
    return subprocess.CompletedProcess(command, 0)
subprocess.run = fake_run
nb = json.load(open(os.path.join(STUDENT, "notebooks", NOTEBOOK)))
setup = [c for c in nb["cells"] if c["cell_type"] == "code"][0]
setup = "".join(setup["source"]).replace("/content/course", TARGET)
exec(compile(setup, "<setup cell>", "exec"), {})
import helpers, helpers.checks
from helpers.exercises import Exercise
shown = []
for info in pkgutil.iter_modules(helpers.checks.__path__):
    module = importlib.import_module("helpers.checks." + info.name)
    for exercise in [v for v in vars(module).values() if isinstance(v, Exercise)]:
        shown += [str(exercise.solution()), str(exercise.hint()), str(exercise.hint(99)),
                  exercise.solution_code, *exercise.hints]
print(json.dumps({"clones": clones, "helpers": helpers.__file__, "shown": shown}))
"""


def test_student_notebook_on_simulated_colab_cannot_reach_a_solution(student, tmp_path):
    target = tmp_path / "content" / "course"
    prelude = (f"ROOT, STUDENT, TARGET, NOTEBOOK = {str(ROOT)!r}, {str(student)!r}, "
               f"{str(target)!r}, '00_start_here.ipynb'\n")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run([sys.executable, "-c", prelude + COLAB_SCRIPT], cwd=tmp_path,
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    [clone] = report["clones"]
    assert clone[-2:] == [f"https://github.com/{STUDENT_REPO}.git", str(target)]
    assert report["helpers"].startswith(str(target))  # the student copy, not this repository
    shown = "\n".join(report["shown"])
    assert build_classroom.WITHHELD_SOLUTION in shown and build_classroom.WITHHELD_HINT in shown
    exercises = list(original_exercises())
    for module, exercise in exercises:
        assert exercise.solution_code.strip() not in shown, f"{module}.{exercise.name}"
    leaked = [f"{m}.{e.name}" for m, e in exercises for path in target.rglob("*.py")
              if e.solution_code.strip() in path.read_text(encoding="utf-8")]
    assert leaked == []


def test_student_exercises_still_check_answers(student):
    from helpers.checks import start_here
    from helpers.course import LESSONS

    last = len(LESSONS) - 1
    code = ("import sys; from helpers.checks import start_here as ex; "
            f"print(ex.q1.check({last}).correct, ex.q1.check(3).correct); "
            "print(ex.q1.solution()); print(ex.q1.hint()); print(ex.__file__)")
    out = subprocess.run([sys.executable, "-c", code], cwd=student, capture_output=True,
                         text=True, env={**os.environ, "PYTHONPATH": str(student)}).stdout
    assert out.splitlines()[0] == "True False"
    assert out.splitlines()[-1].startswith(str(student))
    assert "ask your instructor" in out and start_here.q1.solution_code not in out


# Every student notebook is executed (with no network) by tests/test_offline_and_colab_versions.py,
# through the shared `offline_student_runs` fixture of tests/conftest.py.


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
    with_figures = [p for p in NOTEBOOKS
                    if export_html.figure_count(nbformat.read(p, as_version=4))]
    if not with_figures:
        pytest.skip("no notebook has a figure yet")
    for path in with_figures:
        nb = nbformat.read(path, as_version=4)
        html = export_html.export(path, tmp_path).read_text()
        # every figure, widget figures included, is an interactive plotly div
        assert html.count(' id="figure-') == export_html.figure_count(nb), path.name
        assert not re.search(r'<script src="[^"]*plot', html)  # plotly.js inline: works offline
        assert html.index("plotly.js") < html.index("Plotly.newPlot")


def test_export_keeps_a_widget_figure_as_an_interactive_figure():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("live(...)")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={
            "application/vnd.jupyter.widget-view+json": {"model_id": "x", "version_major": 2,
                                                         "version_minor": 0},
            "text/plain": "LiveWidget(...)"}),
        nbformat.v4.new_output("display_data", data={
            "application/vnd.plotly.v1+json": {"data": [{"type": "bar", "y": [1, 2]}],
                                               "layout": {}},
            "image/png": "iVBORw0KGgo="})]
    nb.cells = [cell]
    static = export_html.static_copy(nb)
    widget, figure = static.cells[0].outputs
    assert widget["data"]["text/html"] == export_html.WIDGET_NOTE
    assert "Plotly.newPlot" in figure["data"]["text/html"] and "image/png" not in figure["data"]
    assert export_html.figure_count(nb) == 1


def test_nbgitpuller_link_accepts_owner_slash_name():
    assert build_classroom.nbgitpuller_link("https://hub.uni.edu", "me/course-student") == \
        build_classroom.nbgitpuller_link("https://hub.uni.edu",
                                         "https://github.com/me/course-student")


def test_link_and_student_commands_need_the_student_repository(capsys):
    for version in ("link", "student"):
        with pytest.raises(SystemExit):
            build_classroom.main([version])
        assert "--repo" in capsys.readouterr().err


def test_nbgitpuller_link_format():
    link = build_classroom.nbgitpuller_link("https://hub.uni.edu/", "https://github.com/me/course-student.git")
    assert link == ("https://hub.uni.edu/hub/user-redirect/git-pull?"
                    "repo=https%3A%2F%2Fgithub.com%2Fme%2Fcourse-student.git&branch=main"
                    "&urlpath=lab/tree/course-student/notebooks/00_start_here.ipynb")
