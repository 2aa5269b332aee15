"""Module 7 logic: the three regimes for assistance a hromada receives, the steps each needs,
and the check of a trainee's plan of steps. No widgets here.

Why data: the legal basis of each regime and the steps of the humanitarian aid procedure are
real-world rules (``data/assistance_regimes.csv``, ``data/assistance_steps.csv``, each row with
its source); the report period is the one in ``data/aid_reporting.csv``, shared with the
Module 8 lab. A step's ``after`` column says which steps must come before it: a plan is right
when it follows that partial order, whatever it does with steps the sources do not order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

import pandas as pd

from exercises import data

SKIP = "skip"  # the plan's value for "not needed"


@dataclass(frozen=True)
class Step:
    regime: str
    id: str
    after: tuple[str, ...]
    until: date | None  # the day the step stopped applying; None: it still applies
    source: str
    url: str
    note: str


@cache
def _regimes() -> pd.DataFrame:
    return data.load("assistance_regimes").set_index("id")


def regimes() -> pd.DataFrame:
    return _regimes().copy()


def regime_ids() -> list[str]:
    return list(_regimes().index)


@cache
def _steps() -> tuple[Step, ...]:
    out = []
    for r in data.load("assistance_steps").itertuples():
        after = tuple(s for s in (r.after or "").split("|") if s)
        until = date.fromisoformat(r.until) if isinstance(r.until, str) else None
        out.append(Step(r.regime, r.step, after, until, r.source, r.url, r.note or ""))
    return tuple(out)


def steps(regime: str) -> list[Step]:
    """The steps a recipient takes under a regime today (steps that have ended are left out),
    in the file's order, which respects every ``after``."""
    if regime not in regime_ids():
        raise KeyError(regime)
    return [s for s in _steps() if s.regime == regime and s.until is None]


def ended_steps(regime: str) -> list[Step]:
    """Steps the sources say applied only until a date (e.g. paper declarations)."""
    return [s for s in _steps() if s.regime == regime and s.until is not None]


def step(step_id: str) -> Step:
    for s in _steps():
        if s.id == step_id:
            return s
    raise KeyError(step_id)


def report_days() -> int:
    """The period for the report on humanitarian aid, in calendar days after customs clearance."""
    rule = data.load("aid_reporting").set_index("id").loc["humanitarian_aid_report"]
    return int(rule["days"])


# -- checking a plan ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Problem:
    """One thing wrong with a plan. ``kind``: unanswered, needed_skipped, not_needed_numbered,
    duplicate, order. ``step`` and ``other`` name steps; ``number`` a repeated number."""

    kind: str
    step: str = ""
    other: str = ""
    number: int = 0


def _number(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 1 else None
    if isinstance(value, str) and value.strip().isdigit():
        number = int(value.strip())
        return number if number >= 1 else None
    return None


def check_plan(plan: Mapping[str, object], listed: Sequence[str], needed: Sequence[Step]) -> list[Problem]:
    """Check a plan: for each listed step, a number (its place in the sequence) or ``SKIP``.

    Needed steps must be numbered, other steps skipped, no number used twice, and every step
    numbered after the steps it must follow. Problems come in the order of ``listed``.
    """
    needed_ids = {s.id for s in needed}
    problems: list[Problem] = []
    numbers: dict[str, int] = {}
    for sid in listed:
        value = plan.get(sid)
        number = _number(value)
        if value is None or (value != SKIP and number is None):
            problems.append(Problem("unanswered", sid))
        elif value == SKIP:
            if sid in needed_ids:
                problems.append(Problem("needed_skipped", sid))
        elif sid not in needed_ids:
            problems.append(Problem("not_needed_numbered", sid))
        else:
            numbers[sid] = number
    seen: dict[int, int] = {}
    for number in numbers.values():
        seen[number] = seen.get(number, 0) + 1
    problems += [Problem("duplicate", number=n) for n, count in sorted(seen.items()) if count > 1]
    for s in needed:
        for before in s.after:
            if s.id in numbers and before in numbers and numbers[s.id] <= numbers[before]:
                if numbers[s.id] != numbers[before]:  # an equal number is already a duplicate
                    problems.append(Problem("order", s.id, before))
    return problems
