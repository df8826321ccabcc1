"""One event, one incident: the reports of an article that describe the same event become one record.

News articles tell one attack several times: the lede, a toll update ("the toll rose to 12"), a quote, a
recap in the last paragraph. Each of those sentences is a report of the event, not a new event. Within one
article, a report joins an earlier incident when both fall within a day of each other and one's place is
the other's, contains it (a governorate or a country named for an event at a town of it) or lies within a
few kilometres of it (a city and its districts). Reports at different towns of the same governorate stay
separate events, as do reports days apart.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace

from gazetteer.normalize import name_key
from geomap.cues import ELSEWHERE, SEPARATE_EVENT
from geomap.elaboration import refers_back
from geomap.models import Incident

# How many days apart two reports of one event may be dated (a night attack told as "Saturday" and "Sunday").
SAME_EVENT_DAYS = 1
# How far apart two named places may be and still be one place of an event: a city and its districts.
SAME_PLACE_KM = 10.0


# The days a date stands for, by ACLED time precision: the day itself; about a week around it; its month.
_HALF_SPAN = {1: 0, 2: 3}


def date_span(incident: Incident) -> tuple[dt.date, dt.date]:
    """The first and last day an incident's date may mean (its time precision: a day, a week, a month)."""
    d = incident.event_date
    if incident.time_precision >= 3:
        last = (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        return d.replace(day=1), last
    half = dt.timedelta(days=_HALF_SPAN.get(incident.time_precision, 0))
    return d - half, d + half


def same_time(a: Incident, b: Incident) -> bool:
    """Can two reports be of one event in time? The same day, or date ranges that overlap (a report dated
    "in March" and one dated 12 March); never reports of different days, however alike their words."""
    (a0, a1), (b0, b1) = date_span(a), date_span(b)
    return a0 <= b1 and b0 <= a1


def place_level(incident: Incident) -> int:
    """0 a place, 1 a governorate, 2 a country (from the precision and the name)."""
    if incident.geo_precision == 3 and not incident.admin1:
        return 2
    if incident.geo_precision == 3 and incident.location == incident.admin1_name:
        return 1
    return 0


def names_governorate(incident: Incident) -> bool:
    """Is the incident's place a city that shares its governorate's name ("Idlib", "Aleppo")? "In Idlib" is
    as often the governorate as the city."""
    return (place_level(incident) == 0 and bool(incident.admin1_name)
            and name_key(incident.location) == name_key(incident.admin1_name))


def same_place(a: Incident, b: Incident, broad: bool = False) -> bool:
    """Is one incident's place the other's, or inside it? ``broad``: a city named like its governorate may
    stand for the governorate, and so hold the governorate's other places."""
    la, lb = place_level(a), place_level(b)
    if la == lb == 0:
        if a.location == b.location and a.admin1 == b.admin1:
            return True
        if broad and a.admin1 and a.admin1 == b.admin1 and (names_governorate(a) or names_governorate(b)):
            return True
        # A city and one of its neighbourhoods ("Aleppo", then "the Hamdaniyeh district"), told of the same kind
        # of violence: one place.
        return (a.admin1 == b.admin1 and a.sub_event_type == b.sub_event_type and a.geo_precision != b.geo_precision
                and _km(a, b) <= SAME_PLACE_KM)
    if la == 2 or lb == 2:
        return a.country == b.country
    return a.admin1 == b.admin1 and a.admin1 is not None


def _km(a: Incident, b: Incident) -> float:
    p1, p2 = math.radians(a.latitude), math.radians(b.latitude)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b.longitude - a.longitude) / 2) ** 2)
    return 12742.0 * math.asin(math.sqrt(min(1.0, h)))


def same_event(a: Incident, b: Incident, generic: frozenset = frozenset()) -> bool:
    """Two reports of one event: near in time, at one place, of one kind (a clash, then shelling the next
    day at the same village, are two events). A country-wide report is too vague to be told apart by kind,
    and so is one typed only by a verb any violence shares ("killed", "attacked": ids in ``generic``). A
    report of the same day at the very place that speaks of the first again ("the raids on the town came amid
    clashes") is that event, whatever its words make of its kind."""
    if abs((a.event_date - b.event_date).days) > SAME_EVENT_DAYS or not same_place(a, b, broad=True):
        return False
    if SEPARATE_EVENT.search(b.notes) or SEPARATE_EVENT.search(a.notes):
        return False  # "In a separate incident, ...": the text says it is another event
    if (ELSEWHERE.search(b.notes) or ELSEWHERE.search(a.notes)) and (a.location, a.admin1) != (b.location, b.admin1):
        return False  # "Elsewhere, shelling hit X": another place's event
    if a.event_type == b.event_type:
        return True
    generic_one = a.event_id in generic or b.event_id in generic
    if generic_one and _one_city(a, b):
        return True  # "attacks in Aleppo killed four", then the rocket fire on one of its districts
    if not same_place(a, b):
        return False  # "Idlib" may be the governorate of a town's event of the same kind, not of another kind
    if 2 in (place_level(a), place_level(b)):
        return True
    if generic_one:  # "Most of the dead were shoppers": its toll
        return True
    return (a.event_date == b.event_date and a.location == b.location and a.admin1 == b.admin1
            and refers_back(b.notes, a.notes))


def _one_city(a: Incident, b: Incident) -> bool:
    """A city and one of its districts: both places, in one governorate, a few kilometres apart."""
    return (place_level(a) == place_level(b) == 0 and a.admin1 is not None and a.admin1 == b.admin1
            and _km(a, b) <= SAME_PLACE_KM)


def _finer(b: Incident, a: Incident) -> bool:
    """Is ``b``'s place more precise than ``a``'s (a town of the governorate a city's name stands for)?"""
    la, lb = place_level(a), place_level(b)
    return lb < la or (lb == la == 0 and names_governorate(a) and not names_governorate(b))


def merge(a: Incident, b: Incident) -> Incident:
    """``b`` told again: keep ``a``'s record, the more precise place, the higher toll, every source."""
    keep = a
    if _finer(b, a):
        keep = replace(a, location=b.location, latitude=b.latitude, longitude=b.longitude, country=b.country,
                       admin1=b.admin1, admin1_name=b.admin1_name, geo_precision=b.geo_precision, notes=b.notes,
                       sentence_start=b.sentence_start, sentence_end=b.sentence_end, place_start=b.place_start,
                       place_end=b.place_end)
        if a.time_precision < b.time_precision:
            keep = replace(keep, event_date=a.event_date, time_precision=a.time_precision)
        else:
            keep = replace(keep, event_date=b.event_date, time_precision=b.time_precision)
    known = set(keep.sources)
    sources = keep.sources + tuple(s for s in b.sources if s not in known)
    actor1 = keep.actor1 or b.actor1
    actor2 = keep.actor2 or b.actor2
    return replace(keep, fatalities=max(a.fatalities, b.fatalities), sources=sources, actor1=actor1, actor2=actor2)


def consolidate(incidents: list[Incident], generic: frozenset = frozenset()) -> list[Incident]:
    """The incidents of one article with every repeat of an event folded into its first report.

    Country-wide reports ("strikes on Syria") join the first precise incident of that country within a day;
    otherwise each incident is compared with the ones before it, in text order. ``generic`` holds the ids of
    incidents typed only by a verb any violence shares.
    """
    # Twice: a governorate- or country-wide incident told before the precise one folds forward too.
    return _fold(_fold(_fold_summaries(incidents, generic), generic), generic)


def _fold_summaries(incidents: list[Incident], generic: frozenset) -> list[Incident]:
    """A governorate-wide toll told town by town ("strikes on Idlib killed 16: seven in X, seven in Y, two in
    Z") is a summary of those events, not one more: it becomes a source of the first, whose toll stays its own.
    The summary says who acted in all of them ("police arrested six men in two raids: four in X, two in Y"): a
    part that names no actor of its own takes the summary's."""
    out = list(incidents)
    for summary in incidents:
        if not (place_level(summary) == 1 or names_governorate(summary)):
            continue
        parts = [k for k, i in enumerate(out) if i is not summary and place_level(i) == 0
                 and not names_governorate(i) and same_event(summary, i, generic)]
        if len({(out[k].location, out[k].admin1) for k in parts}) < 2:
            continue
        for k in parts:
            if not out[k].actor1:
                out[k] = replace(out[k], actor1=summary.actor1, actor2=out[k].actor2 or summary.actor2)
        first = out[parts[0]]
        known = set(first.sources)
        out[parts[0]] = replace(first, sources=first.sources + tuple(s for s in summary.sources if s not in known))
        out.remove(summary)
    return out


def _fold(incidents: list[Incident], generic: frozenset) -> list[Incident]:
    out: list[Incident] = []
    for incident in incidents:
        target = next((k for k, other in enumerate(out) if same_event(other, incident, generic)), None)
        if target is None:
            out.append(incident)
        else:
            out[target] = merge(out[target], incident)
    return out
