"""Exercises in the Kaggle learntools style: ``q.check(answer)``, ``q.hint()``, ``q.solution()``.

Why explicit outcome classes: a check says *what* is wrong without giving the answer away,
and tests can assert on the kind of outcome, not on wording. Every task registers itself, so
tests, the trainer guide check and the progress view all read one registry instead of lists
kept by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from exercises.core import store
from exercises.core.feedback import Message
from exercises.core.i18n import t


class _Blank:
    """The ``____`` placeholder a trainee replaces with an answer."""

    _instance: _Blank | None = None

    def __new__(cls) -> _Blank:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "____"


____ = _Blank()


def is_blank(answer: Any) -> bool:
    """True for the placeholder and for answers with nothing in them yet."""
    if answer is ____ or answer is None:
        return True
    if isinstance(answer, str):
        return not answer.strip()
    if isinstance(answer, dict):
        return not answer or all(is_blank(v) for v in answer.values())
    if isinstance(answer, (list, tuple, set)):
        return len(answer) == 0
    return False


class Outcome(Message):
    """The result of a check. Subclasses say which kind."""

    kind_name = "outcome"

    def __init__(self, text: str = "") -> None:
        super().__init__(self.kind_name, text)

    @property
    def solved(self) -> bool:
        return isinstance(self, Correct)


class Correct(Outcome):
    kind_name = "correct"


class Incorrect(Outcome):
    kind_name = "incorrect"


class NotAttempted(Outcome):
    kind_name = "not_attempted"


class AnswerError(ValueError):
    """Raised by a checker when the answer has the wrong form (text where a number is due...)."""


def grade_classification(answer: Any, expected: Mapping[str, Any], allowed: Collection[Any],
                         wrong_form_key: str) -> tuple[list[str], list[str]]:
    """For exercises that sort items into categories (``{item id: category}``): the items not yet
    answered with an allowed category, and the items answered wrongly. Raises ``AnswerError``
    (``wrong_form_key``) when the answer is not such a mapping. Each lab words the feedback."""
    if not isinstance(answer, Mapping):
        raise AnswerError(t(wrong_form_key))
    unanswered = [k for k in expected if answer.get(k) not in allowed]
    wrong = [k for k, v in expected.items() if k not in unanswered and answer[k] != v]
    return unanswered, wrong


def item_labels(ids: Sequence[str]) -> str:
    """Item ids as a trainee reads them in feedback: "(a), (c)"."""
    return ", ".join(f"({i})" for i in ids)


@dataclass(eq=False)
class Task:
    """One exercise.

    ``checker`` takes the trainee's answer (never the placeholder) and returns an outcome;
    ``hints`` and ``solution`` are catalogue keys. ``right_answers`` and ``wrong_answers``
    are examples every task must carry: tests run them through ``check`` for every task in
    the registry, so a new task is tested without anyone remembering to. Either may be a
    function returning the examples, for tasks whose examples come from the course data.
    """

    id: str
    lab: str
    title: str
    checker: Callable[[Any], Outcome]
    hints: Sequence[str]
    solution_key: str
    right_answers: Sequence[Any] | Callable[[], Sequence[Any]] = ()
    wrong_answers: Sequence[Any] | Callable[[], Sequence[Any]] = ()
    prompt: str | None = None
    _hints_shown: int = field(default=0, init=False, repr=False)

    def __post_init__(self) -> None:
        if len(self.hints) < 2:
            raise ValueError(f"task {self.id}: give at least two hint levels")
        if self.id in _REGISTRY:
            raise ValueError(f"task id {self.id!r} is registered twice")
        _REGISTRY[self.id] = self

    # -- what a trainee calls -------------------------------------------------------------
    def check(self, answer: Any = ____) -> Outcome:
        """Check an answer; record the attempt in the trainee's portfolio."""
        if is_blank(answer):
            outcome: Outcome = NotAttempted(t("core.task.not_attempted"))
        else:
            try:
                outcome = self.checker(answer)
            except AnswerError as err:
                outcome = Incorrect(str(err))
        if not isinstance(outcome, NotAttempted):
            store.record_attempt(self.id, solved=outcome.solved)
        return outcome

    def hint(self, level: int | None = None) -> Message:
        """Hint ``level`` (1 = gentlest); with no level, the next one each time it is called."""
        total = len(self.hints)
        if level is None:
            self._hints_shown = min(self._hints_shown + 1, total)
            level = self._hints_shown
        if not isinstance(level, int) or not 1 <= level <= total:
            return Message("info", t("core.task.no_such_hint", total=total))
        self._hints_shown = max(self._hints_shown, level)
        store.record_help(self.id, "hints", level)
        return Message("hint", t(self.hints[level - 1]), title=t("core.task.hint_title", level=level, total=total))

    def solution(self) -> Message:
        store.record_help(self.id, "solution_seen", True)
        return Message("solution", t(self.solution_key))

    def examples(self) -> tuple[list[Any], list[Any]]:
        """(right answers, wrong answers): the examples the tests run through ``check``."""
        right = self.right_answers() if callable(self.right_answers) else self.right_answers
        wrong = self.wrong_answers() if callable(self.wrong_answers) else self.wrong_answers
        return list(right), list(wrong)

    @property
    def hint_count(self) -> int:
        return len(self.hints)

    def __repr__(self) -> str:
        return f"<Task {self.id}: {t(self.title)}>"


_REGISTRY: dict[str, Task] = {}


def all_tasks() -> list[Task]:
    """Every registered task, in registration order (import the labs first: ``load_all()``)."""
    return list(_REGISTRY.values())


def load_all() -> list[Task]:
    """Import every lab's tasks module so the registry is complete."""
    import importlib
    import pkgutil

    import exercises

    for info in pkgutil.iter_modules(exercises.__path__):
        if info.ispkg and info.name != "core":
            try:
                importlib.import_module(f"exercises.{info.name}.tasks")
            except ModuleNotFoundError as err:
                if err.name != f"exercises.{info.name}.tasks":
                    raise
    return all_tasks()
