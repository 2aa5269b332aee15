"""Walk a widget tree headless and read what a trainee would see."""

from __future__ import annotations

import html
import re

import ipywidgets as w

TAG = re.compile(r"<[^>]+>")


def walk(widget: w.Widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def text_of(value: str) -> str:
    """Visible text of an HTML string (tags removed, entities decoded)."""
    return html.unescape(TAG.sub(" ", value))


def visible_text(widget: w.Widget) -> str:
    return " ".join(text_of(x.value) for x in walk(widget) if isinstance(x, (w.HTML, w.Label)) and x.value)


def find(widget: w.Widget, kind: type, description: str | None = None):
    found = [x for x in walk(widget) if isinstance(x, kind) and (description is None or x.description == description)]
    assert found, f"no {kind.__name__} {description or ''} in the widget"
    return found
