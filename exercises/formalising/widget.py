"""Module 5 widgets: the agreement-outline builder (check, save, Word export) and the exercise
panels. Reads inputs, calls ``model``, ``export`` and ``tasks``, renders; no logic of its own.
"""

from __future__ import annotations

import base64
import html
from dataclasses import dataclass
from typing import Any

import ipywidgets as w

from exercises.core import store
from exercises.core.feedback import Message, info, input_error
from exercises.core.i18n import t
from exercises.core.panels import (
    WIDE,
    ExercisePanel,
    PlainRepr,
    dropdown_exercise,
    heading,
    mark_data,
    notices_html,
    show,
)
from exercises.formalising import export, model, tasks

LAB = "formalising"
WORK_KEY = "outline"


def clause_name(name: str) -> str:
    return t(f"m5.clause.{name}")


def kind_name(doc_type: str) -> str:
    return t(f"m5.doctype.{doc_type}")


def _error_text(err: model.OutlineInputError) -> str:
    params = {k: str(v) for k, v in err.params.items()}
    if err.field and err.field not in ("doc_type", "title"):
        params["field"] = clause_name(err.field)
    elif err.field == "title":
        params["field"] = t("m5.builder.title_label")
    return t(f"m5.error.{err.code}", **params)


def sources_html(doc_type: str) -> str:
    """Which clauses are essential for this type, on what basis, and what informs each clause."""
    head = "".join(f"<th scope='col'>{html.escape(t(k))}</th>" for k in (
        "m5.sources.col.clause", "m5.sources.col.status", "m5.sources.col.basis", "m5.sources.col.source"))
    body = []
    for name in model.clauses():
        row = model.clause_row(doc_type, name)
        status = t("m5.status.essential") if row["essential"] else t("m5.status.optional")
        basis = t("m5.basis.synthesis") if row["basis"] == "course synthesis" else t("m5.basis.source")
        url = html.escape(row["url"], quote=True)
        source = f"<a href='{url}' target='_blank' rel='noopener'>{html.escape(row['source'])}</a>"
        if isinstance(row.get("note"), str) and row["note"]:
            source += f"<br><em>{html.escape(row['note'])}</em>"
        cells = [html.escape(clause_name(name)), html.escape(status), html.escape(basis), source]
        body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    caption = html.escape(t("m5.sources.caption", kind=kind_name(doc_type)))
    return (f"<details><summary>{html.escape(t('m5.sources.summary'))}</summary>"
            f"<table class='mpl-table'><caption>{caption}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table></details>")


@dataclass
class ClauseRow:
    tick: w.Checkbox
    marker: w.HTML
    text: w.Textarea
    note: w.HTML

    def box(self) -> w.VBox:
        return w.VBox([w.HBox([self.tick, self.marker]), self.text, self.note],
                      layout=w.Layout(margin="0 0 6px 0"))


class OutlineBuilder(PlainRepr, w.VBox):
    """Choose a document type, tick and fill its clauses, check that the essential ones are
    there, save the outline in «My work» and export it as a Word document."""

    plain_key = "m5.builder.title"

    def __init__(self) -> None:
        self.notices = notices_html()
        outline, restored_note = self._saved()
        self.doc_type = w.Dropdown(options=[(kind_name(d), d) for d in model.doc_types()], value=outline.doc_type,
                                   description=t("m5.builder.doc_type"), style=WIDE,
                                   layout=w.Layout(width="max-content"))
        self.about = w.HTML()
        self.title = w.Text(value=outline.title, description=t("m5.builder.title_label"),
                            placeholder=t("m5.builder.title_placeholder"), style=WIDE,
                            layout=w.Layout(width="95%"))
        self.title_note = w.HTML()
        self.rows: dict[str, ClauseRow] = {}
        for name in model.clauses():
            entry = outline.clauses[name]
            self.rows[name] = ClauseRow(
                tick=w.Checkbox(value=entry.included, description=clause_name(name), indent=False,
                                layout=w.Layout(width="auto")),
                marker=w.HTML(),
                text=w.Textarea(value=entry.text, placeholder=t(f"m5.placeholder.{name}"),
                                layout=w.Layout(width="95%", height="4.5em")),
                note=w.HTML(),
            )
        self.check_button = w.Button(description=t("m5.builder.check"), icon="check", button_style="primary",
                                     tooltip=t("m5.builder.check_tip"))
        self.save_button = w.Button(description=t("m5.builder.save"), icon="save", tooltip=t("m5.builder.save_tip"))
        self.export_button = w.Button(description=t("m5.builder.export"), icon="file-word-o",
                                      tooltip=t("m5.builder.export_tip"), layout=w.Layout(width="auto"))
        self.result = w.HTML()
        self.result.add_class("mpl-feedback-area")
        self.status = w.HTML()
        self.link = w.HTML()
        self.sources = mark_data(w.HTML())
        self.doc_type.observe(lambda _c: self.on_type(), names="value")
        self.check_button.on_click(lambda _b: self.check())
        self.save_button.on_click(lambda _b: self.save())
        self.export_button.on_click(lambda _b: self.export())
        super().__init__([
            self.notices,
            heading(t("m5.builder.title")),
            w.HTML(f"<p>{html.escape(t('m5.builder.intro'))}</p>"),
            self.doc_type, self.about, self.title, self.title_note,
            heading(t("m5.builder.clauses"), 4),
            *[row.box() for row in self.rows.values()],
            w.HBox([self.check_button, self.save_button, self.export_button]),
            self.result, self.status, self.link, self.sources,
        ])
        self.add_class("mpl-outline-builder")
        if restored_note:
            show(self.status, info(restored_note))
        self.on_type()

    @staticmethod
    def _saved() -> tuple[model.Outline, str | None]:
        raw = store.get_work(LAB, WORK_KEY)
        if raw is None:
            return model.empty_outline("memorandum"), None
        try:
            return model.parse_outline(raw), t("m5.builder.restored")
        except (model.OutlineInputError, TypeError, ValueError, AttributeError):
            return model.empty_outline("memorandum"), t("m5.builder.saved_unreadable")

    # -- reading the inputs -----------------------------------------------------------------
    def raw(self) -> dict[str, Any]:
        return {"doc_type": self.doc_type.value, "title": self.title.value,
                "clauses": {n: {"included": r.tick.value, "text": r.text.value} for n, r in self.rows.items()}}

    def read(self) -> model.Outline | None:
        """The outline, or ``None`` after showing what is wrong next to the input (nothing is cleared)."""
        self.title_note.value = ""
        for row in self.rows.values():
            row.note.value = ""
        try:
            return model.parse_outline(self.raw())
        except model.OutlineInputError as err:
            message = input_error(_error_text(err))
            target = self.title_note if err.field == "title" else (
                self.rows[err.field].note if err.field in self.rows else self.status)
            show(target, message)
            show(self.status, input_error(t("m5.builder.fix_first")))
            return None

    # -- actions ----------------------------------------------------------------------------
    def on_type(self) -> None:
        kind = self.doc_type.value
        needed = set(model.essential(kind))
        for name, row in self.rows.items():
            label = t("m5.status.essential") if name in needed else t("m5.status.optional")
            row.marker.value = f"<span class='mpl-clause-status'>({html.escape(label)})</span>"
        self.about.value = (f"<p><strong>{html.escape(kind_name(kind))}.</strong> "
                            f"{html.escape(t(f'm5.about.{kind}'))}</p>")
        self.sources.value = sources_html(kind)
        self.result.value = ""

    def check(self) -> model.OutlineCheck | None:
        outline = self.read()
        if outline is None:
            return None
        result = model.check_outline(outline)
        kind = kind_name(outline.doc_type)
        for name in result.missing:
            show(self.rows[name].note, info(t("m5.check.row_missing")))
        for name in result.empty:
            show(self.rows[name].note, info(t("m5.check.row_empty")))
        lines = []
        if result.missing:
            lines.append(t("m5.check.missing", kind=kind, clauses=", ".join(clause_name(c) for c in result.missing)))
        if result.empty:
            lines.append(t("m5.check.empty", clauses=", ".join(clause_name(c) for c in result.empty)))
        if result.blank_optional:
            lines.append(t("m5.check.blank_optional",
                           clauses=", ".join(clause_name(c) for c in result.blank_optional)))
        if result.complete:
            show(self.result, Message("correct", "\n".join([t("m5.check.complete", kind=kind), *lines])))
        else:
            show(self.result, Message("incorrect", "\n".join(lines)))
        return result

    def save(self) -> bool:
        outline = self.read()
        if outline is None:
            return False
        try:
            store.put_work(LAB, WORK_KEY, model.to_raw(outline))
        except OSError as err:
            show(self.status, input_error(t("core.store.cannot_write", error=err.strerror or str(err))))
            return False
        show(self.status, Message("saved", t("m5.builder.saved", count=len(outline.included()))))
        return True

    def export(self) -> None:
        outline = self.read()
        if outline is None:
            return
        self.check()
        try:
            path = export.export(outline)
        except OSError as err:
            show(self.status, input_error(t("core.store.cannot_write", error=err.strerror or str(err))))
            return
        if not self.save():
            return
        href = f"data:{export.MIME};base64," + base64.b64encode(path.read_bytes()).decode("ascii")
        self.link.value = (f"<p><a download='{html.escape(path.name, quote=True)}' href='{href}'>⬇ "
                           f"{html.escape(t('m5.builder.export_link', name=path.name))}</a></p>")
        show(self.status, Message("saved", t("m5.builder.exported", name=path.name)))


def outline_builder() -> OutlineBuilder:
    """The agreement-outline builder: your saved outline, or an empty memorandum."""
    return OutlineBuilder()


# -- exercise panels -------------------------------------------------------------------------
def document_choice() -> ExercisePanel:
    """Exercise 1: which document fits each situation?"""
    return dropdown_exercise(tasks.q1, [(k, t(f"m5.q1.situation.{k}")) for k in tasks.SITUATIONS],
                             [(kind_name(d), d) for d in model.doc_types()], t("m5.choose"), t("m5.q1.prompt"))


def given_outline_html() -> str:
    outline = tasks.q2_outline()
    head = "".join(f"<th scope='col'>{html.escape(t(k))}</th>" for k in (
        "m5.docx.col.clause", "m5.q2.col.ticked", "m5.docx.col.text"))
    body = []
    for name in model.clauses():
        entry = outline.clauses[name]
        ticked = t("m5.q2.yes") if entry.included else t("m5.q2.no")
        text = entry.text if entry.included else ""
        body.append(f"<tr><td>{html.escape(clause_name(name))}</td><td>{html.escape(ticked)}</td>"
                    f"<td>{html.escape(text)}</td></tr>")
    caption = html.escape(t("m5.q2.table", title=outline.title))
    return (f"<table class='mpl-table'><caption>{caption}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>")


def missing_clause() -> ExercisePanel:
    """Exercise 2: which essential clauses are missing or empty in a colleague's draft?"""
    table = w.HTML(given_outline_html())
    boxes = {n: w.Checkbox(value=False, description=clause_name(n), indent=False, layout=w.Layout(width="auto"))
             for n in model.clauses()}
    ask = w.HTML(f"<p>{html.escape(t('m5.q2.ask'))}</p>")
    grid = w.GridBox(list(boxes.values()), layout=w.Layout(grid_template_columns="repeat(2, max-content)"))
    panel = ExercisePanel(tasks.q2, [table, ask, grid],
                          lambda: [n for n, b in boxes.items() if b.value], intro=t("m5.q2.prompt"))
    panel.boxes = boxes
    return panel


def who_does_what() -> ExercisePanel:
    """Exercise 3: who drafts, decides, signs, oversees and approves?"""
    return dropdown_exercise(tasks.q3, [(k, t(f"m5.q3.step.{k}")) for k in tasks.STEPS],
                             [(t(f"m5.actor.{a}"), a) for a in tasks.ACTORS], t("m5.choose"), t("m5.q3.prompt"))


def cases_html(case_ids: list[str]) -> str:
    """The cases from data/partnership_cases.csv: partners, what happened, date, source."""
    cases = model.cases()
    head = "".join(f"<th scope='col'>{html.escape(t(k))}</th>" for k in (
        "m5.cases.col.partners", "m5.cases.col.what", "m5.cases.col.date", "m5.cases.col.source"))
    body = []
    for cid in case_ids:
        row = cases.loc[cid]
        url = html.escape(row["url"], quote=True)
        cells = [html.escape(tasks.case_name(cid)), html.escape(row["what_happened"]),
                 html.escape(row["date"] or t("m5.cases.no_date")),
                 f"<a href='{url}' target='_blank' rel='noopener'>{html.escape(row['source'])}</a>"]
        body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return (f"<table class='mpl-table'><caption>{html.escape(t('m5.cases.caption'))}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


def case_analysis() -> ExercisePanel:
    """Exercise 4: in each real case, what came first?"""
    case_ids = tasks.q4_cases()
    table = mark_data(w.HTML(cases_html(case_ids)))
    pickers: dict[str, w.Dropdown] = {}
    for cid in case_ids:
        choices = [(t("m5.choose"), None)] + [(t(f"m5.event.{e.event}"), e.event)
                                              for e in model.question_events(cid)]
        pickers[cid] = mark_data(w.Dropdown(options=choices, value=None, description=tasks.case_name(cid),
                                            style=WIDE, layout=w.Layout(width="max-content")), "description")

    def read() -> dict[str, Any]:
        answer = {c: p.value for c, p in pickers.items()}
        if all(v is None for v in answer.values()):
            return {}
        return answer

    panel = ExercisePanel(tasks.q4, [table, *pickers.values()], read, intro=t("m5.q4.prompt"))
    panel.pickers = pickers
    return panel


__all__ = ["case_analysis", "document_choice", "missing_clause", "outline_builder", "who_does_what"]
