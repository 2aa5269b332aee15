"""Module 4 exercises: CERV eligibility of a group, a shortlist that meets stated conditions,
and explaining a ranking. Answers are checked with the model, so a rule changed in the data
changes the answer with it; feedback names the town and the rule, not the answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from exercises.core.i18n import t
from exercises.core.tasks import AnswerError, Correct, Incorrect, Outcome, Task
from exercises.partner_selection import model

LAB = "partner_selection"

# q1 -------------------------------------------------------------------------------------
# Real towns from the course's cases (GeoNames ids: names alone are ambiguous, e.g. Bergen).
# Wrocław, Ahrensburg, Mezdra, Bergen (Norway), Căușeni, Schwäbisch Gmünd
Q1_TOWNS = (3081368, 2959083, 729134, 3161732, 618120, 2835482)


def _town_ids(answer: object, allowed: Iterable[int] | None = None) -> list[int]:
    """Read a list of towns given as GeoNames ids or names (names only among ``allowed``)."""
    if isinstance(answer, (str, bytes)) or not isinstance(answer, Iterable):
        raise AnswerError(t("m4.answer.list_of_towns"))
    ids = []
    named = {}
    if allowed is not None:
        for gid in allowed:
            p = model.place(gid)
            named[model.fold(p.name)] = gid
            if p.name_uk:
                named[model.fold(p.name_uk)] = gid
    for item in answer:
        if isinstance(item, bool):
            raise AnswerError(t("m4.answer.list_of_towns"))
        if isinstance(item, int):
            ids.append(item)
        elif isinstance(item, str) and model.fold(item) in named:
            ids.append(named[model.fold(item)])
        elif isinstance(item, str) and item.strip().isdigit():
            ids.append(int(item))
        elif isinstance(item, str) and allowed is None:
            ids.append(_resolve_name(item))
        else:
            raise AnswerError(t("m4.answer.not_in_exercise", town=str(item)))
    return ids


def _resolve_name(name: str) -> int:
    """A town typed by name: it must name exactly one place (any country but Ukraine)."""
    try:
        found = model.search(name, country=None, limit=50)
    except model.ModelInputError as err:
        raise AnswerError(t("m4.answer.unknown_town", town=name)) from err
    exact = [p for p in found if model.fold(name).strip() in {model.fold(p.name), model.fold(p.name_uk)}
             and p.country != model.HOME_COUNTRY]
    if len(exact) == 1:
        return exact[0].geonameid
    if not exact:
        raise AnswerError(t("m4.answer.unknown_town", town=name))
    examples = ", ".join(f"{p.geonameid} ({p.name}, {p.country_name})" for p in exact[:3])
    raise AnswerError(t("m4.answer.ambiguous_town", town=name, examples=examples))


@lru_cache(maxsize=1)
def q1_confirmed() -> frozenset[int]:
    """The towns the CERV Town-Twinning town rule confirms (from the model and the data)."""
    towns = model.places_with_measures(model.place(Q1_TOWNS[0]), Q1_TOWNS)
    status = model.town_rule_status("cerv_tt", towns, model.Settings(programme="cerv_tt"))
    return frozenset(int(g) for g, s in zip(towns["geonameid"], status["status"], strict=True) if s == model.PASS)


def _check_q1(answer: object) -> Outcome:
    chosen = set(_town_ids(answer, Q1_TOWNS))
    outside = chosen - set(Q1_TOWNS)
    if outside:
        return Incorrect(t("m4.q1.not_in_list"))
    confirmed = q1_confirmed()
    wrongly = sorted(chosen - confirmed)
    if wrongly:
        names = ", ".join(f"{model.place(g).name} ({model.place(g).country})" for g in wrongly)
        return Incorrect(t("m4.q1.not_confirmed", towns=names))
    missing = confirmed - chosen
    if missing:
        return Incorrect(t("m4.q1.missing", count=len(missing)))
    return Correct(t("m4.q1.correct"))


q1 = Task(
    id="m4.q1",
    lab=LAB,
    title="m4.q1.title",
    checker=_check_q1,
    hints=["m4.q1.hint1", "m4.q1.hint2", "m4.q1.hint3"],
    solution_key="m4.q1.solution",
    right_answers=lambda: [sorted(q1_confirmed()), ["Wrocław", "Ahrensburg", "Mezdra", "Schwäbisch Gmünd"]],
    wrong_answers=lambda: [list(Q1_TOWNS), sorted(q1_confirmed())[:2], [3161732], "Wrocław", ["Paris"]],
)

# q2 -------------------------------------------------------------------------------------
Q2_HOME = 710400  # Chortkiv, Ternopil oblast
Q2 = {"programme": "cerv_tt", "min_towns": 3, "min_countries": 2, "max_km": 1000,
      "min_pop": 10_000, "max_pop": 100_000}


def q2_settings() -> model.Settings:
    return model.Settings(programme=Q2["programme"], min_population=Q2["min_pop"],
                          max_population=Q2["max_pop"], max_distance_km=Q2["max_km"])


def _check_q2(answer: object) -> Outcome:
    ids = _town_ids(answer)
    home = model.place(Q2_HOME)
    try:
        report = model.check_shortlist(home, ids, q2_settings())
        towns = model.places_with_measures(home, list(dict.fromkeys(ids)))
    except model.ModelInputError as err:
        raise AnswerError(t("m4.answer.unknown_town", town=err.params.get("id"))) from err
    if report.duplicates:
        return Incorrect(t("m4.q2.duplicate", towns=", ".join(model.place(g).name for g in report.duplicates)))
    if len(towns) < Q2["min_towns"]:
        return Incorrect(t("m4.q2.too_few", need=Q2["min_towns"], have=len(towns)))
    problems = []
    for row in towns.itertuples():
        if row.country == model.HOME_COUNTRY:
            problems.append(t("m4.q2.home_country", town=row.name))
        elif not row.eu_member:
            problems.append(t("m4.q2.not_eu", town=row.name, country=row.country_name))
        if row.distance_km > Q2["max_km"]:
            problems.append(t("m4.q2.too_far", town=row.name, km=f"{row.distance_km:,.0f}", max=f"{Q2['max_km']:,}"))
        if row.population <= 0:
            problems.append(t("m4.q2.population_unknown", town=row.name))
        elif not Q2["min_pop"] <= row.population <= Q2["max_pop"]:
            problems.append(t("m4.q2.population", town=row.name, population=f"{row.population:,}"))
    if problems:
        return Incorrect("\n".join(problems))
    if towns["country"].nunique() < Q2["min_countries"]:
        return Incorrect(t("m4.q2.one_country", need=Q2["min_countries"]))
    return Correct(t("m4.q2.correct", count=len(towns)))


@lru_cache(maxsize=1)
def q2_example() -> list[int]:
    """A right answer found with the model: the best town of each of three countries."""
    ranked = model.rank_pool(model.pool(model.place(Q2_HOME), q2_settings()))
    ranked = ranked[ranked["rule_status"] == model.PASS]
    best = ranked.drop_duplicates("country").head(3)
    return [int(g) for g in best["geonameid"]]


q2 = Task(
    id="m4.q2",
    lab=LAB,
    title="m4.q2.title",
    checker=_check_q2,
    hints=["m4.q2.hint1", "m4.q2.hint2", "m4.q2.hint3"],
    solution_key="m4.q2.solution",
    right_answers=lambda: [q2_example(), ["Przemyśl", "Michalovce", "Suceava"]],
    wrong_answers=lambda: [
        q2_example()[:2],  # too few
        q2_example()[:2] + [q2_example()[0]],  # a town twice
        q2_example()[:2] + [618120],  # Căușeni: Moldova is not an EU member
        q2_example()[:2] + [2835482],  # Schwäbisch Gmünd: over 1,000 km
        q2_example()[:2] + [765876],  # Lublin: over 100,000 inhabitants
        [99999999],
        ["Przemyśl", "Bergen", "Suceava"],  # a name that is several places
    ],
)

# q3 -------------------------------------------------------------------------------------
def q3_answer() -> str:
    """The measured criterion that adds most to the first-ranked candidate for Chortkiv,
    no programme, default weights: computed by the model, as the lab shows it."""
    ranked = model.rank_pool(model.pool(model.place(Q2_HOME), model.Settings()))
    return model.top_contributor(ranked.iloc[0], model.measured_codes())


def _check_q3(answer: object) -> Outcome:
    code = str(answer).strip().upper()
    if code not in model.measured_codes():
        raise AnswerError(t("m4.q3.wrong_form", codes=", ".join(model.measured_codes())))
    if code == q3_answer():
        return Correct(t("m4.q3.correct"))
    return Incorrect(t(f"m4.q3.why_not.{code}"))


q3 = Task(
    id="m4.q3",
    lab=LAB,
    title="m4.q3.title",
    checker=_check_q3,
    hints=["m4.q3.hint1", "m4.q3.hint2"],
    solution_key="m4.q3.solution",
    right_answers=lambda: [q3_answer(), q3_answer().lower()],
    wrong_answers=lambda: [c for c in model.measured_codes() if c != q3_answer()],
)
