"""The exercise engine, and every registered task run through its own examples."""

from __future__ import annotations

import itertools

import pytest

from exercises.core import store
from exercises.core import tasks as engine
from exercises.core.feedback import Message
from exercises.core.tasks import AnswerError, Correct, Incorrect, NotAttempted, Task, ____, is_blank, load_all

TASKS = load_all()
_ids = itertools.count()


@pytest.fixture(autouse=True)
def clean_registry():
    """Tasks made by these tests leave the registry as they found it."""
    saved = dict(engine._REGISTRY)
    yield
    engine._REGISTRY.clear()
    engine._REGISTRY.update(saved)


def _task(**overrides) -> Task:
    """A throwaway task (registered under a unique id) whose answer is 42."""
    fields = dict(
        id=f"test.{next(_ids)}",
        lab="test",
        title="m1.q2.title",
        checker=lambda a: Correct("ok") if a == 42 else Incorrect("no"),
        hints=["m1.q2.hint1", "m1.q2.hint2", "m1.q2.hint3"],
        solution_key="m1.q2.solution",
    )
    fields.update(overrides)
    return Task(**fields)


def test_the_registry_holds_every_lab_task():
    ids = [t.id for t in TASKS]
    assert {"m0.q1", "m1.q1", "m1.q2", "m1.q3"} <= set(ids)
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("task", TASKS, ids=lambda t: t.id)
def test_every_task_accepts_its_right_answers(task):
    right, _ = task.examples()
    assert right, f"{task.id} has no example of a right answer"
    for answer in right:
        outcome = task.check(answer)
        assert isinstance(outcome, Correct), (answer, outcome)


@pytest.mark.parametrize("task", TASKS, ids=lambda t: t.id)
def test_every_task_rejects_its_wrong_answers_with_a_message(task):
    _, wrong = task.examples()
    assert wrong, f"{task.id} has no example of a wrong answer"
    for answer in wrong:
        outcome = task.check(answer)
        assert isinstance(outcome, Incorrect), (answer, outcome)
        assert outcome.text.strip(), f"{task.id}: no explanation for {answer!r}"


@pytest.mark.parametrize("task", TASKS, ids=lambda t: t.id)
def test_every_task_treats_the_placeholder_as_not_attempted(task):
    for blank in (____, None, "", "   "):
        assert isinstance(task.check(blank), NotAttempted)


@pytest.mark.parametrize("task", TASKS, ids=lambda t: t.id)
def test_wrong_feedback_never_quotes_the_solution(task):
    solution = task.solution().text
    for answer in task.examples()[1]:
        assert task.check(answer).text != solution


@pytest.mark.parametrize("task", TASKS, ids=lambda t: t.id)
def test_hints_get_stronger_and_stop_at_the_last(task):
    shown = [task.hint().text for _ in range(task.hint_count + 1)]
    assert len(set(shown[: task.hint_count])) == task.hint_count, "hints must differ"
    assert shown[-1] == shown[-2], "past the last hint, the last one is repeated"
    assert task.hint(1).title.startswith("Hint 1 of")


def test_hint_out_of_range_says_which_levels_exist():
    task = _task()
    message = task.hint(9)
    assert message.kind == "info" and "1 to 3" in message.text


def test_a_task_needs_two_hints_and_a_unique_id():
    with pytest.raises(ValueError, match="two hint"):
        _task(id="test.one-hint", hints=["m1.q2.hint1"])
    _task(id="test.dup")
    with pytest.raises(ValueError, match="twice"):
        _task(id="test.dup")


def test_an_answer_of_the_wrong_form_is_incorrect_not_a_crash():
    def checker(answer):
        raise AnswerError("Type a number.")

    outcome = _task(checker=checker).check("abc")
    assert isinstance(outcome, Incorrect) and outcome.text == "Type a number."


def test_checks_hints_and_solutions_are_recorded_in_the_portfolio():
    task = _task()
    task.check(____)  # not attempted: not counted
    task.check(1)
    task.check(42)
    task.hint(2)
    task.solution()
    entry = store.progress()[task.id]
    assert entry["attempts"] == 2 and entry["solved"] is True
    assert entry["hints"] == 2 and entry["solution_seen"] is True


def test_solved_stays_solved_after_a_later_wrong_answer():
    task = _task()
    task.check(42)
    task.check(7)
    assert store.progress()[task.id]["solved"] is True


@pytest.mark.parametrize(
    ("outcome", "word", "icon"),
    [(Correct("x"), "Correct", "✅"), (Incorrect("x"), "Not yet", "❌"), (NotAttempted("x"), "Not attempted", "✏️")],
)
def test_outcomes_show_words_and_an_icon_not_colour_alone(outcome, word, icon):
    assert str(outcome) == f"{icon} {word}: x"
    rendered = outcome._repr_html_()
    assert f"<strong>{word}:</strong>" in rendered and icon in rendered


def test_feedback_text_is_escaped_in_html():
    assert "<script>" not in Message("incorrect", "<script>alert(1)</script>")._repr_html_()


@pytest.mark.parametrize("answer", [____, None, "", "  ", {}, {"a": None}, [], ()])
def test_blank_answers(answer):
    assert is_blank(answer)


@pytest.mark.parametrize("answer", [0, 0.0, False, "0", {"a": "x"}, [None]])
def test_answers_that_are_not_blank(answer):
    assert not is_blank(answer)


def test_grade_classification_separates_unanswered_from_wrong():
    from exercises.core.tasks import grade_classification, item_labels

    expected = {"a": "x", "b": "y", "c": "x"}
    assert grade_classification({"a": "x", "b": "x", "c": None}, expected, {"x", "y"}, "m1.q1.wrong_form") \
        == (["c"], ["b"])
    assert grade_classification({"a": "z", "b": "y", "c": "x"}, expected, {"x", "y"}, "m1.q1.wrong_form") \
        == (["a"], [])  # a category that is not allowed counts as not answered
    with pytest.raises(AnswerError):
        grade_classification(["x"], expected, {"x"}, "m1.q1.wrong_form")
    assert item_labels(["a", "c"]) == "(a), (c)"
