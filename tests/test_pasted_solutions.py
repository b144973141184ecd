"""Every exercise's solution, pasted in place of its `____`, makes its check say Correct.

For every lesson of `helpers.course.LESSONS` that has a source and a checks module (new lessons
are covered as soon as they exist), the notebook is built from its source, and in every code
cell that calls `ex.qN.check(...)` the line holding `____` is replaced by `qN`'s
`solution_code` (indented like that line, so a function body works too). The notebook then runs
top to bottom in a fresh kernel, and every `check()` it calls must say Correct, with every
exercise of the module checked at least once.

This is what a learner does when they copy a solution: a solution that names a variable the cell
does not check, imports nothing it needs, or overwrites a variable a later cell uses fails here.
The pasted notebooks run once, in the Colab-versions environment (tests/conftest.py:
`pasted_colab_runs`), so the same run also proves the Colab-versions check.
"""
from __future__ import annotations

import importlib
import json
import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers.course import LESSONS  # noqa: E402
from helpers.exercises import Exercise  # noqa: E402

CHECK_CALL = re.compile(r"^[^#]*\bex\.(q\d+)\.check\(", re.M)
BLANK_LINE = re.compile(r"^(\s*)(?!#)(?!from helpers import ____)(?!import).*\b____\b")
LOG_MARKER = "PASTED-SOLUTIONS-LOG:"

RECORDER = f'''# added by tests/test_pasted_solutions.py: record what every check() says
import json as _json
import helpers.exercises as _exercises
_exercises._PASTE_LOG = []
_original_check = _exercises.Exercise.check
def _recording_check(self, answer=_exercises.BLANK):
    message = _original_check(self, answer)
    _exercises._PASTE_LOG.append([self.name, message.kind, message.text])
    return message
_exercises.Exercise.check = _recording_check
'''
REPORT = f'''# added by tests/test_pasted_solutions.py
print("{LOG_MARKER}" + _json.dumps(_exercises._PASTE_LOG))
'''


def lessons_with_checks():
    return [lesson for lesson in LESSONS
            if (ROOT / "source" / lesson.source).exists()
            and (ROOT / "helpers" / "checks" / f"{lesson.slug}.py").exists()]


def exercises_of(slug: str) -> dict[str, Exercise]:
    module = importlib.import_module(f"helpers.checks.{slug}")
    return {value.name: value for value in vars(module).values() if isinstance(value, Exercise)}


def _indented(block: list[str], indent: str) -> list[str]:
    return [indent + part if part.strip() else part for part in block]


def paste(source: str, solution: str) -> str:
    """`source` with its `____` replaced by `solution`, the way a learner would paste it.

    * A solution that is a whole function (`def name(...)`) replaces the cell's function of
      that name (the one whose body holds `____`).
    * A solution that starts like the blank's line (`answer = 4` for `answer = ____`), or a
      blank alone on its line (a function body), replaces the whole line, indented like it.
    * Otherwise (`return ____` and a one-line expression) `____` is replaced in the line.
    """
    lines = source.split("\n")
    index = next((i for i, line in enumerate(lines) if BLANK_LINE.match(line)), None)
    if index is None:
        return source
    block = solution.split("\n")
    function = re.match(r"def (\w+)\(", block[0])
    if function:
        starts = [i for i in range(index, -1, -1)
                  if re.match(rf"^\s*def {function.group(1)}\(", lines[i])]
        if starts:
            start = starts[0]
            indent = re.match(r"^(\s*)", lines[start]).group(1)
            end = start + 1
            while end < len(lines) and (not lines[end].strip() or
                                        len(lines[end]) - len(lines[end].lstrip()) > len(indent)):
                end += 1
            while end > start + 1 and not lines[end - 1].strip():
                end -= 1
            return "\n".join(lines[:start] + _indented(block, indent) + lines[end:])
    line = lines[index]
    indent = re.match(r"^(\s*)", line).group(1)
    before = line[:line.index("____")].strip()
    if not before or block[0].lstrip().startswith(before) or len(block) > 1:
        return "\n".join(lines[:index] + _indented(block, indent) + lines[index + 1:])
    return "\n".join(lines[:index] + [line.replace("____", block[0].strip(), 1)] + lines[index + 1:])


def pasted_notebook(lesson) -> tuple[nbformat.NotebookNode, set[str]]:
    """The lesson's notebook with every solution pasted, a recorder before the first exercise
    and a report at the end; and the names of the exercises whose solutions were pasted."""
    from tools.build_notebooks import build_notebook

    exercises = exercises_of(lesson.slug)
    nb = build_notebook(lesson)
    pasted: set[str] = set()
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        names = list(dict.fromkeys(CHECK_CALL.findall(cell.source)))
        blanks = [line for line in cell.source.split("\n") if BLANK_LINE.match(line)]
        if not names or not blanks:
            continue
        assert len(names) == 1, (f"{lesson.filename}: one exercise per cell with ____, found "
                                 f"{names} in:\n{cell.source}")
        assert len(blanks) == 1, (f"{lesson.filename}: one ____ line per exercise cell, found "
                                  f"{blanks}")
        name = names[0]
        assert name in exercises, f"{lesson.filename} checks ex.{name}, not in helpers.checks.{lesson.slug}"
        cell.source = paste(cell.source, exercises[name].solution_code.strip())
        pasted.add(name)
    setup = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
    nb.cells.insert(setup + 1, nbformat.v4.new_code_cell(RECORDER))
    nb.cells.append(nbformat.v4.new_code_cell(REPORT))
    for index, cell in enumerate(nb.cells):
        cell.id = f"p{index:03d}"
    return nb, pasted


def test_paste_handles_each_way_a_solution_is_written():
    cell = "def f(x):\n    y = 1\n    ____\n    return y\n\nex.q3.check(f)"
    assert paste(cell, "y = x\ny += 1") == "def f(x):\n    y = 1\n    y = x\n    y += 1\n    return y\n\nex.q3.check(f)"
    assert paste("from helpers import ____\nanswer = ____\nex.q1.check(answer)", "answer = 4") == \
        "from helpers import ____\nanswer = 4\nex.q1.check(answer)"
    # a whole function replaces the cell's function of the same name
    cell = "import numpy as np\n\ndef g(a):\n    ____   # your code\n\n\nex.q2.check(g)"
    assert paste(cell, "def g(a):\n    return a + 1") == \
        "import numpy as np\n\ndef g(a):\n    return a + 1\n\n\nex.q2.check(g)"
    # an expression fills the blank inside its line
    assert paste("def h(a):\n    return ____\nex.q1.check(h)", "a * 2") == \
        "def h(a):\n    return a * 2\nex.q1.check(h)"
    # statements that start differently from the line replace it
    assert paste("kept = ____\nex.q3.check(kept)", "from m import f\nkept = f()") == \
        "from m import f\nkept = f()\nex.q3.check(kept)"


@pytest.mark.parametrize("lesson", lessons_with_checks(), ids=lambda lesson: lesson.filename)
def test_pasted_solutions_make_every_check_correct(lesson, pasted_colab_runs):
    # executed once, in Colab's widget/plotly versions (tests/conftest.py: pasted_colab_runs)
    exercises = exercises_of(lesson.slug)
    report, executed, pasted = pasted_colab_runs[lesson.filename]
    assert report["ok"], f"{lesson.filename} failed with its solutions pasted:\n{report.get('error')}"
    nb = nbformat.read(executed, as_version=4)
    text = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
    log = json.loads(text.split(LOG_MARKER, 1)[1])
    wrong = [entry for entry in log if entry[1] != "correct"]
    assert not wrong, f"{lesson.filename}: checks that did not say Correct: {wrong}"
    checked = {name for name, _, _ in log}
    assert set(exercises) <= checked, (f"{lesson.filename}: exercises never checked in the "
                                       f"notebook: {sorted(set(exercises) - checked)}")
    assert pasted, f"{lesson.filename}: no exercise cell with ____ found"
