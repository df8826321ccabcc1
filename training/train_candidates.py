"""Fit the candidate ranker (``gazetteer/data/candidate_ranker.json``): which place a name means.

    python training/train_candidates.py [--folds 5] [--check]

Training data: every labelled toponym whose name has two or more candidates in the index, from
- TR-News (``../shared/data/realtext/trnews``, GPL-3 as distributed; world news, GeoNames points), a
  candidate being right when it lies within 161 km of the labelled point (countries and first-level regions:
  when the labelled point lies inside it);
- the project's own gazetteer gold sets (``tests/data/gazetteer_gold.jsonl``, ``benchmarks/data/gazetteer_*``:
  Iraq/Syria news and its traps), a candidate being right when its country and governorate match and, for
  towns, it lies within 25 km of the labelled point.
Candidates are described by :func:`gazetteer.ranking.candidate_features`; a conditional logit (a softmax
over the candidates of each name, fitted with SciPy) weighs them, so that the weights rank the candidates
of one name against each other (a plain logistic regression over candidates, and one over pairs of a right
and a wrong candidate, were tried and ranked worse); the regularisation is chosen by cross-validation
grouped by document, on the share of names whose top-ranked candidate is right. Printed figures are
cross-validated, next to the same measure for the weights in use before fitting.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import zlib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from gold_places import is_correct  # noqa: E402
from real_toponyms import country_isos, placed_right  # noqa: E402
from realtext import TRNEWS, trnews  # noqa: E402

from gazetteer import Gazetteer  # noqa: E402
from gazetteer.parse import name_evidence  # noqa: E402
from gazetteer.ranking import MODEL_PATH, CandidateRanker, candidate_features, default_ranker  # noqa: E402
from geomap.boundaries import codes_at  # noqa: E402

OWN_SETS = [ROOT / "tests" / "data" / "gazetteer_gold.jsonl", *sorted((ROOT / "benchmarks" / "data").glob(
    "gazetteer_*.jsonl"))]


def _groups(gazetteer: Gazetteer):
    """(document id, [(features per candidate, rightness per candidate)]) for every labelled, ambiguous name."""
    out = []
    for path in OWN_SETS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            judge = {(g["start"], g["end"]): (lambda e, g=g: is_correct(g, gazetteer.to_place(e).to_dict()))
                     for g in rec["places"]}
            out.append((f"{path.stem}:{rec['id']}", _names(rec["text"], judge, gazetteer)))
    if TRNEWS.exists():
        isos = country_isos()
        arts = trnews()
        golds = [t for a in arts for t in a.toponyms if t.lat is not None]
        admin1 = dict(zip(map(id, golds), codes_at(np.array([t.lon for t in golds]), np.array([t.lat for t in golds]))))
        for art in arts:
            judge = {(t.start, t.end): (lambda e, t=t: placed_right(t, gazetteer.to_place(e), admin1.get(id(t)), isos))
                     for t in art.toponyms if t.lat is not None}
            out.append((f"trnews:{art.id}", _names(art.text, judge, gazetteer)))
    return out


def _names(text: str, judge: dict, gazetteer: Gazetteer):
    names = []
    for span, evidence in name_evidence(text, gazetteer):
        right = next((f for (start, end), f in judge.items() if span.start < end and start < span.end), None)
        if right is None or len(span.candidates) < 2:
            continue
        labels = [bool(right(e)) for e in span.candidates]
        if not any(labels) or all(labels):
            continue  # nothing to learn: no right candidate, or every one is
        local = any(e.country in gazetteer.focus for e in span.candidates)
        several = len({e.country for e in span.candidates}) > 1
        country = any(e.kind == "country" for e in span.candidates)
        feats = [candidate_features(span.key, e, evidence, gazetteer, several, local, country)
                 for e in span.candidates]
        names.append((feats, labels))
    return names


# Explicit cues in the words around a name are rules, not fitted: "Kirkuk province" is the governorate,
# "X in Y" lies in Y, "east of Y" is near Y. Labelled names with such cues are too few to weigh them (a
# fit gave "province" a weight too small to outweigh a city's population); their earlier weights are kept
# as a fixed offset and everything else (what is known of each place, what the document says) is fitted.
# So is the weight of a curated feature (an air base, a crossing, a continent): its names were chosen to mean it,
# and the labelled names hold too few features to weigh them against same-named villages.
RULES = ("kind_feature", "province_word_admin1", "region_word_region", "town_word_place", "town_word_admin1",
         "district_word_place", "district_word_seat", "near_anchor_close", "near_anchor_far", "container_match",
         "container_mismatch", "demonym_match", "across_border")


def fit(groups, c: float, prior: dict | None = None) -> CandidateRanker:
    """Conditional logit: for each name, a softmax over its candidates, the right ones' share maximised.

    This fits a ranking of the candidates of one name (what the resolver needs), not a judgement of each
    candidate alone. ``c`` is the inverse strength of the L2 penalty (as in scikit-learn), which pulls the
    weights towards ``prior`` (zero unless given; pulling towards the earlier hand-set scores was tried and
    cross-validated worse).
    """
    from scipy.optimize import minimize
    from sklearn.feature_extraction import DictVectorizer

    rules = {name: w for name, w in _hand_weights().items() if name in RULES}
    vec = DictVectorizer(sparse=False)
    vec.fit([{k: v for k, v in f.items() if k not in rules}
             for _, names in groups for feats, _ in names for f in feats])
    blocks = [(vec.transform([{k: v for k, v in f.items() if k not in rules} for f in feats]),
               np.array(labels, dtype=bool)) for _, names in groups for feats, labels in names]
    offset = np.array([sum(rules.get(k, 0.0) * v for k, v in f.items())
                       for _, names in groups for feats, _ in names for f in feats])
    x = np.vstack([b for b, _ in blocks])
    right = np.concatenate([y for _, y in blocks])
    owner = np.repeat(np.arange(len(blocks)), [len(y) for _, y in blocks])
    w0 = np.array([(prior or {}).get(name, 0.0) for name in vec.get_feature_names_out()])

    def loss(w):
        z = x @ w + offset
        zmax = np.maximum.reduceat(z, _starts(blocks))
        e = np.exp(z - zmax[owner])
        total = np.add.reduceat(e, _starts(blocks))
        good = np.bincount(owner, weights=e * right, minlength=len(blocks))
        value = -np.sum(np.log(good / total)) + np.dot(w - w0, w - w0) / (2 * c)
        p_all = e / total[owner]
        p_good = np.where(right, e / good[owner], 0.0)
        grad = x.T @ (p_all - p_good) + (w - w0) / c
        return value, grad

    result = minimize(loss, w0.copy(), jac=True, method="L-BFGS-B", options={"maxiter": 2000})
    weights = {name: round(float(w), 5) for name, w in zip(vec.get_feature_names_out(), result.x)}
    return CandidateRanker({**weights, **rules}, 0.0)


def _starts(blocks) -> np.ndarray:
    sizes = np.array([len(y) for _, y in blocks])
    return np.concatenate([[0], np.cumsum(sizes)[:-1]])


def top1(ranker: CandidateRanker, groups) -> tuple[int, int]:
    right = total = 0
    for _, names in groups:
        for feats, labels in names:
            scores = [ranker.score(f) for f in feats]
            best = max(range(len(scores)), key=lambda k: scores[k])
            right += labels[best]
            total += 1
    return right, total


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--check", action="store_true", help="cross-validate and print, do not write the model")
    args = parser.parse_args(argv)
    gazetteer = Gazetteer.load()
    groups = _groups(gazetteer)
    names = sum(len(n) for _, n in groups)
    print(f"{names} ambiguous labelled names in {len(groups)} documents"
          + ("" if TRNEWS.exists() else " (TR-News not found: own sets only)"))
    fold_of = [zlib.crc32(doc.split(":")[0].encode() + doc.encode()) % args.folds for doc, _ in groups]
    hand = top1(CandidateRanker(_hand_weights(), 0.0), groups)
    print(f"  weights before fitting: top candidate right for {hand[0] / hand[1]:.1%} of names ({hand[0]}/{hand[1]})")
    best_c, best = None, -1.0
    for c in (0.1, 0.3, 1.0, 3.0):
        right = total = 0
        for fold in range(args.folds):
            train = [g for g, f in zip(groups, fold_of) if f != fold]
            test = [g for g, f in zip(groups, fold_of) if f == fold]
            r, t = top1(fit(train, c), test)
            right, total = right + r, total + t
        print(f"  C={c:<5} cross-validated: top candidate right for {right / total:.1%} of names")
        if right / total > best:
            best_c, best = c, right / total
    if args.check:
        return 0
    ranker = fit(groups, best_c)
    model = {
        "about": "Candidate ranking: logistic weights over gazetteer.ranking.candidate_features; made by "
                 "training/train_candidates.py",
        "trained": dt.date.today().isoformat(),
        "training_data": f"{names} ambiguous labelled names: TR-News (Kamalloo & Rafiei 2018, via "
                         "milangritta/Pragmatic-Guide-to-Geoparsing-Evaluation 6947d464) and the project's "
                         "gazetteer gold sets",
        "cross_validated": {"folds": args.folds, "top1": round(best, 4), "before_fitting": round(hand[0] / hand[1], 4)},
        "C": best_c, "bias": ranker.bias, "weights": dict(sorted(ranker.weights.items())),
        "hand_weights": _hand_weights(),  # the resolver's scores before any fitting, kept to compare against
    }
    tmp = MODEL_PATH.with_suffix(".tmp")
    tmp.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    tmp.replace(MODEL_PATH)
    print(f"wrote {MODEL_PATH.relative_to(ROOT)} (C={best_c})")
    return 0


def _hand_weights() -> dict:
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    return data.get("hand_weights") or default_ranker().weights


if __name__ == "__main__":
    sys.exit(main())
