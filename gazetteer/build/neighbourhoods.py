"""Curated neighbourhoods and districts of the cities news from Iraq and Syria names most.

``gazetteer/data/neighbourhoods.csv`` holds them with a source on every row. They become places
(fcode ``neighbourhood``: part of their city, ACLED precision 2, the city's governorate), not
features: a name such as "Khalidiya" is a Homs neighbourhood and an Anbar town, and only the text
around it can tell which, so a neighbourhood must not outrank a town by its kind alone.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from gazetteer.build.features import km
from gazetteer.normalize import name_key

MERGE_KM = 3.0  # a Who's On First or GeoNames neighbourhood this close with a shared name is the same one
CITY_KM = 25.0  # a neighbourhood lies within this distance of its city's point (Baghdad is 25 km across)


def read_neighbourhoods(path: Path, row_type) -> list:
    """Rows (of the build's ``Row`` type) for the curated neighbourhoods."""
    out = []
    with open(path, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            names = {r["name"], *(a for a in r["aliases"].split("|") if a)}
            slug = re.sub(r"[^a-z0-9]+", "-", name_key(f"{r['city']} {r['name']}")).strip("-")
            row = row_type(source_id=f"curated:{r['country'].lower()}:{slug}", geonameid=None, name=r["name"],
                           lat=float(r["lat"]), lon=float(r["lon"]), country=r["country"], fcode="neighbourhood",
                           alt_count=len(names) - 1, names=names)
            row.declared_admin1 = r["admin1"]  # kept over the polygon's answer (see restore_admin1)
            row.city = r["city"]
            out.append(row)
    return out


def merge_neighbourhoods(rows: list, curated: list) -> tuple[list, int]:
    """Add the curated neighbourhoods; an existing neighbourhood row that is the same place is folded in.

    The curated row keeps its name, point and governorate and takes the other row's names and
    GeoNames id. Returns the new list of rows and how many rows were folded in.
    """
    by_key: dict[tuple[str, str], list] = {}
    for r in rows:
        if r.fcode == "PPLX":
            for name in r.names | {r.name}:
                by_key.setdefault((r.country, name_key(name)), []).append(r)
    gone = set()
    for c in curated:
        for name in list(c.names):
            for other in by_key.get((c.country, name_key(name)), []):
                if id(other) not in gone and km(c.lat, c.lon, other.lat, other.lon) < MERGE_KM:
                    gone.add(id(other))
                    c.names |= other.names | {other.name}
                    c.geonameid = c.geonameid or other.geonameid
    return [r for r in rows if id(r) not in gone] + curated, len(gone)


def restore_admin1(curated: list) -> None:
    """The curated governorate wins over the simplified polygons (Damascus city's edge, Mosul's east bank)."""
    for c in curated:
        c.admin1 = c.declared_admin1


def check_cities(curated: list, rows: list) -> None:
    """Every neighbourhood lies near its city, in the city's governorate: a typo in a point fails the build."""
    cities: dict[tuple[str, str], object] = {}
    for r in rows:
        if r.fcode.startswith("PPL") and r.fcode != "PPLX":
            for name in r.names | {r.name}:
                key = (r.country, name_key(name))
                if key not in cities or r.population > cities[key].population:
                    cities[key] = r
    problems = []
    for c in curated:
        city = cities.get((c.country, name_key(c.city)))
        if city is None:
            problems.append(f"{c.name}: city {c.city!r} not found")
        elif km(c.lat, c.lon, city.lat, city.lon) > CITY_KM:
            problems.append(f"{c.name}: {km(c.lat, c.lon, city.lat, city.lon):.0f} km from {c.city}")
        elif city.admin1 and city.admin1 != c.declared_admin1:
            problems.append(f"{c.name}: admin1 {c.declared_admin1}, but {c.city} is in {city.admin1}")
    if problems:
        raise SystemExit("neighbourhoods.csv: " + "; ".join(problems))
