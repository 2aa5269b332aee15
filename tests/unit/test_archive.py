"""Download my work / restore my work."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from exercises.core import archive, clock, store


def _zip(files: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, content in files.items():
            zf.writestr(name, content)
    return buffer.getvalue()


def _portfolio(saved_at: str | None, **work) -> str:
    data = store.empty_portfolio()
    data["saved_at"] = saved_at
    data["work"] = work
    return json.dumps(data)


def test_round_trip_into_an_empty_session(work_dir, tmp_path, monkeypatch):
    store.put_work("budgeting", "lines", [{"item": "Interpretation", "eur": "450.00"}])
    (work_dir / "exports").mkdir()
    (work_dir / "exports" / "budget.xlsx").write_bytes(b"xlsx bytes")
    data = archive.build_archive()

    monkeypatch.setenv(store.WORK_DIR_ENV, str(tmp_path / "new_session"))
    result = archive.restore_archive(data)
    assert result.restored and result.backup is None
    assert store.get_work("budgeting", "lines") == [{"item": "Interpretation", "eur": "450.00"}]
    assert (tmp_path / "new_session" / "exports" / "budget.xlsx").read_bytes() == b"xlsx bytes"


def test_archive_of_nothing_still_restores_as_an_empty_portfolio():
    info = archive.inspect_archive(archive.build_archive())
    assert info.portfolio == store.empty_portfolio()


def test_backups_are_not_put_back_into_the_next_archive(work_dir):
    store.put_work("lab", "k", 1)
    (work_dir / archive.BACKUP_DIR).mkdir()
    (work_dir / archive.BACKUP_DIR / "old.zip").write_bytes(b"x")
    names = zipfile.ZipFile(io.BytesIO(archive.build_archive())).namelist()
    assert names == ["portfolio.json"]


def test_archive_name_carries_the_date():
    assert archive.archive_name() == "my_work-2026-06-01.zip"


def test_newer_work_here_is_not_replaced_without_asking(work_dir):
    store.put_work("lab", "k", "newer")  # saved at 2026-06-01T12:00
    older = _zip({"portfolio.json": _portfolio("2026-05-01T09:00:00+00:00", lab={"k": "older"})})
    result = archive.restore_archive(older)
    assert not result.restored and result.needs_confirmation
    assert store.get_work("lab", "k") == "newer"

    confirmed = archive.restore_archive(older, replace_newer=True)
    assert confirmed.restored and store.get_work("lab", "k") == "older"
    backed_up = zipfile.ZipFile(confirmed.backup)
    assert json.loads(backed_up.read("portfolio.json"))["work"]["lab"]["k"] == "newer"


def test_older_work_here_is_replaced_and_backed_up(work_dir, monkeypatch):
    store.put_work("lab", "k", "older")
    newer = _zip({"portfolio.json": _portfolio("2026-07-01T09:00:00+00:00", lab={"k": "newer"})})
    result = archive.restore_archive(newer)
    assert result.restored and result.backup is not None and result.backup.exists()
    assert store.get_work("lab", "k") == "newer"


def test_two_restores_in_the_same_second_keep_both_backups(work_dir):
    store.put_work("lab", "k", "v")
    later = _zip({"portfolio.json": _portfolio("2027-01-01T00:00:00+00:00")})
    first = archive.restore_archive(later).backup
    store.put_work("lab", "k", "v2")
    second = archive.restore_archive(later, replace_newer=True).backup
    assert first != second and first.exists() and second.exists()


@pytest.mark.parametrize(
    ("payload", "words"),
    [
        (b"this is not a zip", "not a zip"),
        (_zip({"notes.txt": "hello"}), "no portfolio.json"),
        (_zip({"portfolio.json": "{broken"}), "damaged"),
        (_zip({"portfolio.json": '{"schema": 1}'}), "damaged"),
        (_zip({"portfolio.json": _portfolio(None), "../outside.txt": "x"}), "outside"),
        (_zip({"portfolio.json": _portfolio(None), "/etc/evil": "x"}), "outside"),
    ],
)
def test_bad_uploads_are_refused_with_a_reason_and_change_nothing(work_dir, payload, words):
    store.put_work("lab", "k", "mine")
    before = (work_dir / "portfolio.json").read_bytes()
    with pytest.raises(archive.RestoreError, match=words):
        archive.restore_archive(payload)
    assert (work_dir / "portfolio.json").read_bytes() == before
    assert not (work_dir.parent / "outside.txt").exists()


def test_oversized_upload_is_refused(monkeypatch):
    monkeypatch.setattr(archive, "MAX_ARCHIVE_BYTES", 100)
    with pytest.raises(archive.RestoreError, match="larger than"):
        archive.inspect_archive(_zip({"portfolio.json": _portfolio(None) + " " * 500}))


def test_clock_is_what_stamps_saved_work(monkeypatch):
    monkeypatch.setenv(clock.TODAY_ENV, "2030-01-02")
    assert store.put_work("lab", "k", 1)["saved_at"].startswith("2030-01-02")
