"""Wiring ipywidgets controls to a rendering function, the same way in every notebook.

`live(controls, render)` shows the controls above an output area and calls
`render(**values)` now and after every change. Whatever `render` displays (a plotly figure,
a `Table`, printed text) appears in the output area. A `CourseError` raised by `render` shows
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

    if result is None:
        return
    if hasattr(result, "show") and hasattr(result, "to_plotly_json"):
        result.show()  # the front end's own plotly renderer (JupyterLab, Colab, VS Code)
    else:
        display(result)


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


def live(controls: Mapping[str, object], render: Callable[..., object], css_class: str = "",
         layout: str = "vertical", continuous: bool = True):
    """A widget: `controls` (name → widget) above an output area drawn by `render(**values)`.

    `render` may return something to display (a figure, a table), display it itself
    (`fig.show()`, `print`), or both. `css_class` names the box so browser tests can find it.

    The output area is filled by setting its `outputs` in one step (not with `with output:`),
    so it never flickers, and notebook runners such as nbclient/nbconvert do not stall on it
    (their Output-widget emulation can deadlock: jupyter/nbclient#312).
    """
    import ipywidgets as widgets
    from IPython.utils.capture import capture_output

    from . import display as display_module

    output = widgets.Output()

    def redraw(*_):
        values = {name: control.value for name, control in controls.items()}
        display_module.set_live_output(output)  # progress bars show here while render runs
        try:
            with capture_output() as captured:
                try:
                    _show(render(**values))
                except CourseError as error:
                    print(format_error(error))
            output.outputs = _as_outputs(captured)
        finally:
            display_module.set_live_output(None)

    for control in controls.values():
        if not continuous and hasattr(control, "continuous_update"):
            control.continuous_update = False
        control.observe(redraw, names="value")
    box_type = widgets.HBox if layout == "horizontal" else widgets.VBox
    panel = box_type(list(controls.values()))
    box = widgets.VBox([panel, output])
    if css_class:
        box.add_class(css_class)
    redraw()
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
