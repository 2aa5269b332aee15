"""The "My work" panel: download, restore, confirm before replacing newer work."""

from __future__ import annotations

import base64
import io
import json
import re
import zipfile
from datetime import UTC, datetime

from exercises.core import store
from exercises.core.panels import my_work
from exercises.why_partnership import tasks
from tests.widgets.helpers import text_of


def _download(panel) -> bytes:
    panel.download_button.click()
    match = re.search(r'href="data:application/zip;base64,([^"]+)"', panel.download_link.value)
    assert match, panel.download_link.value
    assert re.search(r'download="my_work-\d{4}-\d\d-\d\d\.zip"', panel.download_link.value)
    return base64.b64decode(match.group(1))


def _upload(panel, data: bytes) -> None:
    panel.upload.value = ({"name": "my_work.zip", "type": "application/zip", "size": len(data),
                           "content": memoryview(data), "last_modified": datetime(2026, 6, 1, tzinfo=UTC)},)


def test_progress_counts_solved_tasks():
    tasks.q2.check(24.2)
    panel = my_work()
    assert re.search(r"solved so far: 1 of \d+", text_of(panel.progress.value))


def test_download_file_is_named_for_the_day():
    my_panel = my_work()
    _download(my_panel)
    assert 'download="my_work-2026-06-01.zip"' in my_panel.download_link.value


def test_download_then_restore_in_a_new_session(tmp_path, monkeypatch):
    store.put_work("why_partnership", "note", "Lublin first")
    data = _download(my_work())
    assert json.loads(zipfile.ZipFile(io.BytesIO(data)).read("portfolio.json"))["work"]["why_partnership"]

    monkeypatch.setenv(store.WORK_DIR_ENV, str(tmp_path / "fresh"))
    panel = my_work()
    _upload(panel, data)
    assert "was restored" in text_of(panel.status.value)
    assert store.get_work("why_partnership", "note") == "Lublin first"


def test_restoring_older_work_asks_first_and_can_be_declined(tmp_path, monkeypatch):
    monkeypatch.setenv("MUNICIPAL_LAB_TODAY", "2026-01-01")
    store.put_work("lab", "k", "old")
    old_zip = _download(my_work())
    monkeypatch.setenv("MUNICIPAL_LAB_TODAY", "2026-06-01")
    store.put_work("lab", "k", "new")

    panel = my_work()
    assert panel.replace_button.layout.display == "none"
    _upload(panel, old_zip)
    assert "saved more recently" in text_of(panel.status.value)
    assert panel.replace_button.layout.display == "flex"
    assert store.get_work("lab", "k") == "new"
    panel.cancel_button.click()
    assert store.get_work("lab", "k") == "new" and "Nothing was changed" in text_of(panel.status.value)

    _upload(panel, old_zip + b"")  # a fresh upload of the same file
    panel.replace_button.click()
    assert store.get_work("lab", "k") == "old"
    assert "backups/before-restore-" in text_of(panel.status.value)
    assert panel.replace_button.layout.display == "none"


def test_a_wrong_file_gets_a_plain_message(work_dir):
    panel = my_work()
    _upload(panel, b"%PDF-1.7 not a zip")
    shown = text_of(panel.status.value)
    assert "Check your input" in shown and "not a zip file" in shown
    assert "Traceback" not in shown


def test_a_damaged_portfolio_is_reported_when_the_panel_opens(work_dir):
    work_dir.mkdir(parents=True)
    (work_dir / "portfolio.json").write_text("{oops", encoding="utf-8")
    panel = my_work()
    assert "kept aside as portfolio.damaged-" in text_of(panel.notices.value)
