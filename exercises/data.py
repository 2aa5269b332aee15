"""Load the course's data files and check them against ``data/datapackage.json``.

Why validate on every load: the files are edited by hand when a figure or a rule changes
(see the trainer guide). A typo should stop with a message naming the file, row and column,
not surface later as a wrong number in a lab.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
PACKAGE = "datapackage.json"


class DataError(ValueError):
    """A data file does not match its schema; the message says where."""


@lru_cache(maxsize=1)
def package() -> dict[str, Any]:
    return json.loads((DATA_DIR / PACKAGE).read_text(encoding="utf-8"))


def resource(name: str) -> dict[str, Any]:
    for res in package()["resources"]:
        if res["name"] == name:
            return res
    raise DataError(f"no resource named {name!r} in data/{PACKAGE}")


def _boolean(text: str) -> bool:
    if text == "true":
        return True
    if text == "false":
        return False
    raise ValueError(text)


_CONVERT = {
    "string": lambda v: v,
    "integer": int,
    "number": float,
    "boolean": _boolean,
}
_BOOLEAN = {"true": True, "false": False}


def _check_cell(text: str, spec: dict[str, Any], where: str, row: int) -> Any:
    """The value of one cell, or a DataError naming the row: the rules, one cell at a time."""
    name, kind = spec["name"], spec.get("type", "string")
    rules = spec.get("constraints", {})
    if not text:
        if rules.get("required"):
            raise DataError(f"{where}, row {row}: {name} is required")
        return None
    try:
        value = _CONVERT[kind](text)
    except ValueError as err:
        raise DataError(f"{where}, row {row}: {name} should be {kind}, got {text!r}") from err
    if "enum" in rules and value not in rules["enum"]:
        raise DataError(f"{where}, row {row}: {name} {value!r} is not one of {rules['enum']}")
    if "minimum" in rules and value < rules["minimum"]:
        raise DataError(f"{where}, row {row}: {name} {value} is below {rules['minimum']}")
    if "maximum" in rules and value > rules["maximum"]:
        raise DataError(f"{where}, row {row}: {name} {value} is above {rules['maximum']}")
    return value


class _Bad(Exception):
    """Some cell of a column breaks a rule: look for the first one, cell by cell."""


def _typed(texts: list[str], kind: str, rules: dict[str, Any]) -> pd.Series:
    """The column in one go (list comprehensions, whole-array comparisons): fast on a large table.
    Raises _Bad, without saying where, if any cell breaks a rule."""
    if rules.get("required") and "" in texts:
        raise _Bad
    try:
        if kind == "string":
            series = pd.Series([t or None for t in texts], dtype=object)
        elif kind == "boolean":
            series = pd.Series([_BOOLEAN[t] if t else None for t in texts], dtype="boolean")
        elif kind == "integer":
            values = [int(t) if t else None for t in texts]
            series = (pd.Series(np.array(values, dtype=np.int64), dtype="Int64") if "" not in texts
                      else pd.Series(values, dtype="Int64"))
        else:
            series = pd.Series([float(t) if t else None for t in texts], dtype="float64")
    except (ValueError, KeyError, OverflowError) as err:
        raise _Bad from err
    if "enum" in rules:
        allowed = rules["enum"]
        if any(v not in allowed for v in series.dropna().drop_duplicates()):
            raise _Bad
    if "minimum" in rules and (series < rules["minimum"]).fillna(False).any():
        raise _Bad
    if "maximum" in rules and (series > rules["maximum"]).fillna(False).any():
        raise _Bad
    return series


def _column(raw: pd.Series, spec: dict[str, Any], where: str) -> pd.Series:
    """One checked, typed column. When a cell is bad, the message names its row."""
    name, kind = spec["name"], spec.get("type", "string")
    if kind not in _CONVERT:
        raise DataError(f"{where}: {name} has type {kind!r}; known: {sorted(_CONVERT)}")
    rules = spec.get("constraints", {})
    cells = raw.tolist()
    try:
        texts = [cell.strip() for cell in cells]
    except AttributeError:  # not all strings: None, NaN, numbers
        texts = ["" if c is None or (isinstance(c, float) and pd.isna(c)) else str(c).strip() for c in cells]
    try:
        series = _typed(texts, kind, rules)
    except _Bad:
        for row, text in enumerate(texts, start=2):  # row 1 is the header
            _check_cell(text, spec, where, row)
        raise DataError(f"{where}: {name} could not be read") from None  # not reached
    if rules.get("unique") and series.dropna().duplicated().any():
        raise DataError(f"{where}: {name} has duplicate values")
    return series


def validate(frame: pd.DataFrame, schema: dict[str, Any], where: str) -> pd.DataFrame:
    """Check columns, types and constraints; return the frame with typed columns.

    Types: string, integer, number, boolean ("true"/"false"). Constraints: required, unique,
    enum, minimum, maximum. The first bad cell stops the load with "<where>, row N: <column> ...".
    """
    fields = schema["fields"]
    names = [f["name"] for f in fields]
    if list(frame.columns) != names:
        raise DataError(f"{where}: columns are {list(frame.columns)}, expected {names}")
    return pd.DataFrame({spec["name"]: _column(frame[spec["name"]], spec, where) for spec in fields})


_COMPRESSION = {None: None, "gz": "gzip", "gzip": "gzip"}


@cache
def _load(name: str) -> pd.DataFrame:
    res = resource(name)
    path = DATA_DIR / res["path"]
    if res.get("compression") not in _COMPRESSION:
        raise DataError(f"data/{res['path']}: compression {res['compression']!r} is not supported (gz only)")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8",
                        compression=_COMPRESSION[res.get("compression")] or "infer")
    return validate(frame, res["schema"], f"data/{res['path']}")


def load(name: str) -> pd.DataFrame:
    """A validated copy of a data table (a copy, so a lab cannot change the cached one)."""
    return _load(name).copy()
