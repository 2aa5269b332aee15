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
            if inspect.isfunction(obj) and not inspect.signature(obj).parameters:
                found.append(pytest.param(obj, id=f"{info.name}.{name}"))
    assert len(found) >= 4
    return found


def chrome_strings(root: w.Widget) -> list[str]:
    """What the widget itself says: labels, buttons, tooltips, options, messages.
    Data tables (class mpl-data) show data, which is not translated, and are left out."""
    strings = []
    for x in walk(root):
        if "mpl-data" in getattr(x, "_dom_classes", ()):
            continue
        for attr in ("description", "tooltip", "placeholder"):
            value = getattr(x, attr, None)
            if isinstance(value, str) and value:
                strings.append(value)
        if isinstance(x, (w.HTML, w.Label)) and x.value and "<img" not in x.value:
            strings.append(text_of(x.value))
        if isinstance(x, (w.Dropdown, w.RadioButtons)):
            strings += [label for label in x._options_labels]
    return strings


# Values filled into messages that are names, not words: the work folder and the download file.
NAMES = re.compile(r"my_work[\w.-]*")


def english_left(strings: list[str]) -> list[str]:
    return [s for s in strings if ENGLISH_WORD.search(NAMES.sub("", s))]


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
