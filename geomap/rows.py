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
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from geomap.acled import EVENT_TYPES, OUTPUT_COLUMNS
from geomap.boundaries import country_names, country_of_code, locate, polygon_at, polygons, swapped_points
from geomap.coded import Coded, pair_codes
from geomap.columns import ColumnMap
from geomap.errors import shown as quoted
from geomap.frame import repeat_of
from geomap.models import Unresolved
from geomap.tables import RawTable

MAX_FATALITIES = 10**6
NOTICES = 1000  # notes kept with their line for one kind of repair; the rest are counted in one note
# Dates before this year are placeholders ("0001-01-01", "1900-01-01" is kept): no incident table reaches back further.
EARLIEST_YEAR = 1900
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
    repeats: int = 0  # rows counted once: the same id and content as an earlier row


def table_incidents(table: RawTable, gazetteer, today: dt.date | None = None,
                    date_order: str | None = None) -> TableIncidents:
    """The incidents of a table (see the module docstring), in the output columns, with geomap's codes.

    ``date_order`` ("dmy" or "mdy"): how the table's numeric dates read, when decided over a
    whole table elsewhere (the Dask engine's partitions); by default from this table's own dates.
    """
    columns = ColumnMap.of(table.frame.columns)
    rows = _Rows(table, columns, gazetteer)
    reason = rows.check(today or dt.date.today(), date_order)
    good = np.flatnonzero(reason == "")
    bad = np.flatnonzero(reason != "")
    unresolved = [Unresolved(table.source, f"{table.unit} {table.lines[i]}", reason[i], text)
                  for i, text in zip(bad, rows.row_texts(bad))]
    frame, notices = rows.incidents(good)
    return TableIncidents(frame, unresolved, list(table.notes) + notices, len(table), columns.dataset, rows.repeats)


def texts(series: pd.Series) -> Coded:
    """Each cell as stripped text (empty for a missing cell or a word meaning none: NA, null, n/a ...)."""
    if pd.api.types.is_datetime64_any_dtype(series):
        codes, uniques = pd.factorize(series)
        return Coded.cleaned(codes, pd.DatetimeIndex(uniques).strftime("%Y-%m-%d"), str)
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    if pd.api.types.is_bool_dtype(series) or pd.api.types.is_numeric_dtype(series):
        return Coded.cleaned(codes, uniques, _number_text)
    return Coded.cleaned(codes, uniques, _clean)


def _number_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _clean(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return "" if text.lower() in EMPTY_WORDS else text


def first_text(frame: pd.DataFrame, names: tuple[str, ...]) -> Coded:
    """The first non-empty cell among ``names``, row by row (empty when all are empty or none exists)."""
    out = None
    for name in names:
        values = texts(frame[name])
        out = values if out is None else out.fill(values)
    return out if out is not None else Coded.empty_of(len(frame))


_DECIMAL_COMMA = re.compile(r"^([+-]?\d{1,3}),(\d+)$")


def _numbers(frame: pd.DataFrame, names: tuple[str, ...], decimal_comma: bool = False):
    """(values, present, shown): the first present cell among ``names`` as a float, and a function giving
    the cell as written for some rows (for the messages of the rows that fail).

    ``decimal_comma``: "36,2" is 36.2 (coordinates, where a comma cannot separate thousands).
    """
    values = np.full(len(frame), np.nan)
    present = np.zeros(len(frame), dtype=bool)
    chosen = np.full(len(frame), -1, dtype=np.int64)
    written: list[Coded | None] = []
    for k, name in enumerate(names):
        column = frame[name]
        if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
            v = column.to_numpy(dtype=float, na_value=np.nan)
            here, t = ~np.isnan(v), None
        else:
            t = texts(column)
            here = ~t.empty
            values_ = [_DECIMAL_COMMA.sub(r"\1.\2", v) for v in t.values] if decimal_comma else t.values
            parsed = pd.to_numeric(pd.Series(values_, dtype=object), errors="coerce").to_numpy(dtype=float,
                                                                                               na_value=np.nan)
            v = np.append(parsed, np.nan)[t.codes]
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
                out.append(written[k].strings([i])[0])
            else:
                out.append(_number_text(frame[names[k]].iat[i]))
        return out

    return values, present, shown


_NUMERIC_DATE = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
DATE_ORDERS = ("dmy", "mdy")


def parse_table_date(text: str, order: str = "dmy") -> dt.date | None:
    """ISO dates, ACLED's "20 September 2021", numeric dates and timestamps.

    Numeric dates are read in ``order``: day first ("dmy", as in the region's sources:
    01/03/2024 is 1 March) or month first ("mdy"); a date impossible in that order is
    None (see :func:`date_order` for how a table's order is chosen).

    >>> parse_table_date("01/03/2024"), parse_table_date("01/03/2024", "mdy"), parse_table_date("soon")
    (datetime.date(2024, 3, 1), datetime.date(2024, 1, 3), None)
    """
    text = text.strip()
    m = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})", text)
    try:
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        m = _NUMERIC_DATE.match(text)
        if m:
            first, second, year = int(m[1]), int(m[2]), int(m[3])
            return dt.date(year, second, first) if order == "dmy" else dt.date(year, first, second)
    except ValueError:
        return None
    for fmt in ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%Y/%m/%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def date_evidence(values, counts, today: dt.date) -> Counter:
    """What a column's numeric dates say about their order, row counts per kind of value:
    "dmy"/"mdy" (only that reading is a date), and for the others "future_dmy"/"future_mdy"
    (that reading is after ``today``)."""
    out: Counter = Counter()
    for text, n in zip(values, counts):
        m = _NUMERIC_DATE.match(text.strip()) if isinstance(text, str) else None
        if not m:
            continue
        readings = {order: parse_table_date(text, order) for order in DATE_ORDERS}
        possible = [order for order, d in readings.items() if d is not None]
        if len(possible) == 1:
            out[possible[0]] += int(n)
        elif len(possible) == 2 and readings["dmy"] != readings["mdy"]:
            for order, d in readings.items():
                if d > today:
                    out[f"future_{order}"] += int(n)
    return out


def date_order(evidence: Counter) -> str:
    """A column's numeric date order from its :func:`date_evidence`: the order its unambiguous dates
    follow (most of them); when none is unambiguous, the order that puts fewer dates in the future;
    day first when nothing tells.

    >>> date_order(Counter(mdy=3, dmy=1)), date_order(Counter(future_dmy=2)), date_order(Counter())
    ('mdy', 'mdy', 'dmy')
    """
    if evidence["dmy"] != evidence["mdy"]:
        return "dmy" if evidence["dmy"] > evidence["mdy"] else "mdy"
    return "mdy" if evidence["future_dmy"] > evidence["future_mdy"] else "dmy"


def _dates(frame: pd.DataFrame, names: tuple[str, ...], today: dt.date, order: str | None):
    """(dates as datetime64, text or None, reasons): typed columns as they are; text parsed once per
    distinct value, numeric dates in the column's order (``order``, or decided from the column)."""
    if all(pd.api.types.is_datetime64_any_dtype(frame[n]) for n in names):
        dates = frame[names[0]]
        for name in names[1:]:
            dates = dates.fillna(frame[name])
        return dates.dt.normalize().astype("datetime64[s]").reset_index(drop=True), None, {}
    text = first_text(frame, names)
    if order is None:
        order = date_order(date_evidence(text.values, np.bincount(text.codes[text.codes >= 0],
                                                                  minlength=len(text.values)), today))
    parsed, why = [], {}
    other = "mdy" if order == "dmy" else "dmy"
    for k, value in enumerate(text.values):
        d = parse_table_date(value, order)
        if d is None and _NUMERIC_DATE.match(value) and parse_table_date(value, other) is not None:
            why[k] = (f"date {quoted(value)} is {'day' if other == 'dmy' else 'month'} first, but the column's "
                      f"other dates are {'day' if order == 'dmy' else 'month'} first")
        parsed.append(np.datetime64(d, "s") if d else np.datetime64("NaT", "s"))
    stamps = np.array(parsed + [np.datetime64("NaT", "s")], dtype="datetime64[s]")
    return pd.Series(stamps[text.codes]), text, why


class _Rows:
    """The columns of one table, read once for every check."""

    def __init__(self, table: RawTable, columns: ColumnMap, gazetteer):
        self.table, self.columns, self.gazetteer = table, columns, gazetteer
        self.frame = table.frame
        self.n = len(self.frame)
        self._texts: dict[str, Coded] = {}
        self.repeats = 0  # rows dropped as repeats of earlier rows (the same id and content)

    def text(self, role: str) -> Coded:
        found = self._texts.get(role)
        if found is None:
            found = self._texts[role] = first_text(self.frame, self.columns.roles.get(role, ()))
        return found

    # -- checks -----------------------------------------------------------------------------------------
    def check(self, today: dt.date, order: str | None = None) -> np.ndarray:
        """The reason each row cannot be used ('' when it can); the first failing check names it."""
        roles = self.columns.roles
        reason = np.full(self.n, "", dtype=object)
        ok = np.ones(self.n, dtype=bool)

        def fail(mask, why) -> None:
            rows = np.flatnonzero(np.asarray(mask) & ok)
            if len(rows):
                reason[rows] = why(rows) if callable(why) else why
                ok[rows] = False

        self._check_dates(fail, today, order)
        self.lat, lat_here, lat_shown = _numbers(self.frame, roles["latitude"], decimal_comma=True)
        self.lon, lon_here, lon_shown = _numbers(self.frame, roles["longitude"], decimal_comma=True)
        self.has_point = lat_here & lon_here
        # (0, 0) is where a missing position lands when a tool writes it as zeros: no position at all.
        self.null_island = self.has_point & (self.lat == 0) & (self.lon == 0)
        self.has_point &= ~self.null_island
        for what, values, shown, limit in (("latitude", self.lat, lat_shown, 90),
                                           ("longitude", self.lon, lon_shown, 180)):
            fail(self.has_point & np.isnan(values),
                 lambda r, s=shown, w=what: [f"{w} {quoted(t)} is not a number" for t in s(r)])
            fail(self.has_point & ~(np.abs(values) <= limit),
                 lambda r, s=shown, w=what: [f"{w} {quoted(t)} is out of range" for t in s(r)])
        self._place(ok, fail)
        deaths, deaths_here, deaths_shown = _numbers(self.frame, roles["fatalities"])
        fail(deaths_here & np.isnan(deaths),
             lambda r: [f"fatalities {quoted(t)} is not a number" for t in deaths_shown(r)])
        deaths = np.where(deaths_here, deaths, 0.0)
        fail(~((deaths >= 0) & (deaths <= MAX_FATALITIES) & (deaths == np.floor(deaths))),
             lambda r: [f"fatalities {quoted(t)} is not a plausible count" for t in deaths_shown(r)])
        self.fatalities = np.nan_to_num(deaths, nan=0.0).clip(0, MAX_FATALITIES).astype(np.int64)
        future = (self.dates > pd.Timestamp(today + dt.timedelta(days=1))).to_numpy(dtype=bool)
        fail(future, lambda r: [f"date {d:%Y-%m-%d} is in the future" for d in self.dates.iloc[r]])
        return reason

    def _check_dates(self, fail, today: dt.date, order: str | None) -> None:
        """Read the date columns: rows without a readable date fail, and so do placeholder dates (year 1)."""
        roles = self.columns.roles
        if roles["date"]:
            self.dates, date_text, why = _dates(self.frame, roles["date"], today, order)
        else:
            self.dates, date_text, why = pd.Series(pd.NaT, index=range(self.n), dtype="datetime64[s]"), None, {}
        if not roles["date"]:
            fail(np.ones(self.n, dtype=bool), NO_DATE)
        elif date_text is None:
            fail(self.dates.isna().to_numpy(), NO_DATE)
        else:
            fail(date_text.empty, NO_DATE)
            fail(self.dates.isna().to_numpy(), lambda r: [why.get(c, f"unreadable date {quoted(t)}") for c, t in
                                                          zip(date_text.codes[r], date_text.strings(r))])
        early = self.dates.to_numpy(dtype="datetime64[s]") < np.datetime64(f"{EARLIEST_YEAR}-01-01", "s")
        fail(early, lambda r: [f"date {d.year:04d}-{d.month:02d}-{d.day:02d} is before {EARLIEST_YEAR}: a "
                               "placeholder, not an event's date" for d in self.dates.iloc[r]])

    def _place(self, ok: np.ndarray, fail) -> None:
        """Country, governorate hint, precision; rows without a point are geocoded from their place name."""
        self.country = self._country_codes()
        self.admin1_hint = self._admin1_codes(self.country)
        self.place = self.text("place")
        self.geo_precision = self._geo_precision()
        todo = ~self.has_point & ok
        if not todo.any():
            return
        named = todo & (~self.place.empty | ~self.admin1_hint.empty)
        fail(todo & ~named & self.null_island, "coordinates (0, 0) are no position, and no place name is given")
        fail(todo & ~named, "no coordinates and no place name")
        if not named.any():
            return
        from gazetteer import geocode
        from gazetteer.normalize import name_key

        rows = np.flatnonzero(named)
        codes, uniques = pair_codes(self.place.codes[rows], self.country.codes[rows], self.admin1_hint.codes[rows])
        places, countries, hints = (np.append(c.values, "") for c in (self.place, self.country, self.admin1_hint))
        self.gazetteer.prefetch(name_key(places[p]) for p, _, _ in uniques if p >= 0)
        found = []
        for p, c, h in uniques:
            place, cc, hint = places[p], countries[c], hints[h]
            hit = geocode(place, self.gazetteer, cc or None) if place else None
            if hit is None and hint:
                hit = self.gazetteer.admin1_place(hint)
            found.append(hit)
        hits = [found[c] for c in codes]
        missing = np.array([h is None for h in hits])
        fail(_at(rows[missing], self.n), lambda r: [f"no coordinates and place {quoted(p)} not found in the gazetteer"
                                                     for p in self.place.strings(r)])
        ok_rows = rows[~missing]
        placed = [h for h in hits if h is not None]
        self.lat[ok_rows] = [h.lat for h in placed]
        self.lon[ok_rows] = [h.lon for h in placed]
        self.country = self.country.fill(_at_rows(ok_rows, [h.country for h in placed], self.n))
        self.admin1_hint = self.admin1_hint.fill(_at_rows(ok_rows, [h.admin1 or "" for h in placed], self.n))
        self.geo_precision[ok_rows] = np.maximum(self.geo_precision[ok_rows], [h.precision for h in placed])

    def _country_codes(self) -> Coded:
        """ISO 3166-1 alpha-2 per row: the first country column whose value is a known country."""
        out = Coded.empty_of(self.n)
        for name in self.columns.roles["country"]:
            out = out.fill(texts(self.frame[name]).map(lambda v: country_code(v, self.gazetteer)))
        return out

    def _admin1_codes(self, country: Coded) -> Coded:
        names = self.columns.roles["admin1"]
        if not names:
            return Coded.empty_of(self.n)
        text = first_text(self.frame, names)
        codes, uniques = pair_codes(text.codes, country.codes)
        names_, ccs = np.append(text.values, ""), np.append(country.values, "")
        known = [admin1_code(names_[t], ccs[c], self.gazetteer) for t, c in uniques]
        return Coded.from_codes(codes, np.array(known, dtype=object))

    def _geo_precision(self) -> np.ndarray:
        if self.columns.is_ucdp:
            return _coded(self.text("where_prec"), UCDP_WHERE_PREC, 1)
        return _clamped(self.frame, self.columns.roles["geo_precision"], 1, 1, 3)

    # -- the incidents ---------------------------------------------------------------------------------
    def incidents(self, good: np.ndarray) -> tuple[pd.DataFrame, list[Unresolved]]:
        """The usable rows in the output columns: repairs (swapped coordinates, repeated ids) noted."""
        notices: list[Unresolved] = []
        everything = len(good) == self.n
        frame = self.frame.reset_index(drop=True) if everything else self.frame.iloc[good].reset_index(drop=True)
        lines = self.table.lines[good]
        lat, lon = self.lat[good].copy(), self.lon[good].copy()
        country = self.country.take(good)
        if self.table.extra_cells is not None:
            notices += self._notices(good[self.table.extra_cells[good]], "more cells than the header; extra cells "
                                     "ignored")
        if self.null_island[good].any():
            notices += self._notices(good[self.null_island[good]], "coordinates (0, 0) are no position: placed by "
                                     "its place name")
        polys = polygons()
        here = polygon_at(lon, lat)
        swapped = swapped_points(lon, lat, country, here)
        if swapped.any():
            lat[swapped], lon[swapped] = lon[swapped], lat[swapped].copy()
            here[swapped] = polygon_at(lon[swapped], lat[swapped])
            notices += self._notices(good[swapped], "latitude and longitude were swapped; swapped back")
        ids = self.text("event_id").take(good)
        located = locate(lon, lat, country, here)  # indices into polys.iso, -1 for none
        hint = self.admin1_hint.take(good)
        precise = self.geo_precision[good] <= 2
        located_text = Coded.from_codes(located, polys.iso)
        admin1 = hint.where(~hint.empty & ~(precise & (located >= 0)), located_text)
        country = country.fill(admin1.map(country_of_code))
        out = self._columns(frame, good, ids, lat, lon, country, admin1, lines)
        codes = pd.Series(ids.codes)
        if ((codes >= 0) & codes.duplicated()).any():  # rows without an id are named after their file and line
            out = self._repeated_ids(out, good, notices)
        return out, notices

    def _repeated_ids(self, out: pd.DataFrame, good: np.ndarray, notices: list) -> pd.DataFrame:
        """A row repeating an earlier one (the same id and content: overlapping exports) is counted once; a
        repeated id with other content is kept under a new id. Both are noted."""
        first = repeat_of(out)
        again = np.flatnonzero(first >= 0)
        if len(again):
            lines = out["_line"].to_numpy()
            notices += self._notices(good[again], [f"the same id and content as {self.table.unit} "
                                                   f"{lines[first[i]]}: counted once" for i in again[:NOTICES]],
                                     "the same id and content as an earlier row: counted once")
            self.repeats = len(again)
            keep = first < 0
            out, good = out[keep].reset_index(drop=True), good[keep]
        ids = Coded.of_series(out["event_id_cnty"])
        out["event_id_cnty"] = self._unique_ids(ids, good, out["_line"].to_numpy(), notices).strings()
        return out

    def _unique_ids(self, ids: Coded, good: np.ndarray, lines: np.ndarray, notices: list) -> Coded:
        codes = pd.Series(ids.codes)
        repeated = np.flatnonzero((codes.duplicated(keep="first") & (codes >= 0)).to_numpy())
        if not len(repeated):
            return ids
        first_line = pd.Series(lines).groupby(ids.codes).transform("first").to_numpy()
        strings = ids.strings()
        new = [f"{strings[i]}-{lines[i]}" for i in repeated]
        notices += self._notices(good[repeated], [
            f"duplicate id {quoted(strings[i])} (first on {self.table.unit} {first_line[i]}); kept as {quoted(n)}"
            for i, n in zip(repeated[:NOTICES], new)], "a duplicate id: kept under a new id")
        strings[repeated] = new
        return Coded.of(strings)

    def _columns(self, frame, good, ids: Coded, lat, lon, country: Coded, admin1: Coded, lines) -> pd.DataFrame:
        """ACLED's columns (the table's own values where it has them), geomap's codes, the other columns."""
        roles, n = self.columns.roles, len(good)
        own = {c.lower(): c for c in frame.columns}
        names = self.gazetteer.admin1_names
        out = {"event_id_cnty": ids.strings(),
               "event_date": self.dates.iloc[good].to_numpy(),
               "time_precision": (_coded(self.text("date_prec"), UCDP_DATE_PREC, 1) if self.columns.is_ucdp else
                                  _clamped(self.frame, roles["time_precision"], 1, 1, 3))[good]}
        event_type, sub_type = self._event_types(good)
        out["event_type"], out["sub_event_type"] = event_type, sub_type.categorical()
        out["actor1"] = self.text("actor1").take(good).categorical()
        out["actor2"] = self.text("actor2").take(good).categorical()
        out["country"] = _names(frame, own.get("country"), country, country_names()).categorical()
        out["admin1"] = _names(frame, own.get("admin1"), admin1, names).categorical()
        hinted = self.admin1_hint.take(good).map(names)
        out["location"] = self.place.take(good).fill(hinted).categorical()
        out["latitude"], out["longitude"] = lat, lon
        out["geo_precision"] = self.geo_precision[good]
        source = self.text("source").take(good)
        out["source"] = source.fill(Coded.repeat("UCDP GED" if self.columns.is_ucdp else self.table.source,
                                                 n)).categorical()
        notes = self.text("notes").take(good)
        out["notes"] = notes.strings() if len(notes.values) > n // 2 else notes.categorical()
        out["fatalities"] = self.fatalities[good]
        for name in _AS_WRITTEN:  # ACLED's own text columns keep their cells exactly as written
            if name in own and (not roles.get(name) or roles[name][0] == own[name]):
                out[name] = _as_written(frame[own[name]], out[name])
        out["country_code"], out["admin1_code"] = country.categorical(), admin1.categorical()
        result = pd.DataFrame(out)
        result["event_date"] = result["event_date"].astype("datetime64[s]")
        result["_source"] = pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), [self.table.source])
        result["_line"] = lines
        taken = set(out)
        for column in frame.columns:  # the table's own columns: ACLED's stay as written, others kept after ours
            key = column.lower()
            if key in taken or column in taken:
                continue
            result[_ACLED_LOWER.get(key, column)] = frame[column].array
            taken.add(key)
        return result

    def _event_types(self, good: np.ndarray) -> tuple[pd.Categorical, Coded]:
        if self.columns.is_ucdp:
            codes = self.text("type_of_violence").take(good).map(lambda c: c.split(".")[0])
            kinds = np.append(codes.values, "")[codes.codes]
            pairs = [UCDP_VIOLENCE.get(c, ("Battles", "Armed clash")) for c in kinds]
            return (pd.Categorical([p[0] for p in pairs]), Coded.of([p[1] for p in pairs]))
        known = {t.lower(): t for t in EVENT_TYPES}
        text = self.text("event_type").take(good).map(lambda u: known.get(u.lower(), u))
        return text.fill(Coded.repeat("Unknown", len(good))).categorical(), self.text("sub_event_type").take(good)

    def _notice(self, i: int, reason: str) -> Unresolved:
        return self._notices(np.array([i]), reason)[0]

    def _notices(self, rows: np.ndarray, reason: str | list[str], rest: str = "") -> list[Unresolved]:
        """Notes on some rows (one reason for all, or one each): the first :data:`NOTICES` with their line,
        then one note for the rest (``rest``: what they have in common, by default the one reason)."""
        reasons = [reason] * min(len(rows), NOTICES) if isinstance(reason, str) else reason
        shown_rows = rows[:NOTICES]
        out = [Unresolved(self.table.source, f"{self.table.unit} {self.table.lines[i]}", why, t)
               for i, why, t in zip(shown_rows, reasons, self.row_texts(shown_rows))]
        if len(rows) > NOTICES:
            out.append(Unresolved(self.table.source, f"{len(rows) - NOTICES:,} more rows",
                                  rest or (reason if isinstance(reason, str) else "as above")))
        return out

    def row_texts(self, rows: np.ndarray) -> list[str]:
        """The first cells of some rows ("event_date=..., latitude=..."), for the unresolved list."""
        if not len(rows):
            return []
        part = self.frame.iloc[np.asarray(rows), :6]
        cells = [(name, part[name].tolist()) for name in part.columns]
        return [", ".join(f"{k}={_shown(values[j])}" for k, values in cells)[:300] for j in range(len(part))]


def _as_written(raw: pd.Series, derived):
    """The table's own cells as written, and ``derived`` where they are empty."""
    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    blank_value = np.array([u == "" for u in uniques] + [True])
    blank = blank_value[codes]
    if not blank.any():
        return raw.array
    values = np.asarray(raw.astype(object), dtype=object)
    fallback = np.asarray(derived, dtype=object)
    return np.where(blank, fallback, values)


def _shown(value) -> str:
    if value is None or value is pd.NaT or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, float):
        return _number_text(value)
    if isinstance(value, (pd.Timestamp, dt.date)):
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    return str(value)


def _at(rows: np.ndarray, n: int) -> np.ndarray:
    mask = np.zeros(n, dtype=bool)
    mask[rows] = True
    return mask


def _at_rows(rows: np.ndarray, values: list[str], n: int) -> Coded:
    """A column empty but for ``values`` at ``rows``."""
    strings = np.full(n, "", dtype=object)
    strings[rows] = values
    return Coded.of(strings)


def _coded(text: Coded, table: dict[str, int], default: int) -> np.ndarray:
    per_value = np.array([table.get(v.split(".")[0], default) for v in text.values] + [default], dtype=np.int64)
    return per_value[text.codes]


def _clamped(frame: pd.DataFrame, names: tuple[str, ...], default: int, low: int, high: int) -> np.ndarray:
    values, present, _ = _numbers(frame, names)
    values = np.where(present & ~np.isnan(values), np.trunc(np.nan_to_num(values)), default)
    return np.clip(values, low, high).astype(np.int64)


_ACLED_LOWER = {c.lower(): c for c in OUTPUT_COLUMNS}
_AS_WRITTEN = ("sub_event_type", "actor1", "actor2", "location", "source", "notes")
_CODE = re.compile(r"[A-Z]{2}(?:-[A-Z0-9]{1,3})?")


def _names(frame: pd.DataFrame, column: str | None, codes: Coded, names: dict[str, str]) -> Coded:
    """The table's own name column where it holds a name; else the name of the code."""
    from_code = codes.map(names)
    if column is None:
        return from_code
    own = texts(frame[column])
    return own.map(lambda v: "" if _CODE.fullmatch(v) else v).fill(from_code)


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
