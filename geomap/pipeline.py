"""The stages chained: inputs -> incidents (+ what could not be used) -> counts or a map."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from gazetteer import Gazetteer
from geomap.extract import extract_incidents
from geomap.ingest import read_inputs
from geomap.models import Incident, Unresolved
from geomap.resolve import incidents_from_rows


@dataclass
class Collected:
    """Everything read from the inputs, and the accounting a user needs to trust it."""

    incidents: list[Incident] = field(default_factory=list)
    unresolved: list[Unresolved] = field(default_factory=list)
    rows_read: int = 0
    documents: int = 0
    articles: int = 0
    reports: int = 0  # event reports found in text, before duplicates were merged
    unreadable: int = 0  # files, lines and records that could not be read at all (also in `unresolved`)
    sources: list[str] = field(default_factory=list)
    datasets: list[str] = field(default_factory=list)  # "UCDP GED", "ACLED": credited on the map
    notices: list[Unresolved] = field(default_factory=list)  # used, but repaired or odd (swapped coordinates...)

    @property
    def read(self) -> int:
        return self.rows_read + self.reports + self.unreadable

    def summary(self) -> str:
        parts = []
        if self.rows_read:
            parts.append(_plural(self.rows_read, "table row"))
        if self.documents:
            parts.append(f"{_plural(self.documents, 'text file')} ({_plural(self.articles, 'article')}, "
                         f"{_plural(self.reports, 'event report')})")
        if self.unreadable:
            parts.append(f"{self.unreadable:,} unreadable {'entry' if self.unreadable == 1 else 'entries'}")
        merged = self.read - len(self.unresolved) - len(self.incidents)
        text = f"read {' and '.join(parts) or 'nothing'}: {_plural(len(self.incidents), 'incident')} mapped"
        if merged > 0:
            # Headlines, follow-up sentences and the same report on another page: sources of one incident.
            text += f" ({merged:,} further report{'s' if merged != 1 else ''} of these incidents merged)"
        return text + f", {len(self.unresolved):,} unresolved"


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def collect(
    paths: Sequence[str | Path],
    gazetteer: Gazetteer,
    reference_date: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Collected:
    """Read inputs (texts and tables) and turn them into incidents.

    ``progress(done, total)`` is told how many characters of text have been read out of how many.
    """
    inputs = read_inputs(list(paths))
    total = sum(len(doc.text) for doc in inputs.documents)
    done = 0

    def advance(n: int) -> None:
        nonlocal done
        done += n
        if progress:
            progress(done, total)

    out = Collected(unresolved=list(inputs.problems), rows_read=len(inputs.rows), documents=len(inputs.documents),
                    unreadable=len(inputs.problems))
    if inputs.documents:
        extraction = extract_incidents(inputs.documents, gazetteer, reference_date, advance)
        out.incidents.extend(extraction.incidents)
        out.unresolved.extend(extraction.unresolved)
        out.articles, out.reports = extraction.articles, extraction.reports
    if inputs.rows:
        found, unresolved = incidents_from_rows(inputs.rows, gazetteer, out.notices)
        out.incidents.extend(found)
        out.unresolved.extend(unresolved)
    out.sources = _unique(Path(p).name for p in [d.path.split("#")[0] for d in inputs.documents] +
                          [r.source for r in inputs.rows])
    out.datasets = _unique(_dataset(r.values) for r in inputs.rows)
    return out


def _dataset(values: dict) -> str:
    if "type_of_violence" in values or "where_prec" in values:
        return "UCDP GED"
    if "event_id_cnty" in values or "sub_event_type" in values:
        return "ACLED"
    return ""


def _unique(items) -> list[str]:
    """Distinct non-empty items in first-seen order (a dict, not a list scan: 100,000 files stay linear)."""
    return [item for item in dict.fromkeys(items) if item]
