"""Module 7 lab: receiving assistance (which regime applies to a delivery, and what to do next)."""

from exercises.assistance import tasks
from exercises.assistance.widget import classify_deliveries, next_steps, regimes_overview

__all__ = ["classify_deliveries", "next_steps", "regimes_overview", "tasks"]


def quiz():
    """This module's concept-check quiz (works without a kernel, also in the book)."""
    from exercises.core.quiz import quiz as _quiz

    return _quiz("assistance")
