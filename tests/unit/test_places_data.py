"""The GeoNames places, regions and countries (data/, written by tools/make_places.py).

The first tests read the committed files; the rest test the rules of the script on small
hand-made records, so a change of rule shows here before it shows in 90,000 rows.
"""

from __future__ import annotations

import gzip
import io

import pandas as pd
import pytest

from exercises import data
from tools import make_places as mp

INTERREG_NEXT_PL_UA_OBLASTS = ["UA.24", "UA.15", "UA.25", "UA.19", "UA.22", "UA.06"]


@pytest.fixture(scope="module")
def places() -> pd.DataFrame:
    return data.load("places")


@pytest.fixture(scope="module")
def regions() -> pd.DataFrame:
    return data.load("regions")


@pytest.fixture(scope="module")
def countries() -> pd.DataFrame:
    return data.load("countries")


def _place(places: pd.DataFrame, name: str, country: str) -> pd.Series:
    found = places[(places["name"] == name) & (places["country"] == country)]
    assert len(found) == 1, f"{name} ({country}): {len(found)} rows"
    return found.iloc[0]


# --- the committed files ----------------------------------------------------------------------

def test_the_three_files_load_and_validate(places, regions, countries):
    for name, frame in (("places", places), ("regions", regions), ("countries", countries)):
        fields = [f["name"] for f in data.resource(name)["schema"]["fields"]]
        assert list(frame.columns) == fields
        assert len(frame) > 0
    assert data.resource("places")["compression"] == "gz"
    assert places["geonameid"].is_monotonic_increasing and places["geonameid"].is_unique


def test_every_place_joins_a_country_and_a_region(places, regions, countries):
    assert set(places["country"]) <= set(countries["code"])
    admin1 = places["admin1"].dropna()
    assert set(admin1) <= set(regions["code"])
    assert (admin1.str.split(".").str[0] == places.loc[admin1.index, "country"]).all()


def test_every_country_has_places_and_regions(places, regions, countries):
    assert set(countries["code"]) == set(places["country"])
    assert set(countries["code"]) == set(regions["code"].str.split(".").str[0])


def test_countries_membership(countries):
    assert countries["code"].tolist() == sorted(countries["code"])
    eu = set(countries.loc[countries["eu_member"], "code"])
    assert eu == set(mp.EU) and len(eu) == 27
    assert set(countries.loc[countries["eea"], "code"]) == eu | {"IS", "LI", "NO"}
    assert not countries.set_index("code").loc[["UA", "GB", "CH", "MD"], "eu_member"].any()
    assert countries.set_index("code").loc["PL", "name_uk"] == "Польща"
    assert countries["source"].str.match(r"https://").all()


def test_ukraine_and_poland_have_many_places(places):
    counts = places["country"].value_counts()
    assert counts["UA"] > 5000
    assert counts["PL"] > 3500


def test_wroclaw(places):
    row = _place(places, "Wrocław", "PL")
    assert row["admin1"] == "PL.72"
    assert row["population"] > 500_000
    assert "Wroclaw" in row["search_names"].split("|")


def test_ukrainian_names_of_ukrainian_cities(places):
    assert _place(places, "Kryvyy Rih", "UA")["name_uk"] == "Кривий Ріг"
    assert _place(places, "Kyiv", "UA")["name_uk"] == "Київ"
    assert _place(places, "Polianytsia", "UA")["name_uk"] == "Поляниця"


def test_no_name_uk_has_a_russian_only_letter(places):
    assert not places["name_uk"].dropna().map(mp.has_russian_only_letter).any()


def test_interreg_next_poland_ukraine_oblasts_exist(regions, places):
    assert set(INTERREG_NEXT_PL_UA_OBLASTS) <= set(regions["code"])
    assert regions.set_index("code").loc["UA.15", "name"] == "Lviv"
    assert places["admin1"].isin(INTERREG_NEXT_PL_UA_OBLASTS).sum() > 1000


def test_some_populations_are_unknown(places):
    assert (places["population"] == 0).any()
    assert (places["population"] >= 0).all()


def test_search_names_are_short_and_never_repeat_the_names(places):
    lists = places["search_names"].dropna().str.split("|")
    assert lists.map(len).max() <= mp.MAX_SEARCH_NAMES
    assert lists.map(lambda names: len(names) == len(set(names))).all()
    rows = places.loc[lists.index]
    for names, name, uk in zip(lists, rows["name"], rows["name_uk"], strict=True):
        assert name not in names and (uk is None or uk not in names)


# --- the loader's new types -------------------------------------------------------------------

def _countries_csv() -> pd.DataFrame:
    return pd.read_csv(data.DATA_DIR / "countries.csv", dtype=str, keep_default_na=False)


def test_boolean_fields_accept_true_and_false_only():
    schema = data.resource("countries")["schema"]
    frame = _countries_csv()
    assert data.validate(frame, schema, "data/countries.csv")["eu_member"].dtype == "boolean"
    frame.loc[2, "eu_member"] = "yes"
    with pytest.raises(data.DataError, match=r"data/countries.csv, row 4: eu_member should be boolean, got 'yes'"):
        data.validate(frame, schema, "data/countries.csv")


def test_maximum_and_the_row_of_the_first_bad_cell():
    schema = data.resource("places")["schema"]
    frame = pd.DataFrame([["1", "A", "", "", "PL", "", "91", "0", "0"],
                          ["2", "B", "", "", "PL", "", "50", "0", "-1"]],
                         columns=[f["name"] for f in schema["fields"]])
    with pytest.raises(data.DataError, match=r"row 2: lat 91.0 is above 90"):
        data.validate(frame, schema, "data/places.csv.gz")
    frame.loc[0, "lat"] = "50"
    with pytest.raises(data.DataError, match=r"row 3: population -1 is below 0"):
        data.validate(frame, schema, "data/places.csv.gz")


# --- the rules of tools/make_places.py --------------------------------------------------------

def _record(alternates: list[str], name: str = "Somewhere", country: str = "PL", **more) -> dict:
    return {"geonameid": 1, "name": name, "countrycode": country, "alternatenames": alternates,
            "latitude": 50.0, "longitude": 20.0, "population": 0, "admin1code": "", **more}


@pytest.mark.parametrize("country", ["PL", "UA"])
def test_name_uk_prefers_a_ukrainian_letter_to_a_russian_form(country):
    assert mp.name_uk(_record(["Lwów", "Львов", "Львів"], name="Lviv", country=country)) == "Львів"
    assert mp.name_uk(_record(["Ровно", "Рівне"], name="Rivne", country=country)) == "Рівне"


@pytest.mark.parametrize("country", ["PL", "UA"])
def test_name_uk_never_a_russian_only_letter(country):
    assert mp.name_uk(_record(["Подъём", "Белый Ключ", "Шылка", "Щёлково"], country=country)) == ""
    assert mp.name_uk(_record(["Кыйив", "Київ"], name="Kyiv", country=country)) == "Київ"
    assert mp.name_uk(_record(["Белый Ключ", "Бела"], country=country)) == "Бела"


def test_name_uk_without_a_ukrainian_letter_takes_the_first_cyrillic_name_of_the_ukrainian_alphabet():
    # Wrocław's case: "Вроцлаў" is Belarusian (ў), "Вроцлав" is also the Ukrainian form
    assert mp.name_uk(_record(["Breslau", "Вроцлаў", "Вроцлав", "ヴロツワフ"], name="Wrocław")) == "Вроцлав"
    assert mp.name_uk(_record(["Breslau", "Wroclaw"])) == ""
    assert mp.name_uk(_record([])) == ""


def test_name_uk_in_ukraine_follows_the_romanised_name_not_a_nickname():
    alternates = ["Адэса", "Коцюбіїв", "Одеса", "Одесса"]  # GeoNames' order
    assert mp.name_uk(_record(alternates, name="Odesa", country="UA")) == "Одеса"
    assert mp.name_uk(_record(["Ворошиловград", "Луганск", "Луганськ"], name="Luhansk", country="UA")) == "Луганськ"
    # outside Ukraine the name is not a romanisation of the Ukrainian one: the letter rule alone
    assert mp.name_uk(_record(alternates, name="Odesa", country="PL")) == "Коцюбіїв"


def test_name_uk_in_ukraine_prefers_the_ukrainian_form_of_a_russian_based_romanisation():
    assert mp.name_uk(_record(["Павлівка", "Павловка"], name="Pavlovka", country="UA")) == "Павлівка"
    assert mp.name_uk(_record(["Донецк", "Донецьк"], name="Donetsk", country="UA")) == "Донецьк"


def test_name_uk_drops_stress_marks():
    assert mp.name_uk(_record(["Підлі\u0301сне"], name="Pidlisne", country="UA")) == "Підлісне"


def test_search_names_ascii_first_no_duplicates_no_name_no_russian_letters():
    record = _record(["Breslau", "Wroclaw", "Вроцлав", "Вроцлаў", "Вроцлаў", "Вроцлавъ", "Βρότσλαβ"], name="Wrocław")
    uk = mp.name_uk(record)
    assert uk == "Вроцлав"
    assert mp.search_names(record, uk) == ["Wroclaw", "Вроцлаў"]


def test_search_names_leave_out_an_ascii_name_and_stop_at_the_limit():
    alternates = [f"Село{i}" for i in range(10)] + ["Kyiv", "Київ"]
    names = mp.search_names(_record(alternates, name="Kyiv", country="UA"), "Київ")
    assert names == [f"Село{i}" for i in range(mp.MAX_SEARCH_NAMES)]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(("name", "ascii"), [("Wrocław", "Wroclaw"), ("Łódź", "Lodz"), ("Gießen", "Giessen"),
                                              ("Ærøskøbing", "AEroskobing"), ("Kam’yanka", "Kam'yanka")])
def test_ascii_form(name, ascii):
    assert mp.ascii_form(name) == ascii


def _fixture() -> list[dict]:
    return [
        _record(["Вроцлав"], name="Wrocław", geonameid=3081368, admin1code="72", population=672545,
                latitude=51.10286, longitude=17.03006),
        _record(["Київ", "Киев"], name="Kyiv", country="UA", geonameid=703448, admin1code="12",
                latitude=50.45466, longitude=30.5238),
        _record(["Відень"], name="Wien", country="AT", geonameid=2761369, admin1code="99", latitude=48.20849,
                longitude=-0.000001),
        _record([], name="New York", country="US", geonameid=5128581),
    ]


def test_the_writer_gives_the_same_bytes_twice(tmp_path):
    regions = {"PL.72": "Lower Silesia", "UA.12": "Kyiv City"}
    first, second = tmp_path / "a" / "places.csv.gz", tmp_path / "b" / "places.csv.gz"
    mp.write_places(_fixture(), regions, first)
    mp.write_places(list(reversed(_fixture())), regions, second)
    assert first.read_bytes() == second.read_bytes()
    raw = first.read_bytes()
    assert raw[4:8] == b"\0\0\0\0"  # mtime 0
    assert not raw[3] & 0x08  # no file name stored
    text = gzip.decompress(raw).decode("utf-8")
    assert text.splitlines() == [
        ",".join(mp.PLACE_COLUMNS),
        "703448,Kyiv,Київ,Киев,UA,UA.12,50.4547,30.5238,0",
        "2761369,Wien,Відень,,AT,,48.2085,0,0",  # unknown region left empty; -0.0000 written 0
        "3081368,Wrocław,Вроцлав,Wroclaw,PL,PL.72,51.1029,17.0301,672545",
    ]
    assert len(pd.read_csv(io.BytesIO(raw), compression="gzip")) == 3


def test_the_committed_gzip_is_deterministic_in_form():
    raw = (data.DATA_DIR / "places.csv.gz").read_bytes()
    assert raw[:2] == b"\x1f\x8b" and raw[4:8] == b"\0\0\0\0" and not raw[3] & 0x08
