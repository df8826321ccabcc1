"""Incident tables: ACLED and UCDP columns, geocoding, and rows that cannot be used."""

import gzip

import pytest

from geomap.ingest import read_inputs
from geomap.rows import table_incidents


def incidents_from(path, gazetteer):
    (table,) = read_inputs([path]).tables
    found = table_incidents(table, gazetteer)
    return found.frame, found.unresolved

ACLED = """event_id_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,actor2,country,admin1,location,latitude,longitude,geo_precision,source,notes,fatalities
IRQ1,2021-09-20,2021,1,Battles,Armed clash,Islamic State,Military Forces of Iraq,Iraq,Kirkuk,Daquq,35.14,44.45,1,Rudaw,Clash near Daquq,3
SYR2,20 September 2021,2021,1,Explosions/Remote violence,Air/drone strike,Unidentified,,Syria,Idlib,Binnish,,,1,SOHR,Drone strike on a car,0
SYR3,2021-09-21,2021,1,Battles,Armed clash,,,Syria,,Nowhereville Xyz,,,1,,,0
SYR4,,2021,1,Battles,Armed clash,,,Syria,,Aleppo,36.2,37.1,1,,,0
"""

UCDP = """id,year,type_of_violence,side_a,side_b,where_coordinates,where_prec,adm_1,latitude,longitude,date_start,date_prec,best,source_headline
#id,#date+year,,,,,,#adm1+name,#geo+lat,#geo+lon,#date+start,,,
1,2017,3,IS,Civilians,Hawija town,1,Kirkuk province,35.32592,43.77267,2017-10-01,1,4,Attack on village
2,2017,1,Government of Iraq,IS,Iraq,6,,33.0,44.0,2017-10-02,4,10,Country-level
"""


def test_acled_rows_are_read_as_they_are(tmp_path, gazetteer):
    path = tmp_path / "acled.csv"
    path.write_text(ACLED)
    incidents, unresolved = incidents_from(path, gazetteer)
    by_id = incidents.set_index("event_id_cnty")
    assert by_id.loc["IRQ1", "admin1_code"] == "IQ-KI" and by_id.loc["IRQ1", "fatalities"] == 3
    assert by_id.loc["SYR2", "admin1_code"] == "SY-ID"  # no coordinates: geocoded from "Binnish"
    assert by_id.loc["SYR2", "admin1"] == "Idlib" and by_id.loc["SYR2", "country"] == "Syria"  # as ACLED wrote
    assert {u.where for u in unresolved} == {"line 4", "line 5"}
    assert any("not found" in u.reason for u in unresolved) and any("no date" in u.reason for u in unresolved)


def test_ucdp_columns_and_precision_codes(tmp_path, gazetteer):
    path = tmp_path / "ged.csv.gz"
    path.write_bytes(gzip.compress(UCDP.encode()))
    incidents, unresolved = incidents_from(path, gazetteer)
    assert unresolved == []  # the HXL tag row is skipped, not reported
    first, second = incidents.itertuples()
    assert (first.event_type, first.admin1_code, first.fatalities, first.geo_precision) == (
        "Violence against civilians", "IQ-KI", 4, 1)
    assert second.geo_precision == 3 and second.time_precision == 3
    assert list(incidents["type_of_violence"]) == [3, 1]  # UCDP's own columns are kept


def test_a_corrupt_csv_line_is_listed_with_its_line(tmp_path):
    path = tmp_path / "broken.csv"
    path.write_text('event_date,latitude,longitude\n"2021-01-01,33.1,44.2\n')
    (table,) = read_inputs([path]).tables
    assert not len(table) and [(p.where, p.reason.split(" (")[0]) for p in table.problems] == [
        ("line 2", "not readable as CSV")]


def dates_of(tmp_path, gazetteer, body, today=None):
    import datetime as dt

    path = tmp_path / "dates.csv"
    path.write_text("event_date,latitude,longitude\n" + "".join(f"{d},35.47,44.39\n" for d in body))
    (table,) = read_inputs([path]).tables
    found = table_incidents(table, gazetteer, today or dt.date(2025, 1, 1))
    return sorted(found.frame["event_date"].dt.strftime("%Y-%m-%d")), found.unresolved


def test_numeric_dates_follow_their_columns_unambiguous_values(tmp_path, gazetteer):
    # Two dates can only be month first (the 13th, the 25th): so is 02/03/2024, 3 February.
    dates, _ = dates_of(tmp_path, gazetteer, ["03/13/2024", "01/25/2024", "02/03/2024"])
    assert dates == ["2024-01-25", "2024-02-03", "2024-03-13"]
    # The same ambiguous date in a column of day-first dates is 2 March.
    dates, _ = dates_of(tmp_path, gazetteer, ["13/03/2024", "25/01/2024", "02/03/2024"])
    assert dates == ["2024-01-25", "2024-03-02", "2024-03-13"]


def test_a_date_against_its_columns_order_is_listed_not_guessed(tmp_path, gazetteer):
    dates, unresolved = dates_of(tmp_path, gazetteer, ["13/03/2024", "25/01/2024", "03/14/2024"])
    assert dates == ["2024-01-25", "2024-03-13"]
    assert [u.reason for u in unresolved] == ["date '03/14/2024' is month first, but the column's other dates are "
                                              "day first"]
    assert unresolved[0].where == "line 4"


def test_ambiguous_dates_are_read_the_way_that_is_not_in_the_future(tmp_path, gazetteer):
    import datetime as dt

    # On 15 February 2024, 01/03/2024 cannot be 1 March (not yet): the column is month first.
    dates, unresolved = dates_of(tmp_path, gazetteer, ["01/03/2024", "02/02/2024"], today=dt.date(2024, 2, 15))
    assert dates == ["2024-01-03", "2024-02-02"] and not unresolved
    # With nothing to tell, numeric dates are day first, as in the region's sources.
    dates, _ = dates_of(tmp_path, gazetteer, ["01/03/2024", "02/02/2024"])
    assert dates == ["2024-02-02", "2024-03-01"]


def test_the_dask_engine_reads_every_partition_in_the_tables_order(tmp_path, gazetteer):
    import datetime as dt

    pytest.importorskip("distributed")
    from geomap.scale import aggregate_dask, dask_client

    path = tmp_path / "dates.csv"
    # The only unambiguous date (month first) is at the end, in another partition than 01/03/2024.
    rows = ["01/03/2024"] + ["02/02/2024"] * 8 + ["03/13/2024"]
    path.write_text("event_date,latitude,longitude\n" + "".join(f"{d},35.47,44.39\n" for d in rows))
    with dask_client(workers=1) as client:
        result = aggregate_dask([path], client, period="day", keep_frames=True, block_size=64,
                                today=dt.date(2025, 1, 1))
    assert len(result.frames) > 2
    days = sorted(d for f in result.frames for d in f["event_date"].dt.strftime("%Y-%m-%d"))
    assert days == dates_of(tmp_path, gazetteer, rows)[0]
    assert days[0] == "2024-01-03"
