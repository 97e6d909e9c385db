"""The first workshop notebook in a real browser: JupyterLab, Run All, what the user sees.

Drives Debian's headless Chromium (``/usr/bin/chromium``, installed by ``.ci/install-browser``)
through Playwright. Playwright's own browser download is never used. Every request that does not
go to the local JupyterLab is blocked, and autosave is off so the notebooks in the repo stay as
they are.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from klantlib.i18n import text
from klantlib.workshop import FIRST_NOTEBOOK, free_port, jupyter_command, stop_server

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "out" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
KERNEL_IDLE = "Python 3 (ipykernel) | Idle"
TIMEOUT_MS = 30_000

# What a user must see per language: the environment check and the segment table's words.
EXPECTED = {
    "nl": {"env_line": ": in orde", "env_all_ok": "Alles klaar", "bands": ("groot", "klein")},
    "en": {"env_line": ": OK", "env_all_ok": "All set", "bands": ("large", "small")},
}

# JupyterLab user settings that keep the screen stable and the repo untouched.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
        "doNotDisturbMode": True,
    },
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _require_chromium() -> None:
    if CHROMIUM.is_file():
        return
    reason = f"{CHROMIUM} is missing: run .ci/install-browser (apt-get install chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must run the browser tests, but {reason}", pytrace=False)
    pytest.skip(reason)


def _api(base: str, path: str, token: str, method: str = "GET") -> int:
    request = urllib.request.Request(
        f"{base}{path}", method=method, headers={"Authorization": f"token {token}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 (localhost)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """JupyterLab on the repo with its own config, runtime and settings: (base URL, token)."""
    _require_chromium()
    home = tmp_path_factory.mktemp("lab")
    settings = home / "settings"
    for name, values in LAB_SETTINGS.items():
        (settings / name).parent.mkdir(parents=True, exist_ok=True)
        (settings / name).write_text(json.dumps(values), encoding="utf-8")
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(home / "config"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        JUPYTER_DATA_DIR=str(home / "data"),
        JUPYTERLAB_SETTINGS_DIR=str(settings),
        JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
    )
    token = secrets.token_urlsafe(24)
    port = free_port(19_888)
    base = f"http://127.0.0.1:{port}"
    log_path = home / "jupyterlab.log"
    with log_path.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(
            jupyter_command(root=ROOT, port=port, token=token, notebook=None, open_browser=False),
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while not _ready(process, base, token):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(
                    "JupyterLab did not start:\n" + log_path.read_text(encoding="utf-8"),
                    pytrace=False,
                )
            time.sleep(0.3)
        yield base, token
    finally:
        stop_server(process, port, token)


def _ready(process: subprocess.Popen, base: str, token: str) -> bool:
    if process.poll() is not None:
        return False
    try:
        return _api(base, "/api/status", token) == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium, driven by Playwright."""
    _require_chromium()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page that can reach only localhost."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)

    def local_only(route):
        if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            route.abort()

    context.route("**/*", local_only)
    try:
        yield context.new_page()
    finally:
        context.close()


def _wait_kernel_idle(page: Page) -> None:
    """The status bar names the kernel and says Idle: only then does Run All do something."""
    page.locator("#jp-main-statusbar").get_by_text(KERNEL_IDLE, exact=True).wait_for()


def _run_all(page: Page, base: str, token: str, notebook: str):
    """Open ``notebook``, Run All, wait until every cell ran; fail on any error output.

    Returns the notebook panel and its outputs.
    """
    page.goto(f"{base}/lab/tree/{notebook}?token={token}&reset")
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    panel.locator(".jp-CodeCell").first.wait_for()
    _wait_kernel_idle(page)

    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.locator("li[data-command='runmenu:run-all']").click()

    prompts = panel.locator(".jp-CodeCell .jp-InputPrompt")
    code_cells = prompts.count()
    assert code_cells > 0
    # Done when every code cell has run, or (Run All stops there) when a cell shows an error.
    page.wait_for_function(
        """(count) => {
            const panel = '.jp-NotebookPanel:not(.lm-mod-hidden) ';
            const prompts = [
                ...document.querySelectorAll(panel + '.jp-CodeCell .jp-InputPrompt')
            ];
            if (prompts.length !== count || prompts.some((p) => p.textContent.includes('*'))) {
                return false;
            }
            const failed = [...document.querySelectorAll(panel + '.jp-OutputArea-output')]
                .some((o) => o.textContent.includes('Traceback'));
            return failed || prompts.every((p) => /\\[\\d+\\]/.test(p.textContent));
        }""",
        arg=code_cells,
    )
    _wait_kernel_idle(page)

    outputs = panel.locator(".jp-OutputArea-output")
    texts = outputs.all_inner_texts()
    errors = [t for t in texts if "Traceback" in t or re.search(r"\w*Error\b", t)]
    assert not errors, f"error output in {notebook}:\n" + "\n---\n".join(errors)
    stderr = panel.locator(
        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]',
        has_text="Traceback",
    )
    assert stderr.count() == 0
    return panel, outputs


def _hide_sidebar(page: Page) -> None:
    """Hide the file browser: the notebook gets the whole width, as on a projector."""
    page.keyboard.press("Control+b")
    page.locator("#jp-left-stack").wait_for(state="hidden")


def _screenshot(page: Page, element, name: str) -> Path:
    """Scroll ``element`` to the top of the notebook and save the screen as ``name``."""
    element.evaluate("(element) => element.scrollIntoView({block: 'start'})")
    page.mouse.move(0, 0)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / name
    page.screenshot(path=shot)
    print(f"\nscreenshot: {shot.relative_to(ROOT).as_posix()}")
    return shot


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_first_notebook_runs_all_in_jupyterlab(lab, page: Page, lang: str):
    """Run All on the first notebook shows the environment check and the segment table."""
    base, token = lab
    notebook = FIRST_NOTEBOOK[lang]
    before = (ROOT / notebook).read_bytes()
    expected = EXPECTED[lang]

    panel, outputs = _run_all(page, base, token, notebook)
    everything = "\n".join(outputs.all_inner_texts())
    assert re.search(r"^Python 3\.\d+\.\d+" + re.escape(expected["env_line"]), everything, re.M)
    assert expected["env_all_ok"] in everything

    table = outputs.locator("table", has=page.locator("th", has_text="segment")).last
    table.wait_for()
    cells = table.locator("tbody td").all_inner_texts()
    for word in expected["bands"]:
        assert word in cells, f"band {word!r} missing from the segment table"
    for segment in ("A", "B", "C"):
        assert segment in cells, f"segment {segment} missing from the segment table"
    assert any(cell.startswith("A: ") for cell in cells)

    _hide_sidebar(page)
    stem = Path(notebook).stem.split("_")
    _screenshot(page, table, f"{stem[0]}_{stem[1]}_{lang}.png")

    assert (ROOT / notebook).read_bytes() == before, "the browser run changed the notebook file"


CUSTOMER_LIST = {
    "nl": "notebooks/nl/01_klantenlijst.ipynb",
    "en": "notebooks/en/01_customer_list.ipynb",
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_customer_list_notebook_runs_all_in_jupyterlab(lab, page: Page, lang: str):
    """Run All on notebook 01 shows the list, the chart and its sentence; an uploaded file is
    read and the list, chart and sentence follow it without running anything again."""
    base, token = lab
    notebook = CUSTOMER_LIST[lang]
    before = (ROOT / notebook).read_bytes()

    panel, outputs = _run_all(page, base, token, notebook)
    everything = "\n".join(outputs.all_inner_texts())
    sentence = {"nl": "De grootste 20% van de klanten (", "en": "The largest 20% of customers ("}
    assert sentence[lang] in everything
    assert text("load.customers", lang, count=48) in everything

    picker = panel.locator(".widget-upload")
    picker.wait_for()
    assert text("upload.button", lang) in picker.inner_text()
    assert text("upload.waiting", lang) in everything

    header = text("col.cumulative_share", lang)
    table = outputs.locator("table", has=page.locator("th", has_text=header)).last
    table.wait_for()
    assert table.locator("tbody tr").count() == 48
    first_row = table.locator("tbody tr").first.locator("td").all_inner_texts()
    assert first_row[:3] == ["1", "12552", "Brouwerij Mattheeuws bv"]

    chart = outputs.locator("img").last
    chart.wait_for()
    box = chart.bounding_box()
    assert box is not None and box["width"] >= 700, "the chart is too small to read"

    _hide_sidebar(page)
    _screenshot(page, chart, f"01_{lang}.png")

    # A real upload: the browser hands the file to the kernel, which stores it in data/eigen.
    name = f"browser-test-{secrets.token_hex(4)}.csv"
    stored = ROOT / "data" / "eigen" / name
    folder_existed = stored.parent.exists()
    lines = (ROOT / "data" / "voorbeeld" / "klanten.csv").read_bytes().splitlines(keepends=True)
    content = b"".join(lines[:6])  # the header and the first five customers
    try:
        with page.expect_file_chooser() as chooser:  # the widget's file input is not in the page
            picker.click()
        chooser.value.set_files({"name": name, "mimeType": "text/csv", "buffer": content})
        picker_cell = panel.locator(".jp-CodeCell", has=page.locator(".widget-upload"))
        expect(picker_cell).to_contain_text(text("load.customers", lang, count=5))
        assert stored.read_bytes() == content
        expect(table.locator("tbody tr")).to_have_count(5)  # the list follows the upload
        expect(outputs.filter(has_text=sentence[lang]).last).to_contain_text(
            "(1 of 5)" if lang == "en" else "(1 van 5)"
        )
        assert text("upload.stored", lang, path=f"data/eigen/{name}") in picker_cell.inner_text()
        _screenshot(page, picker_cell, f"01_{lang}_list.png")
    finally:
        stored.unlink(missing_ok=True)
        if not folder_existed and not any(stored.parent.iterdir()):
            stored.parent.rmdir()

    assert (ROOT / notebook).read_bytes() == before, "the browser run changed the notebook file"
