"""Module 8 widgets: the report builder (logframe, indicators with a progress chart, financial
report against the saved budget, evidence checklist, humanitarian-aid due date, save and the
dossier export) and the exercise panels. Reads inputs, calls the model, renders.
"""

from __future__ import annotations

import base64
import html
from typing import Any

import ipywidgets as w
import matplotlib.pyplot as plt

from exercises.budgeting import model as budget
from exercises.core import charts, clock, store
from exercises.core.feedback import Message, info, input_error
from exercises.core.i18n import t
from exercises.core.panels import WIDE, ExercisePanel, PlainRepr, heading, mark_data, notices_html, show
from exercises.reporting import export, model, tasks

LAB = tasks.LAB
PERIODS = 4
EXAMPLE = {
    "overall_objective": [{"text": "Stronger local services in the partner hromadas"}],
    "specific_objective": [{"text": "Better waste management, learned from the partner town"}],
    "result": [{"text": "Staff trained in separate waste collection"}],
    "activity": [{"text": "Study visit to the partner town", "serves": 0}],
    "indicators": [{"name": "Staff trained", "kind": "output", "unit": "people", "baseline": "0", "target": "12",
                    "result": 0, "actuals": ["3", "", "", ""]}],
}
"""An illustrative logframe (invented) the builder starts from when nothing is saved."""


def _errors(err: model.ReportInputError | budget.BudgetInputError) -> str:
    return t(f"r.error.{err.code}", **{k: str(v) for k, v in err.params.items()})


class TextRow(w.HBox):
    """A logframe row: its text, assumptions, and for an activity the result it serves."""

    def __init__(self, builder: ReportBuilder, level: str, raw: dict[str, Any]) -> None:
        self.level = level
        self.text = w.Textarea(value=str(raw.get("text", "")), description=t(f"r.level.{level}"), rows=2,
                               continuous_update=False, style=WIDE, layout=w.Layout(width="420px"))
        self.assumptions = w.Text(value=str(raw.get("assumptions", "")), description=t("r.row.assumptions"),
                                  continuous_update=False, style=WIDE, layout=w.Layout(width="300px"))
        self.serves = w.Dropdown(options=[(t("r.row.serves_none"), None)], value=None, description=t("r.row.serves"),
                                 style=WIDE, layout=w.Layout(width="220px", display="flex" if level == "activity"
                                                             else "none"))
        self._wanted = raw.get("serves")
        self.remove = w.Button(description=t("r.row.remove"), icon="trash", layout=w.Layout(width="auto"))
        self.remove.on_click(lambda _b: builder.remove_row(self))
        for box in (self.text, self.assumptions, self.serves):
            box.observe(lambda _c: builder.refresh(), names="value")
        super().__init__([self.text, self.assumptions, self.serves, self.remove])

    def raw(self) -> dict[str, Any]:
        return {"text": self.text.value, "assumptions": self.assumptions.value, "serves": self.serves.value}


class IndicatorRow(w.VBox):
    def __init__(self, builder: ReportBuilder, raw: dict[str, Any]) -> None:
        self.name = w.Text(value=str(raw.get("name", "")), description=t("r.ind.name"), continuous_update=False,
                           style=WIDE, layout=w.Layout(width="360px"))
        self.kind = w.Dropdown(options=[(t(f"r.kind.{k}"), k) for k in model.KINDS],
                               value=raw.get("kind") if raw.get("kind") in model.KINDS else "output",
                               description=t("r.ind.kind"), style=WIDE, layout=w.Layout(width="200px"))
        self.unit = w.Text(value=str(raw.get("unit", "")), description=t("r.ind.unit"), continuous_update=False,
                           style=WIDE, layout=w.Layout(width="180px"))
        self.result = w.Dropdown(options=[(t("r.ind.objective"), None)], value=None, description=t("r.ind.result"),
                                 style=WIDE, layout=w.Layout(width="240px"))
        self._wanted = raw.get("result")
        self.baseline = w.Text(value=str(raw.get("baseline", "")), description=t("r.ind.baseline"),
                               continuous_update=False, style=WIDE, layout=w.Layout(width="170px"))
        self.target = w.Text(value=str(raw.get("target", "")), description=t("r.ind.target"), continuous_update=False,
                             style=WIDE, layout=w.Layout(width="170px"))
        actuals = list(raw.get("actuals") or []) + [""] * PERIODS
        self.actuals = [w.Text(value=str(actuals[i] or ""), description=t("r.ind.period", n=i + 1),
                               continuous_update=False, style=WIDE, layout=w.Layout(width="150px"))
                        for i in range(PERIODS)]
        self.remove = w.Button(description=t("r.row.remove"), icon="trash", layout=w.Layout(width="auto"))
        self.remove.on_click(lambda _b: builder.remove_indicator(self))
        self.error = w.HTML()
        for box in (self.name, self.kind, self.unit, self.result, self.baseline, self.target, *self.actuals):
            box.observe(lambda _c: builder.refresh(), names="value")
        super().__init__([w.HBox([self.name, self.kind, self.unit, self.result]),
                          w.HBox([self.baseline, self.target, *self.actuals, self.remove]), self.error],
                         layout=w.Layout(border="1px solid #d0d7de", padding="4px", margin="2px 0"))

    def raw(self) -> dict[str, Any]:
        return {"name": self.name.value, "kind": self.kind.value, "unit": self.unit.value, "result": self.result.value,
                "baseline": self.baseline.value, "target": self.target.value,
                "actuals": [a.value for a in self.actuals]}


class ReportBuilder(PlainRepr, w.VBox):
    plain_key = "r.builder.title"

    def __init__(self) -> None:
        saved = store.get_work(LAB, "report", {}) or {}
        logframe = saved.get("logframe") or EXAMPLE
        self.notices = notices_html()
        self.origin = w.HTML()
        self._busy = True
        self.sections = {level: w.VBox() for level in model.LEVELS}
        self.add_buttons = {level: w.Button(description=t(f"r.add.{level}"), icon="plus", layout=w.Layout(width="auto"))
                            for level in model.LEVELS}
        for level, button in self.add_buttons.items():
            button.on_click(lambda _b, lv=level: self.add_row(lv, {}))
        for level in model.LEVELS:
            self.sections[level].children = [TextRow(self, level, r if isinstance(r, dict) else {"text": r})
                                             for r in logframe.get(level, [])]
        self.indicators = w.VBox([IndicatorRow(self, r) for r in logframe.get("indicators", [])])
        self.add_indicator = w.Button(description=t("r.add.indicator"), icon="plus", layout=w.Layout(width="auto"))
        self.add_indicator.on_click(lambda _b: self.add_indicator_row({}))
        self.problems = w.HTML()
        self.progress_table = mark_data(w.HTML())  # shows the trainee's own indicator names
        self.chart = w.HTML()
        # finance
        self.threshold = w.Text(value=str(saved.get("threshold", "10")), description=t("r.fin.threshold"),
                                continuous_update=False, style=WIDE)
        self.threshold.observe(lambda _c: self.refresh(), names="value")
        self.finance_note = w.HTML()
        self.finance_box = w.VBox()
        self.finance_table = mark_data(w.HTML())
        self._actuals_saved = dict(saved.get("actual_spending") or {})
        # evidence
        present = set(saved.get("evidence") or [])
        self.evidence = {i["id"]: mark_data(w.Checkbox(value=i["id"] in present, description=i["item"], indent=False,
                                                       layout=w.Layout(width="auto")), "description")
                         for i in model.evidence_items()}
        for box in self.evidence.values():
            box.observe(lambda _c: self.refresh(), names="value")
        self.evidence_status = w.HTML()
        # humanitarian aid
        self.cleared = w.DatePicker(description=t("r.aid.cleared"), style=WIDE)
        self.cleared.observe(lambda _c: self.show_due(), names="value")
        self.due = w.HTML()
        # save, export
        self.save_button = w.Button(description=t("r.save"), icon="save", button_style="primary")
        self.preview_button = w.Button(description=t("r.preview.button"), icon="eye")
        self.preview = mark_data(w.HTML())  # the trainee's own texts, as the report will show them
        self.preview_button.on_click(lambda _b: self.show_preview())
        self.export_button = w.Button(description=t("r.export"), icon="file-word-o")
        self.status = w.HTML()
        self.links = w.HTML()
        self.save_button.on_click(lambda _b: self.save())
        self.export_button.on_click(lambda _b: self.export())
        super().__init__([
            self.notices, heading(t("r.builder.title")), self.origin,
            heading(t("r.section.logframe"), 4), w.HTML(f"<p>{html.escape(t('r.logframe.intro'))}</p>"),
            *[w.VBox([self.sections[lv], self.add_buttons[lv]]) for lv in model.LEVELS],
            heading(t("r.section.indicators"), 4), self.indicators, self.add_indicator, self.problems,
            self.progress_table, self.chart,
            heading(t("r.section.finance"), 4), self.finance_note, self.threshold, self.finance_box, self.finance_table,
            heading(t("r.section.evidence"), 4), w.HTML(f"<p>{html.escape(t('r.evidence.note'))}</p>"),
            *self.evidence.values(), self.evidence_status,
            heading(t("r.section.aid"), 4), w.HTML(f"<p>{html.escape(t('r.aid.intro'))}</p>"), self.cleared, self.due,
            w.HBox([self.save_button, self.preview_button, self.export_button]), self.status, self.links,
            self.preview,
        ])
        self.add_class("mpl-report-builder")
        self.build_finance()
        show(self.origin, info(t("r.origin.saved" if saved.get("logframe") else "r.origin.example")))
        self._busy = False
        self.refresh()
        self.show_due()

    # -- rows ----------------------------------------------------------------------------
    def add_row(self, level: str, raw: dict) -> None:
        self.sections[level].children = [*self.sections[level].children, TextRow(self, level, raw)]
        self.refresh()

    def remove_row(self, row: TextRow) -> None:
        box = self.sections[row.level]
        box.children = [r for r in box.children if r is not row]
        self.refresh()

    def add_indicator_row(self, raw: dict) -> None:
        self.indicators.children = [*self.indicators.children, IndicatorRow(self, raw)]
        self.refresh()

    def remove_indicator(self, row: IndicatorRow) -> None:
        self.indicators.children = [r for r in self.indicators.children if r is not row]
        self.refresh()

    def logframe_raw(self) -> dict[str, Any]:
        raw: dict[str, Any] = {level: [r.raw() for r in self.sections[level].children] for level in model.LEVELS}
        raw["indicators"] = [r.raw() for r in self.indicators.children]
        return raw

    def _sync_choices(self) -> None:
        """Activities and indicators choose among the current results (numbered 1, 2, ...)."""
        results = [(t("r.row.result_n", n=i + 1), i) for i in range(len(self.sections["result"].children))]
        was_busy, self._busy = self._busy, True
        for row in self.sections["activity"].children:
            current = row.serves.value if row.serves.options[1:] else row._wanted
            row.serves.options = [(t("r.row.serves_none"), None), *results]
            row.serves.value = current if current in [v for _, v in results] else None
        for row in self.indicators.children:
            current = row.result.value if row.result.options[1:] else row._wanted
            row.result.options = [(t("r.ind.objective"), None), *results]
            row.result.value = current if current in [v for _, v in results] else None
        self._busy = was_busy

    # -- recompute -------------------------------------------------------------------------
    def refresh(self) -> None:
        if self._busy:
            return
        self._sync_choices()
        frame, problems = model.logframe_from(self.logframe_raw())
        for k, row in enumerate(self.indicators.children):
            mine = [p for p in problems if p.code.startswith("indicator_") and p.params.get("n") == k + 1]
            if mine:
                show(row.error, *[input_error(tasks.problem_text(p)) for p in mine])
            else:
                row.error.value = ""
        listed = [p for p in problems if not p.code.startswith("indicator_")]
        if listed:
            show(self.problems, *[input_error(tasks.problem_text(p)) for p in listed])
        else:
            show(self.problems, Message("correct", t("r.logframe.complete"), title=t("r.status.complete")))
        self.render_progress(frame)
        self.render_finance()
        present = [k for k, b in self.evidence.items() if b.value]
        missing = model.missing_evidence(present)
        names = {i["id"]: i["item"] for i in model.evidence_items()}
        if missing:
            show(self.evidence_status, info(t("r.evidence.missing", count=len(missing),
                                              items="; ".join(names[m] for m in missing))))
        else:
            show(self.evidence_status, Message("correct", t("r.evidence.complete"), title=t("r.status.complete")))

    def render_progress(self, frame: model.Logframe) -> None:
        if not frame.indicators:
            self.progress_table.value = self.chart.value = ""
            return
        rows, names, shares, words = [], [], [], []
        for ind in frame.indicators:
            p = model.progress(ind, PERIODS)
            share = "—" if p.share is None else f"{p.share * 100:.0f} %"
            rows.append("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in (
                ind.name, t(f"r.kind.{ind.kind}"), ind.baseline, ind.target, "—" if p.latest is None else p.latest,
                share, t(f"r.status.{p.status}"))) + "</tr>")
            names.append(ind.name[:40])
            shares.append(0.0 if p.share is None else float(p.share))
            words.append(t(f"r.status.{p.status}"))
        head = "".join(f"<th scope='col'>{html.escape(t(f'r.col.{k}'))}</th>" for k in
                       ("indicator", "kind", "baseline", "target", "latest", "progress", "status"))
        self.progress_table.value = (f"<table class='mpl-table'><caption>{html.escape(t('r.progress.caption'))}"
                                     f"</caption><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
                                     f"<p>{html.escape(t('r.status_rule'))}</p>")
        png, alt = progress_chart(names, shares, words)
        data_uri = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
        self.chart.value = (f'<img class="mpl-chart" alt="{html.escape(alt, quote=True)}" '
                            f'src="{data_uri}" style="max-width:100%">')
        self._chart = (png, alt)

    # -- finance ---------------------------------------------------------------------------
    def build_finance(self) -> None:
        state = store.get_work("budgeting", "budget", {}) or {}
        saved = budget.read_saved(state) if state else None
        if saved is None or not saved.lines:
            show(self.finance_note, info(t("r.fin.no_budget")))
            self._planned = []
            self.finance_box.children = []
            return
        usable = [ln for ln in saved.lines if ln.currency == "EUR" or ln.currency in saved.rates]
        total = budget.totals(usable, saved.rates)
        self._planned = list(zip(usable, total.eur_by_line, strict=True))
        notes = [info(t("r.fin.from_budget", count=len(usable)))]
        if len(usable) < len(saved.lines) + len(saved.bad_lines):
            notes.append(info(t("r.fin.left_out", count=len(saved.lines) + len(saved.bad_lines) - len(usable))))
        show(self.finance_note, *notes)
        boxes = []
        for i, (line, planned) in enumerate(self._planned):
            box = w.Text(value=str(self._actuals_saved.get(str(i), "")), description=t("r.fin.actual", n=i + 1),
                         placeholder=f"{planned:,.2f}", tooltip=line.description, continuous_update=False, style=WIDE)
            box.observe(lambda _c: self.refresh(), names="value")
            boxes.append(box)
        self.finance_box.children = boxes

    def finance_rows(self) -> list[dict[str, str]]:
        try:
            threshold = budget.parse_decimal(self.threshold.value, "threshold")
        except budget.BudgetInputError as err:
            raise model.ReportInputError("threshold", "threshold") from err
        rows = []
        for (line, planned), box in zip(self._planned, self.finance_box.children, strict=True):
            if not box.value.strip():
                continue
            try:
                actual = budget.parse_decimal(box.value, "actual")
            except budget.BudgetInputError as err:
                raise model.ReportInputError("actual_spending", "actual", line=line.description) from err
            v = model.variance(planned, actual, threshold)
            percent = "—" if v.percent is None else f"{v.percent:+} %"
            rows.append({"line": line.description, "planned": f"{planned:,.2f}", "actual": f"{actual:,.2f}",
                         "variance": f"{v.amount:+,.2f} ({percent})",
                         "flag": "⚠ " + t("r.fin.flag") if v.flagged else ""})
        return rows

    def render_finance(self) -> None:
        if not self._planned:
            self.finance_table.value = ""
            return
        try:
            rows = self.finance_rows()
        except model.ReportInputError as err:
            show(self.finance_table, input_error(_errors(err)))
            return
        if not rows:
            self.finance_table.value = f"<p>{html.escape(t('r.fin.type_actuals'))}</p>"
            return
        head = "".join(f"<th scope='col'>{html.escape(t(f'r.docx.col.{k}'))}</th>"
                       for k in ("line", "planned", "actual", "variance"))
        head += f"<th scope='col'>{html.escape(t('r.fin.flag_col'))}</th>"
        body = "".join("<tr>" + "".join(f"<td>{html.escape(r[k])}</td>" for k in ("line", "planned", "actual",
                                                                                   "variance", "flag")) + "</tr>"
                       for r in rows)
        self.finance_table.value = (f"<table class='mpl-table'><caption>{html.escape(t('r.fin.caption'))}</caption>"
                                    f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")

    # -- aid -------------------------------------------------------------------------------
    def show_due(self) -> None:
        if self.cleared.value is None:
            show(self.due, info(t("r.aid.choose")))
            return
        try:
            due = model.aid_report_due(self.cleared.value, clock.today())
        except model.ReportInputError as err:
            show(self.due, input_error(_errors(err)))
            return
        left = model.days_left(due, clock.today())
        key = "r.aid.due_future" if left >= 0 else "r.aid.due_past"
        rule = model.aid_rule()
        show(self.due, info(t(key, due=due.isoformat(), days=abs(left), period=rule["days"]) + " "
                            + t("r.aid.convention") + " " + t("r.aid.consequence", consequence=rule["consequence"])))

    # -- save and export -------------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        return {"logframe": self.logframe_raw(), "periods": PERIODS, "threshold": self.threshold.value,
                "actual_spending": {str(i): b.value for i, b in enumerate(self.finance_box.children) if b.value},
                "evidence": [k for k, b in self.evidence.items() if b.value],
                "finance": self._finance_for_report()}

    def _finance_for_report(self) -> list[dict[str, str]]:
        try:
            return self.finance_rows()
        except model.ReportInputError:
            return []

    def save(self) -> None:
        try:
            store.put_work(LAB, "report", self.state())
        except OSError as err:
            show(self.status, input_error(t("core.store.cannot_write", error=err.strerror or str(err))))
            return
        show(self.status, Message("saved", t("r.saved")))

    def show_preview(self) -> None:
        """Save, then show the report as the dossier will hold it."""
        self.save()
        png, alt = getattr(self, "_chart", (None, ""))
        document, _missing = export.build_report(store.load(), png, alt)
        self.preview.value = (f"<div class='mpl-report-preview' style='border:1px solid #d0d7de;padding:8px'>"
                              f"{export.preview_html(document)}</div>")

    def export(self) -> None:
        self.save()
        png, alt = getattr(self, "_chart", (None, ""))
        try:
            dossier = export.export_dossier(store.load(), png, alt)
        except OSError as err:
            show(self.status, input_error(t("core.store.cannot_write", error=err.strerror or str(err))))
            return
        links = []
        for path, mime in ((dossier.report, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                           (dossier.workbook, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")):
            if path is None:
                continue
            href = f"data:{mime};base64," + base64.b64encode(path.read_bytes()).decode("ascii")
            links.append(f"<li><a download='{html.escape(path.name, quote=True)}' href='{href}'>⬇ "
                         f"{html.escape(t('r.download', name=path.name))}</a></li>")
        self.links.value = f"<ul>{''.join(links)}</ul>"
        messages = [Message("saved", t("r.exported", name=dossier.report.name))]
        if dossier.missing:
            messages.append(info(t("r.docx.missing", labs=", ".join(t(f"r.lab.{lab}") for lab in dossier.missing))))
        if dossier.workbook is None:
            messages.append(info(t("r.no_workbook")))
        show(self.status, *messages)


def progress_chart(names: list[str], shares: list[float], words: list[str]) -> tuple[bytes, str]:
    """Progress of each indicator towards its target (0 to 100 % and beyond), with its status."""
    fig, ax = plt.subplots(figsize=(6.4, 0.6 + 0.45 * len(names)))
    values = [max(0.0, s) * 100 for s in shares]
    ax.barh(names[::-1], values[::-1], color="#1a7f37")
    ax.axvline(100, color="#6b7280", linestyle="--", linewidth=1)
    for y, (v, word) in enumerate(zip(values[::-1], words[::-1], strict=True)):
        ax.text(min(v, 105) + 2, y, word, va="center", fontsize=7)
    ax.set_xlim(0, 140)
    ax.set_xlabel(t("r.chart.x"), fontsize=8)
    ax.tick_params(labelsize=7)
    ax.spines[["top", "right"]].set_visible(False)
    fig.subplots_adjust(left=0.35, right=0.97, bottom=0.3 if len(names) < 3 else 0.15, top=0.95)
    alt = t("r.chart.alt", items="; ".join(f"{n}: {v:.0f} %, {word}" for n, v, word in zip(names, values, words,
                                                                                             strict=True)))
    return charts.png_bytes(fig), alt


def builder() -> ReportBuilder:
    """The report builder: your saved report, or an example logframe."""
    return ReportBuilder()


def logframe_exercise() -> ExercisePanel:
    """Exercise 1: the broken logframe's indicators, to complete."""
    start = tasks.Q1_START
    first = start["indicators"][0]
    name1 = w.Text(value=first["name"], description=t("r.q1.ind1"), style=WIDE)
    target1 = w.Text(value=first["target"], description=t("r.ind.target"), style=WIDE)
    name2 = w.Text(value="", description=t("r.q1.ind2"), style=WIDE)
    base2 = w.Text(value="", description=t("r.ind.baseline"), style=WIDE)
    target2 = w.Text(value="", description=t("r.ind.target"), style=WIDE)
    shown = mark_data(w.HTML("<ul>" + "".join(f"<li>{html.escape(t('r.row.result_n', n=i + 1))}: "
                                              f"{html.escape(r['text'])}</li>" for i, r in enumerate(start["result"]))
                             + "</ul>"))

    def read() -> dict:
        answer = {k: [dict(x) for x in v] for k, v in start.items()}
        answer["indicators"] = [dict(first, name=name1.value, target=target1.value)]
        if name2.value.strip() or base2.value.strip() or target2.value.strip():
            answer["indicators"].append({"name": name2.value, "kind": "output", "baseline": base2.value,
                                         "target": target2.value, "result": 1})
        return answer

    return ExercisePanel(tasks.q1, [shown, name1, target1, name2, base2, target2], read, intro=t("r.q1.prompt"))


def indicator_kinds_exercise() -> ExercisePanel:
    pickers = {k: w.Dropdown(options=[(t("r.q2.choose"), None)] + [(t(f"r.kind.{x}"), x) for x in model.KINDS],
                             value=None, description=t(f"r.q2.item.{k}"), style=WIDE, layout=w.Layout(width="auto"))
               for k in tasks.Q2}
    return ExercisePanel(tasks.q2, list(pickers.values()), lambda: {k: p.value for k, p in pickers.items()},
                         intro=t("r.q2.prompt"))


def due_date_exercise() -> ExercisePanel:
    picker = w.DatePicker(description=t("r.q3.label"), style=WIDE)
    return ExercisePanel(tasks.q3, [picker], lambda: picker.value,
                         intro=t("r.q3.prompt", cleared=tasks.Q3_CLEARED.isoformat()))


def evidence_exercise() -> ExercisePanel:
    items = {i["id"]: i["item"] for i in model.evidence_items()}
    present = mark_data(w.HTML("<ul>" + "".join(f"<li>{html.escape(items[k])}</li>" for k in tasks.Q4_PRESENT)
                               + "</ul>"))
    boxes = {k: mark_data(w.Checkbox(value=False, description=v, indent=False, layout=w.Layout(width="auto")),
                          "description") for k, v in items.items() if k not in tasks.Q4_PRESENT}
    return ExercisePanel(tasks.q4, [present, w.HTML(f"<p>{html.escape(t('r.q4.tick'))}</p>"), *boxes.values()],
                         lambda: [k for k, b in boxes.items() if b.value], intro=t("r.q4.prompt"))


