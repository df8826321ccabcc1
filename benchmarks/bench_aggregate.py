"""Aggregation speed and memory: plain geopandas sjoin vs geomap, and the Dask path at scale.

    python benchmarks/bench_aggregate.py [--rows 1000000] [--dask-rows 10000000] [--workers 2]

1. The same 1M synthetic incidents (seeded, spread over Iraq, Syria and their neighbours)
   counted per governorate and month by (a) a plain `geopandas.sjoin` of the points with
   the admin-1 polygons followed by a pandas groupby, and (b) `geomap.counting.aggregate_frame`.
2. The Dask path (`geomap aggregate --engine dask`): rows generated on the fly in partitions of
   1M (nothing written to disk), joined by dask-geopandas on a local cluster; prints rows/s and
   the peak memory of the whole cluster (distributed's MemorySampler). Pass a scheduler
   address (--scheduler tcp://host:8786) to run the same graph on a multi-node cluster.
"""

from __future__ import annotations

import argparse
import time
import warnings

import numpy as np
import pandas as pd

BOX = (35.5, 29.0, 48.5, 37.5)  # lon/lat box around Iraq and Syria


def synthetic_frame(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    days = rng.integers(0, 3650, n)
    return pd.DataFrame({
        "event_date": pd.Timestamp("2010-01-01") + pd.to_timedelta(days, unit="D"),
        "longitude": rng.uniform(BOX[0], BOX[2], n),
        "latitude": rng.uniform(BOX[1], BOX[3], n),
        "fatalities": rng.poisson(1.2, n).astype("int64"),
    })


def plain_sjoin(frame: pd.DataFrame) -> pd.DataFrame:
    import geopandas as gpd

    from geomap.boundaries import admin1_frame

    points = gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame.longitude, frame.latitude), crs=4326)
    joined = gpd.sjoin(points, admin1_frame()[["iso", "geometry"]], how="left", predicate="intersects")
    joined["period"] = joined["event_date"].dt.strftime("%Y-%m")
    return joined.groupby(["iso", "period"]).agg(events=("fatalities", "size"), fatalities=("fatalities", "sum"))


def best_of(func, *args, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        func(*args)
        times.append(time.perf_counter() - t)
    return min(times)


def bench_single(rows: int) -> None:
    from geomap.boundaries import admin1_frame
    from geomap.counting import aggregate_frame

    frame = synthetic_frame(rows)
    admin1_frame()  # load the polygons outside the timings
    plain = best_of(plain_sjoin, frame)
    ours = best_of(aggregate_frame, frame, "month")
    a = plain_sjoin(frame)["events"].sum()
    b = aggregate_frame(frame, "month")["events"].sum()
    print(f"{rows:,} incidents per governorate and month: plain geopandas sjoin {plain:.2f} s, "
          f"geomap {ours:.2f} s ({plain / ours:.1f}x faster); rows counted {a:,} / {b:,}")


def _partition(i: int, size: int) -> pd.DataFrame:
    """Rows as a CSV reader gives them (text), so that the row checks are part of the timing."""
    frame = synthetic_frame(size, seed=1000 + i)
    return pd.DataFrame({
        "source": "synthetic.csv",
        "event_date": frame["event_date"].dt.strftime("%Y-%m-%d"),
        "latitude": frame["latitude"].round(5).astype(str),
        "longitude": frame["longitude"].round(5).astype(str),
        "fatalities": frame["fatalities"].astype(str),
    })


def bench_dask(rows: int, workers: int, scheduler: str | None) -> None:
    import dask.dataframe as dd
    from distributed.diagnostics import MemorySampler

    from geomap.scale import aggregate_dask, check_points, dask_client

    size = 1_000_000
    parts = max(1, rows // size)
    with warnings.catch_warnings(), dask_client(scheduler, workers) as client:
        warnings.simplefilter("ignore")
        raw = dd.from_map(_partition, range(parts), size=size, meta=_partition(0, 1))
        points, checked = check_points(raw)
        sampler = MemorySampler()
        t = time.perf_counter()
        with sampler.sample("aggregate", client=client, interval=0.5):
            table, accounting = aggregate_dask(points, "month", client=client, checked=checked)
        elapsed = time.perf_counter() - t
        peak = sampler.to_pandas()["aggregate"].max() / 2**30
        workers_n = len(client.nthreads())
    counted = int(table["events"].sum())
    print(f"dask path: {parts * size:,} rows generated on the fly as text in {parts} partitions, checked "
          f"(dates, ranges, swapped coordinates) and counted, {workers_n} workers: {elapsed:.1f} s "
          f"({parts * size / elapsed:,.0f} rows/s), peak cluster memory {peak:.2f} GiB, rows counted {counted:,}, "
          f"rows rejected {int(accounting['rows'].drop('', errors='ignore').sum()):,}")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--dask-rows", type=int, default=10_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--scheduler", default=None)
    args = parser.parse_args(argv)
    if args.rows:
        bench_single(args.rows)
    if args.dask_rows:
        bench_dask(args.dask_rows, args.workers, args.scheduler)


if __name__ == "__main__":
    main()
