"""Fixtures of the end-to-end tests: one headless JupyterLab for the whole session, Chromium
driven from a thread of its own, axe-core from ``node_modules/``, and the built book.

- ``built_book`` and ``book_server`` are tests/book's fixtures, re-exported (nothing is moved).
  Re-exported, each is its own fixture here: with tests/book in the same run the book is built
  a second time (about 10 s).
- ``browser`` is NOT re-exported: Playwright's sync API allows one running instance per thread,
  and tests/book's session ``browser`` fixture keeps the main thread's open until the session
  ends ("It looks like you are using Playwright Sync API inside the asyncio loop"). So these
  tests drive their own Chromium (same binary, same flags) from a dedicated thread:
  ``lab_browser.run(fn, *args)`` calls ``fn(browser, *args)`` there and returns or raises what
  it does. Moving tests/book's three fixtures up to tests/conftest.py would let both share one.
- JupyterLab runs on 127.0.0.1 with a token, on a temporary copy of ``notebooks/``, with
  ``MUNICIPAL_LAB_WORK_DIR`` in a temporary folder and the course's fixed date; its settings,
  workspaces, runtime and data folders are temporary too, so the trainee's own JupyterLab,
  ``my_work/`` and the committed notebooks are never touched.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from exercises.core.clock import REFERENCE_DAY, TODAY_ENV
from exercises.core.store import WORK_DIR_ENV
from tests.book.conftest import CHROMIUM, book_server, built_book  # noqa: F401  (re-exported fixtures)
from tools.course import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# The flags of tests/book/conftest.py: every host but this machine is unreachable.
LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]

# JupyterLab user settings for the test server: no news or update pop-ups, the default kernel
# starts without asking, every cell is in the page (no virtual scrolling hides a widget),
# and nothing is saved back to the notebook files.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                       "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none",
                                                                  "autoStartDefaultKernel": True},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}


# -- Chromium in a thread of its own -------------------------------------------------------------
class BrowserThread:
    """Headless Chromium (Debian's) driven by Playwright's sync API from one dedicated thread."""

    def __init__(self, executable: str) -> None:
        self._jobs: queue.Queue = queue.Queue()
        self._ready: Future = Future()
        self._thread = threading.Thread(target=self._serve, args=(executable,), name="e2e-browser", daemon=True)
        self._thread.start()
        self._ready.result(timeout=120)

    def _serve(self, executable: str) -> None:
        from playwright.sync_api import sync_playwright

        try:
            pw = sync_playwright().start()
            browser = pw.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        except BaseException as err:  # reported to the fixture, which fails with it
            self._ready.set_exception(err)
            return
        self._ready.set_result(None)
        try:
            while (job := self._jobs.get()) is not None:
                fn, args, kwargs, future = job
                if not future.set_running_or_notify_cancel():
                    continue
                try:
                    future.set_result(fn(browser, *args, **kwargs))
                except BaseException as err:
                    future.set_exception(err)
        finally:
            browser.close()
            pw.stop()

    def run(self, fn: Callable[..., Any], *args: Any, timeout: float = 300, **kwargs: Any) -> Any:
        """``fn(browser, *args, **kwargs)`` in the browser's thread; its result or its exception."""
        future: Future = Future()
        self._jobs.put((fn, args, kwargs, future))
        return future.result(timeout=timeout)

    def close(self) -> None:
        self._jobs.put(None)
        self._thread.join(timeout=60)


@pytest.fixture(scope="session")
def lab_browser() -> Iterator[BrowserThread]:
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium); `make test` installs it as root")
    thread = BrowserThread(CHROMIUM)
    yield thread
    thread.close()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE.exists():
        pytest.skip(f"axe-core is not installed ({AXE.relative_to(ROOT)} is missing): run `make test`, "
                    "or `npm ci` in the repository")
    return AXE


# -- JupyterLab ----------------------------------------------------------------------------------
@dataclass
class JupyterLab:
    """A running JupyterLab server and the folders it works in."""

    url: str
    token: str
    root: Path
    work_dir: Path
    log: Path
    process: subprocess.Popen

    def lab_url(self, stem: str) -> str:
        return f"{self.url}/lab/tree/notebooks/{stem}.ipynb?reset&token={self.token}"

    def api(self, method: str, path: str) -> Any:
        request = urllib.request.Request(f"{self.url}/api/{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shut_down_kernels(self) -> None:
        """End every session and kernel (each lab test starts from a fresh kernel)."""
        for session in self.api("GET", "sessions"):
            self.api("DELETE", f"sessions/{session['id']}")
        for kernel in self.api("GET", "kernels"):
            self.api("DELETE", f"kernels/{kernel['id']}")

    def clear_work(self) -> None:
        """Empty the trainee's work folder (a lab starts as a new trainee sees it)."""
        shutil.rmtree(self.work_dir, ignore_errors=True)
        self.work_dir.mkdir()

    def log_tail(self, chars: int = 4000) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-chars:]


# -- each lab worked once: Run All, its recipe, then the accessibility checks ---------------------
@dataclass
class WorkedLab:
    """What happened when a lab was worked in JupyterLab. Errors are kept, not raised, so
    that the test that owns each part (tests/e2e/test_labs_in_jupyterlab.py: running and the
    recipe; tests/e2e/test_accessibility.py: axe and output checks) reports it."""

    stem: str
    run_error: BaseException | None = None
    recipe_error: BaseException | None = None
    a11y: list | None = None  # (when, axe result, output facts) per check
    a11y_error: BaseException | None = None


def _work_lab(browser, url: str, stem: str, recipe: Callable | None, axe_script: Path | None) -> WorkedLab:
    from playwright.sync_api import expect

    from tests.e2e import axe_checks, lab_driver

    record = WorkedLab(stem)
    try:
        page = lab_driver.open_lab(browser, url)
    except Exception as err:
        record.run_error = err
        return record
    try:
        try:
            with lab_driver.screenshot_on_failure(page, stem):
                lab_driver.run_all(page)
                lab_driver.assert_no_traceback(page)
                expect(lab_driver.outputs(page).locator(".jupyter-widgets").first).to_be_visible()
        except Exception as err:
            record.run_error = err
            return record
        if recipe is not None:
            try:
                with lab_driver.screenshot_on_failure(page, stem):
                    recipe(page)
                    lab_driver.assert_no_traceback(page)
            except Exception as err:
                record.recipe_error = err
        if axe_script is not None:
            try:
                with lab_driver.screenshot_on_failure(page, f"{stem}-a11y"):
                    record.a11y = axe_checks.check_lab(page, stem, axe_script)
                    lab_driver.assert_no_traceback(page)
            except Exception as err:
                record.a11y_error = err
    finally:
        lab_driver.close_notebooks(page)  # before its kernel is shut down
    return record


@pytest.fixture(scope="session")
def worked_lab(lab_browser, jupyterlab) -> Callable[[str], WorkedLab]:
    """``worked_lab(stem)``: the lab opened in JupyterLab from an empty work folder and a new
    kernel, Run All, its interaction recipe, then axe-core on its outputs; done once per session
    (one pass per lab keeps the whole e2e run within its time budget)."""
    done: dict[str, WorkedLab] = {}

    def work(stem: str) -> WorkedLab:
        if stem not in done:
            from tests.e2e.test_labs_in_jupyterlab import RECIPES

            jupyterlab.clear_work()
            try:
                done[stem] = lab_browser.run(_work_lab, jupyterlab.lab_url(stem), stem, RECIPES.get(stem),
                                             AXE if AXE.exists() else None)
            finally:
                jupyterlab.shut_down_kernels()
        return done[stem]

    return work


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def jupyterlab(tmp_path_factory) -> Iterator[JupyterLab]:
    base = tmp_path_factory.mktemp("jupyterlab")
    root, work, home = base / "root", base / "my_work", base / "jupyter"
    shutil.copytree(ROOT / "notebooks", root / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    work.mkdir()
    for name, values in LAB_SETTINGS.items():
        path = home / "settings" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    env = {**os.environ, WORK_DIR_ENV: str(work), TODAY_ENV: REFERENCE_DAY,
           "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"), "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
           "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_DATA_DIR": str(home / "data"),
           "JUPYTER_RUNTIME_DIR": str(home / "runtime")}
    port, token = _free_port(), os.urandom(16).hex()
    log = base / "jupyterlab.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", "--ServerApp.ip=127.0.0.1",
             f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
             f"--ServerApp.root_dir={root}"],
            cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: its kernels end with it
        )
    lab = JupyterLab(f"http://127.0.0.1:{port}", token, root, work, log, process)
    try:
        deadline = time.monotonic() + 90
        while True:
            assert process.poll() is None, f"JupyterLab exited ({process.returncode}):\n{lab.log_tail()}"
            try:
                lab.api("GET", "status")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                assert time.monotonic() < deadline, f"JupyterLab did not start in 90 s:\n{lab.log_tail()}"
                time.sleep(0.3)
        yield lab
    finally:
        try:
            if process.poll() is None:
                lab.shut_down_kernels()
        except (urllib.error.URLError, OSError):
            pass
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=20)
        try:  # anything the server left in its process group (a kernel that did not stop)
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
