"""Incident tables: CSV, JSON and GeoJSON with ACLED or UCDP GED columns."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from geomap.errors import InputError
from geomap.models import TableRow, Unresolved


def read_table(path: Path) -> tuple[list[TableRow], list[Unresolved]]:
    """The incident rows of a table, and the records that are not incidents at all (with why)."""
    from geomap.ingest import decode

    name = path.name.lower().removesuffix(".gz")
    if name.endswith(".parquet"):
        return _read_parquet(path), []
    text = decode(path)
    if name.endswith((".json", ".geojson")):
        return _read_json(path, text)
    return _read_csv(path, text, "\t" if name.endswith(".tsv") else None), []


def _read_csv(path: Path, text: str, delimiter: str | None) -> list[TableRow]:
    sample = text[:20000]
    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
        except csv.Error:
            delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(f"{path}: table is empty") from None
    except csv.Error as exc:
        raise InputError(f"{path}: line 1: not a readable CSV header ({exc})") from None
    columns = [h.strip().lower().lstrip("\ufeff") for h in header]
    if len(columns) < 2:
        raise InputError(f"{path}: line 1: expected a header row with several columns, found {header[:1]!r}")
    rows = []
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if _is_hxl_tags(row):  # HDX's tag row under the header ("#date+year,#adm1+name,...")
                continue
            values = dict(zip(columns, row))
            if len(row) > len(columns):
                values["_extra"] = row[len(columns):]
            elif len(row) < len(columns):
                values["_missing"] = columns[len(row):]
            rows.append(TableRow(str(path), line, values))
    except csv.Error as exc:
        raise InputError(f"{path}: line {reader.line_num}: corrupt CSV ({exc})") from None
    if not rows:
        raise InputError(f"{path}: table has a header but no rows")
    return rows


def _read_json(path: Path, text: str) -> tuple[list[TableRow], list[Unresolved]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: line {exc.lineno}: not valid JSON ({exc.msg})") from None
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
    rows, problems = [], []
    for number, record in enumerate(records, start=1):
        if isinstance(record, dict):
            rows.append(TableRow(str(path), number, {str(k).lower(): v for k, v in record.items()}))
        else:
            reason = record if isinstance(record, str) else f"not a JSON object ({_json_type(record)})"
            problems.append(Unresolved(str(path), f"{kind} {number}", reason))
    if not rows:
        raise InputError(f"{path}: no incident records found")
    return rows, problems


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


def _read_parquet(path: Path) -> list[TableRow]:
    import geopandas as gpd
    import pandas as pd

    try:
        try:
            frame = gpd.read_parquet(path)
            frame["longitude"] = frame.geometry.x
            frame["latitude"] = frame.geometry.y
            frame = pd.DataFrame(frame.drop(columns=frame.geometry.name))
        except (ValueError, KeyError):
            frame = pd.read_parquet(path)
    except Exception as exc:  # pyarrow raises many types for a corrupt file
        raise InputError(f"{path}: cannot read Parquet ({type(exc).__name__}: {exc})") from None
    frame.columns = [str(c).lower() for c in frame.columns]
    return [TableRow(str(path), i + 1, rec) for i, rec in enumerate(frame.to_dict("records"))]


def _is_hxl_tags(row: list[str]) -> bool:
    cells = [c.strip() for c in row if c.strip()]
    return bool(cells) and sum(c.startswith("#") for c in cells) > len(cells) / 2
