"""Aggregation speed and memory: plain geopandas sjoin vs geomap, and the Dask path at scale.

    python benchmarks/bench_aggregate.py [--rows 1000000] [--dask-rows 10000000,100000000] [--workers 2]

1. The same 1M synthetic incidents (seeded, spread over Iraq, Syria and their neighbours)
   counted per governorate and month by (a) a plain `geopandas.sjoin` of the points with
   the admin-1 polygons followed by a pandas groupby, and (b) `geomap.counting.aggregate_frame`.
2. The Dask engine as a user runs it: `geomap aggregate big.csv --engine dask` on a seeded CSV of
   10M (and, with --dask-rows 10000000,100000000, 100M) rows written to disk first; prints rows/s
   and the peak memory of the whole process tree (scheduler and workers) and of its largest
   process; on tables that fit in memory the default engine runs too, and the counts are compared.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def write_csv(path: Path, rows: int, chunk: int = 1_000_000) -> None:
    """A seeded CSV of the ACLED shape, written a million rows at a time (memory stays small)."""
    import pyarrow as pa
    import pyarrow.csv as pcsv

    with pcsv.CSVWriter(path, pa.schema([("event_date", pa.string()), ("latitude", pa.float64()),
                                         ("longitude", pa.float64()), ("fatalities", pa.int64())]),
                        write_options=pcsv.WriteOptions(quoting_style="none")) as writer:
        for i, start in enumerate(range(0, rows, chunk)):
            frame = synthetic_frame(min(chunk, rows - start), seed=1000 + i)
            writer.write_table(pa.table({
                "event_date": frame["event_date"].dt.strftime("%Y-%m-%d"),
                "latitude": frame["latitude"].round(4), "longitude": frame["longitude"].round(4),
                "fatalities": frame["fatalities"]}))


def watched(args: list[str]) -> tuple[float, float, float]:
    """Wall seconds of one new process, and the peak memory (GiB) of its whole process tree (the Dask
    scheduler, nannies and workers included) and of its largest single process, sampled twice a second."""
    import psutil

    t = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    root = psutil.Process(proc.pid)
    total = largest = 0
    while proc.poll() is None:
        try:
            sizes = [p.memory_info().rss for p in [root, *root.children(recursive=True)]]
        except psutil.Error:
            sizes = [0]
        total, largest = max(total, sum(sizes)), max(largest, max(sizes))
        time.sleep(0.5)
    elapsed = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(args)}\n{proc.stderr.read()}")
    return elapsed, total / 2**30, largest / 2**30


def bench_dask(rows: int, workers: int, compare: bool) -> None:
    """`geomap aggregate --engine dask` as a user runs it, on a generated CSV on disk."""
    from geomap.scale import BLOCK_SIZE

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.csv"
        t = time.perf_counter()
        write_csv(path, rows)
        size = path.stat().st_size
        print(f"{rows:,} rows generated ({size / 1e9:.1f} GB CSV, {time.perf_counter() - t:.0f} s), "
              f"partitions of {BLOCK_SIZE / 2**20:.0f} MB (~{BLOCK_SIZE / (size / rows):,.0f} rows)", flush=True)
        command = [sys.executable, "-m", "geomap", "aggregate", str(path), "--period", "month", "-q"]
        dask_out = Path(tmp) / "dask.csv"
        elapsed, total, largest = watched(command + ["--engine", "dask", "--workers", str(workers),
                                                     "-o", str(dask_out)])
        print(f"--engine dask, {workers} local workers: {elapsed:.0f} s ({rows / elapsed:,.0f} rows/s), peak memory "
              f"{total:.2f} GiB for all processes, {largest:.2f} GiB for the largest one", flush=True)
        if compare:
            plain_out = Path(tmp) / "plain.csv"
            elapsed, total, _ = watched(command + ["-o", str(plain_out)])
            same = pd.read_csv(dask_out).equals(pd.read_csv(plain_out))
            print(f"default engine on the same file: {elapsed:.0f} s ({rows / elapsed:,.0f} rows/s), peak "
                  f"{total:.2f} GiB; same counts as the Dask engine: {'yes' if same else 'NO'}", flush=True)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--dask-rows", default="10000000", help="comma-separated row counts, e.g. 10000000,100000000")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--compare-up-to", type=int, default=10_000_000,
                        help="also run the default engine on tables up to this many rows, and compare")
    args = parser.parse_args(argv)
    if args.rows:
        bench_single(args.rows)
    for rows in (int(r) for r in args.dask_rows.split(",") if r and int(r)):
        bench_dask(rows, args.workers, rows <= args.compare_up_to)


if __name__ == "__main__":
    main()
