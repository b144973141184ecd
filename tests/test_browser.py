"""End to end in a real browser: JupyterLab + Debian's chromium, driven by Playwright.

For each notebook that has widgets: open it in JupyterLab, wait for a real kernel, run all
cells through the UI, change one widget (drag a slider, type in a text box, pick an option)
and check that the figure or table it drives changed. A screenshot per notebook goes to
`test-artifacts/browser/`. Skipped, with the reason, only where no browser can be started.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

# notebook → (CSS class of the widget box, how to change it, value: text to type, option to
# pick, or pixels to drag a slider's handle, +80 by default)
WIDGETS = {
    "00_start_here.ipynb": ("course-demo-widget", "slider", None),
    "01_tokens_and_ids.ipynb": ("nb01-token-ids", "text", "The quick brown fox loves snow"),
    "02_one_hot_vectors.ipynb": ("nb02-memory-sparsity", "slider", None),
    "03_feature_tables.ipynb": ("nb03-feature-editor", "text", "wolf"),  # adds a word
    "04_word2vec_idea.ipynb": ("nb04-window-slider", "slider", None),
    "06_embedding_layer.ipynb": ("nb05-size-calculator", "number", "30522"),
    "07_initialization.ipynb": ("nb06-init-explorer", "dropdown", "zeros"),
    "08_training_from_scratch.ipynb": ("nb07-training-explorer", "button", None),
    "10_embeddings_in_language_models.ipynb": ("nb08-tokenizers", "text", "unbelievably snowy"),
    "11_transfer_learning.ipynb": ("nb09-train-size", "slider", None),
    "13_transformer_embeddings.ipynb": ("nb13-rope", "slider", None),
}


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
    settings = tmp_path_factory.mktemp("lab-settings")
    workspaces = tmp_path_factory.mktemp("lab-workspaces")
    news = settings / "@jupyterlab" / "apputils-extension"
    news.mkdir(parents=True)
    (news / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
    port = _free_port()
    env = {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(settings),
           "JUPYTERLAB_WORKSPACES_DIR": str(workspaces)}
    log = open(tmp_path_factory.mktemp("lab-log") / "lab.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root",
         "--ip=127.0.0.1", f"--port={port}", "--ServerApp.token=", "--ServerApp.password=",
         "--LabApp.expose_app_in_browser=True", "--ServerApp.disable_check_xsrf=True",
         f"--ServerApp.root_dir={ROOT}"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
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


def _widget_state(page, css_class: str) -> str:
    """What the widget shows: its text, and the data of any plotly figure inside it."""
    return page.evaluate("""(cls) => {
        const box = document.querySelector('.' + cls);
        if (!box) return null;
        const plots = [...box.querySelectorAll('.js-plotly-plot')].map(p => JSON.stringify(p.data));
        return JSON.stringify([box.innerText, plots]);
    }""", css_class)


def _change(page, css_class: str, how: str, value) -> None:
    box = page.locator(f".{css_class}").first
    if how == "slider":
        handle = box.locator(".noUi-handle").first
        handle.scroll_into_view_if_needed()
        spot = handle.bounding_box()
        page.mouse.move(spot["x"] + spot["width"] / 2, spot["y"] + spot["height"] / 2)
        page.mouse.down()
        page.mouse.move(spot["x"] + spot["width"] / 2 + (value or 80), spot["y"] + spot["height"] / 2,
                        steps=8)
        page.mouse.up()
    elif how == "text":
        field = box.locator("input[type=text], textarea").first
        field.scroll_into_view_if_needed()
        field.fill("")
        field.type(value, delay=20)
        field.press("Enter")
    elif how == "number":
        field = box.locator("input[type=number]").first
        field.scroll_into_view_if_needed()
        field.fill(value)
        field.press("Enter")
    elif how == "button":
        button = box.locator("button").first
        button.scroll_into_view_if_needed()
        button.click()
    elif how == "dropdown":
        select = box.locator("select").first
        select.scroll_into_view_if_needed()
        select.select_option(label=value)
    else:
        raise ValueError(how)


@pytest.mark.parametrize("notebook", sorted(WIDGETS))
def test_widget_drives_its_output_in_jupyterlab(notebook, lab_server, browser):
    css_class, how, value = WIDGETS[notebook]
    if not (ROOT / "notebooks" / notebook).exists():
        pytest.fail(f"{notebook} is listed for the browser test but does not exist")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    try:
        # ?reset: a fresh workspace, so only this notebook is open (not the previous test's)
        page.goto(f"{lab_server}/lab/tree/notebooks/{notebook}?reset")
        page.wait_for_selector(".jp-Notebook", timeout=60_000)
        _wait_for_idle_kernel(lab_server, notebook)
        page.evaluate("() => window.jupyterapp.commands.execute('runmenu:run-all')")
        _wait_until_all_cells_ran(page, lab_server, notebook)
        page.wait_for_selector(f".{css_class}", timeout=30_000)
        before = _widget_state(page, css_class)
        _change(page, css_class, how, value)
        deadline = time.time() + 60  # a button may retrain for a few seconds
        while time.time() < deadline and _widget_state(page, css_class) == before:
            time.sleep(0.3)
        if how == "button":  # retraining: wait for the figure it ends with
            page.wait_for_selector(f".{css_class} .js-plotly-plot .main-svg", timeout=120_000)
        after = _widget_state(page, css_class)
        page.locator(f".{css_class}").first.screenshot(path=str(ARTIFACTS / f"{notebook[:-6]}.png"))
        assert after != before, f"{notebook}: changing the widget did not change its output"
    finally:
        page.close()
        _shut_down_kernels(lab_server)


def _shut_down_kernels(base: str) -> None:
    """One kernel at a time: each notebook's test starts from a quiet server."""
    for session in _get_json(f"{base}/api/sessions"):
        request = urllib.request.Request(f"{base}/api/sessions/{session['id']}", method="DELETE")
        urllib.request.urlopen(request, timeout=30).close()
