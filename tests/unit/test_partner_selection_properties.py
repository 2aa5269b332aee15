"""Properties of the ranking (``model.rank``) on frames built by hypothesis, and of the pool on
the real places data with sampled settings.

What counts as "better": a score is a weighted mean rounded to 12 decimals (so that float noise
such as .5 + .05 + .1 against .5 + .15 is a tie). The dominance and monotonicity properties
therefore use criterion values on a grid of 1/1000 and weights of at least 0.01 when positive:
a real difference between two candidates is then far above the rounding.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from exercises.partner_selection import model

CODES = ["C4", "C7", "C8"]
# the autouse work-folder fixture is function-scoped; these tests never touch the work folder
FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
REAL = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

any_unit = st.one_of(st.sampled_from([0.0, 0.25, 0.5, 1.0]), st.floats(0, 1, allow_nan=False))
grid_unit = st.integers(0, 1000).map(lambda i: i / 1000)
any_distance = st.one_of(st.sampled_from([0.0, 100.0, 500.0]), st.floats(0, 20_000, allow_nan=False))
any_weight = st.one_of(st.just(0.0), st.floats(0, 1e6, allow_nan=False, allow_infinity=False))
grid_weight = st.one_of(st.just(0.0), st.floats(0.01, 100, allow_nan=False))


def weight_sets(weight=any_weight):
    return st.fixed_dictionaries({c: weight for c in CODES}).filter(lambda w: sum(w.values()) > 0)


@st.composite
def frames(draw, unit=any_unit, min_rows=1, max_rows=30):
    n = draw(st.integers(min_rows, max_rows))
    ids = draw(st.lists(st.integers(1, 10**8), min_size=n, max_size=n, unique=True))
    columns = {"geonameid": ids, "distance_km": draw(st.lists(any_distance, min_size=n, max_size=n))}
    for code in CODES:
        columns[code] = draw(st.lists(unit, min_size=n, max_size=n))
    frame = pd.DataFrame(columns)
    # a non-default index, as a filtered pool has
    return frame.set_axis(draw(st.permutations(range(100, 100 + n))))


def order(ranked: pd.DataFrame) -> list[int]:
    return ranked["geonameid"].tolist()


# 1 ----------------------------------------------------------------------------------------
@FAST
@given(frame=frames(), weights=weight_sets())
def test_rank_scores_ranks_and_contributions(frame, weights):
    ranked = model.rank(frame, weights, CODES)
    n = len(frame)
    assert sorted(ranked["geonameid"]) == sorted(frame["geonameid"])
    assert ranked["rank"].tolist() == list(range(1, n + 1))
    assert ((ranked["score"] >= 0) & (ranked["score"] <= 1)).all()
    parts = ranked[[f"w:{c}" for c in CODES]].sum(axis=1).to_numpy()
    assert parts == pytest.approx(ranked["score"].to_numpy(), abs=1e-11)
    # the order is by score, then nearer, then the lower id
    keys = list(zip(-ranked["score"], ranked["distance_km"], ranked["geonameid"], strict=True))
    assert keys == sorted(keys)
    # each row keeps its own values
    original = frame.set_index("geonameid")
    back = ranked.set_index("geonameid")
    for code in CODES + ["distance_km"]:
        assert back.loc[original.index, code].tolist() == original[code].tolist()


# 2 ----------------------------------------------------------------------------------------
@FAST
@given(frame=frames(), weights=weight_sets(), factor=st.floats(1e-3, 1e3))
def test_scaling_all_weights_keeps_the_order(frame, weights, factor):
    scaled = {c: w * factor for c, w in weights.items()}
    assume(sum(scaled.values()) > 0)
    assert order(model.rank(frame, scaled, CODES)) == order(model.rank(frame, weights, CODES))


# 3 ----------------------------------------------------------------------------------------
@st.composite
def frames_with_a_dominated_copy(draw):
    """A frame, weights, and one extra row B made from row A by lowering some criteria
    (at least one with a positive weight); B may be nearer and have a lower id."""
    weights = draw(weight_sets(grid_weight))
    frame = draw(frames(unit=grid_unit, max_rows=20))
    a = frame.iloc[draw(st.integers(0, len(frame) - 1))]
    positive = [c for c in CODES if weights[c] > 0]
    must = draw(st.sampled_from(positive))
    b = {"geonameid": int(frame["geonameid"].min()) - 1, "distance_km": draw(any_distance)}
    for code in CODES:
        if code == must:
            assume(a[code] > 0)
            b[code] = draw(st.integers(0, round(a[code] * 1000) - 1)) / 1000
        else:
            b[code] = draw(st.integers(0, round(a[code] * 1000))) / 1000
    frame = pd.concat([frame, pd.DataFrame([b], index=[10**6])])
    return frame, weights


def _dominates(x: pd.Series, y: pd.Series, weights: dict[str, float]) -> bool:
    return all(x[c] >= y[c] for c in CODES) and any(x[c] > y[c] and weights[c] > 0 for c in CODES)


@FAST
@given(case=frames_with_a_dominated_copy())
def test_a_dominating_candidate_never_ranks_below(case):
    frame, weights = case
    ranked = model.rank(frame, weights, CODES).reset_index(drop=True)
    rows = list(ranked.itertuples(index=False))
    pairs = 0
    for i, x in enumerate(rows):
        for j, y in enumerate(rows):
            if _dominates(pd.Series(x._asdict()), pd.Series(y._asdict()), weights):
                pairs += 1
                assert i < j, (x.geonameid, y.geonameid)
    assert pairs >= 1


# 4 ----------------------------------------------------------------------------------------
@FAST
@given(frame=frames(unit=grid_unit, min_rows=2), weights=weight_sets(grid_weight),
       code=st.sampled_from(CODES), extra=st.floats(0.01, 100))
def test_raising_a_weight_never_lowers_the_best_on_that_criterion(frame, weights, code, extra):
    best_value = frame[code].max()
    assume((frame[code] == best_value).sum() == 1)
    best = int(frame.loc[frame[code] == best_value, "geonameid"].iloc[0])
    before = order(model.rank(frame, weights, CODES)).index(best)
    after = order(model.rank(frame, {**weights, code: weights[code] + extra}, CODES)).index(best)
    assert after <= before


# 5 ----------------------------------------------------------------------------------------
@FAST
@given(frame=frames(), weights=weight_sets(), data=st.data())
def test_top_k_is_the_head_of_the_full_ranking(frame, weights, data):
    k = data.draw(st.integers(0, len(frame) + 2), label="k")
    full = model.rank(frame, weights, CODES)
    top = model.rank(frame, weights, CODES, top=k)
    pd.testing.assert_frame_equal(top, full.head(k))


@FAST
@given(frame=frames(unit=st.sampled_from([0.0, 0.5, 1.0]), min_rows=5), weights=weight_sets(), data=st.data())
def test_top_k_with_many_ties(frame, weights, data):
    frame["distance_km"] = data.draw(st.lists(st.sampled_from([0.0, 10.0]), min_size=len(frame),
                                              max_size=len(frame)), label="distances")
    k = data.draw(st.integers(1, len(frame)), label="k")
    pd.testing.assert_frame_equal(model.rank(frame, weights, CODES, top=k),
                                  model.rank(frame, weights, CODES).head(k))


# the real data ----------------------------------------------------------------------------
UKRAINE = model.places()[model.places()["country"] == "UA"]
HOMES = [710400, 703448, 702550, 698740]  # Chortkiv, Kyiv, Lviv, Odesa


@st.composite
def real_settings(draw):
    programme = draw(st.sampled_from(list(model.programmes().index)))
    low = draw(st.one_of(st.none(), st.integers(0, 200_000)))
    high = draw(st.one_of(st.none(), st.integers(low or 0, 2_000_000)))
    distance = draw(st.one_of(st.none(), st.floats(1, 3000)))
    countries = draw(st.one_of(st.just(()), st.lists(st.sampled_from(["PL", "DE", "NO", "MD", "CZ", "SE", "LT"]),
                                                     min_size=1, max_size=3, unique=True).map(tuple)))
    regions = draw(st.one_of(st.just(()), st.just(("PL.72", "PL.75", "PL.77"))))
    weights = draw(st.fixed_dictionaries({c: st.floats(0, 1) for c in model.criteria().index}))
    return model.Settings(programme=programme, polish_regions=regions, countries=countries, min_population=low,
                          max_population=high, max_distance_km=distance, weights=weights)


@REAL
@given(settings_=real_settings(), home_id=st.one_of(st.sampled_from(HOMES),
                                                    st.sampled_from(UKRAINE["geonameid"].tolist())))
def test_the_real_pool_honours_every_filter(settings_, home_id):
    home = model.place(home_id)
    try:
        p = model.pool(home, settings_)
        ranked = model.rank_pool(p, top=50)
    except model.ModelInputError as err:
        assert err.code in {"no_candidates", "weights_zero"}
        return
    f = p.frame
    assert len(ranked) == min(50, len(f))
    assert "UA" not in set(f["country"])
    assert (f["rule_status"] != "fail").all()
    if settings_.min_population is not None:
        assert (f["population"] >= settings_.min_population).all()
    if settings_.max_population is not None:
        assert ((f["population"] <= settings_.max_population) & (f["population"] > 0)).all()
    if settings_.max_distance_km is not None:
        km = model.distances_km(home.lat, home.lon, f["lat"].to_numpy(), f["lon"].to_numpy())
        assert (km <= settings_.max_distance_km + 1e-9).all()
    if settings_.countries:
        assert set(f["country"]) <= set(settings_.countries)
    # the rules again, from the rule file: nothing the programme excludes is left
    status = model.town_rule_status(settings_.programme, f, settings_)
    assert (status["status"] != "fail").all()
    # every foreign place is either kept or counted by one filter
    foreign = int((model.places()["country"] != "UA").sum())
    assert len(f) + sum(p.excluded.values()) == foreign
    assert ranked["score"].between(0, 1).all()


@REAL
@given(programme=st.sampled_from(list(model.programmes().index)), low=st.integers(-10, 10**6),
       high=st.integers(-10, 10**6), distance=st.floats(-100, 3000, allow_nan=False))
def test_the_real_pool_raises_only_model_input_errors(programme, low, high, distance):
    s = model.Settings(programme=programme, min_population=low, max_population=high, max_distance_km=distance)
    try:
        model.rank_pool(model.pool(model.place(710400), s), top=5)
    except model.ModelInputError as err:
        assert err.code in {"population_negative", "population_range", "distance_not_positive", "no_candidates"}
        if err.code == "population_range":
            assert low > high
        if err.code == "distance_not_positive":
            assert distance <= 0
    else:
        assert 0 <= low <= high and distance > 0


def test_real_settings_sampler_keeps_min_at_most_max():
    # the bounds the sampler draws are valid settings, so a refusal above is a model error
    @settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(real_settings())
    def check(s):
        if s.min_population is not None and s.max_population is not None:
            assert s.min_population <= s.max_population
        assert np.isfinite(list(s.weights.values())).all()

    check()
