"""Module 3 lab: the process and its roles (order the steps, assign the roles)."""

from exercises.process_roles import tasks
from exercises.process_roles.widget import role_assignment, step_order

__all__ = ["role_assignment", "step_order", "tasks"]


def quiz():
    """This module's concept-check quiz (works without a kernel, also in the book)."""
    from exercises.core.quiz import quiz as _quiz

    return _quiz("process_roles")
