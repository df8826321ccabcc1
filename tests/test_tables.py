"""Incident tables: ACLED and UCDP columns, geocoding, and rows that cannot be used."""

import gzip

import pytest

from geomap.errors import InputError
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


def test_corrupt_csv_is_a_clear_error(tmp_path):
    path = tmp_path / "broken.csv"
    path.write_text('event_date,latitude,longitude\n"2021-01-01,33.1,44.2\n')
    with pytest.raises(InputError, match=r"broken.csv: line \d+: corrupt CSV"):
        read_inputs([path])
