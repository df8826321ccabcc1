"""Incident table rows to incidents, a whole column at a time.

This is the one implementation of the row checks and of the column mapping: the
default engine runs it on a whole table, the Dask engine on each partition. Rows are
used as they are (coordinates, dates and precision codes carried over); a row with a
place name and no coordinates is geocoded (once per distinct name); a row that cannot
be used is listed, with its line and the reason, never dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from geomap.acled import EVENT_TYPES, OUTPUT_COLUMNS
from geomap.boundaries import codes_at, country_names, country_of_code, locate_admin1, map_distinct, swapped_points
from geomap.columns import ColumnMap
from geomap.models import Unresolved
from geomap.tables import RawTable

MAX_FATALITIES = 10**6
EMPTY_WORDS = ("", "nan", "none", "null", "na", "n/a", "<na>", "nat")
# UCDP GED type_of_violence -> (ACLED event type, sub-event type); the code itself stays in its own column.
UCDP_VIOLENCE = {"1": ("Battles", "Armed clash"), "2": ("Battles", "Armed clash"),
                 "3": ("Violence against civilians", "Attack")}
# UCDP where_prec (1 exact ... 7 water/air) -> ACLED geo_precision; date_prec (1 day ... 5 year) -> time_precision
UCDP_WHERE_PREC = {"1": 1, "2": 2, "3": 2, "4": 3, "5": 3, "6": 3, "7": 3}
UCDP_DATE_PREC = {"1": 1, "2": 2, "3": 2, "4": 3, "5": 3}
NO_DATE = "no date (expected a column event_date or date_start)"


@dataclass
class TableIncidents:
    """What one table (or partition) gave: an incident frame, and the rows that were not used."""

    frame: pd.DataFrame
    unresolved: list[Unresolved] = field(default_factory=list)
    notices: list[Unresolved] = field(default_factory=list)  # used, but repaired or odd
    rows: int = 0
    dataset: str = ""


def table_incidents(table: RawTable, gazetteer, today: dt.date | None = None) -> TableIncidents:
    """The incidents of a table (see the module docstring), in the output columns, with geomap's codes."""
    columns = ColumnMap.of(table.frame.columns)
    rows = _Rows(table, columns, gazetteer)
    reason = rows.check(today or dt.date.today())
    good = np.flatnonzero(reason == "")
    bad = np.flatnonzero(reason != "")
    unresolved = [Unresolved(table.source, f"{table.unit} {table.lines[i]}", reason[i], text)
                  for i, text in zip(bad, rows.row_texts(bad))]
    frame, notices = rows.incidents(good)
    return TableIncidents(frame, unresolved, notices, len(table), columns.dataset)


def texts(series: pd.Series) -> pd.Series:
    """Each cell as stripped text ('' for a missing cell or a word meaning none: NA, null, n/a ...)."""
    if pd.api.types.is_datetime64_any_dtype(series):
        return series.dt.strftime("%Y-%m-%d").fillna("")
    if pd.api.types.is_bool_dtype(series) or pd.api.types.is_numeric_dtype(series):
        out = series.astype(object).map(_number_text, na_action="ignore") if len(series) else series
        return pd.Series(out, index=series.index, dtype=object).fillna("")
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    cleaned = np.array([_clean(v) for v in uniques] + [""], dtype=object)
    return pd.Series(cleaned[codes], index=series.index, dtype=object)


def _number_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _clean(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return "" if text.lower() in EMPTY_WORDS else text


def first_text(frame: pd.DataFrame, names: tuple[str, ...]) -> pd.Series:
    """The first non-empty cell among ``names``, row by row ('' when all are empty or none exists)."""
    out = None
    for name in names:
        values = texts(frame[name])
        out = values if out is None else out.where(out != "", values)
    return out if out is not None else pd.Series("", index=frame.index, dtype=object)


def _numbers(frame: pd.DataFrame, names: tuple[str, ...]):
    """(values, present, shown): the first present cell among ``names`` as a float, and a function giving
    the cell as written for some rows (for the messages of the rows that fail)."""
    values = np.full(len(frame), np.nan)
    present = np.zeros(len(frame), dtype=bool)
    chosen = np.full(len(frame), -1, dtype=np.int64)
    written: list[pd.Series | None] = []
    for k, name in enumerate(names):
        column = frame[name]
        if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
            v = column.to_numpy(dtype=float, na_value=np.nan)
            here, t = ~np.isnan(v), None
        else:
            t = texts(column)
            here = (t != "").to_numpy()
            v = pd.to_numeric(t.where(t != "", None), errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        take = here & ~present
        values[take], chosen[take] = v[take], k
        present |= here
        written.append(t)

    def shown(rows) -> list[str]:
        out = []
        for i in rows:
            k = chosen[i]
            if k < 0:
                out.append("")
            elif written[k] is not None:
                out.append(written[k].iat[i])
            else:
                out.append(_number_text(frame[names[k]].iat[i]))
        return out

    return values, present, shown


def parse_table_date(text: str) -> dt.date | None:
    """ISO dates, ACLED's "20 September 2021", numeric dates and timestamps.

    Numeric dates are read day first, as in the region's sources (01/03/2024 is 1 March);
    month first only when the day-first reading is impossible (03/13/2024).

    >>> parse_table_date("01/03/2024"), parse_table_date("03/13/2024"), parse_table_date("soon")
    (datetime.date(2024, 3, 1), datetime.date(2024, 3, 13), None)
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


def _dates(frame: pd.DataFrame, names: tuple[str, ...]) -> tuple[pd.Series, pd.Series]:
    """(dates as datetime64, text): typed columns as they are, text parsed once per distinct value."""
    text = first_text(frame, names)
    if all(pd.api.types.is_datetime64_any_dtype(frame[n]) for n in names):
        dates = frame[names[0]]
        for name in names[1:]:
            dates = dates.fillna(frame[name])
        return dates.dt.normalize().astype("datetime64[s]"), text
    codes, uniques = pd.factorize(text)
    parsed = [np.datetime64(d, "s") if d else np.datetime64("NaT", "s")
              for d in (parse_table_date(v) if v else None for v in uniques)]
    stamps = np.array(parsed + [np.datetime64("NaT", "s")], dtype="datetime64[s]")
    return pd.Series(stamps[codes], index=frame.index), text


class _Rows:
    """The columns of one table, read once for every check."""

    def __init__(self, table: RawTable, columns: ColumnMap, gazetteer):
        self.table, self.columns, self.gazetteer = table, columns, gazetteer
        self.frame = table.frame
        self.n = len(self.frame)

    def text(self, role: str) -> pd.Series:
        return first_text(self.frame, self.columns.roles.get(role, ()))

    # -- checks -----------------------------------------------------------------------------------------
    def check(self, today: dt.date) -> np.ndarray:
        """The reason each row cannot be used ('' when it can); the first failing check names it."""
        roles = self.columns.roles
        reason = np.full(self.n, "", dtype=object)

        def fail(mask, why) -> None:
            rows = np.flatnonzero(np.asarray(mask) & (reason == ""))
            if len(rows):
                reason[rows] = why(rows) if callable(why) else why

        self.dates, date_text = _dates(self.frame, roles["date"]) if roles["date"] else (
            pd.Series(pd.NaT, index=self.frame.index, dtype="datetime64[s]"), None)
        if date_text is None:
            fail(np.ones(self.n, dtype=bool), NO_DATE)
        else:
            fail((date_text == "").to_numpy(), NO_DATE)
            fail(self.dates.isna().to_numpy(), lambda r: [f"unreadable date {t!r}" for t in date_text.iloc[r]])
        self.lat, lat_here, lat_shown = _numbers(self.frame, roles["latitude"])
        self.lon, lon_here, lon_shown = _numbers(self.frame, roles["longitude"])
        self.has_point = lat_here & lon_here
        for what, values, shown, limit in (("latitude", self.lat, lat_shown, 90),
                                           ("longitude", self.lon, lon_shown, 180)):
            fail(self.has_point & np.isnan(values),
                 lambda r, s=shown, w=what: [f"{w} {t!r} is not a number" for t in s(r)])
            fail(self.has_point & ~(np.abs(values) <= limit),
                 lambda r, s=shown, w=what: [f"{w} {t!r} is out of range" for t in s(r)])
        self._place(reason, fail)
        deaths, deaths_here, deaths_shown = _numbers(self.frame, roles["fatalities"])
        fail(deaths_here & np.isnan(deaths), lambda r: [f"fatalities {t!r} is not a number" for t in deaths_shown(r)])
        deaths = np.where(deaths_here, deaths, 0.0)
        fail(~((deaths >= 0) & (deaths <= MAX_FATALITIES) & (deaths == np.floor(deaths))),
             lambda r: [f"fatalities {t!r} is not a plausible count" for t in deaths_shown(r)])
        self.fatalities = np.nan_to_num(deaths, nan=0.0).clip(0, MAX_FATALITIES).astype(np.int64)
        future = (self.dates > pd.Timestamp(today + dt.timedelta(days=1))).to_numpy(dtype=bool)
        fail(future, lambda r: [f"date {d:%Y-%m-%d} is in the future" for d in self.dates.iloc[r]])
        return reason

    def _place(self, reason: np.ndarray, fail) -> None:
        """Country, governorate hint, precision; rows without a point are geocoded from their place name."""
        self.country = self._country_codes()
        self.admin1_hint = self._admin1_codes(self.country)
        self.place = self.text("place")
        self.geo_precision = self._geo_precision()
        todo = ~self.has_point & (reason == "")
        named = todo & ((self.place != "") | (self.admin1_hint != "")).to_numpy()
        fail(todo & ~named, "no coordinates and no place name")
        if not named.any():
            return
        from gazetteer import geocode
        from gazetteer.normalize import name_key

        rows = np.flatnonzero(named)
        pairs = pd.DataFrame({"place": self.place.iloc[rows].to_numpy(), "cc": self.country.iloc[rows].to_numpy(),
                              "hint": self.admin1_hint.iloc[rows].to_numpy()})
        codes, uniques = pd.factorize(pd.MultiIndex.from_frame(pairs))
        self.gazetteer.prefetch(name_key(p) for p, _, _ in uniques if p)
        found = []
        for place, cc, hint in uniques:
            hit = geocode(place, self.gazetteer, cc or None) if place else None
            if hit is None and hint:
                hit = self.gazetteer.admin1_place(hint)
            found.append(hit)
        hits = [found[c] for c in codes]
        missing = np.array([h is None for h in hits])
        fail(_at(rows[missing], self.n), lambda r: [f"no coordinates and place {p!r} not found in the gazetteer"
                                                     for p in self.place.iloc[r]])
        ok = rows[~missing]
        placed = [h for h in hits if h is not None]
        self.lat[ok] = [h.lat for h in placed]
        self.lon[ok] = [h.lon for h in placed]
        self.country.iloc[ok] = [cc or h.country for cc, h in zip(self.country.iloc[ok], placed)]
        self.admin1_hint.iloc[ok] = [a or (h.admin1 or "") for a, h in zip(self.admin1_hint.iloc[ok], placed)]
        self.geo_precision[ok] = np.maximum(self.geo_precision[ok], [h.precision for h in placed])

    def _country_codes(self) -> pd.Series:
        """ISO 3166-1 alpha-2 per row: the first country column whose value is a known country."""
        out = pd.Series("", index=self.frame.index, dtype=object)
        for name in self.columns.roles["country"]:
            values = texts(self.frame[name])
            codes, uniques = pd.factorize(values)
            known = np.array([country_code(v, self.gazetteer) for v in uniques] + [""], dtype=object)
            out = out.where(out != "", pd.Series(known[codes], index=self.frame.index))
        return out

    def _admin1_codes(self, country: pd.Series) -> pd.Series:
        names = self.columns.roles["admin1"]
        if not names:
            return pd.Series("", index=self.frame.index, dtype=object)
        text = first_text(self.frame, names)
        pairs = pd.MultiIndex.from_arrays([text.to_numpy(), country.to_numpy()])
        codes, uniques = pd.factorize(pairs)
        known = np.array([admin1_code(t, cc, self.gazetteer) for t, cc in uniques] + [""], dtype=object)
        return pd.Series(known[codes], index=self.frame.index)

    def _geo_precision(self) -> np.ndarray:
        if self.columns.is_ucdp:
            return _coded(self.text("where_prec"), UCDP_WHERE_PREC, 1)
        return _clamped(self.frame, self.columns.roles["geo_precision"], 1, 1, 3)

    # -- the incidents ---------------------------------------------------------------------------------
    def incidents(self, good: np.ndarray) -> tuple[pd.DataFrame, list[Unresolved]]:
        """The usable rows in the output columns: repairs (swapped coordinates, repeated ids) noted."""
        notices: list[Unresolved] = []
        frame = self.frame.iloc[good].reset_index(drop=True) if len(good) != self.n else self.frame.reset_index(
            drop=True)
        lines = self.table.lines[good]
        lat, lon = self.lat[good].copy(), self.lon[good].copy()
        country = self.country.iloc[good].to_numpy(dtype=object)
        if self.table.extra_cells is not None:
            notices += self._notices(good[self.table.extra_cells[good]], "more cells than the header; extra cells "
                                     "ignored")
        here = codes_at(lon, lat)
        swapped = swapped_points(lon, lat, country, here)
        if swapped.any():
            lat[swapped], lon[swapped] = lon[swapped], lat[swapped].copy()
            here[swapped] = codes_at(lon[swapped], lat[swapped])
            notices += self._notices(good[swapped], "latitude and longitude were swapped; swapped back")
        ids = self.text("event_id").iloc[good].reset_index(drop=True)
        if (ids != "").any():  # rows without an id are named after their file and line when written
            ids = self._unique_ids(ids, good, lines, notices)
        located = locate_admin1(lon, lat, country, here)
        hint = self.admin1_hint.iloc[good].to_numpy(dtype=object)
        precise = self.geo_precision[good] <= 2
        admin1 = np.where(hint != "", hint, located)
        admin1 = np.where(precise & (located != ""), located, admin1)
        country = np.where(country != "", country, map_distinct(admin1, country_of_code))
        out = self._columns(frame, good, ids, lat, lon, country.astype(object), admin1.astype(object), lines)
        return out, notices

    def _unique_ids(self, ids: pd.Series, good: np.ndarray, lines: np.ndarray, notices: list) -> pd.Series:
        repeated = (ids.duplicated(keep="first") & (ids != "")).to_numpy()
        if not repeated.any():
            return ids
        first_line = pd.Series(lines).groupby(ids.to_numpy()).transform("first").to_numpy()
        for i in np.flatnonzero(repeated):
            new = f"{ids.iat[i]}-{lines[i]}"
            notices.append(self._notice(good[i], f"duplicate id {ids.iat[i]!r} (first on {self.table.unit} "
                                        f"{first_line[i]}); kept as {new!r}"))
            ids.iat[i] = new
        return ids

    def _columns(self, frame, good, ids, lat, lon, country, admin1, lines) -> pd.DataFrame:
        """ACLED's columns (the table's own values where it has them), geomap's codes, the other columns."""
        roles, n = self.columns.roles, len(good)
        own = {c.lower(): c for c in frame.columns}
        names = self.gazetteer.admin1_names
        out = {"event_id_cnty": ids.to_numpy(dtype=object),
               "event_date": self.dates.iloc[good].to_numpy(),
               "time_precision": (_coded(self.text("date_prec"), UCDP_DATE_PREC, 1) if self.columns.is_ucdp else
                                  _clamped(self.frame, roles["time_precision"], 1, 1, 3))[good]}
        event_type, sub_type = self._event_types(good)
        out["event_type"], out["sub_event_type"] = event_type, sub_type
        out["actor1"] = self.text("actor1").iloc[good].to_numpy(dtype=object)
        out["actor2"] = self.text("actor2").iloc[good].to_numpy(dtype=object)
        out["country"] = _names(frame, own.get("country"), country, country_names(), 2)
        out["admin1"] = _names(frame, own.get("admin1"), admin1, names, 5)
        place = self.place.iloc[good].to_numpy(dtype=object)
        hinted = map_distinct(self.admin1_hint.iloc[good].to_numpy(), lambda a: names.get(a, "") if a else "")
        out["location"] = np.where(place != "", place, hinted)
        out["latitude"], out["longitude"] = lat, lon
        out["geo_precision"] = self.geo_precision[good]
        source = self.text("source").iloc[good].to_numpy(dtype=object)
        out["source"] = np.where(source != "", source, "UCDP GED" if self.columns.is_ucdp else self.table.source)
        out["notes"] = self.text("notes").iloc[good].to_numpy(dtype=object)
        out["fatalities"] = self.fatalities[good]
        for name in _AS_WRITTEN:  # ACLED's own text columns keep their cells exactly as written
            if name in own and (not roles.get(name) or roles[name][0] == own[name]):
                raw = frame[own[name]]
                blank = (raw.isna() | (raw.astype(object) == "")).to_numpy(dtype=bool)
                out[name] = np.where(blank, out[name], raw.to_numpy(dtype=object))
        out["country_code"], out["admin1_code"] = country, admin1
        result = pd.DataFrame(out)
        result["event_date"] = result["event_date"].astype("datetime64[s]")
        result["_source"] = pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), [self.table.source])
        result["_line"] = lines
        taken = set(out)
        for column in frame.columns:  # the table's own columns: ACLED's stay as written, others kept after ours
            key = column.lower()
            if key in taken or column in taken:
                continue
            result[_ACLED_LOWER.get(key, column)] = frame[column].to_numpy()
            taken.add(key)
        return result

    def _event_types(self, good: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if self.columns.is_ucdp:
            codes = self.text("type_of_violence").iloc[good].str.split(".").str[0]
            pairs = [UCDP_VIOLENCE.get(c, ("Battles", "Armed clash")) for c in codes]
            return (np.array([p[0] for p in pairs], dtype=object), np.array([p[1] for p in pairs], dtype=object))
        text = self.text("event_type").iloc[good]
        codes, uniques = pd.factorize(text)
        known = {t.lower(): t for t in EVENT_TYPES}
        canonical = np.array([known.get(u.lower(), u or "Unknown") for u in uniques] + ["Unknown"], dtype=object)
        return canonical[codes], self.text("sub_event_type").iloc[good].to_numpy(dtype=object)

    def _notice(self, i: int, reason: str) -> Unresolved:
        return self._notices(np.array([i]), reason)[0]

    def _notices(self, rows: np.ndarray, reason: str) -> list[Unresolved]:
        texts_ = self.row_texts(rows)
        return [Unresolved(self.table.source, f"{self.table.unit} {self.table.lines[i]}", reason, t)
                for i, t in zip(rows, texts_)]

    def row_texts(self, rows: np.ndarray) -> list[str]:
        """The first cells of some rows ("event_date=..., latitude=..."), for the unresolved list."""
        if not len(rows):
            return []
        part = self.frame.iloc[np.asarray(rows), :6]
        cells = [(name, part[name].tolist()) for name in part.columns]
        return [", ".join(f"{k}={_shown(values[j])}" for k, values in cells)[:300] for j in range(len(part))]


def _shown(value) -> str:
    if value is None or value is pd.NaT or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, float):
        return _number_text(value)
    if isinstance(value, pd.Timestamp):
        return f"{value:%Y-%m-%d}"
    return str(value)


def _at(rows: np.ndarray, n: int) -> np.ndarray:
    mask = np.zeros(n, dtype=bool)
    mask[rows] = True
    return mask


def _coded(text: pd.Series, table: dict[str, int], default: int) -> np.ndarray:
    codes = text.str.split(".").str[0]
    return codes.map(table).fillna(default).to_numpy(dtype=np.int64)


def _clamped(frame: pd.DataFrame, names: tuple[str, ...], default: int, low: int, high: int) -> np.ndarray:
    values, present, _ = _numbers(frame, names)
    values = np.where(present & ~np.isnan(values), np.trunc(np.nan_to_num(values)), default)
    return np.clip(values, low, high).astype(np.int64)


_ACLED_LOWER = {c.lower(): c for c in OUTPUT_COLUMNS}
_AS_WRITTEN = ("sub_event_type", "actor1", "actor2", "location", "source", "notes")


def _names(frame: pd.DataFrame, column: str | None, codes: np.ndarray, names: dict[str, str], width: int):
    """The table's own name column where it holds a name; else the name of the code."""
    from_code = map_distinct(codes, lambda c: names.get(c, "") if c else "")
    if column is None:
        return from_code
    own = texts(frame[column]).to_numpy(dtype=object)
    is_code = pd.Series(own, dtype=object).str.fullmatch(r"[A-Z]{2}(?:-[A-Z0-9]{1,3})?").fillna(False).to_numpy()
    return np.where((own != "") & ~is_code, own, from_code)


def short_name(source: str) -> str:
    """The file name without its table suffix: the prefix of the ids of rows that have none.

    >>> short_name("data/acled.csv.gz")
    'acled'
    """
    return re.sub(r"\.(csv|tsv|json|geojson|jsonl|parquet|xlsx|gpkg|shp|fgb)(\.gz)?$", "", Path(source).name)


def country_code(text: str, gazetteer) -> str:
    """ISO 3166-1 alpha-2 of a country code or name ('' when it is neither)."""
    from gazetteer.normalize import name_key

    if not text:
        return ""
    if len(text) == 2 and text.upper() in gazetteer.country_entry:
        return text.upper()
    for entry in gazetteer.lookup(name_key(text)):
        if entry.kind == "country":
            return entry.country
    return ""


def admin1_code(text: str, country: str, gazetteer) -> str:
    """ISO code for an admin-1 name such as "Nīnawá province", "Aleppo Governorate" or "SY-HL"."""
    from gazetteer import geocode
    from gazetteer.normalize import name_key

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
