"""Module 6 widgets: the budget planner (lines, project, rates, totals, rule checks, save and
export) and the exercise panels. Reads inputs, calls the model, renders; no arithmetic here.
"""

from __future__ import annotations

import base64
import html
from datetime import date
from decimal import Decimal
from typing import Any

import ipywidgets as w
import matplotlib.pyplot as plt

from exercises import data
from exercises.budgeting import export, model, tasks
from exercises.core import charts, store
from exercises.core.feedback import Message, info, input_error
from exercises.core.i18n import t
from exercises.core.panels import WIDE, ExercisePanel, PlainRepr, heading, mark_data, notices_html, show

LAB = tasks.LAB
DEFAULT_PERIOD = (date(2024, 3, 1), date(2024, 3, 31))


def category_name(category: str) -> str:
    """A cost category in the trainee's language (the data file keeps the English name too)."""
    return t(f"b.category.{category}")


def _eur(value: Decimal) -> str:
    return f"{value:,.2f}"


def shortlist_countries() -> tuple[tuple[str, ...], list[str]] | None:
    """The partner countries of the shortlist saved in Module 4, or None if there is none."""
    saved = store.get_work("partner_selection", "explorer", {}) or {}
    ids = saved.get("shortlist") or []
    if not ids:
        return None
    places = data.load("places").set_index("geonameid")
    found = [int(g) for g in ids if int(g) in places.index]
    countries = tuple(dict.fromkeys(places.loc[found, "country"]))
    return countries, list(places.loc[found, "name"])


def eu_count(countries: tuple[str, ...]) -> int:
    table = data.load("countries").set_index("code")
    return sum(1 for c in set(countries) if c in table.index and bool(table.loc[c, "eu_member"]))


class LineRow(w.HBox):
    """One editable budget line: every box labelled; a message under it when it cannot be used."""

    def __init__(self, planner: BudgetPlanner, raw: dict[str, str]) -> None:
        self.planner = planner
        cats = model.categories()
        self.category = mark_data(w.Dropdown(options=[(category_name(i), i) for i in cats.index],
                                             value=raw["category"] if raw.get("category") in cats.index else "event",
                                             description=t("b.line.category"), style=WIDE,
                                             layout=w.Layout(width="260px")), "options")
        self.description = w.Text(value=raw.get("description", ""), description=t("b.line.description"),
                                  continuous_update=False, style=WIDE, layout=w.Layout(width="330px"))
        self.unit = w.Text(value=raw.get("unit", ""), description=t("b.line.unit"), continuous_update=False,
                           style=WIDE, layout=w.Layout(width="140px"))
        self.quantity = w.Text(value=str(raw.get("quantity", "")), description=t("b.line.quantity"),
                               continuous_update=False, style=WIDE, layout=w.Layout(width="150px"))
        self.unit_cost = w.Text(value=str(raw.get("unit_cost", "")), description=t("b.line.unit_cost"),
                                continuous_update=False, style=WIDE, layout=w.Layout(width="170px"))
        self.currency = mark_data(w.Dropdown(options=list(model.CURRENCIES), value=raw.get("currency", "EUR")
                                   if raw.get("currency") in model.CURRENCIES else "EUR",
                                   description=t("b.line.currency"), style=WIDE, layout=w.Layout(width="150px")),
                                  "options")
        self.payer = w.Dropdown(options=[(t(f"b.payer.{p}"), p) for p in model.PAYERS],
                                value=raw.get("payer", "grant") if raw.get("payer") in model.PAYERS else "grant",
                                description=t("b.line.payer"), style=WIDE, layout=w.Layout(width="200px"))
        self.copy_button = w.Button(description=t("b.line.duplicate"), icon="copy", layout=w.Layout(width="auto"))
        self.delete_button = w.Button(description=t("b.line.delete"), icon="trash", layout=w.Layout(width="auto"))
        self.error = w.HTML()
        for box in (self.category, self.description, self.unit, self.quantity, self.unit_cost, self.currency,
                    self.payer):
            box.observe(lambda _c: planner.refresh(), names="value")
        self.copy_button.on_click(lambda _b: planner.duplicate(self))
        self.delete_button.on_click(lambda _b: planner.delete(self))
        super().__init__([w.VBox([w.HBox([self.category, self.description, self.unit]),
                                  w.HBox([self.quantity, self.unit_cost, self.currency, self.payer,
                                          self.copy_button, self.delete_button]),
                                  self.error])],
                         layout=w.Layout(border="1px solid #d0d7de", padding="4px", margin="2px 0"))

    def raw(self) -> dict[str, str]:
        return {"category": self.category.value, "description": self.description.value, "unit": self.unit.value,
                "quantity": self.quantity.value, "unit_cost": self.unit_cost.value, "currency": self.currency.value,
                "payer": self.payer.value}


class BudgetPlanner(PlainRepr, w.VBox):
    plain_key = "b.planner.title"

    def __init__(self) -> None:
        saved = store.get_work(LAB, "budget", {}) or {}
        self.notices = notices_html()
        self.origin = w.HTML()
        lines = saved.get("lines") or [dict(r) for r in model.EXAMPLE_LINES]
        project = saved.get("project") or {}
        from_shortlist = shortlist_countries()
        if project.get("countries"):
            countries = tuple(project["countries"])
        elif from_shortlist:
            countries = tuple(dict.fromkeys(("UA", *from_shortlist[0])))
        else:
            countries = ("UA", "PL")
        fl = model.funding_lines()
        self.funding = mark_data(w.Dropdown(options=[(r["name"], i) for i, r in fl.iterrows()],
                                            value=project.get("funding_line", "cerv_tt"),
                                            description=t("b.project.funding_line"), style=WIDE,
                                            layout=w.Layout(width="auto")), "options")
        self.funding_info = mark_data(w.HTML())
        self.participants = w.Text(value=str(project.get("participants", "60")), description=t("b.label.participants"),
                                   continuous_update=False, style=WIDE)
        self.invited = w.Text(value=str(project.get("invited", "30")), description=t("b.label.invited"),
                              continuous_update=False, style=WIDE)
        self.months = w.Text(value=str(project.get("months", "9")), description=t("b.label.months"),
                             continuous_update=False, style=WIDE)
        self.countries = w.Text(value=", ".join(countries), description=t("b.label.countries"),
                                continuous_update=False, style=WIDE, layout=w.Layout(width="420px"))
        self.requested = w.Text(value=str(project.get("requested", "30000")), description=t("b.label.requested"),
                                continuous_update=False, style=WIDE)
        self.project_error = w.HTML()
        self.rows = w.VBox()
        self.add_button = w.Button(description=t("b.line.add"), icon="plus")
        # rates
        rates = saved.get("rates") or {}
        start = date.fromisoformat(rates.get("start", DEFAULT_PERIOD[0].isoformat()))
        end = date.fromisoformat(rates.get("end", DEFAULT_PERIOD[1].isoformat()))
        self.start = w.DatePicker(value=start, description=t("b.rates.start"), style=WIDE)
        self.end = w.DatePicker(value=end, description=t("b.rates.end"), style=WIDE)
        self.inforeuro = w.Text(value=rates.get("inforeuro_uah", ""), description=t("b.rates.inforeuro"),
                                placeholder=t("b.rates.enter"), continuous_update=False, style=WIDE)
        self.nbu = w.Text(value=rates.get("nbu_uah", ""), description=t("b.rates.nbu"), placeholder=t("b.rates.enter"),
                          continuous_update=False, style=WIDE)
        self.rates_info = mark_data(w.HTML())
        # results
        self.totals_html = w.HTML()
        self.chart = w.HTML()
        self.rules_html = w.HTML()
        self.save_button = w.Button(description=t("b.save"), icon="save", button_style="primary")
        self.export_button = w.Button(description=t("b.export"), icon="file-excel-o")
        self.reset_button = w.Button(description=t("b.reset"), icon="undo", tooltip=t("b.reset_tip"))
        self.status = w.HTML()
        self.link = w.HTML()
        self._busy = True
        self.rows.children = [LineRow(self, raw) for raw in lines]
        for box in (self.funding, self.participants, self.invited, self.months, self.countries, self.requested,
                    self.start, self.end, self.inforeuro, self.nbu):
            box.observe(lambda _c: self.refresh(), names="value")
        self.add_button.on_click(lambda _b: self.add({"category": "event", "currency": "EUR", "payer": "grant"}))
        self.save_button.on_click(lambda _b: self.save())
        self.export_button.on_click(lambda _b: self.export())
        self.reset_button.on_click(lambda _b: self.reset())
        super().__init__([
            self.notices, heading(t("b.planner.title")), self.origin,
            heading(t("b.project.title"), 4), self.funding, self.funding_info, self.participants, self.invited,
            self.months, self.countries, self.requested, self.project_error,
            heading(t("b.lines.title"), 4), self.rows, self.add_button,
            heading(t("b.rates.title"), 4), w.HTML(f"<p>{html.escape(t('b.rates.intro'))}</p>"),
            w.HBox([self.start, self.end]), self.inforeuro, self.nbu, self.rates_info,
            heading(t("b.totals.title"), 4), self.totals_html, self.chart,
            heading(t("b.rules.title"), 4), self.rules_html,
            w.HBox([self.save_button, self.export_button, self.reset_button]), self.status, self.link,
        ])
        self.add_class("mpl-budget-planner")
        if saved.get("lines"):
            show(self.origin, info(t("b.origin.saved", count=len(saved["lines"]))))
        elif from_shortlist:
            show(self.origin, info(t("b.origin.shortlist", towns=", ".join(from_shortlist[1]))))
        else:
            show(self.origin, info(t("b.origin.example")))
        self._busy = False
        self.refresh()

    # -- lines ----------------------------------------------------------------------------
    def add(self, raw: dict[str, str]) -> None:
        self.rows.children = [*self.rows.children, LineRow(self, raw)]
        self.refresh()

    def duplicate(self, row: LineRow) -> None:
        children = list(self.rows.children)
        children.insert(children.index(row) + 1, LineRow(self, row.raw()))
        self.rows.children = children
        self.refresh()

    def delete(self, row: LineRow) -> None:
        self.rows.children = [r for r in self.rows.children if r is not row]
        self.refresh()

    def reset(self) -> None:
        self._busy = True
        self.rows.children = [LineRow(self, dict(r)) for r in model.EXAMPLE_LINES]
        self._busy = False
        self.refresh()
        show(self.status, info(t("b.reset_done")))

    # -- reading the inputs ---------------------------------------------------------------
    def project(self) -> model.Project:
        codes = tuple(dict.fromkeys(c.strip().upper() for c in self.countries.value.replace(";", ",").split(",")
                                    if c.strip()))
        known = set(data.load("countries")["code"])
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise model.BudgetInputError("unknown_country", "countries", codes=", ".join(unknown))
        whole = {}
        for name in ("participants", "invited", "months"):
            value = model.parse_decimal(getattr(self, name).value, name)
            if value != value.to_integral_value():
                raise model.BudgetInputError("not_whole", name)
            whole[name] = int(value)
        if whole["invited"] > whole["participants"]:
            raise model.BudgetInputError("invited_more", "invited")
        return model.Project(self.funding.value, whole["participants"], whole["invited"], whole["months"], codes,
                             eu_count(codes), model.parse_decimal(self.requested.value, "requested"))

    def rates(self) -> tuple[dict[str, model.Rate], model.Rate | None, list[Message]]:
        notes: list[Message] = []
        rates: dict[str, model.Rate] = {}
        used = {r.currency.value for r in self.rows.children}
        for currency in sorted(used - {"EUR", "UAH"}):
            try:
                rate, days = model.ecb_average(currency, self.start.value, self.end.value)
                rates[currency] = rate
                notes.append(info(t("b.rates.ecb", currency=currency, rate=f"{rate.per_eur}", days=days,
                                    period=rate.period)))
            except model.BudgetInputError as err:
                notes.append(input_error(t(f"b.error.{err.code}", **{k: str(v) for k, v in err.params.items()})))
            except TypeError:
                notes.append(input_error(t("b.error.period_missing")))
        if "UAH" in used:
            if self.inforeuro.value.strip():
                try:
                    rates["UAH"] = model.entered_rate("UAH", self.inforeuro.value, "inforeuro", "")
                except model.BudgetInputError as err:
                    notes.append(input_error(t(f"b.error.{err.code}", **{k: str(v) for k, v in err.params.items()})))
            else:
                notes.append(input_error(t("b.error.missing_rate", currency="UAH")))
        nbu = None
        if self.nbu.value.strip():
            try:
                nbu = model.entered_rate("UAH", self.nbu.value, "nbu", "")
            except model.BudgetInputError as err:
                notes.append(input_error(t(f"b.error.{err.code}", **{k: str(v) for k, v in err.params.items()})))
        return rates, nbu, notes

    # -- recompute and render -------------------------------------------------------------
    def refresh(self) -> None:
        if self._busy:
            return
        if hasattr(self, "_last"):
            del self._last
        row = model.funding_lines().loc[self.funding.value]
        url = html.escape(row["url"], quote=True)
        link = f"<a href='{url}' target='_blank' rel='noopener'>{html.escape(row['source'])}</a>"
        self.funding_info.value = f"<p>{html.escape(row['note'])} ({link}, {row['as_of']})</p>"
        lines: list[model.Line] = []
        bad = 0
        for r in self.rows.children:
            try:
                lines.append(model.parse_line(r.raw()))
                r.error.value = ""
            except model.BudgetInputError as err:
                bad += 1
                show(r.error, input_error(t(f"b.error.{err.code}", **{k: str(v) for k, v in err.params.items()},
                                            field=t(f"b.field.{err.field}"))))
        rates, nbu, notes = self.rates()
        show(self.rates_info, *notes) if notes else setattr(self.rates_info, "value", "")
        try:
            project = self.project()
            self.project_error.value = ""
        except model.BudgetInputError as err:
            show(self.project_error, input_error(t(f"b.error.{err.code}", field=t(f"b.field.{err.field}"),
                                                   **{k: str(v) for k, v in err.params.items()})))
            project = None
        usable = [line for line in lines if line.currency == "EUR" or line.currency in rates]
        skipped = len(lines) - len(usable) + bad
        total = model.totals(usable, rates, nbu)
        self.render_totals(total, skipped)
        self.render_chart(total)
        if project is None:
            self.rules_html.value = ""
            return
        checks = model.check_rules(project, usable, total)
        self.render_rules(project, usable, checks, total)
        self._last = (usable, rates, nbu, project, checks, skipped)

    def render_totals(self, total: model.Totals, skipped: int) -> None:
        rows = "".join(f"<tr><td>{html.escape(category_name(c))}</td><td>{_eur(v)}</td></tr>"
                       for c, v in sorted(total.by_category.items()))
        payers = "".join(f"<tr><td>{html.escape(t(f'b.payer.{p}'))}</td><td>{_eur(v)}</td></tr>"
                         for p, v in sorted(total.by_payer.items()))
        uah = (f"<p>{html.escape(t('b.totals.uah', amount=_eur(total.total_uah)))}</p>"
               if total.total_uah is not None else f"<p>{html.escape(t('b.totals.no_uah'))}</p>")
        warn = f"<p><strong>{html.escape(t('b.totals.skipped', count=skipped))}</strong></p>" if skipped else ""
        self.totals_html.value = (
            f"<p><strong>{html.escape(t('b.totals.total', amount=_eur(total.total_eur)))}</strong></p>{uah}{warn}"
            f"<table class='mpl-table'><caption>{html.escape(t('b.totals.by_category'))}</caption>"
            f"<thead><tr><th scope='col'>{html.escape(t('b.xlsx.col.category'))}</th>"
            f"<th scope='col'>{html.escape(t('b.col.eur'))}</th></tr></thead><tbody>{rows}</tbody></table>"
            f"<table class='mpl-table'><caption>{html.escape(t('b.totals.by_payer'))}</caption>"
            f"<thead><tr><th scope='col'>{html.escape(t('b.xlsx.col.payer'))}</th>"
            f"<th scope='col'>{html.escape(t('b.col.eur'))}</th></tr></thead><tbody>{payers}</tbody></table>"
            f"<p>{html.escape(t('b.totals.rounding'))}</p>")

    def render_chart(self, total: model.Totals) -> None:
        if not total.by_category:
            self.chart.value = ""
            return
        fig, (a1, a2) = plt.subplots(1, 2, figsize=(7.2, 3.0))
        names = [category_name(c) for c in total.by_category]
        a1.barh(names, [float(v) for v in total.by_category.values()], color="#0550ae")
        a1.set_title(t("b.totals.by_category"), fontsize=9)
        payers = [t(f"b.payer.{p}") for p in total.by_payer]
        a2.barh(payers, [float(v) for v in total.by_payer.values()], color="#9a6700")
        a2.set_title(t("b.totals.by_payer"), fontsize=9)
        for ax in (a1, a2):
            ax.tick_params(labelsize=7)
            ax.set_xlabel(t("b.col.eur"), fontsize=8)
            ax.spines[["top", "right"]].set_visible(False)
        fig.subplots_adjust(left=0.25, right=0.98, wspace=0.75, bottom=0.18, top=0.88)
        alt = t("b.chart.alt", categories="; ".join(f"{n}: {_eur(v)}" for n, v in zip(names, total.by_category.values(),
                                                                                    strict=True)),
                payers="; ".join(f"{n}: {_eur(v)}" for n, v in zip(payers, total.by_payer.values(), strict=True)))
        self.chart.value = charts.img_html(fig, alt)

    def render_rules(self, project: model.Project, lines: list[model.Line], checks: list[model.RuleCheck],
                     total: model.Totals) -> None:
        messages: list[Message] = []
        fl = model.funding_lines().loc[project.funding_line]
        if not checks:
            messages.append(info(t("b.rules.none")))
        for c in checks:
            params = {k: (_eur(v) if isinstance(v, Decimal) else v) for k, v in c.params.items()}
            if "category" in params:
                params["category"] = category_name(params["category"])
            if "share" in c.params:
                params["share"] = f"{c.params['share'] * 100:.1f}"
            text = t(f"b.rule.{c.kind}", **params)
            if c.lines:
                text += " " + t("b.rules.lines", lines=", ".join(str(i + 1) for i in c.lines))
            if c.status == model.PASS:
                messages.append(Message("correct", text, title=t("b.status.pass")))
            elif c.status == model.FAIL:
                messages.append(input_error(text))
            else:
                messages.append(info(text))
        if fl["grant_type"] == "actual_cost":
            own = model.cofinancing(total.total_eur, project.requested)
            messages.append(info(t("b.rules.cofinancing", amount=_eur(own), total=_eur(total.total_eur),
                                   grant=_eur(project.requested))))
        elif fl["grant_type"] == "lump_sum":
            rest = model.cofinancing(total.total_eur, project.requested)
            key = "b.rules.lump_sum" if rest > 0 else "b.rules.lump_sum_covered"
            messages.append(info(t(key, amount=_eur(rest))))
        show(self.rules_html, *messages)

    # -- save and export ------------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        return {
            "lines": [r.raw() for r in self.rows.children],
            "project": {"funding_line": self.funding.value, "participants": self.participants.value,
                        "invited": self.invited.value, "months": self.months.value,
                        "countries": [c.strip().upper() for c in self.countries.value.split(",") if c.strip()],
                        "requested": self.requested.value},
            "rates": {"start": self.start.value.isoformat() if self.start.value else "",
                      "end": self.end.value.isoformat() if self.end.value else "",
                      "inforeuro_uah": self.inforeuro.value, "nbu_uah": self.nbu.value},
        }

    def save(self) -> None:
        try:
            store.put_work(LAB, "budget", self.state())
        except OSError as err:
            show(self.status, input_error(t("core.store.cannot_write", error=err.strerror or str(err))))
            return
        show(self.status, Message("saved", t("b.saved", count=len(self.rows.children))))

    def export(self) -> None:
        self.refresh()
        if not hasattr(self, "_last"):
            show(self.status, input_error(t("b.export_fix_first")))
            return
        usable, rates, nbu, project, checks, skipped = self._last
        if skipped:  # an export must hold every line: nothing is left out silently
            show(self.status, input_error(t("b.export_skipped", count=skipped)))
            return
        try:
            path = export.export(usable, rates, project, checks, nbu)
        except model.BudgetInputError as err:
            show(self.status, input_error(t(f"b.error.{err.code}", **{k: str(v) for k, v in err.params.items()})))
            return
        except OSError as err:
            show(self.status, input_error(t("core.store.cannot_write", error=err.strerror or str(err))))
            return
        self.save()
        href = "data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64," + \
            base64.b64encode(path.read_bytes()).decode("ascii")
        self.link.value = (f"<p><a download='{html.escape(path.name, quote=True)}' href='{href}'>⬇ "
                           f"{html.escape(t('b.export_link', name=path.name))}</a></p>")
        show(self.status, Message("saved", t("b.exported", name=path.name)))


def planner() -> BudgetPlanner:
    """The budget planner: your saved budget, or one built on your shortlist, or the example."""
    return BudgetPlanner()


def cofinancing_exercise() -> ExercisePanel:
    box = w.Text(description=t("b.q1.label"), placeholder="0.00", style=WIDE)
    return ExercisePanel(tasks.q1, [box], lambda: box.value, intro=t("b.q1.prompt"))


def fix_project_exercise() -> ExercisePanel:
    start = tasks.Q2_START
    boxes = {name: w.Text(value=str(start[name]), description=t(f"b.label.{name}"), style=WIDE)
             for name in ("participants", "invited", "months", "requested")}
    intro = t("b.q2.prompt", countries=", ".join(start["countries"]), eu=start["eu_countries"])
    return ExercisePanel(tasks.q2, list(boxes.values()),
                         lambda: {**{k: b.value for k, b in boxes.items()}, "countries": start["countries"],
                                  "eu_countries": start["eu_countries"]}, intro=intro)


def currency_exercise() -> ExercisePanel:
    lines = model.lines_from(tasks.Q3_LINES)[0]
    rows = "".join(f"<tr><td>{i}</td><td>{html.escape(category_name(ln.category))}</td>"
                   f"<td>{html.escape(ln.description)}</td><td>{_eur(ln.amount)} PLN</td></tr>"
                   for i, ln in enumerate(lines, start=1))
    table = mark_data(w.HTML(f"<table class='mpl-table'><caption>{html.escape(t('b.q3.table'))}</caption><thead><tr>"
                             f"<th scope='col'>{html.escape(t('b.xlsx.col.no'))}</th>"
                             f"<th scope='col'>{html.escape(t('b.xlsx.col.category'))}</th>"
                             f"<th scope='col'>{html.escape(t('b.xlsx.col.description'))}</th>"
                             f"<th scope='col'>{html.escape(t('b.xlsx.col.amount'))}</th></tr></thead>"
                             f"<tbody>{rows}</tbody></table>"))
    rate = tasks.q3_rate()
    rate_note = w.HTML(f"<p>{html.escape(t('b.q3.rate', rate=f'{rate.per_eur}', period=rate.period))}</p>")
    eur = w.Text(description=t("b.q3.eur_label"), placeholder="0.00", style=WIDE)
    line = w.Dropdown(options=[(t("b.q3.choose"), "")] + [(str(i), i) for i in range(1, len(lines) + 1)], value="",
                      description=t("b.q3.line_label"), style=WIDE)
    return ExercisePanel(tasks.q3, [table, rate_note, eur, line], lambda: {"eur": eur.value, "ineligible": line.value},
                         intro=t("b.q3.prompt"))


def per_diem_exercise() -> ExercisePanel:
    box = w.Text(description=t("b.q4.label"), placeholder="0.00", style=WIDE)
    return ExercisePanel(tasks.q4, [box], lambda: box.value, intro=t("b.q4.prompt"))


class PerDiemCalculator(PlainRepr, w.VBox):
    """Per diem for a trip: the rate comes from the data where the course has it; otherwise
    the trainee types it from Annex 1 of Resolution 98, and the lab says so."""

    plain_key = "b.perdiem.title"

    def __init__(self) -> None:
        known = model.per_diem_rates()
        countries = data.load("countries")
        self.country = mark_data(w.Dropdown(options=[(r.name, r.code) for r in countries.itertuples()], value="AT",
                                            description=t("b.perdiem.country"), style=WIDE), "options")
        self.people = w.Text(value="1", description=t("b.perdiem.people"), continuous_update=False, style=WIDE)
        self.days = w.Text(value="1", description=t("b.perdiem.days"), continuous_update=False, style=WIDE)
        self.rate = w.Text(value="", description=t("b.perdiem.rate"), placeholder=t("b.perdiem.rate_placeholder"),
                           continuous_update=False, style=WIDE)
        self.meals = w.Text(value="0", description=t("b.perdiem.meals"), continuous_update=False, style=WIDE)
        self.result = w.HTML()
        self._known = known
        for box in (self.country, self.people, self.days, self.rate, self.meals):
            box.observe(lambda _c: self.refresh(), names="value")
        super().__init__([heading(t("b.perdiem.title"), 4), w.HTML(f"<p>{html.escape(t('b.perdiem.intro'))}</p>"),
                          self.country, self.people, self.days, self.rate, self.meals, self.result])
        self.refresh()

    def refresh(self) -> None:
        try:
            result = model.per_diem(self.country.value, self.days.value, self.people.value, self.rate.value or None,
                                    self.meals.value)
        except model.BudgetInputError as err:
            show(self.result, input_error(t(f"b.error.{err.code}", field=t(f"b.field.{err.field}"),
                                            **{k: str(v) for k, v in err.params.items()})))
            return
        source = t("b.perdiem.from_data") if result.rate_source == "data" else t("b.perdiem.entered")
        show(self.result, info(t("b.perdiem.result", total=_eur(result.total), currency=result.currency,
                                 rate=_eur(result.rate), source=source)))


def per_diem_calculator() -> PerDiemCalculator:
    return PerDiemCalculator()
