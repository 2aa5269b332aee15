"""Welcome lab widgets."""

from __future__ import annotations

from exercises.core.i18n import t
from exercises.core.panels import ExercisePanel, choice_panel
from exercises.welcome import tasks


def warm_up() -> ExercisePanel:
    options = [(t(f"m0.q1.option.{o}"), o) for o in tasks.OPTIONS]
    return choice_panel(tasks.q1, options, intro=t("m0.q1.prompt"))
