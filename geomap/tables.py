"""Incident tables read into columns: CSV/TSV, JSON, GeoJSON, Parquet, Excel and GIS files.

Every reader returns a :class:`RawTable`: the table's own columns (names as written,
values as read, numbers and dates typed by the reader where a whole column parses),
and for each row the line (CSV), record or feature number it came from, so that a
row that cannot be used is reported where the user can find it.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from geomap.columns import typed_roles
from geomap.errors import InputError
from geomap.models import Unresolved

csv.field_size_limit(1 << 30)


@dataclass
class RawTable:
    """A table as read: ``frame`` has the table's columns, ``lines`` where each row is in the file."""

    source: str
    frame: pd.DataFrame
    lines: np.ndarray
    extra_cells: np.ndarray | None = None  # rows with more cells than the header (CSV)
    problems: list[Unresolved] = field(default_factory=list)  # records that are no rows at all
    unit: str = "line"  # how ``lines`` count: "line", "record", "feature", "row"
    notes: list[Unresolved] = field(default_factory=list)  # about the whole table (a column name repeated)

    def __len__(self) -> int:
        return len(self.frame)


def read_table(path: Path, data: bytes | None = None) -> RawTable:
    """The rows of an incident table (``data``: the file's bytes when already read, e.g. from stdin)."""
    name = path.name.lower().removesuffix(".gz")
    if name.endswith(".parquet"):
        return _read_parquet(path)
    if name.endswith((".xlsx", ".xlsm", ".xls", ".ods")):
        return _read_excel(path)
    if name.endswith((".gpkg", ".shp", ".fgb", ".gml", ".kml")) or name.endswith(".shp.zip"):
        return _read_gis(path)
    from geomap.ingest import decode_bytes, read_bytes

    raw = read_bytes(path) if data is None else data
    if name.endswith((".json", ".geojson")):
        return _read_json(path, decode_bytes(path, raw))
    return read_csv(path, raw, "\t" if name.endswith(".tsv") else None)


# -- CSV -------------------------------------------------------------------------------------------------

def read_csv(path: Path, data: bytes, delimiter: str | None = None, dates_only: bool = False,
             first_line: int = 0) -> RawTable:
    """CSV with a header row; columns typed by pyarrow where they parse, line numbers kept.

    ``dates_only``: just the date columns, as text (see :func:`geomap.scale.partition_date_evidence`);
    ``first_line``: lines of the file before ``data``'s first (a piece of a file read by the Dask engine).
    """
    from geomap.ingest import decode_bytes

    head = _head(data)
    plain = _is_plain_utf8(head)
    # Plain UTF-8 goes to pyarrow as it is (which checks the rest); only its start is decoded here.
    text = decode_bytes(path, head if plain else data)
    if delimiter is None:
        delimiter = sniff_delimiter(text[:20000])
    raw = _header(path, text, delimiter)
    header = unique_names(raw)
    utf8 = data if plain else text.encode("utf-8")
    fast = _read_csv_arrow(path, utf8, header, delimiter, dates_only)
    if fast is None:
        text = decode_bytes(path, data) if plain and len(head) < len(data) else text
        fast = _read_csv_python(path, text, header, delimiter, first_line)
    elif first_line:
        fast.lines = fast.lines + first_line
    if not len(fast) and not fast.problems:
        raise InputError(f"{path}: table has a header but no rows")
    fast.notes = repeated_columns(path, raw, "line 1")
    return fast


def sniff_delimiter(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def _head(data: bytes, size: int = 1 << 20) -> bytes:
    """The first ``size`` bytes or so, cut after a line end (never inside a character)."""
    if len(data) <= size:
        return data
    end = data.rfind(b"\n", 0, size)
    return data[: end + 1] if end > 0 else data


def _is_plain_utf8(data: bytes) -> bool:
    """No byte order mark, and valid UTF-8."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _header(path: Path, text: str, delimiter: str) -> list[str]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(f"{path}: table is empty") from None
    except csv.Error as exc:
        raise InputError(f"{path}: line 1: not a readable CSV header ({exc})") from None
    columns = [h.strip().lstrip("\ufeff") for h in header]
    if len(columns) < 2:
        raise InputError(f"{path}: line 1: expected a header row with several columns, found {header[:1]!r}")
    return columns


def repeated_columns(path: Path | str, raw: list[str], where: str) -> list[Unresolved]:
    """A note for each column name a header repeats (in any case): the first such column is read, the others
    are kept under the names :func:`unique_names` gives them."""
    unique = unique_names(raw)
    seen: dict[str, list[int]] = {}
    for i, name in enumerate(raw):
        if name:
            seen.setdefault(name.strip().lower(), []).append(i)
    notes = []
    for positions in seen.values():
        if len(positions) > 1:
            kept = ", ".join(repr(unique[i]) for i in positions[1:])
            notes.append(Unresolved(str(path), where, f"column {raw[positions[0]]!r} appears {len(positions)} times "
                                    f"in the header: the first is read, the others kept as {kept}"))
    return notes


def unique_names(columns: list[str]) -> list[str]:
    """Header names made unique ("x", "x_2") and never empty ("column_3").

    >>> unique_names(["a", "", "a"])
    ['a', 'column_2', 'a_2']
    """
    out: list[str] = []
    for i, name in enumerate(columns, start=1):
        name = name or f"column_{i}"
        candidate, n = name, 1
        while candidate in out:
            n += 1
            candidate = f"{name}_{n}"
        out.append(candidate)
    return out


def _read_csv_arrow(path: Path, data: bytes, header: list[str], delimiter: str,
                    dates_only: bool = False) -> RawTable | None:
    """The fast path: pyarrow's reader, when every row has the header's cells and no cell spans lines."""
    import pyarrow as pa
    import pyarrow.csv as pcsv

    odd = []

    def invalid(row):
        odd.append(row)
        return "skip"

    typed = set() if dates_only else typed_roles(header)
    wanted = date_columns(header) if dates_only else header
    columns = {name: (None if name in typed else pa.string()) for name in header}
    for attempt in ("typed", "text"):
        if attempt == "text":
            columns = {name: pa.string() for name in header}
        odd.clear()
        try:
            table = pcsv.read_csv(
                io.BytesIO(data),
                read_options=pcsv.ReadOptions(column_names=header, skip_rows=1, block_size=1 << 24),
                parse_options=pcsv.ParseOptions(delimiter=delimiter, newlines_in_values=False,
                                                invalid_row_handler=invalid),
                convert_options=pcsv.ConvertOptions(
                    column_types={k: v for k, v in columns.items() if v is not None}, null_values=[""],
                    strings_can_be_null=False, quoted_strings_can_be_null=False, timestamp_parsers=["%Y-%m-%d"],
                    include_columns=wanted),
            )
        except pa.ArrowInvalid as exc:
            if attempt == "text" or "conversion error" not in str(exc).lower() and "In CSV column" not in str(exc):
                return None
            continue
        if odd:
            return None  # rows with missing or extra cells: the careful reader reports them one by one
        break
    lines = _data_lines(data)
    if lines is None or len(lines) != table.num_rows:
        return None  # quoted line breaks inside cells: line numbers need the careful reader
    frame = arrow_frame(table, unguarded=True)
    frame.columns = wanted
    keep = _not_blank_or_tags(frame)
    if keep is not None:
        frame, lines = frame[keep].reset_index(drop=True), lines[keep]
    return RawTable(str(path), frame, lines)


def date_columns(header) -> list[str]:
    from geomap.columns import ColumnMap

    return list(ColumnMap.of(header).roles["date"]) or list(header[:1])


def arrow_frame(table, unguarded: bool = False) -> pd.DataFrame:
    """A pyarrow table as pandas columns: text columns with few distinct values as categories (each
    value stored once), integer columns with gaps as Int64; ``unguarded``: the formula guards geomap
    writes into CSV files removed (:func:`unguard`)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arrays = {}
    for name, column in zip(table.column_names, table.columns):
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            column = _unguard_arrow(column) if unguarded else column
            if len(column) > 1000:
                encoded = pc.dictionary_encode(column)
                if sum(len(chunk.dictionary) for chunk in encoded.chunks) <= len(column) // 4:
                    column = encoded
        arrays[name] = column
    frame = pa.table(arrays).to_pandas(split_blocks=True, self_destruct=True, date_as_object=False,
                                       types_mapper=_pandas_type)
    return frame


def _pandas_type(arrow_type):
    """Integer columns with empty cells stay integers (pandas' Int64), as written; text stays Python text."""
    import pyarrow as pa

    if pa.types.is_integer(arrow_type):
        return pd.Int64Dtype()
    return None


def _unguard_arrow(column):
    """:func:`unguard` on a pyarrow column."""
    import pyarrow.compute as pc

    if not pc.any(pc.starts_with(column, "'")).as_py():
        return column
    # A spreadsheet formula after the apostrophe (see geomap.export.FORMULA; pyarrow's regexes cannot look ahead).
    signed = pc.and_(pc.match_substring_regex(column, r"^'[+-]"),
                     pc.invert(pc.match_substring_regex(column, r"^'[+-][\d.]+$")))
    guarded = pc.or_(pc.match_substring_regex(column, r"^'[=@\t\r]"), signed)
    return pc.if_else(guarded, pc.utf8_slice_codeunits(column, 1), column)


def _data_lines(data: bytes) -> np.ndarray | None:
    """1-based numbers of the non-empty lines after the header (None when a quote could hide a line break)."""
    buf = np.frombuffer(data, dtype=np.uint8)
    ends = np.flatnonzero(buf == 10)
    starts = np.concatenate(([0], ends + 1))
    stops = np.concatenate((ends, [len(buf)]))
    length = stops - starts
    cr = (length > 0) & (buf[np.minimum(stops - 1, len(buf) - 1)] == 13)
    nonempty = (length - cr) > 0
    numbers = np.flatnonzero(nonempty) + 1
    if not len(numbers):
        return np.zeros(0, dtype=np.int64)
    return numbers[1:].astype(np.int64)


def _not_blank_or_tags(frame: pd.DataFrame) -> np.ndarray | None:
    """Rows to keep: not all cells empty, and not HDX's tag row under the header ("#date+year,#adm1+name")."""
    if not len(frame):
        return None
    text = [frame[c] for c in frame.columns if _is_text(frame[c])]
    keep = np.ones(len(frame), dtype=bool)
    if len(text) == len(frame.columns):
        keep &= ~np.logical_and.reduce([_blank(s) for s in text])
    first = [str(v).strip() for v in frame.iloc[0].tolist() if pd.notna(v) and str(v).strip()]
    if first and sum(v.startswith("#") for v in first) > len(first) / 2:
        keep[0] = False
    return None if keep.all() else keep


def _is_text(values: pd.Series) -> bool:
    if isinstance(values.dtype, pd.CategoricalDtype):
        return _is_text(pd.Series(values.cat.categories))
    return values.dtype == object or pd.api.types.is_string_dtype(values)


def _blank(values: pd.Series) -> np.ndarray:
    """Cells that are empty or only spaces (worked out once per distinct value)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    blank = np.array([not str(u).strip() for u in uniques] + [True], dtype=bool)
    return blank[codes]


# A quoted cell running over more lines than this is taken for a stray quote, not a cell with line breaks.
MAX_CELL_LINES = 100


def _read_csv_python(path: Path, text: str, header: list[str], delimiter: str, first_line: int = 0) -> RawTable:
    """The careful reader: rows with missing or extra cells, cells holding line breaks, and lines that are not
    CSV at all (a stray quote), each listed with its line while the rest is read. A row with more non-empty
    cells than the header is listed too: its cells cannot be told apart (an unquoted comma, "36,2")."""
    width = len(header)
    rows, lines, extra, problems = [], [], [], []
    for number, row, why, raw in _csv_records(text, delimiter):
        where = f"line {number + first_line}"
        if row is None:
            problems.append(Unresolved(str(path), where, why, raw))
        elif not any(cell.strip() for cell in row) or (not rows and _is_tag_row(row)):
            continue
        elif any(cell.strip() for cell in row[width:]):
            problems.append(Unresolved(str(path), where, f"{len(row)} cells where the header has {width}: a cell "
                                       "holding the delimiter unquoted (a decimal comma?)", raw))
        else:
            extra.append(len(row) > width)
            rows.append((row + [""] * width)[:width])
            lines.append(number + first_line)
    frame = pd.DataFrame(rows, columns=header, dtype=object) if rows else pd.DataFrame(columns=header)
    return RawTable(str(path), unguard(frame), np.asarray(lines, dtype=np.int64), np.asarray(extra, dtype=bool),
                    problems=problems)


class _Feed:
    """The lines of a text, handed to :mod:`csv` one record at a time: a record that cannot be read is
    reported and reading starts again on the next line."""

    def __init__(self, lines: list[str]):
        self.lines, self.i, self.stop = lines, 0, 0

    def __iter__(self):
        return self

    def __next__(self) -> str:
        if self.i >= min(len(self.lines), self.stop):
            raise StopIteration
        self.i += 1
        return self.lines[self.i - 1]


def _csv_records(text: str, delimiter: str):
    """(line number, cells, '', line) for each record after the header, or (line number, None, why, line) for
    a line that cannot be read (``line``: the record's first line as written, cut short). A record that
    swallowed following lines into a quoted cell and has the wrong number of cells is taken for a stray
    quote on its first line."""
    lines = io.StringIO(text, newline="").readlines()
    feed = _Feed(lines)
    width = None
    while feed.i < len(lines):
        start = feed.i
        feed.stop = start + MAX_CELL_LINES
        try:
            row = next(csv.reader(feed, delimiter=delimiter, strict=True))
        except StopIteration:
            break
        except csv.Error as exc:
            row, why = None, f"not readable as CSV ({exc}); the line is skipped, the rest read"
        else:
            why = ""
            if width is None:
                width = len(row)  # the header
                continue
            if feed.i - start > 1 and len(row) != width:
                row, why = None, "an unbalanced quote (the cell runs on over the next lines); the line is skipped"
        if row is None:
            feed.i = start + 1
        yield start + 1, row, why, lines[start].rstrip("\r\n")[:300]


def unguard(frame: pd.DataFrame) -> pd.DataFrame:
    """Remove the apostrophe geomap puts before a text cell a spreadsheet would run as a formula
    ("'=cmd" is read back as "=cmd"), so that a table written and read again keeps its values."""
    for column in frame.columns:
        values = frame[column]
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            if not values.astype(str).str.startswith("'").any():
                continue
            guarded = values.astype(str).str.match(r"'(?:[=@\t\r]|[+-](?![\d.]+$))", na=False) & values.notna()
            if guarded.any():
                frame[column] = values.where(~guarded, values.astype(str).str[1:])
    return frame


def _is_tag_row(row: list[str]) -> bool:
    cells = [c.strip() for c in row if c.strip()]
    return bool(cells) and sum(c.startswith("#") for c in cells) > len(cells) / 2


# -- JSON and GeoJSON ------------------------------------------------------------------------------------

def _read_json(path: Path, text: str) -> RawTable:
    from geomap.ingest import parse_json

    try:
        data = parse_json(text)
    except ValueError as exc:
        raise InputError(f"{path}: {exc}") from None
    kind = "record"
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        kind = "feature"
        features = data.get("features")
        records = [_feature_record(f) for f in features] if isinstance(features, list) else []
    elif isinstance(data, dict) and isinstance(data.get("data"), list):  # ACLED API responses
        records = data["data"]
    elif isinstance(data, list):
        records = data
    else:
        raise InputError(f"{path}: expected a list of incidents, a FeatureCollection or {{\"data\": [...]}}")
    table = records_table(path, records, kind)
    if not len(table):
        raise InputError(f"{path}: no incident records found")
    return table


def records_table(path: Path | str, records: list, kind: str = "record", numbers: list[int] | None = None) -> RawTable:
    """A table of JSON objects (keys in first-seen order); anything else is reported as a problem."""
    rows, lines, problems = [], [], []
    for i, record in enumerate(records):
        number = numbers[i] if numbers else i + 1
        if isinstance(record, dict):
            rows.append(record)
            lines.append(number)
        else:
            reason = record if isinstance(record, str) else f"not a JSON object ({_json_type(record)})"
            problems.append(Unresolved(str(path), f"{kind} {number}", reason))
    names = list(dict.fromkeys(str(k) for r in rows for k in r))
    frame = pd.DataFrame({n: pd.Series([_cell(r.get(n)) for r in rows], dtype=object) for n in names},
                         index=range(len(rows)))
    return RawTable(str(path), frame, np.asarray(lines, dtype=np.int64), problems=problems,
                    unit="line" if numbers else kind)  # JSON Lines count lines; a JSON array, its records


def _cell(value):
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return value


def _feature_record(feature) -> dict | str:
    """A GeoJSON feature's properties, with the point's coordinates; a string says what is wrong."""
    if not isinstance(feature, dict):
        return f"not a GeoJSON feature ({_json_type(feature)})"
    props = feature.get("properties")
    geom = feature.get("geometry")
    if props is not None and not isinstance(props, dict):
        return "feature properties are not a JSON object"
    if geom is not None and not isinstance(geom, dict):
        return "feature geometry is not a GeoJSON geometry"
    record = dict(props or {})
    coords = (geom or {}).get("coordinates")
    if (geom or {}).get("type") == "Point" and isinstance(coords, list) and len(coords) >= 2:
        record.setdefault("longitude", coords[0])
        record.setdefault("latitude", coords[1])
    return record


def _json_type(value) -> str:
    return {list: "an array", str: "a string", bool: "true/false", type(None): "null"}.get(type(value), "a number")


# -- Parquet, Excel, GIS -----------------------------------------------------------------------------------

def _read_parquet(path: Path) -> RawTable:
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except Exception as exc:  # pyarrow raises many types for a corrupt file
        raise InputError(f"{path}: cannot read Parquet ({type(exc).__name__}: {exc})") from None
    return arrow_table(path, table, geoparquet_geometry(path, table.schema.metadata), "row")


@dataclass(frozen=True)
class Geometry:
    """Where a table keeps its geometries: the column, its coordinate system (PROJJSON or a name such as
    "EPSG:32638"; None for longitude and latitude) and its encoding ("WKB", or a GeoArrow type such as "point")."""

    column: str
    crs: object = None
    encoding: str = "WKB"


def geoparquet_geometry(path: Path, metadata: dict | None) -> Geometry | None:
    """The primary geometry column of a GeoParquet file, from its "geo" metadata (None for plain Parquet)."""
    from geomap.ingest import parse_json

    raw = (metadata or {}).get(b"geo")
    if not raw:
        return None
    try:
        geo = parse_json(raw)
    except ValueError as exc:
        raise InputError(f"{path}: GeoParquet metadata: {exc}") from None
    if not isinstance(geo, dict) or not isinstance(geo.get("primary_column"), str):
        raise InputError(f"{path}: GeoParquet metadata names no primary geometry column")
    column = geo["primary_column"]
    described = (geo.get("columns") or {}).get(column)
    described = described if isinstance(described, dict) else {}
    return Geometry(column, described.get("crs"), str(described.get("encoding") or "WKB"))


def _read_gis(path: Path) -> RawTable:
    """GeoPackage, Shapefile, FlatGeobuf (the first layer), read by GDAL through pyogrio."""
    try:
        import pyogrio
    except ImportError:
        raise InputError(f"{path}: reading {path.suffix} files needs pyogrio: pip install pyogrio") from None
    try:
        meta, table = pyogrio.read_arrow(str(path))
    except Exception as exc:  # GDAL's errors come in several types
        raise InputError(f"{path}: cannot read this file ({type(exc).__name__}: {str(exc).splitlines()[0]})") from None
    geometry = Geometry(meta.get("geometry_name") or "wkb_geometry", meta.get("crs") or "EPSG:4326")
    return arrow_table(path, table, geometry, "feature")


def arrow_table(path: Path, table, geometry: Geometry | None, unit: str) -> RawTable:
    """A pyarrow table as a :class:`RawTable`; its geometries (when it has some) become longitude and latitude
    columns, unless it has such columns of its own."""
    xs = ys = None
    if geometry is not None and geometry.column in table.column_names:
        xs, ys = _points(path, table.column(geometry.column), geometry)
        table = table.drop_columns([geometry.column])
    frame = arrow_frame(table)
    if xs is not None:
        lower = {c.lower() for c in frame.columns}
        if not lower & {"longitude", "lon", "lng", "long", "x"}:
            frame["longitude"] = xs
        if not lower & {"latitude", "lat", "y"}:
            frame["latitude"] = ys
    frame.columns = unique_names([str(c) for c in frame.columns])
    if not len(frame):
        raise InputError(f"{path}: table has no rows")
    return RawTable(str(path), frame, np.arange(1, len(frame) + 1, dtype=np.int64), unit=unit)


def _points(path: Path, column, geometry: Geometry) -> tuple[np.ndarray, np.ndarray]:
    """Longitude and latitude of each geometry (a point, or the centre of a line or polygon), converted from
    the table's coordinate system when it is another."""
    import shapely

    try:
        if geometry.encoding.upper() == "WKB":
            geoms = shapely.from_wkb(column.to_numpy(zero_copy_only=False), on_invalid="ignore")
        else:
            geoms = _geoarrow(column, geometry.encoding.lower())
    except Exception as exc:  # shapely's and pyarrow's errors for a column that holds no such geometries
        raise InputError(f"{path}: geometry column {geometry.column!r} is not {geometry.encoding} geometry "
                         f"({type(exc).__name__})") from None
    if not shapely.is_empty(geoms).all() and (shapely.get_type_id(geoms) != 0).any():
        geoms = shapely.centroid(geoms)
    xs, ys = shapely.get_x(geoms), shapely.get_y(geoms)
    crs = geometry.crs
    if not _is_lonlat(crs):
        try:
            from pyproj import CRS, Transformer

            source = CRS.from_json_dict(crs) if isinstance(crs, dict) else CRS.from_user_input(crs)
            xs, ys = Transformer.from_crs(source, "EPSG:4326", always_xy=True).transform(xs, ys)
        except Exception as exc:  # pyproj's CRS errors
            name = crs.get("name", "its coordinate system") if isinstance(crs, dict) else crs
            raise InputError(f"{path}: cannot convert coordinates from {name} ({exc})") from None
    return np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)


# GeoArrow's native encodings: how many list levels hold the coordinates of one geometry.
_GEOARROW_DEPTH = {"point": 0, "linestring": 1, "multipoint": 1, "polygon": 2, "multilinestring": 2,
                   "multipolygon": 3}


def _geoarrow(column, encoding: str):
    """Shapely geometries from a GeoArrow column (nested lists of x/y structs or of interleaved coordinates)."""
    import pyarrow as pa
    import shapely

    array = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    offsets = []
    for _ in range(_GEOARROW_DEPTH[encoding]):
        offsets.append(np.asarray(array.offsets) - array.offsets[0].as_py())
        array = array.flatten()
    if pa.types.is_struct(array.type):
        coords = np.column_stack([array.field(0).to_numpy(zero_copy_only=False),
                                  array.field(1).to_numpy(zero_copy_only=False)])
    else:  # interleaved: fixed-size lists of 2 to 4 numbers
        size = array.type.list_size
        coords = array.flatten().to_numpy(zero_copy_only=False).reshape(-1, size)[:, :2]
    kind = getattr(shapely.GeometryType, encoding.upper())
    return shapely.from_ragged_array(kind, np.ascontiguousarray(coords, dtype=float),
                                     tuple(reversed(offsets)) or None)


def _is_lonlat(crs) -> bool:
    """Is ``crs`` longitude and latitude on WGS 84 (or not given, which GeoParquet reads as that)?"""
    if crs is None:
        return True
    if isinstance(crs, dict):
        ident = crs.get("id") or {}
        return (ident.get("authority"), str(ident.get("code"))) in (("EPSG", "4326"), ("OGC", "CRS84"))
    return str(crs).upper() in ("EPSG:4326", "OGC:CRS84", "WGS84")


def _read_excel(path: Path) -> RawTable:
    """The first sheet of a workbook, header in the first row; line numbers are the sheet's row numbers."""
    try:
        frame = pd.read_excel(path, sheet_name=0, dtype=object, engine="calamine", keep_default_na=False,
                              header=None)
    except ImportError:
        raise InputError(f"{path}: reading Excel files needs python-calamine: pip install python-calamine") from None
    except Exception as exc:  # calamine's errors for a broken workbook
        raise InputError(f"{path}: cannot read this workbook ({type(exc).__name__}: {exc})") from None
    if not len(frame):
        raise InputError(f"{path}: the first sheet is empty")
    raw = [_header_cell(v) for v in frame.iloc[0].tolist()]
    frame = frame.iloc[1:].reset_index(drop=True)
    frame.columns = unique_names(raw)
    if len(frame.columns) < 2:
        raise InputError(f"{path}: row 1: expected a header row with several columns")
    lines = np.arange(2, len(frame) + 2, dtype=np.int64)
    keep = _not_blank_or_tags(frame.astype(str).replace({"nan": "", "None": ""}))
    if keep is not None:
        frame, lines = frame[keep].reset_index(drop=True), lines[keep]
    if not len(frame):
        raise InputError(f"{path}: table has a header but no rows")
    return RawTable(str(path), frame, lines, unit="row", notes=repeated_columns(path, raw, "row 1"))


def _header_cell(value) -> str:
    if value is None or (isinstance(value, float) and (np.isnan(value) or value.is_integer())):
        return "" if value is None or np.isnan(value) else str(int(value))
    return str(value).strip()
