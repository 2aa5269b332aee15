from __future__ import annotations

import pytest

from exercises.core import i18n, store
from exercises.core.tasks import load_all


@pytest.fixture(autouse=True)
def work_dir(tmp_path, monkeypatch):
    """Each test gets its own empty work folder, the default locale and fresh hint counters."""
    folder = tmp_path / "my_work"
    monkeypatch.setenv(store.WORK_DIR_ENV, str(folder))
    i18n.set_locale(None)
    for task in load_all():
        task._hints_shown = 0
    store.take_notices()
    yield folder
    i18n.set_locale(None)
