"""Counts of incidents and fatalities per governorate (admin-1) and period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd

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
    return pd.DataFrame(
        {
            "event_date": pd.to_datetime([i.event_date for i in incidents]),
            "latitude": np.array([i.latitude for i in incidents], dtype=float),
            "longitude": np.array([i.longitude for i in incidents], dtype=float),
            "country": [i.country for i in incidents],
            "admin1": [i.admin1 or "" for i in incidents],
            "fatalities": np.array([i.fatalities for i in incidents], dtype=np.int64),
        }
    )


def join_admin1(frame: pd.DataFrame) -> pd.Series:
    """Admin-1 code of each incident point by a spatial join with the admin-1 polygons."""
    import geopandas as gpd

    from geomap.boundaries import admin1_frame

    points = gpd.GeoDataFrame(frame[[]], geometry=gpd.points_from_xy(frame["longitude"], frame["latitude"]), crs=4326)
    joined = gpd.sjoin(points, admin1_frame()[["iso", "geometry"]], how="left", predicate="intersects")
    joined = joined[~joined.index.duplicated(keep="first")]
    return joined["iso"].reindex(frame.index).fillna("")


def aggregate(incidents: Sequence[Incident], period: str = "month", by: str = "admin1",
              names: dict[str, str] | None = None) -> pd.DataFrame:
    """Events and fatalities per admin-1 and period, sorted by period then code.

    Incidents already placed in a governorate by the resolver keep it; the others
    (table rows with bare coordinates) are placed by a spatial join.
    """
    if by != "admin1":
        raise OptionError(f"--by must be 'admin1', not {by!r}")
    period_label(dt.date(2000, 1, 1), period)  # validates the period
    if not incidents:
        return pd.DataFrame(columns=COLUMNS)
    frame = incidents_frame(incidents)
    missing = frame["admin1"] == ""
    if missing.any():
        frame.loc[missing, "admin1"] = join_admin1(frame[missing]).to_numpy()
    return summarise(frame, period, names or {})


def summarise(frame: pd.DataFrame, period: str, names: dict[str, str]) -> pd.DataFrame:
    frame = frame.assign(period=period_labels(frame["event_date"], period))
    frame["country"] = frame["country"].where(frame["country"] != "", frame["admin1"].str[:2])
    grouped = (
        frame.groupby(["country", "admin1", "period"], sort=True)
        .agg(events=("fatalities", "size"), fatalities=("fatalities", "sum"))
        .reset_index()
    )
    grouped["admin1_name"] = grouped["admin1"].map(names).fillna("")
    grouped["admin1"] = grouped["admin1"].replace("", None)
    return grouped.sort_values(["period", "country", "admin1"], na_position="last")[COLUMNS].reset_index(drop=True)
