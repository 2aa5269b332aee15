"""The one clock of the course.

Why: stored notebook outputs are compared strictly by nbval, and a trainee's saved work is
stamped with a time. Anything that depends on "today" asks this module, and the environment
variable ``MUNICIPAL_LAB_TODAY`` (an ISO date, e.g. ``2026-01-15``) fixes it, so outputs are the
same on every run.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, time

TODAY_ENV = "MUNICIPAL_LAB_TODAY"


def fixed_today() -> date | None:
    """The date fixed by the environment, or ``None`` when the real clock is used."""
    raw = os.environ.get(TODAY_ENV, "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError as err:
        raise ValueError(f"{TODAY_ENV} must be a date like 2026-01-15, not {raw!r}") from err


def today() -> date:
    return fixed_today() or date.today()


def now() -> datetime:
    """The current time in UTC; with a fixed date, noon UTC of that date."""
    fixed = fixed_today()
    if fixed is not None:
        return datetime.combine(fixed, time(12, 0), tzinfo=UTC)
    return datetime.now(UTC).replace(microsecond=0)


def stamp() -> str:
    """``now()`` as an ISO 8601 string, the form stored in the portfolio."""
    return now().isoformat()

# The date lab notebooks are executed at (by ``make notebooks`` and the nbval tests), so their
# stored outputs never depend on the day they were run. Any date works; it is fixed once here.
REFERENCE_DAY = "2026-06-01"
