"""Widgets every lab shares: the exercise panel (Check / Hint / Show solution) and the
"My work" panel (download and restore).

Why HTML widgets for feedback: they render from their saved state (so the static book and
strict nbval both see them) and headless tests can read ``.value`` directly. No ``with out:``.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as w

from exercises.core import archive, store
from exercises.core.feedback import Message, info, input_error, to_html
from exercises.core.i18n import t
from exercises.core.tasks import AnswerError, Task, load_all

WIDE = {"description_width": "initial"}


def show(target: w.HTML, *messages: Message) -> None:
    """Replace what a feedback area shows."""
    target.value = "".join(to_html(m) for m in messages)


def notices_html() -> w.HTML:
    """Queued notices (a damaged file set aside...), shown once at the top of a lab."""
    box = w.HTML()
    store.load()  # reading the portfolio is what finds (and sets aside) a damaged file
    pending = store.take_notices()
    if pending:
        show(box, *(info(n) for n in pending))
    return box


class PlainRepr:
    """A short text form for a lab widget (what a terminal, a log or nbval's text/plain sees),
    instead of ipywidgets' dump of every child's state."""

    plain_key = "core.panel.plain"

    def __repr__(self) -> str:
        return f"<{t(self.plain_key)}>"


def mark_data(widget: w.Widget, *parts: str) -> w.Widget:
    """Mark which parts of a widget show data (place, country and programme names from data/),
    not course wording: ``"value"``, ``"options"`` or ``"description"``. Data is not translated
    through the catalogue; the pseudo-locale test skips exactly these parts."""
    for part in parts or ("value",):
        widget.add_class(f"mpl-data-{part}")
    return widget


def heading(text: str, level: int = 3) -> w.HTML:
    return w.HTML(f"<h{level} class='mpl-heading'>{html.escape(text)}</h{level}>")


class ExercisePanel(PlainRepr, w.VBox):
    """Inputs, then Check / Hint / Show solution buttons, then a feedback area.

    ``read_answer`` turns the inputs into the answer passed to ``task.check``; it may raise
    ``AnswerError`` with a message for the trainee (shown as an input error, nothing lost).
    """

    def __init__(
        self,
        task: Task,
        inputs: Sequence[w.Widget],
        read_answer: Callable[[], Any],
        intro: str | None = None,
    ) -> None:
        self.task = task
        self.plain_key = task.title
        self.read_answer = read_answer
        self.check_button = w.Button(description=t("core.panel.check"), icon="check", button_style="primary",
                                     tooltip=t("core.panel.check_tip"))
        self.hint_button = w.Button(description=t("core.panel.hint"), icon="lightbulb-o",
                                    tooltip=t("core.panel.hint_tip", total=task.hint_count))
        self.solution_button = w.Button(description=t("core.panel.solution"), icon="book",
                                        tooltip=t("core.panel.solution_tip"))
        self.feedback = w.HTML(layout=w.Layout(min_height="2em"))
        self.feedback.add_class("mpl-feedback-area")
        self.check_button.on_click(lambda _b: self.on_check())
        self.hint_button.on_click(lambda _b: self.on_hint())
        self.solution_button.on_click(lambda _b: self.on_solution())
        # No heading here: the notebook's own heading names the exercise (and the book's contents).
        children: list[w.Widget] = []
        if intro:
            children.append(w.HTML(f"<p>{html.escape(intro)}</p>"))
        children += [*inputs, w.HBox([self.check_button, self.hint_button, self.solution_button]), self.feedback]
        super().__init__(children)
        self.add_class("mpl-exercise")

    def on_check(self) -> None:
        try:
            answer = self.read_answer()
        except AnswerError as err:
            show(self.feedback, input_error(str(err)))
            return
        show(self.feedback, self.task.check(answer))

    def on_hint(self) -> None:
        show(self.feedback, self.task.hint())

    def on_solution(self) -> None:
        show(self.feedback, self.task.solution())


def dropdown_exercise(task: Task, items: Sequence[tuple[str, str]], choices: Sequence[tuple[str, Any]],
                      choose_label: str, intro: str | None = None) -> ExercisePanel:
    """One labelled dropdown per item, e.g. "(a)" under the text of case (a), then Check. The
    answer is ``{item id: chosen value}``; nothing is chosen at first. ``panel.pickers`` gives
    the dropdowns by item id (for tests and callers)."""
    options = [(choose_label, None), *choices]
    rows: list[w.Widget] = []
    pickers: dict[str, w.Dropdown] = {}
    for key, text in items:
        rows.append(w.HTML(f"<p><strong>({html.escape(str(key))})</strong> {html.escape(text)}</p>"))
        pickers[key] = w.Dropdown(options=options, value=None, description=f"({key})", style=WIDE,
                                  layout=w.Layout(width="max-content"))
        rows.append(pickers[key])
    panel = ExercisePanel(task, rows, lambda: {k: p.value for k, p in pickers.items()}, intro)
    panel.pickers = pickers
    return panel


def choice_panel(task: Task, options: Sequence[tuple[str, Any]], intro: str | None = None) -> ExercisePanel:
    """A one-answer multiple-choice exercise (radio buttons, nothing selected at first)."""
    radios = w.RadioButtons(options=list(options), value=None, description=t("core.panel.your_answer"),
                            style=WIDE, layout=w.Layout(width="auto"))
    return ExercisePanel(task, [radios], lambda: radios.value, intro)


class MyWorkPanel(PlainRepr, w.VBox):
    """Download all saved work as one zip; restore it from that zip (asks before replacing newer work)."""

    plain_key = "core.work.title"

    def __init__(self) -> None:
        self.notices = notices_html()
        self.progress = w.HTML()
        self.download_button = w.Button(description=t("core.work.prepare_download"), icon="download",
                                        tooltip=t("core.work.prepare_download_tip"), layout=w.Layout(width="auto"))
        self.download_link = w.HTML()
        self.upload = w.FileUpload(accept=".zip", multiple=False, description=t("core.work.restore"),
                                   tooltip=t("core.work.restore_tip"), layout=w.Layout(width="auto"))
        self.replace_button = w.Button(description=t("core.work.replace_newer"), button_style="warning",
                                       icon="exclamation-triangle", layout=w.Layout(width="auto", display="none"))
        self.cancel_button = w.Button(description=t("core.work.keep_current"),
                                      layout=w.Layout(width="auto", display="none"))
        self.status = w.HTML()
        self._pending: bytes | None = None
        self.download_button.on_click(lambda _b: self.on_download())
        self.upload.observe(self.on_upload, names="value")
        self.replace_button.on_click(lambda _b: self.on_replace())
        self.cancel_button.on_click(lambda _b: self.on_cancel())
        super().__init__([
            heading(t("core.work.title")),
            w.HTML(f"<p>{html.escape(t('core.work.where', folder=str(store.work_dir().name)))}</p>"),
            self.notices,
            self.progress,
            w.HBox([self.download_button, self.upload]),
            self.download_link,
            w.HBox([self.replace_button, self.cancel_button]),
            self.status,
        ])
        self.add_class("mpl-my-work")
        self.refresh_progress()

    def refresh_progress(self) -> None:
        tasks = load_all()
        done = store.progress()
        solved = sum(1 for task in tasks if done.get(task.id, {}).get("solved"))
        self.progress.value = f"<p>{html.escape(t('core.work.progress', solved=solved, total=len(tasks)))}</p>"

    def on_download(self) -> None:
        data = archive.build_archive()
        name = archive.archive_name()
        href = "data:application/zip;base64," + base64.b64encode(data).decode("ascii")
        label = html.escape(t("core.work.download_link", name=name, size_kb=max(1, round(len(data) / 1024))))
        self.download_link.value = f'<p><a download="{html.escape(name)}" href="{href}">⬇ {label}</a></p>'
        show(self.status, info(t("core.work.download_ready")))

    def _show_confirm(self, visible: bool) -> None:
        display = "flex" if visible else "none"
        self.replace_button.layout.display = display
        self.cancel_button.layout.display = display

    def on_upload(self, change: dict[str, Any]) -> None:
        files = change["new"]
        if not files:
            return
        data = bytes(files[0]["content"])
        # Clear the upload, so choosing the same file again (after "Keep the work here") is seen.
        self.upload.value = ()
        self.restore(data)

    def restore(self, data: bytes, *, replace_newer: bool = False) -> None:
        try:
            result = archive.restore_archive(data, replace_newer=replace_newer)
        except archive.RestoreError as err:
            self._pending = None
            self._show_confirm(False)
            show(self.status, input_error(str(err)))
            return
        except OSError as err:
            show(self.status, input_error(t("core.store.cannot_write", error=err.strerror or str(err))))
            return
        if result.needs_confirmation:
            self._pending = data
            self._show_confirm(True)
            show(self.status, info(result.message))
            return
        self._pending = None
        self._show_confirm(False)
        messages = [Message("saved", result.message)]
        if result.backup is not None:
            messages.append(info(t("core.restore.backup_made", name=result.backup.name)))
        show(self.status, *messages)
        self.refresh_progress()

    def on_replace(self) -> None:
        if self._pending is not None:
            self.restore(self._pending, replace_newer=True)

    def on_cancel(self) -> None:
        self._pending = None
        self._show_confirm(False)
        show(self.status, info(t("core.restore.cancelled")))


def my_work() -> MyWorkPanel:
    """The "My work" panel: progress, download my work, restore my work."""
    return MyWorkPanel()
