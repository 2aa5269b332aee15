"""Performance figures for the README (``make bench``). Measured, never asserted in tests.

Targets (issue 2): a widget update under 100 ms; each notebook under 15 s.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tools.course import ROOT, notebooks
from tools.execute_notebooks import execute


def _seconds(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def import_time() -> float:
    base = min(_seconds([sys.executable, "-c", "pass"]) for _ in range(3))
    full = min(_seconds([sys.executable, "-c", "import exercises.why_partnership, exercises.welcome"])
               for _ in range(3))
    return full - base


def widget_rounds(repeats: int = 20) -> tuple[float, float]:
    """Median ms for: typing a number into the share calculator; choosing another figure (chart redrawn)."""
    os.environ.setdefault("MUNICIPAL_LAB_WORK_DIR", tempfile.mkdtemp(prefix="mpl-bench-"))
    from exercises.why_partnership import model
    from exercises.why_partnership.widget import explorer

    ex = explorer()
    ex.whole.value = "1469"
    typing, choosing = [], []
    measures = model.measures()
    for i in range(repeats):
        start = time.perf_counter()
        ex.part.value = str(300 + i)
        assert str(300 + i) in ex.result.value
        typing.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        ex.measure.value = measures[(i + 1) % len(measures)]
        assert "<img" in ex.chart.value or "Note" in ex.chart.value
        choosing.append((time.perf_counter() - start) * 1000)
    return statistics.median(typing), statistics.median(choosing)


def partner_selection() -> dict[str, float]:
    """Module 4: load the places, filter and rank all of them for one weight change, and a
    full widget update (weight changed -> table and chart redrawn)."""
    from exercises import data
    from exercises.partner_selection import model
    from exercises.partner_selection.widget import explorer

    start = time.perf_counter()
    data._load.cache_clear()
    frame = data.load("places")
    load_s = time.perf_counter() - start
    model.places.cache_clear()
    model.places()
    home = model.place(710400)
    p = model.pool(home, model.Settings())
    rank_all, rank_top, pool_ms = [], [], []
    for i in range(10):
        weights = {**p.settings.weights, "C8": 5.0 + i}
        start = time.perf_counter()
        model.rank(p.frame, weights, model.measured_codes())
        rank_all.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        model.rank(p.frame, weights, model.measured_codes(), top=50)
        rank_top.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        model.pool(home, model.Settings(max_distance_km=1000 + i))
        pool_ms.append((time.perf_counter() - start) * 1000)
    ex = explorer()
    updates = []
    for i in range(10):
        start = time.perf_counter()
        ex.weights["C8"].value = 10 + i
        updates.append((time.perf_counter() - start) * 1000)
    size_mb = (data.DATA_DIR / "places.csv.gz").stat().st_size / 1e6
    return {"places": len(frame), "file_mb": size_mb, "load_s": load_s, "pool_ms": statistics.median(pool_ms),
            "rank_all_ms": statistics.median(rank_all), "rank_top_ms": statistics.median(rank_top),
            "update_ms": statistics.median(updates)}


def budgeting() -> dict[str, float]:
    """Module 6: totals and every rule check for a 500-line budget; its xlsx export."""
    from decimal import Decimal

    from exercises.budgeting import export, model

    base = model.example_lines()
    lines = [base[i % len(base)] for i in range(500)]
    rates = {"PLN": model.entered_rate("PLN", "4.3069", "inforeuro"),
             "UAH": model.entered_rate("UAH", "44", "inforeuro")}
    project = model.Project("skew", months=12, requested=Decimal("20000"))
    recompute = []
    for _ in range(10):
        start = time.perf_counter()
        total = model.totals(lines, rates)
        checks = model.check_rules(project, lines, total)
        recompute.append((time.perf_counter() - start) * 1000)
    start = time.perf_counter()
    export.export(lines, rates, project, checks)
    return {"recompute_ms": statistics.median(recompute), "export_s": time.perf_counter() - start}


def dossier() -> float:
    """Module 8: the dossier for a portfolio with 20 partners, 300 budget lines, 40 indicators."""
    from exercises.budgeting import model as budget
    from exercises.core import store
    from exercises.reporting import export
    from exercises.reporting.widget import progress_chart

    ids = [761168, 724144, 665850, 618120, 765876, 3081368] * 4
    store.put_work("partner_selection", "explorer", {"shortlist": ids[:20],
                                                     "shortlist_names": [str(i) for i in ids[:20]],
                                                     "soft": {str(i): {"C1": 2} for i in ids[:20]}})
    lines = [dict(budget.EXAMPLE_LINES[i % 4]) for i in range(300)]  # EUR and PLN lines
    store.put_work("budgeting", "budget", {"lines": lines, "project": {"funding_line": "own", "participants": "0",
                   "invited": "0", "months": "1", "countries": ["UA"], "requested": "0"},
                   "rates": {"start": "2024-03-01", "end": "2024-03-31"}})
    indicators = [{"name": f"Indicator {i}", "kind": "output", "baseline": "0", "target": "10", "result": 0,
                   "actuals": ["3", "5"]} for i in range(40)]
    store.put_work("reporting", "report", {"logframe": {"overall_objective": ["A"], "specific_objective": ["B"],
                   "result": ["C"], "activity": [{"text": "D", "serves": 0}], "indicators": indicators}})
    start = time.perf_counter()
    png, alt = progress_chart([i["name"] for i in indicators], [0.5] * 40, ["on track"] * 40)
    result = export.export_dossier(store.load(), png, alt)
    assert result.workbook is not None
    return time.perf_counter() - start


def page_weights(build_dir: Path) -> dict[str, float]:
    return {p.stem: p.stat().st_size / 1e6 for p in sorted((build_dir / "notebooks").glob("*.html"))}


def book_build() -> tuple[float, dict[str, float]]:
    with tempfile.TemporaryDirectory() as out:
        seconds = _seconds([str(Path(sys.executable).with_name("jupyter-book")), "build", ".", "-W", "-n",
                            "--keep-going", "--path-output", out])
        return seconds, page_weights(Path(out) / "_build" / "html")


def venv_mb() -> float:
    venv = Path(sys.prefix)
    return sum(p.stat().st_size for p in venv.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def main() -> int:
    print(f"package import:                 {import_time():6.2f} s")
    typing, choosing = widget_rounds()
    print(f"widget update (share typed):    {typing:6.1f} ms  (target < 100 ms)")
    print(f"widget update (figure + chart): {choosing:6.1f} ms  (target < 100 ms)")
    for nb in notebooks():
        print(f"notebook {nb.name:<28}{execute(nb, write=False):5.1f} s  (target < 15 s; kernel start included)")
    ps = partner_selection()
    print(f"places data:                    {ps['places']:,} places, {ps['file_mb']:.1f} MB gz, "
          f"loaded in {ps['load_s']:.2f} s")
    print(f"filter all places (new pool):   {ps['pool_ms']:6.1f} ms")
    print(f"rank all places (weight moved): {ps['rank_all_ms']:6.1f} ms  (target < 50 ms); top 50 only: "
          f"{ps['rank_top_ms']:.1f} ms")
    print(f"explorer update (weight moved): {ps['update_ms']:6.1f} ms  (target < 150 ms; table, chart, what-if)")
    bud = budgeting()
    print(f"budget of 500 lines, totals+rules:{bud['recompute_ms']:6.1f} ms  (target < 50 ms)")
    print(f"budget of 500 lines, xlsx export: {bud['export_s']:6.2f} s  (target < 1 s)")
    print(f"dossier (20 partners, 300 lines, 40 indicators): {dossier():5.2f} s  (target < 3 s)")
    seconds, pages = book_build()
    print(f"book build (cold, -W -n):       {seconds:6.1f} s")
    for name, mb in pages.items():
        print(f"  page weight {name + '.html':<28}{mb:5.2f} MB")
    print(f"venv size:                      {venv_mb():6.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
