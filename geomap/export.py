"""Write incidents and count tables: JSON Lines, CSV, GeoJSON or GeoParquet, by file suffix."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd

from geomap.atomic import STDOUT, write_atomic, write_stdout
from geomap.errors import OptionError
from geomap.frame import output_frame

# A text cell a spreadsheet would run as a formula: "=...", "@...", "+..."/"-..." that are not numbers.
FORMULA = r"^(?:[=@\t\r]|[+-](?![\d.]+$))"
GUARD = "'"


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells that would run as a formula get a leading apostrophe (shown as text by spreadsheets,
    removed again by geomap when it reads the file back: see :func:`geomap.tables.unguard`)."""
    out = frame.copy(deep=False)
    for column in out.columns:
        values = out[column]
        if isinstance(values.dtype, pd.CategoricalDtype):
            categories = pd.Series(values.cat.categories.astype(object))
            risky = categories.astype(str).str.contains(FORMULA, regex=True, na=False) & categories.notna()
            if risky.any():
                renamed = categories.where(~risky, GUARD + categories.astype(str))
                out[column] = pd.Categorical.from_codes(values.cat.codes, categories=pd.Index(
                    renamed.to_numpy(dtype=object), dtype=object)) if renamed.is_unique else values.astype(object)
                if not renamed.is_unique:
                    text = out[column].astype(str)
                    out[column] = out[column].where(~text.str.contains(FORMULA, regex=True, na=False), GUARD + text)
        elif values.dtype == object or pd.api.types.is_string_dtype(values):
            text = values.astype(str)
            risky = text.str.contains(FORMULA, regex=True, na=False) & values.notna()
            if risky.any():
                out[column] = values.where(~risky, GUARD + text)
    return out


def incidents_text(frame: pd.DataFrame, fmt: str) -> str:
    """An incident frame as JSON Lines, a JSON array, CSV or GeoJSON text (see :func:`output_frame`)."""
    out = output_frame(frame, sources="text" if fmt == "csv" else "list")
    if fmt == "jsonl":
        return out.to_json(orient="records", lines=True, force_ascii=False, date_format="iso") if len(out) else ""
    if fmt == "json":  # one array, the form a .json file is expected to hold (and geomap reads back)
        return out.to_json(orient="records", force_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        return spreadsheet_safe(out).to_csv(index=False, lineterminator="\n")
    if fmt == "geojson":
        records = json.loads(out.to_json(orient="records", force_ascii=False))
        features = [
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]},
             "properties": r}
            for r in records
        ]
        return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False) + "\n"
    raise OptionError(f"unknown output format {fmt!r}")


def check_output(path: Path | None, allowed: tuple[str, ...]) -> None:
    """Fail before the work, not after it, when the output file type is not one geomap writes."""
    _format(path, allowed[0], allowed)


def _format(path: Path | None, default: str, allowed: tuple[str, ...]) -> str:
    if path is None or str(path) == STDOUT:
        return default
    suffix = path.suffix.lower().lstrip(".")
    fmt = {"ndjson": "jsonl"}.get(suffix, suffix)
    if fmt not in allowed:
        raise OptionError(f"cannot write {path.name}: use one of {', '.join('.' + a for a in allowed)}")
    return fmt


def write_incidents(frame: pd.DataFrame, path: Path | None) -> None:
    """Write an incident frame to ``path`` (format by suffix), or JSON Lines to stdout."""
    fmt = _format(path, "jsonl", ("jsonl", "json", "csv", "geojson", "parquet"))
    if fmt == "parquet":
        write_geoparquet(frame, path)
    elif path is None:
        write_stdout(incidents_text(frame, fmt))
    else:
        write_atomic(path, incidents_text(frame, fmt))


def write_geoparquet(frame: pd.DataFrame, path: Path) -> None:
    """An incident frame as GeoParquet (point geometry as WKB, EPSG:4326), written with pyarrow directly."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = output_frame(frame, sources="text")
    table = pa.Table.from_pandas(out, preserve_index=False)
    table = table.append_column("geometry", point_wkb(out["longitude"].to_numpy(dtype=float),
                                                     out["latitude"].to_numpy(dtype=float)))
    geo = {"version": "1.0.0", "primary_column": "geometry",
           "columns": {"geometry": {"encoding": "WKB", "geometry_types": ["Point"], "crs": _WGS84}}}
    if len(out):
        geo["columns"]["geometry"]["bbox"] = [float(out["longitude"].min()), float(out["latitude"].min()),
                                              float(out["longitude"].max()), float(out["latitude"].max())]
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), b"geo": json.dumps(geo).encode()})
    # Dictionary pages for columns of repeated values (categories, numbers), not for a million distinct ids;
    # statistics (for readers' filters) on the numbers.
    repeated = [f.name for f in table.schema if pa.types.is_dictionary(f.type) or pa.types.is_integer(f.type) or
                pa.types.is_floating(f.type)]
    numbers = [f.name for f in table.schema if pa.types.is_integer(f.type) or pa.types.is_floating(f.type)]
    buf = io.BytesIO()
    pq.write_table(table, buf, compression="snappy", use_dictionary=repeated, write_statistics=numbers)
    write_atomic(path, buf.getvalue())


def point_wkb(xs: np.ndarray, ys: np.ndarray):
    """Points as a pyarrow array of little-endian WKB (21 bytes each), without making point objects."""
    import pyarrow as pa

    n = len(xs)
    record = np.dtype([("order", "u1"), ("kind", "<u4"), ("x", "<f8"), ("y", "<f8")])  # packed: 21 bytes
    data = np.empty(n, dtype=record)
    data["order"], data["kind"], data["x"], data["y"] = 1, 1, xs, ys
    offsets = np.arange(n + 1, dtype=np.int32) * record.itemsize
    return pa.Array.from_buffers(pa.binary(), n, [None, pa.py_buffer(offsets), pa.py_buffer(data.tobytes())])


# EPSG:4326 as PROJJSON (what GeoParquet readers expect in the "crs" field), written out once.
_WGS84 = {"$schema": "https://proj.org/schemas/v0.7/projjson.schema.json", "type": "GeographicCRS",
          "name": "WGS 84", "datum_ensemble": {"name": "World Geodetic System 1984 ensemble", "members": [
              {"name": "World Geodetic System 1984 (Transit)"}, {"name": "World Geodetic System 1984 (G730)"},
              {"name": "World Geodetic System 1984 (G873)"}, {"name": "World Geodetic System 1984 (G1150)"},
              {"name": "World Geodetic System 1984 (G1674)"}, {"name": "World Geodetic System 1984 (G1762)"},
              {"name": "World Geodetic System 1984 (G2139)"}, {"name": "World Geodetic System 1984 (G2296)"}],
              "ellipsoid": {"name": "WGS 84", "semi_major_axis": 6378137, "inverse_flattening": 298.257223563},
              "accuracy": "2.0", "id": {"authority": "EPSG", "code": 6326}},
          "coordinate_system": {"subtype": "ellipsoidal", "axis": [
              {"name": "Geodetic latitude", "abbreviation": "Lat", "direction": "north", "unit": "degree"},
              {"name": "Geodetic longitude", "abbreviation": "Lon", "direction": "east", "unit": "degree"}]},
          "id": {"authority": "EPSG", "code": 4326}}


def write_table(table: pd.DataFrame, path: Path | None) -> None:
    """Write a count table to ``path`` (format by suffix), or CSV to stdout."""
    fmt = _format(path, "csv", ("csv", "jsonl", "json", "parquet"))
    if fmt == "csv":
        text = spreadsheet_safe(table).to_csv(index=False, lineterminator="\n")
    elif fmt == "jsonl":
        text = table.to_json(orient="records", lines=True, force_ascii=False)
    elif fmt == "json":
        text = table.to_json(orient="records", force_ascii=False, indent=1) + "\n"
    else:
        buf = io.BytesIO()
        table.to_parquet(buf, index=False)
        write_atomic(path, buf.getvalue())
        return
    if path is None:
        write_stdout(text)
    else:
        write_atomic(path, text)


def write_unresolved(items, path: Path) -> None:
    """What was not mapped, and why, as CSV (source, where, reason, text); formulas guarded."""

    frame = pd.DataFrame([u.to_record() for u in items], columns=["source", "where", "reason", "text"])
    write_atomic(path, spreadsheet_safe(frame).to_csv(index=False, lineterminator="\n"))
