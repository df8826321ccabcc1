import datetime as dt

import pytest

from geomap.counting import aggregate
from geomap.errors import OptionError
from geomap.models import Incident


def incident(day, lat, lon, admin1=None, fatalities=0):
    return Incident(event_id=f"{day}{lat}", event_date=day, time_precision=1, event_type="Battles",
                    sub_event_type="Armed clash", actor1="", actor2="", fatalities=fatalities, location="x",
                    latitude=lat, longitude=lon, country="", admin1=admin1, admin1_name=None, geo_precision=1,
                    source="t", notes="")


def test_counts_per_governorate_and_month():
    jan, feb = dt.date(2025, 1, 5), dt.date(2025, 2, 9)
    table = aggregate([
        incident(jan, 35.47, 44.39, fatalities=2),   # Kirkuk city: placed by the spatial join
        incident(jan, 35.33, 43.77, fatalities=1),   # Hawija, Kirkuk governorate
        incident(feb, 35.96, 36.71),                 # Binnish, Idlib
        incident(feb, 36.34, 43.13, admin1="IQ-NI"),  # Mosul, already resolved
    ], period="month", names={"IQ-KI": "Kirkuk"})
    rows = {(r.admin1, r.period): (r.events, r.fatalities) for r in table.itertuples()}
    assert rows == {("IQ-KI", "2025-01"): (2, 3), ("SY-ID", "2025-02"): (1, 0), ("IQ-NI", "2025-02"): (1, 0)}
    assert list(table.columns) == ["country", "admin1", "admin1_name", "period", "events", "fatalities"]


def test_weeks_are_iso_weeks():
    table = aggregate([incident(dt.date(2025, 1, 1), 35.47, 44.39)], period="week")
    assert table.period.tolist() == ["2025-W01"]


def test_unknown_period_is_an_option_error():
    with pytest.raises(OptionError, match="period must be one of"):
        aggregate([incident(dt.date(2025, 1, 1), 35.47, 44.39)], period="fortnight")


def test_an_incident_placed_only_to_a_country_is_not_given_a_governorate():
    day = dt.date(2025, 1, 5)
    syria = Incident(event_id="c", event_date=day, time_precision=1, event_type="Battles", sub_event_type="Armed clash",
                     actor1="", actor2="", fatalities=1, location="Syria", latitude=34.86, longitude=38.55,
                     country="SY", admin1=None, admin1_name=None, geo_precision=3, source="t", notes="")
    table = aggregate([syria], period="month")
    assert [(r.country, r.admin1, r.events) for r in table.itertuples()] == [("SY", None, 1)]


def test_text_incidents_are_counted_by_the_gazetteers_districts(tmp_path):
    import subprocess
    import sys

    report = tmp_path / "r.txt"
    report.write_text("DAMASCUS, March 4, 2024 -- A drone strike on a car in Binnish killed two men on Sunday.\n\n"
                      "Shelling hit Ariha on Sunday, wounding a child.\n")
    result = subprocess.run([sys.executable, "-m", "geomap", "aggregate", report, "--by", "admin2", "--period",
                             "year", "-q"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "country,admin1,admin1_name,admin2,period,events,fatalities"
    assert {tuple(line.split(",")[3:5]) for line in lines[1:]} == {("Idlib", "2024"), ("Ariha", "2024")}
