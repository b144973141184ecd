"""End to end in a real browser: Debian's chromium driven by Playwright, in JupyterLab 4 and in
Notebook 7 (opened from its /tree file browser), one Jupyter server for both.

For each notebook that has widgets, in JupyterLab (and in Notebook 7 for one notebook of each
kind of control, `NOTEBOOK7`): open it, wait for a real kernel, run all
cells through the UI, change one widget (drag a slider, type in a text box, pick an option) and
check that the figure or table it drives changed. Every widget but a training button is then
changed five more times (short slider drags; the other controls alternate between their first
value and the test's value) and the time from the input event to the redrawn figure (or changed
table) is measured in the page (`test-artifacts/browser/latency.json`). A screenshot per notebook and front end goes to
`test-artifacts/browser/`.

Without a kernel: every notebook's HTML export draws all its figures, and its GitHub-style render
(nbconvert's classic template, scripts removed) shows a picture for each.

Skipped, with the reason, only where no browser can be started. `COURSE_BROWSER_ROOT=DIR` serves
a trial build (`DIR/notebooks/*.ipynb`, e.g. from `tools/build_notebooks.py --execute --out`)
instead of this tree's notebooks; the kernels still import this tree's helpers.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
SERVED = Path(os.environ.get("COURSE_BROWSER_ROOT", ROOT)).resolve()
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

# notebook → (CSS class of the widget box, how to change it, value: text to type, option to
# pick, or pixels to drag a slider's handle, +80 by default)
WIDGETS = {
    "00_start_here.ipynb": ("course-demo-widget", "slider", None),
    "01_tokens_and_ids.ipynb": ("course-token-ids", "text", "The quick brown fox loves snow"),
    "02_one_hot_vectors.ipynb": ("course-memory-sparsity", "slider", None),
    "03_feature_tables.ipynb": ("course-feature-editor", "text", "wolf"),  # adds a word
    "04_word2vec_idea.ipynb": ("course-window-slider", "slider", None),
    "05_word2vec_gensim.ipynb": ("course-word-search", "text", "germany"),
    "06_embedding_layer.ipynb": ("course-size-calculator", "number", "30522"),
    "07_initialization.ipynb": ("course-init-explorer", "dropdown", "zeros"),
    "08_training_from_scratch.ipynb": ("course-training-explorer", "button", None),
    "09_subword_tokenizers.ipynb": ("course-tokenizers", "text", "unbelievably snowy"),
    "10_embeddings_in_language_models.ipynb": ("course-sinusoidal", "slider", None),
    "11_transfer_learning.ipynb": ("course-train-size", "slider", None),
    "12_word_vector_origins.ipynb": ("course-axis-projector", "text", "good"),  # positive end
    "13_transformer_embeddings.ipynb": ("course-rope", "slider", None),
    "14_vector_database.ipynb": ("course-ann-frontier", "slider", None),
}

FRONT_ENDS = ("jupyterlab", "notebook7")
# JupyterLab runs every notebook. Notebook 7 shares JupyterLab's renderers and widget manager,
# so it runs one notebook per kind of control and output (slider → figure, dropdown →
# figure, button → training figure, text → table): each notebook in the
# browser is a full run of the notebook, and the suite has a time budget (25 min on 2 cores).
NOTEBOOK7 = ("01_tokens_and_ids.ipynb", "02_one_hot_vectors.ipynb", "07_initialization.ipynb",
             "08_training_from_scratch.ipynb")
CASES = [(notebook, front_end) for notebook in sorted(WIDGETS) for front_end in FRONT_ENDS
         if front_end == "jupyterlab" or notebook in NOTEBOOK7]
SLIDER_SAMPLES = 5  # changes timed per widget (input → figure drawn)


def _browser_unavailable() -> str | None:
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (python3 tools/course.py setup)"
    if not Path(CHROMIUM).exists():
        return "chromium is not installed (apt-get install chromium; .ci/run does this)"
    return None


pytestmark = pytest.mark.skipif(_browser_unavailable() is not None,
                                reason=str(_browser_unavailable()))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get_json(url: str):
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory):
    """One Jupyter server for both front ends: JupyterLab at /lab, Notebook 7 at /tree."""
    settings = tmp_path_factory.mktemp("lab-settings")
    workspaces = tmp_path_factory.mktemp("lab-workspaces")
    news = settings / "@jupyterlab" / "apputils-extension"
    news.mkdir(parents=True)
    (news / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
    # The front ends autosave what they run: serve a copy, never the committed notebooks (an
    # autosaved notebook would then fail its nbval comparison and change what is exported).
    docmanager = settings / "@jupyterlab" / "docmanager-extension"
    docmanager.mkdir(parents=True)
    (docmanager / "plugin.jupyterlab-settings").write_text('{"autosave": false}')
    served = tmp_path_factory.mktemp("served")
    shutil.copytree(SERVED / "notebooks", served / "notebooks")
    port = _free_port()
    env = {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(settings),
           "JUPYTERLAB_WORKSPACES_DIR": str(workspaces),
           # kernels import this tree's helpers even when SERVED is a trial build elsewhere
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    log = open(tmp_path_factory.mktemp("lab-log") / "lab.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root",
         "--ip=127.0.0.1", f"--port={port}", "--ServerApp.token=", "--ServerApp.password=",
         "--LabApp.expose_app_in_browser=True",
         "--JupyterNotebookApp.expose_app_in_browser=True",
         "--ServerApp.disable_check_xsrf=True", f"--ServerApp.root_dir={served}"],
        cwd=served, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            _get_json(f"{base}/api/status")
            break
        except OSError:
            time.sleep(0.5)
    else:
        server.terminate()
        pytest.fail("JupyterLab did not start within 60 s")
    yield base
    server.terminate()
    server.wait(timeout=20)
    log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"])
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def latencies():
    """Input → figure drawn, in ms, per front end and notebook: test-artifacts/browser/latency.json
    (issue 19's budget is a 300 ms median; measured while other work shares the CPU)."""
    found: dict = {}
    yield found
    if found:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        every = [ms for per_front_end in found.values() for samples in per_front_end.values()
                 for ms in samples]
        summary = {"median_ms": round(statistics.median(every), 1), "samples": len(every),
                   "per_front_end_median_ms": {
                       fe: round(statistics.median([ms for s in nbs.values() for ms in s]), 1)
                       for fe, nbs in found.items() if any(nbs.values())},
                   "measurements": found}
        (ARTIFACTS / "latency.json").write_text(json.dumps(summary, indent=1))


def _wait_for_idle_kernel(base: str, notebook: str, timeout: float = 120) -> None:
    """The sessions API, not the toolbar: the indicator shows idle before a kernel exists."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        for session in _get_json(f"{base}/api/sessions"):
            if session["path"].endswith(notebook) and session["kernel"]["execution_state"] == "idle":
                return
        time.sleep(0.5)
    pytest.fail(f"no idle kernel for {notebook} after {timeout} s")


def _wait_until_all_cells_ran(page, base: str, notebook: str, timeout: float = 300) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        done = page.evaluate("""() => {
            const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
            return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
        }""")
        if done:
            _wait_for_idle_kernel(base, notebook, timeout=30)
            return
        time.sleep(1)
    pytest.fail(f"{notebook}: cells still running after {timeout} s")


# What a widget shows: the text of its output area, and the data of every plotly figure of its
# cell (the figures are ordinary outputs right below the controls, see
# helpers.widgets.LiveWidget), and whether all of them are drawn.
_STATE_JS = """(cls) => {
    const box = document.querySelector('.' + cls);
    if (!box) return null;
    const cell = box.closest('.jp-Cell') || box;
    const output = box.querySelector('.widget-output') || box;
    const plots = [...cell.querySelectorAll('.js-plotly-plot')];
    return {text: output.innerText, plots: plots.map(p => JSON.stringify(p.data)),
            drawn: plots.every(p => p.querySelector('.main-svg') && p.data)};
}"""


def _settled_state(page, css_class: str, timeout: float = 60) -> dict:
    """The widget's state once its figures are drawn and two reads 0.5 s apart agree."""
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        state = page.evaluate(_STATE_JS, css_class)
        if state and state["drawn"] and state == last:
            return state
        last = state
        time.sleep(0.5)
    pytest.fail(f"{css_class}: the widget's output did not settle in {timeout} s")


def _changed(before: dict, after: dict) -> bool:
    """A widget with figures changed when their data did; one without, when its text did."""
    if before["plots"]:
        return after["drawn"] and bool(after["plots"]) and after["plots"] != before["plots"]
    return after["text"] != before["text"]


# Times the next change: from the first input event inside the widget to the first animation
# frame in which its output has changed and is drawn. A widget with figures counts when the
# figures' data differ and every figure of its cell has its SVG again (an update first swaps in
# a placeholder); a widget without figures counts when its output area's text changes.
_WATCH_JS = """(cls) => {
    const box = document.querySelector('.' + cls);
    const cell = box.closest('.jp-Cell') || box;
    const output = box.querySelector('.widget-output') || box;
    const state = () => {
        const plots = [...cell.querySelectorAll('.js-plotly-plot')];
        return {text: output.innerText, plots: JSON.stringify(plots.map(p => JSON.stringify(p.data))),
                count: plots.length, drawn: plots.every(p => p.querySelector('.main-svg'))};
    };
    const before = state();
    const watch = window.__courseWatch = {start: null, end: null};
    const mark = (event) => {
        if (watch.start === null && box.contains(event.target)) watch.start = performance.now();
    };
    for (const type of ['keydown', 'pointerdown', 'input', 'change'])
        document.addEventListener(type, mark, {capture: true});
    const tick = () => {
        if (watch.start !== null) {
            const now = state();
            const changed = before.count > 0
                ? now.count > 0 && now.drawn && now.plots !== before.plots
                : now.text !== before.text;
            if (changed) {
                watch.end = performance.now();
                return;
            }
        }
        requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
}"""


def _watched_ms(page, timeout: float = 60) -> float | None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        watch = page.evaluate("() => window.__courseWatch")
        if watch and watch["end"] is not None:
            return watch["end"] - watch["start"]
        time.sleep(0.05)
    return None


def _into_view(locator) -> None:
    """Centre an element (Notebook 7 scrolls its own panel: Playwright's own scrolling can
    leave the element outside the viewport there)."""
    locator.evaluate("e => e.scrollIntoView({block: 'center'})")
    time.sleep(0.2)


def _grab_point(page, locator) -> tuple[float, float]:
    """The centre of an element, once it stays put and is the element under that point (after
    Run All, Notebook 7 keeps scrolling to the active cell for a while)."""
    for _ in range(40):
        _into_view(locator)
        first = locator.bounding_box()
        time.sleep(0.3)
        box = locator.bounding_box()
        if first == box and box is not None:
            x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
            if locator.evaluate("(e, p) => e.contains(document.elementFromPoint(p[0], p[1]))",
                                [x, y]):
                return x, y
    pytest.fail("the slider handle never stayed in view")


_FIELD = {"text": "input[type=text], textarea", "number": "input[type=number]"}


def _current_value(page, css_class: str, how: str):
    """What a text box, number box or dropdown holds now (None for sliders and buttons)."""
    box = page.locator(f".{css_class}").first
    if how in _FIELD:
        return box.locator(_FIELD[how]).first.input_value()
    if how == "dropdown":
        return box.locator("select").first.evaluate("s => s.options[s.selectedIndex].label")
    return None


def _input_latencies(page, css_class: str, how: str, values: tuple) -> list[float]:
    """Five changes of a text box, number box or dropdown, alternating between `values`, each
    timed in the page from its input event to the changed output."""
    box = page.locator(f".{css_class}").first
    samples = []
    for step in range(SLIDER_SAMPLES):
        value = values[step % 2]
        page.evaluate(_WATCH_JS, css_class)
        if how == "dropdown":
            box.locator("select").first.select_option(label=value)
        else:  # one input event with the whole text, then Enter (for boxes that wait for it)
            field = box.locator(_FIELD[how]).first
            field.fill(value)
            field.press("Enter")
        ms = _watched_ms(page, timeout=30)
        if ms is not None:
            samples.append(round(ms, 1))
        time.sleep(0.3)
    return samples


def _change(page, css_class: str, how: str, value) -> None:
    box = page.locator(f".{css_class}").first
    if how == "slider":
        handle = box.locator(".noUi-handle").first
        x, y = _grab_point(page, handle)
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.move(x + (value or 80), y, steps=8)
        page.mouse.up()
    elif how == "text":
        field = box.locator("input[type=text], textarea").first
        _into_view(field)
        field.fill("")
        field.type(value, delay=20)
        field.press("Enter")
    elif how == "number":
        field = box.locator("input[type=number]").first
        _into_view(field)
        field.fill(value)
        field.press("Enter")
    elif how == "button":
        button = box.locator("button").first
        _into_view(button)
        button.click()
    elif how == "dropdown":
        select = box.locator("select").first
        _into_view(select)
        select.select_option(label=value)
    else:
        raise ValueError(how)


def _open(browser, base: str, front_end: str, notebook: str):
    """The notebook's page: JupyterLab's URL, or Notebook 7's file browser → the notebook."""
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    if front_end == "jupyterlab":
        # ?reset: a fresh workspace, so only this notebook is open (not the previous test's)
        page.goto(f"{base}/lab/tree/notebooks/{notebook}?reset")
        return page, [page]
    page.goto(f"{base}/tree")
    page.get_by_text("notebooks", exact=True).first.dblclick(timeout=60_000)
    with page.context.expect_page(timeout=60_000) as opened:
        page.get_by_text(notebook, exact=True).first.dblclick(timeout=60_000)
    notebook_page = opened.value
    notebook_page.set_viewport_size({"width": 1280, "height": 1000})
    return notebook_page, [notebook_page, page]


def _slider_latencies(page, css_class: str) -> list[float]:
    """Short drags of the slider's handle, one value change each (a single mouse move), timed
    in the page from the press to the redrawn output. (Keyboard steps move the handle in
    JupyterLab but not in Notebook 7, so the mouse it is.)"""
    handle = page.locator(f".{css_class} .noUi-handle").first
    samples = []
    for step in range(SLIDER_SAMPLES):
        x, y = _grab_point(page, handle)
        page.evaluate(_WATCH_JS, css_class)
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.move(x + (-30 if step % 2 else 30), y, steps=1)
        page.mouse.up()
        ms = _watched_ms(page, timeout=30)
        if ms is not None:  # None: at an end of the range nothing changed
            samples.append(round(ms, 1))
        time.sleep(0.3)
    return samples


@pytest.mark.parametrize("notebook, front_end", CASES, ids=[f"{n}-{f}" for n, f in CASES])
def test_widget_drives_its_output(notebook, front_end, lab_server, browser, latencies):
    css_class, how, value = WIDGETS[notebook]
    if not (SERVED / "notebooks" / notebook).exists():
        pytest.fail(f"{notebook} is listed for the browser test but does not exist")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page, pages = _open(browser, lab_server, front_end, notebook)
    try:
        page.wait_for_selector(".jp-Notebook", timeout=60_000)
        _wait_for_idle_kernel(lab_server, notebook)
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        _wait_until_all_cells_ran(page, lab_server, notebook)
        page.wait_for_selector(f".{css_class}", timeout=30_000)
        before = _settled_state(page, css_class)
        original = _current_value(page, css_class, how)
        _change(page, css_class, how, value)
        # a Train button draws its first figure after seconds of training (none before)
        done = ((lambda a: bool(a["plots"]) and a["drawn"] and a["plots"] != before["plots"])
                if how == "button" else (lambda a: _changed(before, a)))
        deadline = time.time() + 120
        after = page.evaluate(_STATE_JS, css_class)
        while time.time() < deadline and not done(after):
            time.sleep(0.3)
            after = page.evaluate(_STATE_JS, css_class)
        cell = page.locator(f".jp-Cell:has(.{css_class})").first
        cell.screenshot(path=str(ARTIFACTS / f"{front_end}-{notebook[:-6]}.png"))
        assert done(after), f"{notebook} ({front_end}): changing the widget did not change its output"
        if how == "slider":
            samples = _slider_latencies(page, css_class)
        elif how != "button":   # a training button answers in seconds, by design
            samples = _input_latencies(page, css_class, how, (original, value))
        if how != "button":
            assert samples, f"{notebook} ({front_end}): no timed change redrew the output"
            latencies.setdefault(front_end, {})[notebook] = samples
    finally:
        for open_page in pages:
            open_page.close()
        _shut_down_kernels(lab_server)


def _shut_down_kernels(base: str) -> None:
    """One kernel at a time: each notebook's test starts from a quiet server."""
    for session in _get_json(f"{base}/api/sessions"):
        request = urllib.request.Request(f"{base}/api/sessions/{session['id']}", method="DELETE")
        urllib.request.urlopen(request, timeout=30).close()


# ------------------------------------------------------------------ pages without a kernel
def _with_figures():
    from tools.export_html import figure_count
    found = [p for p in sorted((SERVED / "notebooks").glob("[0-9][0-9]_*.ipynb"))
             if figure_count(nbformat.read(p, as_version=4))]
    return found or [pytest.param(None, marks=pytest.mark.skip("no executed figures yet"))]


@pytest.mark.parametrize("path", _with_figures(), ids=lambda p: getattr(p, "name", "none"))
def test_exported_page_and_github_render_draw_every_figure(path, browser, tmp_path):
    """The HTML export draws every figure interactively (widget figures in their first state);
    the GitHub-style render (classic template, no scripts) shows a picture for each."""
    from tools import export_html

    expected = export_html.figure_count(nbformat.read(path, as_version=4))
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    try:
        page.goto(export_html.export(path, tmp_path).as_uri())
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
        page.wait_for_function(
            "n => [...document.querySelectorAll('.js-plotly-plot')]"
            ".filter(p => p.querySelector('.main-svg')).length >= n", arg=expected, timeout=60_000)
        drawn = page.evaluate("() => [...document.querySelectorAll('.js-plotly-plot')]"
                              ".filter(p => p.querySelector('.main-svg')).length")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"html-export-{path.stem}.png"))
        assert drawn == expected, f"{path.name}: {drawn} of {expected} figures drawn"

        page.goto(export_html.github_style(path, tmp_path).as_uri())
        page.wait_for_load_state("load")
        pictures = page.evaluate("""() => [...document.querySelectorAll('img')]
            .filter(i => i.src.startsWith('data:image/png') && i.naturalWidth > 0).length""")
        assert page.evaluate("() => document.querySelectorAll('script').length") == 0
        assert pictures >= expected, f"{path.name}: {pictures} pictures for {expected} figures"
    finally:
        page.close()
