"""Admin-1 polygons (Natural Earth, ISO 3166-2 codes corrected) and point-in-polygon lookups."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

GAZETTEER_DATA = Path(__file__).resolve().parent.parent / "gazetteer" / "data"
BOUNDARIES = GAZETTEER_DATA / "admin1.geojson.gz"
# How far outside its country's simplified polygons a point may fall and still take the nearest one
# (coasts, border towns); beyond this the coordinates are wrong, not the borders.
NEAREST_REACH_DEGREES = 0.25


@lru_cache(maxsize=2)
def admin1_frame(path: str | None = None):
    """GeoDataFrame with columns iso, country, name, geometry (EPSG:4326)."""
    import geopandas as gpd

    frame = gpd.read_file(f"/vsigzip/{path or BOUNDARIES}")
    frame = frame[frame["iso"].notna() & ~frame["iso"].fillna("").str.contains("~")]
    return frame.reset_index(drop=True)


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """English country names by ISO 3166-1 alpha-2 code."""
    import csv

    with open(GAZETTEER_DATA / "countries.tsv", encoding="utf-8") as f:
        return {r["iso"]: r["name"] for r in csv.DictReader(f, delimiter="\t")}


def map_distinct(values, func) -> np.ndarray:
    """``func`` (a callable or a dict) applied once per distinct value of ``values``, as an object array.

    >>> map_distinct(["SY-ID", "SY-ID", ""], lambda c: c[:2]).tolist()
    ['SY', 'SY', '']
    """
    codes, uniques = pd.factorize(np.asarray(values, dtype=object), use_na_sentinel=False)
    get = func.get if isinstance(func, dict) else func
    mapped = np.array([get(u) for u in uniques] + [None], dtype=object)
    return mapped[codes]


def country_of_code(code) -> str:
    return code[:2] if isinstance(code, str) else ""


def locate_admin1(lons, lats, countries=None, here: np.ndarray | None = None) -> np.ndarray:
    """ISO 3166-2 code of the admin-1 polygon containing each point ('' when none).

    When a point's country is known, a point that falls just outside that country's
    polygons (simplified borders, coasts) takes the nearest polygon of the country;
    a point far from every polygon of its country gets none. ``here``: the points'
    :func:`codes_at`, when already known.
    """
    import shapely

    lons = np.asarray(lons, dtype=float)
    lats = np.asarray(lats, dtype=float)
    if not len(lons):
        return np.full(0, "", dtype=object)
    frame = admin1_frame()
    codes = frame["iso"].to_numpy()
    geoms = frame.geometry.to_numpy()
    out = (codes_at(lons, lats) if here is None else here).astype(object)
    out[pd.isna(out)] = ""
    if countries is None:
        return out
    countries = np.asarray(countries, dtype=object)
    poly_country = frame["country"].to_numpy()
    country_of = dict(zip(codes, poly_country))
    known = countries != ""
    found_country = map_distinct(out, lambda code: country_of.get(code, ""))
    out[known & (out != "") & (found_country != countries)] = ""
    for i in np.flatnonzero((out == "") & known):
        mask = poly_country == countries[i]
        if mask.any():
            distances = shapely.distance(geoms[mask], shapely.Point(lons[i], lats[i]))
            if distances.min() <= NEAREST_REACH_DEGREES:
                out[i] = codes[mask][int(np.argmin(distances))]
    return out


def swapped_points(lons: np.ndarray, lats: np.ndarray, countries: np.ndarray | None = None,
                   here: np.ndarray | None = None) -> np.ndarray:
    """Which points were given latitude-first: outside their country, and inside it once swapped.

    For a point without a country, "its country" is one the other points are mostly in (at
    least a tenth of them), and it is considered only when it is outside every polygon.
    ``here``: the points' :func:`codes_at`, when already known.
    """
    lons = np.asarray(lons, dtype=float)
    lats = np.asarray(lats, dtype=float)
    out = np.zeros(len(lons), dtype=bool)
    if not len(lons):
        return out
    here_cc = map_distinct(codes_at(lons, lats) if here is None else here, country_of_code)
    wanted = np.full(len(lons), "", dtype=object) if countries is None else np.asarray(countries, dtype=object)
    counts = pd.Series(here_cc[here_cc != ""]).value_counts()
    usual = set(counts.index[counts >= 0.1 * len(lons)])
    candidates = np.where(wanted != "", here_cc != wanted, here_cc == "") & (np.abs(lons) <= 90)
    idx = np.flatnonzero(candidates)
    if not len(idx):
        return out
    swapped = codes_at(lats[idx], lons[idx])
    for k, i in enumerate(idx):
        if swapped[k] is not None:
            out[i] = swapped[k][:2] == wanted[i] if wanted[i] else swapped[k][:2] in usual
    return out


def codes_at(lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
    """Admin-1 code at each coordinate (None outside every polygon), without making point objects.

    Each distinct coordinate is tested once; only polygons whose bounding box meets the
    points' extent are tried, each on the points inside its own bounding box, with
    prepared geometries (shapely.contains_xy).
    """
    import shapely

    frame = admin1_frame()
    codes = frame["iso"].to_numpy()
    keys = np.round(lons * 1e5).astype(np.int64) * 40_000_003 + np.round(lats * 1e5).astype(np.int64)
    index, uniq = pd.factorize(keys)
    first = np.full(len(uniq), -1, dtype=np.int64)
    first[index[::-1]] = np.arange(len(index))[::-1]
    xs, ys = lons[first], lats[first]
    found = np.full(len(uniq), -1, dtype=np.int64)
    finite = np.isfinite(xs) & np.isfinite(ys)
    if finite.any():
        extent = shapely.box(xs[finite].min(), ys[finite].min(), xs[finite].max(), ys[finite].max())
        for k in _tree().query(extent):  # bounding-box prefilter: polygons around the data only
            geom = frame.geometry.iloc[k]
            x0, y0, x1, y1 = _bounds()[k]
            todo = np.flatnonzero((found < 0) & (xs >= x0) & (xs <= x1) & (ys >= y0) & (ys <= y1))
            if len(todo):
                inside = shapely.contains_xy(geom, xs[todo], ys[todo])
                found[todo[inside]] = k
    result = np.where(found >= 0, codes[np.maximum(found, 0)], None)
    return result[index]


@lru_cache(maxsize=1)
def _bounds() -> np.ndarray:
    import shapely

    geoms = admin1_frame().geometry.to_numpy()
    shapely.prepare(geoms)
    return shapely.bounds(geoms)


@lru_cache(maxsize=1)
def _tree():
    import shapely

    return shapely.STRtree(admin1_frame().geometry.to_numpy())
