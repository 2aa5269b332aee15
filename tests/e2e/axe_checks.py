"""axe-core and the output checks, run inside a page (book page or JupyterLab).

Serious and critical violations count; minor and moderate ones are not asserted.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from exercises.core.i18n import t
from tests.e2e.lab_driver import button, outputs

BLOCKING = ["serious", "critical"]

# In JupyterLab, axe looks at the notebook's cell outputs only (see test_accessibility.py).
LAB_OUTPUTS = [".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output"]
BOOK_OUTPUTS = [".cell_output"]

# Runs axe on the page (or on the elements matching ``include``); returns the serious and critical
# violations, one per element, split into unknown ones and known ones (``known``: pairs of rule
# and CSS selector of the flagged elements).
AXE_RUN = """async ([include, blocking, known]) => {
  const result = await axe.run(include ? {include: include} : document, {resultTypes: ['violations']});
  const found = [], seen = [];
  for (const v of result.violations) {
    if (!blocking.includes(v.impact)) continue;
    for (const node of v.nodes) {
      const el = node.target.length === 1 ? document.querySelector(node.target[0]) : null;
      const isKnown = known.some(([rule, selector]) => rule === v.id && el && el.matches(selector));
      (isKnown ? seen : found).push({rule: v.id, impact: v.impact, help: v.help, target: node.target.join(' '),
                                     html: node.html.slice(0, 300), why: (node.failureSummary || '').slice(0, 600)});
    }
  }
  return {found, seen, passed: result.passes.length};
}"""

# What the outputs show to someone who cannot see the picture or the colour.
OUTPUT_FACTS = """(scope) => {
  const all = (sel) => [...document.querySelectorAll(scope.map(s => s + ' ' + sel).join(', '))];
  const words = (el) => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll('[aria-hidden="true"]').forEach(x => x.remove());
    return copy.textContent.trim();
  };
  const heading = (el) => (el.querySelector('strong') || {textContent: ''}).textContent.trim();
  return {
    imagesWithoutAlt: all('img').filter(i => !(i.getAttribute('alt') || '').trim()).map(i => i.outerHTML.slice(0, 200)),
    images: all('img').length,
    feedbackWithoutWords: all('.mpl-feedback').filter(f => !/\\p{L}{2,}/u.test(words(f)) || !heading(f))
                                            .map(f => f.outerHTML.slice(0, 300)),
    feedback: all('.mpl-feedback').length,
    sliders: all('.widget-slider, [role="slider"]').map(s => s.outerHTML.slice(0, 200)),
  };
}"""


def axe(page: Page, axe_script: Path, include: list[str] | None = None, known: dict | None = None) -> dict:
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(axe_script))
    return page.evaluate(AXE_RUN, [include, BLOCKING, [list(k) for k in (known or {})]])


def output_facts(page: Page, scope: list[str]) -> dict:
    return page.evaluate(OUTPUT_FACTS, scope)


def describe(violations: list[dict]) -> str:
    return "\n".join(f"- {v['impact']} {v['rule']} ({v['help']}): {v['target']}\n    {v['html']}\n    {v['why']}"
                     for v in violations)


def assert_outputs_accessible(facts: dict) -> None:
    assert facts["imagesWithoutAlt"] == [], f"images in cell outputs without alt text: {facts['imagesWithoutAlt']}"
    assert facts["feedbackWithoutWords"] == [], (
        f"feedback without words (colour or icon only): {facts['feedbackWithoutWords']}")
    assert facts["sliders"] == [], (
        "a slider in a lab: ipywidgets' slider handle has no accessible name (axe: serious); "
        f"use a labelled BoundedIntText/BoundedFloatText: {facts['sliders']}")


def show_every_feedback(page: Page) -> None:
    """Press Check on every exercise panel: each then shows feedback (often "Not attempted")."""
    panels = outputs(page).locator(".mpl-exercise")
    for k in range(panels.count()):
        panel = panels.nth(k)
        button(panel, t("core.panel.check")).click()
        panel.locator(".mpl-feedback-area .mpl-feedback").first.wait_for()


def _module4_programmes(page: Page) -> list:
    """Module 4: the controls only some programmes show (CERV's question, the Polish regions)."""
    from exercises.partner_selection import model

    names = model.programmes()["name"]
    explorer = outputs(page).locator(".mpl-partner-explorer")
    box = explorer.get_by_label(t("m4.programme.label"), exact=True)
    shown = {"cerv_tt": explorer.locator(".widget-toggle-buttons", has_text=t("m4.cerv.label")),
             "interreg_pl_ua": explorer.get_by_label(t("m4.interreg.regions"), exact=True)}
    return [(f"programme {programme}", lambda p=programme: box.select_option(label=names[p]), control)
            for programme, control in shown.items()]


# Labs with controls that are hidden until something is chosen: (what, how to show them).
REVEAL = {"04_partner_selection": _module4_programmes}


def check_lab(page: Page, stem: str, axe_script: Path) -> list[tuple[str, dict, dict]]:
    """axe and the output checks on a lab that has run: after pressing every Check, then after
    each step that shows hidden controls. Returns (when, axe result, output facts) per check."""
    show_every_feedback(page)
    results = [("after Run All and every Check", axe(page, axe_script, LAB_OUTPUTS), output_facts(page, LAB_OUTPUTS))]
    for when, step, control in REVEAL.get(stem, lambda _page: [])(page):
        step()
        control.wait_for(state="visible")
        results.append((when, axe(page, axe_script, LAB_OUTPUTS), output_facts(page, LAB_OUTPUTS)))
    return results
