"""How outcomes, hints, solutions and input errors look to a trainee.

Why a module of its own: every lab shows feedback the same way, always in words with an icon
(never colour alone, for colour-blind trainees and screen readers), as HTML in Jupyter and as
plain text elsewhere (a terminal, a log, a test).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from exercises.core.i18n import t

# kind -> (icon, border colour, catalogue key of the word shown before the message)
_STYLES = {
    "correct": ("✅", "#1a7f37", "core.feedback.correct"),
    "incorrect": ("❌", "#b42318", "core.feedback.incorrect"),
    "not_attempted": ("✏️", "#6b7280", "core.feedback.not_attempted"),
    "hint": ("💡", "#9a6700", "core.feedback.hint"),
    "solution": ("📖", "#0550ae", "core.feedback.solution"),
    "input_error": ("⚠️", "#b42318", "core.feedback.input_error"),
    "info": ("ℹ️", "#0550ae", "core.feedback.info"),
    "saved": ("💾", "#1a7f37", "core.feedback.saved"),
}


@dataclass(frozen=True)
class Message:
    """A piece of feedback: a kind (which icon and word) and the text."""

    kind: str
    text: str
    title: str | None = None  # overrides the default word, e.g. "Hint 2 of 3"

    @property
    def heading(self) -> str:
        return self.title or t(_STYLES[self.kind][2])

    def __str__(self) -> str:
        icon = _STYLES[self.kind][0]
        return f"{icon} {self.heading}: {self.text}"

    def _repr_html_(self) -> str:
        return to_html(self)

    def _repr_pretty_(self, p, cycle) -> None:  # IPython plain-text display
        p.text(str(self))


def to_html(message: Message) -> str:
    """An accessible block: icon with a text alternative, the word in bold, then the text."""
    icon, colour, _ = _STYLES[message.kind]
    role = "alert" if message.kind in ("incorrect", "input_error") else "status"
    body = "<br>".join(html.escape(line) for line in message.text.splitlines()) or "&nbsp;"
    return (
        f'<div class="mpl-feedback mpl-{message.kind}" role="{role}" '
        f'style="border-left:4px solid {colour};padding:4px 10px;margin:4px 0">'
        f'<span aria-hidden="true">{icon}</span> '
        f"<strong>{html.escape(message.heading)}:</strong> {body}</div>"
    )


def input_error(text: str) -> Message:
    """What a widget shows next to an input it cannot use: what is wrong and what is allowed."""
    return Message("input_error", text)


def info(text: str) -> Message:
    return Message("info", text)
