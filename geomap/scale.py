"""Aggregation beyond one machine's memory: dask-geopandas over partitions, on any Dask scheduler.

The data are read in partitions (CSV blocks, GeoParquet row groups), joined to the admin-1
polygons by dask-geopandas, counted per partition and summed: memory stays bounded by
the partition size whatever the number of rows. Without a scheduler address a local
cluster is started (one worker per core); with ``--scheduler tcp://host:8786`` the same
graph runs on a multi-node cluster.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

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
    """A dask DataFrame with event_date, latitude, longitude, fatalities (+ admin1 when present)."""
    _need_dask()
    import dask.dataframe as dd

    frames = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        name = path.name.lower()
        if name.endswith(".parquet") or path.is_dir():
            import dask_geopandas

            try:
                gdf = dask_geopandas.read_parquet(str(path))
                frame = gdf.assign(longitude=gdf.geometry.x, latitude=gdf.geometry.y).drop(columns=gdf.geometry.name)
            except (ValueError, KeyError, TypeError):
                frame = dd.read_parquet(str(path))
        elif name.endswith((".csv", ".csv.gz", ".tsv")):
            compression = "gzip" if name.endswith(".gz") else None
            frame = dd.read_csv(str(path), blocksize=None if compression else blocksize, compression=compression,
                                sep="\t" if name.endswith(".tsv") else ",", dtype=str, assume_missing=True)
        else:
            raise InputError(f"{path}: --engine dask reads CSV and GeoParquet, not {path.suffix or 'this file'}")
        frames.append(_standard_columns(frame, path))
    return frames[0] if len(frames) == 1 else dd.concat(frames)


def _standard_columns(frame, path: Path):
    import dask.dataframe as dd

    columns = {c.lower(): c for c in frame.columns}
    date = next((columns[c] for c in DATE_COLUMNS if c in columns), None)
    if date is None or "latitude" not in columns or "longitude" not in columns:
        raise InputError(f"{path}: --engine dask needs columns event_date (or date_start), latitude and longitude")
    fatalities = next((columns[c] for c in FATALITY_COLUMNS if c in columns), None)
    out = frame[[date, columns["latitude"], columns["longitude"]] + ([fatalities] if fatalities else [])]
    out.columns = ["event_date", "latitude", "longitude"] + (["fatalities"] if fatalities else [])
    out = out.assign(
        event_date=dd.to_datetime(out["event_date"], errors="coerce", format="mixed"),
        latitude=dd.to_numeric(out["latitude"], errors="coerce"),
        longitude=dd.to_numeric(out["longitude"], errors="coerce"),
    )
    if "fatalities" in out.columns:
        out = out.assign(fatalities=dd.to_numeric(out["fatalities"], errors="coerce").fillna(0).astype("int64"))
    else:
        out = out.assign(fatalities=0)
    return out.dropna(subset=["event_date", "latitude", "longitude"])


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
                   client=None, progress: bool = False) -> pd.DataFrame:
    """Events and fatalities per admin-1 and period for a (possibly huge) dask table of points.

    The spatial join is dask-geopandas' (an inner join); points that fall in no polygon
    (at sea, bad coordinates) are not dropped but counted on a row without admin-1.
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
    if client is not None:
        futures = client.compute([located, everything])
        if progress:
            from distributed import progress as show_progress

            show_progress(futures)  # a text bar on the terminal while the cluster works
        located, everything = client.gather(futures)
    else:
        import dask

        located, everything = dask.compute(located, everything)
    located = located.reset_index()
    names = names or {}
    outside = everything.sub(located.groupby("period")[["events", "fatalities"]].sum(), fill_value=0)
    outside = outside[outside["events"] > 0].reset_index().assign(country=None, admin1=None)
    totals = pd.concat([located, outside], ignore_index=True)
    totals["admin1_name"] = totals["admin1"].map(lambda code: names.get(code, "") if code else "")
    totals[["events", "fatalities"]] = totals[["events", "fatalities"]].astype("int64")
    return totals.sort_values(["period", "country", "admin1"], na_position="last")[COLUMNS].reset_index(drop=True)
