"""The incident frame: one row per incident, in ACLED's columns and geomap's, for every later stage.

Table rows arrive as frames already (:mod:`geomap.rows`); incidents found in text are
turned into the same columns here. Aggregation, the map and the written tables all
read this frame, so a million table rows never become a million Python objects.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from geomap.acled import ACLED_COLUMNS, GEOMAP_COLUMNS, disorder_type, inter_code, interaction
from geomap.boundaries import country_names
from geomap.models import Incident

NUMERIC = {"year": "Int64", "time_precision": "Int64", "geo_precision": "Int64", "fatalities": "Int64",
           "sentence_start": "Int64", "sentence_end": "Int64", "place_start": "Int64", "place_end": "Int64"}


def incidents_frame(incidents: Sequence[Incident], admin1_names: dict[str, str] | None = None) -> pd.DataFrame:
    """Incidents found in text, as an incident frame (ACLED's names beside geomap's codes)."""
    names = admin1_names or {}
    countries = country_names()
    if not incidents:
        return empty_frame()
    inter1 = [inter_code(i.actor1) for i in incidents]
    inter2 = [inter_code(i.actor2) for i in incidents]
    frame = pd.DataFrame({
        "event_id_cnty": [i.event_id for i in incidents],
        "event_date": pd.to_datetime([i.event_date for i in incidents]).astype("datetime64[s]"),
        "time_precision": np.array([i.time_precision for i in incidents], dtype=np.int64),
        "disorder_type": [disorder_type(i.event_type) for i in incidents],
        "event_type": [i.event_type for i in incidents],
        "sub_event_type": [i.sub_event_type for i in incidents],
        "actor1": [i.actor1 for i in incidents],
        "inter1": inter1,
        "actor2": [i.actor2 for i in incidents],
        "inter2": inter2,
        "interaction": [interaction(a, b) for a, b in zip(inter1, inter2)],
        "country": [countries.get(i.country, i.country) for i in incidents],
        "admin1": [i.admin1_name or names.get(i.admin1 or "", "") for i in incidents],
        "admin2": [getattr(i, "admin2", None) or "" for i in incidents],
        "location": [i.location for i in incidents],
        "latitude": np.array([i.latitude for i in incidents], dtype=float),
        "longitude": np.array([i.longitude for i in incidents], dtype=float),
        "geo_precision": np.array([i.geo_precision for i in incidents], dtype=np.int64),
        "source": [i.source for i in incidents],
        "notes": [i.notes for i in incidents],
        "fatalities": np.array([i.fatalities for i in incidents], dtype=np.int64),
        "country_code": [i.country or "" for i in incidents],
        "admin1_code": [i.admin1 or "" for i in incidents],
        "article_title": [i.article_title for i in incidents],
        "sentence_start": pd.array([i.sentence_start for i in incidents], dtype="Int64"),
        "sentence_end": pd.array([i.sentence_end for i in incidents], dtype="Int64"),
        "place_start": pd.array([i.place_start for i in incidents], dtype="Int64"),
        "place_end": pd.array([i.place_end for i in incidents], dtype="Int64"),
        "sources": [list(i.sources) for i in incidents],
    })
    return frame


def as_frame(incidents, admin1_names: dict[str, str] | None = None) -> pd.DataFrame:
    """An incident frame as it is; incidents from text (a sequence of :class:`Incident`) turned into one."""
    if isinstance(incidents, pd.DataFrame):
        return incidents
    return incidents_frame(list(incidents), admin1_names)


def empty_frame() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype=object) for c in ACLED_COLUMNS + GEOMAP_COLUMNS})
    frame["event_date"] = pd.Series(dtype="datetime64[s]")
    for column in ("latitude", "longitude"):
        frame[column] = pd.Series(dtype=float)
    for column in ("fatalities", "geo_precision", "time_precision"):
        frame[column] = pd.Series(dtype=np.int64)
    return frame


def combine(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Frames of several inputs as one (columns of each kept; absent cells empty)."""
    frames = [f for f in frames if len(f)]
    if not frames:
        return empty_frame()
    if len(frames) == 1:
        return frames[0]
    out = pd.concat(frames, ignore_index=True, sort=False)
    if "_source" in out:
        out["_source"] = out["_source"].astype("category")
    return out


def sources_of(frame: pd.DataFrame) -> pd.Series:
    """Where each incident was read: a list of "file:line" (table rows) or "file:start-end" (text)."""
    listed = frame["sources"] if "sources" in frame else pd.Series([None] * len(frame), index=frame.index)
    if "_source" not in frame:
        return listed.map(lambda v: list(v) if isinstance(v, (list, tuple)) else [])
    has_line = frame["_line"].notna().to_numpy()
    rows = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    if has_line.any():
        where = frame.loc[has_line]
        rows[has_line] = (where["_source"].astype(str) + ":" + where["_line"].astype("Int64").astype(str)).map(
            lambda s: [s]).to_numpy()
    return rows.where(has_line, listed.map(lambda v: list(v) if isinstance(v, (list, tuple)) else []))


def output_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as written: ACLED's 31 columns in order, geomap's columns, then the tables' other columns."""
    out = frame.copy() if len(frame.columns) else empty_frame()
    n = len(out)
    dates = out["event_date"]
    if "year" not in out:
        out["year"] = dates.dt.year.astype("Int64")
    else:
        out["year"] = out["year"].where(out["year"].notna() & (out["year"].astype(str) != ""), dates.dt.year)
    derived = out["event_type"].map(disorder_type)
    if "disorder_type" not in out:
        out["disorder_type"] = derived
    else:
        out["disorder_type"] = out["disorder_type"].where(out["disorder_type"].notna(), derived)
    out["sources"] = sources_of(out)
    if "_line" in out:  # table rows without an id of their own: "file:line"
        from geomap.rows import short_name

        unnamed = (out["event_id_cnty"].isna() | (out["event_id_cnty"] == "")) & out["_line"].notna()
        if unnamed.any():
            rows = out.loc[unnamed]
            out.loc[unnamed, "event_id_cnty"] = rows["_source"].astype(str).map(short_name) + ":" + rows[
                "_line"].astype("Int64").astype(str)
    for column in ACLED_COLUMNS + GEOMAP_COLUMNS:
        if column not in out:
            out[column] = pd.array([pd.NA] * n, dtype=NUMERIC[column]) if column in NUMERIC else ""
    for column in ACLED_COLUMNS + GEOMAP_COLUMNS:
        textual = out[column].dtype == object or pd.api.types.is_string_dtype(out[column])
        if textual and column not in NUMERIC and column not in ("event_date", "sources"):
            out[column] = out[column].fillna("")
    out["event_date"] = dates.dt.strftime("%Y-%m-%d")
    others = [c for c in out.columns if c not in ACLED_COLUMNS + GEOMAP_COLUMNS and not str(c).startswith("_")]
    return out[ACLED_COLUMNS + GEOMAP_COLUMNS + others].reset_index(drop=True)
