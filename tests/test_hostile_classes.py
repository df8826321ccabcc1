"""Hostile and unusual inputs, one test (or a few) per class of failure: nothing lost, nothing run, one line.

Every sentence and table here is invented for these tests.
"""

import gzip
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TABLE = ("event_id,event_date,latitude,longitude,location,fatalities\n"
         "k1,2025-01-05,35.47,44.39,Kirkuk,1\n"
         "k2,2025-01-06,35.47,44.39,Kirkuk,2\n")


def geomap(*args, cwd=ROOT, **kwargs):
    return subprocess.run([sys.executable, "-m", "geomap", *map(str, args)], capture_output=True, text=True, cwd=cwd,
                          **kwargs)


def rows(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def one_error_line(result) -> str:
    """The run failed with exactly one line on standard error, and no traceback."""
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "Traceback" not in result.stderr, result.stderr
    return lines[0]


# -- data loss: merging ------------------------------------------------------------------------------------

def test_the_same_words_on_other_days_are_other_incidents(tmp_path):
    for day in (4, 5, 19):  # one template, three days, one town
        (tmp_path / f"r{day}.txt").write_text(f"KIRKUK, Iraq, {day} March 2024 — Mortar rounds struck the town of "
                                              "Hawija, wounding four shepherds.\n")
    (tmp_path / "again.txt").write_text("KIRKUK, Iraq, 5 March 2024 — Mortar rounds struck the town of Hawija, "
                                        "wounding four shepherds.\n")  # the report of the 5th, on another page
    result = geomap("extract", tmp_path)
    assert result.returncode == 0, result.stderr
    found = rows(result.stdout)
    assert sorted(r["event_date"] for r in found) == ["2024-03-04", "2024-03-05", "2024-03-19"]
    assert "1 further report of these incidents merged" in result.stderr


# -- data loss: outputs over inputs and over each other ----------------------------------------------------

@pytest.mark.parametrize("option", ["-o", "--unresolved"])
def test_an_output_that_is_an_input_is_refused(tmp_path, option):
    table = tmp_path / "data.csv"
    table.write_text(TABLE)
    line = one_error_line(geomap("extract", table, option, table))
    assert f"{option} {table} is also an input" in line
    assert table.read_text() == TABLE


def test_an_output_over_a_file_of_an_input_folder_is_refused(tmp_path):
    (tmp_path / "data.csv").write_text(TABLE)
    line = one_error_line(geomap("extract", tmp_path, "-o", tmp_path / "data.csv"))
    assert "would replace a file read from the input folder" in line
    assert (tmp_path / "data.csv").read_text() == TABLE


def test_two_outputs_on_one_file_are_refused(tmp_path):
    table = tmp_path / "data.csv"
    table.write_text(TABLE)
    page = tmp_path / "map.html"
    page.write_text("an earlier map")
    line = one_error_line(geomap("map", table, "-o", page, "--png", page))
    assert "-o and --png name the same file" in line and page.read_text() == "an earlier map"
    line = one_error_line(geomap("extract", table, "--unresolved", "-"))  # the incidents go there already
    assert "both write to standard output" in line


def test_a_dash_is_standard_output(tmp_path):
    table = tmp_path / "data.csv"
    table.write_text(TABLE + "k3,soon,35.47,44.39,Kirkuk,0\n")
    result = geomap("extract", table, "-o", tmp_path / "out.csv", "--unresolved", "-", "-q")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("source,where,reason,text\n") and "unreadable date 'soon'" in result.stdout
    assert not (tmp_path / "-").exists()


# -- data loss: devices and pipes are written, not replaced ------------------------------------------------

def test_a_link_to_a_device_stays_a_link(tmp_path):
    table = tmp_path / "data.csv"
    table.write_text(TABLE + "k3,soon,35.47,44.39,Kirkuk,0\n")
    link = tmp_path / "null.csv"
    link.symlink_to(os.devnull)
    result = geomap("extract", table, "--unresolved", link, "-o", tmp_path / "out.csv", "-q")
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and Path(os.devnull).is_char_device()


@pytest.mark.skipif(not Path("/proc/self/fd/1").exists(), reason="needs /proc")
def test_a_link_to_standard_output_is_written_through(tmp_path):
    table = tmp_path / "data.csv"
    table.write_text(TABLE + "k3,soon,35.47,44.39,Kirkuk,0\n")
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")  # what /dev/stdout is
    result = geomap("extract", table, "-o", tmp_path / "out.csv", "--unresolved", link, "-q")
    assert result.returncode == 0, result.stderr
    assert "unreadable date 'soon'" in result.stdout and link.is_symlink()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_device_is_one_line_and_stays_a_device(tmp_path):
    table = tmp_path / "data.csv"
    table.write_text(TABLE)
    link = tmp_path / "full.csv"
    link.symlink_to("/dev/full")
    line = one_error_line(geomap("extract", table, "-o", link, "-q"))
    assert "No space left on device" in line and link.is_symlink() and Path("/dev/full").is_char_device()


def test_a_fifo_is_written_directly(tmp_path):
    table = tmp_path / "data.csv"
    table.write_text(TABLE)
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    result = geomap("extract", table, "-o", fifo, "-q")
    reader.join(timeout=60)
    assert result.returncode == 0, result.stderr
    assert [r["event_id_cnty"] for r in rows(received[0])] == ["k1", "k2"]
    assert fifo.is_fifo()


# -- data loss: repeated rows ------------------------------------------------------------------------------

def test_overlapping_exports_count_each_event_once(tmp_path):
    (tmp_path / "january.csv").write_text(TABLE)
    (tmp_path / "overlap.csv").write_text(TABLE.splitlines()[0] + "\n" + TABLE.splitlines()[2] + "\n"
                                          "k9,2025-01-07,35.47,44.39,Kirkuk,4\n")
    result = geomap("aggregate", tmp_path, "--period", "year", "-q")
    assert result.stdout.splitlines()[1] == "IQ,IQ-KI,Kirkuk,2025,3,7"
    loud = geomap("aggregate", tmp_path, "--period", "year")
    assert "1 repeated row counted once: the same id and content" in loud.stderr
    assert "overlap.csv: line 2: the same id and content as" in loud.stderr


def test_an_output_read_back_with_its_inputs_adds_nothing(tmp_path):
    (tmp_path / "report.txt").write_text("MOSUL, Iraq, 2 February 2025 — A roadside bomb killed two soldiers near "
                                         "Tal Afar on Sunday.\n")
    (tmp_path / "events.csv").write_text(TABLE)
    first = geomap("extract", tmp_path, "-o", tmp_path / "incidents.csv")
    assert first.returncode == 0, first.stderr
    again = geomap("aggregate", tmp_path, "--period", "year", "-q")
    before = geomap("aggregate", tmp_path / "report.txt", tmp_path / "events.csv", "--period", "year", "-q")
    assert again.stdout == before.stdout


def test_a_repeated_id_with_other_content_is_kept(tmp_path):
    table = tmp_path / "t.csv"
    table.write_text(TABLE + "k1,2025-01-09,35.47,44.39,Kirkuk,5\n" + TABLE.splitlines()[1] + "\n")
    result = geomap("extract", table)
    assert sorted(r["event_id_cnty"] for r in rows(result.stdout)) == ["k1", "k1-4", "k2"]
    assert "line 4: duplicate id 'k1'" in result.stderr and "line 5: the same id and content as line 2" in result.stderr


# -- data loss: GeoParquet geometries ----------------------------------------------------------------------

def test_geoparquet_polygons_projections_and_geoarrow_are_placed(tmp_path):
    gpd = pytest.importorskip("geopandas")
    from shapely.geometry import Point, Polygon

    frame = {"event_id": ["a", "b"], "event_date": ["2025-01-05", "2025-01-06"]}
    shapes = [Point(44.39, 35.47), Polygon([(43.0, 36.2), (43.2, 36.2), (43.2, 36.4), (43.0, 36.4)])]
    gpd.GeoDataFrame(frame, geometry=shapes, crs=4326).to_parquet(tmp_path / "mixed.parquet")
    gpd.GeoDataFrame(frame, geometry=shapes, crs=4326).to_crs(32638).to_parquet(tmp_path / "utm.parquet")
    gpd.GeoDataFrame(frame, geometry=shapes[:1] * 2, crs=4326).to_parquet(tmp_path / "arrow.parquet",
                                                                           geometry_encoding="geoarrow")
    for name, governorates in [("mixed", ["IQ-KI", "IQ-NI"]), ("utm", ["IQ-KI", "IQ-NI"]), ("arrow", ["IQ-KI"] * 2)]:
        result = geomap("extract", tmp_path / f"{name}.parquet")
        assert result.returncode == 0, result.stderr
        found = rows(result.stdout)
        assert [r["admin1_code"] for r in found] == governorates, name
        assert abs(found[0]["latitude"] - 35.47) < 1e-6 and abs(found[0]["longitude"] - 44.39) < 1e-6


# -- security ----------------------------------------------------------------------------------------------

def test_formulas_in_spreadsheet_outputs_are_neutralised(tmp_path):
    table = tmp_path / "f.csv"
    table.write_text("event_id,event_date,latitude,longitude,location,fatalities,notes,actor1\n"
                     '"=1+2",2025-01-05,35.47,44.39,"=HYPERLINK(""http://example.invalid"")",1,@SUM(A1),+cmd\n'
                     "k2,2025-01-06,35.47,44.39,Kirkuk,2,-2+3,-1\n"
                     "k3,someday,35.47,44.39,=cmd|calc,1,x,y\n")
    text = tmp_path / "t.txt"
    text.write_text("KIRKUK, Iraq, 3 March 2025 — =cmd|calc gunmen attacked a police checkpoint in Hawija, "
                    "killing two.\n\n=cmd|calc shelling hit the village of Qurtabazani on Monday.\n")
    out, listed = tmp_path / "out.csv", tmp_path / "u.csv"
    result = geomap("extract", table, text, "-o", out, "--unresolved", listed)
    assert result.returncode == 0, result.stderr
    written = out.read_text()
    for cell in ("'=1+2", "\"'=HYPERLINK(\"\"http://example.invalid\"\")\"", "'@SUM(A1)", "'+cmd", "'-2+3",
                 "\"'=cmd|calc gunmen"):
        assert cell in written, cell
    assert ",-1," in written  # a number stays a number
    assert ",'=cmd|calc shelling hit the village of Qurtabazani on Monday." in listed.read_text()
    back = geomap("extract", out, "-q")  # and geomap reads its own guards back off
    assert {r["actor1"] for r in rows(back.stdout)} >= {"+cmd", "-1"}


def test_control_characters_never_reach_the_terminal(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "t\x1b]0;owned\x07x.csv").write_text("event_id,event_date,latitude,longitude\n"
                                                    "a\x1b[2J,2025-01-01,35.4,44.3\na\x1b[2J,2025-01-02,35.4,44.3\n")
    result = geomap("extract", folder)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "t\\x1b]0;owned\\x07x.csv" in result.stderr and "duplicate id 'a\\x1b[2J'" in result.stderr


# -- tracebacks become one line ----------------------------------------------------------------------------

@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["--help"], ["geocode", "Kirkuk"], ["places", "{report}"], ["extract", "{report}"],
                                  ["aggregate", "{report}", "-q"], ["map", "{report}", "-o", "-", "-q"]])
def test_standard_output_on_a_full_device_is_one_line(tmp_path, args):
    report = tmp_path / "r.txt"
    report.write_text("MOSUL, Iraq, 2 February 2025 — A roadside bomb killed two soldiers near Tal Afar on Sunday.\n")
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "geomap", *[a.format(report=report) for a in args]],
                                stdout=full, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    lines = [line for line in result.stderr.splitlines() if not line.startswith("read ")]
    assert result.returncode == 1 and lines and lines[-1].startswith("Error: ") and "No space left" in lines[-1]
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr


def test_a_bad_place_index_is_compiled_again(tmp_path, monkeypatch):
    from gazetteer import index

    real = index.Gazetteer.load()
    compiled = []

    def compile_copy(data_dir, db_path):  # the real compile takes a quarter of a minute: copy the index instead
        compiled.append(db_path)
        db_path.parent.mkdir(parents=True, exist_ok=True)
        db_path.write_bytes(real.db_path.read_bytes())

    monkeypatch.setattr(index, "compile_index", compile_copy)
    cache = tmp_path / "cache"
    db_path = index._cache_path(index.DATA_DIR, cache)
    for broken in (b"", real.db_path.read_bytes()[:100_000]):  # empty, then cut short
        db_path.write_bytes(broken)
        gazetteer = index.Gazetteer.load(cache_dir=cache)
        assert gazetteer.lookup("kirkuk") and compiled[-1] == db_path


def test_a_cache_folder_that_cannot_be_written_falls_back(tmp_path, monkeypatch):
    from gazetteer import index

    real = index.Gazetteer.load()
    blocked = tmp_path / "a file"
    blocked.write_text("not a folder")
    fallback = tmp_path / "fallback"
    monkeypatch.setattr(index, "_cache_roots", lambda cache_dir: [blocked / "geomap", fallback])
    monkeypatch.setattr(index, "compile_index", lambda data_dir, db_path: (
        db_path.parent.mkdir(parents=True, exist_ok=True), db_path.write_bytes(real.db_path.read_bytes())))
    assert index.Gazetteer.load().db_path.parent == fallback
    monkeypatch.setattr(index, "_cache_roots", lambda cache_dir: [blocked / "geomap"])
    with pytest.raises(OSError, match="set GEOMAP_CACHE_DIR"):
        index.Gazetteer.load()


def test_an_interrupted_index_build_leaves_no_temporary_file(tmp_path, monkeypatch):
    from gazetteer import index

    def interrupted(db, data_dir):
        db.execute("CREATE TABLE half (x)")
        raise KeyboardInterrupt

    monkeypatch.setattr(index, "_fill", interrupted)
    with pytest.raises(KeyboardInterrupt):
        index.compile_index(index.DATA_DIR, tmp_path / "gazetteer-v0-test.sqlite")
    assert list(tmp_path.iterdir()) == []
    stale = tmp_path / "gazetteer-v0-x.sqlite.999999999.tmp"  # a build killed outright, by a process long gone
    stale.write_bytes(b"half an index")
    index._drop_stale_builds(tmp_path)
    assert not stale.exists()


def test_deeply_nested_json_is_one_unreadable_file(tmp_path):
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (tmp_path / "deep.jsonl").write_text('{"a": ' * 50_000 + "1" + "}" * 50_000 + "\n")
    (tmp_path / "good.csv").write_text(TABLE)
    listed = tmp_path / "u.csv"
    result = geomap("extract", tmp_path, "--unresolved", listed)
    assert result.returncode == 0 and len(rows(result.stdout)) == 2, result.stderr
    assert listed.read_text().count("nested too deeply") == 2
    assert "nested too deeply" in one_error_line(geomap("extract", tmp_path / "deep.json"))


def test_a_browser_that_fails_is_one_line(tmp_path):
    table = tmp_path / "data.csv"
    table.write_text(TABLE)
    result = geomap("map", table, "-o", tmp_path / "m.html", "--date", "2025-01-05", "--png", tmp_path / "m.png",
                    "-q", env={**os.environ, "GEOMAP_CHROMIUM": "/bin/false"})
    assert "--png: headless Chromium failed" in one_error_line(result)
    assert not (tmp_path / "m.png").exists()


@pytest.mark.parametrize("address", ["nonsense", "http://example.invalid:8786", "tcp://[::1"])
def test_a_malformed_scheduler_is_one_line(tmp_path, address):
    pytest.importorskip("distributed")
    table = tmp_path / "data.csv"
    table.write_text(TABLE)
    line = one_error_line(geomap("aggregate", table, "--engine", "dask", "--scheduler", address))
    assert f"--scheduler {address!r}: cannot connect" in line


# -- wrong silent results ----------------------------------------------------------------------------------

def test_an_unknown_village_is_unresolved_not_moved(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("KIRKUK, Iraq, 3 March 2025 — Gunmen attacked a police checkpoint in Hawija on Sunday.\n\n"
                      "Artillery shells hit the village of Qurtabazani on Monday, wounding three farmers.\n")
    listed = tmp_path / "u.csv"
    result = geomap("extract", report, "--unresolved", listed)
    assert [r["location"] for r in rows(result.stdout)] == ["Hawija"]
    assert "place 'Qurtabazani' not found in the gazetteer" in listed.read_text()


@pytest.mark.parametrize("hidden", ["\u00ad", "\u200b", "\u2060", "\u200e"])
def test_invisible_characters_inside_names_are_read_through(tmp_path, hidden):
    report = tmp_path / "r.txt"
    report.write_text(f"KIRKUK, Iraq, 3 March 2025 — Gunmen attacked a police checkpoint in Haw{hidden}ija on "
                      "Sunday, killing two.\n")
    found = rows(geomap("extract", report).stdout)
    assert [(r["location"], r["geo_precision"]) for r in found] == [("Hawija", 1)]


def test_placeholder_cells_and_repeated_columns_are_listed(tmp_path):
    table = tmp_path / "t.csv"
    table.write_text("event_id,event_date,latitude,longitude,location,fatalities,Fatalities\n"
                     "z1,2025-01-05,0,0,Kirkuk,1,7\n"      # (0, 0) with a place name: placed by the name
                     "z2,2025-01-05,0,0,,1,7\n"            # (0, 0) and no name: listed
                     "z3,0001-01-01,35.47,44.39,,1,7\n"    # a placeholder date: listed
                     "z4,2025-01-06,35.47,44.39,,1_000,7\n")  # not a number: listed
    listed = tmp_path / "u.csv"
    result = geomap("extract", table, "--unresolved", listed)
    assert [(r["event_id_cnty"], r["location"], r["fatalities"]) for r in rows(result.stdout)] == [("z1", "Kirkuk", 1)]
    text = listed.read_text()
    assert "line 3,\"coordinates (0, 0) are no position" in text and "line 4,\"date 0001-01-01 is before 1900" in text
    assert "line 5,fatalities '1_000' is not a number" in text
    assert "column 'fatalities' appears 2 times in the header" in result.stderr
    assert "line 2: coordinates (0, 0) are no position: placed by its place name" in result.stderr


def test_rows_of_a_json_array_are_named_by_record(tmp_path):
    table = tmp_path / "a.json"
    table.write_text(json.dumps([{"event_date": "2025-01-05", "latitude": 35.47, "longitude": 44.39},
                                 {"event_date": "soon", "latitude": 35.47, "longitude": 44.39}]))
    listed = tmp_path / "u.csv"
    geomap("extract", table, "--unresolved", listed)
    assert "a.json,record 2,unreadable date 'soon'" in listed.read_text()


def test_a_gzip_bomb_is_refused_before_it_is_read(tmp_path):
    bomb = tmp_path / "bomb.csv.gz"
    with gzip.open(bomb, "wb") as f:
        f.write(b"event_date,latitude,longitude\n")
        for _ in range(64):
            f.write(b"2025-01-05,35.47,44.39\n" * 20_000)
    assert bomb.stat().st_size * 100 < 29 * 20_000 * 64  # far more than a hundred times its size
    line = one_error_line(geomap("aggregate", bomb))
    assert "guard against decompression bombs" in line


def test_deeply_nested_pages_are_read_without_a_tree(tmp_path):
    from geomap.ingest import page_text

    depth = sys.getrecursionlimit() * 20  # a tree walked recursively could not even be built
    page = "<html><title>T</title><body>" + "<div>" * depth + "<p>Shelling hit Binnish.</p>" + "</div>" * depth
    assert page_text(page) == "T\n\nShelling hit Binnish.\n"


def test_progress_is_told_in_lines_when_piped(tmp_path):
    from geomap import cli

    said = []
    progress = cli._Progress(quiet=False)
    progress.terminal = False
    cli_say, cli._say = cli._say, said.append
    try:
        for done in range(0, 5_000_001, 500_000):
            progress(done, 5_000_000)
    finally:
        cli._say = cli_say
    assert len(said) == 10 and said[0].startswith("reading text: 10%") and said[-1].startswith("reading text: 100%")


# -- messages ----------------------------------------------------------------------------------------------

def test_the_dask_engine_reads_every_table_of_a_folder_and_notes_the_rest(tmp_path):
    pytest.importorskip("distributed")
    gpd = pytest.importorskip("geopandas")
    from shapely.geometry import Point

    (tmp_path / "data.csv").write_text(TABLE)
    gpd.GeoDataFrame({"event_date": ["2025-02-01"]}, geometry=[Point(43.1, 36.3)], crs=4326).to_parquet(
        tmp_path / "more.parquet")
    (tmp_path / "report.txt").write_text("Gunmen attacked a checkpoint in Hawija.\n")
    result = geomap("aggregate", tmp_path, "--engine", "dask", "--workers", "1", "--period", "year")
    assert result.returncode == 0, result.stderr
    assert sorted(result.stdout.splitlines()[1:]) == ["IQ,IQ-KI,Kirkuk,2025,2,3", "IQ,IQ-NI,Nineveh,2025,1,0"]
    assert "1 file not read by the Dask engine (.txt)" in result.stderr


def test_files_of_other_formats_in_a_folder_are_noted(tmp_path):
    (tmp_path / "data.csv").write_text(TABLE)
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4 not read")
    (tmp_path / "memo.docx").write_bytes(b"PK not read")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n")  # hidden: not read, not noted
    result = geomap("extract", tmp_path)
    assert result.returncode == 0 and len(rows(result.stdout)) == 2, result.stderr
    assert "2 files of other formats not read (.docx, .pdf)" in result.stderr and "1 text file" not in result.stderr


def test_arabic_articles_are_read(tmp_path):
    report = tmp_path / "ar.txt"
    report.write_text("حلب، سوريا، 3 آذار 2025 — قصفت المدفعية مدينة سراقب يوم الأحد.\n\n"
                      "وانفجرت عبوة ناسفة في مدينة منبج، ما أسفر عن مقتل 3 عناصر.\n", encoding="utf-8")
    result = geomap("extract", report)
    assert result.returncode == 0, result.stderr
    found = [(r["location"], r["event_date"], r["sub_event_type"], r["fatalities"]) for r in rows(result.stdout)]
    assert found == [("Saraqib", "2025-03-02", "Shelling/artillery/missile attack", 0),
                     ("Manbij", "2025-03-03", "Remote explosive/landmine/IED", 3)]


def test_decimal_commas_and_stray_quotes_keep_the_rest(tmp_path):
    semicolons = tmp_path / "eu.csv"
    semicolons.write_text("event_id;event_date;latitude;longitude\nc1;2025-01-05;36,2;44,39\n")
    assert [(r["latitude"], r["longitude"]) for r in rows(geomap("extract", semicolons).stdout)] == [(36.2, 44.39)]
    table = tmp_path / "t.csv"
    table.write_text(TABLE + 'k3,2025-01-07,35.47,44.39,"Kir"kuk,1\n'
                     "k4,2025-01-08,36,2,44,39,Kirkuk,1\n"
                     'k5,2025-01-09,35.47,44.39,"Kirkuk,1\n'
                     "k6,2025-01-10,35.47,44.39,Kirkuk,6\n")
    listed = tmp_path / "u.csv"
    result = geomap("extract", table, "--unresolved", listed)
    assert [r["event_id_cnty"] for r in rows(result.stdout)] == ["k1", "k2", "k6"]
    text = listed.read_text()
    assert "line 4,\"not readable as CSV" in text and "line 6,\"not readable as CSV" in text
    assert "line 5,8 cells where the header has 6" in text


def test_a_huge_value_makes_a_short_error_line(tmp_path):
    table = tmp_path / "t.csv"
    table.write_text("event_date,latitude,longitude\n" + "x" * 100_000 + ",35.47,44.39\n")
    line = one_error_line(geomap("extract", table, "-q"))
    assert len(line) < 400 and "unreadable date 'xxx" in line
