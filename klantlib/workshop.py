"""Starting JupyterLab for a workshop: localhost only, always with an access token."""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import IO

from klantlib.errors import KlantlibError
from klantlib.i18n import check_language, text
from klantlib.paths import WORK_FOLDER, kit_root

__all__ = [
    "FIRST_NOTEBOOK",
    "PRESENT_NOTEBOOK",
    "jupyter_command",
    "prepare_working_copies",
    "run_present",
    "run_workshop",
    "start_page",
    "stop_page",
    "voila_command",
    "voila_settings",
    "wait_for_port",
]

HOST = "127.0.0.1"
FIRST_NOTEBOOK = {
    "nl": "notebooks/nl/00_start_hier.ipynb",
    "en": "notebooks/en/00_start_here.ipynb",
}
PRESENT_NOTEBOOK = {
    "nl": "notebooks/nl/07_werkplaats.ipynb",
    "en": "notebooks/en/07_workshop.ipynb",
}
"""The workshop app's notebook, which ``make present`` serves as a page without code."""

PAGE_POLICY = (
    "default-src 'self' 'unsafe-inline' 'unsafe-eval' data: blob:; "
    "connect-src 'self'; frame-ancestors 'self'"
)
"""The Content-Security-Policy of the page without code: the browser loads nothing from beyond
this server (Voilà's page asks a font from the internet; it is not fetched) and a page
elsewhere cannot frame it."""

_STAMP = "klantwaarde"  # the notebook metadata key holding the shipped notebook's fingerprint


def free_port(start: int, tries: int = 50) -> int:
    """The first port from ``start`` on that nothing listens on at 127.0.0.1."""
    for port in range(start, start + tries):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind((HOST, port))
            except OSError:
                continue
            return port
    raise KlantlibError("error.unexpected", kind="port", detail=f"{start}-{start + tries - 1}")


LAB_SETTINGS = Path(__file__).resolve().parent / "lab_settings"
"""JupyterLab's application settings folder for the workshop (holds ``overrides.json``)."""


LAB_LOCALES = {"nl": "nl_NL", "en": "default"}
"""JupyterLab's own menus in the workshop's language (the Dutch language pack is installed)."""


def lab_settings_for(lang: str, folder: Path) -> Path:
    """The kit's JupyterLab settings (``overrides.json``) with JupyterLab's menus in ``lang``,
    written into ``folder``; returns ``folder``, for ``--LabApp.app_settings_dir``."""
    import json

    settings = json.loads((LAB_SETTINGS / "overrides.json").read_text(encoding="utf-8"))
    settings["@jupyterlab/translation-extension:plugin"] = {
        "locale": LAB_LOCALES[check_language(lang)]
    }
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "overrides.json").write_text(json.dumps(settings, indent=2), encoding="utf-8")
    return folder


def server_environment(token: str, base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment JupyterLab starts in: ``base`` (this process's by default) with the
    access token. The token goes in the environment, readable by this user only, never on the
    command line, which every user of the computer can list."""
    if not token:
        raise ValueError("JupyterLab needs a token")
    return {**(os.environ if base is None else base), "JUPYTER_TOKEN": token}


def jupyter_command(
    *,
    root: Path,
    port: int,
    notebook: str | None,
    open_browser: bool,
    settings: Path | None = None,
) -> list[str]:
    """The JupyterLab command line: bound to 127.0.0.1, no port hopping; the token comes
    from the environment (:func:`server_environment`), never from this line.

    News, update checks and the PyPI extension manager are switched off, so the server makes
    no call beyond this machine.
    """
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.ip={HOST}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={root}",
        f"--ServerApp.open_browser={open_browser}",
        "--ServerApp.log_level=WARN",
        "--LabApp.news_url=None",
        "--LabApp.extension_manager=readonly",  # nothing leaves the machine: no PyPI look-ups
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        # The kit's default settings (overrides.json): widget messages on the kernel's main
        # thread, in the order they were sent. With comms over subshells (JupyterLab's
        # default) a click could be handled before the value typed just before it.
        f"--LabApp.app_settings_dir={settings or LAB_SETTINGS}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    if notebook:
        command.append(notebook)
    return command


def _wait_until(ready: Callable[[], bool], process: subprocess.Popen, timeout: float) -> bool:
    """Poll ``ready()`` until it is true; ``False`` when ``process`` ended first or it took
    longer than ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if ready():
            return True
        time.sleep(0.3)
    return False


def wait_until_ready(
    port: int, token: str, process: subprocess.Popen, timeout: float = 120
) -> bool:
    """Poll ``/api/status`` with the token until the server answers (or the process ends)."""
    url = f"http://{HOST}:{port}/api/status?token={token}"

    def answers() -> bool:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (localhost)
                return response.status == 200
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return False

    return _wait_until(answers, process, timeout)


def stop_server(process: subprocess.Popen, port: int, token: str, timeout: float = 15) -> int:
    """Shut JupyterLab down with its kernels (``POST /api/shutdown``); kill it if it lingers."""
    if process.poll() is None:
        request = urllib.request.Request(
            f"http://{HOST}:{port}/api/shutdown",
            method="POST",
            headers={"Authorization": f"token {token}"},
        )
        with contextlib.suppress(OSError):
            urllib.request.urlopen(request, timeout=5).close()  # noqa: S310 (localhost)
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.wait()


def prepare_working_copies(lang: str, root: Path | None = None) -> tuple[Path, list[str]]:
    """The team's working copies of the ``lang`` notebooks in ``werkmap/<lang>/``: each shipped
    notebook is copied when its copy is missing; a copy is never overwritten. When the kit
    brings a new version of a notebook the team has a copy of, a line says so (and how to get
    it: remove the copy). Returns the folder and those lines."""
    import hashlib
    import json

    lang = check_language(lang)
    root = root or kit_root()
    shipped_folder = root / "notebooks" / lang
    folder = root / WORK_FOLDER / lang
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for shipped in sorted(shipped_folder.glob("*.ipynb")):
        content = shipped.read_bytes()
        fingerprint = hashlib.sha256(content).hexdigest()
        copy = folder / shipped.name
        if not copy.exists():
            notebook = json.loads(content)
            notebook.setdefault("metadata", {})[_STAMP] = {"shipped": fingerprint}
            copy.write_text(
                json.dumps(notebook, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )
            continue
        try:
            stamp = json.loads(copy.read_text(encoding="utf-8"))["metadata"][_STAMP]["shipped"]
        except (ValueError, KeyError, TypeError, OSError):
            stamp = None
        if stamp != fingerprint:
            shown = copy.relative_to(root).as_posix()
            lines.append(text("workshop.newer", lang, copy=shown))
    return folder, lines


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run_workshop(*, port: int = 8888, lang: str = "nl", open_browser: bool = True) -> int:
    """Start JupyterLab at the first notebook and wait; returns JupyterLab's exit code.

    Ctrl+C or a termination signal shuts JupyterLab and its kernels down with it, so no
    server is left running behind the launcher.
    """
    lang = check_language(lang)
    root = kit_root()
    token = secrets.token_urlsafe(24)
    port = free_port(port)
    folder, lines = prepare_working_copies(lang, root)
    for line in lines:
        print(line, flush=True)
    notebook = (folder / Path(FIRST_NOTEBOOK[lang]).name).relative_to(root).as_posix()
    settings = lab_settings_for(lang, Path(tempfile.mkdtemp(prefix="klantwaarde-lab-")))
    process = subprocess.Popen(
        jupyter_command(
            root=root,
            port=port,
            notebook=notebook,
            open_browser=open_browser,
            settings=settings,
        ),
        cwd=root,
        env=server_environment(token),
    )
    url = f"http://{HOST}:{port}/lab/tree/{notebook}?token={token}"
    return _serve(
        process,
        ready=lambda: wait_until_ready(port, token, process),
        ready_line=text("workshop.open", lang, url=url),
        stop=lambda: stop_server(process, port, token),
        scratch=settings,
    )


def _serve(
    process: subprocess.Popen,
    *,
    ready: Callable[[], bool],
    ready_line: str,
    stop: Callable[[], int],
    scratch: Path,
    open_url: str | None = None,
) -> int:
    """Wait for a server the launcher started: say ``ready_line`` once ``ready()``, open
    ``open_url`` in a browser if given, and return the server's exit code. Ctrl+C or a
    termination signal stops it with ``stop`` (its kernels too), so no server is left running
    behind the launcher; its ``scratch`` folder goes either way."""
    import webbrowser

    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        if ready():
            print(ready_line, flush=True)
            if open_url is not None:
                webbrowser.open(open_url)
        return process.wait()
    except KeyboardInterrupt:
        return stop()
    finally:
        signal.signal(signal.SIGTERM, previous)
        if process.poll() is None:
            stop()
        shutil.rmtree(scratch, ignore_errors=True)


def voila_settings(folder: Path) -> Path:
    """Voilà's configuration for the workshop page (``voila.json``) written into ``folder``,
    used as the server's only configuration folder (``JUPYTER_CONFIG_DIR``); returns ``folder``.

    The token is required (taken from the environment, see :func:`server_environment`), the
    page may load nothing from beyond this server (:data:`PAGE_POLICY`), and Voilà serves no
    file of the kit's folders without the token: its file route, which asks no token, serves
    none (the report's files are downloaded from the page itself)."""
    import json

    settings = {
        "Voila": {
            "ip": HOST,
            "port_retries": 0,
            "open_browser": False,
            "auto_token": True,  # the token from JUPYTER_TOKEN; never a server without one
            "tornado_settings": {"headers": {"Content-Security-Policy": PAGE_POLICY}},
            "log_level": "WARN",
        },
        # A closed or reloaded page leaves its kernel behind (Voilà cannot shut it down from
        # the page): a kernel without a page is stopped after 5 idle minutes; the kernel of an
        # open page is never stopped, however long the team talks.
        "MappingKernelManager": {
            "cull_idle_timeout": 300,
            "cull_interval": 60,
            "cull_connected": False,
        },
        "VoilaConfiguration": {
            "file_allowlist": [],
            "show_tracebacks": False,
            "theme": "light",
        },
    }
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "voila.json").write_text(json.dumps(settings, indent=2), encoding="utf-8")
    return folder


def voila_command(*, notebook: str, port: int) -> list[str]:
    """Voilà's command line for ``notebook``: the page without code on 127.0.0.1:``port``.
    Everything else comes from :func:`voila_settings`; the token from the environment."""
    return [sys.executable, "-m", "voila", notebook, f"--port={port}"]


def start_page(
    notebook: str | Path,
    *,
    port: int,
    token: str,
    config: Path,
    cwd: Path,
    environment: dict[str, str] | None = None,
    output: int | IO[str] | None = None,
) -> subprocess.Popen:
    """Voilà serving ``notebook`` as the page without code on 127.0.0.1:``port``: its settings
    from ``config`` (a folder made by :func:`voila_settings`), the token in its environment
    (``environment``: this process's by default), in a process group of its own so that its
    kernels stop with it (:func:`stop_page`). ``output``: where its log goes."""
    env = {**server_environment(token, environment), "JUPYTER_CONFIG_DIR": str(config)}
    return subprocess.Popen(
        voila_command(notebook=str(notebook), port=port),
        cwd=cwd,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT if output is not None else None,
        start_new_session=hasattr(os, "killpg"),
    )


def wait_for_port(process: subprocess.Popen, port: int, timeout: float = 120) -> bool:
    """Wait until ``process`` listens on 127.0.0.1:``port``; ``False`` when it ended or took
    longer than ``timeout`` seconds."""
    return _wait_until(lambda: port_open(port), process, timeout)


def port_open(port: int) -> bool:
    """Whether something listens on 127.0.0.1:``port``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(1)
        return probe.connect_ex((HOST, port)) == 0


def stop_page(process: subprocess.Popen, timeout: float = 15) -> int:
    """Stop Voilà and the kernel it started (their own process group where there is one)."""

    def send(hard: bool) -> None:
        if hasattr(os, "killpg"):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL if hard else signal.SIGTERM)
        elif hard:  # pragma: no cover - Windows: the process alone
            process.kill()
        else:  # pragma: no cover - Windows
            process.terminate()

    if process.poll() is None:
        send(hard=False)
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        send(hard=True)
        return process.wait()


def run_present(*, port: int = 8888, lang: str = "nl", open_browser: bool = True) -> int:
    """Serve the workshop app as a page without code (Voilà) and wait; returns Voilà's exit
    code. Ctrl+C or a termination signal stops the page and its kernel."""
    lang = check_language(lang)
    root = kit_root()
    token = secrets.token_urlsafe(24)
    port = free_port(port)
    config = voila_settings(Path(tempfile.mkdtemp(prefix="klantwaarde-page-")))
    process = start_page(PRESENT_NOTEBOOK[lang], port=port, token=token, config=config, cwd=root)
    url = f"http://{HOST}:{port}/?token={token}"
    return _serve(
        process,
        ready=lambda: wait_for_port(process, port),
        ready_line=text("workshop.present", lang, url=url),
        stop=lambda: stop_page(process),
        scratch=config,
        open_url=url if open_browser else None,
    )
