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


def incidents_frame(incidents: Sequence[Incident], admin1_names: dict[str, str] | None = None,
                    districts: dict[tuple, str] | None = None) -> pd.DataFrame:
    """Incidents found in text, as an incident frame (ACLED's names beside geomap's codes).

    ``districts``: the admin2 name of each (location, latitude, longitude) the incidents are at
    (:func:`geomap.pipeline.districts_of`, from the gazetteer).
    """
    names = admin1_names or {}
    districts = districts or {}
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
        "admin2": [districts.get((i.location, i.latitude, i.longitude), "") for i in incidents],
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
    listed = listed.map(lambda v: list(v) if isinstance(v, (list, tuple, np.ndarray)) else [])
    if "_source" not in frame:
        return listed
    has_line = frame["_line"].notna().to_numpy()
    if has_line.any():
        rows = _where_read(frame.loc[has_line]).to_numpy(dtype=object)
        listed[has_line] = [[s] for s in rows]
    return listed


def sources_text(frame: pd.DataFrame) -> pd.Series:
    """:func:`sources_of` as one "a|b" cell per incident (for CSV and Parquet), built without lists for
    table rows."""
    listed = frame["sources"] if "sources" in frame else pd.Series([None] * len(frame), index=frame.index)
    has_line = frame["_line"].notna().to_numpy() if "_source" in frame else np.zeros(len(frame), dtype=bool)
    if has_line.all() and len(frame):
        return _where_read(frame)
    text = listed.map(lambda v: "|".join(v) if isinstance(v, (list, tuple, np.ndarray)) else (v or ""))
    if has_line.any():
        text = text.astype(object)
        text[has_line] = _where_read(frame.loc[has_line]).to_numpy(dtype=object)
    return text


def _where_read(rows: pd.DataFrame, short: bool = False) -> pd.Series:
    """ "file:line" of table rows (``short``: the file's name without its table suffix), as Arrow-backed text."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from geomap.rows import short_name

    lines = pc.cast(pa.array(rows["_line"].to_numpy(dtype=np.int64)), pa.string())
    source = rows["_source"]
    if not isinstance(source.dtype, pd.CategoricalDtype):
        source = source.astype("category")
    names = [short_name(str(c)) if short else str(c) for c in source.cat.categories]
    codes = source.cat.codes.to_numpy()
    if len(names) == 1:
        joined = pc.binary_join_element_wise(names[0], lines, ":")
    else:
        prefix = pa.DictionaryArray.from_arrays(pa.array(codes, pa.int32()), pa.array(names, pa.string()))
        joined = pc.binary_join_element_wise(pc.cast(prefix, pa.string()), lines, ":")
    return pd.Series(joined.to_pandas(), index=rows.index)


def output_frame(frame: pd.DataFrame, sources: str = "list") -> pd.DataFrame:
    """The frame as written: ACLED's 31 columns in order, geomap's columns, then the tables' other columns.

    ``sources``: "list" (a list per incident, for JSON) or "text" ("a|b", for CSV and Parquet).
    """
    out = frame.copy(deep=False) if len(frame.columns) else empty_frame()
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
    out["sources"] = sources_of(out) if sources == "list" else sources_text(out)
    if "_line" in out:  # table rows without an id of their own: "file:line"
        ids = out["event_id_cnty"]
        unnamed = (ids.isna() | (ids.astype(object) == "")).to_numpy() & out["_line"].notna().to_numpy()
        if unnamed.any():
            named = _where_read(out.loc[unnamed], short=True)
            if unnamed.all():
                out["event_id_cnty"] = named
            else:
                ids = ids.astype(object).copy()
                ids[unnamed] = named.to_numpy(dtype=object)
                out["event_id_cnty"] = ids
    for column in ACLED_COLUMNS + GEOMAP_COLUMNS:
        if column not in out:
            out[column] = _missing(column, n)
    for column in ACLED_COLUMNS + GEOMAP_COLUMNS:
        if column not in NUMERIC and column not in ("event_date", "sources"):
            out[column] = _filled(out[column])
    out["event_date"] = _day_strings(dates)
    others = [c for c in out.columns if c not in ACLED_COLUMNS + GEOMAP_COLUMNS and not str(c).startswith("_")]
    return out[ACLED_COLUMNS + GEOMAP_COLUMNS + others].reset_index(drop=True)


def _missing(column: str, n: int):
    """An absent column: empty numbers, or '' (one category, not a million strings)."""
    if column in NUMERIC:
        return pd.arrays.IntegerArray(np.zeros(n, dtype=np.int64), np.ones(n, dtype=bool))
    return pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), categories=pd.Index([""], dtype=object))


def _filled(values: pd.Series) -> pd.Series:
    """Text columns with '' for missing cells (categorical columns stay categorical)."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        if not values.isna().any():
            return values
        if "" not in values.cat.categories:
            values = values.cat.add_categories([""])
        return values.fillna("")
    if values.dtype == object or pd.api.types.is_string_dtype(values):
        return values.fillna("") if values.isna().any() else values
    return values


def _day_strings(dates: pd.Series) -> pd.Categorical:
    """ "YYYY-MM-DD" of each date, formatted once per distinct day."""
    days = pd.to_datetime(dates).to_numpy(dtype="datetime64[D]")
    codes, uniques = pd.factorize(days)
    labels = np.datetime_as_string(np.asarray(uniques, dtype="datetime64[D]"), unit="D").astype(object)
    if (codes < 0).any():
        labels = np.append(labels, "")
        codes = np.where(codes < 0, len(labels) - 1, codes)
    labels, inverse = np.unique(labels, return_inverse=True)
    return pd.Categorical.from_codes(inverse[codes], categories=pd.Index(labels, dtype=object))


# What makes two rows the same incident record: its id, and what it says happened where, when, by whom.
CONTENT_COLUMNS = ("event_id_cnty", "event_date", "latitude", "longitude", "event_type", "sub_event_type", "actor1",
                   "actor2", "location", "fatalities", "notes")


def repeat_of(frame: pd.DataFrame) -> np.ndarray:
    """For each row, the position of the earlier row it repeats (the same id and the same content: date, place,
    type, actors, toll, notes), else -1. Rows without an id repeat nothing: two events may read alike.

    >>> rows = pd.DataFrame({"event_id_cnty": ["a", "b", "a", "a", ""], "fatalities": [1, 2, 1, 3, 1],
    ...                      "event_date": pd.to_datetime(["2025-01-01"] * 5)})
    >>> repeat_of(rows).tolist()
    [-1, -1, 0, -1, -1]
    """
    out = np.full(len(frame), -1, dtype=np.int64)
    if "event_id_cnty" not in frame or not len(frame):
        return out
    ids = frame["event_id_cnty"].astype(object)
    named = (ids.notna() & (ids.astype(str) != "")).to_numpy()
    candidates = np.flatnonzero(ids.duplicated(keep=False).to_numpy() & named)
    if not len(candidates):
        return out
    part = frame.iloc[candidates]
    columns = {}
    for name in CONTENT_COLUMNS:
        if name not in part:
            continue
        values = part[name]
        if name == "event_date":
            columns[name] = pd.to_datetime(values).to_numpy(dtype="datetime64[D]").astype(str)
        elif name in ("latitude", "longitude"):
            columns[name] = np.round(pd.to_numeric(values, errors="coerce").to_numpy(dtype=float), 5)
        else:
            columns[name] = values.astype(object).where(values.notna(), "").astype(str).to_numpy()
    keys = pd.util.hash_pandas_object(pd.DataFrame(columns), index=False).to_numpy()
    first = pd.Series(np.arange(len(candidates))).groupby(keys).transform("first").to_numpy()
    repeated = first != np.arange(len(candidates))
    out[candidates[repeated]] = candidates[first[repeated]]
    return out
