"""Drive a lab notebook in JupyterLab the way a trainee does: open it, Run All from the menu,
wait until every cell has run, read what the outputs show. Used from the browser's thread
(see ``BrowserThread`` in conftest.py).

One JupyterLab page is kept per server and each lab is opened in it from the file browser
(double-click), the previous notebook's tab closed first: loading JupyterLab itself takes
about 4 s on 2 cores, opening a notebook in a loaded JupyterLab well under one.
"""

from __future__ import annotations

import re
import tempfile
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Locator, Page, expect

# One lab: open, Run All, operate. A generous ceiling; a lab takes a few seconds.
RUN_TIMEOUT_MS = 90_000
# What a widget shows after an interaction (the kernel answers in well under a second; CI shares 2 cores)
expect.set_options(timeout=15_000)
TRACEBACK = re.compile(r"Traceback|Error displaying widget")
NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden)"

_PROMPTS = f"[...document.querySelectorAll('{NOTEBOOK} .jp-CodeCell .jp-InputPrompt')]"
# every code cell shows an execution count, none is running or waiting
ALL_CELLS_RAN = ("() => { const prompts = " + _PROMPTS + ";"
                 " return prompts.length > 0 && prompts.every(p => /^\\[\\d+\\]:?$/.test(p.textContent.trim())); }")
# no code cell shows a count or a star: outputs cleared, nothing running
NO_CELL_RAN = ("() => { const prompts = " + _PROMPTS + ";"
               " return prompts.length > 0 && prompts.every(p => !/\\d|\\*/.test(p.textContent)); }")
IDLE = f"{NOTEBOOK} .jp-Notebook-ExecutionIndicator[data-status='idle']"

# The server's view of the notebook's kernel: [execution state, open connections], or null.
KERNEL_STATE = """async (path) => {
  const base = JSON.parse(document.getElementById('jupyter-config-data').textContent).baseUrl;
  const response = await fetch(base + 'api/sessions', {credentials: 'same-origin', cache: 'no-store'});
  const session = (await response.json()).find(s => s.path === path);
  return session && session.kernel ? [session.kernel.execution_state, session.kernel.connections] : null;
}"""

_pages: dict[str, Page] = {}  # server URL -> its JupyterLab page (touched from the browser thread only)


@contextmanager
def screenshot_on_failure(page: Page, name: str) -> Iterator[Page]:
    """If the block fails, keep a screenshot of the page and say where it is."""
    try:
        yield page
    except BaseException as err:
        path = Path(tempfile.gettempdir()) / f"mpl-e2e-{name}.png"
        try:
            page.screenshot(path=str(path), full_page=True)
            err.add_note(f"screenshot of the page: {path}")
        except Exception:  # the page may be gone; the original error matters
            pass
        raise


def open_lab(browser: Browser, url: str) -> Page:
    """The notebook at ``url`` (``<server>/lab/tree/<path>?token=...``) open in JupyterLab, its
    kernel started, connected and idle, and no other notebook open."""
    server = url.split("/lab/", 1)[0]
    path = urllib.parse.unquote(urllib.parse.urlsplit(url).path.split("/lab/tree/", 1)[1])
    page = _pages.get(server)
    if page is None or page.is_closed():
        page = _pages[server] = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(30_000)
        page.goto(url)
    else:
        close_notebooks(page)
        name = path.rsplit("/", 1)[-1]
        listing = page.locator(".jp-DirListing-item").filter(
            has=page.locator(".jp-DirListing-itemText", has_text=re.compile(rf"^{re.escape(name)}$")))
        listing.dblclick()
    page.wait_for_selector(f"{NOTEBOOK} .jp-Notebook .jp-CodeCell", timeout=RUN_TIMEOUT_MS)
    wait_for_kernel(page, path)
    dialogs = page.locator(".jp-Dialog")
    assert dialogs.count() == 0, f"JupyterLab asks something on opening the lab: {dialogs.first.inner_text()}"
    return page


def wait_for_kernel(page: Page, path: str) -> None:
    """Until the server reports the notebook's kernel idle with the page connected to it, then
    the page's indicator says idle. (The indicator says "idle" before any kernel exists, and a
    Run All given while the kernel is still connecting can be lost.)"""
    deadline, state = time.monotonic() + RUN_TIMEOUT_MS / 1000, None
    while (state := page.evaluate(KERNEL_STATE, path)) is None or state[0] != "idle" or state[1] < 1:
        assert time.monotonic() < deadline, f"the kernel of {path} is not ready: {state}"
        time.sleep(0.2)
    page.wait_for_selector(IDLE, timeout=RUN_TIMEOUT_MS)


def close_notebooks(page: Page) -> None:
    """File → Close Tab for every open notebook, discarding changes (the files stay as they were)."""
    page.keyboard.press("Escape")  # a menu left open by a failed test
    for _ in range(20):
        dialog = page.locator(".jp-Dialog")
        if dialog.count():  # "Save your work?" -> Discard; anything else left open -> its reject button
            discard = dialog.locator(".jp-Dialog-button", has_text="Discard")
            (discard if discard.count() else dialog.locator(".jp-Dialog-button.jp-mod-reject")).first.click()
            page.wait_for_timeout(100)
            continue
        if page.locator(".jp-NotebookPanel").count() == 0:
            return
        menu(page, "File", "application:close")
        page.wait_for_timeout(100)
    expect(page.locator(".jp-NotebookPanel")).to_have_count(0)


def menu(page: Page, top: str, command: str) -> None:
    """Choose a menu item, as a trainee does: the menu bar, then the item by its command."""
    page.locator(".lm-MenuBar-item", has_text=top).click()
    page.locator(f".lm-Menu-item[data-command='{command}']").click()


def accept_dialog(page: Page) -> None:
    page.locator(".jp-Dialog .jp-mod-accept").click()
    expect(page.locator(".jp-Dialog")).to_have_count(0)


def run_all(page: Page, *, clear_first: bool = True) -> None:
    """Run → Run All Cells, and wait until every code cell has run and the kernel is idle.

    The committed notebooks carry execution counts, so the outputs are cleared first
    (Edit → Clear Outputs of All Cells): a count then proves the cell ran in this kernel."""
    if clear_first:
        menu(page, "Edit", "editmenu:clear-all")
        page.wait_for_function(NO_CELL_RAN, timeout=RUN_TIMEOUT_MS)
    menu(page, "Run", "runmenu:run-all")
    try:
        page.wait_for_function(ALL_CELLS_RAN, timeout=RUN_TIMEOUT_MS)
    except Exception as err:  # a cell failed (Run All stops there) or hangs: say what it printed
        raise AssertionError(f"Run All did not finish: {err}\nOutputs:\n{output_text(page)[-4000:]}") from err
    page.wait_for_selector(IDLE, timeout=RUN_TIMEOUT_MS)


def restart_kernel_and_clear(page: Page, path: str) -> None:
    """Kernel → Restart Kernel and Clear Outputs of All Cells…, confirmed; wait for the new kernel."""
    menu(page, "Kernel", "kernelmenu:restart-and-clear")
    accept_dialog(page)
    page.wait_for_function(NO_CELL_RAN, timeout=RUN_TIMEOUT_MS)
    wait_for_kernel(page, path)


def button(scope: Locator | Page, label: str) -> Locator:
    """A widget button by its label. Its accessible name starts with its FontAwesome icon's glyph
    (a private-use character from CSS), so the name is matched as "no letters, then the label"."""
    return scope.get_by_role("button", name=re.compile(rf"^\W*{re.escape(label)}$"))


def outputs(page: Page) -> Locator:
    """The cell outputs of the open notebook (never the code cells' own text)."""
    return page.locator(f"{NOTEBOOK} .jp-OutputArea-output")


def output_text(page: Page) -> str:
    return "\n".join(outputs(page).all_inner_texts())


def assert_no_traceback(page: Page) -> None:
    text = output_text(page)
    match = TRACEBACK.search(text)
    assert match is None, f"a cell output shows {match.group(0)!r}:\n{text[max(0, match.start() - 2000):][:5000]}"
    errors = page.locator(f"{NOTEBOOK} .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    assert errors.count() == 0, f"a cell wrote to stderr: {errors.all_inner_texts()}"
