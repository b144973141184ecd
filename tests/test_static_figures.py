"""Every reader sees every figure: a PNG beside each plotly output, widget figures as ordinary
outputs, the size budget, and nbval's indifference to the stored PNG."""
from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tools.static_figures import PLOTLY_MIME, PNG_MIME

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
BUDGET = 2_000_000  # bytes per committed notebook
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def figure_outputs(nb):
    return [o for c in nb.cells for o in c.get("outputs", []) if PLOTLY_MIME in o.get("data", {})]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_every_committed_figure_has_a_picture(path):
    nb = nbformat.read(path, as_version=4)
    for output in figure_outputs(nb):
        assert PNG_MIME in output["data"], (
            f"{path.name}: a figure without a PNG; execute it with tools/build_notebooks.py")
        assert base64.b64decode(output["data"][PNG_MIME])[:8] == PNG_SIGNATURE


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_within_size_budget(path):
    size = path.stat().st_size
    assert size <= BUDGET, f"{path.name} is {size / 1e6:.2f} MB; the budget is 2 MB"


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if PLOTLY_MIME in p.read_text()] or
                         [pytest.param(None, marks=pytest.mark.skip("no executed figures yet"))],
                         ids=lambda p: getattr(p, "name", "none"))
def test_nbconvert_without_kernel_shows_a_picture_for_every_figure(path, tmp_path):
    """What GitHub, nbviewer and `jupyter nbconvert --to html` draw: no plotly.js, no kernel."""
    nb = nbformat.read(path, as_version=4)
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter(template_name="classic").from_notebook_node(nb)
    pictures = re.findall(r'<img[^>]* src="data:image/png;base64,', body)
    assert len(pictures) >= len(figure_outputs(nb)) > 0


# ------------------------------------------------------------------ static pictures (kaleido)
def _browser():
    from tools.static_figures import browser_path
    try:
        return browser_path()
    except SystemExit as reason:
        pytest.skip(str(reason))


def test_builder_draws_pictures_with_the_installed_browser():
    _browser()
    import plotly.graph_objects as go
    from tools.static_figures import add_static_pictures, picture_server

    fig = go.Figure(go.Bar(x=["a", "b"], y=[1, 3])).update_layout(height=300, width=500)
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("fig")
    cell.outputs = [nbformat.v4.new_output("display_data", data={PLOTLY_MIME: fig.to_plotly_json()}),
                    nbformat.v4.new_output("stream", name="stdout", text="no figure here\n")]
    nb.cells = [cell]
    with picture_server():
        sizes = add_static_pictures(nb)
    png = base64.b64decode(cell.outputs[0]["data"][PNG_MIME])
    assert png[:8] == PNG_SIGNATURE and len(sizes) == 1 and sizes[0] == len(png)
    assert int.from_bytes(png[16:20], "big") == 500 and int.from_bytes(png[20:24], "big") == 300
    assert "data" not in cell.outputs[1]


# ------------------------------------------------------------------ nbval and the stored PNG
FIGURE_CELL = """import plotly.graph_objects as go
go.Figure(go.Bar(x=["a", "b"], y=[1, 3]), layout={"title": {"text": "T"}})"""


def _execute(nb, cwd):
    from nbclient import NotebookClient
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(cwd)}}).execute()
    return nb


def _run_cells(sources, cwd):
    """A notebook of these code cells, executed in a kernel that imports this tree's helpers."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    env_before = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = str(ROOT)
    try:
        return _execute(nb, cwd)
    finally:
        if env_before is None:
            os.environ.pop("PYTHONPATH")
        else:
            os.environ["PYTHONPATH"] = env_before


def _nbval(path):
    return subprocess.run([sys.executable, "-m", "pytest", "--nbval", "--nbval-current-env",
                           "-p", "no:cacheprovider", "-q", "-o", "addopts=", str(path)],
                          cwd=path.parent, capture_output=True, text=True, timeout=300)


def test_nbval_ignores_a_stored_png_and_still_compares_the_figure(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(FIGURE_CELL)]
    _execute(nb, tmp_path)
    data = nb.cells[0].outputs[0]["data"]
    assert PLOTLY_MIME in data and PNG_MIME not in data
    data[PNG_MIME] = base64.b64encode(PNG_SIGNATURE + b"stored only").decode()
    path = tmp_path / "with_png.ipynb"
    nbformat.write(nb, path)
    result = _nbval(path)
    assert result.returncode == 0, result.stdout[-2000:]
    # ...and the figure itself is still compared: a changed number fails
    data[PLOTLY_MIME]["data"][0]["y"] = [1, 4]
    nbformat.write(nb, path)
    result = _nbval(path)
    assert result.returncode != 0 and "Cell outputs differ" in result.stdout


# ------------------------------------------------------------------ widget figures
WIDGET_CELLS = [
    """import plotly.graph_objects as go
from helpers.widgets import int_slider, live

def render(n):
    print(f"n = {n}")
    return go.Figure(go.Bar(x=list(range(n)), y=[i * i for i in range(n)]),
                     layout={"title": {"text": f"squares below {n}"}, "height": 300})

widget = live({"n": int_slider(4, 1, 9, "n")}, render, css_class="test-live")
widget""",
    "widget.children[0].children[0].value = 6",
    "print(len(widget.children[1].outputs), widget.children[1].outputs[0]['text'])",
]


def test_a_live_widget_figure_is_an_ordinary_output_updated_in_place(tmp_path):
    """In a kernel: the widget's first figure is saved as a normal display output (what GitHub,
    nbviewer, the HTML export and the builder's PNG use); a control change replaces it in place
    (update_display_data, applied by nbclient here as by JupyterLab, Notebook 7, VS Code and
    Colab); text stays in the widget's Output area."""
    nb = _run_cells(WIDGET_CELLS, tmp_path)
    first = nb.cells[0].outputs
    assert [WIDGET_MIME in o["data"] for o in first] == [True, False]
    figure = first[1]["data"][PLOTLY_MIME]
    assert figure["layout"]["title"]["text"] == "squares below 6"  # the later change, in place
    assert len(figure["data"][0]["x"]) == 6
    assert nb.cells[1].outputs == []  # the update did not add an output to the changing cell
    assert nb.cells[2].outputs[0]["text"].strip() == "1 n = 6"  # only text in the Output widget


BUTTON_CELLS = [
    """import ipywidgets as widgets
import plotly.graph_objects as go
from helpers.widgets import int_slider, run_on_click

n = int_slider(3, 1, 9, "n")
button = widgets.Button(description="Train")
presses = []

def render():
    presses.append(n.value)
    print(f"trained with n = {n.value}")
    return go.Figure(go.Bar(y=list(range(n.value))), layout={"title": {"text": f"n = {n.value}"}})

widget = run_on_click([n, button], button, render, css_class="test-button")
widget""",
    "presses",
    "n.value = 5\nbutton.click()",
    "print(len(widget.children[-1].outputs), widget.children[-1].outputs[0]['text'].strip())",
]


def test_a_button_widget_fills_its_reserved_figure_place_in_place(tmp_path):
    """`run_on_click`: nothing runs at display time, but an empty figure place is reserved as
    an ordinary output; a press (from another cell here) fills it in place with the figure,
    never inside the Output widget (the pattern that fails on Colab); text stays in it."""
    nb = _run_cells(BUTTON_CELLS, tmp_path)
    assert nb.cells[1].outputs[0]["data"]["text/plain"] == "[]"  # nothing ran at display time
    first = nb.cells[0].outputs
    assert [WIDGET_MIME in o["data"] for o in first] == [True, False]
    figure = first[1]["data"][PLOTLY_MIME]   # the reserved place, filled by the press
    assert figure["layout"]["title"]["text"] == "n = 5" and len(figure["data"][0]["y"]) == 5
    assert nb.cells[2].outputs == []
    assert nb.cells[3].outputs[0]["text"].strip() == "1 trained with n = 5"


def test_live_widget_outside_a_kernel_keeps_everything_in_its_output_area():
    """The plain fallback: never displayed, the figure stays with the text in the Output area."""
    import plotly.graph_objects as go
    from helpers.widgets import int_slider, live

    box = live({"n": int_slider(2, 1, 5, "n")},
               lambda n: go.Figure(go.Bar(y=list(range(n)))), css_class="test-live")
    box.children[0].children[0].value = 3
    outputs = box.children[1].outputs
    assert len(outputs) == 1 and len(outputs[0]["data"][PLOTLY_MIME]["data"][0]["y"]) == 3


def test_widget_figures_with_colab_versions_and_colab_renderer(colab_python, tmp_path):
    """Colab's ipywidgets 7.7.1 and plotly 5.24.1 with plotly's Colab renderer (HTML that loads
    plotly.js, the output Colab draws for `fig.show()`): a slider widget's figure and a button
    widget's reserved place are ordinary outputs updated in place, never inside the Output
    widget (the pattern googlecolab/colabtools#5889 reports failing)."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    cells = ["import plotly.io as pio\npio.renderers.default = 'colab'"] + WIDGET_CELLS + BUTTON_CELLS
    nb.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    path, executed = tmp_path / "colab.ipynb", tmp_path / "executed.ipynb"
    nbformat.write(nb, path)
    done = subprocess.run([colab_python, str(ROOT / "tools" / "execute_notebook.py"), str(path),
                           "--save", str(executed)], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    cells = nbformat.read(executed, as_version=4).cells
    slider_cell, button_cell = cells[1].outputs, cells[1 + len(WIDGET_CELLS)].outputs
    for outputs, title in ((slider_cell, "squares below 6"), (button_cell, "n = 5")):
        assert [WIDGET_MIME in o["data"] for o in outputs] == [True, False]
        html = outputs[1]["data"]["text/html"]
        assert "Plotly.newPlot" in html and title in html
    assert cells[3].outputs[0]["text"].strip() == "1 n = 6"   # only text in the Output widget
    assert cells[-1].outputs[0]["text"].strip() == "1 trained with n = 5"
