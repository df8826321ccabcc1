"""The default and the Dask engine on the same awkward tables: the same rows mapped, the same rows refused."""

import datetime as dt

import pandas as pd
import pytest

from geomap.ingest import read_inputs
from geomap.rows import table_incidents

pytest.importorskip("distributed")

AWKWARD = {
    # generic names: lat, lon, killed; day-first and month-first numeric dates; a place to geocode
    "generic.csv": "id,date,lat,lon,killed,place\n"
                   "g1,01/03/2024,35.95,39.01,2,\n"
                   "g2,03/13/2024,35.95,39.01,1,\n"
                   "g3,2024-03-07,136.34,43.13,1,\n"
                   "g4,2031-03-07,36.34,43.13,1,\n"
                   "g5,2024-03-08,36.34,43.13,-5,\n"
                   "g6,2024-03-09,,,0,Binnish\n"
                   "g7,2024-03-09,,,0,Nowhereville Xyz\n"
                   "g8,soon,36.34,43.13,0,\n"
                   "g9,2024-03-10,44.39,35.47,0,\n"
                   "g1,2024-03-11,35.47,44.39,3,\n"
                   "g11,2024-03-12,abc,44.39,0,\n"
                   "g12,2024-03-12,,,,\n",
    # ACLED's names, with a short row and a long one
    "acled.csv": "event_id_cnty,event_date,event_type,country,admin1,location,latitude,longitude,fatalities\n"
                 "SYR1,2024-02-01,Battles,Syria,Idlib,Binnish,35.96,36.71,4\n"
                 "SYR2,2024-02-02,Protests,Syria,Aleppo,Aleppo,,,0\n"
                 "SYR3,2024-02-03\n"
                 "SYR4,2024-02-04,Riots,Syria,Idlib,Binnish,35.96,36.71,1,extra\n",
    # cells a hostile or careless export holds: an underscore in a number, NaN deaths, (0, 0) with and without a
    # place, a placeholder year, a stray quote, an unquoted decimal comma and a quoted one
    "hostile.csv": "event_id,event_date,latitude,longitude,location,fatalities\n"
                   "h1,2024-02-01,35.47,44.39,,1_000\n"
                   "h2,2024-02-02,35.47,44.39,,NaN\n"
                   "h3,2024-02-03,0,0,Kirkuk,1\n"
                   "h4,2024-02-04,0,0,,1\n"
                   "h5,0001-01-01,35.47,44.39,,1\n"
                   'h6,2024-02-05,35.47,44.39,"Kir"kuk,1\n'
                   "h7,2024-02-06,36,2,44,39,,1\n"
                   'h8,2024-02-07,"36,2","44,39",,5\n',
}


def default_engine(path, gazetteer):
    (table,) = read_inputs([path]).tables
    found = table_incidents(table, gazetteer, dt.date(2025, 1, 1))
    found.unresolved = table.problems + found.unresolved  # lines that are no rows, as the pipeline lists them
    return found


def by_line(items):
    return sorted(((u.where, u.reason) for u in items), key=lambda pair: int(pair[0].split()[-1]))


@pytest.fixture(scope="module")
def client():
    from geomap.scale import dask_client

    with dask_client(workers=1) as client:
        yield client


@pytest.mark.parametrize("name", sorted(AWKWARD))
def test_both_engines_map_and_refuse_the_same_rows(tmp_path, gazetteer, client, name):
    from geomap.counting import aggregate
    from geomap.scale import aggregate_dask

    path = tmp_path / name
    path.write_text(AWKWARD[name])
    plain = default_engine(path, gazetteer)
    # Blocks of 64 bytes: several partitions per table, each checked on its own.
    dask = aggregate_dask([path], client, period="day", keep_unresolved=True, keep_frames=True, block_size=64,
                          today=dt.date(2025, 1, 1))
    assert len(dask.frames) > 1
    mapped = pd.concat(dask.frames, ignore_index=True)
    # A repeated id is renamed by the default engine ("g1-11"); a partition cannot see the ids of the others,
    # and the Dask engine writes counts only, so ids are compared as read.
    columns = ["event_date", "latitude", "longitude", "fatalities", "country_code", "admin1_code", "_line"]
    assert list(mapped["event_id_cnty"]) == [i.split("-")[0] for i in plain.frame["event_id_cnty"]]
    pd.testing.assert_frame_equal(mapped[columns].reset_index(drop=True), plain.frame[columns].reset_index(drop=True),
                                  check_dtype=False, check_categorical=False)
    assert by_line(dask.unresolved) == by_line(plain.unresolved)
    counts = aggregate(plain.frame, period="day", names=gazetteer.admin1_names)
    pd.testing.assert_frame_equal(dask.table, counts, check_dtype=False)
    assert plain.unresolved and len(plain.frame)  # the tables are awkward, not hopeless
