"""Partner selection logic: find the trainee's hromada, filter every place by a programme's
rules, rank what passes, explain the rank, check a shortlist. No widgets here.

Why this shape: the same functions serve the widget, the exercise checks, the tests and the
benchmark. Rules and criteria are data (``data/programme_rules.csv``, ``data/criteria.csv``),
so a rule that changes is edited there, with its source, not in code.

Scores: every criterion gives each candidate a value from 0 to 1; the score is the weighted
mean (weights normalised to sum to 1), so scaling all weights changes nothing.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np
import pandas as pd

from exercises import data

HOME_COUNTRY = "UA"
EARTH_RADIUS_KM = 6371.0088
HALF_SCORE_KM = 500.0  # C8: the distance at which nearness scores one half (illustrative)
SOFT_MAX = 3  # soft criteria are scored 0..3 by the trainee
PASS, FAIL, UNKNOWN = "pass", "fail", "unknown"


class ModelInputError(ValueError):
    """Input the model cannot use. ``code`` names the message; ``params`` fill it in."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


# -- data ---------------------------------------------------------------------------------
def fold(text: str) -> str:
    """Lower case without accents, for matching names typed without diacritics ("wroclaw")."""
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    # Marks go everywhere, Cyrillic too (й -> и, ї -> і): the query is folded the same way,
    # so «Київ» still finds «Київ», and «Kyiv» finds "Kyiv".
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return kept.replace("ł", "l").replace("'", "").replace("’", "").replace("ʼ", "")


@lru_cache(maxsize=1)
def places() -> pd.DataFrame:
    """Every place, with its country's name and EU membership, and a folded search column."""
    frame = data.load("places")
    countries = data.load("countries").set_index("code")
    frame["country_name"] = frame["country"].map(countries["name"])
    frame["eu_member"] = frame["country"].map(countries["eu_member"]).astype(bool)
    regions = data.load("regions").set_index("code")["name"]
    frame["region_name"] = frame["admin1"].map(regions).fillna("")
    haystack = frame["name"].fillna("") + "|" + frame["name_uk"].fillna("") + "|" + frame["search_names"].fillna("")
    frame["_search"] = [fold(s) for s in haystack]
    frame["population"] = frame["population"].astype("int64")
    return frame


@lru_cache(maxsize=1)
def criteria() -> pd.DataFrame:
    return data.load("criteria").set_index("code")


def default_weights() -> dict[str, float]:
    return {code: float(w) for code, w in criteria()["default_weight"].items()}


def measured_codes() -> list[str]:
    c = criteria()
    return list(c.index[c["kind"] == "measured"])


def soft_codes() -> list[str]:
    c = criteria()
    return list(c.index[c["kind"] == "soft"])


@lru_cache(maxsize=1)
def profiles() -> dict[int, dict[str, int]]:
    """Illustrative soft-criteria scores for a few named candidates (data/candidate_profiles.csv):
    a starting point the trainee changes, never facts about the real towns."""
    frame = data.load("candidate_profiles")
    return {int(r["geonameid"]): {c: int(r[c]) for c in soft_codes()} for _, r in frame.iterrows()}


def cases() -> pd.DataFrame:
    """Real partnership cases since 2022, with their sources."""
    return data.load("partnership_cases")


@lru_cache(maxsize=1)
def programmes() -> pd.DataFrame:
    return data.load("programmes").set_index("id")


@lru_cache(maxsize=1)
def rules() -> pd.DataFrame:
    return data.load("programme_rules")


def rules_for(programme: str, level: str | None = None) -> pd.DataFrame:
    if programme not in programmes().index:
        raise ModelInputError("unknown_programme", programme=programme)
    r = rules()
    picked = r[(r["programme"] == "*") | (r["programme"] == programme)]
    return picked if level is None else picked[picked["level"] == level]


# -- finding the hromada ------------------------------------------------------------------
@dataclass(frozen=True)
class Place:
    geonameid: int
    name: str
    name_uk: str
    country: str
    country_name: str
    admin1: str
    region_name: str
    lat: float
    lon: float
    population: int  # 0 = unknown

    @property
    def label(self) -> str:
        uk = f" ({self.name_uk})" if self.name_uk and self.name_uk != self.name else ""
        return f"{self.name}{uk}"


def place(geonameid: int) -> Place:
    frame = places()
    row = frame.loc[frame["geonameid"] == int(geonameid)]
    if row.empty:
        raise ModelInputError("unknown_place", id=geonameid)
    r = row.iloc[0]
    return Place(int(r.geonameid), r["name"], r["name_uk"] or "", r.country, r.country_name, r.admin1 or "",
                 r.region_name,
                 float(r.lat), float(r.lon), int(r.population))


def search(query: str, country: str | None = HOME_COUNTRY, limit: int = 10) -> list[Place]:
    """Places whose name (Latin or Cyrillic, accents optional) matches ``query``.

    Exact names first, then names that start with the query, then the rest; larger places
    first within each group. Raises ``ModelInputError('query_too_short')`` under 2 letters.
    """
    q = fold(query).strip()
    if len(q) < 2:
        raise ModelInputError("query_too_short")
    frame = places()
    if country:
        frame = frame[frame["country"] == country]
    hits = frame[frame["_search"].str.contains(q, regex=False)]
    if hits.empty:
        return []
    names = hits["_search"].str.split("|")
    exact = names.map(lambda ns: q in ns)
    prefix = names.map(lambda ns: any(n.startswith(q) for n in ns))
    order = pd.DataFrame({"tier": np.where(exact, 0, np.where(prefix, 1, 2)),
                          "pop": -hits["population"], "id": hits["geonameid"]}, index=hits.index)
    best = order.sort_values(["tier", "pop", "id"]).index[:limit]
    return [place(int(gid)) for gid in hits.loc[best, "geonameid"]]


def exact_matches(query: str, country: str | None = HOME_COUNTRY) -> list[Place]:
    """Places that have ``query`` as one of their names (any alphabet, accents optional)."""
    q = fold(query).strip()
    frame = places()
    if country:
        frame = frame[frame["country"] == country]
    hits = frame[frame["_search"].str.contains(q, regex=False)]
    if hits.empty:
        return []
    exact = hits[hits["_search"].str.split("|").map(lambda names: q in names).astype(bool)]
    exact = exact.sort_values(["population", "geonameid"], ascending=[False, True])
    return [place(int(g)) for g in exact["geonameid"]]


def find_one(query: str) -> Place:
    """The one Ukrainian place ``query`` names, or ``ModelInputError`` ('no_match' / 'ambiguous')."""
    matches = search(query, limit=50)
    exact = exact_matches(query)
    if len(exact) == 1:
        return exact[0]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise ModelInputError("no_match", query=query)
    raise ModelInputError("ambiguous", query=query, count=len(exact) or len(matches))


# -- settings and the candidate pool ------------------------------------------------------
@dataclass(frozen=True)
class Settings:
    """What the trainee chose. ``ukraine_in_cerv`` is None until they have checked the call."""

    programme: str = "none"
    ukraine_in_cerv: bool | None = None
    polish_regions: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()  # empty: every partner country
    min_population: int | None = None
    max_population: int | None = None
    max_distance_km: float | None = None
    weights: Mapping[str, float] = field(default_factory=default_weights)

    def with_weight(self, code: str, value: float) -> Settings:
        return replace(self, weights={**self.weights, code: value})


def validate(settings: Settings) -> None:
    if settings.programme not in programmes().index:
        raise ModelInputError("unknown_programme", programme=settings.programme)
    lo, hi = settings.min_population, settings.max_population
    if (lo is not None and lo < 0) or (hi is not None and hi < 0):
        raise ModelInputError("population_negative")
    if lo is not None and hi is not None and lo > hi:
        raise ModelInputError("population_range", low=lo, high=hi)
    if settings.max_distance_km is not None and settings.max_distance_km <= 0:
        raise ModelInputError("distance_not_positive")
    weights = settings.weights
    if any((not np.isfinite(w)) or w < 0 for w in weights.values()):
        raise ModelInputError("weight_negative")
    if sum(weights.get(c, 0) for c in criteria().index) <= 0:
        raise ModelInputError("weights_zero")


def distances_km(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Great-circle distances (haversine) from one point to many, in km."""
    p1, p2 = np.radians(lat), np.radians(lats)
    dphi, dlmb = p2 - p1, np.radians(lons) - np.radians(lon)
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def population_ratio(home: int, others: np.ndarray) -> np.ndarray:
    """Smaller population / larger (1 = same size); 0 where either population is unknown."""
    others = np.asarray(others, dtype=float)
    if home <= 0:
        return np.zeros(len(others))
    lo, hi = np.minimum(others, home), np.maximum(others, home)
    return np.where(others > 0, lo / np.where(hi > 0, hi, 1), 0.0)


def town_rule_status(programme: str, towns: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """One column per town-level rule (``pass``/``fail``/``unknown``), plus ``status``:
    fail if any rule fails, else unknown if any is unknown, else pass."""
    out = pd.DataFrame(index=towns.index)
    for i, rule in enumerate(rules_for(programme, "town").itertuples()):
        values = [v for v in str(rule.value or "").split("|") if v]
        col = f"r{i}:{rule.kind}"
        if rule.kind == "country_in":
            ok = towns["country"].isin(values)
            out[col] = np.where(ok, PASS, FAIL)
        elif rule.kind == "country_not_in":
            out[col] = np.where(towns["country"].isin(values), FAIL, PASS)
        elif rule.kind == "cerv_country":
            # EU members are eligible; other countries only if associated to CERV, which the
            # course cannot confirm (check the call's list of participating countries).
            out[col] = np.where(towns["eu_member"], PASS, UNKNOWN)
        elif rule.kind == "population_between":
            lo, hi = (int(v) for v in values)
            pop = towns["population"]
            out[col] = np.where(pop <= 0, UNKNOWN, np.where((pop >= lo) & (pop <= hi), PASS, FAIL))
        elif rule.kind == "region_in":
            if not settings.polish_regions:
                out[col] = UNKNOWN
            else:
                out[col] = np.where(towns["admin1"].isin(settings.polish_regions), PASS, FAIL)
        else:  # a rule kind the code does not know is a data error, not a silent pass
            raise ValueError(f"data/programme_rules.csv: unknown town rule kind {rule.kind!r}")
    cols = list(out.columns)
    if cols:
        statuses = out[cols]
        out["status"] = np.where((statuses == FAIL).any(axis=1), FAIL,
                                 np.where((statuses == UNKNOWN).any(axis=1), UNKNOWN, PASS))
    else:
        out["status"] = PASS
    return out


@dataclass(frozen=True)
class RuleResult:
    rule: str  # F-number from the data
    kind: str
    status: str
    params: dict
    note: str
    source: str
    url: str


def _rule_result(rule, status: str, **params) -> RuleResult:
    return RuleResult(rule.rule, rule.kind, status, params, rule.note or "", rule.source, rule.url)


def hromada_rules(home: Place, settings: Settings) -> list[RuleResult]:
    results = []
    for rule in rules_for(settings.programme, "hromada").itertuples():
        if rule.kind == "hromada_region_in":
            allowed = str(rule.value).split("|")
            results.append(_rule_result(rule, PASS if home.admin1 in allowed else FAIL, region=home.region_name))
        else:
            raise ValueError(f"data/programme_rules.csv: unknown hromada rule kind {rule.kind!r}")
    return results


@dataclass
class Pool:
    """Every foreign place with its distance, scale ratio and rule status for one hromada and
    one set of filters; ranking then only re-weights (fast when a weight moves)."""

    home: Place
    settings: Settings
    frame: pd.DataFrame  # the candidates that pass the filters and are not failed by a rule
    excluded: dict[str, int]  # how many places each filter or rule removed


def pool(home: Place, settings: Settings) -> Pool:
    validate(settings)
    frame = places()
    frame = frame[frame["country"] != HOME_COUNTRY]
    cands = frame[["geonameid", "name", "name_uk", "country", "country_name", "admin1", "region_name",
                   "lat", "lon", "population", "eu_member"]].copy()
    cands["distance_km"] = distances_km(home.lat, home.lon, cands["lat"].to_numpy(), cands["lon"].to_numpy())
    cands["C4"] = cands["eu_member"].astype(float)
    cands["C7"] = population_ratio(home.population, cands["population"].to_numpy())
    cands["C8"] = 1.0 / (1.0 + cands["distance_km"] / HALF_SCORE_KM)
    excluded: dict[str, int] = {}

    def keep(mask: pd.Series, reason: str) -> None:
        nonlocal cands
        dropped = int((~mask).sum())
        if dropped:
            excluded[reason] = excluded.get(reason, 0) + dropped
        cands = cands[mask]

    if settings.countries:
        keep(cands["country"].isin(settings.countries), "countries")
    if settings.min_population is not None:
        keep(cands["population"] >= settings.min_population, "min_population")
    if settings.max_population is not None:
        keep((cands["population"] <= settings.max_population) & (cands["population"] > 0), "max_population")
    if settings.max_distance_km is not None:
        keep(cands["distance_km"] <= settings.max_distance_km, "max_distance")
    status = town_rule_status(settings.programme, cands, settings)
    cands["rule_status"] = status["status"]
    keep(cands["rule_status"] != FAIL, "programme_rules")
    return Pool(home, settings, cands, excluded)


def normalised(weights: Mapping[str, float], codes: Sequence[str]) -> dict[str, float]:
    total = sum(max(0.0, float(weights.get(c, 0.0))) for c in codes)
    if total <= 0:
        raise ModelInputError("weights_zero")
    return {c: max(0.0, float(weights.get(c, 0.0))) / total for c in codes}


def rank(frame: pd.DataFrame, weights: Mapping[str, float], codes: Sequence[str],
         top: int | None = None) -> pd.DataFrame:
    """Score and order candidates. ``frame`` needs a 0..1 column per criterion in ``codes``,
    plus ``distance_km`` and ``geonameid`` (the tie-breakers: nearer first, then the lower id).
    Adds ``w:<code>`` contribution columns, ``score`` (0..1) and ``rank`` (1 = best).
    With ``top``, only the best ``top`` rows are returned (faster: no full sort)."""
    w = normalised(weights, codes)
    parts = {code: w[code] * frame[code].to_numpy(dtype=float) for code in codes}
    score = np.round(sum(parts.values()), 12) if codes else np.zeros(len(frame))
    distance = frame["distance_km"].to_numpy(dtype=float)
    ids = frame["geonameid"].to_numpy()
    if top is not None and top < len(frame):
        # the best `top` by score, widened to every row tied with the last one, then sorted
        cut = np.partition(-score, top - 1)[top - 1]
        candidates = np.flatnonzero(-score <= cut)
    else:
        candidates = np.arange(len(frame))
    order = candidates[np.lexsort((ids[candidates], distance[candidates], -score[candidates]))]
    if top is not None:
        order = order[:top]
    out = frame.take(order)
    for code in codes:
        out[f"w:{code}"] = parts[code][order]
    out["score"] = score[order]
    out["rank"] = np.arange(1, len(out) + 1)
    return out


def rank_pool(p: Pool, top: int | None = None) -> pd.DataFrame:
    """Rank the candidates in the pool on the measured criteria (the soft ones are scored only
    for the trainee's own list); ``top``: only the best ``top``."""
    if p.frame.empty:
        raise ModelInputError("no_candidates", **p.excluded)
    return rank(p.frame, p.settings.weights, measured_codes(), top=top)


def pool_key(home: Place, settings: Settings) -> tuple:
    """What a pool depends on (everything but the weights), to reuse it when a weight moves."""
    return (home, settings.programme, settings.ukraine_in_cerv, settings.polish_regions, settings.countries,
            settings.min_population, settings.max_population, settings.max_distance_km)


def score_list(p: Pool, ids: Sequence[int], soft_scores: Mapping[int, Mapping[str, int]]) -> pd.DataFrame:
    """Rank the trainee's own candidates on all criteria: measured ones from the data, soft ones
    (0..3) as the trainee scored them (unscored counts as 0)."""
    frame = places_with_measures(p.home, ids)
    for code in soft_codes():
        frame[code] = [min(SOFT_MAX, max(0, int(soft_scores.get(int(g), {}).get(code, 0)))) / SOFT_MAX
                       for g in frame["geonameid"]]
    return rank(frame, p.settings.weights, list(criteria().index))


def places_with_measures(home: Place, ids: Iterable[int]) -> pd.DataFrame:
    ids = [int(i) for i in ids]
    frame = places()
    rows = frame[frame["geonameid"].isin(ids)].copy()
    missing = sorted(set(ids) - set(rows["geonameid"]))
    if missing:
        raise ModelInputError("unknown_place", id=missing[0])
    rows["distance_km"] = distances_km(home.lat, home.lon, rows["lat"].to_numpy(), rows["lon"].to_numpy())
    rows["C4"] = rows["eu_member"].astype(float)
    rows["C7"] = population_ratio(home.population, rows["population"].to_numpy())
    rows["C8"] = 1.0 / (1.0 + rows["distance_km"] / HALF_SCORE_KM)
    return rows.set_index("geonameid", drop=False).loc[ids].reset_index(drop=True)


def top_contributor(ranked_row: pd.Series, codes: Sequence[str]) -> str:
    """The criterion that adds most to a candidate's score (ties: the first in ``codes``)."""
    values = [(float(ranked_row[f"w:{c}"]), -i, c) for i, c in enumerate(codes)]
    return max(values)[2]


def sensitivity_base(p: Pool, code: str) -> tuple[float, bool]:
    """The weight the what-if factors multiply: the criterion's own, or, when that is 0, the
    average of the other measured weights (True), so "× 2" still means something."""
    base = float(p.settings.weights.get(code, 0.0))
    if base > 0:
        return base, False
    others = [float(p.settings.weights.get(c, 0.0)) for c in measured_codes() if c != code]
    positive = [w for w in others if w > 0]
    return (sum(positive) / len(positive) if positive else 1.0), True


def sensitivity(p: Pool, code: str, factors: Sequence[float] = (0.0, 0.5, 1.0, 2.0, 4.0),
                top: int = 5) -> list[tuple[float, list[int]]]:
    """How the top ``top`` change when the weight of ``code`` is the base weight times each
    factor (see ``sensitivity_base``: with a weight of 0, factor 0 is the current ranking)."""
    out = []
    base, _ = sensitivity_base(p, code)
    for f in factors:
        weights = {**p.settings.weights, code: base * f}
        try:
            ranked = rank(p.frame, weights, measured_codes(), top=top)
        except ModelInputError:
            out.append((f, []))
            continue
        out.append((f, [int(g) for g in ranked["geonameid"].head(top)]))
    return out


# -- the shortlist ------------------------------------------------------------------------
@dataclass(frozen=True)
class ShortlistReport:
    duplicates: list[int]
    town_failures: dict[int, list[str]]  # geonameid -> failed rule kinds
    town_unknown: dict[int, list[str]]
    group: list[RuleResult]
    hromada: list[RuleResult]

    @property
    def ok(self) -> bool:
        return (not self.duplicates and not self.town_failures
                and all(r.status != FAIL for r in self.group + self.hromada))


def check_shortlist(home: Place, ids: Sequence[int], settings: Settings) -> ShortlistReport:
    """Every rule of the programme applied to a shortlist: each town, the group, the hromada."""
    ids = [int(i) for i in ids]
    seen, duplicates = set(), []
    for g in ids:
        if g in seen and g not in duplicates:
            duplicates.append(g)
        seen.add(g)
    unique = list(dict.fromkeys(ids))
    towns = places_with_measures(home, unique) if unique else places().iloc[0:0]
    status = town_rule_status(settings.programme, towns, settings) if unique else pd.DataFrame()
    failures: dict[int, list[str]] = {}
    unknown: dict[int, list[str]] = {}
    for idx, g in enumerate(unique):
        if towns.iloc[idx]["country"] == HOME_COUNTRY:
            failures.setdefault(g, []).append("home_country")
        row = status.iloc[idx]
        for col in status.columns:
            if col == "status":
                continue
            kind = col.split(":", 1)[1]
            if row[col] == FAIL:
                failures.setdefault(g, []).append(kind)
            elif row[col] == UNKNOWN:
                unknown.setdefault(g, []).append(kind)
    group = group_rules(home, towns, settings)
    return ShortlistReport(duplicates, failures, unknown, group, hromada_rules(home, settings))


def group_rules(home: Place, towns: pd.DataFrame, settings: Settings) -> list[RuleResult]:
    """Rules about the group of applicants: the partners plus the hromada itself, which counts
    as an eligible country only if the trainee confirmed Ukraine takes part in CERV."""
    results = []
    partner_countries = set(towns["country"]) - {HOME_COUNTRY} if len(towns) else set()
    eu_countries = set(towns.loc[towns["eu_member"].astype(bool), "country"]) if len(towns) else set()
    home_counts = settings.ukraine_in_cerv is True
    countries = partner_countries | ({HOME_COUNTRY} if home_counts else set())
    applicants = len(towns) + (1 if home_counts else 0)
    for rule in rules_for(settings.programme, "group").itertuples():
        need = int(rule.value)
        have = {"min_countries": len(countries), "min_eu_countries": len(eu_countries),
                "min_applicants": applicants}.get(rule.kind)
        if have is None:
            raise ValueError(f"data/programme_rules.csv: unknown group rule kind {rule.kind!r}")
        status = PASS if have >= need else FAIL
        if status == FAIL and settings.ukraine_in_cerv is None and rule.kind != "min_eu_countries":
            # would the hromada's own country make up the difference? Then it depends on the call.
            if have + 1 >= need:
                status = UNKNOWN
        results.append(_rule_result(rule, status, need=need, have=have))
    return results
