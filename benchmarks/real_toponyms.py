"""Toponyms in real world news (TR-News): found, and placed within 161 km.

    python benchmarks/real_toponyms.py [--details FILE] [--cross-validate K]

Every toponym of 118 articles is labelled with its span and its GeoNames point. The resolver reads each
article as ``geomap places`` does. A gold toponym is *found* when a predicted mention overlaps its span
(one prediction for one gold toponym at most). A found toponym is *placed right* when the predicted point
is within 161 km of the gold point (100 miles, the usual geoparsing threshold); for countries and
first-level regions, when the gold point lies inside the resolved country or admin-1 polygon; for
continents and named regions, when the names agree. Predictions overlapping no gold span are counted as
*extra* (the corpus labels demonyms such as "Syrian" as toponyms, and some places were not labelled).

The shipped candidate ranker was fitted on these articles among others; ``--cross-validate K`` scores each
article with a ranker fitted without the articles of its fold (``training/train_candidates.py``).
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


def cross_validated(gazetteer: Gazetteer, articles, folds: int, details=None) -> Counter:
    """:func:`score` with each fold's articles resolved by a ranker fitted without them."""
    import zlib

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "training"))
    from train_candidates import _groups, fit

    from gazetteer.ranking import MODEL_PATH, default_ranker, use_ranker

    def fold_of(doc: str) -> int:
        return zlib.crc32(doc.encode()) % folds

    groups = _groups(gazetteer)
    c = float(json.loads(MODEL_PATH.read_text(encoding="utf-8")).get("C", 1.0))
    totals = Counter()
    for fold in range(folds):
        train = [g for g in groups if not (g[0].startswith("trnews:") and fold_of(g[0][7:]) == fold)]
        with use_ranker(fit(train, c) if train else default_ranker()):
            totals += score(gazetteer, [a for a in articles if fold_of(a.id) == fold], details)
    return totals


def report(totals: Counter, label: str = "") -> None:
    gold, found = totals["gold"], totals["found"]
    print(f"TR-News toponyms{label}: {gold} labelled in 118 articles, {totals['predicted']} predicted")
    print(f"  found                 {found / max(gold, 1):6.1%}  ({found}/{gold})")
    print(f"  of those within 161km {totals['right'] / max(found, 1):6.1%}  ({totals['right']}/{found})")
    print(f"  extra predictions     {totals['extra']} (overlapping no labelled toponym)")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--details", type=Path, help="write one JSON line per gold toponym and per extra")
    parser.add_argument("--cross-validate", type=int, default=0, metavar="K",
                        help="resolve each article with a ranker fitted without its fold (needs the [train] extra)")
    args = parser.parse_args(argv)
    require(TRNEWS)
    gazetteer = Gazetteer.load()
    with details_file(args.details) as details:
        if args.cross_validate:
            totals = cross_validated(gazetteer, trnews(), args.cross_validate, details)
        else:
            totals = score(gazetteer, trnews(), details)
    report(totals, f", {args.cross_validate}-fold cross-validated" if args.cross_validate else "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
