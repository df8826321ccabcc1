"""Who did it, to whom: the armed groups and forces of this conflict, from a curated table.

``data/actors.csv`` lists each actor with the names news uses for it and a source.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from geomap.boundaries import country_names

ACTORS_CSV = Path(__file__).resolve().parent / "data" / "actors.csv"


@lru_cache(maxsize=1)
def _table() -> tuple[re.Pattern, dict[str, tuple[str, str]]]:
    aliases: dict[str, tuple[str, str]] = {}
    with open(ACTORS_CSV, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for alias in row["aliases"].split("|"):
                if alias:
                    aliases[alias.lower()] = (row["actor"], row["kind"])
    parts = []
    for alias in sorted(aliases, key=len, reverse=True):
        escaped = re.escape(alias).replace(r"\ ", r"\s+")
        # Short acronyms ("IS", "SAA") only in capitals, so "is" the verb never counts.
        parts.append(f"(?-i:{re.escape(alias.upper())})" if len(alias) <= 4 and alias.isalpha() else escaped)
    pattern = re.compile(r"(?<![\w'’-])(?:" + "|".join(parts) + r")(?![\w'’-])", re.I)
    return pattern, aliases


def find_actors(sentence: str) -> list[tuple[str, str, int]]:
    """(actor, kind, offset) for each actor named in the sentence, in order, without repeats."""
    pattern, aliases = _table()
    seen, found = set(), []
    for m in pattern.finditer(sentence):
        actor, kind = aliases[re.sub(r"\s+", " ", m.group().lower())]
        if actor not in seen:
            seen.add(actor)
            found.append((actor, kind, m.start()))
    return found


COUNTRY_NAMES = {"IQ": "Iraq", "SY": "Syria", "TR": "Turkey", "IR": "Iran", "LB": "Lebanon", "JO": "Jordan",
                 "IL": "Israel", "RU": "Russia", "US": "the United States", "SA": "Saudi Arabia"}
_DEMONYM_COUNTRY = {"iraqi": "Iraq", "syrian": "Syria", "turkish": "Turkey", "iranian": "Iran", "israeli": "Israel",
                    "russian": "Russia", "american": "the United States", "us": "the United States",
                    "u.s.": "the United States", "jordanian": "Jordan", "lebanese": "Lebanon", "kurdish": "",
                    "regime": "Syria", "gos": "Syria", "government": "*"}
_DEMONYM = re.compile(r"\b(" + "|".join(re.escape(d) for d in _DEMONYM_COUNTRY) + r")\s+(?:[\w-]+\s+){0,2}$", re.I)


_STATE_NAMES = {"turkey": "Turkey", "iran": "Iran", "israel": "Israel", "russia": "Russia", "syria": "Syria",
                "iraq": "Iraq", "the united states": "the United States", "the us": "the United States",
                "washington": "the United States", "ankara": "Turkey", "tehran": "Iran", "moscow": "Russia",
                "damascus": "Syria", "baghdad": "Iraq", "the syrian government": "Syria",
                "the iraqi government": "Iraq", "the syrian regime": "Syria", "the iraqi state": "Iraq"}
_STATE_AS_ACTOR = re.compile(
    r"\b(" + "|".join(re.escape(k) for k in sorted(_STATE_NAMES, key=len, reverse=True)) + r")\b(?=\s+(?:has\s+|had\s+|"
    r"have\s+|quickly\s+|also\s+|then\s+)?(?:been\s+)?(?:deployed|deploying|launched|launching|struck|striking|sent|"
    r"sending|shelled|bombed|attacked|leading|began|captured|seized|retook|carried\s+out|conducted|capitalized|"
    r"turned|moved|massed|reinforced))", re.I)


def _unnamed_actors(sentence: str, found: list, where: str, trigger: int | None) -> list[tuple[str, str, int]]:
    """Actors named by what they are ("gunmen", "Turkish soldiers") or by their state ("Turkey has deployed"),
    as ACLED names them, beside the named ones in ``found``."""
    named = {a[0] for a in found}
    out = []
    for pattern, template, kind in _GENERIC:
        for m in pattern.finditer(sentence):
            if any(0 <= m.start() - a[2] < 30 for a in found):
                continue  # "Islamic State gunmen", "Turkish drone": already named
            if _reports(sentence, m.start(), sentence[m.end():], trigger):
                continue
            demonym = _DEMONYM.search(sentence[max(0, m.start() - 30) : m.start()])
            if demonym is None and template.startswith("Military") and not re.match(
                    r"soldiers?|troops|army|border|tanks|gunboats?", m.group(), re.I):
                continue  # an unidentified aircraft, drone or strike is no one's army
            place = _demonym_country(demonym.group(1)) if demonym else where
            place = where if place == "*" else place  # "government forces": the state where it happened
            name = template.format(country=place) if place else template.split(" (")[0].replace(" of {country}", "")
            if name not in named:
                out.append((name, kind, m.start()))
                named.add(name)
    for m in _STATE_AS_ACTOR.finditer(sentence):  # "Turkey has deployed more troops": the state's forces
        name = f"Military Forces of {_STATE_NAMES[m.group(1).lower()]}"
        if name not in named:
            out.append((name, "state", m.start()))
            named.add(name)
    return out


def _reports(sentence: str, start: int, after: str, trigger: int | None) -> bool:
    """ "..., police said": who tells of the event after it is told is its source, not a side of it;
    "Police said they had detained ..." names the doer before the event."""
    return bool(_REPORTING.match(after)) and (trigger is None or start > trigger)


def _after_name(sentence: str, start: int) -> str:
    """The text after the actor's name that starts at ``start`` (the name's own words skipped)."""
    m = _table()[0].match(sentence, start)
    return sentence[m.end() if m else start :]


def _demonym_country(word: str) -> str:
    return _DEMONYM_COUNTRY.get(word.lower(), "")
_VICTIM_AFTER = re.compile(r"^[^.;]{0,70}?\b(?:was|were|had\s+been|have\s+been)\s+(?:\w+\s+)?(?:killed|wounded|injured|"
                           r"hurt|targeted|attacked|hit|abducted|kidnapped|detained|arrested|shot|ambushed)\b", re.I)
_VICTIM_BEFORE = re.compile(r"(?:\b(?:targeted|targeting|attacked|attacking|struck|striking|hit|hitting|killed|killing|"
                            r"ambushed|shelled|bombed|kidnapped|abducted|detained|arrested|against|on)\s+"
                            r"(?:[\w'’-]+\s+){0,4}|\b(?:gate|entrance|door|headquarters|outside|near)\s+(?:of\s+)?(?:an?\s+|the\s+)"
                            r"(?:[\w'’-]+\s+){0,2})$", re.I)
_REPORTING = re.compile(r"^\s*(?:\w+\s+){0,2}(?:said|say|says|told|reported|announced|added|stated|confirmed)\b", re.I)
# Actors named by what they are rather than by their organisation, and the side of the conflict they stand for.
_GENERIC = [
    (re.compile(r"\b(?:protesters|protestors|demonstrators)\b", re.I), "Protesters ({country})", "civilian"),
    (re.compile(r"\brioters\b", re.I), "Rioters ({country})", "civilian"),
    (re.compile(r"\b(?:police(?:men)?|police\s+officers?)\b", re.I), "Police Forces of {country}", "state"),
    (re.compile(r"\b(?:security\s+forces?|security\s+services)\b", re.I), "Police Forces of {country}", "state"),
    (re.compile(r"\b(?:soldiers?|troops|army|border\s+guards|warplanes|jets|aircraft|air\s+force|artillery|tanks|"
                r"helicopters?|gunboats?|drones?|air\s*strikes?|strikes?|shelling|loitering\s+munitions?)\b", re.I),
     "Military Forces of {country}", "state"),
    (re.compile(r"\b(?:gunm[ae]n|assailants?|attackers?|militants|an?\s+armed\s+group|armed\s+men|unknown\s+(?:men|persons|"
                r"people)|unidentified\s+(?:men|persons|people)|masked\s+men|suicide\s+bombers?)\b", re.I),
     "Unidentified Armed Group ({country})", "rebel"),
]


def actors_of(sentence: str, trigger: int | None = None, event_type: str = "", country: str = "") -> tuple[str, str]:
    """(actor1, actor2) in ACLED's sense: who acted, and the other side or the victims.

    Named groups come from the curated table; unnamed ones ("gunmen", "protesters",
    "soldiers") are named as ACLED does, after the country. An actor that is the object
    of the event ("members of the police were killed", "struck a Turkish convoy") is the
    second actor; when nobody is named as the doer, an unidentified armed group did it.
    """
    where = COUNTRY_NAMES.get(country) or country_names().get(country, country or "")
    found = [a for a in find_actors(sentence) if not _reports(sentence, a[2], _after_name(sentence, a[2]), trigger)]
    found = sorted(found + _unnamed_actors(sentence, found, where, trigger), key=lambda a: a[2])
    victims = [a for a in found if a[1] == "civilian" and not a[0].startswith(("Protesters", "Rioters"))
               or _VICTIM_AFTER.match(sentence[a[2]:]) or _VICTIM_BEFORE.search(sentence[max(0, a[2] - 60) : a[2]])]
    doers = [a for a in found if a not in victims]
    agent = None
    passive = re.search(r"\bby\s+(?:an?\s+|the\s+)?", sentence[trigger or 0 :])
    if passive:
        at = (trigger or 0) + passive.end()
        agent = next((a for a in found if 0 <= a[2] - at < 30), None)
    if event_type in ("Protests", "Riots"):
        crowd = "Protesters" if event_type == "Protests" else "Rioters"
        agent = (f"{crowd} ({where})" if where else crowd, "civilian", 0)  # ACLED: the crowd is the first actor
    if agent is None and doers:
        before = [a for a in doers if trigger is not None and a[2] < trigger]
        agent = before[-1] if before else doers[0]
    if agent is None and event_type == "Battles" and found:
        agent = next((a for a in found if a[1] != "civilian"), found[0])  # both sides lost men
    if agent is None:
        if event_type in ("Protests",):
            agent = (f"Protesters ({where})" if where else "Protesters", "civilian", 0)
        elif event_type in ("Battles", "Explosions/Remote violence", "Violence against civilians"):
            agent = (f"Unidentified Armed Group ({where})" if where else "Unidentified Armed Group", "rebel", 0)
        elif found:
            agent = found[0]
        else:
            return "", ""
    others = [a for a in found if a[0] != agent[0]]
    other = next((a for a in others if a in victims), others[0] if others else None)
    second = other[0] if other else ""
    if second == "Civilians" and where:
        second = f"Civilians ({where})"
    first = agent[0] if agent[0] != "Civilians" or not where else f"Civilians ({where})"
    return first, second
