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
