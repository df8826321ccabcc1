"""Deciding each name: which candidate it is, whether a place is its obvious reading at all, how precise."""

from __future__ import annotations

import re
from dataclasses import dataclass

from gazetteer.context import (
    LOCATIVE,
    NAMED_BY,
    PLACE_CUE_AFTER,
    QUARTER_AFTER,
    QUARTER_BEFORE,
    TYPE_BEFORE,
    dateline,
    famous,
    group_named_after,
    km,
    name_continues,
    org_name,
    previous_capitalised,
    sentence_initial,
    text_after,
    text_before,
    title_case,
)
from gazetteer.index import PRECISION_BY_FCODE, Entry, Gazetteer
from gazetteer.lexicon import (
    AFTER_ADJECTIVE,
    FIRST_NAMES,
    GROUP_HEADS,
    HONORIFICS,
    LEADERS,
    MEDIA_OR_GROUP,
    MODIFIER_SUFFIXES,
    NOT_PLACES,
    ORG_HEADS,
    STREET_HEADS,
    TITLES,
)
from gazetteer.normalize import name_key
from gazetteer.ranking import Evidence, rank
from gazetteer.spans import NEIGHBOURS, Span

COMMON_WORD_ZIPF = 3.9  # "Hit" 5.4, "Mark" 5.1, "Bennett" 4.0; "Mosul" 3.3, "Baghdad" 3.6
FUNCTION_WORD_ZIPF = 5.5  # "the" 7.7, "in" 7.3; "Iraq" 4.7, "China" 5.3, "India" 5.2

# -- decision --------------------------------------------------------------------------------
def rank_candidates(span: Span, qualifier: str | None, inside, admin1s, countries, gazetteer: Gazetteer,
                    near: tuple[float, float] | None = None, neighbours: frozenset = frozenset(),
                    demonyms: frozenset = frozenset(), anchors: tuple = ()) -> list[tuple]:
    """The span's candidates, best first, as (score, entry): see :mod:`gazetteer.ranking`."""
    evidence = Evidence(qualifier, inside, frozenset(admin1s), frozenset(countries), near, neighbours, demonyms,
                        anchors, span.variant)
    return rank(span.key, span.candidates, evidence, gazetteer)


def _strong(entry: Entry, focus: tuple = ("IQ", "SY")) -> bool:
    """Well known enough to be read as a place without a cue."""
    if entry.kind in ("country", "admin1", "feature"):
        return True
    known = entry.alt_count >= 15 and entry.country in focus  # elsewhere, alternate-name counts are padded
    return entry.population >= 100_000 or known or entry.fcode in ("PPLC", "PPLA")


def is_place_reading(text: str, tokens, span: Span, entry: Entry, qualifier: str | None, countries: set[str],
          gazetteer: Gazetteer, starts: frozenset = frozenset(), ends: frozenset = frozenset(),
          listed: bool = False, people: frozenset = frozenset(), contained: bool = False) -> bool:
    """Is a place the obvious reading of this span? (People, channels, common words are not.)

    ``contained``: the text names a container the entry lies in ("Paris, Texas"), as good a cue as "the town of".
    """
    before = text_before(text, span)
    cue_after = bool(PLACE_CUE_AFTER.match(text_after(text, span, 80))) or contained
    filed = dateline(text, span)
    cues = _Cues(before, text_after(text, span),
                 locative=bool(LOCATIVE.search(before)) or qualifier is not None or listed or cue_after or filed,
                 typed=qualifier in ("town", "district", "province", "countryside") or bool(TYPE_BEFORE.search(before))
                 or cue_after, dateline=filed)
    decided = _named_otherwise(text, tokens, span, entry, qualifier, listed, cues)
    if decided is not None:
        return decided
    if _part_of_longer_name(text, tokens, span, entry, starts, ends, gazetteer, cues.locative):
        return False  # "Mark Milley", "Naft Maysan", "Jordan Whitfield", "Turkistan Islamic Party", "Mosul Eye"
    return _reads_as_place(text, span, entry, countries, gazetteer, people, contained, cues)


@dataclass(frozen=True)
class _Cues:
    before: str  # the text before the span
    after: str
    locative: bool  # "in", "near", a qualifier, a list, a dateline: something put at the place
    typed: bool  # "the town of", "province": the text says what kind of place it is
    dateline: bool  # "KUWAIT CITY (AP) -": where the report was filed


def _named_otherwise(text: str, tokens, span: Span, entry: Entry, qualifier: str | None, listed: bool,
                     cues: _Cues) -> bool | None:
    """What the span's own form says: a leader, an outlet, an acronym, an adjective, an organisation, a person,
    a tribe, a club (False); a place for an outlet's name used as a place (True); None when it says nothing."""
    before, after, key = cues.before, cues.after, span.key
    surface = re.sub(r"^(?:al|el|as|ash|ad)[-\s]", "", span.text.lower()).rstrip("s")
    if surface in LEADERS:  # "the Assad regime"; but "the al-Assad suburb", "the town of Assad"
        return bool(TYPE_BEFORE.search(before)) or qualifier in ("town", "district")
    # "SANAs correspondent": an acronym with its possessive glued on, where the apostrophe was lost
    acronym = len(span.text) > 3 and span.text.endswith("s") and span.text[:-1].isupper() and key[:-1] in NOT_PLACES
    if key in NOT_PLACES or (key.split()[-1] in NOT_PLACES and len(key.split()) == 1) or acronym:
        return bool(TYPE_BEFORE.search(before))  # only "the town of Hamza" makes such a word a place
    if key in MEDIA_OR_GROUP:
        return _outlet_as_place(text, span, listed, cues)
    dotted = "." in span.text and not re.search(r"\d\s*$", before)  # "Surrey, B.C.", not "300 B.C."
    if span.text.isupper() and len(key.replace(" ", "")) <= 3 and entry.kind != "country" and not re.match(
            r"\s*,\s+[A-Z][a-z]", after) and not dotted:
        return False  # an acronym: "SNA", "PMF", "HTS"; but "KUT, Iraq -" is a dateline, "B.C." a province
    if re.match(r"-[a-z]", after):
        return False  # "Iran-backed", "US-led": an adjective
    if entry.kind == "country" and (span.text.isupper() or "." in span.text):
        word = re.match(r"\s+([a-z]+)\b", after)
        if word and word.group(1) in AFTER_ADJECTIVE:
            return False  # "US forces", "a U.S. official": an adjective
    if re.match(r"[ \t]\d{1,2}\b(?!\s*(?:km|kilomet|mile|people|civilians|soldiers|fighters|killed|dead|were|was|"
                r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))", after, re.I):
        return False  # "Deir Ezzor 24", "Kurdistan 24": a media outlet; not a headline's place over its date line
    if NAMED_BY.search(before):
        return False  # "the IS magazine Dabiq", "Islamic State of Iraq"
    honorific = re.search(r"\b([A-Za-z]+)\.?\s+$", before)
    if honorific and honorific.group(1).lower() in HONORIFICS and honorific.group(1)[0].isupper():
        return False  # "Dr. Darwish", "Sheikh Hamad": a person
    if org_name(text, tokens, span) or _person_or_group_after(text, span, before, after):
        return False
    return None


def _outlet_as_place(text: str, span: Span, listed: bool, cues: _Cues) -> bool:
    """A name that is an outlet's or a group's and a town's ("Al-Mayadeen"): the town only when put there."""
    media = r"^['’]?s?\s*(channel|tv|television|network|reported|said|says|quoted|broadcast|aired|correspondent)\b"
    in_place = re.search(r"\b(in|near|at|into|outside|around|of|from|entrance\s+to|on|over)\s+(the\s+)?$", cues.before,
                         re.I)
    # "broadcast on Al Jazeera and Al-Mayadeen", "Al-Hadath and Al-Sumaria TV reported": the outlets.
    aired = re.search(r"\b(?:broadcast|aired|shown|appeared|published|posted|interviewed|told|quoted)\s+(?:on|by|"
                      r"in|with)?\s*(?:the\s+)?(?:[A-Z][\w'’-]*(?:[\s-][A-Z][\w'’-]*)*\s*(?:and|,)\s+)*$", cues.before)
    outlets = re.match(r"(?:\s*(?:,|and)\s+[A-Z][\w'’-]*(?:[\s-][A-Z][\w'’-]*)*)+\s+(?:TV|channels?|television|"
                       r"networks?|websites?)\b", text_after(text, span, 80))
    if aired or outlets:
        return False
    return bool(in_place or cues.typed or listed) and not re.search(media, cues.after, re.I)


def _person_or_group_after(text: str, span: Span, before: str, after: str) -> bool:
    """ "Salma, a 34-year-old mother", "the Shammar and Jubur tribes", "Naft Maysan drew 0-0", "the Iraq Stars
    League", "the X movement": a person, a tribe, a club, an armed group."""
    if re.match(r",\s+(?:who\b|(?:a|an)\s+\d+-year-old\b|aged\s+\d+)", after) or (
            re.match(r",\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}?(?:from|of|at|with|who)\b", after)
            and not re.match(r",\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:town|city|village|district|camp|suburb|"
                             r"neighbou?rhood|region|province|governorate|area|border|crossing)\b", after)):
        return True
    if re.match(r"(?:\s*(?:,|and)\s+[A-Z][\w'’-]*)*\s+(?:tribes|clans)\b", after):
        return True
    if group_named_after(text, span):
        return True  # "the Hazm movement", "the Hamza brigade": an armed group named after its home town
    football = _SCORE.search(text[max(0, span.start - 120) : span.end + 120]) and not re.search(
        r"\b(?:in|at|near|from|to)\s+(?:the\s+)?$", before, re.I)
    return bool(football or re.match(r"(?:\s+[A-Z][\w'’-]*)*\s+(?:League|Cup|FC|SC|Club|Stadium)\b", after))


def _part_of_longer_name(text: str, tokens, span: Span, entry: Entry, starts: frozenset, ends: frozenset,
                         gazetteer: Gazetteer, locative: bool = False) -> bool:
    """Is the span part of a longer proper name (a capitalised word glued before it, or the name going on)?
    After "in" or "the city of", a country named next is the place's container ("in Tabqa Syria")."""
    previous = previous_capitalised(text, tokens, span, ends, gazetteer)
    headline = title_case(text, span)
    if (headline and previous is not None and gazetteer.commonness(previous.text.lower()) >= COMMON_WORD_ZIPF
            and previous.text.lower() not in NOT_PLACES):
        previous = None  # "Blast Kills Two at Checkpoint Outside Tikrit": a headline, not a name
    if name_continues(text, tokens, span, starts, gazetteer if headline else None) and not (
            locative and _country_next(tokens, span, starts, gazetteer)):
        return True
    return previous is not None and entry.kind != "country" and not (
        entry.kind == "admin1" and sentence_initial(text, Span(previous.start, previous.end, "", "", [], 0, 0)))


def _country_next(tokens, span: Span, starts: frozenset, gazetteer: Gazetteer) -> bool:
    """ "south of the city of Tabqa Syria the Pentagon said": a country named right after the place (its comma lost
    in scraped text) is its container, not more of its name."""
    nxt = span.last_token + 1
    if nxt >= len(tokens) or tokens[nxt].start not in starts:
        return False
    return any(e.kind == "country" for e in gazetteer.lookup(name_key(tokens[nxt].text)))


def _reads_as_place(text: str, span: Span, entry: Entry, countries: set[str], gazetteer: Gazetteer,
                    people: frozenset, contained: bool, cues: _Cues) -> bool:
    """Is the name, as a word and as a place, obvious enough without a cue, or does it have the cue it needs?"""
    key, before, locative, typed = span.key, cues.before, cues.locative, cues.typed
    strong = _strong(entry, gazetteer.focus)
    # Dotted initials ("U.S.") are no English word, whatever "u s" counts as in word lists.
    common = 0.0 if "." in span.text else gazetteer.commonness(key)
    initial = sentence_initial(text, span)
    far = entry.country not in gazetteer.focus and entry.country not in NEIGHBOURS
    rare = common < (COMMON_WORD_ZIPF if entry.kind == "admin1" else 3.0)
    named_country = entry.country in countries and (entry.kind == "admin1" or entry.population >= 100_000)
    known = famous(span)  # "London", "Edmonton": read as a place, whichever namesake it is
    cued = ((locative and rare) or typed) and not initial or contained
    if far and entry.kind in ("place", "admin1") and not (known or named_country or cued):
        return False  # a town abroad needs a cue ("in", "near"), its country named, or fame
    shouted = span.text.isupper() and common >= COMMON_WORD_ZIPF and not cues.dateline
    if common >= FUNCTION_WORD_ZIPF or shouted:
        return bool(TYPE_BEFORE.search(before))  # "The", "In", "AND": a word first, whatever town shares the spelling
    if common >= COMMON_WORD_ZIPF and not strong:
        return typed or (locative and not initial)
    if (common >= COMMON_WORD_ZIPF and initial and not locative and entry.kind not in ("country", "admin1")
            and not (known and name_key(entry.name) == key)):
        return False  # "Sale of diesel was banned", "Bus services resumed": a word, not a town ("Toronto has")
    if far and initial and not locative and entry.population < 1_000_000 and entry.kind == "place":
        return False  # "Ain, which means spring": a town abroad opening a sentence needs a cue
    if initial and common >= 3.0 and not strong and not typed:
        return False
    if span.variant and not locative:
        return False  # a spelling we only guess at needs a cue: "in Mayadeen", "the town of Busayra"
    if entry.country in NEIGHBOURS and entry.kind == "place" and not strong and not (
            locative or (entry.country in countries and not title_case(text, span))):
        return False  # a village across the border needs a cue or its country named (in prose)
    if key in people:
        return typed or bool(TYPE_BEFORE.search(before))  # "Milley said": named as a person earlier on
    preposition = re.search(r"\b(?:in|near|at|from|to|into|outside|around|towards?|of)\s+(?:the\s+)?$", before, re.I)
    return not (key in FIRST_NAMES and entry.kind == "place" and not preposition and not typed and not (
        strong and entry.country in gazetteer.focus))  # "Nour and Bashir, two siblings": given names first


_SCORE = re.compile(r"\b(?:drew|beat|defeated|lost\s+to|thrashed|edged)\b[^.]{0,60}\b\d{1,2}\s*[-–]\s*\d{1,2}\b|"
                    r"\b\d{1,2}\s*[-–]\s*\d{1,2}\s+(?:win|draw|defeat|victory)\b", re.I)


def precision_of(entry: Entry, qualifier: str | None) -> int:
    if entry.kind in ("country", "admin1"):
        return 3
    if entry.kind == "feature":
        return PRECISION_BY_FCODE.get(entry.fcode, 3)
    if qualifier == "province":
        return 3  # "Khorasan Province" with no governorate of that name known: the region
    near = 2 if qualifier in ("near", "region", "countryside", "district") else 1
    return max(near, PRECISION_BY_FCODE.get(entry.fcode, 1))  # a city's neighbourhood is part of the city




def well_known(entry: Entry) -> bool:
    """A country, a region, or a town of a hundred thousand: known enough to name other things after it."""
    return entry.kind in ("country", "admin1") or entry.population >= 100_000


def modifier_reading(text: str, tokens, span: Span, entry: Entry, gazetteer: Gazetteer) -> bool:
    """Is the span a well-known place's name used to name something else ("the Leeds Tenants Union",
    "US-led", "US forces", "BBC Glasgow")? Such a toponym is reported, marked ``modifier``, never as an event's
    place. Only known places qualify: a village's name inside a name is more likely no toponym at all."""
    if not well_known(entry):
        return False
    after = text_after(text, span, 80)
    suffix = re.match(r"-([a-z]+)\b", after)
    if suffix:
        return suffix.group(1) in MODIFIER_SUFFIXES
    if entry.kind == "country":
        word = re.match(r"\s+([a-z]+)\b", after)
        if word and word.group(1) in AFTER_ADJECTIVE:
            return True  # "US forces", "a U.S. official"
    if org_name(text, tokens, span):
        return True
    if _org_head_after(after):
        return True  # "the Leeds Tenants Union", "Basra police", "Ohio State University", "the X Department of Y"
    if NAMED_BY.search(text_before(text, span)):
        return True  # "the University of X", "the Government of X": the place names the organisation
    before = text_before(text, span, 12)
    return bool(re.search(r"\b[A-Z]{2,4}\s+$", before)) and not re.search(r"\b(?:IN|AT|ON|OF)\s+$", before)


_NAME_RUN = re.compile(r"(?:['’]s)?((?:\s+(?:&\s+)?[A-Z][\w&'’.-]*){0,4})(?:\s+([a-z]+)\b)?")


def facility_named_after(text: str, span: Span, entry: Entry, evidence: Evidence, far_km: float = 300.0) -> bool:
    """ "the attack on Al-Quds Hospital" in an article about Aleppo: a hospital, school, airport or road named
    after a place in a country the document does not otherwise name, or far from all its other places, is named
    after it, not in it."""
    m = _NAME_RUN.match(text_after(text, span, 80))
    words = [w.lower().rstrip(".") for w in m.group(1).split()]
    head = words[0] if words else m.group(2)
    named = (bool(words) and head in ORG_HEADS) or head in STREET_HEADS  # "X Hospital", "X Road", "the X road"
    if not named or entry.kind == "country":
        return False
    if evidence.countries and entry.country not in evidence.countries:
        return True
    return bool(evidence.anchors) and all(km(lat, lon, entry.lat, entry.lon) > far_km
                                          for lat, lon in evidence.anchors)


def stray_namesake(entry: Entry, evidence: Evidence, dense: tuple, far_km: float = 300.0) -> bool:
    """A village abroad, far from every place the document names in the country it is about, in a country
    and governorate none of its clear places near it lie in, with no container said: a village of the article's
    own region the gazetteer does not know ("shells fell on X" among towns of Hama), not a namesake hundreds of
    kilometres away. Only villages of the countries whose every village the gazetteer holds (``dense``) are
    namesakes of that kind. A name the text calls a neighbourhood (``evidence.quarter``: "the X neighbourhood") is a
    quarter of the article's city, never a town of another country, however large."""
    if entry.kind not in ("place", "feature") or evidence.inside is not None or evidence.home is None:
        return False
    if entry.country == evidence.home or entry.country in evidence.anchor_countries:
        return False
    if evidence.quarter:
        return True
    if entry.kind != "place" or entry.prominence >= 8 or entry.admin1 in evidence.admin1s or entry.country not in dense:
        return False
    return all(km(lat, lon, entry.lat, entry.lon) > far_km for lat, lon in evidence.home_points)


def typed_quarter(text: str, span: Span) -> bool:
    """Does the text call the name a neighbourhood: "the X neighbourhood", "X and Y neighbourhoods",
    "the neighbourhood of X"?"""
    return bool(QUARTER_AFTER.match(text, span.end) or QUARTER_BEFORE.search(text_before(text, span, 30)))


def _org_head_after(after: str) -> bool:
    """Does an organisation's head noun follow: a capitalised word of the name that goes on ("Free Press",
    "State Police", "Department of"), or "police" or an armed group's noun ("Basra police", "the X movement")?"""
    m = _NAME_RUN.match(after)
    words = [w.lower().rstrip(".").split("-")[0] for w in m.group(1).split()]
    return any(w in ORG_HEADS or w in TITLES for w in words) or (not words and m.group(2) in GROUP_HEADS)
