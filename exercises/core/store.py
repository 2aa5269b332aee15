"""The trainee's portfolio and progress, kept in ``my_work/portfolio.json``.

Why so careful: this file is a trainee's work (a shortlist, a budget, a logframe) and a Binder
session can be killed at any moment. So the file is written atomically (a temporary file in the
same folder, flushed to disk, then renamed over the old one: a crash leaves the old file or the
new one, never half of each), and a file that cannot be read is moved aside and reported,
never silently overwritten.
"""

from __future__ import annotations

import copy
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from exercises.core import clock
from exercises.core.i18n import t

WORK_DIR_ENV = "MUNICIPAL_LAB_WORK_DIR"
PORTFOLIO_NAME = "portfolio.json"
SCHEMA = 1
_COURSE_ROOT = Path(__file__).resolve().parents[2]

# Notices to show the trainee once (e.g. "your file was damaged and set aside").
_pending_notices: list[str] = []


def work_dir() -> Path:
    """Where the trainee's work lives: ``$MUNICIPAL_LAB_WORK_DIR``; else ``my_work/`` at the
    course root (next to ``_toc.yml``) when the trainee may write there; else ``~/my_work``
    (a course installed for everyone on a hub is not the trainee's to write in)."""
    override = os.environ.get(WORK_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    if (_COURSE_ROOT / "_toc.yml").exists() and os.access(_COURSE_ROOT, os.W_OK):
        return _COURSE_ROOT / "my_work"
    return Path.home() / "my_work"


def portfolio_path() -> Path:
    return work_dir() / PORTFOLIO_NAME


def empty_portfolio() -> dict[str, Any]:
    return {"schema": SCHEMA, "saved_at": None, "progress": {}, "work": {}}


def is_valid(data: Any) -> bool:
    """The shape every portfolio must have (what restore also checks)."""
    return (
        isinstance(data, dict)
        and data.get("schema") == SCHEMA
        and isinstance(data.get("progress"), dict)
        and isinstance(data.get("work"), dict)
        and (data.get("saved_at") is None or isinstance(data.get("saved_at"), str))
    )


def _set_aside(path: Path) -> Path:
    """Rename a damaged file so nothing overwrites it; return its new name."""
    base = clock.now().strftime("%Y%m%dT%H%M%S")
    n = 0
    while True:
        suffix = f"-{n}" if n else ""
        target = path.with_name(f"{path.stem}.damaged-{base}{suffix}{path.suffix}")
        if not target.exists():
            path.rename(target)
            return target
        n += 1


def load() -> dict[str, Any]:
    """The portfolio, or an empty one. A damaged file is moved aside and a notice queued."""
    path = portfolio_path()
    if not path.exists():
        return empty_portfolio()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        data = None
    if not is_valid(data):
        aside = _set_aside(path)
        _pending_notices.append(t("core.store.damaged", name=aside.name, folder=str(path.parent.name)))
        return empty_portfolio()
    return data


def write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON so that a crash at any moment leaves either the old or the new file whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=2, sort_keys=True)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save(data: dict[str, Any]) -> dict[str, Any]:
    """Stamp and write the portfolio atomically; returns what was written."""
    if not is_valid(data):
        raise ValueError("refusing to save a portfolio of the wrong shape")
    data = copy.deepcopy(data)
    data["saved_at"] = clock.stamp()
    write_json_atomic(portfolio_path(), data)
    return data


def update(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    """Load, apply ``change`` to the portfolio, save. The one way labs modify it."""
    data = load()
    change(data)
    return save(data)


def record_attempt(task_id: str, *, solved: bool) -> None:
    def change(data: dict[str, Any]) -> None:
        entry = data["progress"].setdefault(task_id, {"attempts": 0, "solved": False})
        entry["attempts"] = int(entry.get("attempts", 0)) + 1
        entry["solved"] = bool(entry.get("solved")) or solved
        entry["last_attempt"] = clock.stamp()

    _best_effort(change)


def record_help(task_id: str, what: str, value: Any) -> None:
    def change(data: dict[str, Any]) -> None:
        entry = data["progress"].setdefault(task_id, {"attempts": 0, "solved": False})
        if what == "hints":
            entry["hints"] = max(int(entry.get("hints", 0)), int(value))
        else:
            entry[what] = value

    _best_effort(change)


def _best_effort(change: Callable[[dict[str, Any]], None]) -> None:
    """Progress is a convenience: a read-only disk must not break an exercise check."""
    try:
        update(change)
    except OSError as err:
        _pending_notices.append(t("core.store.cannot_write", error=err.strerror or str(err)))


def get_work(lab: str, key: str, default: Any = None) -> Any:
    return load()["work"].get(lab, {}).get(key, default)


def put_work(lab: str, key: str, value: Any) -> dict[str, Any]:
    """Save one piece of a lab's work (must be JSON-serialisable)."""
    json.dumps(value)  # fail here, before touching the file, if it cannot be stored

    def change(data: dict[str, Any]) -> None:
        data["work"].setdefault(lab, {})[key] = value

    return update(change)


def progress() -> dict[str, Any]:
    return load()["progress"]


def take_notices() -> list[str]:
    """Notices queued for the trainee (damaged file, unwritable folder), each shown once."""
    notices = list(_pending_notices)
    _pending_notices.clear()
    return notices
