"""The trainee's portfolio: round trip, atomic writes, damaged files set aside."""

from __future__ import annotations

import json
import os

import pytest

from exercises.core import store


def test_round_trip_keeps_work_and_unicode(work_dir):
    store.put_work("partner_selection", "shortlist", ["Вроцлав", "Lublin"])
    assert store.get_work("partner_selection", "shortlist") == ["Вроцлав", "Lublin"]
    raw = (work_dir / "portfolio.json").read_text(encoding="utf-8")
    assert "Вроцлав" in raw  # stored as readable UTF-8, not \u escapes
    assert json.loads(raw)["saved_at"] == "2026-06-01T12:00:00+00:00"


def test_no_file_means_an_empty_portfolio_and_nothing_written(work_dir):
    assert store.load() == store.empty_portfolio()
    assert not work_dir.exists()


def test_an_interrupted_write_leaves_the_old_file_whole(work_dir, monkeypatch):
    store.put_work("lab", "key", "first version")
    before = (work_dir / "portfolio.json").read_bytes()

    def crash(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        store.put_work("lab", "key", "second version")
    assert (work_dir / "portfolio.json").read_bytes() == before
    assert [p.name for p in work_dir.iterdir()] == ["portfolio.json"], "temporary file left behind"


@pytest.mark.parametrize("content", ["{not json", '{"schema": 99, "progress": {}, "work": {}}', "[]", "\xff\xfe"])
def test_a_damaged_file_is_set_aside_with_a_notice_not_overwritten(work_dir, content):
    work_dir.mkdir(parents=True)
    (work_dir / "portfolio.json").write_bytes(content.encode("latin-1"))
    assert store.load() == store.empty_portfolio()
    kept = list(work_dir.glob("portfolio.damaged-*.json"))
    assert len(kept) == 1 and kept[0].read_bytes() == content.encode("latin-1")
    notices = store.take_notices()
    assert len(notices) == 1 and kept[0].name in notices[0]
    assert store.take_notices() == [], "a notice is shown once"


def test_two_damaged_files_in_a_row_are_both_kept(work_dir):
    work_dir.mkdir(parents=True)
    for _ in range(2):
        (work_dir / "portfolio.json").write_text("broken", encoding="utf-8")
        store.load()
    assert len(list(work_dir.glob("portfolio.damaged-*.json"))) == 2


def test_saving_after_damage_starts_a_new_file_beside_the_old(work_dir):
    work_dir.mkdir(parents=True)
    (work_dir / "portfolio.json").write_text("broken", encoding="utf-8")
    store.put_work("lab", "k", 1)
    assert store.get_work("lab", "k") == 1
    assert len(list(work_dir.glob("portfolio.damaged-*.json"))) == 1


def test_unstorable_work_is_refused_before_the_file_is_touched(work_dir):
    store.put_work("lab", "k", 1)
    before = (work_dir / "portfolio.json").read_bytes()
    with pytest.raises(TypeError):
        store.put_work("lab", "k", object())
    assert (work_dir / "portfolio.json").read_bytes() == before


def test_progress_survives_an_unwritable_folder_with_a_notice(monkeypatch):
    def refuse(path, data):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(store, "write_json_atomic", refuse)
    store.record_attempt("m1.q1", solved=True)  # must not raise into the exercise
    notices = store.take_notices()
    assert notices and "Permission denied" in notices[0]


def test_work_dir_defaults_to_my_work_at_the_course_root(monkeypatch):
    monkeypatch.delenv(store.WORK_DIR_ENV)
    monkeypatch.setattr(store.os, "access", lambda path, mode: True)
    assert store.work_dir() == store._COURSE_ROOT / "my_work"


def test_work_dir_falls_back_to_home_when_the_course_is_read_only(monkeypatch, tmp_path):
    monkeypatch.delenv(store.WORK_DIR_ENV)
    monkeypatch.setattr(store.os, "access", lambda path, mode: False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert store.work_dir() == tmp_path / "my_work"
