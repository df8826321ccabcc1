"""Write incidents and count tables: JSON Lines, CSV, GeoJSON or GeoParquet, by file suffix."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pandas as pd

from geomap.errors import OptionError
from geomap.frame import output_frame

# A text cell a spreadsheet would run as a formula: "=...", "@...", "+..."/"-..." that are not numbers.
FORMULA = r"^(?:[=@\t\r]|[+-](?![\d.]+$))"
GUARD = "'"


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells that would run as a formula get a leading apostrophe (shown as text by spreadsheets,
    removed again by geomap when it reads the file back: see :func:`geomap.tables.unguard`)."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            text = values.astype(str)
            risky = text.str.contains(FORMULA, regex=True, na=False) & values.notna()
            if risky.any():
                out[column] = values.where(~risky, GUARD + text)
    return out


def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    """Sources as one "a|b" cell, for CSV and Parquet."""
    out = frame.copy()
    out["sources"] = out["sources"].map(lambda v: "|".join(v) if isinstance(v, list) else (v or ""))
    return out


def incidents_text(frame: pd.DataFrame, fmt: str) -> str:
    """An incident frame as JSON Lines, a JSON array, CSV or GeoJSON text (see :func:`output_frame`)."""
    out = output_frame(frame)
    if fmt == "jsonl":
        return out.to_json(orient="records", lines=True, force_ascii=False, date_format="iso") if len(out) else ""
    if fmt == "json":  # one array, the form a .json file is expected to hold (and geomap reads back)
        return out.to_json(orient="records", force_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        return spreadsheet_safe(_flat(out)).to_csv(index=False, lineterminator="\n")
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
    if path is None:
        return default
    suffix = path.suffix.lower().lstrip(".")
    fmt = {"ndjson": "jsonl"}.get(suffix, suffix)
    if fmt not in allowed:
        raise OptionError(f"cannot write {path.name}: use one of {', '.join('.' + a for a in allowed)}")
    return fmt


def write_incidents(frame: pd.DataFrame, path: Path | None) -> None:
    """Write an incident frame to ``path`` (format by suffix), or JSON Lines to stdout."""
    from geomap.atomic import write_atomic

    fmt = _format(path, "jsonl", ("jsonl", "json", "csv", "geojson", "parquet"))
    if fmt == "parquet":
        write_geoparquet(frame, path)
    elif path is None:
        sys.stdout.write(incidents_text(frame, fmt))
    else:
        write_atomic(path, incidents_text(frame, fmt))


def write_geoparquet(frame: pd.DataFrame, path: Path) -> None:
    import geopandas as gpd

    from geomap.atomic import write_atomic

    out = _flat(output_frame(frame))
    gdf = gpd.GeoDataFrame(out, geometry=gpd.points_from_xy(out["longitude"], out["latitude"]), crs=4326)
    buf = io.BytesIO()
    gdf.to_parquet(buf)
    write_atomic(path, buf.getvalue())


def write_table(table: pd.DataFrame, path: Path | None) -> None:
    from geomap.atomic import write_atomic

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
        sys.stdout.write(text)
    else:
        write_atomic(path, text)


def write_unresolved(items, path: Path) -> None:
    """What was not mapped, and why, as CSV (source, where, reason, text); formulas guarded."""
    from geomap.atomic import write_atomic

    frame = pd.DataFrame([u.to_record() for u in items], columns=["source", "where", "reason", "text"])
    write_atomic(path, spreadsheet_safe(frame).to_csv(index=False, lineterminator="\n"))
