"""Syria's border crossings, airports, seaports and railway stations from OpenSyria's transport data.

Each record lists the sources it was compiled from, each source with its own licence. A record is
imported only when at least one of its sources is openly licensed (public domain, CC0, CC BY 4.0,
ODC-PDDL); records known only from sources with non-commercial terms (the Logistics Cluster) or
from sources still under review (UN/LOCODE) are left out, and the open sources are named on every
row. Rows that only name a town ("Homs" as a road terminal) are not features and are skipped; a port
named after its town is found as "Tartus port", never as "Tartus".
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from gazetteer.build.common import useful_name
from gazetteer.build.features import Feature, usable_bare_name

OPEN_LICENCE = re.compile(r"public domain|cc0|cc by 4\.0|cc-by-4\.0|pddl", re.I)
CLOSED_LICENCE = re.compile(r"non-commercial|review required", re.I)
KINDS = (("border_crossing", "crossing"), ("airport", "airport"), ("oil_terminal", "port"), ("seaport", "port"),
         ("rail_terminal", "station"))
_CROSSING = re.compile(r"^(?:\(?bab al-\)?\s*)?(?P<stem>.+?)\s+border\s+crossing$", re.I)


def open_sources(path: Path) -> dict[str, str]:
    """Source ids whose licence allows shipping derived data, with their licence."""
    out = {}
    for src in json.loads(path.read_text(encoding="utf-8")):
        licence = src.get("license", "")
        if OPEN_LICENCE.search(licence) and not CLOSED_LICENCE.search(licence):
            out[src["id"]] = licence
    return out


def crossing_names(name: str, taken: set[str]) -> tuple[set[str], set[str]]:
    """("Nasib Border Crossing") -> its names and derived names ("Nasib crossing", "Nasib border crossing")."""
    m = _CROSSING.match(name)
    if not m:  # "Ras Al Ain", "Quamishli": the town's name, not the crossing's ("(Bab al-) Kasab" is)
        return ({name} if re.search(r"\b(?:bab|crossing|gate)\b", name, re.I) else set()), set()
    stem = m.group("stem").strip()
    derived = {f"{stem} crossing", f"{stem} border crossing"}
    if usable_bare_name(stem, taken):
        derived.add(stem)
    return {name}, derived


def read_transport(data: Path, taken: set[str]) -> tuple[list[Feature], dict[str, int]]:
    """Features from ``opensyria/transport``; also counts of the records left out and why."""
    folder = data / "opensyria" / "transport"
    allowed = open_sources(folder / "sources.json")
    out, skipped = [], {"no openly licensed source": 0, "a town's own name, not a feature": 0}
    with open(folder / "locations_flat.csv", encoding="utf-8") as f:
        for rec in csv.DictReader(f):
            types = rec["types"].split("|")
            fcode = next((code for kind, code in KINDS if kind in types), None)
            if fcode is None:
                continue
            sources = [s for s in rec["source_ids"].split("|") if s in allowed]
            if not sources:
                skipped["no openly licensed source"] += 1
                continue
            aliases = [a for a in rec["aliases"].split("|") if a and useful_name(a)]
            all_names = [rec["name_en"], *aliases] + ([rec["name_ar"]] if rec["name_ar"] else [])
            names, derived = set(), set()
            if fcode == "crossing":
                for n in all_names:
                    own, more = crossing_names(n, taken)
                    names |= own
                    derived |= more
            elif fcode == "port":
                if "oil_terminal" in types:
                    names.add(rec["name_en"])
                else:  # "Tartus": the town; its port is "Tartus port"
                    derived = {f"{n} {word}" for n in all_names if not re.search(r"[\u0600-\u06ff]", n)
                               for word in ("port", "seaport")}
            elif fcode == "station":
                names = {n for n in all_names if re.search(r"station|mahattat|محطة", n, re.I)}
            else:
                names = set(all_names)
            if not names and not derived:
                skipped["a town's own name, not a feature"] += 1
                continue
            out.append(Feature(
                source_id=f"opensyria-transport:{rec['id']}",
                name=rec["name_en"] if fcode != "port" or "oil_terminal" in types else f"{rec['name_en']} port",
                lat=float(rec["lat"]),
                lon=float(rec["lon"]),
                country="SY",
                fcode=fcode,
                source="OpenSyria transport, from " + ", ".join(f"{s} ({allowed[s]})" for s in sources),
                names=names,
                derived=derived,
                rank=1.0 if fcode == "crossing" else 0.5,
            ))
    return out, skipped
