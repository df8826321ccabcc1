"""Filters by date, country, event type and actor: the library, and the same filters on the command line."""

import csv
import datetime as dt
import json
import shlex
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from geomap.errors import OptionError
from geomap.filters import IncidentFilter, filter_incidents, make_filter
from geomap.models import Incident
from tests.test_render import embedded_data, embedded_options

ROOT = Path(__file__).resolve().parent.parent


def incident(n, **kw):
    base = dict(event_id=f"e{n}", event_date=dt.date(2025, 1, 1) + dt.timedelta(days=n), time_precision=1,
                event_type="Battles", sub_event_type="Armed clash", actor1="Islamic State (Iraq)", actor2="",
                fatalities=0, location="Kirkuk", latitude=35.47, longitude=44.39, country="IQ", admin1="IQ-KI",
                admin1_name="Kirkuk", geo_precision=1, source="t.txt", notes="")
    base.update(kw)
    return Incident(**base)


INCIDENTS = [
    incident(0),
    incident(1, event_type="Protests", actor1="Protesters (Iraq)"),
    incident(2, country="SY", admin1="SY-ID", event_type="Explosions/Remote violence",
             actor1="Military Forces of Russia", actor2="Civilians (Syria)"),
    incident(3, country="Syria", admin1="SY-AL", event_type="Riots", actor1="Rioters (Syria)"),  # a name, as ACLED writes
    incident(4, country="", admin1="SY-HM", actor1="Hayat Tahrir al-Sham", actor2="Military Forces of Syria"),
]


def kept(gazetteer, **options):
    return [i.event_id for i in filter_incidents(INCIDENTS, make_filter(gazetteer=gazetteer, **options))]


def test_dates_are_inclusive(gazetteer):
    assert kept(gazetteer, from_="2025-01-02", to="2025-01-04") == ["e1", "e2", "e3"]
    assert kept(gazetteer, from_=dt.date(2025, 1, 5)) == ["e4"]
    assert kept(gazetteer, to="2025-01-01") == ["e0"]


@pytest.mark.parametrize("country", ["SY", "sy", "Syria", "syrian arab republic", " Syria "])
def test_country_by_code_or_name_whatever_the_column_holds(gazetteer, country):
    # e2 has the code, e3 the name, e4 only its governorate
    assert kept(gazetteer, country=country) == ["e2", "e3", "e4"]


def test_several_countries_and_types_are_alternatives(gazetteer):
    assert kept(gazetteer, country=["IQ", "Syria"]) == ["e0", "e1", "e2", "e3", "e4"]
    assert kept(gazetteer, type=["riots", "PROTESTS"]) == ["e1", "e3"]


def test_actor_is_found_in_either_actor_column_in_any_case(gazetteer):
    assert kept(gazetteer, actor="military forces") == ["e2", "e4"]
    assert kept(gazetteer, actor="civilians") == ["e2"]
    assert kept(gazetteer, actor=["russia", "hayat"]) == ["e2", "e4"]


def test_different_filters_must_all_match(gazetteer):
    assert kept(gazetteer, country="SY", type="Battles") == ["e4"]
    assert kept(gazetteer, country="IQ", actor="Russia") == []
    assert kept(gazetteer, type="Battles", to="2025-01-01", actor="islamic") == ["e0"]


def test_no_filter_keeps_everything_in_order(gazetteer):
    flt = make_filter(gazetteer=gazetteer)
    assert not flt.active
    assert filter_incidents(INCIDENTS, flt) == INCIDENTS


def test_mask_reads_a_dataframe_as_well():
    frame = pd.DataFrame({"event_date": ["2024-12-31", "2025-01-01", "2025-02-01"], "country": ["Iraq", "Iraq", "Syria"],
                          "admin1": ["", "", ""], "event_type": ["Battles", "battles", "Battles"],
                          "actor1": ["A", "B", "C"], "actor2": [None, "ISIS", ""]})
    flt = IncidentFilter(start=dt.date(2025, 1, 1), countries=(("IQ", "Iraq"),), event_types=("Battles",),
                         actors=("isis",))
    assert flt.mask(frame).tolist() == [False, True, False]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"from_": "2025-13-01"}, "--from must be a date as YYYY-MM-DD, not '2025-13-01'"),
        ({"to": "last week"}, "--to must be a date as YYYY-MM-DD, not 'last week'"),
        ({"from_": "2025-02-01", "to": "2025-01-01"}, "--from 2025-02-01 is after --to 2025-01-01: nothing could match"),
        ({"country": "Narnia"}, "--country 'Narnia' is neither an ISO 3166-1 code (such as SY) nor a country name "
                                "(such as Syria)"),
        ({"country": "Idlib"}, "--country 'Idlib' is neither an ISO 3166-1 code (such as SY) nor a country name "
                               "(such as Syria)"),
        ({"type": "Battle"}, "--type 'Battle' is not an ACLED event type: use Battles, Explosions/Remote violence, "
                             "Violence against civilians, Protests, Riots or Strategic developments"),
        ({"actor": "  "}, "--actor needs some text to look for in actor1 and actor2"),
    ],
)
def test_bad_values_name_the_option(gazetteer, options, message):
    with pytest.raises(OptionError) as caught:
        make_filter(gazetteer=gazetteer, **options)
    assert str(caught.value) == message


# -- on the command line ------------------------------------------------------------------------

ROWS = [
    ("2025-01-03", "Iraq", "Battles", "Islamic State (Iraq)", "", 35.47, 44.39, 2),      # Kirkuk
    ("2025-01-10", "Iraq", "Protests", "Protesters (Iraq)", "", 33.31, 44.36, 0),        # Baghdad
    ("2025-02-02", "Syria", "Explosions/Remote violence", "Military Forces of Russia", "Civilians (Syria)",
     35.93, 36.63, 5),                                                                    # Idlib
    ("2025-02-20", "Syria", "Battles", "Hayat Tahrir al-Sham", "Military Forces of Syria", 35.13, 36.75, 3),  # Hama
    ("2025-03-15", "Syria", "Riots", "Rioters (Syria)", "", 36.20, 37.16, 0),            # Aleppo
]


@pytest.fixture(scope="module")
def table(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("filters") / "events.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["event_date", "country", "event_type", "actor1", "actor2", "latitude", "longitude",
                         "fatalities", "notes"])
        for n, row in enumerate(ROWS):
            writer.writerow([*row, f"Report {n}"])
    return path


def geomap(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "geomap", *map(str, args)], capture_output=True, text=True, cwd=cwd)


def test_extract_keeps_what_the_filters_match(table):
    result = geomap("extract", table, "--country", "syria", "--type", "battles", "--type", "Riots")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["event_date"], r["event_type"]) for r in rows] == [("2025-02-20", "Battles"), ("2025-03-15", "Riots")]
    assert result.stderr.strip().endswith("; 2 of them match the filters (Battles or Riots · in Syria)")


def test_aggregate_counts_only_the_window_asked_for(table):
    result = geomap("aggregate", table, "--from", "2025-01-10", "--to", "2025-02-20", "--period", "month", "-q")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[1:] == ["IQ,IQ-BG,Baghdad,2025-01,1,0", "SY,SY-HM,Hama,2025-02,1,3", "SY,SY-ID,Idlib,2025-02,1,5"]


def test_map_holds_only_the_matching_incidents_and_says_so(table, tmp_path):
    out = tmp_path / "m.html"
    result = geomap("map", table, "-o", out, "--actor", "military forces", "-q")
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    data = embedded_data(page)
    assert data["n"] == 2 and data["t0"] == "2025-02-02"
    assert embedded_options(page)["subtitle"].endswith(" · actor 'military forces'")


def test_map_slider_spans_the_dates_asked_for(table, tmp_path):
    out = tmp_path / "m.html"
    result = geomap("map", table, "-o", out, "--country", "SY", "--from", "2025-01-01", "--to", "2025-03-31", "-q")
    assert result.returncode == 0, result.stderr
    data = embedded_data(out.read_text(encoding="utf-8"))
    assert (data["t0"], data["ndays"], data["n"]) == ("2025-01-01", 90, 3)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["map", "-o", "m.html", "--from", "2025-02-30"], "Error: --from must be a date as YYYY-MM-DD, not '2025-02-30'"),
        (["extract", "--from", "2025-03-01", "--to", "2025-02-01"],
         "Error: --from 2025-03-01 is after --to 2025-02-01: nothing could match"),
        (["aggregate", "--country", "Atlantis"],
         "Error: --country 'Atlantis' is neither an ISO 3166-1 code (such as SY) nor a country name (such as Syria)"),
        (["extract", "--type", "Airstrike"],
         "Error: --type 'Airstrike' is not an ACLED event type: use Battles, Explosions/Remote violence, Violence "
         "against civilians, Protests, Riots or Strategic developments"),
        (["map", "-o", "m.html", "--actor", ""], "Error: --actor needs some text to look for in actor1 and actor2"),
        (["extract", "-q", "--type", "Riots", "--country", "IQ"],
         "Error: no incident matches the filters (Riots · in Iraq) among the 5 incidents read"),
        (["aggregate", "--engine", "dask", "--type", "Riots"],
         "Error: --from, --to, --country, --type and --actor work with the default engine only, not with --engine "
         "dask"),
    ],
)
def test_bad_filters_are_one_line_errors(table, tmp_path, args, message):
    result = geomap(args[0], table, *args[1:], cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == message
    assert not (tmp_path / "m.html").exists()


@pytest.mark.parametrize("command", ["places", "geocode", "extract", "aggregate", "map"])
def test_help_shows_examples_that_the_command_accepts(command):
    from geomap.cli import main

    result = geomap(command, "--help")
    assert result.returncode == 0
    text = result.stdout.split("Examples:\n", 1)[1].split("\n\n", 1)[0]
    examples = [shlex.split(line) for line in text.splitlines()]
    assert len(examples) >= 2
    for words in examples:
        assert words[:2] == ["geomap", command]
        main.commands[command].make_context(command, words[2:])  # raises on an unknown option or a bad value
