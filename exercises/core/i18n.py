"""Message catalogue: every string a trainee reads is looked up here by key.

Why: the course will get a Ukrainian edition. Keeping every trainee-facing string in a
catalogue (``locales/<code>.json``) means that edition only adds a file. A ``pseudo`` locale
transforms every English message (accented letters, wrapped in ⟦ ⟧) so a test can prove that
no widget shows a raw English string that bypassed the catalogue.

Each lab keeps its messages beside its code (``exercises/<lab>/locales/<code>.json``); the
catalogue of a locale is all of them merged, and a key defined twice is an error.
"""

from __future__ import annotations

import json
import os
import re
import string
from functools import cache
from pathlib import Path

LOCALE_ENV = "MUNICIPAL_LAB_LANG"
DEFAULT_LOCALE = "en"
PSEUDO_LOCALE = "pseudo"
LOCALES_DIR = Path(__file__).with_name("locales")
PACKAGE_DIR = Path(__file__).resolve().parents[1]

_chosen: dict[str, str | None] = {"locale": None}

_PSEUDO_MAP = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçđéƒĝĥîĵķĺɱñöþʠŕšţûʋŵẋýžÀƁÇĐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)
_PLACEHOLDER = re.compile(r"(\{[^{}]*\})")


class MissingMessage(KeyError):
    """A key used in code has no message in the English catalogue (a bug, caught by tests)."""


def catalogue_files(code: str) -> list[Path]:
    """The files that make up one locale: the core's, then each lab's."""
    core = LOCALES_DIR / f"{code}.json"
    labs = sorted(p for p in PACKAGE_DIR.glob(f"*/locales/{code}.json") if p.parent != LOCALES_DIR)
    return [p for p in [core, *labs] if p.exists()]


def available_locales() -> list[str]:
    """Locale codes with a catalogue file, plus the test-only pseudo locale."""
    return sorted(p.stem for p in LOCALES_DIR.glob("*.json")) + [PSEUDO_LOCALE]


def set_locale(code: str | None) -> None:
    """Choose the language of messages for this session (``None``: back to the default)."""
    if code is not None and code not in available_locales():
        raise ValueError(f"Unknown locale {code!r}; available: {', '.join(available_locales())}")
    _chosen["locale"] = code


def get_locale() -> str:
    code = _chosen["locale"] or os.environ.get(LOCALE_ENV) or DEFAULT_LOCALE
    return code if code in available_locales() else DEFAULT_LOCALE


@cache
def catalogue(code: str = DEFAULT_LOCALE) -> dict[str, str]:
    """The messages of one locale, read as UTF-8 (Cyrillic on every platform)."""
    merged: dict[str, str] = {}
    for path in catalogue_files(code):
        part = json.loads(path.read_text(encoding="utf-8"))
        twice = sorted(part.keys() & merged.keys())
        if twice:
            raise ValueError(f"{path}: keys already defined in another catalogue file: {twice}")
        merged.update(part)
    return merged


def pseudo(text: str) -> str:
    """Accent every letter outside ``{placeholders}`` and wrap the message in ⟦ ⟧."""
    parts = _PLACEHOLDER.split(text)
    return "⟦" + "".join(p if _PLACEHOLDER.fullmatch(p) else p.translate(_PSEUDO_MAP) for p in parts) + "⟧"


class _MarkValues(string.Formatter):
    """Pseudo locale: wrap every value filled into a message in ‹ › (names, numbers: data,
    not wording), so the test can tell them from untranslated text."""

    def format_field(self, value: object, format_spec: str) -> str:
        return "‹" + super().format_field(value, format_spec) + "›"


def t(key: str, /, **params: object) -> str:
    """The message for ``key`` in the current locale, with ``{params}`` filled in.

    Falls back to English when a translation lacks a key, so a partial catalogue still works.
    """
    english = catalogue(DEFAULT_LOCALE)
    if key not in english:
        raise MissingMessage(key)
    code = get_locale()
    if code == PSEUDO_LOCALE:
        return _MarkValues().format(pseudo(english[key]), **params)
    else:
        template = catalogue(code).get(key, english[key])
    return template.format(**params) if params else template


def has(key: str) -> bool:
    return key in catalogue(DEFAULT_LOCALE)
