"""Admin-1 polygons (Natural Earth, ISO 3166-2 codes corrected) and point-in-polygon lookups."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

BOUNDARIES = Path(__file__).resolve().parent.parent / "gazetteer" / "data" / "admin1.geojson.gz"


@lru_cache(maxsize=2)
def admin1_frame(path: str | None = None):
    """GeoDataFrame with columns iso, country, name, geometry (EPSG:4326)."""
    import geopandas as gpd

    frame = gpd.read_file(f"/vsigzip/{path or BOUNDARIES}")
    frame = frame[frame["iso"].notna() & ~frame["iso"].fillna("").str.contains("~")]
    return frame.reset_index(drop=True)


def locate_admin1(lons, lats, countries=None) -> np.ndarray:
    """ISO 3166-2 code of the admin-1 polygon containing each point ('' when none).

    When a point's country is known, a point that falls just outside that country's
    polygons (simplified borders, coasts) takes the nearest polygon of the country.
    """
    import shapely

    frame = admin1_frame()
    lons = np.asarray(lons, dtype=float)
    lats = np.asarray(lats, dtype=float)
    points = shapely.points(lons, lats)
    tree = _tree()
    codes = frame["iso"].to_numpy()
    out = np.full(len(points), "", dtype=object)
    point_idx, poly_idx = tree.query(points, predicate="intersects")
    out[point_idx] = codes[poly_idx]  # a point on a shared border takes the last polygon: fine
    if countries is None:
        return out
    countries = np.asarray(countries, dtype=object)
    poly_country = frame["country"].to_numpy()
    country_of = dict(zip(codes, poly_country))
    known = np.array([bool(c) for c in countries])
    found_country = np.array([country_of.get(code, "") for code in out], dtype=object)
    out[known & (out != "") & (found_country != countries)] = ""
    for i in np.flatnonzero((out == "") & known):
        mask = poly_country == countries[i]
        if mask.any():
            distances = shapely.distance(frame.geometry.to_numpy()[mask], points[i])
            out[i] = codes[mask][int(np.argmin(distances))]
    return out


@lru_cache(maxsize=1)
def _tree():
    import shapely

    return shapely.STRtree(admin1_frame().geometry.to_numpy())
