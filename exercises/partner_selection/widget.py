"""Module 4 widgets: the partner explorer (find your hromada, filter, weigh, rank, map) with
its shortlist, and the exercise panels. Reads inputs, calls the model, renders; no arithmetic.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w
import matplotlib.pyplot as plt
import pandas as pd

from exercises.core import charts, store
from exercises.core.feedback import Message, info, input_error
from exercises.core.i18n import t
from exercises.core.panels import WIDE, ExercisePanel, PlainRepr, heading, mark_data, notices_html, show
from exercises.partner_selection import model, tasks

LAB = tasks.LAB
PAGE_SIZE = 10
MAP_POINTS = 50
DEFAULT_HOME = tasks.Q2_HOME


def _label(code: str) -> str:
    return t(f"m4.criterion.{code}")


def _blank_or_int(text: str, code: str) -> int | None:
    """A number typed in a box; blank means no limit. Raises ModelInputError with ``code``."""
    raw = str(text).strip().replace(" ", "").replace(",", "").replace("\u00a0", "")
    if not raw:
        return None
    if not raw.isdigit():
        raise model.ModelInputError(code)
    return int(raw)


def _status_word(status: str) -> str:
    return t(f"m4.status.{status}")


class PartnerExplorer(PlainRepr, w.VBox):
    """The Module 4 explorer. Every control has a label; every wrong input gets a message next
    to it and keeps what the trainee typed; the shortlist is saved to the portfolio."""

    plain_key = "m4.explorer.title"

    def __init__(self, hromada: str | None = None) -> None:
        saved = store.get_work(LAB, "explorer", {}) or {}
        self.notices = notices_html()
        # -- your hromada
        self.query = w.Text(value=hromada or "", description=t("m4.home.search"), placeholder=t("m4.home.placeholder"),
                            continuous_update=False, style=WIDE)
        self.find_button = w.Button(description=t("m4.home.find"), icon="search")
        self.matches = w.Select(options=[], rows=5, description=t("m4.home.matches"), style=WIDE,
                                layout=w.Layout(display="none", width="auto"))
        self.home_info = w.HTML()
        self.home_error = w.HTML()
        self.population = w.Text(value="", description=t("m4.home.population"), continuous_update=False, style=WIDE)
        # -- programme and its switches
        progs = model.programmes()
        self.programme = w.Dropdown(options=[(n, i) for i, n in progs["name"].items()], value="none",
                                    description=t("m4.programme.label"), style=WIDE, layout=w.Layout(width="auto"))
        mark_data(self.programme, "options")
        self.programme_info = mark_data(w.HTML())
        self.cerv = w.ToggleButtons(options=[(t("m4.cerv.unknown"), "unknown"), (t("m4.cerv.yes"), "yes"),
                                             (t("m4.cerv.no"), "no")], value="unknown",
                                    description=t("m4.cerv.label"), style=WIDE,
                                    tooltips=[t("m4.cerv.tip")] * 3)
        pl_regions = model.data.load("regions")
        pl_regions = pl_regions[pl_regions["code"].str.startswith("PL.")]
        self.polish_regions = w.SelectMultiple(options=[(r.name, r.code) for r in pl_regions.itertuples()],
                                               rows=6, description=t("m4.interreg.regions"), style=WIDE)
        mark_data(self.polish_regions, "options")
        self.switches = w.VBox([self.cerv, self.polish_regions])
        # -- filters
        countries = model.data.load("countries")
        partners = countries[countries["code"] != model.HOME_COUNTRY]
        self.countries = w.SelectMultiple(options=[(r.name, r.code) for r in partners.itertuples()], rows=6,
                                          description=t("m4.filter.countries"), style=WIDE)
        self.min_pop = w.Text(value="", description=t("m4.filter.min_pop"), placeholder=t("m4.filter.no_limit"),
                              continuous_update=False, style=WIDE)
        self.max_pop = w.Text(value="", description=t("m4.filter.max_pop"), placeholder=t("m4.filter.no_limit"),
                              continuous_update=False, style=WIDE)
        self.max_km = w.Text(value="", description=t("m4.filter.max_km"), placeholder=t("m4.filter.no_limit"),
                             continuous_update=False, style=WIDE)
        mark_data(self.countries, "options")
        mark_data(self.matches, "options")
        self.filter_error = w.HTML()
        # -- weights (labelled number boxes: a slider handle has no accessible name)
        defaults = model.default_weights()
        self.weights = {code: w.BoundedIntText(value=round(defaults[code] * 100), min=0, max=100,
                                               description=f"{_label(code)} ({code})", style=WIDE)
                        for code in model.measured_codes()}
        self.weight_error = w.HTML()
        # -- results
        self.summary = w.HTML()
        self.table = mark_data(w.HTML())
        self.prev_button = w.Button(description=t("m4.page.prev"), icon="arrow-left")
        self.next_button = w.Button(description=t("m4.page.next"), icon="arrow-right")
        self.page_label = w.HTML()
        self.chart = w.HTML()
        self.map = w.HTML()
        self.what_if = w.Dropdown(options=[(f"{_label(c)} ({c})", c) for c in model.measured_codes()],
                                  description=t("m4.whatif.label"), style=WIDE)
        self.what_if_out = mark_data(w.HTML())
        # -- shortlist
        self.add_choice = mark_data(w.Dropdown(options=[], description=t("m4.shortlist.add_label"), style=WIDE,
                                               layout=w.Layout(width="auto")), "options")
        self.add_button = w.Button(description=t("m4.shortlist.add"), icon="plus")
        self.examples_button = w.Button(description=t("m4.shortlist.examples"), icon="list",
                                        tooltip=t("m4.shortlist.examples_tip"), layout=w.Layout(width="auto"))
        self.shortlist_box = w.VBox()
        self.shortlist_rules = w.HTML()
        self.save_button = w.Button(description=t("m4.shortlist.save"), icon="save", button_style="primary")
        self.save_status = w.HTML()

        self.home: model.Place | None = None
        self.ranked: pd.DataFrame | None = None
        self.total = 0
        self._pool: model.Pool | None = None
        self._pool_key: tuple | None = None
        self.page = 0
        self.shortlist: list[int] = []
        self.soft: dict[int, dict[str, int]] = {}
        self._busy = False

        self.find_button.on_click(lambda _b: self.find())
        self.query.observe(lambda _c: self.find(), names="value")
        self.matches.observe(self._on_match, names="value")
        self.population.observe(lambda _c: self.refresh(), names="value")
        for control in (self.programme, self.cerv, self.polish_regions, self.countries,
                        self.min_pop, self.max_pop, self.max_km, *self.weights.values()):
            control.observe(lambda _c: self.refresh(), names="value")
        self.what_if.observe(lambda _c: self.show_what_if(), names="value")
        self.prev_button.on_click(lambda _b: self.turn(-1))
        self.next_button.on_click(lambda _b: self.turn(1))
        self.add_button.on_click(lambda _b: self.add_selected())
        self.examples_button.on_click(lambda _b: self.add_examples())
        self.save_button.on_click(lambda _b: self.save())

        super().__init__([
            self.notices,
            heading(t("m4.explorer.title")),
            heading(t("m4.home.title"), 4),
            w.HBox([self.query, self.find_button]), self.matches, self.home_info, self.home_error, self.population,
            heading(t("m4.programme.title"), 4), self.programme, self.programme_info, self.switches,
            heading(t("m4.filter.title"), 4), self.countries, self.min_pop, self.max_pop, self.max_km,
            self.filter_error,
            heading(t("m4.weights.title"), 4), w.HTML(f"<p>{html.escape(t('m4.weights.intro'))}</p>"),
            *self.weights.values(), self.weight_error,
            heading(t("m4.results.title"), 4), self.summary, self.table,
            w.HBox([self.prev_button, self.page_label, self.next_button]),
            self.chart, self.map, self.what_if, self.what_if_out,
            heading(t("m4.shortlist.title"), 4), w.HTML(f"<p>{html.escape(t('m4.shortlist.intro'))}</p>"),
            w.HBox([self.add_choice, self.add_button]), self.examples_button, self.shortlist_box, self.shortlist_rules,
            w.HBox([self.save_button]), self.save_status,
        ])
        self.add_class("mpl-partner-explorer")
        self._restore(saved, hromada)

    # -- state in and out -----------------------------------------------------------------
    def _restore(self, saved: dict[str, Any], hromada: str | None) -> None:
        """Open with the trainee's saved explorer (their work is never lost), else the default."""
        self._busy = True
        try:
            home_id = saved.get("hromada") if not hromada else None
            if home_id:
                self._set_home(model.place(int(home_id)), population=saved.get("population"))
            elif hromada:
                self.find()
            else:
                self._set_home(model.place(DEFAULT_HOME))
            if saved and not hromada:
                if saved.get("programme") in model.programmes().index:
                    self.programme.value = saved["programme"]
                for code, box in self.weights.items():
                    if code in saved.get("weights", {}):
                        box.value = int(saved["weights"][code])
                self.shortlist = [int(g) for g in saved.get("shortlist", [])]
                self.soft = {int(g): dict(v) for g, v in saved.get("soft", {}).items()}
                if saved.get("shortlist"):
                    show(self.save_status, info(t("m4.shortlist.restored", count=len(self.shortlist))))
        except model.ModelInputError:
            self._set_home(model.place(DEFAULT_HOME))
        finally:
            self._busy = False
        self.refresh()
        self.render_shortlist()  # the saved towns, with their scores and Remove buttons

    def state(self) -> dict[str, Any]:
        return {
            "hromada": self.home.geonameid if self.home else None,
            "hromada_name": self.home.label if self.home else None,
            "population": self.population.value.strip() or None,
            "programme": self.programme.value,
            "weights": {c: int(b.value) for c, b in self.weights.items()},
            "shortlist": list(self.shortlist),
            "shortlist_names": [model.place(g).name for g in self.shortlist],
            "soft": {str(g): v for g, v in self.soft.items()},
        }

    # -- the hromada ----------------------------------------------------------------------
    def find(self) -> None:
        query = self.query.value.strip()
        if not query:
            return
        try:
            found = model.search(query)
        except model.ModelInputError as err:
            show(self.home_error, input_error(t(f"m4.home.error.{err.code}")))
            return
        if not found:
            self.matches.layout.display = "none"
            show(self.home_error, input_error(t("m4.home.error.no_match", query=query)))
            return
        exact = model.exact_matches(query)
        if len(found) == 1 or len(exact) == 1:
            self.matches.layout.display = "none"
            self._set_home(exact[0] if len(exact) == 1 else found[0])
            return
        self._busy = True
        self.matches.options = [(f"{p.label} — {p.region_name}, {self._pop_text(p.population)}", p.geonameid)
                                for p in found]
        self.matches.value = None
        self._busy = False
        self.matches.layout.display = "flex"
        show(self.home_error, info(t("m4.home.choose", count=len(found))))

    def _on_match(self, change: dict[str, Any]) -> None:
        if self._busy or change["new"] is None:
            return
        self._set_home(model.place(int(change["new"])))
        self.matches.layout.display = "none"

    @staticmethod
    def _pop_text(population: int) -> str:
        return t("m4.population.unknown") if population <= 0 else t("m4.population.value", n=f"{population:,}")

    def _set_home(self, home: model.Place, population: object = None) -> None:
        self.home = home
        was_busy, self._busy = self._busy, True
        self.population.value = str(population if population not in (None, "") else
                                    (home.population if home.population > 0 else ""))
        self._busy = was_busy
        self.home_error.value = ""
        chosen = t("m4.home.chosen", name=home.label, region=home.region_name or "—",
                   population=self._pop_text(home.population))
        self.home_info.value = f"<p>{html.escape(chosen)}</p>"
        self.page = 0
        self.refresh()

    # -- settings from the controls -------------------------------------------------------
    def settings(self) -> model.Settings:
        weights = {c: float(b.value) for c, b in self.weights.items()}
        defaults = model.default_weights()
        weights.update({c: defaults[c] * 100 for c in model.soft_codes()})
        cerv = {"yes": True, "no": False}.get(self.cerv.value)
        return model.Settings(
            programme=self.programme.value, ukraine_in_cerv=cerv, polish_regions=tuple(self.polish_regions.value),
            countries=tuple(self.countries.value),
            min_population=_blank_or_int(self.min_pop.value, "population_not_number"),
            max_population=_blank_or_int(self.max_pop.value, "population_not_number"),
            max_distance_km=_blank_or_int(self.max_km.value, "distance_not_number"),
            weights=weights,
        )

    def _home_with_population(self) -> model.Place:
        typed = _blank_or_int(self.population.value, "home_population")
        if typed is None or self.home is None:
            return self.home
        return model.Place(**{**self.home.__dict__, "population": typed})

    # -- recompute and render -------------------------------------------------------------
    def refresh(self) -> None:
        if self._busy or self.home is None:
            return
        prog = self.programme.value
        is_cerv, is_interreg = prog.startswith("cerv"), prog == "interreg_pl_ua"
        self.cerv.layout.display = "flex" if is_cerv else "none"
        self.polish_regions.layout.display = "flex" if is_interreg else "none"
        row = model.programmes().loc[prog]
        link = f"<a href='{html.escape(row['url'], quote=True)}' target='_blank' rel='noopener'>"
        self.programme_info.value = f"<p>{html.escape(row['summary'])} {link}{html.escape(row['source'])}</a></p>"
        for area in (self.filter_error, self.weight_error, self.home_error):
            area.value = ""
        try:
            home = self._home_with_population()
            settings = self.settings()
            key = model.pool_key(home, settings)
            pool_changed = self._pool is None or self._pool_key != key
            if pool_changed:
                self._pool, self._pool_key = model.pool(home, settings), key
            else:  # only the weights changed: reuse the filtered pool
                model.validate(settings)
                self._pool = model.Pool(home, settings, self._pool.frame, self._pool.excluded)
            pool = self._pool
            total = len(pool.frame)
            self.page = min(self.page, max(0, (total - 1) // PAGE_SIZE))
            ranked = model.rank_pool(pool, top=max(MAP_POINTS, (self.page + 1) * PAGE_SIZE))
        except model.ModelInputError as err:
            self._show_error(err)
            return
        self.ranked = ranked
        self.total = total
        messages = [info(t("m4.results.count", count=f"{total:,}"))]
        for r in model.hromada_rules(home, settings):
            if r.status == model.FAIL:
                region = r.params.get("region") or "—"
                messages.append(input_error(t("m4.rule.hromada_fail", region=region, note=r.note)))
        unknown = int((pool.frame["rule_status"] == model.UNKNOWN).sum())
        if unknown:
            messages.append(info(t("m4.results.unknown", count=f"{unknown:,}")))
        show(self.summary, *messages)
        self.render_page()
        self.render_chart()
        if pool_changed:
            self.render_map()
        self.show_what_if()
        self.render_shortlist_scores()

    def _show_error(self, err: model.ModelInputError) -> None:
        self.ranked = None
        self._pool = self._pool_key = None
        self.table.value = self.chart.value = self.map.value = self.what_if_out.value = ""
        self.add_choice.options = []
        if err.code == "no_candidates":
            culprits = ", ".join(t(f"m4.filter.name.{k}") for k in err.params) or "—"
            show(self.summary, input_error(t("m4.error.no_candidates", filters=culprits)))
        elif err.code in ("weights_zero", "weight_negative"):
            show(self.weight_error, input_error(t(f"m4.error.{err.code}")))
            self.summary.value = ""
        elif err.code == "home_population":
            show(self.home_error, input_error(t("m4.error.home_population")))
        else:
            show(self.filter_error, input_error(t(f"m4.error.{err.code}", **err.params)))
            self.summary.value = ""

    def render_page(self) -> None:
        ranked = self.ranked
        start = self.page * PAGE_SIZE
        if len(ranked) < min(self.total, start + PAGE_SIZE):
            ranked = self.ranked = model.rank_pool(self._pool, top=start + PAGE_SIZE)
        rows = ranked.iloc[start:start + PAGE_SIZE]
        pages = max(1, (self.total + PAGE_SIZE - 1) // PAGE_SIZE)
        self.page_label.value = f"<span>{html.escape(t('m4.page.label', page=self.page + 1, pages=pages))}</span>"
        self.prev_button.disabled = self.page == 0
        self.next_button.disabled = self.page >= pages - 1
        self.table.value = ranking_table(rows)
        self._busy = True
        self.add_choice.options = [(f"{r.rank}. {r.name} ({r.country})", int(r.geonameid)) for r in rows.itertuples()]
        self.add_choice.value = self.add_choice.options[0][1] if self.add_choice.options else None
        self._busy = False

    def turn(self, step: int) -> None:
        if self.ranked is None:
            return
        self.page = max(0, self.page + step)
        self.render_page()

    def render_chart(self) -> None:
        """Each top candidate's score as stacked parts, one per criterion ("why this rank")."""
        top = self.ranked.head(PAGE_SIZE)
        codes = model.measured_codes()
        fig, ax = plt.subplots(figsize=(6.4, 3.4))
        names = [f"{r.rank}. {r.name}" for r in top.itertuples()][::-1]
        start = [0.0] * len(top)
        for code, colour in zip(codes, ("#0550ae", "#9a6700", "#1a7f37"), strict=False):
            parts = list(top[f"w:{code}"])[::-1]
            ax.barh(names, parts, left=start, color=colour, label=f"{_label(code)} ({code})")
            start = [a + b for a, b in zip(start, parts, strict=True)]
        ax.set_xlim(0, 1)
        ax.set_xlabel(t("m4.chart.x"), fontsize=9)
        ax.set_title(t("m4.chart.title"), fontsize=10)
        ax.tick_params(labelsize=8)
        ax.legend(fontsize=7, loc="lower right")
        ax.spines[["top", "right"]].set_visible(False)
        fig.subplots_adjust(left=0.32, right=0.97, top=0.9, bottom=0.14)
        items = "; ".join(f"{name}: " + ", ".join(f"{c} {top.at[idx, f'w:{c}']:.2f}" for c in codes)
                          for idx, name in zip(top.index, top["name"], strict=True))
        self.chart.value = charts.img_html(fig, t("m4.chart.alt", items=items))

    def render_map(self) -> None:
        """Where the candidates are: the nearest that pass the filters, and the shortlist.
        It does not depend on the weights, so it is redrawn only when the filters, the
        hromada or the shortlist change (a weight change stays fast)."""
        if self._pool is None:
            self.map.value = ""
            return
        home, frame = self._pool.home, self._pool.frame
        near = frame.nsmallest(MAP_POINTS, ["distance_km", "geonameid"])
        listed = model.places_with_measures(home, self.shortlist) if self.shortlist else near.iloc[0:0]
        fig, ax = plt.subplots(figsize=(6.4, 4.2))
        ax.scatter(near["lon"], near["lat"], s=10, color="#8c959f", label=t("m4.map.candidates", n=len(near)))
        ax.scatter(listed["lon"], listed["lat"], s=40, marker="s", color="#0550ae", label=t("m4.map.shortlist"))
        for r in listed.itertuples():
            ax.annotate(r.name, (r.lon, r.lat), fontsize=7, xytext=(3, 3), textcoords="offset points")
        ax.scatter([home.lon], [home.lat], s=90, marker="*", color="#b42318", label=home.name)
        ax.set_xlabel(t("m4.map.lon"), fontsize=9)
        ax.set_ylabel(t("m4.map.lat"), fontsize=9)
        ax.set_title(t("m4.map.title"), fontsize=10)
        ax.set_aspect(1.5)
        ax.legend(fontsize=7)
        ax.tick_params(labelsize=8)
        fig.subplots_adjust(left=0.1, right=0.98, top=0.92, bottom=0.12)
        shown = ", ".join(f"{r.name} ({r.country}, {r.distance_km:,.0f} km)" for r in listed.itertuples()) or "—"
        alt = t("m4.map.alt", home=home.name, n=len(near), shortlist=shown)
        self.map.value = charts.img_html(fig, alt)

    def show_what_if(self) -> None:
        if self.ranked is None or self.home is None:
            self.what_if_out.value = ""
            return
        lines = []
        for factor, ids in model.sensitivity(self._pool, self.what_if.value):
            names = ", ".join(model.place(g).name for g in ids) or t("m4.whatif.none")
            lines.append(f"<li>{html.escape(t('m4.whatif.line', factor=f'{factor:g}', names=names))}</li>")
        _, from_average = model.sensitivity_base(self._pool, self.what_if.value)
        intro = t("m4.whatif.intro_zero" if from_average else "m4.whatif.intro")
        self.what_if_out.value = f"<p>{html.escape(intro)}</p><ul>{''.join(lines)}</ul>"

    # -- the shortlist --------------------------------------------------------------------
    def add_selected(self) -> None:
        gid = self.add_choice.value
        if gid is None:
            show(self.save_status, input_error(t("m4.shortlist.nothing_chosen")))
            return
        if gid in self.shortlist:
            show(self.save_status, input_error(t("m4.shortlist.already", town=model.place(gid).name)))
            return
        illustrative = self._add(int(gid))
        self.render_shortlist()
        self.render_map()
        key = "m4.shortlist.added_illustrative" if illustrative else "m4.shortlist.added"
        show(self.save_status, info(t(key, town=model.place(gid).name)))

    def _add(self, gid: int) -> bool:
        """Put a town on the shortlist; True if it came with illustrative default scores."""
        self.shortlist.append(gid)
        example = model.profiles().get(gid)
        self.soft.setdefault(gid, dict(example) if example else {c: 0 for c in model.soft_codes()})
        return example is not None

    def add_examples(self) -> None:
        """Add the example candidates, with their illustrative scores (labelled as such)."""
        added = [g for g in model.profiles() if g not in self.shortlist]
        for gid in added:
            self._add(gid)
        self.render_shortlist()
        self.render_map()
        show(self.save_status, info(t("m4.shortlist.examples_added", count=len(added))))

    def remove(self, gid: int) -> None:
        self.shortlist = [g for g in self.shortlist if g != gid]
        self.render_shortlist()
        self.render_map()

    def _set_soft(self, gid: int, code: str, value: int) -> None:
        self.soft.setdefault(gid, {})[code] = int(value)
        self.render_shortlist_scores()

    def render_shortlist(self) -> None:
        rows = []
        head = [w.HTML(f"<strong>{html.escape(t('m4.shortlist.town'))}</strong>", layout=w.Layout(width="220px"))]
        head += [w.HTML(f"<strong title='{html.escape(_label(c), quote=True)}'>{c}</strong>",
                        layout=w.Layout(width="70px")) for c in model.soft_codes()]
        rows.append(w.HBox(head))
        for gid in self.shortlist:
            p = model.place(gid)
            cells: list[w.Widget] = [mark_data(w.HTML(html.escape(f"{p.name} ({p.country})"),
                                                       layout=w.Layout(width="220px")))]
            for code in model.soft_codes():
                box = w.BoundedIntText(value=self.soft.get(gid, {}).get(code, 0), min=0, max=model.SOFT_MAX,
                                       description=code, description_allow_html=False,
                                       tooltip=t("m4.shortlist.soft_tip", criterion=_label(code), town=p.name),
                                       layout=w.Layout(width="70px"), style={"description_width": "24px"})
                box.observe(lambda c, g=gid, k=code: self._set_soft(g, k, c["new"]), names="value")
                cells.append(box)
            remove = w.Button(description=t("m4.shortlist.remove"), icon="trash",
                              tooltip=t("m4.shortlist.remove_tip", town=p.name), layout=w.Layout(width="auto"))
            remove.on_click(lambda _b, g=gid: self.remove(g))
            cells.append(remove)
            rows.append(w.HBox(cells))
        empty = [w.HTML(f"<p>{html.escape(t('m4.shortlist.empty'))}</p>")]
        self.shortlist_box.children = rows if self.shortlist else empty
        self.render_shortlist_scores()

    def render_shortlist_scores(self) -> None:
        if not self.shortlist or self.home is None:
            self.shortlist_rules.value = ""
            return
        try:
            home = self._home_with_population()
            settings = self.settings()
            report = model.check_shortlist(home, self.shortlist, settings)
            scored = model.score_list(model.Pool(home, settings, pd.DataFrame(), {}), self.shortlist, self.soft)
        except model.ModelInputError:
            return
        messages: list[Message] = []
        for gid, kinds in report.town_failures.items():
            messages.append(input_error(t("m4.shortlist.town_fails", town=model.place(gid).name,
                                          rules=", ".join(t(f"m4.rulekind.{k}") for k in kinds))))
        for gid, kinds in report.town_unknown.items():
            messages.append(info(t("m4.shortlist.town_unknown", town=model.place(gid).name,
                                   rules=", ".join(t(f"m4.rulekind.{k}") for k in kinds))))
        for r in report.group:
            text = t(f"m4.group.{r.kind}", need=r.params["need"], have=r.params["have"])
            if r.status == model.PASS:
                messages.append(Message("correct", text, title=_status_word(r.status)))
            elif r.status == model.FAIL:
                messages.append(input_error(text))
            else:
                messages.append(info(text + " " + t("m4.group.depends_on_cerv")))
        order = ", ".join(f"{r.rank}. {r.name} ({r.score:.2f})" for r in scored.itertuples())
        messages.append(info(t("m4.shortlist.order", order=order)))
        show(self.shortlist_rules, *messages)

    def save(self) -> None:
        try:
            store.put_work(LAB, "explorer", self.state())
        except OSError as err:
            show(self.save_status, input_error(t("core.store.cannot_write", error=err.strerror or str(err))))
            return
        show(self.save_status, Message("saved", t("m4.shortlist.saved", count=len(self.shortlist))))


def cases_table() -> str:
    """The real partnership cases, each with its date and a link to its source."""
    keys = ("ukrainian_side", "partner_side", "what_happened", "date", "source")
    head = "".join(f"<th scope='col'>{html.escape(t(f'm4.case.{k}'))}</th>" for k in keys)
    body = []
    for r in model.cases().itertuples():
        link = f"<a href='{html.escape(r.url, quote=True)}' target='_blank' rel='noopener'>{html.escape(r.source)}</a>"
        cells = [html.escape(r.ukrainian_side), html.escape(f"{r.partner_side} ({r.partner_country})"),
                 html.escape(r.what_happened), html.escape(r.date or t("m4.case.no_date")), link]
        body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return (f"<table class='mpl-table'><caption>{html.escape(t('m4.case.caption'))}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


def cases() -> w.HTML:
    """Real partnerships since 2022, as a table with sources."""
    return mark_data(w.HTML(cases_table()))


def ranking_table(rows: pd.DataFrame) -> str:
    """The ranked candidates of one page: rank, place, country, region, population, distance,
    score and rule status."""
    keys = ("rank", "place", "country", "region", "population", "distance", "score", "rules")
    head = "".join(f"<th scope='col'>{html.escape(t(f'm4.col.{k}'))}</th>" for k in keys)
    body = []
    for r in rows.itertuples():
        name = r.name + (f" ({r.name_uk})" if isinstance(r.name_uk, str) and r.name_uk and r.name_uk != r.name else "")
        population = t("m4.population.unknown") if r.population <= 0 else f"{r.population:,}"
        cells = [str(r.rank), name, r.country_name, r.region_name or "—", population, f"{r.distance_km:,.0f}",
                 f"{r.score:.3f}", _status_word(r.rule_status)]
        body.append("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in cells) + "</tr>")
    return (f"<table class='mpl-table'><caption>{html.escape(t('m4.table.caption'))}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


def explorer(hromada: str | None = None) -> PartnerExplorer:
    """The partner explorer. ``hromada``: a name to start with (else your saved one, or Chortkiv)."""
    return PartnerExplorer(hromada)


def eligibility_exercise() -> ExercisePanel:
    """Exercise 1: tick the towns confirmed eligible for CERV Town-Twinning."""
    boxes = {}
    for gid in tasks.Q1_TOWNS:
        p = model.place(gid)
        boxes[gid] = mark_data(w.Checkbox(value=False, description=f"{p.name} ({p.country_name})", indent=False),
                               "description")
    panel = ExercisePanel(tasks.q1, list(boxes.values()), lambda: [g for g, b in boxes.items() if b.value],
                          intro=t("m4.q1.prompt"))
    panel.boxes = boxes
    return panel


def shortlist_exercise(source: PartnerExplorer | None = None) -> ExercisePanel:
    """Exercise 2: check the shortlist saved in the explorer (or the one in ``source``)."""

    def read() -> list[int]:
        if source is not None:
            return list(source.shortlist)
        return [int(g) for g in (store.get_work(LAB, "explorer", {}) or {}).get("shortlist", [])]

    return ExercisePanel(tasks.q2, [], read, intro=t("m4.q2.prompt"))


def ranking_exercise() -> ExercisePanel:
    """Exercise 3: which criterion adds most to the first candidate's score."""
    radios = w.RadioButtons(options=[(f"{_label(c)} ({c})", c) for c in model.measured_codes()], value=None,
                            description=t("core.panel.your_answer"), style=WIDE)
    return ExercisePanel(tasks.q3, [radios], lambda: radios.value, intro=t("m4.q3.prompt"))
