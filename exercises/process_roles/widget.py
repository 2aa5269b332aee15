"""Module 3 widgets: order the IMC toolkit's steps; assign the roles in a scenario.

Reads inputs, calls ``model`` and ``tasks``, renders. No checking logic here.
"""

from __future__ import annotations

import html

import ipywidgets as w

from exercises.core.i18n import t
from exercises.core.panels import WIDE, ExercisePanel
from exercises.process_roles import model, tasks


def step_name(step: str) -> str:
    return t(f"m3.step.{step}")


def scope_name(scope: str) -> str:
    return t("m3.q1.scope_all") if scope == model.ALL else tasks.phase_name(scope)


class StepOrder(ExercisePanel):
    """A position dropdown for each step of the chosen scope (all 14 steps, or one phase)."""

    def __init__(self) -> None:
        self.scope = w.Dropdown(options=[(scope_name(s), s) for s in model.scopes()], value=model.ALL,
                                description=t("m3.q1.scope"), style=WIDE, layout=w.Layout(width="max-content"))
        self.rows = w.VBox()
        self.pickers: dict[str, w.Dropdown] = {}
        self.scope.observe(lambda _c: self.build(), names="value")
        super().__init__(tasks.q1, [self.scope, self.rows], self.read, intro=t("m3.q1.prompt"))
        self.build()

    def build(self) -> None:
        """New dropdowns, all empty, for the steps of the scope (in the same order on every run)."""
        steps = model.shown_order(self.scope.value)
        choices = [(t("m3.q1.position"), None)] + [(str(i), i) for i in range(1, len(steps) + 1)]
        self.pickers = {s: w.Dropdown(options=choices, value=None, description=step_name(s), style=WIDE,
                                      layout=w.Layout(width="max-content")) for s in steps}
        self.rows.children = list(self.pickers.values())
        if hasattr(self, "feedback"):
            self.feedback.value = ""

    def read(self) -> dict[str, int | None]:
        return {s: p.value for s, p in self.pickers.items()}


def step_order() -> StepOrder:
    """Exercise 1 of Module 3: put the steps of the IMC toolkit in order."""
    return StepOrder()


def role_assignment() -> ExercisePanel:
    """Exercise 2 of Module 3: a role for each task of the scenario."""
    choices = [(t("m3.choose"), None)] + [(t(f"m3.role.{r}"), r) for r in sorted(model.role_ids())]
    pickers = {}
    rows = [w.HTML(f"<p><em>{html.escape(t('m3.q2.scenario'))}</em></p>")]
    for number, task in enumerate(model.task_ids(), start=1):
        pickers[task] = w.Dropdown(options=choices, value=None, description=f"({number})", style=WIDE,
                                   layout=w.Layout(width="max-content"))
        rows.append(w.HTML(f"<p><strong>({number})</strong> {html.escape(tasks.task_name(task))}</p>"))
        rows.append(pickers[task])
    panel = ExercisePanel(tasks.q2, rows, lambda: {k: p.value for k, p in pickers.items()},
                          intro=t("m3.q2.prompt"))
    panel.pickers = pickers
    return panel
