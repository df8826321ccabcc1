"""geomap from Python, as in a notebook: DataFrames in, GeoDataFrames and maps out."""

import pandas as pd
import pytest

import geomap

ACLED = pd.DataFrame({
    "event_id_cnty": ["SYR1", "SYR2", "IRQ3"],
    "event_date": ["2024-02-01", "2024-02-03", "2024-02-05"],
    "year": [2024, 2024, 2024],
    "event_type": ["Battles", "Explosions/Remote violence", "Protests"],
    "sub_event_type": ["Armed clash", "Air/drone strike", "Peaceful protest"],
    "actor1": ["HTS", "Military Forces of Syria", "Protesters (Iraq)"],
    "country": ["Syria", "Syria", "Iraq"],
    "admin1": ["Idlib", "Idlib", "Kirkuk"],
    "admin2": ["Idlib", "Ariha", "Kirkuk"],
    "location": ["Binnish", "Ariha", "Kirkuk"],
    "latitude": [35.96, 35.81, 35.47],
    "longitude": [36.71, 36.61, 44.39],
    "notes": ["=HYPERLINK(\"http://x\")", "Strike on a market.", "A sit-in."],
    "fatalities": [3, 5, 0],
})


def test_a_filtered_acled_frame_reads_back_with_its_columns():
    syria = ACLED[ACLED["country"] == "Syria"]
    frame = geomap.read_incidents(syria)
    assert frame.crs.to_epsg() == 4326 and len(frame) == 2
    for column in ["event_id_cnty", "year", "event_type", "sub_event_type", "actor1", "country", "admin1", "admin2",
                   "location", "latitude", "longitude", "notes", "fatalities"]:
        assert frame[column].tolist() == syria[column].tolist(), column
    assert frame["event_date"].tolist() == pd.to_datetime(syria["event_date"]).tolist()
    assert frame["admin1_code"].tolist() == ["SY-ID", "SY-ID"]
    assert geomap.aggregate(frame, by="admin2", period="month")["admin2"].tolist() == ["Ariha", "Idlib"]


def test_one_path_is_one_input_not_its_characters(examples):
    frame = geomap.read_incidents(str(examples))
    assert len(frame) > 50
    with pytest.raises(geomap.InputError, match="no such file or folder"):
        geomap.read_incidents("examples/no-such-folder")


def test_map_from_a_dataframe_has_the_clis_credits():
    fmap = geomap.map_incidents(ACLED, window=30, date="2024-02-03", title="ACLED sample")
    page = fmap.get_root().render()
    assert "Events: ACLED" in page and "geomapTimeline(" in page


def test_keyword_names_are_the_clis():
    with pytest.raises(geomap.OptionError, match="date must be a date as YYYY-MM-DD"):
        geomap.map_incidents(ACLED, date="03/02/2024")
