"""Incident table rows (ACLED or UCDP GED columns) to incidents at resolved places.

Rows are used as they are: coordinates, dates and precision codes are carried over.
A row with a place name and no coordinates is geocoded; a row that cannot be used
becomes an :class:`Unresolved` record naming its line and the reason.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable

import numpy as np

from gazetteer import Gazetteer, geocode
from gazetteer.normalize import name_key
from geomap.boundaries import locate_admin1, swapped_points
from geomap.models import Incident, TableRow, Unresolved

ACLED_TYPES = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
)
# UCDP GED type_of_violence -> (ACLED event type, sub-event type)
UCDP_VIOLENCE = {
    "1": ("Battles", "Armed clash"),
    "2": ("Battles", "Armed clash"),
    "3": ("Violence against civilians", "Attack"),
}
# UCDP where_prec (1 exact ... 7 water/air) -> ACLED geo_precision
UCDP_WHERE_PREC = {"1": 1, "2": 2, "3": 2, "4": 3, "5": 3, "6": 3, "7": 3}
# UCDP date_prec (1 day ... 5 year) -> ACLED time_precision
UCDP_DATE_PREC = {"1": 1, "2": 2, "3": 2, "4": 3, "5": 3}

DATE_COLUMNS = ("event_date", "date_start", "date", "event date", "start_date")
LAT_COLUMNS = ("latitude", "lat", "y")
LON_COLUMNS = ("longitude", "lon", "lng", "long", "x")
PLACE_COLUMNS = ("location", "where_coordinates", "place", "where_description", "city", "town")


def incidents_from_rows(rows: Iterable[TableRow], gazetteer: Gazetteer,
                        notices: list[Unresolved] | None = None) -> tuple[list[Incident], list[Unresolved]]:
    """Turn table rows into incidents; rows that cannot be placed or dated are returned as unresolved.

    Rows that are used but were repaired or look odd (swapped coordinates, a repeated id,
    cells beyond the header) are added to ``notices``.
    """
    rows = list(rows)
    notices = notices if notices is not None else []
    # Read the index once for every place name of the table, instead of once per row.
    gazetteer.prefetch(name_key(_get(r.values, PLACE_COLUMNS)) for r in rows
                       if not (_get(r.values, LAT_COLUMNS) and _get(r.values, LON_COLUMNS)))
    drafts, unresolved, lines = [], [], []
    today = dt.date.today()
    for row in rows:
        try:
            draft = _draft(row, gazetteer)
            if draft["event_date"] > today + dt.timedelta(days=1):
                raise RowProblem(f"date {draft['event_date'].isoformat()} is in the future")
            drafts.append(draft)
            lines.append(row)
            if row.values.get("_extra"):
                notices.append(Unresolved(row.source, f"line {row.line}", "more cells than the header; extra cells "
                                          "ignored", _row_text(row)))
        except RowProblem as problem:
            unresolved.append(Unresolved(row.source, f"line {row.line}", str(problem), _row_text(row)))
    if not drafts:
        return [], unresolved
    _fix_swapped_coordinates(drafts, lines, notices)
    _unique_ids(drafts, lines, notices)
    codes = locate_admin1([d["longitude"] for d in drafts], [d["latitude"] for d in drafts],
                          [d["country"] for d in drafts])
    incidents = []
    for draft, code in zip(drafts, codes):
        admin1 = draft.pop("admin1_hint") or code or None
        if draft["geo_precision"] <= 2 or not admin1:
            admin1 = code or admin1
        draft["admin1"] = admin1
        draft["admin1_name"] = gazetteer.admin1_names.get(admin1) if admin1 else None
        draft["country"] = draft["country"] or (admin1[:2] if admin1 else "")
        incidents.append(Incident(**draft))
    return incidents, unresolved


def _fix_swapped_coordinates(drafts: list[dict], rows: list[TableRow], notices: list[Unresolved]) -> None:
    """Latitude and longitude given the wrong way round: swap them back (see ``swapped_points``)."""
    lons = np.array([d["longitude"] for d in drafts])
    lats = np.array([d["latitude"] for d in drafts])
    countries = np.array([d["country"] for d in drafts], dtype=object)
    for i in np.flatnonzero(swapped_points(lons, lats, countries)):
        draft = drafts[i]
        draft["latitude"], draft["longitude"] = draft["longitude"], draft["latitude"]
        notices.append(Unresolved(rows[i].source, f"line {rows[i].line}", "latitude and longitude were swapped; "
                                  "swapped back", _row_text(rows[i])))


def _unique_ids(drafts: list[dict], rows: list[TableRow], notices: list[Unresolved]) -> None:
    seen: dict[str, TableRow] = {}
    for draft, row in zip(drafts, rows):
        event_id = draft["event_id"]
        if event_id in seen:
            first = seen[event_id]
            where = f"line {first.line}" if first.source == row.source else f"{first.source}, line {first.line}"
            draft["event_id"] = f"{event_id}-{row.line}"
            notices.append(Unresolved(row.source, f"line {row.line}", f"duplicate id {event_id!r} (first on {where}); "
                                      f"kept as {draft['event_id']!r}", _row_text(row)))
        else:
            seen[event_id] = row


class RowProblem(Exception):
    """Why one row cannot become an incident (reported, never raised to the user)."""


def _get(values: dict, names: Iterable[str]) -> str:
    for name in names:
        value = values.get(name)
        if value is not None and not (isinstance(value, float) and math.isnan(value)):
            text = str(value).strip()
            if text and text.lower() not in ("nan", "none", "null", "na", "n/a"):
                return text
    return ""


def _row_text(row: TableRow) -> str:
    return ", ".join(f"{k}={v}" for k, v in list(row.values.items())[:6] if not str(k).startswith("_"))[:300]


def _draft(row: TableRow, gazetteer: Gazetteer) -> dict:
    v = row.values
    is_ucdp = "type_of_violence" in v or "where_prec" in v or "date_start" in v
    date_text = _get(v, DATE_COLUMNS)
    if not date_text:
        raise RowProblem("no date (expected a column event_date or date_start)")
    event_date = parse_table_date(date_text)
    if event_date is None:
        raise RowProblem(f"unreadable date {date_text!r}")

    country = _country_code(_get(v, ("iso", "iso2", "country_code", "country", "iso3")), gazetteer)
    place = _get(v, PLACE_COLUMNS)
    lat_text, lon_text = _get(v, LAT_COLUMNS), _get(v, LON_COLUMNS)
    admin1_hint = _admin1_code(_get(v, ("admin1", "adm_1", "admin1_code")), country, gazetteer)
    if is_ucdp:
        geo_precision = UCDP_WHERE_PREC.get(_get(v, ("where_prec",)).split(".")[0], 1)
    else:
        geo_precision = _int(_get(v, ("geo_precision",)), 1, 1, 3)

    if lat_text and lon_text:
        lat, lon = _coordinate(lat_text, "latitude", 90), _coordinate(lon_text, "longitude", 180)
    elif place or admin1_hint:
        found = geocode(place, gazetteer, country or None) if place else None
        if found is None and admin1_hint:
            found = gazetteer.admin1_place(admin1_hint)
        if found is None:
            raise RowProblem(f"no coordinates and place {place!r} not found in the gazetteer")
        lat, lon = found.lat, found.lon
        country = country or found.country
        admin1_hint = admin1_hint or found.admin1
        geo_precision = max(geo_precision, found.precision)
    else:
        raise RowProblem("no coordinates and no place name")

    if is_ucdp:
        event_type, sub_event_type = UCDP_VIOLENCE.get(_get(v, ("type_of_violence",)).split(".")[0],
                                                       ("Battles", "Armed clash"))
        time_precision = UCDP_DATE_PREC.get(_get(v, ("date_prec",)).split(".")[0], 1)
        actor1, actor2 = _get(v, ("side_a",)), _get(v, ("side_b",))
        fatalities = _fatalities(_get(v, ("best", "fatalities")))
        notes = _get(v, ("source_headline", "where_description", "notes"))
        source = _get(v, ("source_original", "source_article", "source_office")) or "UCDP GED"
        event_id = _get(v, ("id", "relid", "event_id"))
    else:
        event_type = _event_type(_get(v, ("event_type",)))
        sub_event_type = _get(v, ("sub_event_type",))
        time_precision = _int(_get(v, ("time_precision",)), 1, 1, 3)
        actor1, actor2 = _get(v, ("actor1",)), _get(v, ("actor2",))
        fatalities = _fatalities(_get(v, ("fatalities", "deaths", "killed")))
        notes = _get(v, ("notes", "description", "summary"))
        source = _get(v, ("source",))
        event_id = _get(v, ("event_id_cnty", "event_id", "id"))
    return {
        "event_id": event_id or f"{_short(row.source)}:{row.line}",
        "event_date": event_date,
        "time_precision": time_precision,
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": actor1,
        "actor2": actor2,
        "fatalities": fatalities,
        "location": place or (gazetteer.admin1_names.get(admin1_hint) if admin1_hint else "") or "",
        "latitude": lat,
        "longitude": lon,
        "country": country,
        "admin1_hint": admin1_hint,
        "geo_precision": geo_precision,
        "source": source or row.source,
        "notes": notes,
        "sources": (f"{row.source}:{row.line}",),
    }


def _short(source: str) -> str:
    return re.sub(r"\.(csv|json|geojson|jsonl|tsv)(\.gz)?$", "", source.rsplit("/", 1)[-1])


def parse_table_date(text: str) -> dt.date | None:
    """ISO dates, ACLED's "20 September 2021", numeric dates and timestamps.

    Numeric dates are read day first, as in the region's sources (01/03/2024 is 1 March);
    month first only when the day-first reading is impossible (03/13/2024).
    """
    text = text.strip()
    m = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})", text)
    try:
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        m = re.match(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$", text)
        if m:
            first, second, year = int(m[1]), int(m[2]), int(m[3])
            return dt.date(year, second, first) if second <= 12 else dt.date(year, first, second)
    except ValueError:
        return None
    for fmt in ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%Y/%m/%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _coordinate(text: str, what: str, limit: float) -> float:
    try:
        value = float(text)
    except ValueError:
        raise RowProblem(f"{what} {text!r} is not a number") from None
    if not math.isfinite(value) or abs(value) > limit:
        raise RowProblem(f"{what} {text!r} is out of range")
    return value


MAX_FATALITIES = 10**6


def _fatalities(text: str) -> int:
    """A death count; an empty cell is 0, anything that is not a plausible count is a problem."""
    if not text:
        return 0
    try:
        value = float(text)
    except ValueError:
        raise RowProblem(f"fatalities {text!r} is not a number") from None
    if not (0 <= value <= MAX_FATALITIES) or value != int(value):
        raise RowProblem(f"fatalities {text!r} is not a plausible count")
    return int(value)


def _int(text: str, default: int, low: int, high: int) -> int:
    try:
        value = int(float(text))
    except ValueError:
        return default
    return min(max(value, low), high)


def _event_type(text: str) -> str:
    for known in ACLED_TYPES:
        if text.lower() == known.lower():
            return known
    return text or "Unknown"


def _country_code(text: str, gazetteer: Gazetteer) -> str:
    if not text:
        return ""
    if len(text) == 2 and text.upper() in gazetteer.country_entry:
        return text.upper()
    for entry in gazetteer.lookup(name_key(text)):
        if entry.kind == "country":
            return entry.country
    return ""


def _admin1_code(text: str, country: str, gazetteer: Gazetteer) -> str:
    """ISO code for an admin-1 name such as "Nīnawá province", "Aleppo Governorate" or "SY-HL"."""
    if not text:
        return ""
    if re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", text.strip()):
        return text.strip()
    cleaned = re.sub(r"\s+(province|governorate|muhafazat|region|state)$", "", text.strip(), flags=re.I)
    cleaned = re.sub(r"\s+", " ", cleaned)
    for entry in gazetteer.lookup(name_key(cleaned)):
        if entry.kind == "admin1" and (not country or entry.country == country):
            return entry.admin1
    place = geocode(cleaned + " province", gazetteer, country or None)
    return place.admin1 if place is not None and place.level == "admin1" else ""
