"""Key facts appear exactly as the sources give them in the built pages, so a later edit cannot
silently change a law number, a date or a day count. Each fact is written here from
../shared/domain/FACTS.md (the course's fact base), with the page that must state it."""

from __future__ import annotations

import html
import re

import pytest

pytestmark = pytest.mark.book

KEY_FACTS = {
    "book/module1-why-partnership": [
        "16 December 2022",  # the Guidelines presented online (FACTS §0.2)
        "356 hromadas", "almost 1,500", "62 countries",  # monitoring Q2 2023 (FACTS Module 1)
        "2010", "2012", "2015",  # the three CoE toolkits
        "1508-VII",  # domestic cooperation law
    ],
    "book/module4-partner-selection": [
        "15 March 2023",  # Kyiv–Wrocław agreement (FACTS §0.5, C2)
        "150,000", "80,000",  # refugees and children Wrocław received (C2)
    ],
    "book/module6-budgeting": [
        "8,455", "50,745",  # CERV Town-Twinning lump sum range, EUR (C10)
        "90 %",  # SKEW and Interreg NEXT Poland–Ukraine co-financing (C12, C13)
        "5,000",  # SKEW transport subsidy cap, EUR (C12)
        "UAH 300", "UAH 900",  # Res. 98 domestic per diem and accommodation cap since 2022 (B2.4)
        "98-2011-п",  # where to check Annex 1
    ],
    "book/module7-assistance": [
        "1192-XIV", "5073-VI",  # the laws on humanitarian and charitable aid
        "05.09.2023",  # CMU Res. No. 953 (C8)
        "1 December 2023", "1 April 2024",  # online declarations; paper until (C8)
        "90 calendar days",  # the report period (C9)
        "Article 201-2", "2155-IX",  # criminal liability for misusing aid
    ],
    "book/module8-reporting": [
        "90 calendar days",
    ],
}


def _text(path) -> str:
    raw = path.read_text(encoding="utf-8")
    raw = re.sub(r"<script.*?</script>|<style.*?</style>", " ", raw, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", raw))
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " "))


@pytest.mark.parametrize(("page", "fact"), [(p, f) for p, facts in KEY_FACTS.items() for f in facts])
def test_key_fact_is_on_its_page(built_book, page, fact):
    assert fact in _text(built_book / f"{page}.html"), f"{fact!r} is missing from {page}"


def test_no_page_states_an_invented_per_diem_for_poland_or_germany(built_book):
    # the sources do not give them (FACTS-2 §5): a page must not print a USD figure for them
    for page in built_book.glob("book/*.html"):
        text = _text(page)
        assert not re.search(r"(Poland|Germany)[^.]{0,40}USD \d", text), page.name
