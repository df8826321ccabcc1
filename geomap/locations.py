"""Which of the places named in an event sentence is where the event happened.

A sentence names several places: the event's ("a car bomb exploded in Kirkuk"), where people came from or
went ("fled towards Abu Kamal"), who reported it ("officials in Baghdad said"), whose forces acted ("Iraqi
troops"), a container ("in Kirkuk, in northern Iraq"). Each place is described by a few explicit features of
the words around it and of the other places of the sentence; a logistic model fitted on labelled wire
sentences (``make train``; ``training/train_event_location.py``) weighs them. The places whose probability
passes the fitted threshold are the event's location: the most likely one, and the others listed with it
("in Ninewa and Erbil").
"""

from __future__ import annotations

import contextlib
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from gazetteer import Mention
from geomap.cues import (
    AWAY_BEFORE,
    FROM_BEFORE,
    LIST_GAP,
    NEAR_BEFORE,
    NOUN_AFTER,
    OF_BEFORE,
    ON_BEFORE,
    REPORTED_AFTER,
    SPEAKER_BEFORE,
    TO_BEFORE,
    TYPE_OF_BEFORE,
    WHERE_BEFORE,
)

MODEL_PATH = Path(__file__).resolve().parent / "data" / "event_location.json"
LEVELS = ("country", "admin1", "place", "feature")
QUALIFIERS = ("near", "town", "district", "province", "countryside", "region", "capital", "demonym")


def features(sentence: str, mentions: list[Mention], k: int, trigger: tuple[int, int] | None) -> dict[str, float]:
    """The features of ``mentions[k]`` as the location of the event whose trigger word spans ``trigger``."""
    m = mentions[k]
    place = m.place
    before = sentence[max(0, m.start - 45) : m.start]
    after = sentence[m.end : m.end + 45]
    out: dict[str, float] = {f"level_{place.level}": 1.0, f"precision_{place.precision}": 1.0}
    if m.qualifier in QUALIFIERS:
        out[f"qualifier_{m.qualifier}"] = 1.0
    for name, pattern in (("where", WHERE_BEFORE), ("near", NEAR_BEFORE), ("from", FROM_BEFORE), ("to", TO_BEFORE),
                          ("of", OF_BEFORE), ("on", ON_BEFORE), ("away", AWAY_BEFORE), ("type_of", TYPE_OF_BEFORE),
                          ("speaker", SPEAKER_BEFORE)):
        if pattern.search(before):
            out[f"before_{name}"] = 1.0
    if not any(key.startswith("before_") for key in out):
        out["before_nothing"] = 1.0
    if NOUN_AFTER.match(after):
        out["noun_after"] = 1.0  # "Baghdad officials", "Mosul residents", "Kirkuk police": a modifier
    if REPORTED_AFTER.match(after):
        out["reported_after"] = 1.0  # "officials in Baghdad said": where it was said
    if re.match(r"\s*[,–—-]{1,2}\s", after) and m.start <= 2:
        out["dateline"] = 1.0
    if trigger is not None:
        distance = (m.start - trigger[1]) if m.start >= trigger[1] else (trigger[0] - m.end)
        out["after_trigger"] = float(m.start >= trigger[1])
        out["distance"] = min(abs(distance), 300) / 100.0
    others = [o for j, o in enumerate(mentions) if j != k]
    out["others"] = math.log1p(len(others))
    if others:
        finest = min(o.place.precision for o in others)
        out["finest"] = float(place.precision <= finest)
        out["coarser_than_other"] = float(place.precision > finest)
        if place.level == "country" and any(o.place.level != "country" for o in others):
            out["country_with_places"] = 1.0
        if any(_contains(m, o) for o in others):
            out["contains_other"] = 1.0  # "Tal Afar, Nineveh": Nineveh is the container
        if any(_contains(o, m) for o in others):
            out["inside_other"] = 1.0
        if any(LIST_GAP.fullmatch(_gap(sentence, m, o)) for o in others):
            out["listed"] = 1.0
    out["first"] = float(all(o.start > m.start for o in others))
    return out


def _gap(sentence: str, a: Mention, b: Mention) -> str:
    return sentence[a.end : b.start] if a.end <= b.start else sentence[b.end : a.start]


def _contains(outer: Mention, inner: Mention) -> bool:
    """Is ``outer`` a region that holds ``inner`` (its governorate or country)?"""
    o, i = outer.place, inner.place
    if o.level == "country":
        return i.level != "country" and i.country == o.country
    if o.level == "admin1":
        return i.level in ("place", "feature") and i.admin1 == o.admin1
    return False


@dataclass(frozen=True)
class LocationModel:
    """Fitted weights: a logistic model over :func:`features`, and the decision thresholds."""

    weights: dict[str, float]
    bias: float
    threshold: float  # the most likely place must reach this to be the event's location
    list_threshold: float  # further places listed with it must reach this

    def probability(self, feats: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @classmethod
    def from_dict(cls, data: dict) -> LocationModel:
        return cls(dict(data["weights"]), float(data["bias"]), float(data["threshold"]),
                   float(data["list_threshold"]))


@lru_cache(maxsize=1)
def default_model() -> LocationModel:
    """The model shipped in ``geomap/data/event_location.json``."""
    return LocationModel.from_dict(json.loads(MODEL_PATH.read_text(encoding="utf-8")))


_active: list[LocationModel] = []


@contextlib.contextmanager
def use_model(model: LocationModel):
    """``with use_model(m):`` chooses event locations with ``m`` (cross-validation fits one per fold)."""
    _active.append(model)
    try:
        yield model
    finally:
        _active.pop()


def choose_locations(sentence: str, mentions: list[Mention], trigger: tuple[int, int] | None = None,
                     model: LocationModel | None = None) -> list[Mention]:
    """Where the event happened: the likeliest place, and every place listed with it ("in Ninewa and Erbil").

    An empty list means no place of the sentence is the event's (only where people fled to, who reported it).
    """
    if not mentions:
        return []
    model = model or (_active[-1] if _active else default_model())
    probs = [model.probability(features(sentence, mentions, k, trigger)) for k in range(len(mentions))]
    best = max(range(len(mentions)), key=lambda k: (probs[k], -mentions[k].start))
    if probs[best] < model.threshold:
        return []
    chosen = [best]
    ordered = sorted(range(len(mentions)), key=lambda k: mentions[k].start)
    i = ordered.index(best)
    for step in (-1, 1):  # extend to the places listed with it, at the same level
        j = i
        while 0 <= j + step < len(ordered):
            a, b = sorted((ordered[j], ordered[j + step]), key=lambda k: mentions[k].start)
            nxt = ordered[j + step]
            if (mentions[nxt].place.level != mentions[best].place.level or probs[nxt] < model.list_threshold
                    or not LIST_GAP.fullmatch(sentence[mentions[a].end : mentions[b].start])):
                break
            chosen.append(nxt)
            j += step
    seen, out = set(), []
    for k in sorted(chosen, key=lambda k: mentions[k].start):
        key = (mentions[k].place.name, mentions[k].place.admin1)
        if key not in seen:
            seen.add(key)
            out.append(mentions[k])
    return out
