"""Vendored JS/CSS, inlined into the page so that a map needs no network at all."""

from __future__ import annotations

import base64
import re
from functools import cache
from pathlib import Path

ASSETS = Path(__file__).resolve().parent / "assets"

SCRIPTS = ("leaflet/leaflet.js", "geomap/common.js", "geomap/points.js", "geomap/histogram.js", "geomap/filters.js",
           "geomap/panels.js", "geomap/timeline.js")
STYLES = ("leaflet/leaflet.css", "geomap/timeline.css")


@cache
def asset_text(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


def _data_uri(match: re.Match, base: Path) -> str:
    target = (base / match.group(1)).resolve()
    if not target.is_file() or ASSETS not in target.parents:
        return match.group(0)
    encoded = base64.b64encode(target.read_bytes()).decode("ascii")
    return f"url(data:image/png;base64,{encoded})"


@cache
def inline_css(name: str) -> str:
    """CSS with its relative image URLs replaced by data URIs."""
    base = (ASSETS / name).parent
    return re.sub(r"url\((?!data:|#)['\"]?([^'\")]+)['\"]?\)", lambda m: _data_uri(m, base), asset_text(name))


def head_html() -> str:
    """<style> and <script> elements carrying every asset the map needs."""
    parts = [f"<style>\n{inline_css(name)}\n</style>" for name in STYLES]
    for name in SCRIPTS:
        code = asset_text(name)
        if "</script" in code.lower():  # never true for these files; checked so it stays true
            raise ValueError(f"{name} cannot be inlined: it contains a closing script tag")
        parts.append(f"<script>\n{code}\n</script>")
    return "\n".join(parts)
