"""Points to governorates: the grid of cells gives the answer of an exact point-in-polygon test."""

import numpy as np

from geomap.boundaries import codes_at, locate_admin1, polygons
from geomap.grid import PolygonGrid


def test_the_grid_answers_like_exact_tests_everywhere():
    rng = np.random.default_rng(7)
    grid = PolygonGrid(polygons().geoms)
    # Dense points around Iraq and Syria (tiles get built), sparse ones over the world (tested exactly),
    # and points on cell and tile edges.
    lons = np.concatenate([rng.uniform(35.5, 48.5, 60_000), rng.uniform(-180, 180, 5_000),
                           np.repeat(np.arange(36.0, 48.0, 1 / 32), 3)])
    lats = np.concatenate([rng.uniform(29.0, 37.5, 60_000), rng.uniform(-60, 75, 5_000),
                           np.tile([33.0, 34.5, 36.0], len(np.arange(36.0, 48.0, 1 / 32)))])
    assert (grid.locate(lons, lats) == grid.exact(lons, lats)).all()
    assert (grid.locate(lons, lats) == grid.exact(lons, lats)).all()  # again, from the built tiles


def test_codes_of_known_places():
    codes = codes_at(np.array([44.39, 36.71, 2.35, 0.0, np.nan]), np.array([35.47, 35.96, 48.86, 0.0, 1.0]))
    assert codes[:2].tolist() == ["IQ-KI", "SY-ID"] and codes[2].startswith("FR-")
    assert codes[3] is None and codes[4] is None  # the sea, a missing coordinate
    # A point just off the coast takes its country's nearest governorate; a point in another country none.
    assert locate_admin1([35.86], [35.52], ["SY"]).tolist() == ["SY-LA"]
    assert locate_admin1([44.39], [35.47], ["SY"]).tolist() == [""]
