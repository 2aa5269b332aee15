"""Module 2 widgets: the approval-timeline calculator and the exercise panels.

Reads inputs, calls ``model`` and ``tasks``, renders. No date arithmetic here.
"""

from __future__ import annotations

import html
from datetime import date

import ipywidgets as w

from exercises.core import clock, store
from exercises.core.feedback import info, input_error
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
from exercises.core.tasks import AnswerError
from exercises.legal_framework import model, tasks

LAB = tasks.LAB
WORK_KEY = "timeline"


def step_label(step: str) -> str:
    return t(f"m2.step.{step}")


def weekday_name(day: date) -> str:
    return t(f"m2.weekday.{day.weekday()}")


def _period_text(row: model.StepEnd) -> str:
    if row.order == 1:
        return t("m2.timeline.start")
    if row.typed:
        return t("m2.timeline.days_typed", days=row.days)
    if row.known:
        return t("m2.timeline.days", days=row.days)
    if row.step == model.UNKNOWN_PERIOD_STEP:
        return t("m2.timeline.not_known_cut")
    return t("m2.timeline.no_period")


def timeline_table(result: model.Timeline) -> str:
    """Every step with its period, the latest day it can end, the day of the week and the source."""
    head = "".join(f"<th scope='col'>{html.escape(t(k))}</th>" for k in (
        "m2.col.step", "m2.col.period", "m2.col.latest", "m2.col.weekday", "m2.col.source", "m2.col.confidence",
        "m2.col.note"))
    body = []
    for row in result.steps:
        day = result.submitted if row.order == 1 else row.due
        when = model.format_date(day) if day else "—"
        weekday = weekday_name(day) if day else "—"
        if day and row.order > 1 and model.is_weekend(day):
            weekday = t("m2.timeline.weekend_cell", weekday=weekday)
        url = html.escape(row.url, quote=True)
        source = f"<a href='{url}' target='_blank' rel='noopener'>{html.escape(row.source)}</a>"
        cells = [html.escape(step_label(row.step)), html.escape(_period_text(row)), html.escape(when),
                 html.escape(weekday), source, html.escape(t(f"m2.confidence.{row.confidence}")),
                 html.escape(row.note)]
        body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return (f"<table class='mpl-table'><caption>{html.escape(t('m2.timeline.caption'))}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


def timeline_summary(result: model.Timeline) -> list:
    """The messages under the table: the overall date, the weekend rule, what is not known."""
    messages = []
    overall = result.overall
    if overall.due is not None:
        messages.append(info(t("m2.timeline.overall", date=model.format_date(overall.due),
                               weekday=weekday_name(overall.due), days=overall.days,
                               submitted=model.format_date(result.submitted))))
        if model.is_weekend(overall.due):
            messages.append(info(t("m2.timeline.weekend_note")))
    for row in result.steps:
        if row.typed and overall.due is not None and row.due is not None and row.due > overall.due:
            messages.append(info(t("m2.timeline.typed_after_overall")))
    unknown = result.unknown
    if unknown:
        messages.append(info(t("m2.timeline.unknown", steps="; ".join(step_label(s) for s in unknown))))
    return messages


class TimelineCalculator(PlainRepr, w.VBox):
    """Submission date in; the latest end of every step with a known period out."""

    plain_key = "m2.timeline.title"

    def __init__(self) -> None:
        saved = store.get_work(LAB, WORK_KEY, {}) or {}
        try:
            start = model.parse_date(saved.get("submitted"))
        except model.DateError:
            start = clock.today()
        self.submitted = w.DatePicker(value=start, description=t("m2.timeline.submitted"), style=WIDE)
        self.date_error = w.HTML()
        self.mfa_days = w.Text(value=str(saved.get("mfa_days") or ""), description=t("m2.timeline.mfa_days"),
                               placeholder=t("m2.timeline.mfa_placeholder"), continuous_update=False, style=WIDE,
                               layout=w.Layout(width="460px"))
        self.days_error = w.HTML()
        self.table = mark_data(w.HTML())
        self.summary = w.HTML()
        self.summary.add_class("mpl-timeline-summary")
        rule = t("m2.timeline.rule", overall=model.period_of(model.OVERALL_STEP), moj=model.period_of("moj_check"))
        self.submitted.observe(lambda _c: self.update(save=True), names="value")
        self.mfa_days.observe(lambda _c: self.update(save=True), names="value")
        super().__init__([
            notices_html(),
            heading(t("m2.timeline.title")),
            w.HTML(f"<p>{html.escape(t('m2.timeline.intro'))}</p>"),
            w.HTML(f"<p><strong>{html.escape(t('m2.timeline.rule_title'))}</strong> {html.escape(rule)}</p>"),
            self.submitted, self.date_error,
            w.HTML(f"<p>{html.escape(t('m2.timeline.mfa_intro'))}</p>"),
            self.mfa_days, self.days_error,
            self.table, self.summary,
        ])
        self.add_class("mpl-timeline")
        self.update(save=False)

    def update(self, save: bool) -> None:
        try:
            mfa = model.parse_days(self.mfa_days.value)
            show(self.days_error)
        except model.DateError as err:
            mfa = None
            show(self.days_error, input_error(t(f"m2.days.error.{err.code}", most=model.MAX_TYPED_DAYS)))
        try:
            result = model.timeline(self.submitted.value, mfa)
        except model.DateError as err:
            show(self.date_error, input_error(t(f"m2.date.error.{err.code}")))
            self.table.value = ""
            show(self.summary)
            return
        show(self.date_error)
        self.table.value = timeline_table(result)
        show(self.summary, *timeline_summary(result))
        if save:
            store.put_work(LAB, WORK_KEY, {"submitted": result.submitted.isoformat(),
                                           "mfa_days": self.mfa_days.value.strip()})


def timeline_calculator() -> TimelineCalculator:
    """The approval-timeline calculator of Module 2."""
    return TimelineCalculator()


def document_types() -> ExercisePanel:
    """Exercise 1: a dropdown for each described document, then Check."""
    return dropdown_exercise(tasks.q1, [(case, t(f"m2.q1.case.{case}")) for case in tasks.DOCUMENTS],
                             [(t(f"m2.doc.{k}"), k) for k in tasks.DOC_TYPES], t("m2.choose"), t("m2.q1.prompt"))


def latest_date_exercise() -> ExercisePanel:
    """Exercise 2: the latest overall approval date for a given submission date."""
    picker = w.DatePicker(value=None, description=t("m2.q2.your_date"), style=WIDE)

    def read() -> date:
        if picker.value is None:  # nothing chosen, or a typed day that does not exist
            raise AnswerError(t("m2.q2.error.missing"))
        return picker.value

    panel = ExercisePanel(tasks.q2, [picker], read,
                          intro=t("m2.q2.prompt", submitted=model.format_date(tasks.SUBMITTED),
                                  weekday=weekday_name(tasks.SUBMITTED)))
    panel.picker = picker
    return panel


def approval_chain_order() -> ExercisePanel:
    """Exercise 3: a position for each stage of the approval chain."""
    items = tasks.chain_items()
    choices = [(t("m2.q3.position"), None)] + [(str(i), i) for i in range(1, len(items) + 1)]
    pickers = {}
    rows = []
    for item in items:
        label = " + ".join(step_label(s) for s in item.split("+"))
        pickers[item] = w.Dropdown(options=choices, value=None, description=label, style=WIDE,
                                   layout=w.Layout(width="max-content"))
        rows.append(pickers[item])
    panel = ExercisePanel(tasks.q3, rows, lambda: {i: p.value for i, p in pickers.items()},
                          intro=t("m2.q3.prompt"))
    panel.pickers = pickers
    return panel
