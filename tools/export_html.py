#!/usr/bin/env python3
"""Export every notebook to static HTML whose plotly figures draw without a kernel.

    python tools/export_html.py            # → build/html/NN_slug.html (+ index.html)
    python tools/export_html.py 03 --out somewhere/

The committed notebooks store figures as plotly JSON (plus a PNG for GitHub), which nbconvert
cannot draw interactively. This adds an HTML rendering of each figure (with a stable div id) and
embeds plotly.js once per page, so the pages work offline and from any static host (GitHub Pages,
an LMS, a USB stick). A widget's figures are ordinary outputs of its cell (see
`helpers.widgets.LiveWidget`), so they export as interactive figures in their first state; only
the controls need a kernel, and a note in their place says so.

`github_style(...)` renders a notebook the way GitHub and nbviewer do (nbconvert's classic
template, every script removed): the browser test checks that it shows a picture per figure.
"""
from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path

import nbformat
import plotly.io as pio
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parent.parent
PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
WIDGET_NOTE = ("<p><em>Interactive controls are here: run the notebook (JupyterLab, Binder or "
               "Colab) to use them. What they draw is shown below for their first setting."
               "</em></p>")


def _plotly_js() -> str:
    from plotly.offline import get_plotlyjs

    return f"<script type='text/javascript'>{get_plotlyjs()}</script>"


def static_copy(nb) -> nbformat.NotebookNode:
    """A copy of `nb` whose plotly outputs also carry text/html, and widgets a note."""
    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)
    count = 0
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if PLOTLY_MIME in data:
                count += 1
                figure = dict(data[PLOTLY_MIME])
                data["text/html"] = pio.to_html(figure, include_plotlyjs=False, full_html=False,
                                                div_id=f"figure-{index}-{count}",
                                                validate=False)
                data.pop("image/png", None)  # the interactive figure replaces the picture
            elif WIDGET_MIME in data:
                data.pop(WIDGET_MIME)
                data["text/html"] = WIDGET_NOTE
    return nb


def export(path: Path, out_dir: Path) -> Path:
    nb = static_copy(nbformat.read(path, as_version=4))
    exporter = HTMLExporter(template_name="lab")
    title = nb.cells[0].source.splitlines()[0].lstrip("# ") if nb.cells else path.stem
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    # plotly.js once, first in <head>: before any figure's script, and before require.js
    # (which would otherwise turn it into an AMD module with no global `Plotly`)
    body = body.replace("<head>", "<head>\n" + _plotly_js(), 1)
    body = body.replace('.ipynb"', '.html"')  # previous/next links point at the pages
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / (path.stem + ".html")
    target.write_text(body, encoding="utf-8")
    return target


def figure_count(nb) -> int:
    """How many figures a notebook shows (plotly outputs)."""
    return sum(PLOTLY_MIME in output.get("data", {})
               for cell in nb.cells for output in cell.get("outputs", []))


def github_style(path: Path, out_dir: Path) -> Path:
    """`path` rendered as GitHub/nbviewer do: nbconvert's classic template, no scripts at all."""
    import re

    nb = nbformat.read(path, as_version=4)
    body, _ = HTMLExporter(template_name="classic").from_notebook_node(nb)
    body = re.sub(r"<script\b.*?</script>", "", body, flags=re.S | re.I)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / (path.stem + ".github.html")
    target.write_text(body, encoding="utf-8")
    return target


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("notebooks", nargs="*", help="numbers or names; default all")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "html")
    args = parser.parse_args(argv)
    paths = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    if args.notebooks:
        paths = [p for p in paths if p.name[:2] in args.notebooks or p.stem in args.notebooks]
    pages = [export(p, args.out) for p in paths]
    links = "".join(f"<li><a href='{p.name}'>{p.stem}</a></li>" for p in pages)
    (args.out / "index.html").write_text(
        f"<html><head><meta charset='utf-8'><title>Token Embeddings, Hands-On</title></head>"
        f"<body><h1>Token Embeddings, Hands-On</h1><ul>{links}</ul></body></html>",
        encoding="utf-8")
    print(f"wrote {len(pages)} pages to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
