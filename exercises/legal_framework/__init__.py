"""Module 2 lab: the legal framework (approval-timeline calculator and exercises)."""

from exercises.legal_framework import tasks
from exercises.legal_framework.widget import (
    approval_chain_order,
    document_types,
    latest_date_exercise,
    timeline_calculator,
)

__all__ = ["approval_chain_order", "document_types", "latest_date_exercise", "timeline_calculator", "tasks"]


def quiz():
    """This module's concept-check quiz (works without a kernel, also in the book)."""
    from exercises.core.quiz import quiz as _quiz

    return _quiz("legal_framework")
