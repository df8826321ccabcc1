"""From news text to incidents: place, date, type, fatalities, duplicates."""

import datetime as dt

from geomap.dates import event_date
from geomap.events import classify, fatalities
from geomap.extract import extract_incidents
from geomap.models import Document


def extract(text, gazetteer, reference=None):
    return extract_incidents([Document("report.txt", text)], gazetteer, reference).incidents


def test_binnish_drone_strike(gazetteer):
    text = ("IDLIB, Syria, 20 September 2021 – A drone targeted a car at the entrance to the city of Binnish "
            "in the Idleb countryside on Sunday, killing two men.")
    [incident] = extract(text, gazetteer)
    assert (incident.location, incident.admin1, incident.geo_precision) == ("Binnish", "SY-ID", 1)
    assert incident.event_date == dt.date(2021, 9, 19)
    assert (incident.event_type, incident.sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")
    assert incident.fatalities == 2
    assert incident.notes[incident.place_start : incident.place_end] == "Binnish"


def test_one_incident_per_governorate_in_a_list(gazetteer):
    found = extract("Clashes in Ninewa and Erbil killed three fighters.", gazetteer, dt.date(2017, 10, 26))
    assert sorted(i.admin1 for i in found) == ["IQ-AR", "IQ-NI"]
    assert sum(i.fatalities for i in found) == 3


def test_non_events_are_not_incidents(gazetteer):
    text = ("BAGHDAD, 3 March 2025 – The prime minister met the Turkish ambassador in Baghdad to discuss water. "
            "The authorities will arrest everyone who attended the Erbil conference, a spokesman said. "
            "Between January 2020 and September 2021, ISIS claimed an average of 90 operations per month in Iraq.")
    assert extract(text, gazetteer) == []


def test_relative_dates_against_the_article_date():
    monday = dt.date(2025, 1, 6)
    assert event_date("clashes on Sunday night", monday).date == dt.date(2025, 1, 5)
    assert event_date("a bomb exploded yesterday", monday).date == dt.date(2025, 1, 5)
    assert event_date("earlier today a convoy was hit", monday).date == monday
    assert event_date("in late October", monday).precision == 2
    assert event_date("on Sept. 19", monday).date == dt.date(2024, 9, 19)
    assert event_date("reported on 31.10.2021", None).date == dt.date(2021, 10, 31)


def test_fatalities_in_words_and_numbers():
    assert fatalities("an attack killing nine soldiers") == 9
    assert fatalities("eleven people were killed and others wounded") == 11
    assert fatalities("led to the death of a dozen police officers") == 12
    assert fatalities("two bombings killed more than 30 people and wounded dozens") == 30
    assert fatalities("three soldiers were wounded") == 0


def test_event_types():
    assert classify("A roadside bomb hit a patrol near Tikrit.").sub_event_type == "Remote explosive/landmine/IED"
    assert classify("Hundreds protested in Basra against power cuts.").event_type == "Protests"
    assert classify("Gunmen kidnapped two shepherds near Daquq.").sub_event_type == "Abduction/forced disappearance"
    assert classify("The minister said the economy is improving.") is None


def test_dateline_is_the_fallback_location(gazetteer):
    [incident] = extract("KIRKUK, Iraq, March 3, 2025 — Gunmen attacked a police checkpoint on Sunday.", gazetteer)
    assert (incident.location, incident.admin1, incident.geo_precision) == ("Kirkuk", "IQ-KI", 2)


def test_an_event_without_place_or_date_is_reported_not_dropped(gazetteer):
    result = extract_incidents([Document("a.txt", "Gunmen attacked a checkpoint in Kirkuk on Sunday.")], gazetteer)
    assert result.incidents == [] and result.unresolved[0].reason.startswith("no date")


def test_repeated_paragraph_becomes_one_incident_with_both_sources(gazetteer):
    text = "ERBIL, 1 Nov 2021 – A roadside bomb killed two soldiers in Makhmour on Sunday."
    docs = [Document("page1.txt", text), Document("page2.txt", "Other news.\n\n" + text)]
    [incident] = extract_incidents(docs, gazetteer).incidents
    assert len(incident.sources) == 2


def test_an_event_at_an_unknown_place_is_unresolved_not_folded_into_the_one_before(gazetteer):
    text = ("FALLUJAH, Iraq, 3 March 2025 – Security forces detained a wanted man in Fallujah on Sunday. "
            "Shelling by government forces on Zzyqqa al-Balad killed a child.")
    result = extract_incidents([Document("report.txt", text)], gazetteer)
    [arrest] = result.incidents
    assert arrest.fatalities == 0 and len(arrest.sources) == 1
    [unresolved] = result.unresolved
    assert unresolved.reason == "place 'Zzyqqa al-Balad' not found in the gazetteer"


def test_the_same_event_told_again_at_an_unknown_village_is_that_event(gazetteer):
    text = ("HOMS, Syria, 5 May 2024 - An air strike hit a market in Talbiseh on Sunday, killing four people. "
            "The strike on the village of Zzyqqa Tahtani killed two more, activists said.")
    result = extract_incidents([Document("report.txt", text)], gazetteer)
    [strike] = result.incidents
    assert (strike.location, strike.fatalities, len(strike.sources)) == ("Talbiseh", 6, 2)
    assert result.unresolved == []


def test_a_toll_of_both_sides_is_the_clash_told_before(gazetteer):
    text = ("HOMS, Syria, 5 May 2024 - Government troops and rebel fighters clashed near Talbiseh on Sunday. "
            "Nine fighters from both sides died, most of them in mortar fire around the village of Zzyqqa Fawqani, "
            "a monitor said.")
    result = extract_incidents([Document("report.txt", text)], gazetteer)
    [clash] = result.incidents
    assert (clash.location, clash.event_type, clash.fatalities) == ("Talbiseh", "Battles", 9)
    assert result.unresolved == []


def test_a_dated_list_dates_its_items(gazetteer):
    text = ("Daily toll\n\nPublished: 17/06/2024\n\nThe monitor documented yesterday, Sunday, June 16, the deaths of "
            "three people, as follows:\n\n- A child killed by a landmine in the desert of Al-Kasrah.\n"
            "- A young man shot dead by unknown gunmen in Jasim city.\n")
    found = extract(text, gazetteer)
    assert [(i.location, i.event_date, i.fatalities) for i in found] == [
        ("Al Kasrah", dt.date(2024, 6, 16), 1), ("Jasim", dt.date(2024, 6, 16), 1)]


def test_a_web_page_is_read_as_its_text(tmp_path, gazetteer):
    from geomap.ingest import read_inputs

    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Clashes</title><script>var x = 'Mosul airstrike';</script></head><body>"
                    "<p>DEIR EZ-ZOR, March 3, 2024 &mdash; An &lt;b&gt;airstrike&lt;/b&gt; hit a house in Al-Bab "
                    "on Friday; it killed 3 civilians.</p></body></html>")
    [doc] = read_inputs([page]).documents
    assert "script" not in doc.text and "Mosul" not in doc.text and "<b>airstrike</b>" in doc.text
    [incident] = extract_incidents([doc], gazetteer).incidents
    assert (incident.admin1, incident.fatalities) == ("SY-HL", 3)


def test_event_types_of_common_phrasings():
    cases = {
        "Israeli strikes hit targets near Damascus on Monday.": "Air/drone strike",
        "An Israeli strike killed two in Qusayr.": "Air/drone strike",
        "Hezbollah fighters were killed in an Israeli strike on Qusayr.": "Air/drone strike",
        "US forces conducted a raid in Atmeh, killing an IS leader.": "Armed clash",
        "Tel Rifaat was captured by Turkish-backed factions.": "Non-state actor overtakes territory",
        "Unidentified gunmen shot dead a former opposition commander in Tafas.": "Attack",
        "A PMF fighter was martyred by sniper fire in the Jalawla sub-district.": "Armed clash",
    }
    for sentence, sub in cases.items():
        found = classify(sentence)
        assert found is not None and found.sub_event_type == sub, sentence
    for sentence in ["Workers held a general strike on Sunday in Sulaimani.",
                     "Erdogan again threatened a new ground operation against Kobani.",
                     "The governor denied reports about armed clashes inside Qardaha.",
                     "Ceremonies were held in Damascus marking the anniversary of the October War."]:
        assert classify(sentence) is None, sentence


def test_fatalities_in_tallies_and_follow_ups():
    assert fatalities("- A child killed by a landmine in the desert of Al-Kasrah.") == 1
    assert fatalities("Three people, including a woman, killed in a quarrel in Al-Bukamal.") == 3
    assert fatalities("A senior leader was killed on Saturday along with two of his aides in an airstrike.") == 3
    assert fatalities("Gunmen opened fire on a shepherd near Shirqat, killing him.") == 1
    assert fatalities("On 12 April, gunmen killed two shepherds in the desert outside Rutba.") == 2
