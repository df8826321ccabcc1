"""The incident timeline: a folium element that drives points and choropleth from one clock.

folium's TimestampedGeoJson and TimeSliderChoropleth each run their own clock, and
the former cannot sit in a LayerControl. This element follows folium's plugin pattern
(a template, names from ``get_name()``) but ships its own script
(``assets/geomap/timeline.js``), so that one slider moves both layers.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Sequence

import numpy as np
from branca.element import MacroElement
from jinja2 import Template

from geomap.models import Incident
from geomap.render.safe_json import script_json

_INT_TYPES = (("u8", "u1"), ("i8", "i1"), ("u16", "<u2"), ("i16", "<i2"), ("u32", "<u4"), ("i32", "<i4"))


def typed_column(values) -> dict:
    """Integers as the smallest little-endian typed array that holds them, base64-encoded.

    >>> typed_column([0, 3, 255])["t"], typed_column([-1, 300])["t"]
    ('u8', 'i16')
    """
    arr = np.asarray(values, dtype=np.int64)
    lo, hi = (int(arr.min()), int(arr.max())) if arr.size else (0, 0)
    for name, dtype in _INT_TYPES:
        info = np.iinfo(np.dtype(dtype))
        if info.min <= lo and hi <= info.max:
            return {"t": name, "b": base64.b64encode(arr.astype(dtype).tobytes()).decode("ascii")}
    raise ValueError("integer column out of 32-bit range")


def string_column(values: list[str]) -> dict:
    """Strings stored once: a dictionary and a typed index (0 = none), or the plain list when all differ."""
    if values and all(values) and len(set(values)) == len(values):
        return {"values": values}
    index: dict[str, int] = {}
    codes = []
    for value in values:
        if not value:
            codes.append(0)
            continue
        if value not in index:
            index[value] = len(index) + 1
        codes.append(index[value])
    return {"dict": list(index), "idx": typed_column(codes)}


def pack_incidents(incidents: Sequence[Incident], admin_names: dict[str, str],
                   country_names: dict[str, str] | None = None,
                   period: tuple[dt.date | None, dt.date | None] = (None, None)) -> dict:
    """Columnar, compact form of the incidents for the page.

    Numbers travel as base64 typed arrays (coordinates in 1e-4 degrees, days since the
    first incident); each text column is a dictionary of distinct strings plus indices.
    ``admin_names`` and ``country_names`` are the display names by ISO code: the page
    shows one name per governorate and country everywhere. ``period`` widens the
    timeline to days asked for (a filter's first and last day) beyond the incidents' own.
    """
    if not incidents:
        raise ValueError("no incidents to draw")
    t0 = min([i.event_date for i in incidents] + [d for d in period[:1] if d])
    t1 = max([i.event_date for i in incidents] + [d for d in period[1:] if d])
    admins: list[str] = sorted({i.admin1 for i in incidents if i.admin1})
    adm_index = {code: k for k, code in enumerate(admins)}
    numbers = {
        "day": [(i.event_date - t0).days for i in incidents],
        "lat": [round(i.latitude * 1e4) for i in incidents],
        "lon": [round(i.longitude * 1e4) for i in incidents],
        "fat": [int(i.fatalities) for i in incidents],
        "prec": [int(i.geo_precision) for i in incidents],
        "tprec": [int(i.time_precision) for i in incidents],
        "adm": [adm_index.get(i.admin1, -1) if i.admin1 else -1 for i in incidents],
        "ps": [i.place_start if i.place_start is not None else -1 for i in incidents],
        "pe": [i.place_end if i.place_end is not None else -1 for i in incidents],
    }
    texts = {
        "type": [i.event_type or "Unknown" for i in incidents],
        "sub": [i.sub_event_type for i in incidents],
        "loc": [i.location or i.admin1_name or i.country for i in incidents],
        "note": [i.notes for i in incidents],
        "src": [_source_label(i) for i in incidents],
        "a1": [i.actor1 for i in incidents],
        "a2": [i.actor2 for i in incidents],
        "cc": [_country_code(i) for i in incidents],
    }
    codes = sorted({c for c in texts["cc"] if c})
    names = country_names or {}
    return {
        "t0": t0.isoformat(),
        "ndays": (t1 - t0).days + 1,
        "n": len(incidents),
        "admins": admins,
        "admin_names": [admin_names.get(code, code) for code in admins],
        "country_names": {code: names.get(code, code) for code in codes},
        "num": {k: typed_column(v) for k, v in numbers.items()},
        "text": {k: string_column(v) for k, v in texts.items()},
    }


def _country_code(incident: Incident) -> str:
    """The incident's ISO 3166-1 code: its country, else its governorate's."""
    return incident.country or (incident.admin1 or "")[:2]


def _source_label(incident: Incident) -> str:
    label = incident.source
    if "/" in label and " " not in label and "<" not in label:  # a file path: its name is enough
        label = label.rsplit("/", 1)[-1]
    if incident.article_title:
        label = f"{label} — {incident.article_title}"
    extra = len(incident.sources) - 1
    return f"{label} (+{extra} more report{'s' if extra > 1 else ''})" if extra > 0 else label


class IncidentTimeline(MacroElement):
    """Incident points, governorate choropleth and approximate-location outlines on one slider."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = geomapTimeline(
            {{ this._parent.get_name() }},
            {{ this.data_json }},
            Object.assign({{ this.options_json }}, {
                baseLayers: {
                {%- for label, layer in this.base_layers %}{{ label }}: {{ layer.get_name() }},{% endfor -%}
                }
            })
        );
        {% endmacro %}
        """
    )

    def __init__(self, incidents: Sequence[Incident], polygons: dict, admin_names: dict[str, str], *,
                 title: str, subtitle: str = "", window_days: int = 0, start: dt.date | None = None,
                 base_layers: dict | None = None, attribution: str = "", bounds: list | None = None,
                 labels: list | None = None, country_names: dict[str, str] | None = None,
                 period: tuple[dt.date | None, dt.date | None] = (None, None)):
        super().__init__()
        self._name = "IncidentTimeline"
        data = pack_incidents(incidents, admin_names, country_names, period)
        start_day = None
        if start is not None:
            start_day = max(0, min(data["ndays"] - 1, (start - dt.date.fromisoformat(data["t0"])).days))
        self.data_json = script_json(data)
        self.options_json = script_json(
            {"title": title, "subtitle": subtitle, "window": window_days, "start": start_day, "polygons": polygons,
             "attribution": attribution, "bounds": bounds, "labels": labels or []}
        )
        # Base layers are folium elements: their JS names are only final when the page renders.
        self.base_layers = [(script_json(label), layer) for label, layer in (base_layers or {}).items()]
