"""The partner-selection model (exercises/partner_selection/model.py), one rule at a time.

Expected values are derived by hand (distances, scores) or from small hand-made frames; the
real places data is used where the test is about the data (search, the pool, the tasks), and
then the expectation is computed independently from the raw columns, not read off the model.
"""

from __future__ import annotations

import csv
import math

import numpy as np
import pandas as pd
import pytest

from exercises import data
from exercises.partner_selection import model, tasks

CHORTKIV = 710400  # Ternopil oblast (UA.22): inside Interreg NEXT Poland–Ukraine
KYIV = 703448  # Kyiv City (UA.12): outside it
WROCLAW = 3081368  # PL, EU
AHRENSBURG = 2959083  # DE, EU
MEZDRA = 729134  # BG, EU
BERGEN_NO = 3161732  # NO, not EU
CAUSENI = 618120  # MD, not EU
SCHWABISCH_GMUND = 2835482  # DE, EU
ZURICH = 2657896  # CH, not EU
R = model.EARTH_RADIUS_KM


@pytest.fixture(scope="module")
def chortkiv() -> model.Place:
    return model.place(CHORTKIV)


@pytest.fixture(scope="module")
def eu_codes() -> set[str]:
    with (data.DATA_DIR / "countries.csv").open(encoding="utf-8") as f:
        return {row["code"] for row in csv.DictReader(f) if row["eu_member"] == "true"}


def _col(status: pd.DataFrame, kind: str) -> pd.Series:
    """The one rule column of ``town_rule_status`` for a rule kind (``r<i>:<kind>``)."""
    cols = [c for c in status.columns if c.endswith(f":{kind}")]
    assert len(cols) == 1, cols
    return status[cols[0]]


def _towns(rows: list[tuple[str, bool, int, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["country", "eu_member", "population", "admin1"])


def _by_kind(results: list[model.RuleResult]) -> dict[str, str]:
    return {r.kind: r.status for r in results}


# -- fold and search ------------------------------------------------------------------------
def test_fold_drops_case_accents_and_apostrophes():
    assert model.fold("Wrocław") == "wroclaw"
    assert model.fold("WROCŁAW") == "wroclaw"
    assert model.fold("Schwäbisch Gmünd") == "schwabisch gmund"
    assert model.fold("Căuşeni") == "causeni"
    assert model.fold("Київ") == model.fold("київ") == model.fold("КИЇВ")
    assert model.fold("Рейк'явік") == model.fold("Рейкʼявік") == model.fold("Рейкявік")


@pytest.mark.parametrize("query", ["Wroclaw", "Wrocław", "wroclaw", "WROCŁAW"])
def test_search_finds_wroclaw_first_with_or_without_diacritics(query):
    found = model.search(query, country=None)
    assert found[0].geonameid == WROCLAW
    assert found[0].name == "Wrocław" and found[0].country == "PL"


def test_search_is_limited_to_ukraine_by_default():
    assert model.search("Wroclaw") == []
    assert all(p.country == "UA" for p in model.search("Kyiv"))


@pytest.mark.parametrize(
    ("query", "geonameid", "name"),
    [("Кривий Ріг", 703845, "Kryvyy Rih"), ("Чортків", CHORTKIV, "Chortkiv"), ("київ", KYIV, "Kyiv"),
     ("Chortkiv", CHORTKIV, "Chortkiv"), ("Kyiv", KYIV, "Kyiv")],
)
def test_search_finds_ukrainian_places_in_cyrillic_and_latin(query, geonameid, name):
    found = model.search(query)
    assert found[0].geonameid == geonameid and found[0].name == name


def _fake_places() -> pd.DataFrame:
    rows = [  # geonameid, name, name_uk, search_names, country, population
        (1, "Dolyna", "Долина", "", "UA", 100),
        (2, "Dolyna", "Долина", "", "UA", 20_000),
        (3, "Dolynany", "Долинани", "", "UA", 50_000),
        (40, "Nova Dolyna", "Нова Долина", "", "UA", 90_000),
        (30, "Stara Dolyna", "Стара Долина", "", "UA", 90_000),
        (6, "Zelene", "Зелене", "Dolyna", "UA", 10),  # exact through another name
        (7, "Dolyna", "", "", "PL", 1_000_000),
        (8, "Lviv", "Львів", "", "UA", 700_000),
    ]
    frame = pd.DataFrame(rows, columns=["geonameid", "name", "name_uk", "search_names", "country", "population"])
    frame["country_name"] = frame["country"].map({"UA": "Ukraine", "PL": "Poland"})
    frame["admin1"], frame["region_name"], frame["lat"], frame["lon"] = "", "", 49.0, 25.0
    frame["_search"] = [model.fold("|".join(v)) for v in zip(frame["name"], frame["name_uk"],
                                                               frame["search_names"], strict=True)]
    return frame


def test_search_orders_exact_then_prefix_then_substring_larger_first(monkeypatch):
    monkeypatch.setattr(model, "places", _fake_places)
    ids = [p.geonameid for p in model.search("dolyna")]
    # exact: 2 (20,000) > 1 (100) > 6 (10, by its other name); prefix: 3; substring: 30 and 40
    # have the same population, so the lower id first
    assert ids == [2, 1, 6, 3, 30, 40]
    assert [p.geonameid for p in model.search("Долина")] == [2, 1, 3, 30, 40]
    assert [p.geonameid for p in model.search("dolyna", limit=2)] == [2, 1]
    assert [p.geonameid for p in model.search("dolyna", country=None)][:3] == [7, 2, 1]


def test_search_prefix_tier_beats_a_larger_substring_match():
    # «Київ»: Kyiv is exact; "Kyiv Quarter" (1,800) starts with it; "Stare Misto" (41,800) has
    # «Старий Київ» among its names: a substring only, so it comes later despite its size.
    ids = [p.geonameid for p in model.search("київ")]
    assert ids[0] == KYIV
    assert ids.index(13645652) < ids.index(13580099)


def test_search_real_results_are_ordered_by_tier_then_population():
    for query in ("київ", "Lviv", "Odesa", "Кривий Ріг", "Mykolaivka"):
        q = model.fold(query)
        found = model.search(query, limit=50)
        frame = model.places().set_index("geonameid")
        keys = []
        for p in found:
            names = frame.loc[p.geonameid, "_search"].split("|")
            assert any(q in n for n in names)
            tier = 0 if q in names else 1 if any(n.startswith(q) for n in names) else 2
            keys.append((tier, -p.population, p.geonameid))
        assert keys == sorted(keys), query


@pytest.mark.parametrize("query", ["", " ", "a", " K ", "'"])
def test_search_refuses_a_query_under_two_letters(query):
    with pytest.raises(model.ModelInputError) as err:
        model.search(query)
    assert err.value.code == "query_too_short"


def test_search_without_a_match_is_empty():
    assert model.search("Qqxzzy") == []
    assert model.search("Qqxzzy", country=None) == []


def test_find_one_returns_the_one_place():
    assert model.find_one("Чортків").geonameid == CHORTKIV
    assert model.find_one("chortkiv").geonameid == CHORTKIV
    # «Кривий Ріг» also matches a smaller place that has it inside another name: the exact one wins
    assert model.find_one("Кривий Ріг").geonameid == 703845


def test_find_one_no_match():
    with pytest.raises(model.ModelInputError) as err:
        model.find_one("Qqxzzy")
    assert err.value.code == "no_match"
    assert err.value.params["query"] == "Qqxzzy"


@pytest.mark.parametrize("query", ["Mykolaivka", "Миколаївка", "Ivanivka"])
def test_find_one_ambiguous_village_name(query):
    ua = model.places()[model.places()["country"] == "UA"]
    q = model.fold(query)
    # every name of a place counts (GeoNames name, Ukrainian form, other search names)
    names = (ua["name"] + "|" + ua["name_uk"].fillna("") + "|" + ua["search_names"].fillna("")).str.split("|")
    same_name = sum(q in {model.fold(n) for n in ns} for ns in names)
    assert same_name >= 2  # the premise: several villages carry this exact name
    with pytest.raises(model.ModelInputError) as err:
        model.find_one(query)
    assert err.value.code == "ambiguous"
    assert err.value.params["count"] == same_name


def test_find_one_accepts_the_one_exact_match_on_another_name():
    # search() puts Odesa alone in the exact tier («одесса» is one of its names); Nova Odesa
    # only contains it («Новая Одесса»).
    assert [p.geonameid for p in model.search("Одесса")][0] == 698740
    assert model.find_one("Одесса").geonameid == 698740


# -- distances and scale --------------------------------------------------------------------
def test_distance_to_the_same_point_is_zero():
    d = model.distances_km(49.0, 25.8, np.array([49.0]), np.array([25.8]))
    assert d[0] == pytest.approx(0.0, abs=1e-9)


def test_distance_one_degree_of_latitude():
    # an arc of 1° on a sphere of radius R: R * pi / 180 = 111.195 km, at any longitude
    d = model.distances_km(10.0, 33.0, np.array([11.0, 9.0]), np.array([33.0, 33.0]))
    assert d == pytest.approx([R * math.pi / 180] * 2, rel=1e-9)
    assert d[0] == pytest.approx(111.2, abs=0.01)


def test_distance_quarter_and_half_of_the_equator():
    d = model.distances_km(0.0, 0.0, np.array([0.0, 0.0, 90.0]), np.array([90.0, 180.0, 0.0]))
    assert d == pytest.approx([R * math.pi / 2, R * math.pi, R * math.pi / 2], rel=1e-9)
    assert d[0] == pytest.approx(10_008, abs=1)


def test_distance_one_degree_of_longitude_shrinks_with_cos_latitude():
    # at 60° a short east-west arc is about half as long as at the equator
    at_60 = model.distances_km(60.0, 0.0, np.array([60.0]), np.array([0.01]))[0]
    at_0 = model.distances_km(0.0, 0.0, np.array([0.0]), np.array([0.01]))[0]
    assert at_60 / at_0 == pytest.approx(0.5, rel=1e-4)


def test_distances_are_symmetric():
    rng = np.random.default_rng(4)
    lats, lons = rng.uniform(-89, 89, 50), rng.uniform(-180, 180, 50)
    there = np.array([model.distances_km(lats[0], lons[0], lats[i:i + 1], lons[i:i + 1])[0] for i in range(50)])
    back = model.distances_km(lats[0], lons[0], lats, lons)
    assert there == pytest.approx(back)
    for i in range(1, 50):
        reverse = model.distances_km(lats[i], lons[i], lats[:1], lons[:1])[0]
        assert reverse == pytest.approx(back[i], rel=1e-9)


def test_population_ratio():
    with np.errstate(all="raise"):
        ratio = model.population_ratio(1000, np.array([1000, 500, 4000, 0, -3]))
        assert ratio.tolist() == pytest.approx([1.0, 0.5, 0.25, 0.0, 0.0])
        assert model.population_ratio(0, np.array([0, 10, 1000])).tolist() == [0.0, 0.0, 0.0]
        assert model.population_ratio(-1, np.array([5])).tolist() == [0.0]
        assert model.population_ratio(1000, np.array([])).tolist() == []


# -- town rules -----------------------------------------------------------------------------
def test_country_in_skew_takes_german_towns_only():
    towns = _towns([("DE", True, 5000, "DE.01"), ("PL", True, 5000, "PL.72")])
    status = model.town_rule_status("skew", towns, model.Settings(programme="skew"))
    assert _col(status, "country_in").tolist() == ["pass", "fail"]
    assert status["status"].tolist() == ["pass", "fail"]


@pytest.mark.parametrize("programme", list(model.programmes().index))
def test_country_not_in_russia_belarus_applies_to_every_programme(programme):
    towns = _towns([("RU", False, 100_000, ""), ("BY", False, 100_000, ""), ("PL", True, 100_000, "PL.72")])
    status = model.town_rule_status(programme, towns, model.Settings(programme=programme))
    assert _col(status, "country_not_in").tolist() == ["fail", "fail", "pass"]
    assert status["status"].tolist()[:2] == ["fail", "fail"]


def test_cerv_country_passes_eu_members_and_never_fails_the_others():
    towns = _towns([("DE", True, 5000, ""), ("NO", False, 5000, ""), ("MD", False, 5000, ""),
                    ("CH", False, 5000, "")])
    for programme in ("cerv_tt", "cerv_nt"):
        status = model.town_rule_status(programme, towns, model.Settings(programme=programme))
        assert _col(status, "cerv_country").tolist() == ["pass", "unknown", "unknown", "unknown"]
        assert status["status"].tolist() == ["pass", "unknown", "unknown", "unknown"]


def test_population_between_bridges_of_trust_inclusive_at_both_ends():
    pops = [400, 50_000, 399, 50_001, 0, 12_000]
    towns = _towns([("PL", True, p, "") for p in pops])
    status = model.town_rule_status("bridges_of_trust_2021", towns, model.Settings(programme="bridges_of_trust_2021"))
    assert _col(status, "population_between").tolist() == ["pass", "pass", "fail", "fail", "unknown", "pass"]
    assert _col(status, "country_in").tolist() == ["pass"] * 6
    assert status["status"].tolist() == ["pass", "pass", "fail", "fail", "unknown", "pass"]


def test_region_in_interreg_unknown_until_regions_are_confirmed():
    towns = _towns([("PL", True, 5000, "PL.75"), ("PL", True, 5000, "PL.72"), ("DE", True, 5000, "DE.01")])
    unconfirmed = model.town_rule_status("interreg_pl_ua", towns, model.Settings(programme="interreg_pl_ua"))
    assert _col(unconfirmed, "region_in").tolist() == ["unknown"] * 3
    assert unconfirmed["status"].tolist() == ["unknown", "unknown", "fail"]  # DE fails country_in

    settings = model.Settings(programme="interreg_pl_ua", polish_regions=("PL.75", "PL.81"))
    confirmed = model.town_rule_status("interreg_pl_ua", towns, settings)
    assert _col(confirmed, "region_in").tolist() == ["pass", "fail", "fail"]
    assert confirmed["status"].tolist() == ["pass", "fail", "fail"]


def test_overall_status_fail_beats_unknown_beats_pass():
    # Bridges of Trust: country_in and population_between
    towns = _towns([("PL", True, 1000, ""),  # pass, pass
                    ("PL", True, 0, ""),  # pass, unknown
                    ("DE", True, 0, ""),  # fail, unknown
                    ("DE", True, 1000, ""),  # fail, pass
                    ("PL", True, 60_000, "")])  # pass, fail
    status = model.town_rule_status("bridges_of_trust_2021", towns, model.Settings(programme="bridges_of_trust_2021"))
    assert status["status"].tolist() == ["pass", "unknown", "fail", "fail", "fail"]


def test_town_rule_status_keeps_the_index_and_handles_no_towns():
    towns = _towns([("PL", True, 1000, ""), ("BY", False, 1000, "")]).set_axis([17, 3])
    status = model.town_rule_status("none", towns, model.Settings())
    assert list(status.index) == [17, 3]
    assert status.loc[3, "status"] == "fail" and status.loc[17, "status"] == "pass"
    empty = model.town_rule_status("skew", towns.iloc[0:0], model.Settings(programme="skew"))
    assert len(empty) == 0 and "status" in empty.columns


def test_rules_for_an_unknown_programme():
    with pytest.raises(model.ModelInputError) as err:
        model.rules_for("erasmus")
    assert err.value.code == "unknown_programme"


# -- hromada rules --------------------------------------------------------------------------
def test_interreg_hromada_in_ternopil_oblast_passes(chortkiv):
    results = model.hromada_rules(chortkiv, model.Settings(programme="interreg_pl_ua"))
    assert [(r.kind, r.status) for r in results] == [("hromada_region_in", "pass")]
    assert results[0].rule == "F4"


def test_interreg_hromada_outside_the_six_oblasts_fails():
    results = model.hromada_rules(model.place(KYIV), model.Settings(programme="interreg_pl_ua"))
    assert [(r.kind, r.status) for r in results] == [("hromada_region_in", "fail")]


def test_other_programmes_have_no_hromada_rule(chortkiv):
    for programme in ("none", "cerv_tt", "skew", "bridges_of_trust_2021"):
        assert model.hromada_rules(chortkiv, model.Settings(programme=programme)) == []


# -- validate -------------------------------------------------------------------------------
ZERO = {"C1": 0, "C2": 0, "C3": 0, "C4": 0, "C5": 0, "C6": 0, "C7": 0, "C8": 0, "C9": 0}


@pytest.mark.parametrize(
    ("settings", "code"),
    [(model.Settings(programme="erasmus"), "unknown_programme"),
     (model.Settings(min_population=-1), "population_negative"),
     (model.Settings(max_population=-5), "population_negative"),
     (model.Settings(min_population=10_000, max_population=9_999), "population_range"),
     (model.Settings(max_distance_km=0), "distance_not_positive"),
     (model.Settings(max_distance_km=-100.0), "distance_not_positive"),
     (model.Settings().with_weight("C7", -0.1), "weight_negative"),
     (model.Settings().with_weight("C4", float("nan")), "weight_negative"),
     (model.Settings().with_weight("C4", float("inf")), "weight_negative"),
     (model.Settings(weights=ZERO), "weights_zero"),
     (model.Settings(weights={}), "weights_zero")],
)
def test_validate_refuses(settings, code):
    with pytest.raises(model.ModelInputError) as err:
        model.validate(settings)
    assert err.value.code == code


def test_validate_population_range_names_both_bounds():
    with pytest.raises(model.ModelInputError) as err:
        model.validate(model.Settings(min_population=500, max_population=400))
    assert err.value.params == {"low": 500, "high": 400}


@pytest.mark.parametrize(
    "settings",
    [model.Settings(), model.Settings(min_population=5000, max_population=5000),
     model.Settings(min_population=0, max_distance_km=0.5), model.Settings(weights={**ZERO, "C9": 1})],
)
def test_validate_accepts(settings):
    model.validate(settings)


# -- the pool -------------------------------------------------------------------------------
def test_pool_without_filters_is_every_foreign_place(chortkiv):
    p = model.pool(chortkiv, model.Settings())
    foreign = model.places()[model.places()["country"] != "UA"]
    assert "UA" not in set(p.frame["country"])
    assert len(p.frame) == len(foreign)  # no Russian or Belarusian places in the data
    assert p.excluded == {}


def test_pool_measures(chortkiv):
    p = model.pool(chortkiv, model.Settings())
    row = p.frame.set_index("geonameid").loc[WROCLAW]
    assert row["C4"] == 1.0
    assert row["C7"] == pytest.approx(28393 / 672545)
    assert row["C8"] == pytest.approx(1 / (1 + row["distance_km"] / 500))
    # Chortkiv to Wrocław is about 630 km as the crow flies
    assert 550 < row["distance_km"] < 700
    assert p.frame.set_index("geonameid").loc[BERGEN_NO, "C4"] == 0.0


def test_pool_filters_and_counts_each_removal(chortkiv):
    settings = model.Settings(programme="bridges_of_trust_2021", countries=("PL", "SK", "DE"),
                              min_population=5000, max_population=200_000, max_distance_km=600)
    p = model.pool(chortkiv, settings)
    places = model.places()
    rest = places[places["country"] != "UA"]
    expected = {}
    # the filters apply in order; each counts what it removes from what is left
    for name, keep in (
        ("countries", lambda f: f["country"].isin(["PL", "SK", "DE"])),
        ("min_population", lambda f: f["population"] >= 5000),
        ("max_population", lambda f: (f["population"] <= 200_000) & (f["population"] > 0)),
        ("max_distance", lambda f: model.distances_km(chortkiv.lat, chortkiv.lon, f["lat"].to_numpy(),
                                                      f["lon"].to_numpy()) <= 600),
        # Bridges of Trust: DE is not one of its seven countries; 400..50,000 inhabitants
        ("programme_rules", lambda f: f["country"].isin(["PL", "SK"]) & (f["population"] <= 50_000)),
    ):
        mask = keep(rest)
        expected[name] = int((~mask).sum())
        rest = rest[mask]
    assert all(expected.values())  # every filter had something to remove
    assert p.excluded == expected
    assert sorted(p.frame["geonameid"]) == sorted(rest["geonameid"])
    f = p.frame
    assert f["country"].isin(["PL", "SK"]).all()
    assert f["population"].between(5000, 50_000).all()
    assert (f["distance_km"] <= 600).all()
    assert (f["rule_status"] == "pass").all()


def test_pool_max_population_drops_unknown_populations_min_zero_drops_nothing(chortkiv):
    lu = model.places()[model.places()["country"] == "LU"]
    unknown = int((lu["population"] == 0).sum())
    big = int((lu["population"] > 5000).sum())
    p = model.pool(chortkiv, model.Settings(countries=("LU",), min_population=0, max_population=5000))
    assert "min_population" not in p.excluded
    assert p.excluded.get("max_population", 0) == unknown + big
    assert (p.frame["population"] > 0).all()


def test_pool_keeps_unknown_towns_and_marks_them(chortkiv):
    p = model.pool(chortkiv, model.Settings(programme="cerv_tt", countries=("NO", "DK")))
    by_country = p.frame.groupby("country")["rule_status"].agg(set)
    assert by_country["NO"] == {"unknown"} and by_country["DK"] == {"pass"}
    assert "programme_rules" not in p.excluded


def test_no_candidates_names_the_filters_that_removed_them(chortkiv):
    p = model.pool(chortkiv, model.Settings(programme="skew", countries=("PL", "CZ")))
    assert p.frame.empty
    with pytest.raises(model.ModelInputError) as err:
        model.rank_pool(p)
    assert err.value.code == "no_candidates"
    assert set(err.value.params) == {"countries", "programme_rules"}
    n_pl_cz = int(model.places()["country"].isin(["PL", "CZ"]).sum())
    assert err.value.params["programme_rules"] == n_pl_cz

    p = model.pool(chortkiv, model.Settings(min_population=10**9))
    with pytest.raises(model.ModelInputError) as err:
        model.rank_pool(p)
    assert err.value.params == {"min_population": int((model.places()["country"] != "UA").sum())}


def test_pool_validates_its_settings(chortkiv):
    with pytest.raises(model.ModelInputError) as err:
        model.pool(chortkiv, model.Settings(max_distance_km=0))
    assert err.value.code == "distance_not_positive"


# -- rank -----------------------------------------------------------------------------------
def _frame() -> pd.DataFrame:
    rows = [  # geonameid, C4, C7, C8, distance_km
        (14, 0.0, 0.4, 0.4, 50.0),
        (12, 1.0, 0.6, 0.0, 900.0),
        (13, 1.0, 0.2, 0.4, 300.0),
        (11, 0.0, 1.0, 1.0, 0.0),
        (10, 1.0, 0.2, 0.4, 300.0),
    ]
    return pd.DataFrame(rows, columns=["geonameid", "C4", "C7", "C8", "distance_km"])


CODES = ["C4", "C7", "C8"]
WEIGHTS = {"C4": 2.0, "C7": 1.0, "C8": 1.0}  # normalised: 0.5, 0.25, 0.25


def test_rank_scores_by_hand():
    ranked = model.rank(_frame(), WEIGHTS, CODES)
    # 10, 13: .5*1 + .25*.2 + .25*.4 = .65; 12: .5 + .25*.6 = .65; 11: .25 + .25 = .5; 14: .1 + .1 = .2
    scores = dict(zip(ranked["geonameid"], ranked["score"], strict=True))
    assert scores == pytest.approx({10: 0.65, 13: 0.65, 12: 0.65, 11: 0.5, 14: 0.2})
    # three-way tie: 10 and 13 are nearer (300 km) than 12 (900 km); 10 before 13 by id
    assert ranked["geonameid"].tolist() == [10, 13, 12, 11, 14]
    assert ranked["rank"].tolist() == [1, 2, 3, 4, 5]


def test_rank_ties_in_arithmetic_are_ties():
    # .5 + .05 + .1 and .5 + .15 differ in the last bit; they must still tie (then distance decides)
    ranked = model.rank(_frame(), WEIGHTS, CODES)
    tied = ranked[ranked["geonameid"].isin([10, 12, 13])]
    assert tied["score"].nunique() == 1


def test_rank_contributions_sum_to_the_score():
    ranked = model.rank(_frame(), WEIGHTS, CODES).set_index("geonameid")
    assert ranked.loc[12, "w:C4"] == pytest.approx(0.5)
    assert ranked.loc[12, "w:C7"] == pytest.approx(0.15)
    assert ranked.loc[12, "w:C8"] == pytest.approx(0.0)
    total = ranked[["w:C4", "w:C7", "w:C8"]].sum(axis=1)
    assert total.to_numpy() == pytest.approx(ranked["score"].to_numpy(), abs=1e-12)


def test_rank_normalises_weights():
    scaled = model.rank(_frame(), {c: 37.5 * w for c, w in WEIGHTS.items()}, CODES)
    base = model.rank(_frame(), WEIGHTS, CODES)
    assert scaled["geonameid"].tolist() == base["geonameid"].tolist()
    assert scaled["score"].to_numpy() == pytest.approx(base["score"].to_numpy())


def test_rank_uses_only_the_given_codes_and_missing_weights_count_zero():
    ranked = model.rank(_frame(), {"C8": 3.0, "C1": 100.0}, ["C7", "C8"])
    # only C8 counts: 11 (1.0), then 10, 13, 14 (0.4; by distance 50, 300, 300 -> 14, 10, 13), then 12
    assert ranked["geonameid"].tolist() == [11, 14, 10, 13, 12]
    assert ranked["score"].tolist() == pytest.approx([1.0, 0.4, 0.4, 0.4, 0.0])
    assert "w:C4" not in ranked.columns


def test_rank_all_zero_weights():
    with pytest.raises(model.ModelInputError) as err:
        model.rank(_frame(), {"C4": 0, "C7": 0, "C8": 0, "C1": 1}, CODES)
    assert err.value.code == "weights_zero"


@pytest.mark.parametrize("k", [0, 1, 2, 3, 4, 5, 6])
def test_rank_top_k_is_the_head_of_the_full_ranking_ties_at_the_cut_included(k):
    full = model.rank(_frame(), WEIGHTS, CODES)
    top = model.rank(_frame(), WEIGHTS, CODES, top=k)
    pd.testing.assert_frame_equal(top, full.head(k))


def test_rank_top_cut_inside_a_tie_keeps_the_tie_breaker():
    # k = 1 and 2 cut inside the three-way tie at .65: the nearest, then the lower id
    assert model.rank(_frame(), WEIGHTS, CODES, top=1)["geonameid"].tolist() == [10]
    assert model.rank(_frame(), WEIGHTS, CODES, top=2)["geonameid"].tolist() == [10, 13]


def test_top_contributor():
    ranked = model.rank(_frame(), WEIGHTS, CODES).set_index("geonameid")
    assert model.top_contributor(ranked.loc[12], CODES) == "C4"
    assert model.top_contributor(ranked.loc[14], CODES) == "C7"  # C7 and C8 tie at .1: the first
    assert model.top_contributor(ranked.loc[11], CODES) == "C7"


# -- the shortlist and the group ------------------------------------------------------------
def test_check_shortlist_reports_duplicates(chortkiv):
    report = model.check_shortlist(chortkiv, [WROCLAW, CAUSENI, WROCLAW, WROCLAW],
                                   model.Settings(programme="cerv_tt"))
    assert report.duplicates == [WROCLAW]
    assert not report.ok


def test_cerv_tt_one_eu_and_one_non_eu_partner(chortkiv):
    report = model.check_shortlist(chortkiv, [WROCLAW, CAUSENI], model.Settings(programme="cerv_tt"))
    assert _by_kind(report.group) == {"min_countries": "pass", "min_eu_countries": "pass"}
    assert report.town_failures == {}
    assert report.town_unknown == {CAUSENI: ["cerv_country"]}
    countries = next(r for r in report.group if r.kind == "min_countries")
    assert countries.params == {"need": 2, "have": 2}
    assert report.ok


@pytest.mark.parametrize(("ukraine_in_cerv", "status", "have"), [(None, "unknown", 1), (True, "pass", 2),
                                                                 (False, "fail", 1)])
def test_cerv_tt_one_partner_depends_on_ukraine_in_cerv(chortkiv, ukraine_in_cerv, status, have):
    settings = model.Settings(programme="cerv_tt", ukraine_in_cerv=ukraine_in_cerv)
    report = model.check_shortlist(chortkiv, [WROCLAW], settings)
    result = next(r for r in report.group if r.kind == "min_countries")
    assert (result.status, result.params["have"]) == (status, have)
    assert _by_kind(report.group)["min_eu_countries"] == "pass"
    assert report.ok == (status != "fail")


def test_cerv_tt_non_eu_partner_only_fails_the_eu_rule_whatever_ukraine_does(chortkiv):
    for ukraine_in_cerv in (None, True, False):
        report = model.check_shortlist(chortkiv, [BERGEN_NO],
                                       model.Settings(programme="cerv_tt", ukraine_in_cerv=ukraine_in_cerv))
        assert _by_kind(report.group)["min_eu_countries"] == "fail"


def test_cerv_nt_four_applicants_four_countries_two_eu(chortkiv):
    settings = model.Settings(programme="cerv_nt")
    report = model.check_shortlist(chortkiv, [WROCLAW, AHRENSBURG, BERGEN_NO, CAUSENI], settings)
    assert _by_kind(report.group) == {"min_applicants": "pass", "min_countries": "pass", "min_eu_countries": "pass"}

    # two German towns: 4 applicants but 3 countries
    report = model.check_shortlist(chortkiv, [WROCLAW, AHRENSBURG, SCHWABISCH_GMUND, BERGEN_NO],
                                   model.Settings(programme="cerv_nt", ukraine_in_cerv=False))
    assert _by_kind(report.group) == {"min_applicants": "pass", "min_countries": "fail", "min_eu_countries": "pass"}

    # one EU country only: fails, and Ukraine cannot make up for it
    report = model.check_shortlist(chortkiv, [WROCLAW, BERGEN_NO, CAUSENI, ZURICH], settings)
    assert _by_kind(report.group)["min_eu_countries"] == "fail"


@pytest.mark.parametrize(("ukraine_in_cerv", "status"), [(None, "unknown"), (True, "pass"), (False, "fail")])
def test_cerv_nt_three_partners_need_the_hromada(chortkiv, ukraine_in_cerv, status):
    settings = model.Settings(programme="cerv_nt", ukraine_in_cerv=ukraine_in_cerv)
    report = model.check_shortlist(chortkiv, [WROCLAW, AHRENSBURG, BERGEN_NO], settings)
    assert _by_kind(report.group) == {"min_applicants": status, "min_countries": status, "min_eu_countries": "pass"}


def test_cerv_nt_two_short_is_a_failure_even_before_ukraine_is_checked(chortkiv):
    report = model.check_shortlist(chortkiv, [WROCLAW, AHRENSBURG], model.Settings(programme="cerv_nt"))
    assert _by_kind(report.group) == {"min_applicants": "fail", "min_countries": "fail", "min_eu_countries": "pass"}


def test_check_shortlist_town_rules_and_home_country(chortkiv):
    report = model.check_shortlist(chortkiv, [AHRENSBURG, WROCLAW, KYIV], model.Settings(programme="skew"))
    assert report.town_failures == {WROCLAW: ["country_in"], KYIV: ["home_country", "country_in"]}
    assert report.group == [] and report.hromada == []
    assert not report.ok


def test_check_shortlist_empty(chortkiv):
    report = model.check_shortlist(chortkiv, [], model.Settings(programme="cerv_tt", ukraine_in_cerv=True))
    assert report.duplicates == [] and report.town_failures == {}
    assert _by_kind(report.group) == {"min_countries": "fail", "min_eu_countries": "fail"}


def test_check_shortlist_interreg_hromada(chortkiv):
    settings = model.Settings(programme="interreg_pl_ua", polish_regions=("PL.72",))
    assert model.check_shortlist(chortkiv, [WROCLAW], settings).ok  # Wrocław is in PL.72
    assert not model.check_shortlist(model.place(KYIV), [WROCLAW], settings).ok


# -- sensitivity ----------------------------------------------------------------------------
def test_sensitivity_one_entry_per_factor_and_factor_one_is_the_ranking(chortkiv):
    p = model.pool(chortkiv, model.Settings(max_distance_km=800))
    top5 = model.rank_pool(p, top=5)["geonameid"].tolist()
    for code in model.measured_codes():
        result = model.sensitivity(p, code)
        assert [f for f, _ in result] == [0.0, 0.5, 1.0, 2.0, 4.0]
        assert dict(result)[1.0] == top5
        assert all(len(ids) == 5 for _, ids in result)


def test_sensitivity_multiplies_the_weight(chortkiv):
    p = model.pool(chortkiv, model.Settings(max_distance_km=800))
    result = dict(model.sensitivity(p, "C7", factors=(0.0, 3.0), top=3))
    base = p.settings.weights["C7"]
    for factor in (0.0, 3.0):
        expected = model.rank(p.frame, {**p.settings.weights, "C7": base * factor}, model.measured_codes(), top=3)
        assert result[factor] == expected["geonameid"].tolist()


def test_sensitivity_with_nothing_left_to_rank(chortkiv):
    p = model.pool(chortkiv, model.Settings(weights={**ZERO, "C8": 1.0}))
    result = model.sensitivity(p, "C8", factors=(0.0, 1.0))
    assert result[0] == (0.0, [])
    assert len(result[1][1]) == 5


def test_sensitivity_of_a_zero_weight_starts_from_the_current_ranking(chortkiv):
    # with a weight of 0 the factors multiply the average of the other weights: x 0 is now
    weights = {**model.default_weights(), "C7": 0.0}
    p = model.pool(chortkiv, model.Settings(weights=weights))
    top5 = model.rank_pool(p, top=5)["geonameid"].tolist()
    result = dict(model.sensitivity(p, "C7"))
    assert result[0.0] == top5
    average = (weights["C4"] + weights["C8"]) / 2
    assert model.sensitivity_base(p, "C7") == (pytest.approx(average), True)
    doubled = model.rank(p.frame, {**weights, "C7": 2 * average}, model.measured_codes(), top=5)
    assert result[2.0] == doubled["geonameid"].tolist()


# -- the tasks ------------------------------------------------------------------------------
def test_q1_confirmed_are_the_towns_in_eu_member_states(eu_codes):
    expected = {g for g in tasks.Q1_TOWNS if model.place(g).country in eu_codes}
    assert tasks.q1_confirmed() == expected
    # Wrocław (PL), Ahrensburg (DE), Mezdra (BG), Schwäbisch Gmünd (DE); not Bergen (NO), Căuşeni (MD)
    assert expected == {WROCLAW, AHRENSBURG, MEZDRA, SCHWABISCH_GMUND}


def test_q2_example_meets_every_condition(eu_codes):
    ids = tasks.q2_example()
    q2 = tasks.Q2
    assert len(ids) >= q2["min_towns"] and len(set(ids)) == len(ids)
    places = model.places().set_index("geonameid").loc[ids]
    home = model.places().set_index("geonameid").loc[tasks.Q2_HOME]
    km = model.distances_km(home["lat"], home["lon"], places["lat"].to_numpy(), places["lon"].to_numpy())
    assert (km <= q2["max_km"]).all()
    assert places["population"].between(q2["min_pop"], q2["max_pop"]).all()
    assert set(places["country"]) <= eu_codes and "UA" not in set(places["country"])
    assert places["country"].nunique() >= q2["min_countries"]
