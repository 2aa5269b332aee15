"""Module 6 lab: financing and budgeting a partnership (planner, per diem, exercises)."""

from exercises.budgeting import tasks
from exercises.budgeting.widget import (
    cofinancing_exercise,
    currency_exercise,
    fix_project_exercise,
    per_diem_calculator,
    per_diem_exercise,
    planner,
)

__all__ = ["cofinancing_exercise", "currency_exercise", "fix_project_exercise", "per_diem_calculator",
           "per_diem_exercise", "planner", "tasks"]


def quiz():
    """This module's concept-check quiz (works without a kernel, also in the book)."""
    from exercises.core.quiz import quiz as _quiz

    return _quiz("budgeting")
