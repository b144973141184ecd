"""Wiring ipywidgets controls to a rendering function, the same way in every notebook.

`live(controls, render)` shows the controls, calls `render(**values)` now and after every
change, and shows what it displays (a plotly figure, a `Table`, printed text) below them;
figures are ordinary cell outputs updated in place (see `LiveWidget` for why). A `CourseError` raised by `render` shows
as one sentence in that area, so a bad value never leaves a traceback wall.

Uses only ipywidgets APIs that exist in both 7.7 (Google Colab) and 8.x.
"""
from __future__ import annotations

import statistics
import time
from typing import Callable, Mapping, Sequence

from .errors import CourseError, format_error


def _show(result) -> None:
    from IPython.display import display

    from .display import in_jupyter_kernel

    if result is None:
        return
    if hasattr(result, "show") and hasattr(result, "to_plotly_json"):
        if in_jupyter_kernel():
            result.show()  # the front end's own plotly renderer (JupyterLab, Colab, VS Code)
        else:  # plain Python: keep the figure's JSON (never open a web browser)
            _PLAIN_FIGURES.append(result)
    else:
        display(result)


_PLAIN_FIGURES: list = []  # figures `render` returned outside a kernel, during one redraw


def _plain_figure_outputs() -> tuple:
    import json

    import plotly.io as pio

    figures, _PLAIN_FIGURES[:] = list(_PLAIN_FIGURES), []
    return tuple({"output_type": "display_data", "metadata": {},
                  "data": {PLOTLY_MIME: json.loads(pio.to_json(f, validate=False)),
                           "text/plain": f"<plotly figure: {f.layout.title.text or 'untitled'}>"}}
                 for f in figures)


def _as_outputs(captured) -> tuple:
    """Notebook output dicts for what was printed and displayed inside `capture_output`."""
    outputs = []
    if captured.stdout:
        outputs.append({"output_type": "stream", "name": "stdout", "text": captured.stdout})
    if captured.stderr:
        outputs.append({"output_type": "stream", "name": "stderr", "text": captured.stderr})
    for rich in captured.outputs:
        outputs.append({"output_type": "display_data", "data": rich.data,
                        "metadata": rich.metadata or {}})
    return tuple(outputs)


PLOTLY_MIME = "application/vnd.plotly.v1+json"
_EMPTY = {"text/plain": ""}


def _is_figure(output) -> bool:
    """A plotly figure's output: its JSON (JupyterLab, Notebook 7, VS Code) or the HTML that
    plotly's Colab renderer emits instead."""
    data = output.get("data", {})
    return PLOTLY_MIME in data or "Plotly.newPlot" in str(data.get("text/html", ""))


def _placeholder(output) -> dict:
    """An empty block as tall as the figure it stands in for (so nothing below it jumps)."""
    figure = output.get("data", {}).get(PLOTLY_MIME) or {}
    height = (figure.get("layout") or {}).get("height") or 450
    return {"text/html": f"<div style='height:{int(height)}px'></div>", "text/plain": ""}


_LIVE_CLASS = None


def _live_class():
    """`LiveWidget`, made on first use (ipywidgets is imported only when a widget is built)."""
    global _LIVE_CLASS
    if _LIVE_CLASS is not None:
        return _LIVE_CLASS
    import ipywidgets as widgets
    from IPython.display import display, update_display

    class LiveWidget(widgets.VBox):
        """The box `live` returns: `children == (controls panel, Output widget)`.

        Displayed as a cell's result, its figures leave the Output widget and become ordinary
        outputs of the cell right below the controls, each with a display id; a change of a
        control replaces them in place (`update_display`). Why:

        * the first state is an ordinary output, so a saved notebook shows it on GitHub,
          nbviewer and in the HTML export (the builder adds a PNG beside it);
        * on Colab, plotly's HTML (a CDN `<script>` then an inline call) fails inside an
          ipywidgets Output ("Plotly is not defined", googlecolab/colabtools#5889, #1458) but
          is what Colab draws for any `fig.show()` in a cell; Colab honours display ids when
          the bundle is displayed raw (a figure's own `_ipython_display_` drops the id:
          googlecolab/colabtools#2020);
        * JupyterLab's plotly renderer ignores an update of a figure it already drew
          (plotly/plotly.py#3053; `renderModel` returns early), so every update first swaps
          in a same-size placeholder, which makes the front end build a fresh renderer.

        Text, tables and progress bars stay in the Output widget (no scripts: safe everywhere).
        Nested inside another container (never displayed itself), everything stays in the
        Output widget, as before.

        `figure_slots` reserves that many (empty) figure places when the widget is displayed,
        for widgets that draw nothing until a button is pressed (`run_on_click`).
        """

        def __init__(self, children, output=None, figure_slots: int = 0, **kwargs):
            super().__init__(children, **kwargs)
            self._output = children[1] if output is None else output
            self._slots = figure_slots
            self._figures: tuple = ()      # the latest render's figure outputs
            self._displays: list = []      # one list of display ids per time it was displayed

        def _set(self, outputs: tuple) -> None:
            output = self._output
            figures = tuple(o for o in outputs if _is_figure(o))
            self._figures = figures
            if not self._displays:
                output.outputs = outputs
                return
            slots = len(self._displays[0])
            extra = figures[slots:]  # more figures than at first display: keep them here
            output.outputs = tuple(o for o in outputs if not _is_figure(o)) + extra
            for ids in self._displays:
                for slot, display_id in enumerate(ids):
                    if slot >= len(figures):  # fewer figures this time (an error message)
                        update_display(_EMPTY, raw=True, display_id=display_id)
                        continue
                    new = figures[slot]
                    update_display(_placeholder(new), raw=True, display_id=display_id)
                    update_display(new["data"], metadata=new.get("metadata") or {},
                                   raw=True, display_id=display_id)

        def _ipython_display_(self, **kwargs):
            parent = getattr(super(), "_ipython_display_", None)
            if parent is not None:  # ipywidgets 7 (Colab)
                parent(**kwargs)
            else:  # ipywidgets 8
                display(super()._repr_mimebundle_(**kwargs), raw=True)
            if not self._figures and not self._slots:
                return
            output = self._output
            output.outputs = tuple(o for o in output.outputs if not _is_figure(o))
            ids = []
            for slot in range(max(len(self._figures), self._slots)):
                if slot < len(self._figures):
                    figure = self._figures[slot]
                    handle = display(figure["data"], metadata=figure.get("metadata") or {},
                                     raw=True, display_id=True)
                else:  # an empty place a later figure will fill
                    handle = display(_EMPTY, raw=True, display_id=True)
                ids.append(handle.display_id)
            self._displays.append(ids)

    _LIVE_CLASS = LiveWidget
    return LiveWidget


def live(controls: Mapping[str, object], render: Callable[..., object], css_class: str = "",
         layout: str = "vertical", continuous: bool = True):
    """A widget: `controls` (name → widget) above what `render(**values)` shows.

    `render` may return something to display (a figure, a table), display it itself
    (`fig.show()`, `print`), or both. `css_class` names the box so browser tests can find it.

    Text and tables go to an Output widget under the controls. Figures go there too until the
    widget is displayed as a cell's result; from then on they are ordinary cell outputs below
    it, updated in place (see `LiveWidget`): the one way that draws in JupyterLab 4,
    Notebook 7, VS Code and Colab, and that a saved notebook shows without a kernel.

    The Output widget is filled by setting its `outputs` in one step (not with `with output:`),
    so it never flickers, and notebook runners such as nbclient/nbconvert do not stall on it
    (their Output-widget emulation can deadlock: jupyter/nbclient#312).
    """
    import ipywidgets as widgets

    output = widgets.Output()
    box_type = widgets.HBox if layout == "horizontal" else widgets.VBox
    panel = box_type(list(controls.values()))
    box = _live_class()([panel, output])

    drawn_for = None   # the values of the last redraw

    def redraw(*_):
        nonlocal drawn_for
        values = {name: control.value for name, control in controls.items()}
        # one change can fire several events (a control that sets another, as the feature
        # editor's word box sets its slider): draw once, each redraw costs the browser a figure
        if values == drawn_for:
            return
        drawn_for = values
        box._set(_rendered(render, values, output))

    for control in controls.values():
        if not continuous and hasattr(control, "continuous_update"):
            control.continuous_update = False
        control.observe(redraw, names="value")
    if css_class:
        box.add_class(css_class)
    redraw()
    return box


def _rendered(render: Callable[..., object], values: dict, output) -> tuple:
    """The outputs of `render(**values)` (what it printed, displayed and returned), with a
    `CourseError` turned into its one sentence; progress bars show in `output` meanwhile."""
    from IPython.utils.capture import capture_output

    from . import display as display_module

    display_module.set_live_output(output)
    try:
        with capture_output() as captured:
            try:
                _show(render(**values))
            except CourseError as error:
                print(format_error(error))
        return _as_outputs(captured) + _plain_figure_outputs()
    finally:
        display_module.set_live_output(None)


def run_on_click(rows: Sequence[object], button, render: Callable[[], object],
                 css_class: str = "", figure_slots: int = 1):
    """A widget for work that takes seconds (retraining): `rows` (controls, `button`, notes)
    above an output area; each press of `button` runs `render()` and shows what it shows.

    Nothing is drawn before the first press. Figures take the same path as in `live`: the
    widget reserves `figure_slots` empty places below itself when it is displayed, and a press
    fills them in place (`update_display`), never drawing a figure inside the Output widget
    (which fails on Colab, see `LiveWidget`). The button is disabled while `render` runs.
    """
    import ipywidgets as widgets

    output = widgets.Output()
    box = _live_class()(list(rows) + [output], output=output, figure_slots=figure_slots)

    def clicked(_):
        button.disabled = True
        try:
            box._set(_rendered(render, {}, output))
        finally:
            button.disabled = False

    button.on_click(clicked)
    if css_class:
        box.add_class(css_class)
    return box


def int_slider(value: int, low: int, high: int, description: str, step: int = 1):
    import ipywidgets as widgets

    return widgets.IntSlider(value=value, min=low, max=high, step=step, description=description,
                             style={"description_width": "initial"},
                             layout=widgets.Layout(width="420px"))


def dropdown(options, value, description: str):
    import ipywidgets as widgets

    return widgets.Dropdown(options=list(options), value=value, description=description,
                            style={"description_width": "initial"})


def text_box(value: str, description: str, placeholder: str = ""):
    import ipywidgets as widgets

    return widgets.Text(value=value, description=description, placeholder=placeholder,
                        continuous_update=True, style={"description_width": "initial"},
                        layout=widgets.Layout(width="520px"))


# ---------------------------------------------------------------- measuring widget speed
def widget_controls(widget) -> list:
    """The controls of a `helpers.widgets.live` widget (its first child holds them)."""
    return list(widget.children[0].children)


def median_update_ms(widget, control_index: int, values: Sequence, repeats: int = 20) -> float:
    """Median milliseconds of `repeats` widget updates: setting a control's value runs the
    widget's redraw synchronously, so this times the whole callback (compute + display)."""
    control = widget_controls(widget)[control_index]
    original = control.value
    times = []
    for i in range(repeats):
        value = values[i % len(values)]
        if control.value == value:  # an unchanged value fires no event: take the next one
            value = values[(i + 1) % len(values)]
        started = time.perf_counter()
        control.value = value
        times.append((time.perf_counter() - started) * 1000)
    control.value = original
    return statistics.median(times)


def median_render_ms(render, calls: Sequence[dict], repeats: int = 20) -> float:
    """Median milliseconds of `repeats` calls of a widget's render function, including turning
    its result into what the front end receives (figure JSON or table HTML).

    This is the widget callback's own work; the kernel → browser transfer is not included.
    Unlike `median_update_ms` it sends nothing through an Output widget, which keeps notebook
    execution by nbclient reliable."""
    import plotly.io as pio

    times = []
    for i in range(repeats):
        started = time.perf_counter()
        result = render(**calls[i % len(calls)])
        if hasattr(result, "to_plotly_json"):
            pio.to_json(result, validate=False)
        elif hasattr(result, "_repr_html_"):
            result._repr_html_()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)
