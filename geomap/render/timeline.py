"""The incident timeline: a folium element that drives points and choropleth from one clock.

folium's TimestampedGeoJson and TimeSliderChoropleth each run their own clock, and
the former cannot sit in a LayerControl. This element follows folium's plugin pattern
(a template, names from ``get_name()``) but ships its own script
(``assets/geomap/timeline.js``), so that one slider moves both layers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from branca.element import MacroElement
from jinja2 import Template

from geomap.models import Incident
from geomap.render.safe_json import script_json


class StringTable:
    """Each distinct string stored once; fields hold its index (-1 for none)."""

    def __init__(self):
        self.strings: list[str] = []
        self._index: dict[str, int] = {}

    def __call__(self, value: str | None) -> int:
        if not value:
            return -1
        index = self._index.get(value)
        if index is None:
            index = self._index[value] = len(self.strings)
            self.strings.append(value)
        return index


def pack_incidents(incidents: Sequence[Incident], admin_names: dict[str, str]) -> dict:
    """Columnar, compact form of the incidents for the page (coordinates in 1e-4 degrees)."""
    if not incidents:
        raise ValueError("no incidents to draw")
    t0 = min(i.event_date for i in incidents)
    t1 = max(i.event_date for i in incidents)
    strings = StringTable()
    admins: list[str] = sorted({i.admin1 for i in incidents if i.admin1})
    adm_index = {code: k for k, code in enumerate(admins)}
    columns: dict[str, list] = {k: [] for k in
                                ("day", "lat", "lon", "type", "sub", "fat", "prec", "tprec", "loc", "adm", "note",
                                 "src", "a1", "a2", "ps", "pe")}
    for i in incidents:
        c = columns
        c["day"].append((i.event_date - t0).days)
        c["lat"].append(round(i.latitude * 1e4))
        c["lon"].append(round(i.longitude * 1e4))
        c["type"].append(strings(i.event_type or "Unknown"))
        c["sub"].append(strings(i.sub_event_type))
        c["fat"].append(int(i.fatalities))
        c["prec"].append(int(i.geo_precision))
        c["tprec"].append(int(i.time_precision))
        c["loc"].append(strings(i.location or i.admin1_name or i.country))
        c["adm"].append(adm_index.get(i.admin1, -1) if i.admin1 else -1)
        c["note"].append(strings(i.notes))
        c["src"].append(strings(_source_label(i)))
        c["a1"].append(strings(i.actor1))
        c["a2"].append(strings(i.actor2))
        c["ps"].append(i.place_start if i.place_start is not None else -1)
        c["pe"].append(i.place_end if i.place_end is not None else -1)
    return {
        "t0": t0.isoformat(),
        "ndays": (t1 - t0).days + 1,
        "admins": admins,
        "admin_names": [admin_names.get(code, code) for code in admins],
        "S": strings.strings,
        **columns,
    }


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
                },
                extraOverlays: {}
            })
        );
        {% endmacro %}
        """
    )

    def __init__(self, incidents: Sequence[Incident], polygons: dict, admin_names: dict[str, str], *,
                 title: str, subtitle: str = "", window_days: int = 0, start: dt.date | None = None,
                 base_layers: dict | None = None, attribution: str = "", bounds: list | None = None):
        super().__init__()
        self._name = "IncidentTimeline"
        data = pack_incidents(incidents, admin_names)
        start_day = None
        if start is not None:
            start_day = max(0, min(data["ndays"] - 1, (start - dt.date.fromisoformat(data["t0"])).days))
        self.data_json = script_json(data)
        self.options_json = script_json(
            {"title": title, "subtitle": subtitle, "window": window_days, "start": start_day, "polygons": polygons,
             "attribution": attribution, "bounds": bounds}
        )
        # Base layers are folium elements: their JS names are only final when the page renders.
        self.base_layers = [(script_json(label), layer) for label, layer in (base_layers or {}).items()]
