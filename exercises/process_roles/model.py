"""Module 3 logic: the 14 steps in 4 phases of the Council of Europe IMC toolkit (the documented
model the C2C toolkit builds on) and who does what in a partnership. No widgets here.

An ordering answer is checked without giving the order away: how many steps are in place, which
phases hold a misplaced step, which positions were used twice.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from exercises import data

STEPS = "imc_steps"
ROLES = "partnership_roles"
ALL = "all"  # the scope "all 14 steps"; otherwise a scope is a phase id


def steps() -> pd.DataFrame:
    return data.load(STEPS).sort_values("step", kind="stable").reset_index(drop=True)


def phases(frame: pd.DataFrame | None = None) -> list[str]:
    """The phase ids in the order of their first step."""
    frame = steps() if frame is None else frame
    return list(dict.fromkeys(frame["phase"]))


def scopes(frame: pd.DataFrame | None = None) -> list[str]:
    return [ALL, *phases(frame)]


def expected_positions(scope: str = ALL, frame: pd.DataFrame | None = None) -> dict[str, int]:
    """Step id -> its right position: the step number for all 14 steps; 1, 2, ... inside a phase."""
    frame = steps() if frame is None else frame
    if scope != ALL:
        if scope not in phases(frame):
            raise KeyError(scope)
        frame = frame[frame["phase"] == scope]
    return {row.id: i for i, row in enumerate(frame.itertuples(index=False), start=1)}


def shown_order(scope: str = ALL, frame: pd.DataFrame | None = None) -> list[str]:
    """The steps as a trainee first sees them: by id, alphabetically, which is not the right order
    and is the same on every run (no random shuffle, so stored notebook outputs do not change)."""
    return sorted(expected_positions(scope, frame))


def phase_of(frame: pd.DataFrame | None = None) -> dict[str, str]:
    frame = steps() if frame is None else frame
    return dict(zip(frame["id"], frame["phase"], strict=True))


@dataclass(frozen=True)
class StepCheck:
    scope: str
    total: int
    in_place: int
    missing: list[str]
    duplicates: list[int]
    out_of_range: list[str]  # steps given a position outside 1..total
    phases_out: list[str]  # phases (in course order) with at least one step out of place

    @property
    def solved(self) -> bool:
        return not self.missing and not self.duplicates and not self.out_of_range and self.in_place == self.total


def _position(value: object) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = str(value).strip()
    return int(text) if text.lstrip("+-").isdigit() else None


def check_steps(answer: dict[str, object], scope: str = ALL, frame: pd.DataFrame | None = None) -> StepCheck:
    """Compare positions (step id -> position) with the toolkit's order, for all steps or one phase."""
    frame = steps() if frame is None else frame
    right = expected_positions(scope, frame)
    where = phase_of(frame)
    given: dict[str, int] = {}
    missing, out_of_range = [], []
    for step in right:
        pos = _position(answer.get(step))
        if pos is None:
            missing.append(step)
        elif not 1 <= pos <= len(right):
            out_of_range.append(step)
        else:
            given[step] = pos
    counts: dict[int, int] = {}
    for pos in given.values():
        counts[pos] = counts.get(pos, 0) + 1
    duplicates = sorted(p for p, n in counts.items() if n > 1)
    wrong = {step for step, pos in given.items() if pos != right[step]} | set(out_of_range)
    phases_out = [p for p in phases(frame) if any(where[s] == p for s in wrong)]
    in_place = sum(1 for step, pos in given.items() if pos == right[step])
    return StepCheck(scope, len(right), in_place, missing, duplicates, out_of_range, phases_out)


def scope_of(answer: dict[str, object], frame: pd.DataFrame | None = None) -> str | None:
    """Which scope an answer is for: all steps, or one phase (from the set of steps it names)."""
    frame = steps() if frame is None else frame
    named = set(answer)
    for scope in scopes(frame):
        if named == set(expected_positions(scope, frame)):
            return scope
    return None


# -- roles ----------------------------------------------------------------------------------


def roles() -> pd.DataFrame:
    """Tasks of the scenario and the role that does each, with the source (data order)."""
    return data.load(ROLES)


def role_ids(frame: pd.DataFrame | None = None) -> list[str]:
    frame = roles() if frame is None else frame
    return list(frame["role"])


def task_ids(frame: pd.DataFrame | None = None) -> list[str]:
    frame = roles() if frame is None else frame
    return list(frame["task"])


@dataclass(frozen=True)
class RoleCheck:
    total: int
    right: int
    missing: list[str]
    wrong: list[str]  # tasks whose chosen role is not the one in the sources

    @property
    def solved(self) -> bool:
        return not self.missing and not self.wrong


def check_roles(answer: dict[str, object], frame: pd.DataFrame | None = None) -> RoleCheck:
    frame = roles() if frame is None else frame
    right = dict(zip(frame["task"], frame["role"], strict=True))
    known = set(right.values())
    missing = [task for task in right if answer.get(task) not in known]
    wrong = [task for task in right if task not in missing and answer[task] != right[task]]
    return RoleCheck(len(right), len(right) - len(missing) - len(wrong), missing, wrong)
