"""Fit the event-location model (``geomap/data/event_location.json``) on labelled wire sentences.

    python training/train_event_location.py [--folds 5] [--check]

Training data: Halterman's event-location corpus (``../shared/data/realtext/halterman``, MIT): sentences
with one labelled event and the span(s) of the place(s) where it happened. Every place the resolver finds
in a sentence is one example: positive when it overlaps a labelled location span, negative otherwise.
Sentences without a usable labelled span are left out: many of them do name the event's place, unlabelled.
The event's trigger is the one the extractor finds (the labelled verb when it finds none), as at run time.

A logistic regression (scikit-learn) weighs the features of :func:`geomap.locations.features`. Its
regularisation and the two decision thresholds are chosen by cross-validation grouped by sentence, on the
measures the benchmark reports: the share of chosen places that are labelled locations (precision) and the
share of labelled locations chosen (recall); the setting with the best F1 of the two is kept. The
printed figures are the cross-validated ones; the shipped model is then fitted on every sentence.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import zlib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from realtext import HALTERMAN, halterman, require  # noqa: E402

from gazetteer import Gazetteer, find_places  # noqa: E402
from geomap.events import classify  # noqa: E402
from geomap.extract import can_be_event_place  # noqa: E402
from geomap.locations import MODEL_PATH, LocationModel, choose_locations, features  # noqa: E402


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / max(precision + recall, 1e-9)


def examples(gazetteer: Gazetteer):
    """(sentence id, features, label) for every place found in every usable sentence, and the sentences."""
    rows, sentences = [], []
    for s in halterman():
        if s.verb is None or not s.locations:
            continue  # sentences with no labelled location are often unlabelled, not place-less: left out
        mentions = [m for m in find_places(s.text, gazetteer) if can_be_event_place(m)]  # as at run time
        if not mentions:
            continue
        event = classify(s.text)
        trigger = (event.start, event.end) if event else (s.verb[0], s.verb[1])
        labels = [any(m.start < end and start < m.end for start, end, _ in s.locations) for m in mentions]
        sentences.append((s, mentions, trigger, labels))
        for k in range(len(mentions)):
            rows.append((s.id, features(s.text, mentions, k, trigger), labels[k]))
    return rows, sentences


def fold_of(sentence_id: str, folds: int) -> int:
    """A sentence's fold, the same in every run."""
    return zlib.crc32(sentence_id.encode()) % folds


def fit(rows, c: float):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer(sparse=False)
    x = vec.fit_transform([f for _, f, _ in rows])
    y = [int(label) for _, _, label in rows]
    clf = LogisticRegression(C=c, max_iter=2000)
    clf.fit(x, y)
    weights = {name: round(float(w), 5) for name, w in zip(vec.get_feature_names_out(), clf.coef_[0])}
    return weights, round(float(clf.intercept_[0]), 5)


def evaluate(model: LocationModel, sentences) -> tuple[float, float, int]:
    """Precision and recall of the chosen places against the labelled ones (one choice per label)."""
    chosen_total = right = gold_total = 0
    for s, mentions, trigger, _ in sentences:
        chosen = choose_locations(s.text, mentions, trigger, model)
        gold_total += len(s.locations)
        chosen_total += len(chosen)
        used = set()
        for m in chosen:
            hit = next((g for g, (start, end, _) in enumerate(s.locations)
                        if g not in used and m.start < end and start < m.end), None)
            if hit is not None:
                used.add(hit)
                right += 1
    return right / max(chosen_total, 1), right / max(gold_total, 1), chosen_total


def cross_validate(rows, sentences, folds: int, grid_c, grid_t, grid_list):
    """Mean precision/recall over folds (grouped by sentence) for every setting of the grid."""
    results = defaultdict(list)
    for fold in range(folds):
        train = [r for r in rows if fold_of(r[0], folds) != fold]
        test = [t for t in sentences if fold_of(t[0].id, folds) == fold]
        for c in grid_c:
            weights, bias = fit(train, c)
            for t in grid_t:
                for lt in grid_list:
                    p, r, _ = evaluate(LocationModel(weights, bias, t, lt), test)
                    results[(c, t, lt)].append((p, r))
    return {key: (sum(p for p, _ in v) / len(v), sum(r for _, r in v) / len(v)) for key, v in results.items()}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--check", action="store_true", help="cross-validate and print, do not write the model")
    args = parser.parse_args(argv)
    require(HALTERMAN)
    gazetteer = Gazetteer.load()
    rows, sentences = examples(gazetteer)
    positives = sum(label for *_, label in rows)
    print(f"{len(sentences)} sentences, {len(rows)} places found in them, {positives} of them labelled locations")
    grid_c, grid_t, grid_list = (0.1, 1.0), (0.15, 0.2, 0.25, 0.3, 0.4, 0.5), (0.2, 0.3, 0.4)
    scores = cross_validate(rows, sentences, args.folds, grid_c, grid_t, grid_list)
    best = max(scores, key=lambda k: _f1(*scores[k]))
    for key in sorted(scores):
        mark = " <- chosen" if key == best else ""
        print(f"  C={key[0]:<5} threshold={key[1]:.2f} list={key[2]:.2f}: precision {scores[key][0]:.1%} "
              f"recall {scores[key][1]:.1%}{mark}")
    c, threshold, list_threshold = best
    print(f"cross-validated ({args.folds} folds): precision {scores[best][0]:.1%}, recall {scores[best][1]:.1%} "
          f"of labelled locations among sentences with a place found")
    if args.check:
        return 0
    weights, bias = fit(rows, c)
    model = {
        "about": "Event location: logistic weights over geomap.locations.features; made by "
                 "training/train_event_location.py",
        "trained": dt.date.today().isoformat(),
        "training_data": "Halterman event-location corpus (github ahalterman/event_location, commit "
                         "444a2dfab7a82bc3ba4d42041a971ec1e6bb6b0c, MIT): "
                         f"{len(sentences)} sentences, {len(rows)} places, {positives} labelled event locations",
        "cross_validated": {"folds": args.folds, "precision": round(scores[best][0], 4),
                            "recall": round(scores[best][1], 4)},
        "C": c, "threshold": threshold, "list_threshold": list_threshold, "bias": bias,
        "weights": dict(sorted(weights.items())),
    }
    tmp = MODEL_PATH.with_suffix(".tmp")
    tmp.write_text(json.dumps(model, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    tmp.replace(MODEL_PATH)
    print(f"wrote {MODEL_PATH.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
