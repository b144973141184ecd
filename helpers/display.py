"""Small display building blocks that work in every front end.

* `Table`: rows shown as an HTML table in notebooks and as aligned text elsewhere.
* `progress_bar`: an ipywidgets bar in a Jupyter kernel, quiet (or text on stderr) elsewhere.

Progress bars are widgets on purpose: their growth travels as widget messages, which neither a
saved notebook nor nbval records, so a cell's stored output is the same however fast it ran.
"""
from __future__ import annotations

import html
import sys
import time
from typing import Any, Iterable, Sequence


def in_jupyter_kernel() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and hasattr(shell, "kernel")


def _format_cell(value: Any, digits: int) -> str:
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


class Table:
    """A small table: `Table(rows, columns)`; floats are shown with `digits` decimals."""

    def __init__(self, rows: Iterable[Sequence[Any]], columns: Sequence[str],
                 title: str | None = None, digits: int = 3,
                 highlight: Iterable[int] = ()):
        self.rows = [list(row) for row in rows]
        self.columns = list(columns)
        self.title = title
        self.digits = digits
        self.highlight = set(highlight)  # row indices drawn in bold colour

    def text_rows(self) -> list[list[str]]:
        return [[_format_cell(v, self.digits) for v in row] for row in self.rows]

    def __repr__(self) -> str:
        rows = self.text_rows()
        widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(self.columns)]
        line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()
        out = [self.title] if self.title else []
        out += [line(self.columns), line(["-" * w for w in widths])]
        out += [line(r) + ("  ←" if i in self.highlight else "") for i, r in enumerate(rows)]
        return "\n".join(out)

    def _repr_html_(self) -> str:
        head = "".join(f"<th style='text-align:left'>{html.escape(c)}</th>" for c in self.columns)
        body = []
        for i, row in enumerate(self.text_rows()):
            style = " style='color:#b2182b;font-weight:bold'" if i in self.highlight else ""
            cells = "".join(f"<td style='text-align:left'>{html.escape(v)}</td>" for v in row)
            body.append(f"<tr{style}>{cells}</tr>")
        caption = f"<caption style='text-align:left'><b>{html.escape(self.title)}</b></caption>" \
            if self.title else ""
        return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


_LIVE_OUTPUT = None  # the Output widget a `helpers.widgets.live` render is drawing into


def set_live_output(output) -> None:
    global _LIVE_OUTPUT
    _LIVE_OUTPUT = output


def _show_widget(widget) -> None:
    """Display a widget now: in the live output area being drawn, or as cell output."""
    if _LIVE_OUTPUT is not None:
        bundle = {"text/plain": repr(widget),
                  "application/vnd.jupyter.widget-view+json": {
                      "version_major": 2, "version_minor": 0, "model_id": widget.model_id}}
        _LIVE_OUTPUT.outputs = tuple(_LIVE_OUTPUT.outputs) + (
            {"output_type": "display_data", "data": bundle, "metadata": {}},)
    else:
        from IPython.display import display

        display(widget)


class ProgressBar:
    """Use as `with progress_bar(total, "Training") as bar: ... bar.update(1)`."""

    def __init__(self, total: int, description: str, show: bool | None = None):
        self.total = max(int(total), 1)
        self.description = description
        self.done = 0
        self.started = time.perf_counter()
        self._widget = None
        self._label = None
        self._last_text = 0.0
        self._text = False
        if show is None:
            show = True
        if not show:
            return
        if in_jupyter_kernel():
            try:
                import ipywidgets as widgets
            except ImportError:
                self._text = True
            else:
                self._widget = widgets.IntProgress(value=0, min=0, max=self.total,
                                                   description=description,
                                                   style={"description_width": "initial"})
                self._label = widgets.Label(value="")
                _show_widget(widgets.HBox([self._widget, self._label]))
        else:
            self._text = sys.stderr.isatty()

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def update(self, steps: int = 1, note: str = "") -> None:
        self.done = min(self.done + steps, self.total)
        if self._widget is not None:
            # at most ~10 redraws a second: each one is a message to the front end, and a
            # flood of them can fill the kernel's output queue (whose overflow drops messages)
            now = time.perf_counter()
            if now - self._last_text < 0.1 and self.done < self.total:
                return
            self._last_text = now
            self._widget.value = self.done
            self._label.value = f"{self.done}/{self.total} {note}".rstrip()
        elif self._text and (time.perf_counter() - self._last_text > 0.5 or self.done == self.total):
            self._last_text = time.perf_counter()
            print(f"\r{self.description}: {self.done}/{self.total} {note}", end="",
                  file=sys.stderr, flush=True)

    def close(self, note: str = "done") -> None:
        if self._widget is not None:
            self._widget.value = self.total
            self._widget.bar_style = "success"
            self._label.value = f"{note} in {self.elapsed:.1f} s"
        elif self._text:
            print(f"\r{self.description}: {note} in {self.elapsed:.1f} s", file=sys.stderr)

    def __enter__(self) -> "ProgressBar":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        elif self._widget is not None:
            self._widget.bar_style = "danger"


def progress_bar(total: int, description: str = "Working", show: bool | None = None) -> ProgressBar:
    return ProgressBar(total, description, show)
