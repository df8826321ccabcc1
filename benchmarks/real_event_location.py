"""Event location on real wire-news sentences (Halterman's event-location corpus).

    python benchmarks/real_event_location.py [--region iqsy|all] [--details FILE]

Each sentence has one labelled event and the span(s) of the place(s) where that event happened; other
places in the sentence are not its location. Every sentence is run through the extractor on its own, as
``geomap extract`` would read it. A gold location's point is where the resolver reads that span in its
sentence (the bare name when the resolver skips it there). An incident is placed right when its point is
within 25 km of a gold location of its sentence, or it is placed at governorate (or country) precision in
the gold location's governorate (or country). Strict: one incident matches at most one gold location, so a
second copy of one event is a wrong incident.

  placed right        incidents placed right / incidents made from sentences with a labelled location
  locations found     gold locations matched by an incident / gold locations
  sentences covered   sentences with a labelled location that gave at least one right incident

``--region iqsy`` (the default) keeps the sentences whose labelled location lies in Iraq or Syria.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from realtext import HALTERMAN, details_file, km, require  # noqa: E402

from gazetteer import Gazetteer, find_places, geocode  # noqa: E402
from geomap.extract import extract_incidents  # noqa: E402
from geomap.models import Document  # noqa: E402

MAX_KM = 25.0
DEFAULT_REFERENCE = dt.date(2016, 6, 15)


def reference_of(sentence_id: str) -> dt.date:
    """Wire ids carry the story's date ("APW_ENG_20031101.0130"); other sentences get a fixed date."""
    m = re.search(r"_((?:19|20)\d{6})\.", sentence_id)
    if m:
        try:
            return dt.datetime.strptime(m.group(1), "%Y%m%d").date()
        except ValueError:
            pass
    return DEFAULT_REFERENCE


def gold_places(sentence, gazetteer: Gazetteer) -> list:
    """Where each labelled location span resolves (None when it does not resolve at all)."""
    mentions = find_places(sentence.text, gazetteer)
    out = []
    for start, end, text in sentence.locations:
        hit = next((m.place for m in mentions if m.start < end and start < m.end), None)
        if hit is None:
            hit = geocode(text, gazetteer)
        out.append(hit)
    return out


def placed_right(incident, gold) -> bool:
    if gold is None:
        return False
    if km(incident.latitude, incident.longitude, gold.lat, gold.lon) <= MAX_KM:
        return True
    if incident.geo_precision == 3:
        if incident.admin1 and incident.admin1 == gold.admin1:
            return True
        if not incident.admin1 and gold.level == "country" and incident.country == gold.country:
            return True
    return False


def match(incidents, golds) -> list[tuple[int, int]]:
    """Pairs (incident, gold): each incident and each gold location used once."""
    pairs, used = [], set()
    for i, incident in enumerate(incidents):
        for g, gold in enumerate(golds):
            if g not in used and placed_right(incident, gold):
                pairs.append((i, g))
                used.add(g)
                break
    return pairs


def score(gazetteer: Gazetteer, sentences, region: str, details=None) -> Counter:
    totals = Counter()
    for s in sentences:
        if not s.locations:
            continue
        golds = gold_places(s, gazetteer)
        if region == "iqsy" and not any(g is not None and g.country in ("IQ", "SY") for g in golds):
            continue
        doc = Document(f"halterman/{s.id}", s.text, s.id)
        incidents = extract_incidents([doc], gazetteer, reference_of(s.id)).incidents
        pairs = match(incidents, golds)
        totals["sentences"] += 1
        totals["gold"] += len(golds)
        totals["gold_unresolved"] += sum(g is None for g in golds)
        totals["incidents"] += len(incidents)
        totals["right"] += len(pairs)
        totals["covered"] += bool(pairs)
        totals["with_incident"] += bool(incidents)
        if details is not None:
            details.write(json.dumps({
                "id": s.id, "source": s.source, "text": s.text, "verb": s.verb and s.verb[2],
                "gold": [{"text": t, "place": g and [g.name, g.country, g.admin1, round(g.lat, 3), round(g.lon, 3)]}
                         for (_, _, t), g in zip(s.locations, golds)],
                "predicted": [{"location": i.location, "admin1": i.admin1, "precision": i.geo_precision,
                               "type": i.event_type, "date": i.event_date.isoformat(), "notes_place":
                               i.notes[i.place_start:i.place_end] if i.place_start is not None else None}
                              for i in incidents],
                "right": len(pairs)}, ensure_ascii=False) + "\n")
    return totals


def cross_validated(gazetteer: Gazetteer, sentences, region: str, folds: int, details=None) -> Counter:
    """:func:`score` with each fold's sentences placed by a model fitted without them."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "training"))
    from train_event_location import examples, fit, fold_of

    from geomap.locations import LocationModel, default_model, use_model

    rows, _ = examples(gazetteer)
    shipped = default_model()
    totals = Counter()
    for fold in range(folds):
        weights, bias = fit([r for r in rows if fold_of(r[0], folds) != fold], shipped_c())
        model = LocationModel(weights, bias, shipped.threshold, shipped.list_threshold)
        with use_model(model):
            totals += score(gazetteer, [s for s in sentences if fold_of(s.id, folds) == fold], region, details)
    return totals


def shipped_c() -> float:
    from geomap.locations import MODEL_PATH

    return float(json.loads(MODEL_PATH.read_text(encoding="utf-8")).get("C", 1.0))


def report(totals: Counter, label: str) -> None:
    n, gold, inc = totals["sentences"], totals["gold"], totals["incidents"]
    print(f"{label}: {n} sentences with a labelled event location, {gold} gold locations "
          f"({totals['gold_unresolved']} not resolvable), {inc} incidents")
    print(f"  placed right       {totals['right'] / max(inc, 1):6.1%}  ({totals['right']}/{inc})")
    print(f"  locations found    {totals['right'] / max(gold, 1):6.1%}  ({totals['right']}/{gold})")
    print(f"  sentences covered  {totals['covered'] / max(n, 1):6.1%}  ({totals['covered']}/{n}); "
          f"with any incident {totals['with_incident'] / max(n, 1):.1%}")
    print(f"  incidents per sentence {inc / max(n, 1):.2f}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--region", choices=("iqsy", "all"), default="iqsy")
    parser.add_argument("--details", type=Path, help="write one JSON line per scored sentence")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N sentences")
    parser.add_argument("--cross-validate", type=int, default=0, metavar="K",
                        help="score each of K folds with a location model fitted on the other folds (the shipped "
                             "model was fitted on these sentences: this is the honest figure)")
    args = parser.parse_args(argv)
    require(HALTERMAN)
    from realtext import halterman

    sentences = halterman()
    if args.limit:
        sentences = sentences[: args.limit]
    gazetteer = Gazetteer.load()
    with details_file(args.details) as details:
        if args.cross_validate:
            totals = cross_validated(gazetteer, sentences, args.region, args.cross_validate, details)
        else:
            totals = score(gazetteer, sentences, args.region, details)
    label = "Halterman event locations" + (" (Iraq and Syria)" if args.region == "iqsy" else " (all)")
    report(totals, label + (f", {args.cross_validate}-fold cross-validated" if args.cross_validate else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
