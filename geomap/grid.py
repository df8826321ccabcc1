"""Which polygon holds each point, for millions of points: a lazily built grid of cells.

The world is cut into 1-degree tiles of 32 x 32 cells. When a tile is first needed,
each of its cells is classed once: *clean* when no polygon boundary passes through it
(then the whole cell lies in one polygon, or in none, and the polygon at its centre is
the answer for every point in it), or *mixed*. Points in clean cells are answered by an
array lookup; only the few in mixed cells (along borders and coasts), and the points of
tiles holding too few points to be worth building, are tested exactly against the
polygons (prepared geometries, ``shapely.contains_xy``). The answer is the
same as testing every point exactly; it just costs an array lookup for most points.
"""

from __future__ import annotations

import numpy as np

CELLS = 32  # cells per degree (a power of two: cell edges are exact binary fractions)
MIXED = -2
NONE = -1
# A tile costs about as much to build as this many exact tests: tiles holding fewer points are not built.
TILE_WORTH = 512


class PolygonGrid:
    """Point-in-polygon lookups over a fixed array of polygons (lowest index wins where they overlap)."""

    def __init__(self, geoms: np.ndarray):
        import shapely

        self.geoms = np.asarray(geoms, dtype=object)
        shapely.prepare(self.geoms)
        self.tree = shapely.STRtree(self.geoms)
        self.bounds = shapely.bounds(self.geoms)
        self._tiles: dict[int, np.ndarray] = {}
        self._edges: dict[int, dict[int, np.ndarray]] = {}  # polygon -> tile -> boundary cells in it

    # -- lookups -------------------------------------------------------------------------------------------
    def locate(self, lons, lats) -> np.ndarray:
        """Index of the polygon containing each point, -1 when none (or a coordinate is missing)."""
        lons = np.asarray(lons, dtype=float)
        lats = np.asarray(lats, dtype=float)
        out = np.full(len(lons), NONE, dtype=np.int32)
        ok = np.isfinite(lons) & np.isfinite(lats) & (np.abs(lats) <= 90) & (np.abs(lons) <= 180)
        if not ok.any():
            return out
        where = np.flatnonzero(ok)
        tile, cell = _cells(lons[where], lats[where])
        codes, tiles = _factorize(tile)
        counts = np.bincount(codes, minlength=len(tiles))
        table = np.stack([self._tile(int(t)) if n >= TILE_WORTH or int(t) in self._tiles else _ALL_MIXED
                          for t, n in zip(tiles, counts)])
        found = table[codes, cell]
        out[where] = found
        mixed = where[found == MIXED]
        if len(mixed):
            out[mixed] = self.exact(lons[mixed], lats[mixed])
        return out

    def exact(self, lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
        """The polygon of each point by exact tests (polygons whose bounding box holds the point only)."""
        import shapely

        out = np.full(len(lons), NONE, dtype=np.int32)
        if not len(lons):
            return out
        extent = shapely.box(lons.min(), lats.min(), lons.max(), lats.max())
        for k in np.sort(self.tree.query(extent)):
            x0, y0, x1, y1 = self.bounds[k]
            todo = np.flatnonzero((out < 0) & (lons >= x0) & (lons <= x1) & (lats >= y0) & (lats <= y1))
            if len(todo):
                out[todo[shapely.contains_xy(self.geoms[k], lons[todo], lats[todo])]] = k
        return out

    # -- tiles ---------------------------------------------------------------------------------------------
    def _tile(self, tile: int) -> np.ndarray:
        found = self._tiles.get(tile)
        if found is None:
            found = self._tiles[tile] = self._build(tile)
        return found

    def _build(self, tile: int) -> np.ndarray:
        """The 32 x 32 cells of one tile: a polygon index, NONE, or MIXED (a boundary passes through)."""
        import shapely

        tx, ty = divmod(tile, 180)
        west, south = tx - 180.0, ty - 90.0
        cells = np.full(CELLS * CELLS, NONE, dtype=np.int32)
        candidates = np.sort(self.tree.query(shapely.box(west, south, west + 1, south + 1)))
        if not len(candidates):
            return cells
        mixed = np.zeros(CELLS * CELLS, dtype=bool)
        for k in candidates:
            edge = self._boundary_cells(int(k)).get(tile)
            if edge is not None:
                mixed[edge] = True
        step = 1.0 / CELLS
        centre = (np.arange(CELLS) + 0.5) * step
        xs = np.tile(west + centre, CELLS)  # cell index = row * CELLS + column, row = latitude
        ys = np.repeat(south + centre, CELLS)
        clean = np.flatnonzero(~mixed)
        for k in candidates[::-1]:  # lowest index last, so that it wins
            inside = shapely.contains_xy(self.geoms[k], xs[clean], ys[clean])
            cells[clean[inside]] = k
        cells[mixed] = MIXED
        return cells

    def _boundary_cells(self, k: int) -> dict[int, np.ndarray]:
        """For polygon ``k``: the cells its boundary passes through, per tile.

        The boundary is cut into pieces shorter than half a cell, so each piece lies in the
        2 x 2 block of cells around its two ends: every cell of that block is marked.
        """
        found = self._edges.get(k)
        if found is not None:
            return found
        import shapely

        lines = shapely.segmentize(shapely.boundary(self.geoms[k]), 0.5 / CELLS)
        coords, part = shapely.get_coordinates(shapely.get_parts(lines), return_index=True)
        gx = np.floor((coords[:, 0] + 180.0) * CELLS).astype(np.int64)
        gy = np.floor((coords[:, 1] + 90.0) * CELLS).astype(np.int64)
        same = part[1:] == part[:-1]
        x0, x1 = np.minimum(gx[:-1], gx[1:])[same], np.maximum(gx[:-1], gx[1:])[same]
        y0, y1 = np.minimum(gy[:-1], gy[1:])[same], np.maximum(gy[:-1], gy[1:])[same]
        xs = np.concatenate([gx, x0, x1, x0, x1])
        ys = np.concatenate([gy, y0, y0, y1, y1])
        xs = np.clip(xs, 0, 360 * CELLS - 1)
        ys = np.clip(ys, 0, 180 * CELLS - 1)
        tile = (xs // CELLS) * 180 + ys // CELLS
        cell = (ys % CELLS) * CELLS + xs % CELLS
        order = np.argsort(tile, kind="stable")
        tile, cell = tile[order], cell[order]
        starts = np.flatnonzero(np.r_[True, tile[1:] != tile[:-1]])
        found = {int(t): np.unique(c) for t, c in zip(tile[starts], np.split(cell, starts[1:]))}
        self._edges[k] = found
        return found


_ALL_MIXED = np.full(CELLS * CELLS, MIXED, dtype=np.int32)


def _cells(lons: np.ndarray, lats: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(tile id, cell within the tile) of each coordinate."""
    gx = np.clip(np.floor((lons + 180.0) * CELLS).astype(np.int64), 0, 360 * CELLS - 1)
    gy = np.clip(np.floor((lats + 90.0) * CELLS).astype(np.int64), 0, 180 * CELLS - 1)
    return (gx // CELLS) * 180 + gy // CELLS, (gy % CELLS) * CELLS + gx % CELLS


def _factorize(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Codes and distinct values of integer keys (few distinct tiles: a sort of the distinct ones)."""
    import pandas as pd

    codes, uniques = pd.factorize(values)
    return codes, np.asarray(uniques)
