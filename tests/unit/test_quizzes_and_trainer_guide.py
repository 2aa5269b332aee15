"""Quiz banks validate; every lab with a bank shows its quiz; the trainer guide has an answer
for every task in the registry and every quiz question (both lists derived, never hand-kept)."""

from __future__ import annotations

import json
import re

import pytest

from exercises.core import quiz as quizzes
from exercises.core.tasks import load_all
from tools import quiz_answers
from tools.course import ROOT, notebooks

GUIDE = (ROOT / "book" / "trainer-guide.md").read_text(encoding="utf-8")
BANKS = quizzes.banks()


def test_there_are_quiz_banks():
    assert len(BANKS) >= 4


@pytest.mark.parametrize("lab", sorted(BANKS))
def test_every_bank_validates(lab):
    assert quizzes.load_bank(lab)


@pytest.mark.parametrize(("bank", "words"), [
    ([], "non-empty"),
    ([{"id": "a", "question": "q", "options": [{"text": "x", "correct": True, "feedback": "f"}]}], "2 to 6"),
    ([{"id": "a", "question": "q", "options": [{"text": "x", "correct": True, "feedback": "f"},
                                              {"text": "y", "correct": True, "feedback": "f"}]}], "exactly one"),
    ([{"id": "a", "question": "Is $x^2$ big?", "options": [{"text": "x", "correct": True, "feedback": "f"},
                                                          {"text": "y", "correct": False, "feedback": "f"}]}], "maths"),
    ([{"id": "a", "question": "q", "options": [{"text": "x", "correct": True, "feedback": ""},
                                              {"text": "y", "correct": False, "feedback": "f"}]}], "feedback"),
])
def test_bad_banks_are_refused_with_a_reason(bank, words):
    with pytest.raises(quizzes.QuizBankError, match=words):
        quizzes.validate_bank(bank, "test")


def test_duplicate_question_ids_are_refused():
    q = {"id": "a", "question": "q", "options": [{"text": "x", "correct": True, "feedback": "f"},
                                                {"text": "y", "correct": False, "feedback": "f"}]}
    with pytest.raises(quizzes.QuizBankError, match="twice"):
        quizzes.validate_bank([q, q], "test")


def test_quiz_html_needs_no_script_and_gives_feedback_in_words():
    rendered = quizzes.quiz(sorted(BANKS)[0])._repr_html_()
    assert "<script" not in rendered and "<details" in rendered
    assert rendered.count("<details") == sum(len(q["options"]) for q in quizzes.load_bank(sorted(BANKS)[0]))
    assert "Correct:</strong>" in rendered and "Not yet:</strong>" in rendered


@pytest.mark.parametrize("lab", sorted(BANKS))
def test_each_bank_is_shown_in_its_lab(lab):
    texts = {nb.stem: nb.read_text(encoding="utf-8") for nb in notebooks()}
    showing = [stem for stem, text in texts.items() if ".quiz()" in text and f"exercises import {lab} " in text]
    assert showing, f"no lab notebook shows the {lab} quiz"


def test_the_answer_key_page_is_up_to_date():
    committed = quiz_answers.PAGE.read_text(encoding="utf-8")
    assert committed == quiz_answers.render(), "run `make quiz-answers` and commit book/quiz-answers.md"


def test_every_quiz_question_has_an_answer_in_the_key():
    key = quiz_answers.PAGE.read_text(encoding="utf-8")
    for lab in BANKS:
        for q in quizzes.load_bank(lab):
            assert f"**{q['id']}.**" in key


@pytest.mark.parametrize("task", load_all(), ids=lambda task: task.id)
def test_the_trainer_guide_answers_every_task(task):
    # each task has its own heading in the guide, under the module's «Answers: lab»
    assert re.search(rf"^#+ .*\b{re.escape(task.id)}\b", GUIDE, re.M), f"no answer for {task.id} in trainer-guide.md"


def test_lab_notebooks_are_valid_json():
    for nb in notebooks():
        json.loads(nb.read_text(encoding="utf-8"))
