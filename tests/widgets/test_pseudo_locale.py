"""Under the pseudo locale every string a widget shows is transformed: any plain English word
left means a string that bypassed the message catalogue. Widgets are found from each lab
package's ``__all__``, so a new lab is covered without editing this test."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import ipywidgets as w
import pytest

import exercises
from exercises.core import i18n
from tests.widgets.helpers import text_of, walk

ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")


def widget_factories():
    found = []
    for info in pkgutil.iter_modules(exercises.__path__):
        if not info.ispkg or info.name == "core":
            continue
        package = importlib.import_module(f"exercises.{info.name}")
        for name in getattr(package, "__all__", []):
            obj = getattr(package, name)
            params = inspect.signature(obj).parameters.values() if inspect.isfunction(obj) else None
            if params is not None and all(p.default is not p.empty for p in params):
                found.append(pytest.param(obj, id=f"{info.name}.{name}"))
    assert len(found) >= 4
    return found


def chrome_strings(root: w.Widget) -> list[str]:
    """What the widget itself says: labels, buttons, tooltips, options, messages.
    Parts marked as data (``mark_data``: place, country, programme names) are left out."""
    strings = []
    for x in walk(root):
        data_parts = {c.removeprefix("mpl-data-") for c in getattr(x, "_dom_classes", ()) if c.startswith("mpl-data-")}
        for attr in ("description", "tooltip", "placeholder"):
            value = getattr(x, attr, None)
            if isinstance(value, str) and value and attr not in data_parts:
                strings.append(value)
        if isinstance(x, (w.HTML, w.Label)) and x.value and "<img" not in x.value and "value" not in data_parts:
            strings.append(text_of(x.value))
        if hasattr(x, "_options_labels") and "options" not in data_parts:
            strings += list(x._options_labels)
    return strings


# Values filled into messages (names, numbers) are data: the pseudo locale wraps them in ‹ ›.
FILLED_IN = re.compile(r"‹[^›]*›")


def english_left(strings: list[str]) -> list[str]:
    return [s for s in strings if ENGLISH_WORD.search(FILLED_IN.sub("", s))]


@pytest.mark.parametrize("factory", widget_factories())
def test_no_raw_english_in_a_widget(factory):
    i18n.set_locale("pseudo")
    widget = factory()
    strings = chrome_strings(widget)
    assert strings, "the walk found no text: the test is not looking"
    assert english_left(strings) == []
    # pressing every button shows transformed feedback too
    for button in [x for x in walk(widget) if isinstance(x, w.Button)]:
        button.click()
    assert english_left(chrome_strings(widget)) == []


def test_the_check_catches_english():
    i18n.set_locale("pseudo")
    assert english_left(chrome_strings(w.VBox([w.Button(description="Check")]))) == ["Check"]
    picker = w.Dropdown(options=["Poland"], description="Country:")
    assert english_left(chrome_strings(w.VBox([picker]))) == ["Country:", "Poland"]
