"""Module 5 lab: formalising a partnership (agreement-outline builder with Word export,
which document, who signs, and what came first in real cases)."""

from exercises.formalising import tasks
from exercises.formalising.widget import (
    case_analysis,
    document_choice,
    missing_clause,
    outline_builder,
    who_does_what,
)

__all__ = ["case_analysis", "document_choice", "missing_clause", "outline_builder", "tasks", "who_does_what"]


def quiz():
    """This module's concept-check quiz (works without a kernel, also in the book)."""
    from exercises.core.quiz import quiz as _quiz

    return _quiz("formalising")
