"""The resolver on the cases an analyst checks first."""

import pytest

from gazetteer import find_places, geocode


def places(text, gazetteer):
    return [(m.text, m.place.admin1, m.place.level, m.place.precision) for m in find_places(text, gazetteer)]


@pytest.mark.parametrize(
    ("name", "admin1"),
    [("Binnish", "SY-ID"), ("Kirkuk", "IQ-KI"), ("Deir ez-Zor", "SY-DY"), ("Deir Ezzour", "SY-DY"),
     ("Deir-ez-Zour", "SY-DY"), ("Dayr az Zawr", "SY-DY"), ("Tel Afar", "IQ-NI"), ("Boukamal", "SY-DY"),
     ("Mayadeen", "SY-DY"), ("Slemani", "IQ-SU"), ("Hewlêr", "IQ-AR"), ("Kobani", "SY-HL"),
     ("Serêkaniyê", "SY-HA"), ("Palmyra", "SY-HI"), ("Hawija", "IQ-KI"), ("Sarmada", "SY-ID"),
     ("Jalawla", "IQ-DI"), ("Baghuz", "SY-DY"), ("Shirqat", "IQ-SD")],
)
def test_geocode_finds_the_right_governorate(gazetteer, name, admin1):
    place = geocode(name, gazetteer)
    assert place is not None and place.admin1 == admin1


def test_governorate_names_resolve_to_governorates(gazetteer):
    for name, code in [("Ninewa", "IQ-NI"), ("Nineveh", "IQ-NI"), ("Saladin", "IQ-SD"), ("Tamim", "IQ-KI"),
                       ("Anbar", "IQ-AN"), ("Kirkuk province", "IQ-KI")]:
        place = geocode(name, gazetteer)
        assert (place.admin1, place.level) == (code, "admin1"), name


def test_kirkuk_alone_is_the_city(gazetteer):
    assert geocode("Kirkuk", gazetteer).level == "place"


def test_country_filter(gazetteer):
    assert geocode("Sinjar", gazetteer, "SY").country == "SY"
    assert geocode("Sinjar", gazetteer).country == "IQ"


def test_binnish_in_the_idleb_countryside(gazetteer):
    text = "A drone targeted a car at the entrance to the city of Binnish in the Idleb countryside."
    assert places(text, gazetteer) == [("Binnish", "SY-ID", "place", 1), ("Idleb", "SY-ID", "admin1", 3)]


def test_offsets_point_at_the_text(gazetteer):
    text = "Clashes in Ninewa and Erbil; shelling near Kirkuk."
    for m in find_places(text, gazetteer):
        assert text[m.start : m.end] == m.text


def test_qualifiers_set_level_and_precision(gazetteer):
    assert places("New operations began in western Anbar.", gazetteer) == [("Anbar", "IQ-AN", "admin1", 3)]
    assert places("Mortars fell near Kirkuk.", gazetteer) == [("Kirkuk", "IQ-KI", "place", 2)]
    assert places("Curfew in Kirkuk province.", gazetteer) == [("Kirkuk", "IQ-KI", "admin1", 3)]


def test_hit_the_town_not_the_verb(gazetteer):
    assert places("The town of Hit was shelled.", gazetteer) == [("Hit", "IQ-AN", "place", 1)]
    assert places("The blast hit a convoy.", gazetteer) == []
    assert places("Hit by a drone, the truck burned.", gazetteer) == []


def test_people_media_and_demonyms_are_not_places(gazetteer):
    text = ("Army General Mark Milley said on Sunday that Naftali Bennett told Reuters and Al Mayadeen "
            "that Iraqi and Kurdish officials met the Pentagon's John Kirby.")
    assert places(text, gazetteer) == []


def test_sinjar_follows_its_context(gazetteer):
    assert places("Fighting in Sinjar, in Nineveh province.", gazetteer)[0][1] == "IQ-NI"
