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


_CONVERT = {
    "string": lambda v: v,
    "integer": int,
    "number": float,
}


def validate(frame: pd.DataFrame, schema: dict[str, Any], where: str) -> pd.DataFrame:
    """Check columns, types and constraints; return the frame with typed columns."""
    fields = schema["fields"]
    names = [f["name"] for f in fields]
    if list(frame.columns) != names:
        raise DataError(f"{where}: columns are {list(frame.columns)}, expected {names}")
    out = {}
    for spec in fields:
        name, kind = spec["name"], spec.get("type", "string")
        rules = spec.get("constraints", {})
        values = []
        for row, raw in enumerate(frame[name].tolist(), start=2):  # row 1 is the header
            text = "" if raw is None or (isinstance(raw, float) and pd.isna(raw)) else str(raw).strip()
            if not text:
                if rules.get("required"):
                    raise DataError(f"{where}, row {row}: {name} is required")
                values.append(None)
                continue
            try:
                value = _CONVERT[kind](text)
            except ValueError as err:
                raise DataError(f"{where}, row {row}: {name} should be {kind}, got {text!r}") from err
            if "enum" in rules and value not in rules["enum"]:
                raise DataError(f"{where}, row {row}: {name} {value!r} is not one of {rules['enum']}")
            if "minimum" in rules and value < rules["minimum"]:
                raise DataError(f"{where}, row {row}: {name} {value} is below {rules['minimum']}")
            values.append(value)
        if rules.get("unique"):
            seen = [v for v in values if v is not None]
            if len(seen) != len(set(seen)):
                raise DataError(f"{where}: {name} has duplicate values")
        dtype = {"integer": "Int64", "number": "float64"}.get(kind, "object")
        out[name] = pd.Series(values, dtype=dtype)
    return pd.DataFrame(out)


@cache
def _load(name: str) -> pd.DataFrame:
    res = resource(name)
    path = DATA_DIR / res["path"]
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    return validate(frame, res["schema"], f"data/{res['path']}")


def load(name: str) -> pd.DataFrame:
    """A validated copy of a data table (a copy, so a lab cannot change the cached one)."""
    return _load(name).copy()
