"""Features imported from open data (air bases, airports, crossings, ports, continents, counties).

Each importer returns :class:`Feature` records; :func:`settle` then drops those the curated tables
already hold (curated rows win), takes away names that belong to a curated feature or to a town,
and :func:`write_features` writes what is left to ``features_built.tsv.gz``, sorted, so that a
rebuild with the same inputs gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from wordfreq import zipf_frequency

from gazetteer.build.common import write_gz
from gazetteer.lexicon import FIRST_NAMES
from gazetteer.normalize import is_arabic, name_key

# Kinds that stand for the same sort of thing when deciding whether two records are one feature.
FAMILY = {"base": "air", "airport": "air", "crossing": "crossing", "port": "port", "station": "station",
          "continent": "continent", "county": "county"}
SAME_PLACE_KM = 3.0  # two records of one family this close are one feature
RIVAL_KM = 25.0  # a derived name two records share stays with the first only if the other is this close
COMMON_ZIPF = 3.9  # a bare alias must not be a common English word ("Kurdish"); the resolver's own level


@dataclass
class Feature:
    """One imported feature before it is written: names are surface forms, keys come at writing."""

    source_id: str
    name: str
    lat: float
    lon: float
    country: str
    fcode: str
    source: str
    names: set[str] = field(default_factory=set)  # the record's own names: always kept
    derived: set[str] = field(default_factory=set)  # names made from them ("X airbase"): kept when unique
    admin1: str = ""
    geonameid: int | None = None
    population: int = 0
    rank: float = 0.0  # importance, to decide which of two records keeps a shared derived name
    gn_admin1: str = ""  # (for assign_admin1: no GeoNames hint)

    def keys(self) -> set[str]:
        return {k for k in map(name_key, self.names | self.derived | {self.name}) if len(k) > 1 and not generic(k)}


# Words that name a kind of feature, not a feature: "Al Al Airport" must not become the key "airport".
GENERIC_WORDS = frozenset("air base airbase airport airfield field military international regional municipal army "
                          "force afb crossing border port seaport station railway train terminal oil gas camp new "
                          "old north south east west northeast northwest southeast southwest".split())


def generic(key: str) -> bool:
    """Is this key made only of words for kinds and directions?

    >>> generic("airport"), generic("west air base"), generic("tanf crossing")
    (True, True, False)
    """
    return all(word in GENERIC_WORDS for word in key.split())


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(a))


def usable_bare_name(name: str, taken: set[str]) -> bool:
    """May ``name`` stand alone for a feature? Not when a town, a region or a person has it, nor a word.

    >>> usable_bare_name("Peshkhabour", set())
    True
    >>> usable_bare_name("Border", set()), usable_bare_name("Waleed", set()), usable_bare_name("Kobani", {"kobani"})
    (False, False, False)
    """
    key = name_key(name)
    if len(key) < 4 or key in taken or key in FIRST_NAMES:
        return False
    return is_arabic(name) or zipf_frequency(name, "en") < COMMON_ZIPF


@dataclass
class Curated:
    """A row of the hand-kept feature tables, as far as deduplication needs it."""

    name: str
    lat: float
    lon: float
    country: str
    fcode: str
    keys: set[str]


def read_curated(paths: list[Path]) -> list[Curated]:
    out = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for r in csv.DictReader(f):
                keys = {name_key(n) for n in [r["name"], *r["aliases"].split("|")] if n}
                out.append(Curated(r["name"], float(r["lat"]), float(r["lon"]), r["country"], r["kind"], keys))
    return out


def settle(features: list[Feature], curated: list[Curated], taken: set[str]) -> tuple[list[Feature], dict]:
    """Deduplicate imported features against the curated ones and each other; keep names unambiguous.

    ``taken`` holds the keys of towns, governorates and countries: a bare derived name that one of
    them already has is dropped (the town keeps it). Returns the features kept and counts of what
    was dropped, for the build's report.
    """
    dropped = defaultdict(int)
    kept: list[Feature] = []
    for feat in sorted(features, key=lambda f: (-f.rank, f.source_id)):
        fam = FAMILY.get(feat.fcode, feat.fcode)
        own = {name_key(feat.name)}
        if any(c.country == feat.country and FAMILY.get(c.fcode, c.fcode) == fam and (
                km(c.lat, c.lon, feat.lat, feat.lon) < SAME_PLACE_KM or own & c.keys) for c in curated):
            dropped["same as a curated feature"] += 1
            continue
        if any(k.country == feat.country and FAMILY.get(k.fcode, k.fcode) == fam
               and km(k.lat, k.lon, feat.lat, feat.lon) < SAME_PLACE_KM for k in kept):
            dropped["same as another imported record"] += 1
            continue
        kept.append(feat)
    owned = {key for c in curated for key in c.keys}
    claims: dict[str, list[Feature]] = defaultdict(list)
    for feat in kept:
        for name in feat.derived:
            claims[name_key(name)].append(feat)
    for feat in kept:
        names = set()
        for name in feat.names | feat.derived:
            key = name_key(name)
            if key in owned:
                dropped["names a curated feature has"] += 1
                continue
            if name in feat.derived and name not in feat.names:
                rivals = claims[key]
                if (" " not in key and not usable_bare_name(name, taken)) or key in taken or (
                        rivals[0] is not feat or any(km(r.lat, r.lon, feat.lat, feat.lon) > RIVAL_KM for r in rivals)):
                    dropped["ambiguous derived names"] += 1
                    continue
            names.add(name)
        feat.names, feat.derived = names, set()
    return [f for f in kept if f.keys()], dict(dropped)


def write_features(features: list[Feature], out: Path) -> None:
    buf = io.StringIO()
    buf.write("source_id\tname\tlat\tlon\tcountry\tadmin1\tfcode\tgeonameid\tpopulation\tsource\tkeys\n")
    for f in sorted(features, key=lambda f: (f.country, f.fcode, f.source_id)):
        cells = [f.source_id, f.name, f"{f.lat:.5f}", f"{f.lon:.5f}", f.country, f.admin1, f.fcode,
                 str(f.geonameid or ""), str(f.population), f.source, "|".join(sorted(f.keys()))]
        buf.write("\t".join(re.sub(r"[\t\n]", " ", c) for c in cells) + "\n")
    write_gz(out, buf.getvalue())
