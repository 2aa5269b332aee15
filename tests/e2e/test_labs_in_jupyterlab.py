"""Every lab in a real JupyterLab and a real browser, as a trainee works it (issue 7, item 3).

One headless JupyterLab for the session (see conftest.py), Debian's Chromium through Playwright.
For each lab of ``_toc.yml``: open it, Edit → Clear Outputs, Run → Run All Cells, wait until
every cell has run, then operate its main widgets and assert on a value the page shows that
changes because of what was done. What to do in each lab is a *recipe* in ``RECIPES``, keyed by
the notebook's stem; a lab without a recipe fails ``test_every_lab_has_a_recipe``, so a new
lab cannot go untested. Locators are scoped to cell outputs, never to the code cells' text.

Also here (issue 7, "Bad input and faults"): a trainee who restarts the kernel mid-lab finds
the shortlist they saved in Module 4.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from exercises.core.i18n import t
from tests.e2e import lab_driver
from tests.e2e.lab_driver import assert_no_traceback, button, outputs, restart_kernel_and_clear, run_all
from tools.course import notebooks

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

LABS = [nb.stem for nb in notebooks()]


# -- helpers for recipes -------------------------------------------------------------------------
def type_into(scope: Locator, label: str, text: str) -> None:
    """Type into the labelled box and press Enter (the labs' boxes update on Enter or leaving)."""
    box = scope.get_by_label(label, exact=True)
    box.fill(text)
    box.press("Enter")


def first_exercise(page: Page) -> Locator:
    return outputs(page).locator(".mpl-exercise").first


FEEDBACK_WORDS = re.compile("|".join(re.escape(t(f"core.feedback.{k}")) for k in (
    "correct", "incorrect", "not_attempted", "input_error", "info")))


def check_gives_words(panel: Locator, word: str | re.Pattern) -> None:
    """Press Check; the panel's feedback shows ``word`` (feedback is words, never colour alone)."""
    feedback = panel.locator(".mpl-feedback-area")
    button(panel, t("core.panel.check")).click()
    expect(feedback.locator(".mpl-feedback")).to_contain_text(word)


def first_ranked(explorer: Locator) -> str:
    return explorer.locator("table.mpl-table tbody tr").first.locator("td").nth(1).inner_text()


# -- recipes: one per lab, keyed by notebook stem ------------------------------------------------
def welcome(page: Page) -> None:
    warm_up = first_exercise(page)
    expect(warm_up.locator(".mpl-feedback")).to_have_count(0)
    warm_up.get_by_label(t("m0.q1.option.oblast"), exact=True).check()
    check_gives_words(warm_up, t("core.feedback.incorrect"))
    expect(warm_up.locator(".mpl-feedback-area")).to_contain_text(t("m0.q1.why_not.oblast"))
    warm_up.get_by_label(t("m0.q1.option.hromada"), exact=True).check()
    check_gives_words(warm_up, t("core.feedback.correct"))
    button(warm_up, t("core.panel.hint")).click()  # the notebook's own hint() cell has shown hint 1
    expect(warm_up.locator(".mpl-feedback.mpl-hint")).to_contain_text(t("m0.q1.hint2"))

    my_work = outputs(page).locator(".mpl-my-work")
    expect(my_work.locator("a[download]")).to_have_count(0)
    button(my_work, t("core.work.prepare_download")).click()
    link = my_work.locator("a[download]")
    expect(link).to_be_visible()
    expect(link).to_have_attribute("href", re.compile(r"^data:application/zip;base64,"))
    expect(link).to_have_attribute("download", re.compile(r"\.zip$"))
    expect(my_work).to_contain_text(t("core.work.download_ready"))


def why_partnership(page: Page) -> None:
    from exercises.why_partnership import tasks

    explorer = outputs(page).locator(".mpl-explorer")
    result = explorer.locator(".mpl-share-result")
    expect(result).to_contain_text(t("m1.share.error.missing"))
    type_into(explorer, t("m1.share.part"), "356")
    type_into(explorer, t("m1.share.whole"), "1469")
    expect(result).to_contain_text("24.2 %")
    expect(result).to_contain_text(t("m1.share.result", part="356", whole="1,469", percent="24.2"))

    kinds = first_exercise(page)
    check_gives_words(kinds, t("core.feedback.not_attempted"))  # nothing chosen yet
    for scenario, kind in tasks.SCENARIOS.items():
        kinds.get_by_label(f"({scenario})", exact=True).select_option(label=t(f"m1.kind.{kind}"))
    check_gives_words(kinds, t("core.feedback.correct"))


def partner_selection(page: Page) -> None:
    explorer = outputs(page).locator(".mpl-partner-explorer")
    table = explorer.locator("table.mpl-table")
    expect(table.locator("tbody tr")).not_to_have_count(0)
    start = first_ranked(explorer)

    # a weight to zero: the nearness criterion (C8) no longer counts, another place ranks first
    type_into(explorer, f"{t('m4.criterion.C8')} (C8)", "0")
    expect(table.locator("tbody tr").first.locator("td").nth(1)).not_to_have_text(start)
    reweighted = first_ranked(explorer)

    # another hromada: the candidates are ranked from Lviv
    type_into(explorer, t("m4.home.search"), "Lviv")
    chosen = t("m4.home.chosen", name="\0", region="", population="").split("\0")[0]  # "Your hromada: "
    expect(explorer).to_contain_text(f"{chosen}Lviv")
    expect(table.locator("tbody tr").first.locator("td").nth(1)).not_to_have_text(reweighted)

    eligibility = first_exercise(page)
    check_gives_words(eligibility, FEEDBACK_WORDS)


def budgeting(page: Page) -> None:
    calculator = outputs(page).filter(has_text=t("b.perdiem.title"))
    result = calculator.locator(".mpl-feedback")
    expect(result).to_contain_text("Per diem:")
    before = result.inner_text()
    type_into(calculator, t("b.perdiem.days"), "3")
    expect(result).not_to_have_text(before)
    assert _per_diem_total(result.inner_text()) == pytest.approx(3 * _per_diem_total(before))

    exercise = first_exercise(page)
    check_gives_words(exercise, FEEDBACK_WORDS)


def _per_diem_total(text: str) -> float:
    match = re.search(r"Per diem: [A-Z]{3} ([\d,]+\.\d\d)", text)
    assert match, f"no per diem total in {text!r}"
    return float(match.group(1).replace(",", ""))


def reporting(page: Page) -> None:
    builder = outputs(page).locator(".mpl-report-builder")
    expect(builder).to_contain_text(t("r.aid.choose"))
    builder.get_by_label(t("r.aid.cleared"), exact=True).fill("2026-05-01")
    expect(builder).to_contain_text(t("r.aid.due_future", due="2026-07-30", days=59, period=90))

    missing = builder.locator(".mpl-feedback", has_text=re.compile(r"^\W*\w+: Missing \d+:"))
    before = _missing_count(missing.inner_text())
    builder.locator(".widget-checkbox input[type='checkbox']").first.check()
    expect(missing).not_to_have_text(re.compile(rf"Missing {before}:"))
    assert _missing_count(missing.inner_text()) == before - 1

    exercise = first_exercise(page)
    check_gives_words(exercise, FEEDBACK_WORDS)


def _missing_count(text: str) -> int:
    match = re.search(r"Missing (\d+):", text)
    assert match, f"no count of missing documents in {text!r}"
    return int(match.group(1))


def legal_framework(page: Page) -> None:
    timeline = outputs(page).locator(".mpl-timeline")
    summary = timeline.locator(".mpl-timeline-summary")
    expect(summary.locator(".mpl-feedback").first).to_be_visible()
    before = summary.inner_text()
    type_into(timeline, t("m2.timeline.mfa_days"), "30")
    expect(summary).not_to_have_text(before)

    check_gives_words(first_exercise(page), FEEDBACK_WORDS)


def process_roles(page: Page) -> None:
    steps = first_exercise(page)
    pickers = steps.locator("select")
    before = pickers.count()
    assert before > 1, "no step dropdowns in the step-order exercise"
    steps.get_by_label(t("m3.q1.scope"), exact=True).select_option(index=1)
    expect(pickers).not_to_have_count(before)
    check_gives_words(steps, t("core.feedback.not_attempted"))


def formalising(page: Page) -> None:
    builder = outputs(page).locator(".mpl-outline-builder")
    result = builder.locator(".mpl-feedback-area")
    expect(result.locator(".mpl-feedback")).to_have_count(0)
    button(builder, t("m5.builder.check")).click()
    expect(result.locator(".mpl-feedback").first).to_contain_text(FEEDBACK_WORDS)
    kind = builder.get_by_label(t("m5.builder.doc_type"), exact=True)
    before = builder.inner_text()
    kind.select_option(index=1 if kind.input_value() == kind.locator("option").first.get_attribute("value") else 0)
    expect(builder).not_to_have_text(before)


def assistance(page: Page) -> None:
    from exercises.assistance import tasks
    from exercises.assistance.widget import regime_name

    deliveries = first_exercise(page)
    check_gives_words(deliveries, t("core.feedback.not_attempted"))
    for delivery, regime in tasks.DELIVERIES.items():
        deliveries.get_by_label(f"({delivery})", exact=True).select_option(label=regime_name(regime))
    check_gives_words(deliveries, t("core.feedback.correct"))


RECIPES: dict[str, Callable[[Page], None]] = {
    "00_welcome": welcome,
    "01_why_partnership": why_partnership,
    "02_legal_framework": legal_framework,
    "03_process_roles": process_roles,
    "04_partner_selection": partner_selection,
    "05_formalising": formalising,
    "06_budgeting": budgeting,
    "07_assistance": assistance,
    "08_reporting": reporting,
}


# -- tests ---------------------------------------------------------------------------------------
def test_every_lab_has_a_recipe():
    """A lab added to _toc.yml without a recipe here would go untested in a browser."""
    missing = [stem for stem in LABS if stem not in RECIPES]
    assert missing == [], f"labs in _toc.yml with no interaction recipe in {__name__}.RECIPES: {missing}"


@pytest.mark.parametrize("stem", LABS)
def test_lab_runs_and_its_widgets_respond(worked_lab, stem):
    """Run All without a traceback, then the lab's recipe (see ``worked_lab`` in conftest.py:
    the same pass also collects the accessibility checks)."""
    record = worked_lab(stem)
    if record.run_error is not None:
        raise record.run_error
    if stem not in RECIPES:
        pytest.fail(f"no interaction recipe for {stem} (see test_every_lab_has_a_recipe)")
    if record.recipe_error is not None:
        raise record.recipe_error


def _restart_module4(browser, url: str, work_dir) -> dict:
    """Save the example shortlist, restart the kernel (clearing outputs), Run All again;
    what the explorer shows then."""
    page = lab_driver.open_lab(browser, url)
    with lab_driver.screenshot_on_failure(page, "04_partner_selection-restart"):
        run_all(page)
        explorer = outputs(page).locator(".mpl-partner-explorer")
        button(explorer, t("m4.shortlist.examples")).click()
        expect(explorer).to_contain_text(t("m4.shortlist.remove"))
        rows_before = _shortlist_rows(explorer)
        button(explorer, t("m4.shortlist.save")).click()
        expect(explorer).to_contain_text(t("core.feedback.saved"))
        portfolio = json.loads((work_dir / "portfolio.json").read_text(encoding="utf-8"))
        names = portfolio["work"]["partner_selection"]["explorer"]["shortlist_names"]

        restart_kernel_and_clear(page, "notebooks/04_partner_selection.ipynb")
        expect(outputs(page)).to_have_count(0)
        run_all(page, clear_first=False)
        assert_no_traceback(page)
        explorer = outputs(page).locator(".mpl-partner-explorer")
        expect(explorer).to_contain_text(t("m4.shortlist.order", order="").rstrip(". "))
        facts = {"names": names, "rows_before": rows_before, "rows_after": _shortlist_rows(explorer),
                 "text_after": explorer.inner_text()}
    lab_driver.close_notebooks(page)
    return facts


def _shortlist_rows(explorer: Locator) -> list[str]:
    """The town names of the shortlist's editable rows ("Przemyśl (PL)", a score box per
    criterion, Remove)."""
    rows = explorer.locator(".widget-hbox").filter(has=button(explorer.page, t("m4.shortlist.remove")))
    return [re.sub(r" \([A-Z]{2}\)$", "", row.locator(".widget-html").first.inner_text().strip())
            for row in rows.all()]


@pytest.fixture(scope="module")
def module4_after_restart(lab_browser, jupyterlab) -> dict:
    stem = "04_partner_selection"
    assert stem in LABS, "Module 4's lab is no longer in _toc.yml: move these tests to the lab that saves work"
    jupyterlab.clear_work()
    try:
        return lab_browser.run(_restart_module4, jupyterlab.lab_url(stem), jupyterlab.work_dir)
    finally:
        jupyterlab.shut_down_kernels()


def test_saved_shortlist_is_reopened_after_a_kernel_restart(module4_after_restart):
    """Module 4: save a shortlist, Kernel → Restart Kernel and Clear Outputs, Run All: the
    explorer says the saved shortlist was opened and ranks every town of it."""
    facts = module4_after_restart
    assert len(facts["names"]) >= 2 and facts["rows_before"] == facts["names"]
    text = facts["text_after"]
    assert t("m4.shortlist.restored", count=len(facts["names"])) in text
    order = text[text.index(t("m4.shortlist.order", order="").rstrip(". ")):]
    assert all(name in order for name in facts["names"]), order


def test_saved_shortlist_rows_are_back_after_a_kernel_restart(module4_after_restart):
    """...and shows each town again as an editable row (its scores, Remove), as before the restart
    (``PartnerExplorer._restore`` renders the saved shortlist)."""
    facts = module4_after_restart
    assert facts["rows_after"] == facts["rows_before"]
