"""The workshop server: JupyterLab on 127.0.0.1 that refuses requests without its token."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from klantlib.i18n import text
from klantlib.paths import kit_root
from klantlib.workshop import (
    FIRST_NOTEBOOK,
    free_port,
    jupyter_command,
    lab_settings_for,
    prepare_working_copies,
    server_environment,
)
from tests.conftest import stop_process

ROOT = Path(__file__).resolve().parents[1]


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_command_binds_localhost_and_keeps_the_token_off_the_command_line():
    """The JupyterLab command binds 127.0.0.1 and never hops ports; the token is in the
    server's environment, not on the command line every local user can list (ps)."""
    command = jupyter_command(root=ROOT, port=9999, notebook=None, open_browser=False)
    assert server_environment("abc", {"HOME": "/x"}) == {"HOME": "/x", "JUPYTER_TOKEN": "abc"}
    assert not any("token" in part.lower() for part in command)
    assert "--ServerApp.ip=127.0.0.1" in command
    assert "--ServerApp.port_retries=0" in command
    assert "--LabApp.extension_manager=readonly" in command
    assert "--LabApp.news_url=None" in command
    assert not any("token=''" in part or part.endswith("token=") for part in command)


def test_first_notebooks_exist_in_both_languages():
    """The notebook the workshop opens exists for nl and en."""
    assert kit_root() == ROOT
    for notebook in FIRST_NOTEBOOK.values():
        assert (ROOT / notebook).is_file(), notebook


@pytest.mark.slow
def test_workshop_serves_with_token_and_refuses_without(tmp_path):
    """`python -m klantlib workshop` prints a tokened URL that works; no token gets 403.

    Stopping the launcher stops JupyterLab too: nothing listens on the port afterwards.
    """
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(tmp_path / "config"),
        JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(tmp_path / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"),
    )
    port = free_port(18_888)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "klantlib",
            "workshop",
            "--port",
            str(port),
            "--no-browser",
            "--lang",
            "nl",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    try:
        url = _printed_url(process)
        assert url is not None, "the workshop printed no URL"
        assert url.startswith(f"http://127.0.0.1:{port}/lab/tree/werkmap/nl/00_start_hier")
        token = url.split("token=", 1)[1]
        base = f"http://127.0.0.1:{port}"
        assert status(f"{base}/api/status?token={token}") == 200
        assert status(f"{base}/api/status") == 403
        assert status(f"{base}/api/contents/notebooks/nl?token=wrong") == 403
        assert status(f"{base}/api/contents/notebooks/nl?token={token}") == 200
        assert status(url) == 200
        # Widget messages go to the kernel's main thread, in order: a click is never handled
        # before the value typed just before it (comms over subshells are off).
        with urllib.request.urlopen(f"{base}/lab/api/settings?token={token}") as answer:
            settings = {s["id"]: s for s in json.load(answer)["settings"]}
        kernels = settings["@jupyterlab/apputils-extension:kernels-settings"]
        assert kernels["schema"]["properties"]["commsOverSubshells"]["default"] == "disabled"
        # JupyterLab's own menus in Dutch: the locale is set and the language pack answers.
        locale = settings["@jupyterlab/translation-extension:plugin"]["schema"]["properties"]
        assert locale["locale"]["default"] == "nl_NL"
        with urllib.request.urlopen(f"{base}/lab/api/translations/nl_NL?token={token}") as answer:
            dutch = json.load(answer)["data"]
        assert dutch["jupyterlab"][""]["language"] == "nl-NL"
    finally:
        process.terminate()
        stop_process(process, timeout=30)
        process.stdout.close()
    deadline = time.monotonic() + 10
    while status_or_none(f"http://127.0.0.1:{port}/api/status") is not None:
        assert time.monotonic() < deadline, "JupyterLab outlived the stopped launcher"
        time.sleep(0.3)


@pytest.mark.slow
def test_present_serves_the_page_without_code_with_token_and_stops_with_its_kernel(tmp_path):
    """`python -m klantlib present` prints a tokened URL whose page holds the workshop app; no
    token gets the login page, never the app; Voilà's file route serves nothing; stopping the
    launcher stops Voilà and the kernel the page started."""
    from klantlib.store.workspace import WORKSPACE_VARIABLE

    env = dict(
        os.environ,
        JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
        JUPYTER_DATA_DIR=str(tmp_path / "data"),
        **{WORKSPACE_VARIABLE: str(tmp_path / "sessies")},
    )
    port = free_port(18_988)
    process = subprocess.Popen(
        [sys.executable, "-m", "klantlib", "present", "--port", str(port), "--no-browser"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    started: list[int] = []
    try:
        url = _printed_url(process)
        assert url is not None, "present printed no URL"
        assert url.startswith(f"http://127.0.0.1:{port}/?token=")
        base = f"http://127.0.0.1:{port}"
        with urllib.request.urlopen(url, timeout=60) as answer:  # runs the notebook: the app
            page = answer.read().decode("utf-8")
            policy = answer.headers["Content-Security-Policy"]
        assert "klantwaarde-app" in page or "application/vnd.jupyter.widget-view+json" in page
        assert "There was an error when executing cell" not in page
        assert policy.startswith("default-src 'self'")
        with urllib.request.urlopen(f"{base}/", timeout=10) as answer:  # no token: the login
            assert "/login" in answer.url and "widget-view" not in answer.read().decode()
        for route in ("07_werkplaats.ipynb", "../../README.md", "x.png"):
            assert status_or_none(f"{base}/voila/files/{route}") in (403, 404)
        assert (tmp_path / "sessies" / "2026-Q4.sqlite").is_file()  # the page's own session
        started = _descendants(process.pid)  # Voilà and the kernel the page started
        assert len(started) >= 2, started
    finally:
        process.terminate()
        stop_process(process, timeout=30)
        process.stdout.close()
    deadline = time.monotonic() + 10
    while status_or_none(f"http://127.0.0.1:{port}/") is not None:
        assert time.monotonic() < deadline, "Voilà outlived the stopped launcher"
        time.sleep(0.3)
    alive = [pid for pid in started if Path(f"/proc/{pid}").exists()]
    assert alive == [], f"processes the page started outlived it: {alive}"


def _descendants(pid: int) -> list[int]:
    """Every process under ``pid`` (Linux: read from /proc)."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _printed_url(process: subprocess.Popen, timeout: float = 90) -> str | None:
    """The link a launcher prints (a line of its own starting with http://), or None when it
    ended or printed none within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line and process.poll() is not None:
            return None
        if line.strip().startswith("http://"):
            return line.strip()
    return None


def status_or_none(url: str) -> int | None:
    """The HTTP status, or None when nothing listens."""
    try:
        return status(url)
    except (urllib.error.URLError, ConnectionError):
        return None


def _kit_with_notebooks(root: Path) -> Path:
    """A kit folder holding copies of the shipped Dutch notebooks."""
    (root / "notebooks" / "nl").mkdir(parents=True)
    for shipped in sorted((kit_root() / "notebooks" / "nl").glob("*.ipynb"))[:2]:
        shutil.copy(shipped, root / "notebooks" / "nl" / shipped.name)
    return root


def test_the_team_works_in_copies_and_the_shipped_notebooks_stay(tmp_path):
    """The workshop opens copies in werkmap/<lang>/; the shipped notebooks are not written."""
    root = _kit_with_notebooks(tmp_path)
    shipped = {p.name: p.read_bytes() for p in (root / "notebooks" / "nl").glob("*.ipynb")}
    folder, lines = prepare_working_copies("nl", root)
    assert folder == root / "werkmap" / "nl"
    assert lines == []
    for name in shipped:
        copy = json.loads((folder / name).read_text(encoding="utf-8"))
        original = json.loads(shipped[name])
        assert copy["cells"] == original["cells"]
    assert {p.name: p.read_bytes() for p in (root / "notebooks" / "nl").glob("*.ipynb")} == shipped


def test_a_teams_copy_is_never_overwritten_and_a_new_kit_version_is_said(tmp_path):
    """The team's changes stay; a notebook the kit changed since the copy is named."""
    root = _kit_with_notebooks(tmp_path)
    folder, _ = prepare_working_copies("nl", root)
    first, second = sorted(folder.glob("*.ipynb"))
    first.write_text(first.read_text(encoding="utf-8").replace("2026-Q4", "2027-Q1"), "utf-8")
    edited = first.read_bytes()
    assert prepare_working_copies("nl", root)[1] == []  # the team's edit is no kit update
    newer = root / "notebooks" / "nl" / second.name
    newer.write_text(newer.read_text(encoding="utf-8").replace("Stap", "Stap:"), "utf-8")
    before = second.read_bytes()
    _, lines = prepare_working_copies("nl", root)
    assert lines == [text("workshop.newer", "nl", copy=f"werkmap/nl/{second.name}")]
    assert second.read_bytes() == before
    assert first.read_bytes() == edited


def test_git_ignores_the_working_copies():
    """werkmap/ is never in git status."""
    import subprocess

    if not (kit_root() / ".git").exists():
        pytest.skip("not a git checkout")
    probe = "werkmap/nl/00_start_hier.ipynb"
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", probe], cwd=kit_root(), check=False
    ).returncode
    assert ignored == 0


def test_jupyterlab_speaks_the_workshops_language_and_shows_no_news(tmp_path):
    """The Dutch workshop gets JupyterLab's Dutch menus (the language pack is installed), the
    English one the default; neither asks about news or updates."""
    from importlib.metadata import version

    assert version("jupyterlab-language-pack-nl-NL")
    for lang, locale in (("nl", "nl_NL"), ("en", "default")):
        folder = lab_settings_for(lang, tmp_path / lang)
        settings = json.loads((folder / "overrides.json").read_text(encoding="utf-8"))
        assert settings["@jupyterlab/translation-extension:plugin"] == {"locale": locale}
        assert settings["@jupyterlab/apputils-extension:notification"] == {
            "fetchNews": "false",
            "checkForUpdates": False,
        }
        assert settings["@jupyterlab/apputils-extension:kernels-settings"] == {
            "commsOverSubshells": "disabled"
        }
