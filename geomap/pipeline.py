"""The stages chained: inputs -> incidents (+ what could not be used) -> counts or a map."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from gazetteer import Gazetteer
from geomap.frame import combine, incidents_frame
from geomap.ingest import read_inputs
from geomap.models import Incident, Unresolved
from geomap.rows import table_incidents


@dataclass
class Collected:
    """Everything read from the inputs, and the accounting a user needs to trust it.

    ``incidents`` are those found in text; ``tables`` the incident frames of the tables
    read; :attr:`frame` is all of them in the output columns.
    """

    incidents: list[Incident] = field(default_factory=list)
    tables: list[pd.DataFrame] = field(default_factory=list)
    admin1_names: dict[str, str] = field(default_factory=dict)
    districts: dict[tuple, str] = field(default_factory=dict)  # (location, lat, lon) of text incidents -> admin2
    unresolved: list[Unresolved] = field(default_factory=list)
    rows_read: int = 0
    documents: int = 0
    articles: int = 0
    reports: int = 0  # event reports found in text, before duplicates were merged
    unreadable: int = 0  # files, lines and records that could not be read at all (also in `unresolved`)
    sources: list[str] = field(default_factory=list)
    datasets: list[str] = field(default_factory=list)  # "UCDP GED", "ACLED": credited on the map
    notices: list[Unresolved] = field(default_factory=list)  # used, but repaired or odd (swapped coordinates...)
    repeats: int = 0  # table rows counted once: the same id and content as a row or incident read before

    @property
    def mapped(self) -> int:
        return len(self.incidents) + sum(len(t) for t in self.tables)

    @property
    def frame(self) -> pd.DataFrame:
        """Every incident, from text and tables, as one incident frame."""
        if self._frame is None:
            self._frame = combine([incidents_frame(self.incidents, self.admin1_names, self.districts), *self.tables])
        return self._frame

    _frame: pd.DataFrame | None = field(default=None, repr=False)

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
        merged = self.read - len(self.unresolved) - self.mapped - self.repeats
        text = f"read {' and '.join(parts) or 'nothing'}: {_plural(self.mapped, 'incident')} mapped"
        extra = []
        if merged > 0:
            # Headlines, follow-up sentences and the same report on another page: sources of one incident.
            extra.append(f"{merged:,} further report{'s' if merged != 1 else ''} of these incidents merged")
        if self.repeats:
            extra.append(f"{self.repeats:,} repeated row{'s' if self.repeats != 1 else ''} counted once: the same "
                         "id and content")
        return text + (f" ({'; '.join(extra)})" if extra else "") + f", {len(self.unresolved):,} unresolved"


TABLE_NAMES = (".csv", ".json", ".geojson", ".parquet", ".csv.gz", ".jsonl", ".tsv", ".xlsx", ".xls", ".ods",
               ".gpkg", ".shp", ".fgb")


def credits(collected: Collected) -> tuple[str, list[str]]:
    """The map's data credits and the sources its subtitle names (the same from Python and the CLI)."""
    attribution = "Boundaries: Natural Earth · Places: GeoNames (CC BY 4.0)"
    if "UCDP GED" in collected.datasets:
        attribution += " · Events: UCDP GED (CC BY 4.0), Sundberg & Melander 2013"
    if "ACLED" in collected.datasets:
        attribution += " · Events: ACLED"
    sources = [d for d in collected.datasets if d]
    if collected.documents:
        sources.append(f"{collected.documents} text file{'s' if collected.documents > 1 else ''}")
    if not sources or not [d for d in collected.datasets if d]:
        sources += [s for s in collected.sources if s.lower().endswith(TABLE_NAMES)]
    return attribution, sources


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def collect(
    paths: Sequence[str | Path],
    gazetteer: Gazetteer,
    reference_date: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
    tables: Sequence = (),
    texts: Sequence[str] = (),
) -> Collected:
    """Read inputs (texts and tables) and turn them into incidents.

    ``progress(done, total)`` is told how many characters of text have been read out of how many;
    ``tables`` (:class:`geomap.tables.RawTable`) and ``texts`` are inputs already in memory.
    """
    from geomap.ingest import Inputs
    from geomap.models import Document

    inputs = read_inputs(list(paths)) if paths else Inputs()
    inputs.tables.extend(tables)
    inputs.documents.extend(Document(f"text {n}", text) for n, text in enumerate(texts, start=1))
    total = sum(len(doc.text) for doc in inputs.documents)
    done = 0

    def advance(n: int) -> None:
        nonlocal done
        done += n
        if progress:
            progress(done, total)

    out = Collected(unresolved=list(inputs.problems), rows_read=inputs.rows, documents=len(inputs.documents),
                    unreadable=len(inputs.problems), admin1_names=gazetteer.admin1_names, notices=list(inputs.notes))
    if inputs.documents:
        from geomap.extract import extract_incidents  # its vocabularies take a second to compile: text only

        extraction = extract_incidents(inputs.documents, gazetteer, reference_date, advance)
        out.incidents.extend(extraction.incidents)
        out.districts = districts_of(out.incidents, gazetteer)
        out.unresolved.extend(extraction.unresolved)
        out.articles, out.reports = extraction.articles, extraction.reports
    datasets = []
    for table in inputs.tables:
        found = table_incidents(table, gazetteer)
        out.tables.append(found.frame)
        out.unresolved.extend(found.unresolved)
        out.notices.extend(found.notices)
        out.repeats += found.repeats
        datasets.append(found.dataset)
    if len(out.tables) + bool(out.incidents) > 1:
        _drop_repeats_across(out)
    out.sources = _unique(Path(p).name for p in [d.path.split("#")[0] for d in inputs.documents] +
                          [t.source for t in inputs.tables])
    out.datasets = _unique(datasets)
    return out


def _drop_repeats_across(out: Collected) -> None:
    """Table rows that repeat a row of another table, or an incident read from text, by id and content (two
    overlapping exports, or an earlier output read back): counted once, and noted."""
    from geomap.frame import repeat_of

    frame = out.frame
    first = repeat_of(frame)
    again = first >= 0
    if not again.any():
        return
    for i in np.flatnonzero(again)[:1000]:
        source, where = _where_read(frame, i)
        earlier = ":".join(_where_read(frame, first[i])).replace(":line ", ":")
        out.notices.append(Unresolved(source, where, f"the same id and content as {earlier}: counted once"))
    out.repeats += int(again.sum())
    offsets = np.cumsum([len(out.incidents)] + [len(t) for t in out.tables])
    for k, table in enumerate(out.tables):
        keep = ~again[offsets[k]:offsets[k + 1]]
        if not keep.all():
            out.tables[k] = table[keep].reset_index(drop=True)
    out._frame = frame[~again].reset_index(drop=True)


def _where_read(frame: pd.DataFrame, i: int) -> tuple[str, str]:
    """(file, "line N") of a table row, (file, id) of an incident read from text."""
    line = frame["_line"].iat[i] if "_line" in frame else None
    if pd.notna(line):
        return str(frame["_source"].iat[i]), f"line {int(line)}"
    return str(frame["source"].iat[i]), str(frame["event_id_cnty"].iat[i])


def districts_of(incidents: Sequence[Incident], gazetteer: Gazetteer) -> dict[tuple, str]:
    """The gazetteer's district (admin2) of each place incidents from text were placed at."""
    out = {}
    for key in {(i.location, i.latitude, i.longitude) for i in incidents}:
        district = gazetteer.district_of(*key)
        if district:
            out[key] = district
    return out


def _unique(items) -> list[str]:
    """Distinct non-empty items in first-seen order (a dict, not a list scan: 100,000 files stay linear)."""
    return [item for item in dict.fromkeys(items) if item]
