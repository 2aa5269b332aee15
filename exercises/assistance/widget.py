"""Module 7 widgets: the three regimes at a glance, the delivery classifier and the
"what must we do next?" planner. Reads inputs, calls ``model`` and ``tasks``, renders."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from exercises.assistance import model, tasks
from exercises.core.i18n import t
from exercises.core.panels import WIDE, ExercisePanel, PlainRepr, dropdown_exercise, heading, mark_data, notices_html


def regime_name(regime: str) -> str:
    return t(f"m7.regime.{regime}")


def regimes_html() -> str:
    """For each regime, a block of rows: what decides it, the legal basis, the procedure and its
    steps, the source. (Two columns read better than five in a narrow page.)"""
    frame = model.regimes()
    top = "style='vertical-align:top;text-align:left'"
    body = []
    for regime in model.regime_ids():
        row = frame.loc[regime]
        steps = "".join(f"<li>{html.escape(tasks.step_label(s.id))}</li>" for s in model.steps(regime))
        ended = "".join(f"<li>{html.escape(tasks.step_label(s.id))}: "
                        f"{html.escape(t('m7.ended', until=s.until.strftime('%d.%m.%Y')))}</li>"
                        for s in model.ended_steps(regime))
        url = html.escape(row["url"], quote=True)
        rows = [
            ("m7.col.decides", html.escape(t(f"m7.decides.{regime}"))),
            ("m7.col.law", html.escape(row["legal_basis"])),
            ("m7.col.procedure", f"{html.escape(row['procedure_basis'])}<ol>{steps}</ol>"
                                 + (f"<ul>{ended}</ul>" if ended else "")),
            ("m7.col.source", f"<a href='{url}' target='_blank' rel='noopener'>{html.escape(row['source'])}</a>"),
        ]
        body.append(f"<tbody><tr><th scope='colgroup' colspan='2' {top}>{html.escape(regime_name(regime))}</th></tr>"
                    + "".join(f"<tr><th scope='row' {top}>{html.escape(t(key))}</th><td {top}>{cell}</td></tr>"
                              for key, cell in rows) + "</tbody>")
    return (f"<table class='mpl-table'><caption>{html.escape(t('m7.table.caption'))}</caption>"
            f"{''.join(body)}</table>")


class RegimesOverview(PlainRepr, w.VBox):
    plain_key = "m7.overview.title"

    def __init__(self) -> None:
        self.table = mark_data(w.HTML(regimes_html()))
        super().__init__([notices_html(), heading(t("m7.overview.title")),
                          w.HTML(f"<p>{html.escape(t('m7.overview.intro'))}</p>"), self.table,
                          w.HTML(f"<p>{html.escape(t('m7.overview.steps_source', days=model.report_days()))}</p>")])


def regimes_overview() -> RegimesOverview:
    """The three regimes: what decides each, its law, its procedure and steps, its source."""
    return RegimesOverview()


def classify_deliveries() -> ExercisePanel:
    """Exercise 1: a dropdown for each delivery, then Check."""
    return dropdown_exercise(tasks.q1, [(did, t(f"m7.q1.delivery.{did}")) for did in tasks.DELIVERIES],
                             [(regime_name(r), r) for r in model.regime_ids()], t("m7.choose"), t("m7.q1.prompt"))


def next_steps() -> ExercisePanel:
    """Exercise 2: for the generators of delivery (a), number the steps or mark them not needed."""
    count = len(tasks.needed())
    choices: list[tuple[str, Any]] = [(t("m7.choose"), None), (t("m7.q2.not_needed_option"), model.SKIP)]
    choices += [(str(n), n) for n in range(1, count + 1)]
    pickers: dict[str, w.Dropdown] = {}
    rows: list[w.Widget] = [w.HTML(f"<p><em>{html.escape(t('m7.q1.delivery.a'))}</em></p>")]
    for letter, sid in zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", tasks.listed(), strict=False):
        label = tasks.step_label(sid)
        rows.append(w.HTML(f"<p><strong>{letter}.</strong> {html.escape(label)}</p>"))
        pickers[sid] = w.Dropdown(options=choices, value=None, description=t("m7.q2.place", item=letter),
                                  tooltip=label, style=WIDE, layout=w.Layout(width="max-content"))
        rows.append(pickers[sid])

    def read() -> dict[str, Any]:
        answer = {s: p.value for s, p in pickers.items()}
        return {} if all(v is None for v in answer.values()) else answer

    panel = ExercisePanel(tasks.q2, rows, read, intro=t("m7.q2.prompt", count=count))
    panel.pickers = pickers
    return panel


__all__ = ["classify_deliveries", "next_steps", "regimes_overview"]
