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


def book_build() -> float:
    with tempfile.TemporaryDirectory() as out:
        return _seconds([str(Path(sys.executable).with_name("jupyter-book")), "build", ".", "-W", "-n",
                         "--keep-going", "--path-output", out])


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
    print(f"book build (cold, -W -n):       {book_build():6.1f} s")
    print(f"venv size:                      {venv_mb():6.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
