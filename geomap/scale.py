"""Aggregation beyond one machine's memory: the table in partitions, on any Dask scheduler.

A table is cut into partitions (blocks of a CSV file, row groups of Parquet files);
each partition is read, checked and counted on a worker by the same code as the
default engine (:func:`geomap.rows.table_incidents`, :func:`geomap.counting.aggregate`),
and only its counts, its rejected rows and its notes come back: memory stays bounded
by the partition size whatever the number of rows. Line numbers are those of the file.
Without a scheduler address a local cluster is started (one worker per core); with
``--scheduler tcp://host:8786`` the same work runs on a multi-node cluster.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from geomap.counting import ADMIN2_COLUMNS, COLUMNS
from geomap.errors import GeomapError, InputError, OptionError

BLOCK_SIZE = 64 * 2**20


def _need_dask():
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise GeomapError("--engine dask needs the dask extra: pip install 'geomap[dask]'") from None


@contextlib.contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None) -> Iterator:
    """A client on ``scheduler`` (an address such as tcp://10.0.0.5:8786), else on a local cluster.

    An address that is malformed, or a scheduler that does not answer within 10 seconds, is an
    :class:`~geomap.errors.OptionError`; a local cluster that cannot start, a :class:`GeomapError`.
    """
    _need_dask()
    import warnings

    from distributed import Client, LocalCluster

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "port 8787 is in use": another cluster's dashboard
        if scheduler:
            try:
                client = Client(scheduler, timeout="10s")
            except (OSError, ValueError, TypeError, TimeoutError) as exc:
                raise OptionError(f"--scheduler {scheduler!r}: cannot connect ({_first_line(exc)})") from None
            with client:
                yield client
            return
        n = workers or max(1, os.cpu_count() or 1)
        try:
            cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None)
        except (OSError, RuntimeError, TimeoutError) as exc:
            raise GeomapError(f"cannot start a local Dask cluster ({_first_line(exc)})") from None
        with cluster, Client(cluster) as client:
            yield client


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


@dataclass(frozen=True)
class Partition:
    """One piece of one input: a byte range of a CSV file, a row group of a Parquet file, or a whole file."""

    path: str
    kind: str  # "csv", "parquet", "file"
    start: int = 0
    end: int = -1
    first_line: int = 0  # lines (or rows) of the file before this piece


DASK_TABLES = (".parquet", ".csv", ".tsv", ".csv.gz", ".tsv.gz", ".json", ".geojson", ".jsonl", ".xlsx", ".gpkg",
               ".fgb", ".shp")


def partitions(paths: Sequence[str | Path], block_size: int = BLOCK_SIZE,
               notes: list[str] | None = None) -> list[Partition]:
    """The pieces of every input, in file order. In a folder, the tables are read; its other files (text, which
    the default engine reads, and other formats) are added to ``notes``, one line per kind."""
    from geomap.ingest import expand

    out: list[Partition] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        files = [path]
        if path.is_dir():
            skipped: list[Path] = []
            inside = expand([path], skipped)
            files = [f for f in inside if f.name.lower().endswith(DASK_TABLES)]
            others = [f for f in inside if f not in set(files)] + skipped
            if not files:
                raise InputError(f"{path}: --engine dask reads tables (CSV, GeoParquet ...); this folder holds none "
                                 "(text is read by the default engine)")
            if others and notes is not None:
                kinds = sorted({f.suffix.lower() or "(no suffix)" for f in others})
                notes.append(f"{path}: {len(others)} file{'s' if len(others) != 1 else ''} not read by the Dask "
                             f"engine ({', '.join(kinds[:5])}): it reads tables; text is read by the default engine")
        for file in files:
            out.extend(_pieces(file, block_size))
    return out


def _pieces(path: Path, block_size: int) -> list[Partition]:
    name = path.name.lower()
    if name.endswith(".parquet"):
        import pyarrow.parquet as pq

        try:
            meta = pq.ParquetFile(path).metadata
        except Exception as exc:  # pyarrow raises many types for a corrupt file
            raise InputError(f"{path}: cannot read Parquet ({type(exc).__name__}: {exc})") from None
        pieces, rows = [], 0
        for group in range(meta.num_row_groups):
            pieces.append(Partition(str(path), "parquet", group, group + 1, rows))
            rows += meta.row_group(group).num_rows
        return pieces
    if name.endswith((".csv", ".tsv")):
        size = path.stat().st_size
        with open(path, "rb") as f:
            cuts = [0] + [_line_start(f, offset) for offset in range(block_size, size, block_size)] + [size]
        cuts = sorted(set(cuts))
        return [Partition(str(path), "csv", a, b) for a, b in zip(cuts, cuts[1:]) if b > a]
    if name.endswith((".csv.gz", ".tsv.gz", ".json", ".geojson", ".jsonl", ".xlsx", ".gpkg", ".fgb", ".shp")):
        return [Partition(str(path), "file")]
    raise InputError(f"{path}: --engine dask reads tables (CSV, GeoParquet ...), not {path.suffix or 'this file'}")


def _line_start(f, offset: int) -> int:
    """The offset of the first line that starts at or after ``offset``."""
    f.seek(offset - 1)
    while True:
        chunk = f.read(1 << 16)
        if not chunk:
            return f.tell()
        at = chunk.find(b"\n")
        if at >= 0:
            return f.tell() - len(chunk) + at + 1


def count_lines(part: Partition) -> int:
    with open(part.path, "rb") as f:
        f.seek(part.start)
        return f.read(part.end - part.start).count(b"\n")


def with_line_offsets(parts: list[Partition], counts: list[int]) -> list[Partition]:
    """Each CSV block told how many lines of its file come before it."""
    out, before = [], {}
    for part, n in zip(parts, counts):
        if part.kind == "csv":
            out.append(Partition(part.path, part.kind, part.start, part.end, before.get(part.path, 0)))
            before[part.path] = before.get(part.path, 0) + n
        else:
            out.append(part)
    return out


def read_partition(part: Partition, dates_only: bool = False):
    """The rows of one piece as a :class:`geomap.tables.RawTable`, with the file's own line numbers
    (``dates_only``: just the date columns, as text, for :func:`partition_date_evidence`)."""
    from geomap.tables import RawTable, read_csv, read_table

    path = Path(part.path)
    if part.kind == "file":
        return read_table(path)
    if part.kind == "parquet":
        import pyarrow.parquet as pq

        from geomap.tables import arrow_table, geoparquet_geometry

        file = pq.ParquetFile(path)
        geometry = geoparquet_geometry(path, file.schema_arrow.metadata)
        table = arrow_table(path, file.read_row_group(part.start), geometry, "row")
        return RawTable(table.source, table.frame, table.lines + part.first_line, unit="row")
    with open(path, "rb") as f:
        header = f.readline()
        f.seek(part.start)
        body = f.read(part.end - part.start)
    data = body if part.start == 0 else header + body
    return read_csv(path, data, "\t" if path.name.lower().endswith(".tsv") else None, dates_only=dates_only,
                    first_line=0 if part.start == 0 else part.first_line - 1)


@lru_cache(maxsize=1)
def _gazetteer():
    from gazetteer import Gazetteer

    return Gazetteer.load()


@dataclass
class PartitionResult:
    counts: pd.DataFrame
    rows: int = 0
    reasons: Counter = field(default_factory=Counter)
    swapped: int = 0
    unresolved: list = field(default_factory=list)  # Unresolved records, when asked for
    frame: pd.DataFrame | None = None  # the incidents themselves, when asked for (tests, small tables)
    error: str = ""  # the piece could not be read at all (the run stops with this message)
    repeats: int = 0  # rows counted once: the same id and content as an earlier row of the piece
    notes: tuple = ()  # about the table as a whole (a repeated column name)


def partition_date_evidence(part: Partition, today: dt.date) -> Counter:
    """What one piece's numeric dates say about their order (:func:`geomap.rows.date_evidence`), read
    from its date columns only; the pieces' evidence is summed to read every piece's dates the same way."""
    from geomap.columns import ColumnMap
    from geomap.rows import date_evidence, first_text

    try:
        table = read_partition(part, dates_only=True)
    except InputError:
        return Counter()  # the main pass reports it
    names = ColumnMap.of(table.frame.columns).roles["date"]
    if not names or all(pd.api.types.is_datetime64_any_dtype(table.frame[n]) for n in names):
        return Counter()
    text = first_text(table.frame, names)
    counts = pd.Series(text.codes[text.codes >= 0]).value_counts()
    return date_evidence(text.values[counts.index.to_numpy()], counts.to_numpy(), today)


def run_partition(part: Partition, period: str, by: str, today: dt.date, keep_unresolved: bool,
                  keep_frame: bool = False, date_order: str | None = None) -> PartitionResult:
    """Read, check and count one piece, exactly as the default engine does with a whole table."""
    from geomap.counting import aggregate
    from geomap.rows import table_incidents

    gazetteer = _gazetteer()
    try:
        table = read_partition(part)
    except InputError as exc:
        empty = PartitionResult(pd.DataFrame(columns=ADMIN2_COLUMNS if by == "admin2" else COLUMNS))
        if "no rows" not in str(exc):  # not just a block of blank lines: the file cannot be read
            empty.error = str(exc)
        return empty
    found = table_incidents(table, gazetteer, today, date_order)
    counts = aggregate(found.frame, period=period, by=by, names=gazetteer.admin1_names)
    problems = list(table.problems) + found.unresolved
    return PartitionResult(
        counts=counts,
        rows=found.rows + len(table.problems),
        reasons=Counter(u.reason for u in problems),
        swapped=sum(n.reason.startswith("latitude and longitude were swapped") for n in found.notices),
        unresolved=problems if keep_unresolved else [],
        frame=found.frame if keep_frame else None,
        repeats=found.repeats,
        notes=tuple(f"{n.source}: {n.where}: {n.reason}" for n in table.notes),
    )


@dataclass
class DaskResult:
    table: pd.DataFrame
    rows: int
    reasons: Counter
    swapped: int
    unresolved: list
    workers: int
    frames: list = field(default_factory=list)
    repeats: int = 0
    notes: list = field(default_factory=list)


def aggregate_dask(paths: Sequence[str | Path], client, period: str = "month", by: str = "admin1",
                   keep_unresolved: bool = False, keep_frames: bool = False, progress=None,
                   block_size: int = BLOCK_SIZE, today: dt.date | None = None) -> DaskResult:
    """Events and fatalities per admin-1 (or admin-2) and period for tables of any size, on ``client``.

    Partial counts are summed as partitions finish, so the client holds only the counts
    (governorates x periods), and the rejected rows when ``keep_unresolved``.
    """
    from distributed import as_completed

    today = today or dt.date.today()
    skipped: list[str] = []
    parts = partitions(paths, block_size, skipped)
    counts = client.gather(client.map(count_lines, [p for p in parts if p.kind == "csv"], pure=False))
    it = iter(counts)
    parts = with_line_offsets(parts, [next(it) if p.kind == "csv" else 0 for p in parts])
    from geomap.rows import date_order

    evidence = sum(client.gather(client.map(partition_date_evidence, parts, today=today, pure=False)), Counter())
    futures = client.map(run_partition, parts, period=period, by=by, today=today, keep_unresolved=keep_unresolved,
                         keep_frame=keep_frames, date_order=date_order(evidence), pure=False)
    order = {f.key: i for i, f in enumerate(futures)}
    columns = ADMIN2_COLUMNS if by == "admin2" else COLUMNS
    keys = columns[:-2]
    total = pd.DataFrame(columns=columns)
    rows, swapped, reasons, repeats, notes = 0, 0, Counter(), 0, dict.fromkeys(skipped)
    unresolved: dict[int, list] = {}
    frames: dict[int, pd.DataFrame] = {}
    for done, future in enumerate(as_completed(futures), start=1):
        result: PartitionResult = future.result()
        if result.error:
            raise InputError(result.error)
        i = order[future.key]
        rows, swapped, repeats = rows + result.rows, swapped + result.swapped, repeats + result.repeats
        reasons.update(result.reasons)
        notes.update(dict.fromkeys(result.notes))
        unresolved[i] = result.unresolved
        if result.frame is not None:
            frames[i] = result.frame
        if len(result.counts):
            both = pd.concat([total, result.counts], ignore_index=True) if len(total) else result.counts
            total = both.fillna({k: "" for k in keys}).groupby(keys, sort=False, dropna=False)[
                ["events", "fatalities"]].sum().reset_index()
        future.release()
        if progress:
            progress(done, len(futures))
    table = _finish(total, columns, keys)
    return DaskResult(table, rows, reasons, swapped, [u for i in sorted(unresolved) for u in unresolved[i]],
                      len(client.nthreads()), [frames[i] for i in sorted(frames)], repeats, list(notes))


def _finish(total: pd.DataFrame, columns: list[str], keys: list[str]) -> pd.DataFrame:
    if not len(total):
        return pd.DataFrame(columns=columns)
    for key in keys:
        if key != "period":
            total[key] = total[key].replace("", None)
    total["admin1_name"] = total["admin1_name"].fillna("")
    total[["events", "fatalities"]] = total[["events", "fatalities"]].astype("int64")
    order = ["period", "country", "admin1"] + (["admin2"] if "admin2" in columns else [])
    return total.sort_values(order, na_position="last")[columns].reset_index(drop=True)
