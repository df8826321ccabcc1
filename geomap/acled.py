"""ACLED's vocabulary: its 31 columns, event types, disorder types and actor (inter) codes.

Output tables carry ACLED's columns in ACLED's order and spelling, then geomap's own
columns (:data:`GEOMAP_COLUMNS`), then any other column of the input table as it was.
"""

from __future__ import annotations

import re

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
# geomap's own: ISO codes beside ACLED's names, and where each incident was read (text offsets, sources).
GEOMAP_COLUMNS = ["country_code", "admin1_code", "article_title", "sentence_start", "sentence_end", "place_start",
                  "place_end", "sources"]
OUTPUT_COLUMNS = ACLED_COLUMNS + GEOMAP_COLUMNS

EVENT_TYPES = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
)
# ACLED's disorder type of each event type (its codebook, 2023).
DISORDER_TYPES = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
# Actor kinds of geomap's actor table (geomap/data/actors.csv) -> ACLED's inter codes (2024 codebook).
INTER_OF_KIND = {"state": "State forces", "rebel": "Rebel group", "militia": "Political militia",
                 "civilian": "Civilians"}
# Actors geomap names the way ACLED does ("Military Forces of Iraq", "Protesters (Syria)"), by name.
_GENERIC_INTER = [
    (re.compile(r"^(?:Military|Police|Security|Government|Border Guard|Navy|Air Force)\b.* of ", re.I),
     "State forces"),
    (re.compile(r"^Protesters\b", re.I), "Protesters"),
    (re.compile(r"^Rioters\b", re.I), "Rioters"),
    (re.compile(r"^(?:Civilians|Journalists|Refugees|Prisoners|Health Workers|Aid Workers)\b", re.I), "Civilians"),
    (re.compile(r"^Unidentified\b", re.I), "Political militia"),
]


def disorder_type(event_type: str) -> str:
    """ACLED's disorder type for an event type ('' for a type ACLED does not have).

    >>> disorder_type("Protests"), disorder_type("Battles"), disorder_type("Unknown")
    ('Demonstrations', 'Political violence', '')
    """
    return DISORDER_TYPES.get(event_type, "")


def inter_code(actor: str) -> str:
    """ACLED's inter code for an actor named by geomap ('' when its kind is not known).

    >>> inter_code("Military Forces of Iraq"), inter_code("Protesters (Syria)"), inter_code("")
    ('State forces', 'Protesters', '')
    """
    if not actor:
        return ""
    for pattern, code in _GENERIC_INTER:
        if pattern.search(actor):
            return code
    from geomap.actors import find_actors

    found = find_actors(actor)
    return INTER_OF_KIND.get(found[0][1], "") if found else ""


def interaction(inter1: str, inter2: str) -> str:
    """ACLED's interaction: the two inter codes joined, or the first alone ("State forces-Civilians").

    >>> interaction("Rebel group", "Civilians"), interaction("Protesters", "")
    ('Rebel group-Civilians', 'Protesters only')
    """
    if not inter1:
        return ""
    return f"{inter1}-{inter2}" if inter2 else f"{inter1} only"
