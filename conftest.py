"""Test-wide set-up, for the unit tests and for nbval alike.

- Every run uses the fixed course date and never the trainee's real ``my_work/``.
- nbval: each notebook gets a fresh, empty work folder, set before its kernel starts.
- Under CI (``CI=true``) a skipped test fails the run: a skip there means something the
  tests need (Chromium, a built book) is missing, which must not pass silently.
"""

from __future__ import annotations

import os
import tempfile

import pytest

from exercises.core.clock import REFERENCE_DAY, TODAY_ENV
from exercises.core.store import WORK_DIR_ENV

os.environ[TODAY_ENV] = REFERENCE_DAY
os.environ[WORK_DIR_ENV] = tempfile.mkdtemp(prefix="mpl-tests-")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    parent = item.parent
    if type(parent).__name__ == "IPyNbFile" and not getattr(parent, "_mpl_work_dir", None):
        parent._mpl_work_dir = tempfile.mkdtemp(prefix="mpl-nbval-")
        os.environ[WORK_DIR_ENV] = parent._mpl_work_dir


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if os.environ.get("CI", "").lower() != "true":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reporter.write_line(f"CI=true: {len(skipped)} skipped test(s) count as failures.", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
