"""The message catalogue: every key used exists, translations keep placeholders, the pseudo
locale transforms every message."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

import exercises
from exercises.core import i18n
from exercises.core.tasks import load_all
from exercises.why_partnership import model, tasks

PACKAGE = Path(exercises.__file__).parent
ENGLISH = i18n.catalogue("en")


def _keys_used_in_code() -> tuple[set[str], set[str]]:
    """Literal keys passed to t(), and the fixed prefixes of f-string keys (t(f"m1.kind.{k}"))."""
    literal, prefixes = set(), set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "t" and node.args:
                arg = node.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    literal.add(arg.value)
                elif isinstance(arg, ast.JoinedStr) and isinstance(arg.values[0], ast.Constant):
                    prefixes.add(arg.values[0].value)
    return literal, prefixes


def test_every_literal_key_used_in_code_is_in_the_catalogue():
    literal, _ = _keys_used_in_code()
    assert literal, "the scan found no calls of t(): the test itself is broken"
    assert sorted(literal - ENGLISH.keys()) == []


def test_every_built_key_prefix_has_messages():
    _, prefixes = _keys_used_in_code()
    for prefix in prefixes:
        assert any(k.startswith(prefix) for k in ENGLISH), prefix


def test_keys_built_from_data_and_tasks_exist():
    frame = model.figures()
    needed = {f"m1.measure.{m}" for m in frame["measure"]}
    needed |= {f"m1.qualifier.{q}" for q in frame["qualifier"]}
    needed |= {f"m1.confidence.{c}" for c in frame["confidence"]}
    needed |= {f"m1.kind.{k}" for k in tasks.KINDS} | {f"m1.q1.scenario.{s}" for s in tasks.SCENARIOS}
    needed |= {f"m1.q3.option.{o}" for o in tasks.QUOTE_OPTIONS}
    needed |= {f"m1.q3.why_not.{o}" for o in tasks.QUOTE_OPTIONS if o != "date_and_source"}
    for task in load_all():
        needed |= {task.title, task.solution_key, *task.hints}
    from exercises.budgeting import model as budget_model

    needed |= {f"b.category.{c}" for c in budget_model.categories().index}
    needed |= {f"b.rule.{k}" for k in budget_model.funding_rules()["kind"]}
    needed |= {f"b.payer.{p}" for p in budget_model.PAYERS}
    assert sorted(needed - ENGLISH.keys()) == []


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("code", [c for c in i18n.available_locales() if c not in ("en", "pseudo")] or ["none"])
def test_translations_keep_the_placeholders_of_english(code):
    if code == "none":
        return  # only English so far; a new catalogue is checked here as soon as it exists
    for key, text in i18n.catalogue(code).items():
        assert key in ENGLISH, f"{code}: unknown key {key}"
        assert _fields(text) == _fields(ENGLISH[key]), f"{code}: {key}"


def test_pseudo_locale_transforms_every_message_but_keeps_placeholders():
    i18n.set_locale("pseudo")
    for key, english in ENGLISH.items():
        params = {name: "X" for name in _fields(english)}
        shown = i18n.t(key, **params)
        assert shown.startswith("⟦") and shown.endswith("⟧"), key
        assert not re.search(r"[A-Za-z]{2,}", shown.replace("X", "")), f"{key}: {shown}"


def test_missing_translation_falls_back_to_english(monkeypatch, tmp_path):
    (tmp_path / "en.json").write_text('{"a.b": "Hello {name}"}', encoding="utf-8")
    (tmp_path / "uk.json").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALES_DIR", tmp_path)
    i18n.catalogue.cache_clear()
    try:
        i18n.set_locale("uk")
        assert i18n.t("a.b", name="Оксана") == "Hello Оксана"
    finally:
        i18n.catalogue.cache_clear()


def test_unknown_key_and_unknown_locale_fail_loudly():
    with pytest.raises(i18n.MissingMessage):
        i18n.t("no.such.key")
    with pytest.raises(ValueError, match="Unknown locale"):
        i18n.set_locale("xx")


def test_locale_from_environment(monkeypatch):
    monkeypatch.setenv(i18n.LOCALE_ENV, "pseudo")
    assert i18n.t("core.panel.check") == i18n.pseudo("Check")


def test_a_key_defined_in_two_catalogue_files_is_an_error(monkeypatch, tmp_path):
    (tmp_path / "core" / "locales").mkdir(parents=True)
    (tmp_path / "lab" / "locales").mkdir(parents=True)
    (tmp_path / "core" / "locales" / "en.json").write_text('{"x.y": "one"}', encoding="utf-8")
    (tmp_path / "lab" / "locales" / "en.json").write_text('{"x.y": "two"}', encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALES_DIR", tmp_path / "core" / "locales")
    monkeypatch.setattr(i18n, "PACKAGE_DIR", tmp_path)
    i18n.catalogue.cache_clear()
    try:
        with pytest.raises(ValueError, match="already defined"):
            i18n.catalogue("en")
    finally:
        i18n.catalogue.cache_clear()


def test_pseudo_locale_marks_filled_in_values_as_data():
    i18n.set_locale("pseudo")
    shown = i18n.t("m1.share.result", part="356", whole="1,469", percent="24.2")
    assert "‹356›" in shown and "‹1,469›" in shown and "‹24.2›" in shown
