"""Module 5 logic: document types and their essential clauses, checking an agreement outline,
and the dated events of the partnership cases. No widgets here.

Why data: which clauses are essential for a letter of intent, a declaration, a memorandum or an
agreement is a *course synthesis* (the Guidelines' templates were not available), so it lives in
``data/outline_clauses.csv`` with the source that informs each clause, where a trainer can change
it without touching code. The case events (``data/case_events.csv``) refer to the cases of
``data/partnership_cases.csv`` by id; a "what came first" question is only asked where the dates
in the sources decide it.
"""

from __future__ import annotations

import re
import unicodedata
from calendar import monthrange
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache

import pandas as pd

from exercises import data

MAX_TEXT = 3000  # characters per clause: an outline, not the full legal text
MAX_TITLE = 200

# Characters Word's XML cannot hold, or that a trainee never means to type: C0 controls except
# tab and newline, DEL, C1 controls, lone surrogates and the two non-characters U+FFFE/U+FFFF.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


class OutlineInputError(ValueError):
    """Why an outline cannot be read; ``code`` names the message, ``field`` the input."""

    def __init__(self, code: str, field: str = "", **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.field = field
        self.params = params


def clean_text(raw: object) -> str:
    """Trainee text as plain text: line ends made ``\\n``, control characters removed,
    composed to NFC (so "ї" typed in two keystrokes equals "ї"), ends stripped."""
    text = "" if raw is None else str(raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", _CONTROL.sub("", text)).strip()


# -- document types and clauses ------------------------------------------------------------
@cache
def _clauses() -> pd.DataFrame:
    return data.load("outline_clauses")


def clause_table() -> pd.DataFrame:
    return _clauses().copy()


def doc_types() -> list[str]:
    """Document types in the file's order (from the least to the most binding)."""
    return list(dict.fromkeys(_clauses()["doc_type"]))


def clauses() -> list[str]:
    """Every clause, in the order the builder shows them."""
    return list(dict.fromkeys(_clauses()["clause"]))


def essential(doc_type: str) -> list[str]:
    """The essential clauses of a document type, in clause order."""
    if doc_type not in doc_types():
        raise OutlineInputError("unknown_type", "doc_type", doc_type=doc_type)
    rows = _clauses()[(_clauses()["doc_type"] == doc_type) & _clauses()["essential"].astype(bool)]
    return list(rows["clause"])


def clause_row(doc_type: str, clause: str) -> dict:
    rows = _clauses()[(_clauses()["doc_type"] == doc_type) & (_clauses()["clause"] == clause)]
    if rows.empty:
        raise OutlineInputError("unknown_clause", clause, clause=clause)
    return rows.iloc[0].to_dict()


# -- the outline ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Clause:
    included: bool
    text: str


@dataclass(frozen=True)
class Outline:
    doc_type: str
    title: str
    clauses: Mapping[str, Clause]

    def included(self) -> list[str]:
        return [c for c in clauses() if self.clauses.get(c, Clause(False, "")).included]


@dataclass(frozen=True)
class OutlineCheck:
    """What the check found: essential clauses not ticked (``missing``), essential clauses
    ticked but with no text (``empty``), and other ticked clauses with no text (``blank_optional``)."""

    doc_type: str
    missing: tuple[str, ...] = ()
    empty: tuple[str, ...] = ()
    blank_optional: tuple[str, ...] = ()
    essential: tuple[str, ...] = field(default=())

    @property
    def complete(self) -> bool:
        return not self.missing and not self.empty

    @property
    def problems(self) -> tuple[str, ...]:
        """Essential clauses that are missing or empty, in clause order."""
        bad = set(self.missing) | set(self.empty)
        return tuple(c for c in clauses() if c in bad)


def _as_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return bool(value) if isinstance(value, int) else False


def parse_outline(raw: Mapping[str, object]) -> Outline:
    """An outline from what the builder (or a saved portfolio) holds:
    ``{"doc_type": ..., "title": ..., "clauses": {clause: {"included": bool, "text": str}}}``.

    Unknown clauses are ignored (a file from a later edition of the course); text is cleaned.
    Raises ``OutlineInputError`` for an unknown document type or a text that is too long.
    """
    if not isinstance(raw, Mapping):
        raise OutlineInputError("wrong_form")
    doc_type = raw.get("doc_type")
    if doc_type not in doc_types():
        raise OutlineInputError("unknown_type", "doc_type", doc_type=str(doc_type))
    title = " ".join(clean_text(raw.get("title")).split())  # one line: it becomes the heading
    if len(title) > MAX_TITLE:
        raise OutlineInputError("too_long", "title", limit=MAX_TITLE, length=len(title))
    given = raw.get("clauses") or {}
    if not isinstance(given, Mapping):
        raise OutlineInputError("wrong_form")
    result: dict[str, Clause] = {}
    for name in clauses():
        entry = given.get(name) or {}
        if not isinstance(entry, Mapping):
            entry = {}
        text = clean_text(entry.get("text"))
        if len(text) > MAX_TEXT:
            raise OutlineInputError("too_long", name, limit=MAX_TEXT, length=len(text))
        result[name] = Clause(_as_bool(entry.get("included")), text)
    return Outline(doc_type, title, result)


def check_outline(outline: Outline) -> OutlineCheck:
    """Are the essential clauses of the document type there, and do they say something?"""
    needed = essential(outline.doc_type)
    missing, empty, blank_optional = [], [], []
    for name in clauses():
        entry = outline.clauses.get(name, Clause(False, ""))
        if name in needed and not entry.included:
            missing.append(name)
        elif entry.included and not entry.text.strip():
            (empty if name in needed else blank_optional).append(name)
    return OutlineCheck(outline.doc_type, tuple(missing), tuple(empty), tuple(blank_optional), tuple(needed))


def to_raw(outline: Outline) -> dict:
    """The JSON form kept in the portfolio (what ``parse_outline`` reads back)."""
    return {"doc_type": outline.doc_type, "title": outline.title,
            "clauses": {n: {"included": c.included, "text": c.text} for n, c in outline.clauses.items()}}


def empty_outline(doc_type: str | None = None) -> Outline:
    kind = doc_type or doc_types()[0]
    return Outline(kind, "", {n: Clause(False, "") for n in clauses()})


# -- case events: what came first? ---------------------------------------------------------
_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def period(text: str) -> tuple[date, date]:
    """The first and last day a partial date can mean: "2017" is the whole year,
    "2022-11" the whole month, "2023-03-15" one day."""
    match = _PERIOD.match(str(text).strip())
    if not match:
        raise ValueError(f"not a date like 2017, 2022-11 or 2023-03-15: {text!r}")
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    if day is None:
        return date(year, month, 1), date(year, month, monthrange(year, month)[1])
    d = date(year, month, day)
    return d, d


@dataclass(frozen=True)
class Event:
    case_id: str
    event: str
    date_text: str
    earliest: date | None  # first day it can have happened
    latest: date | None  # last day it can have happened
    source: str
    url: str


@cache
def _events() -> tuple[Event, ...]:
    out = []
    for r in data.load("case_events").itertuples():
        earliest = period(r.not_before)[0] if isinstance(r.not_before, str) else None
        latest = period(r.not_after)[1] if isinstance(r.not_after, str) else None
        out.append(Event(r.case_id, r.event, r.date, earliest, latest, r.source, r.url))
    return tuple(out)


def events(case_id: str) -> list[Event]:
    return [e for e in _events() if e.case_id == case_id]


def cases() -> pd.DataFrame:
    """The real cases (data/partnership_cases.csv), indexed by id."""
    return data.load("partnership_cases").set_index("id")


def question_events(case_id: str) -> list[Event]:
    """The events that can enter a "what came first?" question: those whose earliest date the
    sources give (an event that may have happened at any time cannot be placed)."""
    return [e for e in events(case_id) if e.earliest is not None]


def first_event(case_id: str) -> str | None:
    """The event that certainly came first among the question's events: it ended before every
    other one could begin. ``None`` when the dates do not decide it."""
    candidates = question_events(case_id)
    for e in candidates:
        others = [o for o in candidates if o is not e]
        if others and e.latest is not None and all(e.latest < o.earliest for o in others):
            return e.event
    return None


def decidable_cases() -> list[str]:
    """Cases with at least two dated events whose order the sources decide, in the data's order."""
    return [c for c in dict.fromkeys(e.case_id for e in _events()) if first_event(c) is not None]
