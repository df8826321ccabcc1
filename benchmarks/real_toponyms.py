"""Toponyms in real world news (TR-News): found, and placed within 161 km.

    python benchmarks/real_toponyms.py [--details FILE]

Every toponym of 118 articles is labelled with its span and its GeoNames point. The resolver reads each
article as ``geomap places`` does. A gold toponym is *found* when a predicted mention overlaps its span
(one prediction for one gold toponym at most). A found toponym is *placed right* when the predicted point
is within 161 km of the gold point (100 miles, the usual geoparsing threshold); for countries and
first-level regions, when the gold point lies inside the resolved country or admin-1 polygon; for
continents and named regions, when the names agree. Predictions overlapping no gold span are counted as
*extra* (the corpus labels demonyms such as "Syrian" as toponyms, and some places were not labelled).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from realtext import TRNEWS, details_file, km, require, trnews  # noqa: E402

from gazetteer import Gazetteer, find_places  # noqa: E402
from gazetteer.index import DATA_DIR  # noqa: E402
from gazetteer.normalize import name_key  # noqa: E402
from geomap.boundaries import codes_at  # noqa: E402

MAX_KM = 161.0
REGION_CODES = ("PCLI", "PCL", "PCLD", "PCLF", "PCLS", "PCLIX", "TERR", "ADM1", "ADM1H")


def country_isos() -> dict[str, str]:
    with open(DATA_DIR / "countries.tsv", encoding="utf-8") as f:
        return {r["geonameid"]: r["iso"] for r in csv.DictReader(f, delimiter="\t")}


def placed_right(gold, place, gold_admin1: str | None, isos: dict[str, str]) -> bool:
    if gold.lat is None:
        return False
    if gold.fcode in ("CONT", "RGN", "RGNE", "AREA"):
        return name_key(place.name) == name_key(gold.name) or km(place.lat, place.lon, gold.lat, gold.lon) <= MAX_KM
    if place.level == "country" or gold.fcode.startswith("PCL"):
        gold_country = isos.get(gold.country_geonameid or "") or (gold_admin1 or "")[:2]
        return place.level == "country" and place.country == gold_country
    if place.level == "admin1":
        return bool(gold_admin1) and place.admin1 == gold_admin1
    return km(place.lat, place.lon, gold.lat, gold.lon) <= MAX_KM


def score(gazetteer: Gazetteer, articles, details=None) -> Counter:
    totals = Counter()
    isos = country_isos()
    golds = [t for a in articles for t in a.toponyms if t.lat is not None]
    admin1_of = dict(zip(map(id, golds), codes_at(np.array([t.lon for t in golds]), np.array([t.lat for t in golds]))))
    for art in articles:
        predicted = find_places(art.text, gazetteer)
        used = set()
        for gold in art.toponyms:
            totals["gold"] += 1
            k = next((i for i, m in enumerate(predicted)
                      if i not in used and m.start < gold.end and gold.start < m.end), None)
            ok = False
            if k is not None:
                used.add(k)
                totals["found"] += 1
                ok = placed_right(gold, predicted[k].place, admin1_of.get(id(gold)), isos)
                totals["right"] += ok
            if details is not None:
                p = predicted[k].place if k is not None else None
                details.write(json.dumps({"doc": art.id, "phrase": gold.phrase, "gold": [gold.name, gold.fcode,
                                          gold.lat, gold.lon], "found": k is not None, "right": ok,
                                          "predicted": p and [p.name, p.level, p.country, p.admin1, p.lat, p.lon],
                                          "context": art.text[max(0, gold.start - 60) : gold.end + 60]},
                                         ensure_ascii=False) + "\n")
        extra = [m for i, m in enumerate(predicted) if i not in used]
        totals["extra"] += len(extra)
        totals["predicted"] += len(predicted)
        if details is not None:
            for m in extra:
                details.write(json.dumps({"doc": art.id, "extra": m.text, "predicted": [m.place.name, m.place.level,
                                          m.place.country], "context": art.text[max(0, m.start - 60) : m.end + 60]},
                                         ensure_ascii=False) + "\n")
    return totals


def report(totals: Counter) -> None:
    gold, found = totals["gold"], totals["found"]
    print(f"TR-News toponyms: {gold} labelled in 118 articles, {totals['predicted']} predicted")
    print(f"  found                 {found / max(gold, 1):6.1%}  ({found}/{gold})")
    print(f"  of those within 161km {totals['right'] / max(found, 1):6.1%}  ({totals['right']}/{found})")
    print(f"  extra predictions     {totals['extra']} (overlapping no labelled toponym)")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--details", type=Path, help="write one JSON line per gold toponym and per extra")
    args = parser.parse_args(argv)
    require(TRNEWS)
    gazetteer = Gazetteer.load()
    with details_file(args.details) as details:
        totals = score(gazetteer, trnews(), details)
    report(totals)
    return 0


if __name__ == "__main__":
    sys.exit(main())
