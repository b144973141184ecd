#!/usr/bin/env python3
"""Build the classroom versions of the course into `build/`.

    python tools/build_classroom.py student      # → build/student/
    python tools/build_classroom.py instructor   # → build/instructor/

* **student**: every notebook with outputs cleared and the `hint()` / `solution()` lines removed;
  the exercise modules in `helpers/checks/` keep their checkers (so `check()` still works) but
  their hints and solutions are replaced by a note to ask the instructor.
* **instructor**: every notebook with outputs cleared and each exercise's `solution()` call
  switched on, so running a notebook shows all solutions; plus `instructor/` (the guide).

Both are complete courses (helpers, data, requirements, tools): hand one out as a folder, a zip,
or a repository that nbgitpuller links pull from.
"""
from __future__ import annotations

import argparse
import ast
import re
import shutil
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
COPIED = ["helpers", "data", "tools", "source", "requirements.txt", "environment.yml",
          "pyproject.toml", "README.md", "LICENSE"]
WITHHELD_SOLUTION = "# Solutions are not part of the student version: ask your instructor."
WITHHELD_HINT = "Hints are not part of the student version: ask your instructor."
_HELP_LINE = re.compile(r"^\s*#?\s*ex\.q\d+\.(hint|solution)\(.*\)\s*$")
_SOLUTION_LINE = re.compile(r"^(\s*)#\s*(ex\.q\d+\.solution\(\))\s*$")


def _copy_course(target: Path) -> None:
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif source.exists():
            shutil.copy2(source, target / name)
    (target / "notebooks").mkdir()


def _clear(nb) -> None:
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nb.metadata.pop("widgets", None)


def withhold_solutions(module_source: str) -> str:
    """Replace the `hints=` and `solution_code=` arguments of every `Exercise(...)` call."""
    tree = ast.parse(module_source)
    raw = module_source.encode("utf-8")  # ast offsets count UTF-8 bytes, not characters
    starts = [0]
    for line in raw.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    edits = []  # (start, end, replacement) as byte offsets

    def span(node):
        return (starts[node.lineno - 1] + node.col_offset,
                starts[node.end_lineno - 1] + node.end_col_offset)

    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Exercise":
            for keyword in node.keywords:
                if keyword.arg == "hints":
                    edits.append((*span(keyword.value), repr([WITHHELD_HINT])))
                elif keyword.arg == "solution_code":
                    edits.append((*span(keyword.value), repr(WITHHELD_SOLUTION)))
    for start, end, text in sorted(edits, reverse=True):
        raw = raw[:start] + text.encode("utf-8") + raw[end:]
    return raw.decode("utf-8")


def build_student(target: Path = BUILD / "student") -> Path:
    _copy_course(target)
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        _clear(nb)
        for cell in nb.cells:
            if cell.cell_type == "code":
                lines = [l for l in cell.source.splitlines() if not _HELP_LINE.match(l)]
                cell.source = "\n".join(lines)
        nbformat.write(nb, target / "notebooks" / path.name)
    for module in (target / "helpers" / "checks").glob("*.py"):
        module.write_text(withhold_solutions(module.read_text(encoding="utf-8")), encoding="utf-8")
    # the maintainers' sources contain the same exercise cells; students do not need them
    shutil.rmtree(target / "source", ignore_errors=True)
    return target


def build_instructor(target: Path = BUILD / "instructor") -> Path:
    _copy_course(target)
    shutil.copytree(ROOT / "instructor", target / "instructor")
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        _clear(nb)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.source = "\n".join(_SOLUTION_LINE.sub(r"\1\2", l)
                                        for l in cell.source.splitlines())
        nbformat.write(nb, target / "notebooks" / path.name)
    return target


def nbgitpuller_link(hub: str, repository_url: str, branch: str = "main",
                     notebook: str = "notebooks/00_start_here.ipynb") -> str:
    """A JupyterHub link that clones (or updates) the course for each student, then opens it.

    nbgitpuller's format: <hub>/hub/user-redirect/git-pull?repo=<url>&branch=<b>&urlpath=<path>,
    where the course lands in a folder named like the repository.
    """
    from urllib.parse import quote

    folder = repository_url.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")
    return (f"{hub.rstrip('/')}/hub/user-redirect/git-pull?repo={quote(repository_url, safe='')}"
            f"&branch={quote(branch)}&urlpath={quote(f'lab/tree/{folder}/{notebook}')}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("version", choices=["student", "instructor", "link"])
    parser.add_argument("--out", type=Path, help="target folder (default build/<version>)")
    parser.add_argument("--hub", default="https://hub.example.edu", help="with link: your hub")
    parser.add_argument("--repo", help="with link: the repository students pull")
    args = parser.parse_args(argv)
    if args.version == "link":
        sys.path.insert(0, str(ROOT))
        from tools.build_notebooks import course_settings
        settings = course_settings()
        repo = args.repo or f"https://github.com/{settings['repository']}"
        print(nbgitpuller_link(args.hub, repo, settings["branch"]))
        return 0
    build = build_student if args.version == "student" else build_instructor
    target = build(args.out) if args.out else build()
    print(f"wrote the {args.version} version to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
