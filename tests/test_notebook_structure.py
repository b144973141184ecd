"""Every notebook has the course's structure, and matches the source it is built from."""
import re
from pathlib import Path

import nbformat
import pytest

from helpers.course import LESSONS
from tools.build_notebooks import SETUP_MARKER, course_settings, setup_cell_source, stale_notebooks

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
IGNORABLE = ("nbval-ignore-output",)


def markdown(nb) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


@pytest.fixture(params=NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def notebook(request):
    return request.param, nbformat.read(request.param, as_version=4)


def test_every_notebook_is_in_the_course_map():
    names = {lesson.filename for lesson in LESSONS}
    assert NOTEBOOKS and all(p.name in names for p in NOTEBOOKS)


def test_header_block(notebook):
    path, nb = notebook
    lesson = next(l for l in LESSONS if l.filename == path.name)
    header = nb.cells[0].source
    assert nb.cells[0].cell_type == "markdown"
    assert header.startswith(f"# {lesson.label}\n")
    assert "**Estimated time:**" in header and "**Prerequisites:**" in header
    assert "Learning objectives" in header and re.search(r"^- ", header, re.M)
    repo = course_settings()["repository"]
    assert f"colab.research.google.com/github/{repo}/blob/" in header
    assert f"notebooks/{path.name}" in header and f"mybinder.org/v2/gh/{repo}/" in header


def test_first_code_cell_is_the_shared_setup_cell(notebook):
    _, nb = notebook
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code[0].source == setup_cell_source(**course_settings())
    assert sum(SETUP_MARKER in c.source for c in code) == 1


def test_at_least_three_checked_exercises(notebook):
    path, nb = notebook
    checks = set()
    for cell in nb.cells:
        if cell.cell_type == "code":
            checks |= set(re.findall(r"\bex\.(q\d+)\.check\(", cell.source))
    assert len(checks) >= 3, f"{path.name}: exercises found: {sorted(checks)}"
    module = re.search(r"from helpers\.checks import (\w+) as ex",
                       "\n".join(c.source for c in nb.cells))
    assert module, f"{path.name} must import its exercises from helpers.checks"


def test_key_points_and_navigation(notebook):
    path, nb = notebook
    text = markdown(nb)
    assert re.search(r"^## Key points", text, re.M), f"{path.name} has no '## Key points'"
    last = nb.cells[-1].source
    links = [link for link in re.findall(r"\]\(([^)]+\.ipynb)\)", last + nb.cells[0].source)
             if not link.startswith("http")]  # badges point online; the rest are local
    assert links, "previous/next links missing"
    for link in links:
        assert (path.parent / link).exists(), f"{path.name} links to missing {link}"
    number = int(path.name[:2])
    if number + 1 < len(LESSONS):
        assert LESSONS[number + 1].filename in last
    if number > 0:
        assert LESSONS[number - 1].filename in last


def test_committed_notebooks_were_executed_in_order_without_errors(notebook):
    path, nb = notebook
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1)), \
        f"{path.name}: execute it with tools/build_notebooks.py --execute"
    for cell in code:
        assert all(o.output_type != "error" for o in cell.outputs)


def test_ignored_outputs_are_only_widgets_figures_or_timings(notebook):
    path, nb = notebook
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if "nbval-skip" in tags or "# NBVAL_SKIP" in cell.get("source", ""):
            pytest.fail(f"{path.name}: skipped cells are not tested; use ignore-output for "
                        "widgets/figures/timings only")
        if cell.cell_type != "code" or not any(t in tags for t in IGNORABLE):
            continue
        kinds = set()
        for out in cell.outputs:
            data = out.get("data", {})
            if "application/vnd.jupyter.widget-view+json" in data:
                kinds.add("widget")
            elif "application/vnd.plotly.v1+json" in data or data == {"text/plain": ""}:
                kinds.add("figure")  # or the empty place a button widget's figure will fill
            else:
                kinds.add("other")
        # a timing, or a result the cell itself says varies with the CPU (chaotic training)
        timing = re.search(r"time|perf_counter|timeit|benchmark|memory|elapsed|seconds?\b|median|"
                           r"measure|_ms\b|var(?:y|ies) with the CPU", cell.source, re.I)
        assert kinds <= {"widget", "figure"} or timing, \
            f"{path.name}: an ignored cell shows something other than a widget/figure/timing:\n{cell.source[:200]}"


def test_notebooks_match_their_sources():
    assert stale_notebooks() == []


def test_no_machine_paths_or_huge_outputs(notebook):
    path, nb = notebook
    text = path.read_text()
    assert not re.search(r"(?<![\w.])/(home|root|tmp|Users|work)/[\w.-]+", text), \
        f"{path.name} output shows a local path"
    assert path.stat().st_size < 2_000_000


def test_readme_lists_every_notebook_with_badges():
    from tools.build_notebooks import readme_table
    text = (ROOT / "README.md").read_text()
    assert readme_table(**course_settings()) in text
    for lesson in LESSONS:
        assert f"notebooks/{lesson.filename}" in text


def test_sources_are_jupytext_percent_files():
    """Each source opens in JupyterLab (with jupytext) as a notebook and saves back unchanged;
    its meta cell is the raw cell tagged course-meta."""
    import jupytext

    sources = sorted((ROOT / "source").glob("*.py"))
    assert sources
    for path in sources:
        text = path.read_text(encoding="utf-8")
        nb = jupytext.reads(text, fmt="py:percent")
        assert jupytext.writes(nb, fmt="py:percent") == text, f"{path.name} changes on a round trip"
        meta = [c for c in nb.cells if "course-meta" in c.metadata.get("tags", [])]
        assert len(meta) == 1 and meta[0].cell_type == "raw", path.name


def test_builder_reads_cells_and_tags_with_jupytext():
    from tools.build_notebooks import parse_source

    text = ('# %% [raw] tags=["course-meta"]\n# objectives = ["a", "b"]\n# prerequisites = "none"\n\n'
            '# %% [markdown]\n# ## A heading\n#\n# Prose.\n\n'
            '# %%\nprint(1)\n\n'
            '# %% tags=["nbval-ignore-output", "__import__(\'os\')"]\nshow()\n')
    meta, cells = parse_source(text)
    assert meta == {"objectives": ["a", "b"], "prerequisites": "none"}
    assert cells == [("markdown", "## A heading\n\nProse.", []), ("code", "print(1)", []),
                     ("code", "show()", ["nbval-ignore-output", "__import__('os')"])]
    legacy = text.replace('# %% [raw] tags=["course-meta"]', "# %% [meta]")
    assert parse_source(legacy) == (meta, cells)
    with pytest.raises(SystemExit, match="course-meta"):
        parse_source("# %%\nprint(1)\n")
