"""Aggregation beyond one machine's memory: dask-geopandas over partitions, on any Dask scheduler.

The data are read in partitions (CSV blocks, GeoParquet row groups), joined to the admin-1
polygons by dask-geopandas, counted per partition and summed: memory stays bounded by
the partition size whatever the number of rows. Without a scheduler address a local
cluster is started (one worker per core); with ``--scheduler tcp://host:8786`` the same
graph runs on a multi-node cluster.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from geomap.aggregate import COLUMNS, period_labels
from geomap.errors import GeomapError, InputError

DATE_COLUMNS = ("event_date", "date_start", "date")
FATALITY_COLUMNS = ("fatalities", "best", "deaths")


def _need_dask():
    try:
        import dask.dataframe  # noqa: F401
        import dask_geopandas  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        raise GeomapError("--engine dask needs the dask extra: pip install 'geomap[dask]'") from None


@contextlib.contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None) -> Iterator:
    """A client on ``scheduler`` (an address such as tcp://10.0.0.5:8786), else on a local cluster."""
    _need_dask()
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    n = workers or max(1, os.cpu_count() or 1)
    with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        yield client


def read_points(paths: Sequence[str | Path], blocksize: str = "64MB"):
    """A dask DataFrame of the rows as read: source, event_date, latitude, longitude, fatalities (as text)."""
    _need_dask()
    import dask.dataframe as dd

    frames = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        name = path.name.lower()
        if path.is_dir() and not any(path.rglob("*.parquet")):
            raise InputError(f"{path}: --engine dask reads CSV and GeoParquet tables; this folder holds none "
                             "(text is read by the default engine)")
        if name.endswith(".parquet") or path.is_dir():
            frame = _read_parquet(path)
        elif name.endswith((".csv", ".csv.gz", ".tsv")):
            compression = "gzip" if name.endswith(".gz") else None
            frame = dd.read_csv(str(path), blocksize=None if compression else blocksize, compression=compression,
                                sep="\t" if name.endswith(".tsv") else ",", dtype=str, assume_missing=True,
                                keep_default_na=False)
        else:
            raise InputError(f"{path}: --engine dask reads CSV and GeoParquet, not {path.suffix or 'this file'}")
        frames.append(_standard_columns(frame, path))
    return frames[0] if len(frames) == 1 else dd.concat(frames)


def _read_parquet(path: Path):
    import dask.dataframe as dd
    import dask_geopandas

    try:
        try:
            gdf = dask_geopandas.read_parquet(str(path))
            # Plain frames of the point coordinates: no geometry, and none of its spatial attrs to carry along.
            return gdf.map_partitions(_point_columns, meta=_point_columns(gdf._meta))
        except (ValueError, KeyError, TypeError):
            return dd.read_parquet(str(path))
    except Exception as exc:  # pyarrow raises many types for a corrupt file
        raise InputError(f"{path}: cannot read Parquet ({type(exc).__name__}: {exc})") from None


def _point_columns(part) -> pd.DataFrame:
    columns = {c: part[c].to_numpy() for c in part.columns if c != part.geometry.name}
    return pd.DataFrame({**columns, "longitude": part.geometry.x.to_numpy(), "latitude": part.geometry.y.to_numpy()},
                        index=part.index)


def _standard_columns(frame, path: Path):
    columns = {c.lower(): c for c in frame.columns}
    date = next((columns[c] for c in DATE_COLUMNS if c in columns), None)
    if date is None or "latitude" not in columns or "longitude" not in columns:
        raise InputError(f"{path}: --engine dask needs columns event_date (or date_start), latitude and longitude")
    fatalities = next((columns[c] for c in FATALITY_COLUMNS if c in columns), None)
    out = frame[[date, columns["latitude"], columns["longitude"]] + ([fatalities] if fatalities else [])]
    out.columns = ["event_date", "latitude", "longitude"] + (["fatalities"] if fatalities else [])
    if not fatalities:
        out = out.assign(fatalities="")
    return out.astype(str).assign(source=str(path))[list(_RAW)]


_RAW = {"source": object, "event_date": object, "latitude": object, "longitude": object, "fatalities": object}
_CHECKED = {"event_date": "datetime64[ns]", "latitude": "float64", "longitude": "float64", "fatalities": "int64",
            "reason": object, "swapped": bool, "text": object}


def check_points(raw, today: dt.date | None = None):
    """The rows the default engine would use, by the same rules (dates, ranges, swapped coordinates),
    and a reason for each row it would not: ``(points, checked)`` where ``checked`` keeps every row."""
    today = today or dt.date.today()
    meta = pd.DataFrame({k: pd.Series(dtype=v) for k, v in {**_RAW, **_CHECKED}.items()})
    checked = raw.map_partitions(_check_partition, today, meta=meta)
    points = checked[checked["reason"] == ""][["event_date", "latitude", "longitude", "fatalities"]]
    return points, checked


def _check_partition(part: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    from geomap.boundaries import swapped_points
    from geomap.resolve import MAX_FATALITIES, parse_table_date

    text = part["event_date"].fillna("").astype(str).str.strip()
    dates = {value: parse_table_date(value) for value in text.unique()}  # few distinct dates per partition
    parsed = pd.to_datetime(text.map(dates))
    lat_text, lon_text = part["latitude"].astype(str).str.strip(), part["longitude"].astype(str).str.strip()
    lat, lon = pd.to_numeric(lat_text, errors="coerce"), pd.to_numeric(lon_text, errors="coerce")
    fat_text = part["fatalities"].fillna("").astype(str).str.strip()
    fat = pd.to_numeric(fat_text.where(fat_text != "", "0"), errors="coerce")
    # Each check: rows that fail it, and the reason (built for those rows only). The last failing check wins,
    # so the order is that of the default engine's messages, last first.
    checks = [
        (fat.isna() | (fat < 0) | (fat > MAX_FATALITIES) | (fat.fillna(0) % 1 != 0),
         lambda rows: "fatalities " + fat_text[rows].map(repr) + " is not a plausible count"),
        (lon.isna() | (lon.abs() > 180), lambda rows: "longitude " + lon_text[rows].map(repr) + " is out of range"),
        (lat.isna() | (lat.abs() > 90), lambda rows: "latitude " + lat_text[rows].map(repr) + " is out of range"),
        ((lat_text == "") | (lon_text == ""),
         lambda rows: "no coordinates (--engine dask does not look up place names: use the default engine)"),
        (parsed > pd.Timestamp(today + dt.timedelta(days=1)),
         lambda rows: "date " + parsed[rows].dt.strftime("%Y-%m-%d") + " is in the future"),
        (parsed.isna(), lambda rows: "unreadable date " + text[rows].map(repr)),
        (text == "", lambda rows: "no date"),
    ]
    reason = pd.Series("", index=part.index, dtype=object)
    for bad, why in checks:
        if bad.any():
            reason[bad] = why(bad)
    usable = (reason == "").to_numpy()
    swapped = np.zeros(len(part), dtype=bool)
    if usable.any():
        swapped[usable] = swapped_points(lon[usable].to_numpy(), lat[usable].to_numpy())
    raw = pd.Series("", index=part.index, dtype=object)
    if not usable.all():
        rows = ~usable
        raw[rows] = ("event_date=" + text[rows] + ", latitude=" + lat_text[rows] + ", longitude=" + lon_text[rows]
                     + ", fatalities=" + fat_text[rows])
    fatalities = fat.fillna(0).clip(0, MAX_FATALITIES).astype("int64")
    return part.assign(event_date=parsed.where(usable), latitude=lat.mask(swapped, lon),
                       longitude=lon.mask(swapped, lat), fatalities=fatalities, reason=reason, swapped=swapped,
                       text=raw)


def _partial_counts(part: pd.DataFrame, period: str) -> pd.DataFrame:
    part = part[~part.index.duplicated(keep="first")]  # a point on a shared border counts once
    return (
        part.assign(period=period_labels(part["event_date"], period), events=1)
        .groupby(["country", "admin1", "period"], sort=False)[["events", "fatalities"]]
        .sum()
        .reset_index()
    )


_META = {"country": object, "admin1": object, "period": object, "events": "int64", "fatalities": "int64"}


def aggregate_dask(points, period: str = "month", names: dict[str, str] | None = None,
                   client=None, progress: bool = False, checked=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Events and fatalities per admin-1 and period for a (possibly huge) dask table of points.

    The spatial join is dask-geopandas' (an inner join); points that fall in no polygon
    (at sea, bad coordinates) are not dropped but counted on a row without admin-1.
    With ``checked`` (from :func:`check_points`) the same pass also counts the rows by
    reason for rejection ("" = used) and the swapped coordinates repaired: the second
    frame returned (empty without it).
    """
    _need_dask()
    import dask_geopandas

    from geomap.boundaries import admin1_frame

    meta = pd.DataFrame({k: pd.Series(dtype=v) for k, v in _META.items()})
    polygons = dask_geopandas.from_geopandas(admin1_frame()[["iso", "country", "geometry"]], npartitions=1)
    geo = dask_geopandas.from_dask_dataframe(
        points, geometry=dask_geopandas.points_from_xy(points, "longitude", "latitude", crs="EPSG:4326"))
    joined = geo.sjoin(polygons, predicate="intersects")
    joined = joined[["event_date", "fatalities", "iso", "country"]].rename(columns={"iso": "admin1"})
    # Few groups (governorates x periods): a tree reduction, no shuffle.
    located = joined.map_partitions(_partial_counts, period, meta=meta).groupby(
        ["country", "admin1", "period"]).sum(split_out=1)
    everything = points.assign(country="", admin1="").map_partitions(_partial_counts, period, meta=meta)
    everything = everything.groupby("period")[["events", "fatalities"]].sum(split_out=1)
    graphs = [located, everything]
    if checked is not None:
        graphs.append(checked.assign(rows=1)[["reason", "rows", "swapped"]].groupby("reason").sum(split_out=1))
    if client is not None:
        futures = client.compute(graphs)
        if progress:
            from distributed import progress as show_progress

            show_progress(futures)  # a text bar on the terminal while the cluster works
        results = client.gather(futures)
    else:
        import dask

        results = dask.compute(*graphs)
    located, everything = results[0].reset_index(), results[1]
    accounting = results[2] if checked is not None else pd.DataFrame(columns=["rows", "swapped"])
    names = names or {}
    outside = everything.sub(located.groupby("period")[["events", "fatalities"]].sum(), fill_value=0)
    outside = outside[outside["events"] > 0].reset_index().assign(country=None, admin1=None)
    totals = pd.concat([located, outside], ignore_index=True)
    totals["admin1_name"] = totals["admin1"].map(lambda code: names.get(code, "") if code else "")
    totals[["events", "fatalities"]] = totals[["events", "fatalities"]].astype("int64")
    table = totals.sort_values(["period", "country", "admin1"], na_position="last")[COLUMNS].reset_index(drop=True)
    return table, accounting


def write_rejected(checked, path: Path) -> None:
    """The rows not used, with why, in the columns of the default engine's --unresolved file."""
    rejected = checked[checked["reason"] != ""]
    rejected.assign(where="row")[["source", "where", "reason", "text"]].to_csv(str(path), single_file=True,
                                                                             index=False)
