"""Loading the real-news evaluation corpora in ``../shared/data/realtext`` and the measures they share.

The corpora are evaluation data written elsewhere (wire news, Syrian-war articles, world news). They are
read from ``../shared`` beside the project and never copied into it; a scorer run without them exits
with a message saying so (status 0, so that ``make gold`` still prints the project's own sets).
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import json
import math
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(__import__("os").environ.get("GEOMAP_SHARED", ROOT.parent / "shared"))
REALTEXT = SHARED / "data" / "realtext"
HALTERMAN = REALTEXT / "halterman" / "event_location_dev.jsonl.gz"
FAKES = REALTEXT / "fakes"
TRNEWS = REALTEXT / "trnews" / "TR-News.xml.gz"


def require(path: Path) -> None:
    """Exit with a reason when a corpus is absent (a clean clone without ``../shared``)."""
    if not path.exists():
        print(f"skipped: {path} not found (the real-news corpora live in ../shared/data/realtext)")
        sys.exit(0)


def details_file(path: Path | None):
    """The ``--details`` output: a file to write error-analysis lines to, or nothing."""
    return open(path, "w", encoding="utf-8") if path else contextlib.nullcontext()


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(min(1.0, a)))


# -- Halterman: sentences with the event's location labelled -------------------------------------
@dataclass
class Sentence:
    id: str
    text: str
    source: str
    double_checked: bool
    locations: list[tuple[int, int, str]]  # gold spans of the event's location
    verb: tuple[int, int, str] | None


def halterman() -> list[Sentence]:
    out = []
    with gzip.open(HALTERMAN, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            locations, verb = [], None
            for span in row["spans"]:
                if span["label"] == "LOCATION":
                    text = row["text"][span["start"] : span["end"]]
                    # a few spans lost their text in the release (empty, or one letter): not usable as gold
                    if len(text.strip()) >= 2 and text == span["text"]:
                        locations.append((span["start"], span["end"], text))
                elif span["label"] == "VERB" and verb is None:
                    verb = (span["start"], span["end"], span["text"])
            out.append(Sentence(str(row["id"]), row["text"], row["source"], row.get("answer") == "accept",
                                locations, verb))
    return out


# -- FA-KES: Syrian-war articles with the main event's place and date -----------------------------
@dataclass
class LabelledArticle:
    path: Path
    published: str
    event_date: str
    location: str
    credible: bool
    fields: dict = field(default_factory=dict)


def fakes() -> list[LabelledArticle]:
    out = []
    with open(FAKES / "labels.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out.append(LabelledArticle(FAKES / row["file"], row["published"], row["event_date_label"],
                                       row["location_label"].strip().lower(), row["credible_label"] == "1.0", row))
    return out


# -- TR-News: every toponym labelled with its GeoNames point ----------------------------------------
@dataclass
class Toponym:
    start: int
    end: int
    phrase: str
    name: str
    fcode: str
    lat: float | None
    lon: float | None
    country_geonameid: str | None


@dataclass
class NewsArticle:
    id: str
    text: str
    date: str
    toponyms: list[Toponym]


def trnews() -> list[NewsArticle]:
    with gzip.open(TRNEWS) as f:
        root = ET.parse(f).getroot()
    out = []
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        tops = []
        for t in art.iter("toponym"):
            gaz = t.find("gaztag")
            lat = lon = None
            name = fcode = ""
            country = None
            if gaz is not None:
                name, fcode = gaz.findtext("name") or "", gaz.findtext("fcode") or ""
                try:
                    lat, lon = float(gaz.findtext("lat")), float(gaz.findtext("lon"))
                except (TypeError, ValueError):
                    lat = lon = None
                c = gaz.find("country")
                country = c.get("geonameid") if c is not None else None
            phrase = t.findtext("phrase") or ""
            start = _align(text, phrase, int(t.findtext("start")))
            tops.append(Toponym(start, start + len(phrase), phrase, name, fcode, lat, lon, country))
        out.append(NewsArticle(art.get("docid"), text, (art.findtext("dltime") or "").strip(), tops))
    return out


def _align(text: str, phrase: str, start: int, reach: int = 40) -> int:
    """The release's offsets drift by a few characters in some articles: the nearest occurrence of the phrase."""
    if text[start : start + len(phrase)] == phrase:
        return start
    window = text[max(0, start - reach) : start + reach + len(phrase)]
    hits = [m.start() for m in re.finditer(re.escape(phrase), window)]
    if not hits:
        return start
    return min((max(0, start - reach) + h for h in hits), key=lambda h: abs(h - start))
