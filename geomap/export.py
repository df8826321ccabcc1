"""Write incidents and count tables: JSON Lines, CSV, GeoJSON or GeoParquet, by file suffix."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from geomap.errors import OptionError
from geomap.models import Incident

# The flat ACLED-style fields, in the order analysts know them, then provenance.
RECORD_FIELDS = [
    "event_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2", "fatalities",
    "location", "latitude", "longitude", "country", "admin1", "admin1_name", "geo_precision", "source", "notes",
    "article_title", "sentence_start", "sentence_end", "sources",
]


def _records(incidents: Sequence[Incident]) -> list[dict]:
    out = []
    for incident in incidents:
        record = incident.to_record()
        out.append({k: record[k] for k in RECORD_FIELDS})
    return out


def incidents_text(incidents: Sequence[Incident], fmt: str) -> str:
    records = _records(incidents)
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    if fmt == "json":  # one array, the form a .json file is expected to hold (and geomap reads back)
        return json.dumps(records, ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=RECORD_FIELDS, lineterminator="\n")
        writer.writeheader()
        for r in records:
            writer.writerow({**r, "sources": "|".join(r["sources"])})
        return buf.getvalue()
    if fmt == "geojson":
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


def write_incidents(incidents: Sequence[Incident], path: Path | None) -> None:
    from geomap.render.output import write_atomic

    fmt = _format(path, "jsonl", ("jsonl", "json", "csv", "geojson", "parquet"))
    if fmt == "parquet":
        write_geoparquet(incidents, path)
    elif path is None:
        sys.stdout.write(incidents_text(incidents, fmt))
    else:
        write_atomic(path, incidents_text(incidents, fmt))


def write_geoparquet(incidents: Sequence[Incident], path: Path) -> None:
    import geopandas as gpd

    from geomap.render.output import write_atomic

    frame = pd.DataFrame(_records(incidents), columns=RECORD_FIELDS)
    frame["sources"] = frame["sources"].map("|".join)
    gdf = gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["longitude"], frame["latitude"]), crs=4326)
    buf = io.BytesIO()
    gdf.to_parquet(buf)
    write_atomic(path, buf.getvalue())


def write_table(table: pd.DataFrame, path: Path | None) -> None:
    from geomap.render.output import write_atomic

    fmt = _format(path, "csv", ("csv", "jsonl", "json", "parquet"))
    if fmt == "csv":
        text = table.to_csv(index=False, lineterminator="\n")
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
