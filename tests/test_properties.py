"""Property-based tests: arbitrary Unicode never crashes the normaliser, resolver or extractor,
and what they return keeps its promises (offsets point at the text, codes exist, precision 1-3)."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gazetteer import find_places, geocode
from gazetteer.normalize import fold, loose_key, name_key, soft_key, strip_invisible
from geomap.extract import extract_incidents
from geomap.models import Document

PLACES = ["Kirkuk", "Binnish", "Deir ez-Zor", "al-Bab", "Tal Afar", "Hit", "Mosul", "Idleb", "Raqqa", "Sinjar"]
WORDS = ["in", "near", "the", "town", "of", "killed", "drone", "struck", "clashes", "province", "on", "Monday",
         "Mark", "Reuters", "al-", "’s", ",", ".", "\n", "—", "2025", "three"]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(PLACES + WORDS) | st.text(max_size=8), max_size=60).map(" ".join),
)


@SETTINGS
@given(st.text(max_size=200))
def test_normaliser_never_fails_and_folds_to_plain_text(text):
    for key in (fold(text), name_key(text), loose_key(text), soft_key(name_key(text))):
        assert isinstance(key, str)
    assert fold(text) == fold(text).strip()
    assert all(c.isalnum() or c == " " for c in fold(text))


@SETTINGS
@given(texts)
def test_resolver_offsets_codes_and_precision(gazetteer, text):
    for m in find_places(text, gazetteer):
        assert text[m.start : m.end] == m.text
        assert m.place.precision in (1, 2, 3)
        assert m.place.level in ("country", "admin1", "place", "feature")
        assert m.place.admin1 is None or m.place.admin1 in gazetteer.admin1_names
        assert -90 <= m.place.lat <= 90 and -180 <= m.place.lon <= 180


@SETTINGS
@given(st.text(max_size=60), st.sampled_from([None, "IQ", "SY", "zz"]))
def test_geocode_never_fails(gazetteer, name, country):
    place = geocode(name, gazetteer, country)
    assert place is None or place.precision in (1, 2, 3)


@SETTINGS
@given(texts)
def test_extractor_keeps_its_evidence(gazetteer, text):
    result = extract_incidents([Document("t.txt", text)], gazetteer, dt.date(2025, 1, 1))
    squashed = " ".join(strip_invisible(text).split())  # invisible characters (a soft hyphen) are dropped first
    for incident in result.incidents:
        assert " ".join(incident.notes.split()) in squashed
        assert 1 <= incident.geo_precision <= 3 and 1 <= incident.time_precision <= 3
        assert incident.fatalities >= 0
        if incident.place_start is not None:
            assert incident.notes[incident.place_start : incident.place_end]
