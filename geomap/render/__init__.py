"""Maps: folium in, one offline HTML file (or a fragment, or a PNG) out."""

from geomap.render.maps import OfflineMap, build_map, check_tiles
from geomap.render.output import embed_fragment, render_html, write_atomic, write_png

__all__ = ["OfflineMap", "build_map", "check_tiles", "embed_fragment", "render_html", "write_atomic", "write_png"]
