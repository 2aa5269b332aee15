"""Module 8 lab: monitoring, evaluation and reporting, and the partnership dossier."""

from exercises.reporting import tasks
from exercises.reporting.widget import (
    builder,
    due_date_exercise,
    evidence_exercise,
    indicator_kinds_exercise,
    logframe_exercise,
)

__all__ = ["builder", "due_date_exercise", "evidence_exercise", "indicator_kinds_exercise", "logframe_exercise",
           "tasks"]


def quiz():
    """This module's concept-check quiz (works without a kernel, also in the book)."""
    from exercises.core.quiz import quiz as _quiz

    return _quiz("reporting")
