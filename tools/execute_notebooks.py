"""Re-execute lab notebooks in place, storing outputs and widget state (``make notebooks``).

Each notebook runs with a fresh, empty work folder and the fixed course date, exactly as the
nbval tests run it, so the stored outputs are what the tests expect.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from tools.course import ROOT, notebooks

sys.path.insert(0, str(ROOT))
from exercises.core.clock import REFERENCE_DAY, TODAY_ENV  # noqa: E402
from exercises.core.store import WORK_DIR_ENV  # noqa: E402


def execute(path: Path, write: bool = True) -> float:
    """Execute one notebook as the tests do; store the result unless ``write`` is false.
    Returns the seconds the kernel took."""
    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory(prefix="mpl-work-") as work:
        os.environ[WORK_DIR_ENV] = work
        os.environ[TODAY_ENV] = REFERENCE_DAY
        client = NotebookClient(nb, timeout=300, kernel_name="python3", record_timing=False,
                                store_widget_state=True, resources={"metadata": {"path": str(path.parent)}})
        start = time.perf_counter()
        client.execute()
        elapsed = time.perf_counter() - start
    if write:
        nbformat.write(nb, path)
    return elapsed


def main(argv: list[str]) -> int:
    targets = [Path(a).resolve() for a in argv] or notebooks()
    for path in targets:
        elapsed = execute(path)
        print(f"executed {path.relative_to(ROOT)} in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
