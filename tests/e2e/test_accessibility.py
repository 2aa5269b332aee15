"""Accessibility, checked by axe-core in a real browser (issue 7, item 4).

axe-core comes from npm (``package.json``; ``make test`` installs it into ``node_modules/``) and
is injected into each page with Playwright's ``add_script_tag``. Serious and critical
violations fail a test; minor and moderate ones (for example "region", content outside a
landmark, from the book's theme) are not asserted.

- Every page of the built book (tests/book's ``built_book`` and ``book_server``), the whole page.
- Every lab open in JupyterLab after Run All, its interaction recipe and a press on each
  exercise's Check, so that feedback is on the page too (one pass with the lab test: see
  ``worked_lab`` in conftest.py); in Module 4 also with each programme's own controls shown.
  There axe is scoped to the notebook's cell outputs (``.jp-OutputArea-output``), which is
  what the course makes: JupyterLab 4.6's own chrome has serious and critical violations we
  cannot fix here (the code editors are textboxes without an accessible name, toolbar buttons
  carry aria-pressed, the cells' "feed" role has children it does not allow, the
  collapse-heading buttons have no name).
- In both: every image in a cell output has a non-empty ``alt``; every feedback block
  (``.mpl-feedback``) says its outcome in words, not only by colour or icon; no ipywidgets
  slider (its handle has no accessible name: the labs use labelled number boxes).

The book's own pages pass thanks to ``_widgets_extra/widgets/a11y-fixes.js`` (loaded on every
page through ``html_js_files``): without it axe-core 4.14 finds, on every page, the theme's
search buttons and colour-mode button (label-content-name-mismatch) and its sidebar toggles
(summary-name), and on the lab pages the primary widget buttons (color-contrast, 3.1:1).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.e2e.axe_checks import BOOK_OUTPUTS, assert_outputs_accessible, axe, describe, output_facts
from tools.course import notebooks, toc_entries

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

LABS = [nb.stem for nb in notebooks()]
LAB_ENTRIES = {f"notebooks/{stem}" for stem in LABS}
KNOWN_HARMLESS_JS = {"Identifier 'THEBE_JS_URL' has already been declared"}  # see tests/book


# -- the book ------------------------------------------------------------------------------------
def open_book_page(page: Page, url: str, is_lab: bool) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda e: None if str(e) in KNOWN_HARMLESS_JS else errors.append(str(e)))
    page.goto(url, wait_until="load")
    if is_lab:
        page.wait_for_selector(".cell_output .widget-button", timeout=15_000)
    assert errors == [], f"JavaScript errors: {errors}"


def _book_page(browser, url: str, is_lab: bool, axe_script) -> tuple[dict, dict | None]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        open_book_page(page, url, is_lab)
        result = axe(page, axe_script)
        facts = output_facts(page, BOOK_OUTPUTS) if is_lab else None
        return result, facts
    finally:
        page.close()


@pytest.mark.book
@pytest.mark.parametrize("entry", toc_entries())
def test_book_page_has_no_serious_accessibility_violations(lab_browser, book_server, axe_script, entry):
    """The whole page, theme included; on a lab page also its saved widget outputs."""
    is_lab = entry in LAB_ENTRIES
    result, facts = lab_browser.run(_book_page, f"{book_server}/{entry}.html", is_lab, axe_script)
    assert result["passed"] > 0, "axe checked nothing"
    assert result["found"] == [], f"axe on {entry}.html:\n{describe(result['found'])}"
    if is_lab:  # the saved outputs (the labs' feedback shows after Check: see the JupyterLab test below)
        assert_outputs_accessible(facts)


# -- the labs in JupyterLab ----------------------------------------------------------------------
@pytest.mark.parametrize("stem", LABS)
def test_lab_in_jupyterlab_has_no_serious_accessibility_violations(worked_lab, axe_script, stem):
    """After Run All and the lab's recipe, every Check pressed (and, in Module 4, each programme's
    own controls shown): axe on the cell outputs, alt text, feedback in words, no slider."""
    record = worked_lab(stem)
    if record.run_error is not None:
        pytest.fail(f"{stem} did not run, nothing to check (see test_lab_runs_and_its_widgets_respond): "
                    f"{record.run_error}")
    if record.a11y_error is not None:
        raise record.a11y_error
    assert record.a11y, "no accessibility check was made"
    for when, result, facts in record.a11y:
        assert result["passed"] > 0, f"{when}: axe checked nothing in the outputs"
        assert result["found"] == [], f"axe on {stem}'s outputs in JupyterLab, {when}:\n{describe(result['found'])}"
        assert facts["feedback"] > 0, f"{when}: no feedback shown, the words check checked nothing"
        assert_outputs_accessible(facts)
