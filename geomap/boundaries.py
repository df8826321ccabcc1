"""Admin-1 polygons (Natural Earth, ISO 3166-2 codes corrected) and point-in-polygon lookups."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

GAZETTEER_DATA = Path(__file__).resolve().parent.parent / "gazetteer" / "data"
BOUNDARIES = GAZETTEER_DATA / "admin1.parquet"  # GeoParquet: iso, country, name, geometry (WKB)
# How far outside its country's simplified polygons a point may fall and still take the nearest one
# (coasts, border towns); beyond this the coordinates are wrong, not the borders.
NEAREST_REACH_DEGREES = 0.25


@dataclass(frozen=True)
class Polygons:
    """The admin-1 polygons as plain arrays (read with pyarrow and shapely: no GIS stack to import)."""

    iso: np.ndarray  # ISO 3166-2 code of each polygon
    country: np.ndarray  # ISO 3166-1 alpha-2
    name: np.ndarray
    geoms: np.ndarray  # shapely polygons, EPSG:4326


@lru_cache(maxsize=2)
def polygons(path: str | None = None) -> Polygons:
    """The shipped admin-1 polygons (those with an ISO code)."""
    import pyarrow.parquet as pq
    import shapely

    table = pq.read_table(path or BOUNDARIES)
    iso = np.asarray(table.column("iso").to_pylist(), dtype=object)
    keep = np.array([isinstance(c, str) and bool(c) and "~" not in c for c in iso])
    pick = np.flatnonzero(keep)
    geoms = shapely.from_wkb(np.asarray(table.column("geometry").to_pylist(), dtype=object)[pick])
    return Polygons(iso[pick], np.asarray(table.column("country").to_pylist(), dtype=object)[pick],
                    np.asarray(table.column("name").to_pylist(), dtype=object)[pick], geoms)


@lru_cache(maxsize=2)
def admin1_frame(path: str | None = None):
    """GeoDataFrame with columns iso, country, name, geometry (EPSG:4326), for the map."""
    import geopandas as gpd

    p = polygons(path)
    return gpd.GeoDataFrame({"iso": p.iso, "country": p.country, "name": p.name}, geometry=p.geoms, crs=4326)


def admin1_names() -> dict[str, str]:
    """Governorate names by ISO 3166-2 code, as the polygons name them."""
    p = polygons()
    return dict(zip(p.iso, p.name))


@lru_cache(maxsize=1)
def _grid():
    from geomap.grid import PolygonGrid

    return PolygonGrid(polygons().geoms)


def polygon_at(lons, lats) -> np.ndarray:
    """Index (into :func:`polygons`) of the admin-1 polygon holding each point; -1 outside every polygon."""
    return _grid().locate(lons, lats)


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """English country names by ISO 3166-1 alpha-2 code."""
    import csv

    with open(GAZETTEER_DATA / "countries.tsv", encoding="utf-8") as f:
        return {r["iso"]: r["name"] for r in csv.DictReader(f, delimiter="\t")}


def country_of_code(code) -> str:
    return code[:2] if isinstance(code, str) else ""


def locate_admin1(lons, lats, countries=None, here: np.ndarray | None = None) -> np.ndarray:
    """ISO 3166-2 code of the admin-1 polygon containing each point ('' when none); see :func:`locate`."""
    found = locate(lons, lats, countries, here)
    return np.append(polygons().iso, "")[found]


def locate(lons, lats, countries=None, here: np.ndarray | None = None) -> np.ndarray:
    """Index (into :func:`polygons`) of the admin-1 polygon of each point, -1 for none.

    When a point's country is known (``countries``: ISO 3166-1 codes, '' when unknown, or a
    :class:`geomap.coded.Coded`), a point in another country's polygon gets none, and a
    point that falls just outside its country's polygons (simplified borders, coasts) takes
    the nearest polygon of the country; a point far from every polygon of its country gets
    none. ``here``: the points' :func:`polygon_at`, when already known.
    """
    import shapely

    lons = np.asarray(lons, dtype=float)
    lats = np.asarray(lats, dtype=float)
    if not len(lons):
        return np.full(0, -1, dtype=np.int32)
    polys = polygons()
    out = (polygon_at(lons, lats) if here is None else here).astype(np.int32, copy=True)
    if countries is None:
        return out
    want, country_values = _country_codes(countries)
    if not (want >= 0).any():
        return out
    # The country of each polygon, as a code into the points' countries (-2 where none of them).
    position = {c: k for k, c in enumerate(country_values)}
    poly_country = np.array([position.get(c, -2) for c in polys.country] + [-2], dtype=np.int64)
    known = want >= 0
    out[known & (out >= 0) & (poly_country[out] != want)] = -1
    for i in np.flatnonzero((out < 0) & known):
        mask = polys.country == country_values[want[i]]
        if mask.any():
            distances = shapely.distance(polys.geoms[mask], shapely.Point(lons[i], lats[i]))
            if distances.min() <= NEAREST_REACH_DEGREES:
                out[i] = np.flatnonzero(mask)[int(np.argmin(distances))]
    return out


def _country_codes(countries) -> tuple[np.ndarray, np.ndarray]:
    """(codes, distinct values) of a column of country codes ('' or -1 for unknown)."""
    from geomap.coded import Coded

    if not isinstance(countries, Coded):
        countries = Coded.of(np.asarray(countries, dtype=object))
    return countries.codes, countries.values


def swapped_points(lons: np.ndarray, lats: np.ndarray, countries=None, here: np.ndarray | None = None) -> np.ndarray:
    """Which points were given latitude-first: outside their country, and inside it once swapped.

    For a point without a country, "its country" is one the other points are mostly in (at
    least a tenth of them), and it is considered only when it is outside every polygon.
    ``here``: the points' :func:`polygon_at`, when already known.
    """
    lons = np.asarray(lons, dtype=float)
    lats = np.asarray(lats, dtype=float)
    out = np.zeros(len(lons), dtype=bool)
    if not len(lons):
        return out
    polys = polygons()
    here = polygon_at(lons, lats) if here is None else here
    cc_values, poly_cc = np.unique(np.append(polys.country, ""), return_inverse=True)
    here_cc = poly_cc[here]  # -1 (outside) takes the appended ''
    empty = int(np.flatnonzero(cc_values == "")[0])
    if countries is None:
        want = np.full(len(lons), empty)
    else:
        codes, values = _country_codes(countries)
        position = {c: k for k, c in enumerate(cc_values)}
        to_cc = np.array([position.get(v, -3) for v in values] + [empty], dtype=np.int64)
        want = to_cc[codes]
    counts = np.bincount(here_cc[here_cc != empty], minlength=len(cc_values))
    usual = counts >= 0.1 * len(lons)
    usual[empty] = False
    candidates = np.where(want != empty, here_cc != want, here_cc == empty) & (np.abs(lons) <= 90)
    idx = np.flatnonzero(candidates)
    if not len(idx):
        return out
    swapped = polygon_at(lats[idx], lons[idx])
    inside = swapped >= 0
    swapped_cc = poly_cc[swapped]
    out[idx] = inside & np.where(want[idx] != empty, swapped_cc == want[idx], usual[swapped_cc])
    return out


def codes_at(lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
    """Admin-1 code at each coordinate (None outside every polygon), without making point objects
    (see :mod:`geomap.grid`)."""
    found = polygon_at(lons, lats)
    codes = np.append(polygons().iso, None)
    return codes[found]
