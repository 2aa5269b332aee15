"""Every built page opened in headless Chromium with every other host unreachable: nothing is
requested off the machine, nothing fails, and each lab's widgets are rendered (elements in the
page, not just their saved state)."""

from __future__ import annotations

import pytest

from tools.course import notebooks, toc_entries

pytestmark = [pytest.mark.book, pytest.mark.browser]

LABS = {f"notebooks/{nb.stem}" for nb in notebooks()}
# Jupyter Book 1 writes sphinx-thebe's `const THEBE_JS_URL` twice into every page; the second
# declaration throws, harmlessly (thebe is off, and only loads when "Live Code" is pressed).
KNOWN_HARMLESS = {"Identifier 'THEBE_JS_URL' has already been declared"}


@pytest.mark.parametrize("entry", toc_entries())
def test_page_stays_on_the_machine_and_renders_its_widgets(browser, book_server, entry):
    page = browser.new_page()
    requests, failures, errors = [], [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("requestfailed", lambda r: failures.append(f"{r.url} ({r.failure})"))
    page.on("pageerror", lambda e: None if str(e) in KNOWN_HARMLESS else errors.append(str(e)))
    page.goto(f"{book_server}/{entry}.html", wait_until="networkidle")
    try:
        if entry in LABS:
            page.wait_for_selector(".cell_output .jupyter-widgets.widget-button, .cell_output .widget-button",
                                   timeout=15000)
            rendered = page.locator(".cell_output .jupyter-widgets").count()
            assert rendered > 0
            assert page.get_by_text("Error displaying widget").count() == 0
            # each lab widget appears once: a second copy means the widget JS was loaded twice
            for css in (".mpl-explorer", ".mpl-my-work"):
                assert page.locator(css).count() <= 1, css
        off_machine = [u for u in requests if not u.startswith((book_server, "data:", "blob:", "about:"))]
        assert off_machine == [], f"requests off the machine: {off_machine}"
        assert failures == [], f"failed requests: {failures}"
        assert errors == [], f"JavaScript errors: {errors}"
    finally:
        page.close()
