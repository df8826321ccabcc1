"""Which place a name means: its candidates ranked by a logistic model over explicit features.

Each candidate entry of a name is described by what is known of it (kind, population, how many alternate
names, feature code, whether it is the entry's main name) and by what the text says around it (a qualifier
such as "province" or "the town of", a named container "X in Y", a nearby anchor "east of Y", the
governorates and countries the other names of the document point to, the nationality named in the
sentence, the distance to the document's other places). The weights are fitted on labelled toponyms
(``make train``; ``training/train_candidates.py``), not set by hand.
"""

from __future__ import annotations

import contextlib
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from gazetteer.context import km
from gazetteer.index import NEIGHBOURS as REGION_NEIGHBOURS
from gazetteer.index import Entry, Gazetteer
from gazetteer.normalize import name_key

MODEL_PATH = Path(__file__).resolve().parent / "data" / "candidate_ranker.json"
SEATS = ("PPLA", "PPLA2", "PPLA3", "PPLC", "ADM2", "district")
FCODE_GROUPS = {"PPLC": "capital", "PPLA": "seat1", "PPLA2": "seat2", "PPLA3": "seat3", "PPLA4": "seat3",
                "PPLX": "section", "PPLQ": "abandoned", "PPLW": "abandoned", "PPLH": "abandoned",
                "PPLL": "locality", "PPLF": "locality"}


@dataclass(frozen=True)
class Evidence:
    """What the text says about one name, shared by all its candidates."""

    qualifier: str | None = None
    inside: tuple[str, str] | None = None  # ("admin1", "SY-HL") or ("country", "SY"): "X in Y"
    admin1s: frozenset = frozenset()  # governorates the document's other names point to
    countries: frozenset = frozenset()
    near: tuple[float, float] | None = None  # "X, east of Y": Y's point
    neighbours: frozenset = frozenset()  # governorates the names close by could lie in
    demonyms: frozenset = frozenset()  # nationalities named in the sentence ("!SY": across Syria's border)
    anchors: tuple = ()  # points of the document's other, unambiguous places
    variant: bool = False
    anchor_countries: frozenset = frozenset()  # the countries of those places
    home: str | None = None  # the country most of the document's names lie in
    home_points: tuple = ()  # the points of those names
    quarter: bool = False  # the text calls the name a neighbourhood ("the X neighbourhood")


def candidate_features(key: str, entry: Entry, evidence: Evidence, gazetteer: Gazetteer,
                       several_countries: bool, local: bool, country_named: bool = False) -> dict[str, float]:
    """The features of ``entry`` as the meaning of the name ``key`` given ``evidence``.

    ``country_named``: one of the name's candidates is a country ("Kuwait"), whose capital may share its name.
    """
    f: dict[str, float] = {f"kind_{entry.kind}": 1.0}
    if entry.kind == "place":
        f["log_population"] = math.log10(entry.population + 1)
        f[f"fcode_{FCODE_GROUPS.get(entry.fcode, 'other')}"] = 1.0
        if country_named and entry.fcode == "PPLC":
            f["capital_named_as_country"] = 1.0  # "Kuwait" is the country more often than Kuwait City
    if entry.kind in ("place", "feature"):
        f["log_alt_names"] = math.log1p(entry.alt_count)
    if entry.country in gazetteer.focus:
        f["focus_country"] = 1.0
    elif entry.country in REGION_NEIGHBOURS:
        f["neighbour_country"] = 1.0
    if name_key(entry.name) == key or entry.kind == "country":
        f["main_name"] = 1.0  # a country's few names ("Britain", "America") are all its own
    if evidence.variant:
        f["variant"] = 1.0
    _qualifier_features(f, entry, evidence.qualifier)
    if evidence.near is not None and entry.kind in ("place", "feature"):
        distance = km(evidence.near[0], evidence.near[1], entry.lat, entry.lon)
        f["near_anchor_close"] = float(distance < 150)
        f["near_anchor_far"] = float(distance > 400)
    if evidence.inside:
        level, code = evidence.inside
        match = entry.admin1 == code if level == "admin1" else entry.country == code
        f["container_match" if match else "container_mismatch"] = 1.0
    if entry.admin1 and entry.admin1 in evidence.admin1s and entry.kind != "admin1":
        f["document_admin1"] = 1.0
    if entry.country in evidence.countries:
        f["document_country"] = 1.0
    elif entry.kind != "country" and entry.country not in gazetteer.focus and (evidence.countries or local):
        f["foreign_namesake"] = 1.0  # the document is about other countries, or the name has a reading here
        if entry.country in _NEIGHBOURS or entry.population >= 500_000:
            f["foreign_namesake_known"] = 1.0
    if several_countries and entry.country in evidence.demonyms:
        f["demonym_match"] = 1.0
    if several_countries and f"!{entry.country}" in evidence.demonyms:
        f["across_border"] = 1.0
    if entry.admin1 and entry.admin1 in evidence.neighbours:
        f["nearby_names_admin1"] = 1.0
    if evidence.anchors and entry.kind in ("place", "feature"):
        nearest = min(km(lat, lon, entry.lat, entry.lon) for lat, lon in evidence.anchors)
        f["log_km_to_document"] = math.log10(1 + nearest)
    return f


def _qualifier_features(f: dict, entry: Entry, qualifier: str | None) -> None:
    if qualifier in ("province", "countryside"):
        f["province_word_admin1"] = float(entry.kind == "admin1")
    elif qualifier == "region":
        f["region_word_region"] = float(entry.kind in ("admin1", "country") or entry.population >= 1_000_000)
    elif qualifier == "town":
        f["town_word_place"] = float(entry.kind == "place")
        f["town_word_admin1"] = float(entry.kind == "admin1")
    elif qualifier == "district":
        f["district_word_place"] = float(entry.kind in ("place", "feature"))
        f["district_word_seat"] = float(entry.fcode in SEATS)


_NEIGHBOURS = ("TR", "LB", "JO", "IR")


@dataclass(frozen=True)
class CandidateRanker:
    weights: dict[str, float]
    bias: float

    def score(self, feats: dict[str, float]) -> float:
        return self.bias + sum(self.weights.get(name, 0.0) * value for name, value in feats.items())

    @classmethod
    def from_dict(cls, data: dict) -> CandidateRanker:
        return cls(dict(data["weights"]), float(data["bias"]))


@lru_cache(maxsize=1)
def default_ranker() -> CandidateRanker:
    """The ranker shipped in ``gazetteer/data/candidate_ranker.json``."""
    return CandidateRanker.from_dict(json.loads(MODEL_PATH.read_text(encoding="utf-8")))


_active: list[CandidateRanker] = []


def active_ranker() -> CandidateRanker:
    """The ranker in use: the shipped one, unless :func:`use_ranker` set another (training, evaluation)."""
    return _active[-1] if _active else default_ranker()


@contextlib.contextmanager
def use_ranker(ranker: CandidateRanker):
    """``with use_ranker(r):`` ranks candidates with ``r`` (cross-validation fits one per fold)."""
    _active.append(ranker)
    try:
        yield ranker
    finally:
        _active.pop()


def rank(key: str, candidates: list[Entry], evidence: Evidence, gazetteer: Gazetteer,
         ranker: CandidateRanker | None = None) -> list[tuple[float, Entry]]:
    """Candidates of a name, best first, with their scores."""
    ranker = ranker or active_ranker()
    local = any(e.country in gazetteer.focus for e in candidates)
    several = len({e.country for e in candidates}) > 1
    country = any(e.kind == "country" for e in candidates)
    ranked = [(ranker.score(candidate_features(key, e, evidence, gazetteer, several, local, country)), e)
              for e in candidates]
    ranked.sort(key=lambda pair: (-pair[0], pair[1].id))
    return ranked
