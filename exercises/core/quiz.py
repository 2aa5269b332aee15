"""Concept-check quizzes that work without a kernel: in the static book, on Binder, anywhere.

Why not a JavaScript quiz widget: each option is an HTML ``<details>`` element whose summary is
the answer and whose body is the feedback, so the quiz needs no script, no network, no random
element id (strict nbval compares it like any output), and a screen reader announces it as a
disclosure. The banks are JSON files beside each lab (``exercises/<lab>/quiz.json``), checked
against ``validate_bank`` by the tests.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from exercises.core.i18n import get_locale, t

PACKAGE = Path(__file__).resolve().parents[1]


class QuizBankError(ValueError):
    """A quiz bank that breaks the format; the message says where."""


def bank_path(lab: str) -> Path:
    localised = PACKAGE / lab / f"quiz.{get_locale()}.json"
    return localised if localised.exists() else PACKAGE / lab / "quiz.json"


def banks() -> dict[str, Path]:
    """Every lab that has a quiz bank."""
    return {p.parent.name: p for p in sorted(PACKAGE.glob("*/quiz.json"))}


def validate_bank(data: Any, where: str) -> list[dict[str, Any]]:
    """A bank is a list of questions, each with a unique ``id``, the ``question``, and 2-6
    ``options`` with ``text``, ``correct`` (exactly one true) and ``feedback``."""
    if not isinstance(data, list) or not data:
        raise QuizBankError(f"{where}: a bank is a non-empty list of questions")
    seen = set()
    for n, q in enumerate(data, start=1):
        if not isinstance(q, dict) or not {"id", "question", "options"} <= q.keys():
            raise QuizBankError(f"{where}, question {n}: needs id, question and options")
        if q["id"] in seen:
            raise QuizBankError(f"{where}: question id {q['id']!r} is used twice")
        seen.add(q["id"])
        if "$" in q["question"] or any("$" in o.get("text", "") + o.get("feedback", "") for o in q["options"]):
            raise QuizBankError(f"{where}, {q['id']}: no maths ($): MathJax would load from the network")
        options = q["options"]
        if not 2 <= len(options) <= 6:
            raise QuizBankError(f"{where}, {q['id']}: 2 to 6 options")
        for o in options:
            if not isinstance(o, dict) or not str(o.get("text", "")).strip() or not str(o.get("feedback", "")).strip() \
                    or not isinstance(o.get("correct"), bool):
                raise QuizBankError(f"{where}, {q['id']}: each option needs text, correct (true/false) and feedback")
        if sum(o["correct"] for o in options) != 1:
            raise QuizBankError(f"{where}, {q['id']}: exactly one option must be correct")
    return data


def load_bank(lab: str) -> list[dict[str, Any]]:
    path = bank_path(lab)
    return validate_bank(json.loads(path.read_text(encoding="utf-8")), str(path.relative_to(PACKAGE.parent)))


class Quiz:
    """Displays as HTML in Jupyter and in the book; as text elsewhere."""

    def __init__(self, lab: str) -> None:
        self.lab = lab
        self.questions = load_bank(lab)

    def _repr_html_(self) -> str:
        parts = [f"<div class='mpl-quiz'><p><strong>{html.escape(t('core.quiz.title'))}</strong> "
                 f"{html.escape(t('core.quiz.how'))}</p>"]
        for n, q in enumerate(self.questions, start=1):
            qid = html.escape(f"quiz-{q['id']}")
            parts.append(f"<div class='mpl-quiz-question' role='group' aria-labelledby='{qid}'>"
                         f"<p id='{qid}'><strong>{html.escape(t('core.quiz.question', n=n))}</strong> "
                         f"{html.escape(q['question'])}</p>")
            for letter, option in zip("ABCDEF", q["options"], strict=False):
                word, icon = (t("core.feedback.correct"), "✅") if option["correct"] else \
                    (t("core.feedback.incorrect"), "❌")
                parts.append(
                    "<details class='mpl-quiz-option' style='margin:2px 0 2px 1em'>"
                    f"<summary>{letter}. {html.escape(option['text'])}</summary>"
                    f"<div style='padding:2px 0 4px 1.5em'><span aria-hidden='true'>{icon}</span> "
                    f"<strong>{html.escape(word)}:</strong> {html.escape(option['feedback'])}</div></details>")
            parts.append("</div>")
        parts.append("</div>")
        return "".join(parts)

    def __repr__(self) -> str:
        return t("core.quiz.plain", count=len(self.questions))


def quiz(lab: str) -> Quiz:
    """The concept-check quiz of a lab (open an answer to see whether it is right, and why)."""
    return Quiz(lab)
