#!/usr/bin/env python3
"""Build the classroom versions of the course into `build/`.

    python tools/build_classroom.py student      # → build/student/
    python tools/build_classroom.py instructor   # → build/instructor/

* **student** (`--repo you/course-student`, required): every notebook with outputs cleared and
  the `hint()` / `solution()` lines removed; the exercise modules in `helpers/checks/` keep their
  checkers (so `check()` still works) but their hints and solutions are replaced by a note to ask
  the instructor. The setup cell, the Colab/Binder badges, the README table and `[tool.course]`
  name the student repository, so a notebook opened on Colab clones the student copy, never the
  public course (which has the solutions). Publish the folder as that repository.
* **instructor**: every notebook with outputs cleared and each exercise's `solution()` call
  switched on, so running a notebook shows all solutions; plus `instructor/` (the guide).

Both are complete courses (helpers, data, requirements, tools): hand one out as a folder, a zip,
or a repository that nbgitpuller links pull from:

    python tools/build_classroom.py student --repo you/course-student
    cd build/student && git init -b main && git add . && git commit -m "Student version" \
        && git remote add origin https://github.com/you/course-student.git && git push -u origin main
    python tools/build_classroom.py link --hub https://hub.example.edu --repo you/course-student

Known limit: a code exercise is checked against a reference function that stays in the student
copy's `helpers/checks/` (the check needs it), so a student who reads that module's source can
find it; its `solution()` text and hints are gone.
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
COPIED = ["helpers", "data", "tools", "source", "requirements.txt", "environment.yml", "postBuild",
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
    """Replace the `hints=` and `solution_code=` arguments of every call that has them
    (`Exercise(...)`, `CodeExercise(...)` or any helper that builds one)."""
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
        if isinstance(node, ast.Call):  # Exercise(...), CodeExercise(...), any builder
            for keyword in node.keywords:
                if keyword.arg == "hints":
                    edits.append((*span(keyword.value), repr([WITHHELD_HINT])))
                elif keyword.arg == "solution_code":
                    edits.append((*span(keyword.value), repr(WITHHELD_SOLUTION)))
    for start, end, text in sorted(edits, reverse=True):
        raw = raw[:start] + text.encode("utf-8") + raw[end:]
    return raw.decode("utf-8")


def _repository(repository: str) -> str:
    """`owner/name` from `owner/name`, `https://github.com/owner/name(.git)` or similar."""
    name = repository.strip().removesuffix(".git").rstrip("/")
    name = re.sub(r"^(https?://)?(www\.)?github\.com/", "", name)
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9_.-]+", name):
        raise SystemExit(f"--repo must name a GitHub repository as owner/name; got {repository!r}. "
                         "Create an empty repository for the student version first.")
    return name


def _point_at(target: Path, public: str, student: str, branch: str) -> None:
    """README table, badges and `[tool.course]` of the copy name the student repository."""
    pyproject = target / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    text = re.sub(r'(?m)^repository = ".*"$', f'repository = "{student}"', text)
    text = re.sub(r'(?m)^branch = ".*"$', f'branch = "{branch}"', text)
    pyproject.write_text(text, encoding="utf-8")
    readme = target / "README.md"
    if readme.exists():
        readme.write_text(readme.read_text(encoding="utf-8").replace(public, student),
                          encoding="utf-8")


def build_student(target: Path = BUILD / "student", repository: str | None = None,
                  branch: str = "main") -> Path:
    """The student version, for publishing as `repository` (owner/name) on `branch`."""
    sys.path.insert(0, str(ROOT))
    from tools.build_notebooks import SETUP_MARKER, course_settings, setup_cell_source

    public = course_settings()["repository"]
    if repository is None:
        raise SystemExit("name the repository the student version will be published as: "
                         "--repo you/course-student (its setup cell clones that repository)")
    student = _repository(repository)
    if student == public:
        raise SystemExit(f"--repo {student} is the public course, which has the solutions: "
                         "publish the student version as a repository of its own")
    _copy_course(target)
    setup = setup_cell_source(student, branch)
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        _clear(nb)
        for cell in nb.cells:
            if cell.cell_type == "code" and cell.source.startswith(SETUP_MARKER):
                cell.source = setup
            elif cell.cell_type == "code":
                lines = [l for l in cell.source.splitlines() if not _HELP_LINE.match(l)]
                cell.source = "\n".join(lines)
            elif cell.cell_type == "markdown":  # badges: Colab and Binder open the copy
                cell.source = cell.source.replace(f"/{public}/", f"/{student}/")
        nbformat.write(nb, target / "notebooks" / path.name)
    for module in (target / "helpers" / "checks").glob("*.py"):
        if module.name != "__init__.py":
            module.write_text(withhold_solutions(module.read_text(encoding="utf-8")),
                              encoding="utf-8")
    _point_at(target, public, student, branch)
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
    where the course lands in a folder named like the repository. `repository_url` may also be
    given as owner/name (a GitHub repository).
    """
    from urllib.parse import quote

    if "://" not in repository_url:
        repository_url = f"https://github.com/{_repository(repository_url)}"
    folder = repository_url.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")
    return (f"{hub.rstrip('/')}/hub/user-redirect/git-pull?repo={quote(repository_url, safe='')}"
            f"&branch={quote(branch)}&urlpath={quote(f'lab/tree/{folder}/{notebook}')}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("version", choices=["student", "instructor", "link"])
    parser.add_argument("--out", type=Path, help="target folder (default build/<version>)")
    parser.add_argument("--repo", help="student / link: the student repository, owner/name "
                                       "(where you publish build/student)")
    parser.add_argument("--branch", default="main", help="student / link: its branch")
    parser.add_argument("--hub", default="https://hub.example.edu", help="link: your JupyterHub")
    args = parser.parse_args(argv)
    if args.version == "link":
        if not args.repo:
            parser.error("link needs --repo: the student repository (never the public course)")
        print(nbgitpuller_link(args.hub, args.repo, args.branch))
        return 0
    if args.version == "student":
        if not args.repo:
            parser.error("student needs --repo you/course-student: the repository you will "
                         "publish it as (its setup cell clones that one)")
        target = build_student(args.out or BUILD / "student", args.repo, args.branch)
    else:
        target = build_instructor(args.out) if args.out else build_instructor()
    print(f"wrote the {args.version} version to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
