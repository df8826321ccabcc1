"""The command line: each command's contract, and one-line errors for bad input."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def geomap(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "geomap", *map(str, args)], capture_output=True, text=True, cwd=cwd)


def test_places_emits_contract_fields_in_text_order(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("A drone targeted a car in Binnish. Later, shelling hit Kirkuk.", encoding="utf-8")
    result = geomap("places", path)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["name"] for r in rows] == ["Binnish", "Kirkuk"]
    assert rows[0]["admin1"] == "SY-ID" and rows[1]["admin1"] == "IQ-KI"
    text = path.read_text(encoding="utf-8")
    for r in rows:
        assert text[r["start"] : r["end"]] == r["text"]
        assert set(r) >= {"text", "start", "end", "name", "lat", "lon", "country", "admin1", "admin1_name", "level",
                          "precision", "geonameid"}


def test_places_jsonl_carries_ids(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text('{"id": "a1", "text": "Clashes in Raqqa."}\n{"id": 7, "text": "Nothing here."}\n')
    rows = [json.loads(line) for line in geomap("places", path).stdout.splitlines()]
    assert [(r["id"], r["admin1"]) for r in rows] == [("a1", "SY-RA")]


def test_geocode_found_and_not_found():
    ok = geomap("geocode", "Deir Ezzour", "Binnish")
    assert ok.returncode == 0
    assert [json.loads(line)["admin1"] for line in ok.stdout.splitlines()] == ["SY-DY", "SY-ID"]
    missing = geomap("geocode", "Qwxzzy")
    assert missing.returncode == 1
    assert json.loads(missing.stdout) == {"query": "Qwxzzy", "error": "not found"}


ACLED_31 = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
            "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
            "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
            "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp"]


def test_extract_writes_acled_columns_then_geomaps(tmp_path, examples):
    out = tmp_path / "incidents.csv"
    result = geomap("extract", examples, "-o", out)
    assert result.returncode == 0, result.stderr
    header = out.read_text().splitlines()[0].split(",")
    assert header[:31] == ACLED_31
    assert header[31:] == ["country_code", "admin1_code", "article_title", "sentence_start", "sentence_end",
                           "place_start", "place_end", "sources"]
    import pandas as pd

    table = pd.read_csv(out, dtype=str, keep_default_na=False)
    kirkuk = table[table["admin1_code"] == "IQ-KI"].iloc[0]
    assert (kirkuk["country"], kirkuk["admin1"], kirkuk["country_code"]) == ("Iraq", "Kirkuk", "IQ")
    assert set(table["disorder_type"]) <= {"Political violence", "Demonstrations", "Strategic developments"}
    assert (table["year"] == table["event_date"].str[:4]).all()
    assert "incidents mapped" in result.stderr and "unresolved" in result.stderr


def test_aggregate_counts(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("event_date,latitude,longitude,fatalities\n2025-01-02,35.47,44.39,2\n2025-01-20,35.33,43.77,1\n"
                    "2025-02-01,35.96,36.71,0\n")
    result = geomap("aggregate", path, "--period", "month", "-q")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "country,admin1,admin1_name,period,events,fatalities"
    assert "IQ,IQ-KI,Kirkuk,2025-01,2,3" in lines and "SY,SY-ID,Idlib,2025-02,1,0" in lines


def test_map_writes_one_html_file(tmp_path, examples):
    out = tmp_path / "m.html"
    result = geomap("map", examples, "-o", out, "-q")
    assert result.returncode == 0, result.stderr
    page = out.read_text()
    assert "geomapTimeline(" in page and "<script src=" not in page


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["map", "missing.txt", "-o", "x.html"], "Error: missing.txt: no such file or folder"),
        (["frobnicate"], "Error: No such command 'frobnicate'."),
    ],
)
def test_errors_are_one_line(tmp_path, args, message):
    result = geomap(*args, cwd=tmp_path)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith(message)


def test_empty_and_binary_files(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    for path, message in [(empty, "file is empty"), (binary, "looks like a binary file")]:
        result = geomap("extract", path)
        assert result.returncode == 1
        assert result.stderr.strip() == f"Error: {path}: {message}, not text".replace("empty, not text", "empty")


def test_output_problems_are_one_line_errors(tmp_path, examples):
    wrong_type = geomap("extract", examples, "-o", tmp_path / "out.xlsx")
    assert wrong_type.returncode == 1
    assert wrong_type.stderr.strip() == "Error: cannot write out.xlsx: use one of .jsonl, .json, .csv, .geojson, .parquet"
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    unwritable = geomap("map", examples, "-o", blocked / "map.html", "-q")
    assert unwritable.returncode == 1
    assert unwritable.stderr.startswith(f"Error: {blocked / 'map.html'}: cannot write here")
    assert len(unwritable.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--date", "2024-13-01"], "Error: --date must be a date as YYYY-MM-DD, not '2024-13-01'"),
        (["--tiles", "foo"], "Error: --tiles 'foo' is neither a known tile provider"),
        (["--tiles", "https://tiles.example.org/{z}/{x}/{y}.png"], "Error: --tiles with a URL needs --tiles-attribution"),
    ],
)
def test_map_options_are_checked_before_any_work(tmp_path, examples, extra, message):
    unresolved = tmp_path / "u.csv"
    result = geomap("map", examples, "-o", tmp_path / "m.html", "--unresolved", unresolved, *extra)
    assert result.returncode != 0
    assert result.stderr.startswith(message) and len(result.stderr.strip().splitlines()) == 1
    assert not unresolved.exists() and not (tmp_path / "m.html").exists()


def test_json_output_is_an_array_that_reads_back(tmp_path, examples):
    out = tmp_path / "incidents.json"
    assert geomap("extract", examples, "-o", out, "-q").returncode == 0
    records = json.loads(out.read_text())
    assert isinstance(records, list) and len(records) > 50
    again = geomap("extract", out, "-q")
    assert again.returncode == 0, again.stderr
    assert len(again.stdout.splitlines()) == len(records)
