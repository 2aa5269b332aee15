"""Module 1 logic: the partnership figures and the share calculation. No widgets here.

Why its own module: what the lab computes (which figures belong together, a share in
percent) is tested directly, without a browser or a kernel.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import pandas as pd

from exercises import data

FIGURES = "partnership_figures"


def figures() -> pd.DataFrame:
    return data.load(FIGURES)


def measures(frame: pd.DataFrame | None = None) -> list[str]:
    """The measures in the data, in the order they first appear (the file's teaching order)."""
    frame = figures() if frame is None else frame
    return list(dict.fromkeys(frame["measure"]))


def figures_for(measure: str, frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """The rows of one measure: dated figures by year, then those the source gives no date for."""
    frame = figures() if frame is None else frame
    rows = frame[frame["measure"] == measure]
    if rows.empty:
        raise KeyError(measure)
    return rows.sort_values(["year", "id"], na_position="last", kind="stable").reset_index(drop=True)


def chart_points(rows: pd.DataFrame) -> list[tuple[str, float]]:
    """(label, value) pairs to plot: only figures with a date, since an undated one has no place
    on a time line."""
    dated = rows[rows["year"].notna()]
    return [(str(r.as_of), float(r.value)) for r in dated.itertuples()]


class ShareError(ValueError):
    """Why a share cannot be computed; ``code`` names the message the widget shows."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Share:
    part: int
    whole: int
    percent: Decimal  # rounded half up to one decimal place


def to_whole_number(raw: object) -> int:
    """Read a count typed by a trainee ("1 469", "1,469", 1469) or raise ``ShareError``."""
    if isinstance(raw, bool):
        raise ShareError("not_a_number")
    if isinstance(raw, int):
        return raw
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "").replace(",", "")
    try:
        value = Decimal(text)
    except InvalidOperation as err:
        raise ShareError("not_a_number") from err
    if value != value.to_integral_value():
        raise ShareError("not_whole")
    return int(value)


def share_percent(part: object, whole: object) -> Share:
    """``part`` as a percentage of ``whole``, one decimal place, rounded half up.

    Raises ``ShareError`` when the inputs cannot be a count of hromadas (either one empty,
    negative, a part larger than the whole).
    """
    if any(x is None or str(x).strip() == "" for x in (part, whole)):
        raise ShareError("missing")
    p, w = to_whole_number(part), to_whole_number(whole)
    if w == 0 and p == 0:
        raise ShareError("missing")
    if p < 0 or w < 0:
        raise ShareError("negative")
    if w == 0:
        raise ShareError("zero_whole")
    if p > w:
        raise ShareError("part_larger")
    percent = (Decimal(p) * 100 / Decimal(w)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return Share(p, w, percent)
