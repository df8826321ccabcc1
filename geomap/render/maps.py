"""Build the incident map: an offline folium map with the timeline, basemap outlines and legend."""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Sequence

import folium
import numpy as np
import pandas as pd
import shapely

from geomap.boundaries import country_names, polygons
from geomap.coded import Coded
from geomap.errors import OptionError
from geomap.frame import as_frame
from geomap.models import Incident
from geomap.render.assets import head_html
from geomap.render.raw import RawHtml
from geomap.render.timeline import IncidentTimeline

DEFAULT_ATTRIBUTION = "Boundaries: Natural Earth · Places: GeoNames (CC BY 4.0)"


class OfflineMap(folium.Map):
    """A folium Map whose Leaflet comes inlined from the package instead of CDNs."""

    default_js: list = []
    default_css: list = []

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("tiles", None)
        super().__init__(*args, **kwargs)
        self.get_root().header.add_child(RawHtml(head_html()), name="geomap_assets", index=0)


def check_tiles(tiles: str | None, attribution: str | None) -> None:
    """Refuse, before any work, a tile layer that could not be credited or loaded."""
    if not tiles:
        return
    provider = _tile_provider(tiles)
    if provider is None:
        if "{z}" not in tiles or not tiles.startswith(("http://", "https://", "//")):
            raise OptionError(f"--tiles {tiles!r} is neither a known tile provider (e.g. OpenStreetMap, "
                              "CartoDB.Positron) nor a URL template with {z}/{x}/{y}")
        if not attribution:
            raise OptionError("--tiles with a URL needs --tiles-attribution: tile providers require a credit line")
    elif provider.requires_token():
        raise OptionError(f"--tiles {tiles!r} needs an API key: give its URL with your key and "
                          "--tiles-attribution instead")


def _tile_provider(name: str):
    import xyzservices

    try:
        return xyzservices.providers.query_name("OpenStreetMap Mapnik" if name.lower() == "openstreetmap" else name)
    except ValueError:
        return None


def build_map(
    incidents: pd.DataFrame | Sequence[Incident],
    *,
    title: str = "Incidents",
    subtitle: str | None = None,
    sources: Sequence[str] = (),
    attribution: str | None = None,
    tiles: str | None = None,
    tiles_attribution: str | None = None,
    window_days: int = 0,
    start: dt.date | None = None,
    admin_names: dict[str, str] | None = None,
    period: tuple[dt.date | None, dt.date | None] = (None, None),
) -> folium.Map:
    """An interactive, self-contained map of ``incidents`` (an incident frame, or incidents from text).

    ``period`` (first day, last day) makes the slider span at least those days, e.g. the
    dates a filter asked for, even where no incident falls.
    """
    incidents = as_frame(incidents, admin_names)
    if not len(incidents):
        raise OptionError("nothing to map: no incident could be placed")
    lats, lons = incidents["latitude"], incidents["longitude"]
    bounds = _padded((float(lons.min()), float(lats.min()), float(lons.max()), float(lats.max())))
    fmap = OfflineMap(location=[(bounds[1] + bounds[3]) / 2, (bounds[0] + bounds[2]) / 2], zoom_start=6, min_zoom=3,
                      max_zoom=14,
                      control_scale=True, prefer_canvas=False)
    used = set()
    for column, part in (("country_code", lambda c: c), ("admin1_code", lambda c: c[:2])):
        if column in incidents:
            coded = Coded.of_series(incidents[column])
            used |= {part(v) for v in coded.values[np.unique(coded.codes[coded.codes >= 0])]}
    countries, governorates = area_polygons(bounds, used)
    outline = folium.GeoJson(
        countries,
        name="Outline basemap (offline)",
        style_function=lambda _: {"color": "#8a8a8a", "weight": 1.2, "fillColor": "#f3f1ec", "fillOpacity": 1},
        interactive=False,
        control=False,
        overlay=False,
        show=not tiles,  # with tiles asked for, they are the basemap shown first; the outline stays a choice
    )
    outline.add_to(fmap)
    base_layers = {"Outline basemap (offline)": outline}
    if tiles:
        check_tiles(tiles, tiles_attribution)
        # Leaflet shows attributions as HTML: a credit line typed by a user is text.
        credit = html.escape(tiles_attribution) if tiles_attribution else None
        layer = folium.TileLayer(tiles, name=f"{tiles} (online)", overlay=False, control=False, attr=credit)
        layer.add_to(fmap)
        label = "Online tiles" if "{z}" in tiles else f"{html.escape(tiles)} tiles"  # Leaflet shows it as HTML
        base_layers = {f"{label} (needs network)": layer, **base_layers}
    names = dict(admin_names or {})
    for f in governorates["features"]:
        # One name per governorate: the polygon's tooltip says what the popups and labels say.
        props = f["properties"]
        props["name"] = names.setdefault(props["iso"], props["name"])
    dates = [incidents["event_date"].min().date(), incidents["event_date"].max().date()]
    if subtitle is None:
        subtitle = default_subtitle(incidents, sources)
    timeline = IncidentTimeline(incidents, governorates, names, title=title, subtitle=subtitle,
                                window_days=window_days, start=start, base_layers=base_layers,
                                attribution=html.escape(attribution or DEFAULT_ATTRIBUTION),
                                bounds=[[bounds[1], bounds[0]], [bounds[3], bounds[2]]],
                                labels=_labels(countries, governorates), country_names=country_names(),
                                period=period)
    timeline.add_to(fmap)
    # branca writes the page title as it is: escape it, it may come from the data.
    fmap.get_root().title = html.escape(f"{title} ({dates[0].isoformat()} – {dates[-1].isoformat()})")
    stable_ids(fmap)
    return fmap


def _padded(bounds: tuple[float, float, float, float], least: float = 1.5) -> tuple[float, float, float, float]:
    """Bounds at least ``least`` degrees across, so that incidents at one place still give a view to fit."""
    west, south, east, north = bounds
    pad_x = max(0.0, least - (east - west)) / 2
    pad_y = max(0.0, least - (north - south)) / 2
    return (west - pad_x, south - pad_y, east + pad_x, north + pad_y)


def default_subtitle(incidents: pd.DataFrame | Sequence[Incident], sources: Sequence[str]) -> str:
    incidents = as_frame(incidents)
    dates = [incidents["event_date"].min().date(), incidents["event_date"].max().date()]
    n = len(incidents)
    text = f"{dates[0].isoformat()} – {dates[-1].isoformat()} · {n:,} incident{'s' if n != 1 else ''}"
    if sources:
        shown = ", ".join(list(sources)[:3]) + (f" and {len(sources) - 3} more" if len(sources) > 3 else "")
        text += f" · sources: {shown}"
    return text


def area_polygons(bounds: tuple[float, float, float, float], countries: set[str]) -> tuple[dict, dict]:
    """Country outlines and governorate polygons around the incidents, simplified to the map's scale."""
    polys = polygons()
    west, south, east, north = bounds
    span = max(east - west, north - south, 1.0)
    margin = max(2.0, span * 0.35)
    box = shapely.box(west - margin, south - margin, east + margin, north + margin)
    near = np.flatnonzero(shapely.intersects(polys.geoms, box) | np.isin(polys.country, list(countries)))
    tolerance = min(0.05, max(0.005, span / 400))
    # Simplify the polygons as one coverage, so that neighbours keep their shared borders (no slivers).
    simplified = shapely.coverage_simplify(shapely.make_valid(polys.geoms[near]), tolerance)
    geoms = [_polygons_only(g) for g in shapely.set_precision(simplified, 0.001)]
    gov_features = []
    for k, geom in zip(near, geoms):
        if polys.country[k] in countries and not geom.is_empty:
            gov_features.append(_feature(geom, {"iso": polys.iso[k], "name": polys.name[k],
                                                "label": _label_point(geom)}))
    country_features = []
    names = country_names()
    near_country = polys.country[near]
    for cc in sorted(set(near_country)):
        mask = near_country == cc
        merged = _polygons_only(shapely.set_precision(shapely.union_all([g for g, m in zip(geoms, mask) if m]), 0.001))
        if not merged.is_empty:
            country_features.append(_feature(merged, {"country": cc, "name": names.get(cc, cc),
                                                      "label": _label_point(merged)}))
    gov_features.sort(key=lambda f: f["properties"]["iso"])
    return ({"type": "FeatureCollection", "features": country_features},
            {"type": "FeatureCollection", "features": gov_features})


def _labels(countries: dict, governorates: dict) -> list[list]:
    """[lat, lon, name, kind] for the place names drawn on the outline basemap."""
    out = [[*f["properties"]["label"], f["properties"]["name"], "country"] for f in countries["features"]]
    out += [[*f["properties"]["label"], f["properties"]["name"], "admin"] for f in governorates["features"]]
    return out


def _label_point(geom) -> list[float]:
    """Where a name goes: inside the largest part, away from its edges ([lat, lon])."""
    largest = max(shapely.get_parts(geom), key=lambda g: g.area)
    point = shapely.point_on_surface(largest)
    return [round(point.y, 3), round(point.x, 3)]


def _polygons_only(geom):
    """Drop the lines and points that snapping to the grid leaves of tiny islands."""
    parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon") and g.area > 1e-5]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def _feature(geom, properties: dict) -> dict:
    return {"type": "Feature", "properties": properties, "geometry": json.loads(shapely.to_geojson(geom))}


def stable_ids(fmap: folium.Map) -> None:
    """Give every element a deterministic id, so that the same input writes the same bytes."""
    counter = 0

    def walk(element):
        nonlocal counter
        counter += 1
        element._id = f"{counter:08x}"
        for child in list(element._children.values()):
            walk(child)

    walk(fmap.get_root())
