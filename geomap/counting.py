"""Counts of incidents and fatalities per governorate (admin-1) and period."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from geomap.boundaries import admin1_names, country_names, country_of_code, locate, polygons
from geomap.coded import Coded
from geomap.errors import OptionError

PERIODS = ("day", "week", "month", "year")
COLUMNS = ["country", "admin1", "admin1_name", "period", "events", "fatalities"]
ADMIN2_COLUMNS = ["country", "admin1", "admin1_name", "admin2", "period", "events", "fatalities"]


def period_label(date: dt.date, period: str) -> str:
    """ "2025-03-07" (day), "2025-W10" (ISO week), "2025-03" (month), "2025" (year)."""
    if period == "day":
        return date.isoformat()
    if period == "week":
        year, week, _ = date.isocalendar()
        return f"{year}-W{week:02d}"
    if period == "month":
        return f"{date.year}-{date.month:02d}"
    if period == "year":
        return str(date.year)
    raise OptionError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")


def period_labels(dates: pd.Series, period: str) -> pd.Series:
    """Vectorised :func:`period_label` for a datetime64 series."""
    if period == "day":
        return dates.dt.strftime("%Y-%m-%d")
    if period == "week":
        iso = dates.dt.isocalendar()
        return iso["year"].astype(str) + "-W" + iso["week"].astype(int).map("{:02d}".format)
    if period == "month":
        return dates.dt.strftime("%Y-%m")
    if period == "year":
        return dates.dt.strftime("%Y")
    raise OptionError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")


BY = ("admin1", "admin2")


def counting_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The columns counted, from an incident frame: codes, date, point, deaths, district."""
    n = len(frame)
    admin1 = _text_column(frame, "admin1_code", n)
    country = _text_column(frame, "country_code", n)
    location = _text_column(frame, "location", n)
    # Placed only to a country (its centre is no governorate's): counted on the country's own row.
    names = country.map(country_names())
    country_only = admin1.empty & ~country.empty & ~location.empty & (location.strings() == names.strings())
    return pd.DataFrame({
        "event_date": pd.to_datetime(frame["event_date"]).to_numpy(),
        "latitude": frame["latitude"].to_numpy(dtype=float),
        "longitude": frame["longitude"].to_numpy(dtype=float),
        "country": country.categorical(),
        "admin1": admin1.categorical(),
        "admin2": _text_column(frame, "admin2", n).categorical(),
        "country_only": country_only,
        "fatalities": pd.to_numeric(frame["fatalities"], errors="coerce").fillna(0).to_numpy(dtype=np.int64),
    })


def _text_column(frame: pd.DataFrame, name: str, n: int) -> Coded:
    if name not in frame:
        return Coded.empty_of(n)
    return Coded.of_series(frame[name])


def aggregate(incidents, period: str = "month", by: str = "admin1",
              names: dict[str, str] | None = None) -> pd.DataFrame:
    """Events and fatalities per governorate (or district) and period, sorted by period then code.

    Parameters
    ----------
    incidents : pandas.DataFrame or sequence of Incident
        An incident frame (as :func:`geomap.read_incidents` returns) or incidents from text.
    period : {"day", "week", "month", "year"}
        Weeks are ISO weeks ("2025-W03").
    by : {"admin1", "admin2"}
        Count per governorate, or per district (the table's admin2, or the gazetteer's
        district of a place named in text).
    names : dict, optional
        ISO 3166-2 code -> governorate name; defaults to the names of the boundary polygons.

    Incidents already placed in a governorate keep it; the others (bare coordinates) are
    placed by a point-in-polygon join (:func:`geomap.boundaries.locate_admin1`).
    """
    if by not in BY:
        raise OptionError(f"--by must be one of {', '.join(BY)}, not {by!r}")
    period_label(dt.date(2000, 1, 1), period)  # validates the period
    if not isinstance(incidents, pd.DataFrame):
        from geomap.frame import incidents_frame

        incidents = incidents_frame(list(incidents))
    columns = COLUMNS if by == "admin1" else ADMIN2_COLUMNS
    if not len(incidents):
        return pd.DataFrame(columns=columns)
    if names is None:
        names = admin1_names()
    return aggregate_frame(counting_frame(incidents), period, names, by)


def aggregate_frame(frame: pd.DataFrame, period: str = "month", names: dict[str, str] | None = None,
                    by: str = "admin1") -> pd.DataFrame:
    """:func:`aggregate` on a table with columns event_date, latitude, longitude, fatalities (and admin1, country)."""
    n = len(frame)
    admin1 = _text_column(frame, "admin1", n)
    missing = admin1.empty
    if "country_only" in frame:
        missing = missing & ~frame["country_only"].to_numpy(dtype=bool)
    if missing.any():
        rows = np.flatnonzero(missing)
        polys = polygons()
        found = locate(frame["longitude"].to_numpy(dtype=float)[rows], frame["latitude"].to_numpy(dtype=float)[rows])
        located = np.full(n, -1, dtype=np.int64)
        located[rows] = found
        admin1 = admin1.fill(Coded.from_codes(located, polys.iso))
    country = _text_column(frame, "country", n).fill(admin1.map(country_of_code))
    admin2 = _text_column(frame, "admin2", n) if by == "admin2" else None
    return summarise(frame, period, names or {}, by, country=country, admin1=admin1, admin2=admin2)


def _period_keys(dates: pd.Series, period: str) -> np.ndarray:
    """An integer per row that orders and groups like the period label, computed without strings."""
    if period == "day":
        return dates.to_numpy(dtype="datetime64[D]").astype(np.int64)
    if period == "week":
        iso = dates.dt.isocalendar()
        return iso["year"].to_numpy(dtype=np.int64) * 100 + iso["week"].to_numpy(dtype=np.int64)
    if period == "month":
        return dates.dt.year.to_numpy(dtype=np.int64) * 100 + dates.dt.month.to_numpy(dtype=np.int64)
    return dates.dt.year.to_numpy(dtype=np.int64)


def _key_label(key: int, period: str) -> str:
    if period == "day":
        return str(np.datetime64(int(key), "D"))
    if period == "week":
        return f"{key // 100}-W{key % 100:02d}"
    if period == "month":
        return f"{key // 100}-{key % 100:02d}"
    return str(key)


def summarise(frame: pd.DataFrame, period: str, names: dict[str, str], by: str = "admin1", *,
              country: Coded | None = None, admin1: Coded | None = None, admin2: Coded | None = None) -> pd.DataFrame:
    """Counts per (country, admin-1[, admin-2], period), by integer codes and bincount, not string groupby."""
    n = len(frame)
    admin1 = admin1 if admin1 is not None else _text_column(frame, "admin1", n)
    if country is None:
        country = _text_column(frame, "country", n).fill(admin1.map(country_of_code))
    parts = [country, admin1] + ([admin2 if admin2 is not None else _text_column(frame, "admin2", n)]
                                 if by == "admin2" else [])
    key = np.zeros(n, dtype=np.int64)
    for part in parts:
        key = key * (len(part.values) + 1) + (part.codes + 1)
    area_codes, area_keys = pd.factorize(key)
    period_codes, periods = pd.factorize(_period_keys(frame["event_date"], period))
    cell = area_codes.astype(np.int64) * len(periods) + period_codes
    events = np.bincount(cell, minlength=len(area_keys) * len(periods))
    deaths = np.bincount(cell, weights=frame["fatalities"].to_numpy(dtype=np.float64),
                         minlength=len(area_keys) * len(periods))
    nonzero = np.flatnonzero(events)
    a, p = np.divmod(nonzero, len(periods))
    labels = []  # the text of each part of each area key, last part first
    rest = np.asarray(area_keys, dtype=np.int64)[a]
    for part in reversed(parts):
        rest, code = np.divmod(rest, len(part.values) + 1)
        labels.append(np.append([None], part.values.astype(object))[code])
    labels.reverse()
    out = pd.DataFrame({
        "country": labels[0],
        "admin1": labels[1],
        "period": [_key_label(int(k), period) for k in periods[p]],
        "events": events[nonzero].astype(np.int64),
        "fatalities": deaths[nonzero].round().astype(np.int64),
        "_key": periods[p],
    })
    out["admin1_name"] = out["admin1"].map(lambda code: names.get(code, "") if code else "")
    columns = COLUMNS
    if by == "admin2":
        out["admin2"] = labels[2]
        columns = ADMIN2_COLUMNS
    out = out.sort_values(["_key", "country", "admin1"] + (["admin2"] if by == "admin2" else []),
                          na_position="last")
    return out[columns].reset_index(drop=True)
