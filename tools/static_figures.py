"""A PNG beside every plotly figure of an executed notebook, for readers without a kernel.

GitHub and nbviewer cannot draw `application/vnd.plotly.v1+json`; they show the `image/png`
stored in the same output. The builder (`tools/build_notebooks.py --execute`) calls
`add_static_pictures` after executing a notebook. Learners' kernels never need any of this.

The pictures come from plotly's own static export, kaleido 1.x, which drives a Chrome-family
browser that is already installed: Debian's `chromium` (`apt-get install chromium`), or the
browser named by `BROWSER_PATH` (kaleido's documented variable). Nothing is downloaded: plotly.js
comes from the plotly package, and MathJax (fetched from a CDN by default) is switched off.

Why the stored PNG never breaks nbval: nbval 0.11 leaves `image/png` out of the comparison on
both sides (`IPyNbFile.skip_compare`, unless run with `--nbdime`), so a fresh run without the
picture has the same compared keys as the stored output.
"""
from __future__ import annotations

import base64
import contextlib
import os
import shutil
from pathlib import Path

PLOTLY_MIME = "application/vnd.plotly.v1+json"
PNG_MIME = "image/png"
DEFAULT_WIDTH, DEFAULT_HEIGHT = 800, 450


def browser_path() -> str:
    """The browser kaleido drives: $BROWSER_PATH, else Debian's chromium."""
    for candidate in (os.environ.get("BROWSER_PATH"), shutil.which("chromium"),
                      "/usr/bin/chromium", shutil.which("chromium-browser"),
                      shutil.which("google-chrome")):
        if candidate and Path(candidate).exists():
            return candidate
    raise SystemExit("No Chrome-family browser for the static pictures: install Debian's "
                     "chromium (`apt-get install chromium`) or set BROWSER_PATH to one "
                     "(never downloaded), or build with --no-pictures.")


@contextlib.contextmanager
def picture_server():
    """One browser for every picture of a build (starting it costs ~10 s, a picture ~1 s)."""
    import kaleido

    # timeout per picture: a 3-D scatter goes through software WebGL (SwiftShader) and took
    # ~50 s on 2 busy cores, more than kaleido's default 90 s allows for a slower machine
    kaleido.start_sync_server(path=browser_path(), mathjax=False, n=1, timeout=600,
                              silence_warnings=True)
    try:
        yield
    finally:
        kaleido.stop_sync_server(silence_warnings=True)


def figure_png(figure: dict) -> bytes:
    """PNG bytes of a figure given as plotly JSON, at its own size (or 800 × 450)."""
    import kaleido

    layout = figure.get("layout") or {}
    width = int(layout.get("width") or DEFAULT_WIDTH)
    height = int(layout.get("height") or DEFAULT_HEIGHT)
    return kaleido.calc_fig_sync(dict(figure),
                                 opts={"format": "png", "width": width, "height": height,
                                       "scale": 1})


def plotly_outputs(nb):
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if PLOTLY_MIME in output.get("data", {}):
                yield output


def add_static_pictures(nb) -> list[int]:
    """Give every plotly output of `nb` an `image/png` (in place); the PNG sizes in bytes.

    Call inside `picture_server()`. Outputs that already carry a PNG are redrawn, so a
    re-executed notebook never keeps a stale picture."""
    sizes = []
    for output in plotly_outputs(nb):
        png = figure_png(output["data"][PLOTLY_MIME])
        output["data"][PNG_MIME] = base64.b64encode(png).decode("ascii")
        sizes.append(len(png))
    return sizes
