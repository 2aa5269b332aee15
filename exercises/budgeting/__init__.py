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
