"""Score the place resolver on the gold set: found, correct, false places.

    python benchmarks/gold_places.py [--details] [GOLD.jsonl]

A gold mention is *found* when a predicted mention overlaps its span, *correct* when
that prediction also has the right country and admin-1 and, for points, lies within
25 km of the gold coordinates. A *false place* is a prediction overlapping no gold span.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path

from gazetteer import Gazetteer, find_places

GOLD = Path(__file__).resolve().parent.parent / "tests" / "data" / "gazetteer_gold.jsonl"
MAX_KM = 25.0


def km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def load(path: Path = GOLD) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def is_correct(gold: dict, pred: dict) -> bool:
    if pred["country"] != gold["country"] or (pred["admin1"] or None) != (gold["admin1"] or None):
        return False
    if gold.get("lat") is None or gold["level"] in ("country", "admin1") or gold.get("precision") == 3:
        return True  # regions have no single point to measure against
    return km(gold["lat"], gold["lon"], pred["lat"], pred["lon"]) <= MAX_KM


def score(gazetteer: Gazetteer, records: list[dict]) -> dict:
    totals = Counter()
    misses, wrong, false = [], [], []
    for rec in records:
        # These sets label place names only; countries named by adjective ("Syrian") are not counted.
        predicted = [m.to_dict() for m in find_places(rec["text"], gazetteer) if m.qualifier != "demonym"]
        used = set()
        for gold in rec["places"]:
            totals["gold"] += 1
            match = next((i for i, p in enumerate(predicted)
                          if p["start"] < gold["end"] and gold["start"] < p["end"] and i not in used), None)
            if match is None:
                misses.append((rec["id"], gold["text"], rec["text"]))
                continue
            used.add(match)
            totals["found"] += 1
            if is_correct(gold, predicted[match]):
                totals["correct"] += 1
            else:
                p = predicted[match]
                wrong.append((rec["id"], gold["text"], f"{gold['admin1']} expected, got {p['name']} {p['admin1']}"))
        for i, p in enumerate(predicted):
            if i not in used:
                totals["false"] += 1
                false.append((rec["id"], p["text"], f"{p['name']} {p['country']} {p['admin1']}"))
    return {"totals": totals, "misses": misses, "wrong": wrong, "false": false}


def sweep(ratios=(65, 70, 75, 80, 85, 90, 95, 101)) -> None:
    """How the variant threshold (gazetteer.spans.VARIANT_MIN_RATIO) trades found places for false ones."""
    from gazetteer import spans

    sets = {"gold": load(GOLD), "second": load(GOLD.parent.parent.parent / "benchmarks" / "data" /
                                               "gazetteer_heldout.jsonl")}
    original = spans.VARIANT_MIN_RATIO
    try:
        for ratio in ratios:
            spans.VARIANT_MIN_RATIO = ratio
            cells = []
            for name, records in sets.items():
                t = score(Gazetteer.load(), records)["totals"]
                cells.append(f"{name}: correct {t['correct'] / t['gold']:.1%} false {t['false']}")
            label = "no variants" if ratio > 100 else f"ratio >= {ratio}"
            print(f"{label:>12} | " + " | ".join(cells))
    finally:
        spans.VARIANT_MIN_RATIO = original


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=GOLD)
    parser.add_argument("--details", action="store_true", help="list every miss, wrong place and false place")
    parser.add_argument("--sweep", action="store_true",
                        help="score both gold sets at several fuzzy-match thresholds for spelling variants")
    args = parser.parse_args(argv)
    if args.sweep:
        sweep()
        return
    result = score(Gazetteer.load(), load(args.gold))
    t = result["totals"]
    n = t["gold"] or 1
    print(f"gold mentions {t['gold']}  found {t['found']} ({t['found'] / n:.1%})  "
          f"correct {t['correct']} ({t['correct'] / n:.1%})  false places {t['false']}")
    if args.details:
        for title in ("misses", "wrong", "false"):
            print(f"\n{title}:")
            for row in result[title]:
                print("  ", " | ".join(str(x) for x in row))


if __name__ == "__main__":
    sys.exit(main())
