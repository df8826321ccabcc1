"""Counts of incidents and fatalities per governorate (admin-1) and period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd

from geomap.boundaries import admin1_frame, country_names, locate_admin1
from geomap.errors import OptionError
from geomap.models import Incident

PERIODS = ("day", "week", "month", "year")
COLUMNS = ["country", "admin1", "admin1_name", "period", "events", "fatalities"]


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


def incidents_frame(incidents: Sequence[Incident]) -> pd.DataFrame:
    countries = country_names()
    return pd.DataFrame(
        {
            "event_date": pd.to_datetime([i.event_date for i in incidents]),
            "latitude": np.array([i.latitude for i in incidents], dtype=float),
            "longitude": np.array([i.longitude for i in incidents], dtype=float),
            "country": [i.country for i in incidents],
            "admin1": [i.admin1 or "" for i in incidents],
            # Placed only to a country (its centre is no governorate's): counted on the country's own row.
            "country_only": np.array([not i.admin1 and bool(i.country) and i.location == countries.get(i.country)
                                      for i in incidents]),
            "fatalities": np.array([i.fatalities for i in incidents], dtype=np.int64),
        }
    )


def aggregate(incidents: Sequence[Incident], period: str = "month", by: str = "admin1",
              names: dict[str, str] | None = None) -> pd.DataFrame:
    """Events and fatalities per admin-1 and period, sorted by period then code.

    Incidents already placed in a governorate by the resolver keep it; the others
    (table rows with bare coordinates) are placed by a point-in-polygon spatial join
    (:func:`geomap.boundaries.locate_admin1`). ``names`` (code -> name) defaults to the
    names on the boundary polygons.
    """
    if by != "admin1":
        raise OptionError(f"--by must be 'admin1', not {by!r}")
    period_label(dt.date(2000, 1, 1), period)  # validates the period
    if not incidents:
        return pd.DataFrame(columns=COLUMNS)
    if names is None:
        frame = admin1_frame()
        names = dict(zip(frame["iso"], frame["name"]))
    return aggregate_frame(incidents_frame(incidents), period, names)


def aggregate_frame(frame: pd.DataFrame, period: str = "month", names: dict[str, str] | None = None) -> pd.DataFrame:
    """:func:`aggregate` on a table with columns event_date, latitude, longitude, fatalities (and admin1, country)."""
    frame = frame.copy()
    for column in ("admin1", "country"):
        if column not in frame:
            frame[column] = ""
        frame[column] = frame[column].fillna("")
    missing = (frame["admin1"] == "").to_numpy()
    if "country_only" in frame:
        missing = missing & ~frame["country_only"].to_numpy(dtype=bool)
    if missing.any():
        frame.loc[missing, "admin1"] = locate_admin1(frame.loc[missing, "longitude"], frame.loc[missing, "latitude"])
    return summarise(frame, period, names or {})


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


def summarise(frame: pd.DataFrame, period: str, names: dict[str, str]) -> pd.DataFrame:
    """Counts per (country, admin-1, period), by integer codes and bincount rather than string groupby."""
    admin1 = frame["admin1"].to_numpy(dtype=object)
    country = frame["country"].to_numpy(dtype=object)
    country = np.where(country != "", country, np.array([a[:2] if a else "" for a in admin1], dtype=object))
    area = np.char.add(np.char.add(country.astype(str), "|"), admin1.astype(str))
    area_codes, areas = pd.factorize(area)
    period_codes, periods = pd.factorize(_period_keys(frame["event_date"], period))
    cell = area_codes.astype(np.int64) * len(periods) + period_codes
    events = np.bincount(cell, minlength=len(areas) * len(periods))
    deaths = np.bincount(cell, weights=frame["fatalities"].to_numpy(dtype=np.float64),
                         minlength=len(areas) * len(periods))
    nonzero = np.flatnonzero(events)
    a, p = np.divmod(nonzero, len(periods))
    split = [str(x).split("|", 1) for x in areas[a]]
    out = pd.DataFrame({
        "country": [c or None for c, _ in split],
        "admin1": [code or None for _, code in split],
        "period": [_key_label(int(k), period) for k in periods[p]],
        "events": events[nonzero].astype(np.int64),
        "fatalities": deaths[nonzero].round().astype(np.int64),
        "_key": periods[p],
    })
    out["admin1_name"] = out["admin1"].map(lambda code: names.get(code, "") if code else "")
    out = out.sort_values(["_key", "country", "admin1"], na_position="last")
    return out[COLUMNS].reset_index(drop=True)
