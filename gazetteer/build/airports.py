"""Air bases and airports from OurAirports (public domain).

Iraq, Syria and their neighbours: every air base and airport worth naming (large, medium, and small
ones with a name news could use; heliports and closed fields only when they are air bases). The
rest of the world: large airports ("Heathrow", "Pearson International Airport"). News rarely uses
the full OurAirports name, so the names news does use are derived from it: "Shayrat Air Base"
gives "Shayrat airbase", "Shayrat air base", "Shayrat military airport"; "London Heathrow
Airport" gives "Heathrow Airport" and, as nothing else is called so, "Heathrow".
"""

from __future__ import annotations

import csv
import gzip
import re
from pathlib import Path

from gazetteer.build.common import useful_name
from gazetteer.build.features import Feature, km, usable_bare_name
from gazetteer.lexicon import NOT_PLACES
from gazetteer.normalize import is_arabic, name_key

REGION = ("IQ", "SY", "TR", "LB", "JO", "IR", "IL", "SA", "KW")
SOURCE = "OurAirports (public domain)"
_MILITARY = re.compile(r"\b(?:air\s*base|airbase|air\s+force\s+base|afb|army\s+air\s+field|air\s+field|airfield|"
                       r"military|air\s+station)\b", re.I)
_SUFFIX = re.compile(r"^(?P<stem>.+?)\s+(?P<suffix>(?:air\s*base|airbase|air\s+force\s+base|afb|army\s+air\s+field|"
                     r"air\s+field|airfield|(?:international|regional|municipal|military)\s+airport|airport|"
                     r"aerodrome|heliport|highway\s+strip))$", re.I)
_COMPASS = re.compile(r"\s+(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west|new|old)$", re.I)
_AIRPORT_WORD = re.compile(r"air\s*(?:port|base|field|strip|station)|\bfield\b|aero|flughafen|lufthavn|lotnisko|"
                           r"international", re.I)
_CODE = re.compile(r"[A-Z0-9-]{2,6}|.*\d.*")  # ICAO/IATA/local codes in the keywords ("OS57", "BIAP")
BASE_FORMS = ("{} air base", "{} airbase", "{} airfield", "{} military airport", "{} base", "{} airport")
AIRPORT_FORMS = ("{} airport",)
RANK = {"large_airport": 3.0, "medium_airport": 2.0, "small_airport": 1.0}


def wanted(rec: dict) -> bool:
    """Is this OurAirports record a place news may name as an event's location?"""
    kind, cc, name = rec["type"], rec["iso_country"], rec["name"]
    military = bool(_MILITARY.search(name))
    if re.search(r"ultralight|microlight|aviation club|sport airfield|glid|aero ?club|flying club", name, re.I):
        return False
    if cc not in REGION:
        return kind == "large_airport"
    if kind in ("large_airport", "medium_airport"):
        return True
    if kind == "small_airport":
        if re.search(r"highway strip|agricultural", name, re.I):
            return False
        return cc in ("IQ", "SY") or military or bool(rec["wikipedia_link"] or rec["keywords"])
    if kind in ("heliport", "closed"):  # Taftanaz Airbase is listed as a heliport, H1 Old Air Base as closed
        return cc in ("IQ", "SY") and bool(_MILITARY.search(name) or re.search(r"airport", name, re.I)) and (
            "construction" not in name.lower() and "heliport" not in name.lower())
    return False


def derived_names(name: str, municipality: str, military: bool, spellings=None) -> set[str]:
    """Names news uses for an airport, made from its OurAirports name.

    ``spellings(stem)`` may give other spellings of a stem that is a town's name ("Tall Afar Army
    Air Field" is also "Tel Afar airport").

    >>> sorted(derived_names("London Heathrow Airport", "London", False))
    ['Heathrow', 'Heathrow airport', 'London Heathrow airport']
    >>> "Shayrat airbase" in derived_names("Shayrat Air Base", "Shayrat", True)
    True
    """
    out = set()
    for part in re.split(r"\s+/\s+", re.sub(r"\s*\(.*?\)", "", name)):
        m = _SUFFIX.match(part.strip())
        if not m:
            continue
        stems = {m.group("stem"), _COMPASS.sub("", m.group("stem"))}
        international = m.group("suffix").lower().startswith("international")
        if municipality and m.group("stem").lower().startswith(municipality.lower() + " "):
            rest = _COMPASS.sub("", " " + m.group("stem")[len(municipality) + 1 :]).strip()
            if rest:  # "Tikrit East Airport" has no name of its own beside its town's
                stems.add(rest)
                if " " not in rest:
                    out.add(rest)  # "Heathrow": kept only if no town, person or word has the name
        for stem in list(stems):
            words = stem.split()
            if any(re.fullmatch(r"[A-Z]\.", w) for w in words[:-1]):
                stems.add(words[-1])  # "Lester B. Pearson" -> "Pearson International Airport"
        if spellings is not None:
            stems |= {other for stem in list(stems) for other in spellings(stem)}
        forms = BASE_FORMS if military else AIRPORT_FORMS
        for stem in stems:
            stem = stem.strip()
            if len(name_key(stem)) < 2:
                continue
            out.update(form.format(stem) for form in forms)
            if international:
                out.add(f"{stem} International Airport")
    return out


def keyword_names(keywords: str, taken: set[str], region: bool = True) -> set[str]:
    """Other names from the record's keywords, without codes, towns' names and common words.

    Abroad, keywords are often the names of nearby villages or islands ("Charlwood", "Canary
    Islands"): there only those that name an airport are kept.

    >>> sorted(keyword_names("OS66, Kuweires, Kurdish, Rasin El Abboud", set()))
    ['Kuweires', 'Rasin El Abboud']
    >>> sorted(keyword_names("Charlwood, Henderson Field", set(), region=False))
    ['Henderson Field']
    """
    out = set()
    for kw in (k.strip() for k in keywords.split(",")):
        key = name_key(kw)
        if not kw or _CODE.fullmatch(kw) or "http" in kw or len(key) < 4 or key in NOT_PLACES or key in taken:
            continue
        if not region and not _AIRPORT_WORD.search(kw):
            continue
        if " " in key or usable_bare_name(kw, taken):
            out.add(kw)
    return out


def town_spellings(towns: dict[str, list[tuple[float, float, set[str]]]], lat: float, lon: float):
    """A ``spellings`` function for derived_names: the names of the town of that name within 30 km."""
    def spellings(stem: str) -> set[str]:
        out = set()
        for tlat, tlon, names in towns.get(name_key(stem), []):
            if km(tlat, tlon, lat, lon) < 30:
                out |= {n for n in names if len(n.split()) <= 3 and not is_arabic(n) and useful_name(n)}
        return set(sorted(out)[:20])
    return spellings


def read_ourairports(data: Path, taken: set[str], towns=None) -> list[Feature]:
    """Air bases and airports of the region, and the world's large airports, as features.

    ``towns`` (name key -> [(lat, lon, names)]) gives an airport named after its town the town's
    other spellings.
    """
    out = []
    with gzip.open(data / "ourairports" / "airports.csv.gz", "rt", encoding="utf-8") as f:
        for rec in csv.DictReader(f):
            if not wanted(rec):
                continue
            military = bool(_MILITARY.search(rec["name"]) or _MILITARY.search(rec["keywords"]))
            # "Halifax / Robert L. Stanfield International Airport": the town's name is not the airport's
            names = {part.strip() for part in re.split(r"\s+/\s+", rec["name"]) if _AIRPORT_WORD.search(part)}
            display = next((p.strip() for p in re.split(r"\s+/\s+", rec["name"]) if p.strip() in names), rec["name"])
            out.append(Feature(
                source_id=f"ourairports:{rec['ident']}",
                name=display,
                lat=float(rec["latitude_deg"]),
                lon=float(rec["longitude_deg"]),
                country=rec["iso_country"],
                fcode="base" if military else "airport",
                source=SOURCE,
                names=names | keyword_names(rec["keywords"], taken, rec["iso_country"] in REGION),
                derived=derived_names(rec["name"], rec["municipality"], military, town_spellings(
                    towns or {}, float(rec["latitude_deg"]), float(rec["longitude_deg"]))
                    if rec["iso_country"] in REGION else None),
                rank=RANK.get(rec["type"], 0.5) + 0.5 * bool(rec["wikipedia_link"])
                + 0.5 * (rec["scheduled_service"] == "yes"),
            ))
    return out
