"""Places that are not towns: air bases, crossings, camps, dams, neighbourhoods, world regions, US counties.

Every sentence here was written for these tests.
"""

import csv
import gzip
import math

import pytest

from gazetteer import find_places, geocode
from gazetteer.index import BUILT_FEATURE_FILE, CURATED_FEATURE_FILES, DATA_DIR, PRECISION_BY_FCODE


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(a))


def mention(text, name, gazetteer):
    found = [m for m in find_places(text, gazetteer) if name in m.text]
    assert found, f"{name!r} not found in {text!r}: {[m.text for m in find_places(text, gazetteer)]}"
    return found[0].place


@pytest.mark.parametrize(
    ("text", "name", "admin1", "point"),
    [
        ("Israeli jets struck the T-4 air base east of Homs overnight.", "T-4", "SY-HI", (34.52, 37.63)),
        ("A drone was shot down over Tiyas Military Airbase on Monday.", "Tiyas", "SY-HI", (34.52, 37.63)),
        ("Cruise missiles hit the Shayrat air base before dawn.", "Shayrat", "SY-HI", (34.49, 36.91)),
        ("Rockets landed inside Ain al-Asad air base in western Anbar.", "Ain al-Asad", "IQ-AN", (33.80, 42.44)),
        ("Coalition aircraft took off from Qayyarah West in the morning.", "Qayyarah West", "IQ-NI", (35.77, 43.13)),
        ("Rebels shelled the Taftanaz airbase with rockets.", "Taftanaz airbase", "SY-ID", (35.97, 36.78)),
        ("Aid trucks entered through the Bab al-Hawa crossing on Tuesday.", "Bab al-Hawa", "SY-ID", (36.23, 36.68)),
        ("Traders queued for hours at the Yarubiyah crossing.", "Yarubiyah", "SY-HA", (36.81, 42.07)),
        ("The Masnaa crossing reopened to travellers from Beirut.", "Masnaa", "LB", (33.70, 35.93)),
        ("Guards searched tents in al-Hol camp after a stabbing.", "al-Hol camp", "SY-HA", (36.38, 41.15)),
        ("Engineers inspected the Mosul Dam after heavy rains.", "Mosul Dam", "IQ-NI", (36.63, 42.82)),
        ("A fire broke out at the Khor Mor gas field after a drone attack.", "Khor Mor", "IQ-SU", (35.07, 44.81)),
        ("Detainees were moved out of Saydnaya prison last year.", "Saydnaya prison", "SY-RD", (33.66, 36.33)),
        ("Ships were unloaded at Tartus port on Friday.", "Tartus port", "SY-TA", (34.90, 35.87)),
    ],
)
def test_features_news_names(gazetteer, text, name, admin1, point):
    place = mention(text, name, gazetteer)
    assert (place.admin1 or place.country).startswith(admin1)
    assert place.level == "feature"
    assert place.precision == 2  # part of, or beside, a place: ACLED's precision 2
    assert km(place.lat, place.lon, *point) <= 25


def test_neighbourhoods_are_part_of_their_city(gazetteer):
    for text, name, admin1, point in [
        ("Mortar shells fell on Jobar in eastern Damascus.", "Jobar", "SY-DI", (33.53, 36.33)),
        ("Kurdish fighters held Sheikh Maqsoud, north of the old city of Aleppo.", "Sheikh Maqsoud", "SY-HL",
         (36.23, 37.16)),
        ("Army units entered Baba Amr in Homs after weeks of shelling.", "Baba Amr", "SY-HI", (34.72, 36.69)),
        ("Snipers were reported in the Zanjili area of Mosul.", "Zanjili", "IQ-NI", (36.35, 43.11)),
    ]:
        place = mention(text, name, gazetteer)
        assert (place.admin1, place.level, place.precision) == (admin1, "place", 2), text
        assert km(place.lat, place.lon, *point) <= 25


def test_a_neighbourhood_does_not_take_a_towns_name_without_context(gazetteer):
    # Khalidiya is a Homs neighbourhood and a town in Anbar: only the text around it tells them apart.
    assert mention("Gunmen attacked a checkpoint in Khalidiya, east of Ramadi.", "Khalidiya", gazetteer).admin1 \
        == "IQ-AN"
    assert mention("Shelling hit Khalidiya and Baba Amr in Homs.", "Khalidiya", gazetteer).admin1 == "SY-HI"


def test_us_and_uk_by_their_short_names(gazetteer):
    for text, name, country in [
        ("The ambassador flew back to the U.S. on Sunday.", "U.S.", "US"),
        ("The delegation returned to the US last week.", "US", "US"),
        ("Exports to the UK fell sharply.", "UK", "GB"),
        ("Trade with America grew last year.", "America", "US"),
    ]:
        place = mention(text, name, gazetteer)
        assert (place.level, place.country) == ("country", country), text
    assert mention("The ambassador flew back to the U.S. on Sunday.", "U.S.", gazetteer).name == "United States"


def test_us_as_an_adjective_is_no_place(gazetteer):
    # Like "Iraqi" or "US-led": "US forces" says who, not where: a modifier, not a place of events.
    found = find_places("US forces patrolled the road near Qamishli.", gazetteer)
    assert [m.text for m in found if m.qualifier != "modifier"] == ["Qamishli"]
    assert [(m.text, m.qualifier) for m in find_places("A U.S. official said the talks would resume.", gazetteer)] == [
        ("U.S.", "modifier")]


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        ("Police in Columbia, Ky., arrested a man on Friday.", "Ky", "US-KY"),
        ("The fair opens in Springfield, Mo., next week.", "Mo", "US-MO"),
        ("Snow closed roads near Kamloops, B.C., overnight.", "B.C.", "CA-BC"),
        ("Hydro crews worked through the night in Sudbury, Ont., after the storm.", "Ont", "CA-ON"),
        ("Flooding forced evacuations in Gatineau, Que., on Monday.", "Que", "CA-QC"),
    ],
)
def test_state_and_province_abbreviations(gazetteer, text, name, admin1):
    place = mention(text, name, gazetteer)
    assert (place.level, place.admin1) == ("admin1", admin1)


def test_bc_as_a_date_is_no_province(gazetteer):
    assert [m.text for m in find_places("The walls date from 300 B.C. and still stand.", gazetteer)] == []


def test_us_counties(gazetteer):
    place = mention("A barn burned down in Pike County, Ky., on Sunday.", "Pike County", gazetteer)
    assert (place.country, place.admin1, place.level) == ("US", "US-KY", "feature")
    assert km(place.lat, place.lon, 37.48, -82.40) <= 40


def test_world_airports(gazetteer):
    place = mention("Flights were diverted away from Heathrow after the storm.", "Heathrow", gazetteer)
    assert place.country == "GB" and km(place.lat, place.lon, 51.47, -0.46) <= 25
    place = mention("She landed at Pearson International Airport late at night.", "Pearson", gazetteer)
    assert place.admin1 == "CA-ON" and km(place.lat, place.lon, 43.68, -79.63) <= 25


@pytest.mark.parametrize(
    ("name", "fcode_kind"),
    [("Middle East", "world_region"), ("the Middle East", "world_region"), ("the Gulf", "sea"),
     ("the Levant", "world_region"), ("Central Asia", "world_region"), ("the Caucasus", "world_region"),
     ("South Pacific", "world_region"), ("Asia", "continent"), ("Europe", "continent")],
)
def test_continents_and_world_regions_by_bare_name(gazetteer, name, fcode_kind):
    place = geocode(name, gazetteer)
    assert place is not None and (place.level, place.precision) == ("feature", 3), name
    entry = next(e for e in gazetteer.lookup(place.name.lower()) if e.kind == "feature") \
        if gazetteer.lookup(place.name.lower()) else None
    assert entry is None or entry.fcode == fcode_kind


def test_region_names_in_text(gazetteer):
    places = find_places("Drought hit Central Asia and South America this year.", gazetteer)
    assert [(m.text, m.place.level, m.place.precision) for m in places] == [
        ("Central Asia", "feature", 3), ("South America", "feature", 3)]


def _curated_rows():
    for fname in CURATED_FEATURE_FILES:
        with open(DATA_DIR / fname, encoding="utf-8") as f:
            yield from ((fname, row) for row in csv.DictReader(f))


def test_every_curated_row_has_a_source_and_its_kinds_precision():
    for fname, row in _curated_rows():
        assert row["source"].strip(), (fname, row["name"])
        assert row["kind"] in PRECISION_BY_FCODE, (fname, row["name"], row["kind"])
        assert int(row["precision"]) == PRECISION_BY_FCODE[row["kind"]], (fname, row["name"])
    with open(DATA_DIR / "neighbourhoods.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            assert row["source"].strip() and row["city"] and row["admin1"], row["name"]


def test_built_features_are_sorted_sourced_and_openly_licensed():
    with gzip.open(DATA_DIR / BUILT_FEATURE_FILE, "rt", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert len(rows) > 1000
    order = [(r["country"], r["fcode"], r["source_id"]) for r in rows]
    assert order == sorted(order)  # a rebuild gives the same bytes
    assert len({r["source_id"] for r in rows}) == len(rows)
    for r in rows:
        assert r["source"] and r["keys"], r["source_id"]
        if r["source_id"].startswith("opensyria-transport:"):
            # Only records with an openly licensed source are shipped, and that source is named.
            named = [part.split(" (")[0] for part in r["source"].split("from ", 1)[1].split(", ")]
            assert not any(n.startswith("logistics-cluster") or n == "un-locode" for n in named), r["source"]
            assert any(word in r["source"] for word in ("Public Domain", "CC0", "CC BY 4.0", "PDDL")), r["source"]
