"""Module 1 lab: why international municipal partnership? (figures explorer and exercises)."""

from exercises.why_partnership import tasks
from exercises.why_partnership.widget import cooperation_kinds, explorer, quoting_figures

__all__ = ["cooperation_kinds", "explorer", "quoting_figures", "tasks"]


def quiz():
    """This module's concept-check quiz (works without a kernel, also in the book)."""
    from exercises.core.quiz import quiz as _quiz

    return _quiz("why_partnership")
