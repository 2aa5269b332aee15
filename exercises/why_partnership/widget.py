"""Module 1 widgets: the partnership figures explorer and the exercise panels.

Reads inputs, calls ``model`` and ``tasks``, renders. No arithmetic here.
"""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd

from exercises.core import charts
from exercises.core.feedback import info, input_error
from exercises.core.i18n import t
from exercises.core.panels import (
    WIDE,
    ExercisePanel,
    PlainRepr,
    choice_panel,
    dropdown_exercise,
    heading,
    mark_data,
    notices_html,
    show,
)
from exercises.why_partnership import model, tasks


def format_figure(row) -> str:
    """How a figure reads: the source's own phrase, or a qualifier and the number."""
    if isinstance(row.phrase, str) and row.phrase:
        return row.phrase
    value = float(row.value)
    number = f"{value:,.0f}" if value.is_integer() else f"{value:,.1f}"
    return t(f"m1.qualifier.{row.qualifier}", value=number)


def figures_table(rows: pd.DataFrame) -> str:
    """An HTML table of figures with their date, scope, source (linked) and certainty."""
    head = "".join(f"<th scope='col'>{html.escape(t(k))}</th>" for k in (
        "m1.col.as_of", "m1.col.scope", "m1.col.figure", "m1.col.source", "m1.col.confidence", "m1.col.note"))
    body = []
    for row in rows.itertuples():
        url = html.escape(row.url, quote=True)
        source = f"<a href='{url}' target='_blank' rel='noopener'>{html.escape(row.source)}</a>"
        cells = [html.escape(row.as_of), html.escape(row.scope),
                 html.escape(f"{format_figure(row)} {row.unit}"), source,
                 html.escape(t(f"m1.confidence.{row.confidence}")), html.escape(row.note or "")]
        body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return (f"<table class='mpl-table'><caption>{html.escape(t('m1.table.caption'))}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


class Explorer(PlainRepr, w.VBox):
    """Pick a figure; see every count of it with date and source, and a chart of the dated ones.
    Below, a calculator for a share of hromadas, from numbers the trainee chooses."""

    plain_key = "m1.explorer.title"

    def __init__(self) -> None:
        self.frame = model.figures()
        options = [(t(f"m1.measure.{m}"), m) for m in model.measures(self.frame)]
        self.measure = w.Dropdown(options=options, value=options[0][1], description=t("m1.explorer.measure"),
                                  style=WIDE, layout=w.Layout(width="max-content"))
        self.table = mark_data(w.HTML())
        self.chart = w.HTML()
        self.part = w.Text(value="", description=t("m1.share.part"), placeholder=t("m1.share.placeholder"),
                           continuous_update=False, style=WIDE)
        self.whole = w.Text(value="", description=t("m1.share.whole"), placeholder=t("m1.share.placeholder"),
                            continuous_update=False, style=WIDE)
        self.result = w.HTML()
        self.result.add_class("mpl-share-result")
        self.measure.observe(lambda _c: self.update_figures(), names="value")
        for box in (self.part, self.whole):
            box.observe(lambda _c: self.update_share(), names="value")
        super().__init__([
            notices_html(),
            heading(t("m1.explorer.title")),
            self.measure, self.table, self.chart,
            heading(t("m1.share.title"), 4),
            w.HTML(f"<p>{html.escape(t('m1.share.intro'))}</p>"),
            self.part, self.whole, self.result,
        ])
        self.add_class("mpl-explorer")
        self.update_figures()
        self.update_share()

    def update_figures(self) -> None:
        rows = model.figures_for(self.measure.value, self.frame)
        self.table.value = figures_table(rows)
        points = model.chart_points(rows)
        label = t(f"m1.measure.{self.measure.value}")
        if not points:
            show(self.chart, info(t("m1.chart.none")))
            return
        names, values = [p[0] for p in points], [p[1] for p in points]
        fig = charts.bar_chart(names, values, title=label, ylabel=str(rows["unit"].iloc[0]))
        alt = t("m1.chart.alt", measure=label,
                points="; ".join(f"{n}: {v:,.0f}" if v >= 100 else f"{n}: {v:g}" for n, v in points))
        self.chart.value = charts.img_html(fig, alt)

    def update_share(self) -> None:
        try:
            share = model.share_percent(self.part.value, self.whole.value)
        except model.ShareError as err:
            message = t(f"m1.share.error.{err.code}")
            show(self.result, info(message) if err.code == "missing" else input_error(message))
            return
        show(self.result, info(t("m1.share.result", part=f"{share.part:,}", whole=f"{share.whole:,}",
                                 percent=f"{share.percent}")))


def explorer() -> Explorer:
    """The partnership figures explorer of Module 1."""
    return Explorer()


def cooperation_kinds() -> ExercisePanel:
    """Exercise 1: a dropdown for each scenario, then Check."""
    return dropdown_exercise(tasks.q1, [(sid, t(f"m1.q1.scenario.{sid}")) for sid in tasks.SCENARIOS],
                             [(t(f"m1.kind.{k}"), k) for k in tasks.KINDS], t("m1.q1.choose"), t("m1.q1.prompt"))


def quoting_figures() -> ExercisePanel:
    """Exercise 3: what to do with two different counts."""
    options = [(t(f"m1.q3.option.{o}"), o) for o in tasks.QUOTE_OPTIONS]
    return choice_panel(tasks.q3, options, intro=t("m1.q3.prompt"))
