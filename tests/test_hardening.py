"""Hostile and broken inputs: one clear line each, nothing lost, exit code 0 while something was usable."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REPORT = "KIRKUK, Iraq, 3 March 2025 — Gunmen attacked a police checkpoint in Hawija on Sunday, killing two.\n"


def geomap(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "geomap", *map(str, args)], capture_output=True, text=True, cwd=cwd)


def incidents(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_legacy_and_utf16_encodings(tmp_path):
    arabic = tmp_path / "cp1256.txt"
    arabic.write_bytes(("مقتل جنديين في كركوك\n\n" + REPORT).encode("cp1256", errors="replace"))
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(REPORT.encode("utf-16"))
    # The Arabic line reports an event too ("two soldiers killed in Kirkuk"): both are read.
    for path, places in ((arabic, ["Kirkuk", "Hawija"]), (utf16, ["Hawija"])):
        result = geomap("extract", path, "-q")
        assert result.returncode == 0, result.stderr
        assert [(i["location"], i["admin1_code"]) for i in incidents(result.stdout)] == [(p, "IQ-KI") for p in places]


def test_broken_table_rows_are_reported_with_their_line(tmp_path):
    table = tmp_path / "events.csv"
    table.write_text(
        "event_id,event_date,latitude,longitude,location,fatalities\n"
        "a1,2025-01-05,35.47,44.39,Kirkuk,1\n"          # fine
        "a2,not a date,35.47,44.39,Kirkuk,0\n"          # unreadable date
        "a3,2025-01-06,135.0,44.39,Kirkuk,0\n"          # latitude out of range
        "a4,2025-01-07,44.39,35.47,Kirkuk,0\n"          # swapped: repaired, with a note
        "a1,2025-01-08,35.47,44.39,Kirkuk,0\n"          # repeated id: kept, with a note
        "a6,2999-01-01,35.47,44.39,Kirkuk,0\n"          # in the future
        "a7,2025-01-09\n"                               # missing cells: no coordinates, no place
        "a8,2025-01-10,35.47,44.39,Kirkuk,0,\n"         # an extra empty cell: used, with a note
        "a9,2025-01-11,36,2,44.39,Kirkuk,0\n"           # an unquoted decimal comma: cells shifted, listed
    )
    unresolved = tmp_path / "unresolved.csv"
    result = geomap("extract", table, "--unresolved", unresolved)
    assert result.returncode == 0
    rows = incidents(result.stdout)
    assert len(rows) == 4 and {r["admin1_code"] for r in rows} == {"IQ-KI"}
    assert "read 8 table rows and 1 unreadable entry: 4 incidents mapped, 5 unresolved" in result.stderr
    listed = unresolved.read_text()
    for where, reason in [("line 3", "unreadable date"), ("line 4", "latitude '135.0' is out of range"),
                          ("line 7", "is in the future"), ("line 8", "no coordinates and no place name"),
                          ("line 10", "7 cells where the header has 6")]:
        assert f"{where},{reason}" in listed or (where in listed and reason in listed)
    notes = [line for line in result.stderr.splitlines() if line.startswith("note:")]
    assert any("line 5: latitude and longitude were swapped" in n for n in notes)
    assert any("line 6: duplicate id 'a1'" in n for n in notes)
    assert any("line 9: more cells than the header" in n for n in notes)


def test_folder_with_mixed_files(tmp_path):
    (tmp_path / "report.txt").write_text(REPORT)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "photo.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "broken.json").write_text("{not json")
    unresolved = tmp_path / "u.csv"
    result = geomap("extract", tmp_path, "--unresolved", unresolved)
    assert result.returncode == 0, result.stderr
    assert len(incidents(result.stdout)) == 1
    listed = unresolved.read_text()
    assert "empty.txt,file,file is empty" in listed
    assert "photo.txt,file,\"looks like a binary file, not text\"" in listed
    assert "broken.json,file,line 1: not valid JSON" in listed


def test_nothing_usable_is_an_error(tmp_path):
    table = tmp_path / "bad.csv"
    table.write_text("event_date,latitude,longitude\nnope,1,2\n")
    result = geomap("extract", table)
    assert result.returncode == 1
    assert "0 incidents mapped, 1 unresolved" in result.stderr


def test_interrupted_write_leaves_no_half_file(tmp_path, monkeypatch):
    from geomap.render import output

    target = tmp_path / "map.html"
    target.write_text("previous map")

    def boom(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        output.write_atomic(target, "new map " * 1000)
    assert target.read_text() == "previous map"
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


def test_nothing_mapped_writes_nothing_and_says_why_even_when_quiet(tmp_path):
    table = tmp_path / "bad.csv"
    table.write_text("event_date,latitude,longitude\nnope,1,2\n")
    out = tmp_path / "out.csv"
    out.write_text("an earlier result")
    result = geomap("extract", table, "-o", out, "-q")
    assert result.returncode == 1
    assert result.stderr.strip() == "Error: no incident could be mapped (1 unresolved: 1 unreadable date 'nope')"
    assert out.read_text() == "an earlier result"


def test_json_records_that_are_not_incidents_are_accounted_for(tmp_path):
    table = tmp_path / "arr.json"
    table.write_text(json.dumps([{"event_date": "2025-01-05", "latitude": 35.47, "longitude": 44.39},
                                 {"event_date": "2025-01-06", "latitude": 35.47, "longitude": 44.39}, 5, "x", None]))
    unresolved = tmp_path / "u.csv"
    result = geomap("extract", table, "--unresolved", unresolved)
    assert result.returncode == 0, result.stderr
    assert "read 2 table rows and 3 unreadable entries: 2 incidents mapped, 3 unresolved" in result.stderr
    assert "record 3,not a JSON object (a number)" in unresolved.read_text()


@pytest.mark.parametrize("feature", ['[1, 2]', '"x"', '{"geometry": ["x"]}', '{"properties": ["x"]}'])
def test_malformed_geojson_features_are_reported_not_fatal(tmp_path, feature):
    good = '{"type": "Feature", "properties": {"event_date": "2025-01-05"}, ' \
           '"geometry": {"type": "Point", "coordinates": [44.39, 35.47]}}'
    path = tmp_path / "fc.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [' + good + ', ' + feature + ']}')
    result = geomap("extract", path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "1 incident mapped, 1 unresolved" in result.stderr


def test_implausible_fatalities_are_unresolved_not_changed(tmp_path):
    table = tmp_path / "f.csv"
    table.write_text("event_date,latitude,longitude,fatalities\n2025-01-05,35.47,44.39,-5\n"
                     "2025-01-05,35.47,44.39,1e9\n2025-01-05,35.47,44.39,3\n")
    result = geomap("extract", table)
    assert [i["fatalities"] for i in incidents(result.stdout)] == [3]
    assert "1 incident mapped, 2 unresolved" in result.stderr


def test_numeric_dates_are_read_in_one_order_per_column(tmp_path):
    # 13/03 can only be day first: the whole column is, 01/03/2024 is 1 March.
    table = tmp_path / "d.csv"
    table.write_text("event_date,latitude,longitude\n01/03/2024,35.47,44.39\n13/03/2024,35.47,44.39\n")
    result = geomap("extract", table)
    assert sorted(i["event_date"] for i in incidents(result.stdout)) == ["2024-03-01", "2024-03-13"]
    # 03/13 can only be month first: so is the column, and 01/03/2024 is 3 January.
    table.write_text("event_date,latitude,longitude\n01/03/2024,35.47,44.39\n03/13/2024,35.47,44.39\n")
    result = geomap("extract", table)
    assert sorted(i["event_date"] for i in incidents(result.stdout)) == ["2024-01-03", "2024-03-13"]


