"""The data files match their schema, and the validator catches what a hand edit can break."""

from __future__ import annotations

import pandas as pd
import pytest

from exercises import data


def test_every_resource_loads_and_every_row_has_a_source():
    for res in data.package()["resources"]:
        frame = data.load(res["name"])
        assert len(frame) > 0
        if "url" in frame:  # tables compiled by the course cite a source in every row
            assert frame["url"].str.match(r"https?://").all(), res["name"]
        else:  # tables taken whole from one source say so once
            assert res.get("sources"), res["name"]
        assert res.get("licenses") or data.package().get("licenses")


def test_load_returns_a_copy():
    frame = data.load("partnership_figures")
    frame.loc[0, "value"] = -1
    assert data.load("partnership_figures").loc[0, "value"] != -1


def _schema():
    return data.resource("partnership_figures")["schema"]


def _good() -> pd.DataFrame:
    return pd.read_csv(data.DATA_DIR / "partnership_figures.csv", dtype=str, keep_default_na=False)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda f: f.drop(columns=["note"]), "columns are"),
        (lambda f: f.assign(value=["many"] + list(f["value"][1:])), "row 2: value should be number"),
        (lambda f: f.assign(year=["2023.5"] + list(f["year"][1:])), "row 2: year should be integer"),
        (lambda f: f.assign(qualifier=["roughly"] + list(f["qualifier"][1:])), "not one of"),
        (lambda f: f.assign(source=[""] + list(f["source"][1:])), "row 2: source is required"),
        (lambda f: f.assign(value=["-3"] + list(f["value"][1:])), "below 0"),
        (lambda f: f.assign(id=[f["id"][1]] + list(f["id"][1:])), "duplicate"),
    ],
)
def test_validator_names_file_row_and_column(change, message):
    with pytest.raises(data.DataError, match=message):
        data.validate(change(_good()), _schema(), "data/partnership_figures.csv")


def test_unknown_resource():
    with pytest.raises(data.DataError, match="no resource"):
        data.resource("nothing")
