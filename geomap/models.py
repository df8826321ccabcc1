"""Records that cross stage boundaries: ingest -> extract -> resolve -> aggregate -> render."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, fields

from gazetteer.types import Mention, Place

__all__ = ["Article", "Document", "Incident", "Mention", "Place", "Unresolved", "INCIDENT_FIELDS"]


@dataclass(frozen=True, slots=True)
class Document:
    """The text of one input file, decoded."""

    path: str
    text: str
    doc_id: str | None = None  # the "id" of a JSON Lines record


@dataclass(frozen=True, slots=True)
class Article:
    """One news article found in a document; ``start`` is its offset in the document text."""

    source: str
    title: str
    text: str
    start: int
    date: dt.date | None
    date_text: str | None = None


@dataclass(frozen=True, slots=True)
class Incident:
    """An event at a place and a date, with the evidence it came from (ACLED-style fields)."""

    event_id: str
    event_date: dt.date
    time_precision: int
    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str
    fatalities: int
    location: str
    latitude: float
    longitude: float
    country: str
    admin1: str | None
    admin1_name: str | None
    geo_precision: int
    source: str
    notes: str
    # provenance: where in the source the evidence is
    article_title: str = ""
    sentence_start: int | None = None
    sentence_end: int | None = None
    place_start: int | None = None  # offsets of the place name inside ``notes``
    place_end: int | None = None
    sources: tuple[str, ...] = field(default_factory=tuple)

    def to_record(self) -> dict:
        """The flat ACLED-style record written by ``geomap extract``."""
        record = asdict(self)
        record["event_date"] = self.event_date.isoformat()
        record["sources"] = list(self.sources)
        return record


INCIDENT_FIELDS = [f.name for f in fields(Incident)]


@dataclass(frozen=True, slots=True)
class Unresolved:
    """Something read from the input that did not become a mapped incident, and why."""

    source: str
    where: str  # "line 12", "chars 340-512"
    reason: str
    text: str = ""

    def to_record(self) -> dict:
        return asdict(self)
