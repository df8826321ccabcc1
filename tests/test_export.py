"""Tables out: an ACLED export read and written back keeps ACLED's columns and values, from CSV, Excel,
standard input and GIS files."""

import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from geomap.acled import ACLED_COLUMNS

ROOT = Path(__file__).resolve().parent.parent

# ACLED's 31 columns as its current exports write them (rows made up for the test).
ACLED = pd.DataFrame({
    "event_id_cnty": ["SYR10001", "SYR10002", "IRQ20003", "IRQ20004"],
    "event_date": ["2024-02-01", "2024-02-03", "2024-02-05", "2024-03-09"],
    "year": [2024, 2024, 2024, 2024],
    "time_precision": [1, 2, 1, 3],
    "disorder_type": ["Political violence", "Political violence", "Demonstrations", "Political violence"],
    "event_type": ["Battles", "Explosions/Remote violence", "Protests", "Violence against civilians"],
    "sub_event_type": ["Armed clash", "Air/drone strike", "Peaceful protest", "Attack"],
    "actor1": ["Hayat Tahrir al-Sham", "Military Forces of Syria (2000-2024)", "Protesters (Iraq)",
               "Islamic State (Iraq)"],
    "assoc_actor_1": ["", "", "Teachers (Iraq)", ""],
    "inter1": ["Rebel group", "State forces", "Protesters", "Rebel group"],
    "actor2": ["Military Forces of Syria (2000-2024)", "Civilians (Syria)", "", "Civilians (Iraq)"],
    "assoc_actor_2": ["", "", "", "Farmers (Iraq)"],
    "inter2": ["State forces", "Civilians", "", "Civilians"],
    "interaction": ["State forces-Rebel group", "State forces-Civilians", "Protesters only",
                    "Rebel group-Civilians"],
    "civilian_targeting": ["", "Civilian targeting", "", "Civilian targeting"],
    "iso": [760, 760, 368, 368],
    "region": ["Middle East", "Middle East", "Middle East", "Middle East"],
    "country": ["Syria", "Syria", "Iraq", "Iraq"],
    "admin1": ["Idlib", "Idlib", "Kirkuk", "Kirkuk"],
    "admin2": ["Idlib", "Ariha", "Kirkuk", "Hawija"],
    "admin3": ["Binnish", "Ariha", "Markaz Kirkuk", "Al-Riyadh"],
    "location": ["Binnish", "Ariha", "Kirkuk", "Al-Riyadh"],
    "latitude": [35.9573, 35.8128, 35.4681, 35.3259],
    "longitude": [36.7125, 36.6071, 44.3922, 43.7727],
    "geo_precision": [1, 1, 1, 2],
    "source": ["SOHR", "Syrian Network for Human Rights; SOHR", "Rudaw", "Shafaq News"],
    "source_scale": ["National", "National", "Subnational", "National"],
    "notes": ["On 1 February 2024, HTS fighters clashed with regime forces near Binnish.",
              "On 3 February 2024, a drone strike hit a market in Ariha, killing 5 civilians.",
              "On 5 February 2024, teachers protested in Kirkuk over unpaid salaries.",
              "Around 9 March 2024 (month of), IS militants killed a farmer near Al-Riyadh."],
    "fatalities": [3, 5, 0, 1],
    "tags": ["", "", "crowd size=around 200", ""],
    "timestamp": [1707868800, 1707955200, 1708041600, 1710720000],
})
NUMERIC = ("year", "time_precision", "iso", "latitude", "longitude", "geo_precision", "fatalities", "timestamp")


def geomap(*args, stdin: bytes | None = None):
    return subprocess.run([sys.executable, "-m", "geomap", *map(str, args)], capture_output=True, cwd=ROOT,
                          input=stdin)


def assert_acled_columns_kept(out_csv: Path, expected: pd.DataFrame = ACLED):
    out = pd.read_csv(out_csv, dtype=str, keep_default_na=False)
    assert list(out.columns[:31]) == ACLED_COLUMNS
    assert len(out) == len(expected)
    by_id = out.set_index("event_id_cnty")
    for column in ACLED_COLUMNS[1:]:
        for event_id, value in zip(expected["event_id_cnty"], expected[column]):
            written = by_id.loc[event_id, column]
            if column in NUMERIC:
                assert float(written) == float(value), (column, event_id, written)
            else:
                assert written == str(value), (column, event_id, written)


def test_an_acled_csv_export_round_trips_through_extract(tmp_path):
    source = tmp_path / "acled.csv"
    ACLED.to_csv(source, index=False)
    out = tmp_path / "out.csv"
    result = geomap("extract", source, "-o", out)
    assert result.returncode == 0, result.stderr
    assert b"4 incidents mapped, 0 unresolved" in result.stderr
    assert_acled_columns_kept(out)
    written = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert written["country_code"].tolist() == ["SY", "SY", "IQ", "IQ"]
    assert written["admin1_code"].tolist() == ["SY-ID", "SY-ID", "IQ-KI", "IQ-KI"]


def test_the_same_export_as_an_excel_workbook_round_trips(tmp_path):
    pytest.importorskip("openpyxl")
    source = tmp_path / "acled.xlsx"
    ACLED.to_excel(source, index=False, sheet_name="Sheet1")
    out = tmp_path / "out.csv"
    result = geomap("extract", source, "-o", out)
    assert result.returncode == 0, result.stderr
    assert_acled_columns_kept(out)


def test_a_table_on_standard_input(tmp_path):
    out = tmp_path / "out.csv"
    result = geomap("extract", "-", "-o", out, stdin=ACLED.to_csv(index=False).encode())
    assert result.returncode == 0, result.stderr
    assert_acled_columns_kept(out)
    assert pd.read_csv(out, dtype=str)["sources"].tolist()[0] == "<stdin>:2"


def test_a_report_on_standard_input():
    report = b"Two civilians were killed on 3 March 2024 when a drone struck a car in Binnish, Idlib.\n"
    result = geomap("extract", "-", "--reference-date", "2024-03-04", stdin=report)
    assert result.returncode == 0, result.stderr
    assert b"read 1 text file (1 article" in result.stderr
    rows = pd.read_json(io.StringIO(result.stdout.decode()), lines=True, dtype=False)
    assert len(rows) and set(rows["admin1_code"]) == {"SY-ID"} and set(rows["event_date"]) == {"2024-03-03"}


def test_a_geopackage_of_points(tmp_path):
    gpd = pytest.importorskip("geopandas")
    frame = ACLED.drop(columns=["latitude", "longitude"])
    points = gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(ACLED["longitude"], ACLED["latitude"]), crs=4326)
    source = tmp_path / "acled.gpkg"
    points.to_file(source, driver="GPKG")
    out = tmp_path / "out.csv"
    result = geomap("extract", source, "-o", out)
    assert result.returncode == 0, result.stderr
    written = pd.read_csv(out, dtype=str, keep_default_na=False).set_index("event_id_cnty")
    assert written.loc["IRQ20003", "admin1_code"] == "IQ-KI"
    assert float(written.loc["SYR10002", "latitude"]) == pytest.approx(35.8128)
    assert written.loc["SYR10002", "sources"].endswith("acled.gpkg:2")  # the second feature
    projected = tmp_path / "utm.gpkg"
    points.to_crs(32637).to_file(projected, driver="GPKG")  # metres: converted back to degrees
    out2 = tmp_path / "out2.csv"
    assert geomap("extract", projected, "-o", out2).returncode == 0
    again = pd.read_csv(out2, dtype=str).set_index("event_id_cnty")
    assert float(again.loc["SYR10001", "longitude"]) == pytest.approx(36.7125, abs=1e-6)
