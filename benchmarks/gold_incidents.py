"""Score incident extraction on the annotated gold sets (seed pages and sample reports).

    python benchmarks/gold_incidents.py [--details] [--set seeds|examples|all]

A predicted incident matches a gold incident when one of the sentences it came from
contains the gold anchor (or the anchor of a repeat of the same incident); where one
sentence holds several gold incidents, the governorate must match too. Then:
  recall     gold incidents found / gold incidents
  precision  predictions matching a gold incident / predictions
  location   right admin-1 (and country) among found incidents
  date       same day (within 7 days for week precision, 31 for month) among found incidents with a known date
  type       same ACLED event type among found incidents
  non-events sentences annotated as not incidents that still produced one
Seed pages are read with --reference-date 2021-11-01, as `make map-seeds` does. Gold dates that the
annotators could only infer from outside knowledge (seed 002 gives no dates at all) are not scored.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from gazetteer import Gazetteer
from geomap.extract import extract_incidents
from geomap.models import Document

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "tests" / "data" / "extract_gold"
SHARED = ROOT.parent / "shared"
SEED_REFERENCE = dt.date(2021, 11, 1)


def _path(source: str) -> Path:
    return SHARED / source if source.startswith("seeds/") else ROOT / source


def load(name: str) -> list[dict]:
    """A gold set by name ("seeds", "examples") or by path."""
    path = Path(name) if name.endswith(".jsonl") else GOLD_DIR / f"{name}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def score(gazetteer: Gazetteer, lines: list[dict]) -> dict:
    by_source: dict[str, list[dict]] = defaultdict(list)
    for line in lines:
        by_source[line["source"]].append(line)
    totals = Counter()
    details = defaultdict(list)
    for source, gold in sorted(by_source.items()):
        path = _path(source)
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        reference = SEED_REFERENCE if source.startswith("seeds/") else None
        result = extract_incidents([Document(str(path), text)], gazetteer, reference)
        predictions = []
        for incident in result.incidents:
            spans = []
            for src in incident.sources:
                start, end = (int(x) for x in src.rsplit(":", 1)[1].split("-"))
                spans.append(_squash(text[start:end]))
            predictions.append((incident, spans))
        incidents = [g for g in gold if not g.get("non_event") and "duplicate_of" not in g]
        repeats = defaultdict(list)
        for g in gold:
            if "duplicate_of" in g:
                repeats[g["duplicate_of"]].append(_squash(g["anchor"]))
        matched_predictions = set()
        for g in incidents:
            totals["gold"] += 1
            anchors = [_squash(g["anchor"]), *repeats[g["anchor"]]]
            hits = [k for k, (p, spans) in enumerate(predictions) if any(a in s for a in anchors for s in spans)]
            same_sentence = sum(1 for other in incidents if other is not g and _squash(other["anchor"]) in anchors)
            if len(hits) > 1 or same_sentence:
                hits = [k for k in hits if predictions[k][0].admin1 == g["admin1"]] or hits[:1]
            if not hits:
                details["missed"].append(f"{source}: {g['anchor']}")
                continue
            k = hits[0]
            matched_predictions.update(hits)
            p = predictions[k][0]
            totals["found"] += 1
            if p.country == g["country"] and (p.admin1 or None) == (g["admin1"] or None):
                totals["location"] += 1
            else:
                details["location"].append(f"{g['anchor'][:50]}: {g['admin1']} {g['location']} / got {p.admin1} "
                                           f"{p.location}")
            if g.get("event_date") and not g.get("date_basis", "").startswith(("inferred", "unknown")):
                totals["dated"] += 1
                slack = {1: 0, 2: 7, 3: 31}.get(g.get("time_precision", 1), 0)
                if abs((p.event_date - dt.date.fromisoformat(g["event_date"])).days) <= slack:
                    totals["date"] += 1
                else:
                    details["date"].append(f"{g['anchor'][:50]}: {g['event_date']} / got {p.event_date}")
            if p.event_type == g["event_type"]:
                totals["type"] += 1
            else:
                details["type"].append(f"{g['anchor'][:50]}: {g['event_type']} / got {p.event_type}")
            if g.get("actor1"):
                totals["with_actor"] += 1
                if _same_actor(p.actor1, g["actor1"]) or _same_actor(p.actor2, g["actor1"]):
                    totals["actor"] += 1
                else:
                    details["actor"].append(f"{g['anchor'][:50]}: {g['actor1']} / got {p.actor1} | {p.actor2}")
            if p.fatalities == g.get("fatalities", 0):
                totals["fatalities"] += 1
            else:
                details["fatalities"].append(f"{g['anchor'][:50]}: {g.get('fatalities')} / got {p.fatalities}")
        non_events = [_squash(g["anchor"]) for g in gold if g.get("non_event")]
        all_anchors = [_squash(g["anchor"]) for g in gold if not g.get("non_event")]
        for k, (p, spans) in enumerate(predictions):
            totals["predicted"] += 1
            if k in matched_predictions or any(a in s for a in all_anchors for s in spans):
                totals["true_predictions"] += 1
            elif any(a in s for a in non_events for s in spans):
                totals["non_event_accepted"] += 1
                details["non-events taken as incidents"].append(f"{source}: {p.notes[:90]}")
            else:
                details["not in gold"].append(f"{source}: {p.notes[:90]}")
        totals["non_events"] += len(non_events)
    return {"totals": totals, "details": details}


def _same_actor(predicted: str, gold: str) -> bool:
    """Names agree when one contains the other, brackets, hyphens and case aside ("Islamic State (IS)" ~ "Islamic
    State", "Hayat Tahrir al Sham" ~ "Hayat Tahrir al-Sham (HTS)")."""
    def norm(name: str) -> str:
        return re.sub(r"[\s-]+", " ", re.sub(r"\(.*?\)", "", name.lower())).strip()

    a, b = norm(predicted), norm(gold)
    return bool(a) and bool(b) and (a in b or b in a)


def summary(totals: Counter) -> dict[str, float]:
    found = totals["found"] or 1
    return {
        "recall": totals["found"] / (totals["gold"] or 1),
        "precision": totals["true_predictions"] / (totals["predicted"] or 1),
        "location": totals["location"] / found,
        "date": totals["date"] / (totals["dated"] or 1),
        "type": totals["type"] / found,
        "fatalities": totals["fatalities"] / found,
        "actor": totals["actor"] / (totals["with_actor"] or 1),
        "non_events_rejected": 1 - totals["non_event_accepted"] / (totals["non_events"] or 1),
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="all",
                        help="seeds, examples, all, or the path of another gold file (.jsonl)")
    parser.add_argument("--details", action="store_true")
    args = parser.parse_args(argv)
    names = ["seeds", "examples"] if args.set == "all" else [args.set]
    if args.set == "blind":
        names = ["benchmarks/data/blind_reports_gold.jsonl"]
    gazetteer = Gazetteer.load()
    for name in names:
        if name == "seeds" and not (SHARED / "seeds").is_dir():
            print(f"{name}: skipped ({SHARED / 'seeds'} not found)")
            continue
        result = score(gazetteer, load(name))
        t = result["totals"]
        s = summary(t)
        print(f"{name}: gold incidents {t['gold']}, found {t['found']} (recall {s['recall']:.0%}), "
              f"predictions {t['predicted']} (precision {s['precision']:.0%}); among found: location "
              f"{s['location']:.0%}, date {s['date']:.0%}, type {s['type']:.0%}, fatalities {s['fatalities']:.0%}, "
              f"actor {s['actor']:.0%}; "
              f"non-events rejected {s['non_events_rejected']:.0%} of {t['non_events']}")
        if args.details:
            for title, rows in result["details"].items():
                print(f"  {title}:")
                for row in rows:
                    print("    ", row)


if __name__ == "__main__":
    sys.exit(main())
