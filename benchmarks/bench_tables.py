"""Whole commands on a table on disk, beside plain pandas/geopandas doing the same job, in the same run.

    python benchmarks/bench_tables.py [--rows 1000000] [--only aggregate,map,extract]

Writes a seeded CSV of the ACLED shape (event_date, event_type, latitude, longitude,
fatalities) to a temporary folder, then times each job as a new process, both ways, and
prints the wall time, the ratio geomap / plain and each process's peak memory (max RSS):

  aggregate  `geomap aggregate pts.csv --period month`  vs  read_csv + sjoin + groupby
  map        `geomap map pts.csv -o m.html`              vs  read_csv + sjoin
  extract    `geomap extract pts.csv -o out.parquet`     vs  read_csv + points_from_xy + to_parquet
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
         "Strategic developments"]

PLAIN = {
    "aggregate": """
import sys, geopandas as gpd, pandas as pd
from geomap.boundaries import BOUNDARIES
polys = gpd.read_parquet(BOUNDARIES)
df = pd.read_csv(sys.argv[1])
pts = gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df.longitude, df.latitude), crs=4326)
j = gpd.sjoin(pts, polys[["iso", "geometry"]], how="left", predicate="intersects")
j["period"] = pd.to_datetime(j["event_date"]).dt.strftime("%Y-%m")
j.groupby(["iso", "period"]).agg(events=("fatalities", "size"), fatalities=("fatalities", "sum")).to_csv(sys.argv[2])
""",
    "map": """
import sys, geopandas as gpd, pandas as pd
from geomap.boundaries import BOUNDARIES
polys = gpd.read_parquet(BOUNDARIES)
df = pd.read_csv(sys.argv[1])
pts = gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df.longitude, df.latitude), crs=4326)
gpd.sjoin(pts, polys[["iso", "geometry"]], how="left", predicate="intersects")
""",
    "extract": """
import sys, geopandas as gpd, pandas as pd
df = pd.read_csv(sys.argv[1])
gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df.longitude, df.latitude), crs=4326).to_parquet(sys.argv[2])
""",
}
GEOMAP = {
    "aggregate": ["aggregate", "{csv}", "--period", "month", "-o", "{out}.csv", "-q"],
    "map": ["map", "{csv}", "-o", "{out}.html", "-q"],
    "extract": ["extract", "{csv}", "-o", "{out}.parquet", "-q"],
}


def write_table(path: Path, n: int, seed: int = 0) -> None:
    rng = np.random.default_rng(seed)
    days = rng.integers(0, 3650, n)
    pd.DataFrame({
        "event_date": (pd.Timestamp("2010-01-01") + pd.to_timedelta(days, unit="D")).strftime("%Y-%m-%d"),
        "event_type": np.array(TYPES)[rng.integers(0, len(TYPES), n)],
        "latitude": rng.uniform(29.0, 37.5, n).round(4),
        "longitude": rng.uniform(35.5, 48.5, n).round(4),
        "fatalities": rng.poisson(1.2, n),
    }).to_csv(path, index=False)


def timed(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak memory (GB, max RSS) of one new process."""
    t = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, rusage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(args)}")
    return elapsed, rusage.ru_maxrss / 2**20


def open_time(path: Path) -> str:
    """Seconds until the map is interactive in headless Chromium, offline (see bench_maps.py)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return "(playwright not installed)"
    from bench_maps import time_to_interactive

    from geomap.render.output import CHROMIUM_ARGS, chromium_path

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        seconds = time_to_interactive(browser, path, "[data-geomap-ready]", 180, routed=False)
        browser.close()
    return "no answer in 180 s" if seconds is None else f"{seconds:.1f} s"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--only", default="aggregate,map,extract")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "pts.csv"
        write_table(csv, args.rows)
        print(f"{args.rows:,} rows, {csv.stat().st_size / 1e6:.0f} MB CSV")
        for job in args.only.split(","):
            out = Path(tmp) / job
            script = Path(tmp) / f"plain_{job}.py"
            script.write_text(PLAIN[job])
            plain_suffix = {"aggregate": ".csv", "map": ".unused", "extract": ".parquet"}[job]
            plain, plain_mem = timed([sys.executable, str(script), str(csv), str(out) + "_plain" + plain_suffix])
            ours, ours_mem = timed([sys.executable, "-m", "geomap"] +
                                   [a.format(csv=csv, out=out) for a in GEOMAP[job]])
            print(f"{job:9s}  geomap {ours:6.1f} s, peak {ours_mem:.2f} GB   plain {plain:6.1f} s, peak "
                  f"{plain_mem:.2f} GB   ratio {ours / plain:.2f}x", flush=True)
            if job == "map":
                opened = open_time(Path(f"{out}.html"))
                size = Path(f"{out}.html").stat().st_size
                print(f"{'':9s}  the map: {size / 1e6:.0f} MB ({size / args.rows:.0f} B per incident), interactive in "
                      f"headless Chromium (network blocked) after {opened}", flush=True)


if __name__ == "__main__":
    main()
