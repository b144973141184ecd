"""Notebooks 06-11: every solution, pasted in place of its exercise, makes its check say Correct.

A value exercise `answer = ____` gets the solution's assignment; a code exercise's stub function
(`def my_function(...): ____`) is replaced by the solution's complete `def`. The notebook is then
executed from its source, and every `ex.qN.check(...)` must return Correct.
"""
import importlib
import re
from pathlib import Path

import jupytext
import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
SLUGS = ["embedding_layer", "initialization", "training_from_scratch", "subword_tokenizers",
         "embeddings_in_language_models", "transfer_learning"]


def pasted_notebook(slug: str):
    checks = importlib.import_module(f"helpers.checks.{slug}")
    nb = jupytext.read(ROOT / "source" / f"{slug}.py")
    nb.cells = [c for c in nb.cells if c.cell_type != "raw"]
    nb.cells.insert(0, nbformat.v4.new_code_cell(f"import sys; sys.path.insert(0, {str(ROOT)!r})"))
    pasted = []
    for cell in nb.cells:
        match = cell.cell_type == "code" and re.search(r"ex\.(q\d+)\.check\((\w+)\)", cell.source)
        if not match:
            continue
        name, variable = match.groups()
        solution = getattr(checks, name).solution_code.strip()
        stub = re.search(r"^def " + variable + r"\(.*?(?=^\S|\Z)", cell.source, re.S | re.M)
        if stub:
            cell.source = cell.source.replace(stub.group(0), solution + "\n\n\n")
        else:
            cell.source = re.sub(r"^" + variable + r" = ____.*$", solution, cell.source, flags=re.M)
        before_check = cell.source.split(f"ex.{name}.check")[0].replace("import ____", "")
        assert "____" not in before_check, cell.source
        cell.source = cell.source.replace(f"ex.{name}.check({variable})",
                                          f"_m = ex.{name}.check({variable}); assert _m.correct, _m")
        pasted.append(name)
    return nb, pasted


@pytest.mark.parametrize("slug", SLUGS)
def test_every_pasted_solution_is_correct(slug):
    nb, pasted = pasted_notebook(slug)
    assert len(pasted) >= 3 and len(set(pasted)) == len(pasted)
    NotebookClient(nb, timeout=900, kernel_name="python3").execute(cwd=str(ROOT / "notebooks"))
