"""Find the places named in a text and decide, from context, which place each one is.

The work happens in three passes over a document:

1. *spans*: runs of capitalised words (with Arabic articles and hyphens inside, as in
   "Deir ez-Zor" or "Ras al-Ain") whose key is a known name;
2. *context*: governorates and countries that the document names without doubt, and
   "X in Y" / "X, Y" pairs, become evidence for the other spans;
3. *decision*: each span takes its best candidate given the evidence and the words
   around it ("the town of", "province", "near", "western"), or is dropped when the
   reading as a place is not the obvious one (a person, a channel, a common word).
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from dataclasses import replace

from gazetteer.context import (
    DEMONYMS,
    anchors_near,
    containers,
    document_context,
    document_homes,
    document_points,
    favourites,
    km,
    list_qualifiers,
    listed_spans,
    near_points,
    nearby_admin1s,
    person_keys,
    qualifier_of,
    sentence_demonyms,
    sentence_governorates,
)
from gazetteer.index import Entry, Gazetteer
from gazetteer.lexicon import NOT_PLACES
from gazetteer.normalize import is_arabic, name_key
from gazetteer.ranking import Evidence, rank
from gazetteer.reading import (
    facility_named_after,
    is_place_reading,
    modifier_reading,
    precision_of,
    rank_candidates,
    stray_namesake,
    typed_quarter,
    well_known,
)
from gazetteer.spans import NEIGHBOURS, Span, candidate_spans, tokenize, variant_entries
from gazetteer.types import Mention, Place

_CAPITAL = re.compile(r"\b(?:(?P<dem>" + "|".join(DEMONYMS) + r")\s+capital|(?P<country>[A-Z][a-z]+)['’]s\s+capital)\b",
                      re.I)


def capital_mentions(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """ "the Iraqi capital", "Syria's capital": the capital city, by the country's name."""
    found = []
    for m in _CAPITAL.finditer(text):
        if m.group("dem"):
            country = DEMONYMS[m.group("dem").lower()]
        else:
            country = next((e.country for e in gazetteer.lookup(name_key(m.group("country"))) if e.kind == "country"),
                           None)
        entry = gazetteer.capital(country) if country else None
        if entry is not None:
            found.append(Mention(m.group(), m.start(), m.end(), gazetteer.to_place(entry, 1), "capital"))
    return found


_DEMONYM = re.compile(r"(?<![\w-])(?:" + "|".join(d.title().replace(" ", r"\s+") for d in DEMONYMS) + r")(?![\w-])")


def demonym_mentions(text: str, gazetteer: Gazetteer, taken: list[Mention]) -> list[Mention]:
    """ "Syrian", "Russian": a country named by its adjective (qualifier ``demonym``, never an event's place)."""
    out = []
    taken = sorted(taken, key=lambda t: t.start)
    starts = [t.start for t in taken]
    for m in _DEMONYM.finditer(text):
        k = bisect_left(starts, m.end())  # the places starting before the word ends: only the last may overlap
        if k and max(t.end for t in taken[max(0, k - 3) : k]) > m.start():
            continue
        entry = gazetteer.country_entry.get(DEMONYMS[re.sub(r"\s+", " ", m.group().lower())])
        if entry is not None:
            out.append(Mention(m.group(), m.start(), m.end(), gazetteer.to_place(entry, 3), "demonym"))
    return out


def find_places(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """Every place named in ``text``, in text order, resolved with the document as context.

    Countries named by their adjective ("the Syrian army") are included with the qualifier ``demonym``:
    they tell which country a text is about, never where an event happened.
    """
    places = _find_places(text, gazetteer)
    if is_arabic(text):
        from gazetteer.arabic import arabic_mentions

        taken = [(m.start, m.end) for m in places]
        places += [m for m in arabic_mentions(text, gazetteer) if not any(a < m.end and m.start < b for a, b in taken)]
    return sorted(places + demonym_mentions(text, gazetteer, places), key=lambda m: m.start)


def _find_places(text: str, gazetteer: Gazetteer) -> list[Mention]:
    tokens = tokenize(text)
    capitals = capital_mentions(text, gazetteer)
    spans, evidence, holders = _evidence(text, tokens, capitals, gazetteer)
    if not spans:
        return capitals
    mentions, readings = _readings(text, tokens, spans, evidence, gazetteer)
    mentions = _one_sense(mentions, readings, gazetteer)
    resolved: dict[int, Mention] = {}
    # Containers first ("X in Y in Z": Y as Z holds it, then X as Y holds it): from the last name back.
    for span, ev, ranked, entry in reversed(readings):
        holder = holders.get(id(span))
        known = resolved.get(id(holder)) if holder is not None else None  # Y, when Y is read as a place
        if known is not None:
            ev = replace(ev, inside=_region_of(known.place))
        resolved[id(span)] = _contained(text, span, ev, ranked, entry, holder, known, gazetteer)
    return sorted(mentions + list(resolved.values()) + capitals, key=lambda m: m.start)


def _region_of(place: Place) -> tuple[str, str]:
    return ("admin1", place.admin1) if place.admin1 else ("country", place.country)


def _contained(text: str, span: Span, ev: Evidence, ranked, entry: Entry, holder: Span | None,
               known: Mention | None, gazetteer: Gazetteer) -> Mention:
    """The span's place, given the container the text names for it (``known``: the holder's own reading)."""
    qualifier = ev.qualifier
    said = known is not None or holder is None  # "the Syrian town of X": no Y to read
    inside = _candidate_inside(ranked, entry, ev) if said else None
    if inside is not None:  # "Qassiab in Hasakeh province": the namesake there, not the better-known one
        return Mention(span.text, span.start, span.end, gazetteer.to_place(inside, precision_of(inside, qualifier)),
                       qualifier)
    part = _part_of_container(text, span, entry, ev, holder, known) if known is not None else None
    if part is not None:
        return Mention(span.text, span.start, span.end, part, "part")
    return Mention(span.text, span.start, span.end, gazetteer.to_place(entry, precision_of(entry, qualifier)),
                   qualifier)


def _one_sense(mentions: list[Mention], readings: list, gazetteer: Gazetteer) -> list[Mention]:
    """A name inside another name ("the Glasgow Police Department") means the place the document names by
    that name elsewhere ("in Glasgow"), not its better-known namesake."""
    sense = {span.key: entry for span, _, _, entry in readings}
    out = []
    for m in mentions:
        entry = sense.get(name_key(m.text)) if m.qualifier == "modifier" else None
        out.append(m if entry is None else Mention(m.text, m.start, m.end, gazetteer.to_place(entry, m.place.precision),
                                                    m.qualifier))
    return out


def _readings(text: str, tokens, spans: list[Span], evidence: list[Evidence], gazetteer: Gazetteer):
    """Each name's best candidate, where a place is its obvious reading: (span, evidence, ranked, entry) for
    those, and the mentions already decided otherwise (a name's feature, a toponym inside another name)."""
    starts = frozenset(s.start for s in spans)
    ends = frozenset(s.end for s in spans)
    listed = listed_spans(text, spans)
    people = person_keys(text, tokens, spans, starts, ends, gazetteer)
    mentions, readings = [], []
    agreed = sentence_governorates(text, spans, gazetteer.focus)
    for span, ev in zip(spans, evidence):
        qualifier = ev.qualifier
        ranked = rank(span.key, span.candidates, ev, gazetteer)
        entry = _agreeing(ranked, agreed[id(span)]) or ranked[0][1]
        if (ev.near is not None and entry.kind == "place" and entry.prominence < 8
                and km(ev.near[0], ev.near[1], entry.lat, entry.lon) > 150):
            continue  # "al-Hawasha, near Muqdadiya": a village we do not know, not a namesake far away
        if stray_namesake(entry, ev, gazetteer.focus + NEIGHBOURS):
            continue  # a village of the article's region we do not know, not a namesake in another land
        if qualifier == "countryside" and entry.kind == "place" and entry.admin1:
            # "the Idleb countryside": the governorate around the town, not the town.
            admin1 = gazetteer.admin1_entry.get(entry.admin1)
            if admin1 is not None and _same_name(admin1, span.key, gazetteer):
                entry = admin1
        if span.variant and not _plausible_variant(entry, ev, gazetteer):
            continue  # a Damascus suburb spelt loosely is not a namesake in Iran: a guessed spelling stays near home
        readable = functools.partial(is_place_reading, text, tokens, span, qualifier=qualifier,
                                     countries=set(ev.countries), gazetteer=gazetteer, starts=starts, ends=ends,
                                     listed=id(span) in listed, people=people)
        if readable(entry=entry, contained=ev.inside is not None and _inside(entry, ev.inside)):
            if facility_named_after(text, span, entry, ev):
                mentions.append(Mention(span.text, span.start, span.end, gazetteer.to_place(entry, 1), "modifier"))
            else:
                readings.append((span, ev, ranked, entry))
            continue
        # "diverted away from Heathrow": a small town abroad ranked first but unreadable without a cue,
        # while the name's feature (an airport, a base, a crossing) reads well.
        feature = next((e for _, e in ranked[1:3] if e.kind == "feature" and readable(entry=e)), None)
        if feature is not None:
            mentions.append(Mention(span.text, span.start, span.end,
                                    gazetteer.to_place(feature, precision_of(feature, qualifier)), qualifier))
        else:  # "the Florida Senator": the well-known reading names the office, whatever town ranked first
            known = next((e for _, e in ranked if well_known(e)), entry)
            if modifier_reading(text, tokens, span, known, gazetteer):
                place = gazetteer.to_place(known, 3 if known.kind in ("country", "admin1") else 1)
                mentions.append(Mention(span.text, span.start, span.end, place, "modifier"))
    return mentions, readings


AGREE_MARGIN = 2.0  # about the weight of one piece of document evidence (a governorate, a country) in the ranker


def _agreeing(ranked: list[tuple[float, Entry]], admin1s: frozenset, margin: float = AGREE_MARGIN) -> Entry | None:
    """The best reading in the governorate the sentence's other names can only lie in, when the top reading
    lies elsewhere and leads it by less than ``margin``: "X, after fighting between Y and Z" is X of Y and Z."""
    top = ranked[0]
    if not admin1s or top[1].admin1 in admin1s or top[1].kind not in ("place", "feature"):
        return None
    return next((e for score, e in ranked[1:] if e.kind in ("place", "feature") and e.admin1 in admin1s
                 and score >= top[0] - margin), None)


def _part_of_container(text: str, span: Span, entry: Entry, ev: Evidence, holder: Span,
                       known: Mention) -> Place | None:
    """ "the Salihiya district of Hasakeh", when the only Salihiya known is in another country: a part of the
    container we do not know, not that namesake. The container's own place, as part of it (precision 2; a
    governorate stays at the governorate's precision)."""
    if not ev.inside or entry.kind not in ("place", "feature") or _inside(entry, ev.inside):
        return None
    if holder.key in NOT_PLACES or known.qualifier in ("demonym", "modifier"):
        return None
    if not re.search(r"\b(?:in|of|inside|within)\b|,", text[span.end : holder.start]):
        return None  # containment said in words ("in", "of", "X, Y"), not guessed from juxtaposition
    container = known.place
    if container.level == "admin1":  # "the village of X in Hasakeh province": somewhere in the governorate
        return replace(container, precision=3)
    if container.level not in ("place", "feature"):
        return None
    return replace(container, precision=max(2, container.precision))


def _candidate_inside(ranked: list[tuple[float, Entry]], entry: Entry, ev: Evidence) -> Entry | None:
    """The best candidate inside the named container ("X in Y", "X, Y") when the top one lies outside it."""
    if not ev.inside or entry.kind not in ("place", "feature") or _inside(entry, ev.inside):
        return None
    return next((e for _, e in ranked if e.kind in ("place", "feature") and _inside(e, ev.inside)), None)


NEAR_HOME_KM = 150


def _inside(entry: Entry, container: tuple[str, str]) -> bool:
    level, code = container
    return entry.admin1 == code if level == "admin1" else entry.country == code


def _plausible_variant(entry: Entry, evidence: Evidence, gazetteer: Gazetteer) -> bool:
    """A spelling matched only through its consonants, in a neighbouring country, must lie in a country the
    document names or near one of its places (an Iranian border town beside Khanaqin, yes; an Iranian village
    for a loosely spelt Damascus suburb, no)."""
    if entry.country in evidence.countries or entry.country in gazetteer.focus:
        return True
    return any(km(lat, lon, entry.lat, entry.lon) <= NEAR_HOME_KM for lat, lon in evidence.anchors)


def name_evidence(text: str, gazetteer: Gazetteer) -> list[tuple[Span, Evidence]]:
    """Each candidate name of ``text`` with what the text says about it (for fitting the ranker)."""
    tokens = tokenize(text)
    spans, evidence, _ = _evidence(text, tokens, capital_mentions(text, gazetteer), gazetteer)
    return list(zip(spans, evidence))


def _evidence(text: str, tokens, capitals: list[Mention], gazetteer: Gazetteer):
    """The candidate spans, what the text says about each, and the container span of each "X in Y"."""
    spans = [s for s in candidate_spans(text, tokens, gazetteer)
             if not any(c.start <= s.start < c.end for c in capitals)]
    if not spans:
        return [], [], {}
    tops = favourites(spans, gazetteer)
    context = document_context(spans, gazetteer, tops)
    holders: dict[int, Span] = {}
    inside = containers(text, spans, gazetteer, holders)
    near = near_points(text, spans, gazetteer)
    qualifiers = list_qualifiers(text, spans, [qualifier_of(text, span) for span in spans], gazetteer)
    qualifiers = _container_qualifiers(spans, holders, qualifiers)
    agreement = nearby_admin1s(spans, gazetteer, text=text)
    demonyms = sentence_demonyms(text, spans)
    points = document_points(spans, tops)
    quarters = frozenset(id(s) for s in spans if typed_quarter(text, s))
    homes = document_homes(spans, tops, quarters)
    rank_of = {id(s): n for n, s in enumerate(spans)}
    ranks = [rank_of[k] for k, _, _, _ in points]
    evidence = []
    for span, qualifier in zip(spans, qualifiers):
        admin1s, countries = context[id(span)]
        anchors, anchor_countries = anchors_near(points, ranks, rank_of[id(span)], span.key)
        evidence.append(Evidence(qualifier, inside.get(id(span)), frozenset(admin1s), frozenset(countries),
                                 near.get(id(span)), agreement[id(span)], demonyms[id(span)], anchors, span.variant,
                                 anchor_countries, *homes[id(span)], id(span) in quarters))
    return spans, evidence, holders


def _container_qualifiers(spans: list[Span], holders: dict, qualifiers: list) -> list:
    """ "Sudbury, Ont.", "a village in Hasakeh": the container named after a place is its region when one of
    its readings is a region that holds one of the place's readings."""
    out = list(qualifiers)
    index = {id(s): k for k, s in enumerate(spans)}
    for span in spans:
        holder = holders.get(id(span))
        k = index.get(id(holder)) if holder is not None else None
        if k is None or out[k] is not None:
            continue
        inner = {e.admin1 for e in span.candidates if e.kind in ("place", "feature") and e.admin1}
        if any(e.kind == "admin1" and e.admin1 in inner for e in holder.candidates):
            out[k] = "province"
    return out


def _same_name(admin1: Entry, key: str, gazetteer: Gazetteer) -> bool:
    return any(e.id == admin1.id for e in gazetteer.lookup(key)) or name_key(admin1.name) == key


def geocode(name: str, gazetteer: Gazetteer, country: str | None = None) -> Place | None:
    """The best match for a bare place name, optionally within one country (ISO alpha-2)."""
    cache = gazetteer.geocoded
    key = (name, country)
    if key not in cache:
        if len(cache) > 500_000:
            cache.clear()
        cache[key] = _geocode(name, gazetteer, country)
    return cache[key]


def geocode_many(names, gazetteer: Gazetteer, country: str | None = None) -> list[Place | None]:
    """:func:`geocode` for a batch of names, with the index read in a few large queries."""
    names = list(names)
    gazetteer.prefetch(name_key(_strip_type_word(n)[0]) for n in names)
    return [geocode(n, gazetteer, country) for n in names]


_TYPE_WORD = re.compile(r"^(.*?)\s+(province|governorate|countryside|district|city|town)$", re.I)


def _strip_type_word(name: str) -> tuple[str, str | None]:
    """ "Kirkuk province" -> ("Kirkuk", "province"); "Kirkuk" -> ("Kirkuk", None)."""
    text = name.strip()
    m = _TYPE_WORD.match(text)
    if not m:
        return text, None
    return m.group(1), ("town" if m.group(2).lower() in ("city", "town", "district") else "province")


def _geocode(name: str, gazetteer: Gazetteer, country: str | None) -> Place | None:
    text, qualifier = _strip_type_word(name)
    key = name_key(text)
    entries = list(gazetteer.lookup(key)) if key else []
    if not entries and key:
        entries = variant_entries(key, gazetteer)
    if country:
        entries = [e for e in entries if e.country == country.upper()]
    if not entries:
        return None
    span = Span(0, len(text), text, key, entries, 0, 0)
    ranked = rank_candidates(span, qualifier, None, set(), {country.upper()} if country else set(), gazetteer)
    entry = ranked[0][1]
    return gazetteer.to_place(entry, precision_of(entry, qualifier))
