"""geomap from Python: incidents in and out as GeoDataFrames, maps as folium Maps.

Keyword names are the command line's long options (``reference_date`` for
``--reference-date``, ``window`` for ``--window``, ``date`` for ``--date``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from geomap.errors import InputError, OptionError

if TYPE_CHECKING:
    import folium
    import geopandas

    from gazetteer import Gazetteer
    from geomap.pipeline import Collected

Source = str | Path | pd.DataFrame | Sequence[Any]


def read_incidents(source: Source, *, reference_date: str | dt.date | None = None,
                   gazetteer: Gazetteer | None = None) -> geopandas.GeoDataFrame:
    """Incidents from files, folders, texts or tables, one row per incident.

    Parameters
    ----------
    source : str, Path, DataFrame, GeoDataFrame or a list of them
        A path (file or folder) is one input, never iterated. A str that names no file and
        contains a space or a line break is read as the text of a report. A DataFrame (or
        GeoDataFrame) with ACLED, UCDP GED or plain lat/lon/date columns is read as a table.
    reference_date : str or datetime.date, optional
        The date of articles that carry none (``--reference-date``).
    gazetteer : Gazetteer, optional
        The place index to resolve with (loaded once by default).

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326 points, in ACLED's 31 columns (ACLED's spelling and order, names such
        as "Syria" and "Idlib"), then geomap's (``country_code``, ``admin1_code``,
        ``sources`` ...), then any other column of the input tables; ``event_date`` is a
        datetime. Rows that could not be used are in ``.attrs["unresolved"]``.

    Examples
    --------
    >>> import geomap
    >>> frame = geomap.read_incidents("examples/reports")       # doctest: +SKIP
    >>> frame.groupby("admin1")["fatalities"].sum()              # doctest: +SKIP
    """
    import geopandas as gpd

    from geomap.frame import output_frame

    collected = collect_source(source, reference_date=reference_date, gazetteer=gazetteer)
    frame = output_frame(collected.frame)
    frame["event_date"] = pd.to_datetime(frame["event_date"])
    out = gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["longitude"], frame["latitude"]), crs=4326)
    out.attrs["unresolved"] = [u.to_record() for u in collected.unresolved]
    return out


def map_incidents(source: Source, *, title: str = "Incidents", subtitle: str | None = None,
                  window: int = 0, date: str | dt.date | None = None, tiles: str | None = None,
                  tiles_attribution: str | None = None, reference_date: str | dt.date | None = None,
                  gazetteer: Gazetteer | None = None) -> folium.Map:
    """A self-contained, offline map of incidents with a time slider (what ``geomap map`` writes).

    Parameters
    ----------
    source : str, Path, DataFrame, GeoDataFrame or a list
        As for :func:`read_incidents`; also a frame :func:`read_incidents` returned, or a
        list of :class:`geomap.Incident`.
    title, subtitle : str
        The heading; the subtitle defaults to the date range, count and sources.
    window : int
        Days shown at once on the slider (``--window``); 0 is cumulative.
    date : str or datetime.date, optional
        Where the slider starts (``--date``); by default the end.
    tiles, tiles_attribution : str, optional
        An online tile layer and its credit line (``--tiles``); the default map needs no network.

    Returns
    -------
    folium.Map
        Save it with ``.save("map.html")``; in a notebook it shows itself. The data credits
        and sources subtitle are those the command line puts on its maps.

    Examples
    --------
    >>> fmap = geomap.map_incidents(acled[acled["country"] == "Syria"], window=30)   # doctest: +SKIP
    >>> fmap.save("output/syria.html")                                              # doctest: +SKIP
    """
    from geomap.pipeline import credits
    from geomap.render import build_map, check_tiles

    if window < 0:
        raise OptionError(f"window must be 0 or more days, not {window!r}")
    check_tiles(tiles, tiles_attribution)
    start = _date(date, "date")
    collected = collect_source(source, reference_date=reference_date, gazetteer=gazetteer)
    attribution, sources = credits(collected)
    return build_map(collected.frame, title=title, subtitle=subtitle, sources=sources, attribution=attribution,
                     tiles=tiles, tiles_attribution=tiles_attribution, window_days=window, start=start,
                     admin_names=collected.admin1_names)


def collect_source(source: Source, *, reference_date=None, gazetteer=None) -> Collected:
    """Everything read from ``source`` (see :func:`read_incidents`), with the accounting."""
    from gazetteer import Gazetteer
    from geomap.frame import incidents_frame
    from geomap.models import Incident
    from geomap.pipeline import Collected, collect, districts_of

    gazetteer = gazetteer or Gazetteer.load()
    reference = _date(reference_date, "reference_date")
    items = [source] if isinstance(source, (str, Path, pd.DataFrame)) else list(source)
    if not items:
        raise InputError("nothing to read: the source is empty")
    if all(isinstance(i, Incident) for i in items):
        out = Collected(admin1_names=gazetteer.admin1_names)
        out.tables.append(incidents_frame(items, gazetteer.admin1_names, districts_of(items, gazetteer)))
        return out
    frames = [i for i in items if isinstance(i, pd.DataFrame)]
    texts = [i for i in items if isinstance(i, str) and _is_text(i)]
    paths = [i for i in items if isinstance(i, (str, Path)) and not (isinstance(i, str) and _is_text(i))]
    others = [i for i in items if not isinstance(i, (str, Path, pd.DataFrame))]
    if others:
        raise InputError(f"cannot read a {type(others[0]).__name__}: give paths, texts or DataFrames")
    return collect(paths, gazetteer, reference, tables=[frame_table(f, n) for n, f in enumerate(frames, 1)],
                   texts=texts)


def _is_text(value: str) -> bool:
    return not Path(value).exists() and (len(value) > 255 or any(c in value for c in " \n\t"))


def frame_table(frame: pd.DataFrame, number: int = 1):
    """A DataFrame (or GeoDataFrame) as a table read from a file: rows numbered from 1."""
    from geomap.acled import ACLED_COLUMNS
    from geomap.tables import RawTable, unique_names

    if frame.attrs.get("geomap") == "incidents":  # a frame read_incidents returned: read back as a table
        frame = frame.drop(columns=[c for c in ("sources",) if c in frame])
    frame = pd.DataFrame(frame).copy()
    geometry = [c for c in frame.columns if _is_geometry(frame[c])]
    if geometry:
        import shapely

        geoms = np.asarray(frame.pop(geometry[0]))
        points = shapely.centroid(geoms)
        lower = {str(c).lower() for c in frame.columns}
        if not lower & {"longitude", "lon", "lng", "long", "x"}:
            frame["longitude"] = shapely.get_x(points)
        if not lower & {"latitude", "lat", "y"}:
            frame["latitude"] = shapely.get_y(points)
        for column in geometry[1:]:
            frame.pop(column)
    frame.columns = unique_names([str(c) for c in frame.columns])
    for column in ACLED_COLUMNS:
        if column in frame and pd.api.types.is_datetime64_any_dtype(frame[column]) and column != "event_date":
            frame[column] = frame[column].astype(str)
    frame = frame.reset_index(drop=True)
    return RawTable(f"DataFrame {number}", frame, np.arange(1, len(frame) + 1, dtype=np.int64), unit="row")


def _is_geometry(series: pd.Series) -> bool:
    return getattr(series.dtype, "name", "") == "geometry"


def _date(value, name: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise OptionError(f"{name} must be a date as YYYY-MM-DD, not {value!r}") from None
