"""The Dask path and GeoParquet: the same counts as the single-machine path."""

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
pytest.importorskip("dask_geopandas")

CSV = """event_date,latitude,longitude,fatalities
2025-01-02,35.47,44.39,2
2025-01-20,35.33,43.77,1
2025-02-01,35.96,36.71,0
2025-02-03,36.34,43.13,4
2025-02-04,34.00,30.00,1
"""


def geomap(*args):
    return subprocess.run([sys.executable, "-m", "geomap", *map(str, args)], capture_output=True, text=True, cwd=ROOT)


def table(text: str) -> set[tuple]:
    frame = pd.read_csv(pd.io.common.StringIO(text), dtype=str).fillna("")
    return {tuple(row) for row in frame.itertuples(index=False)}


def test_dask_engine_counts_like_pandas(tmp_path):
    path = tmp_path / "points.csv"
    path.write_text(CSV)
    dask = geomap("aggregate", path, "--engine", "dask", "--workers", "1", "-q")
    plain = geomap("aggregate", path, "-q")
    assert dask.returncode == 0, dask.stderr
    rows = table(dask.stdout)
    assert ("IQ", "IQ-KI", "Kirkuk", "2025-01", "2", "3") in rows
    assert ("SY", "SY-ID", "Idlib", "2025-02", "1", "0") in rows
    assert ("", "", "", "2025-02", "1", "1") in rows  # in the Mediterranean: counted, not dropped
    located = {r for r in rows if r[1]}
    assert located <= table(plain.stdout)


def test_geoparquet_out_and_back_in(tmp_path, examples):
    parquet = tmp_path / "incidents.parquet"
    assert geomap("extract", examples, "-o", parquet, "-q").returncode == 0
    import geopandas as gpd

    frame = gpd.read_parquet(parquet)
    assert frame.crs.to_epsg() == 4326 and len(frame) > 50 and frame.geometry.notna().all()
    plain = geomap("aggregate", parquet, "--period", "year", "-q")
    dask = geomap("aggregate", parquet, "--period", "year", "--engine", "dask", "--workers", "1", "-q")
    assert plain.returncode == 0 and dask.returncode == 0, plain.stderr + dask.stderr
    events = lambda text: sum(int(r[4]) for r in table(text))  # noqa: E731
    assert events(plain.stdout) == events(dask.stdout) == len(frame)


def test_dask_engine_checks_rows_like_the_default_engine(tmp_path):
    path = tmp_path / "edge.csv"
    path.write_text("event_date,latitude,longitude,fatalities\n"
                    "01/03/2024,35.95,39.01,2\n"      # day first: 1 March
                    "03/13/2024,35.95,39.01,1\n"      # only month first is possible
                    "2024-03-07,136.34,43.13,1\n"     # out of range
                    "2031-03-07,36.34,43.13,1\n"      # future
                    "2024-03-08,36.34,43.13,-5\n"     # not a count
                    "2024-03-09,,,0\n")               # no coordinates
    unresolved = tmp_path / "u.csv"
    dask = geomap("aggregate", path, "--engine", "dask", "--workers", "1", "--period", "day",
                  "--unresolved", unresolved)
    plain = geomap("aggregate", path, "--period", "day", "-q")
    assert dask.returncode == 0, dask.stderr
    assert table(dask.stdout) == table(plain.stdout)
    assert "read 6 table rows: 2 aggregated, 4 unresolved" in dask.stderr
    listed = unresolved.read_text()
    for reason in ("latitude '136.34' is out of range", "is in the future", "fatalities '-5'", "no coordinates"):
        assert reason in listed


def test_dask_engine_refuses_text_with_a_clear_error(examples):
    result = geomap("aggregate", examples, "--engine", "dask", "--workers", "1")
    assert result.returncode == 1
    assert result.stderr.strip().endswith("holds none (text is read by the default engine)")
    assert "Traceback" not in result.stderr
