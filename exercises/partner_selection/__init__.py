"""Module 4 lab: finding and choosing partners (explorer, shortlist, exercises)."""

from exercises.partner_selection import tasks
from exercises.partner_selection.widget import (
    cases,
    eligibility_exercise,
    explorer,
    ranking_exercise,
    shortlist_exercise,
)

__all__ = ["cases", "eligibility_exercise", "explorer", "ranking_exercise", "shortlist_exercise", "tasks"]


def quiz():
    """This module's concept-check quiz (works without a kernel, also in the book)."""
    from exercises.core.quiz import quiz as _quiz

    return _quiz("partner_selection")
