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
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from geomap.coded import Coded, pair_codes
from geomap.frame import as_frame
from geomap.models import Incident
from geomap.render.raw import RawHtml
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


def string_column(values) -> dict:
    """Strings stored once: a dictionary and a typed index (0 = none), or the plain list when all differ.

    ``values``: strings ('' for none) or a :class:`geomap.coded.Coded` column.

    >>> string_column(["a", "", "b", "a"])
    {'dict': ['a', 'b'], 'idx': {'t': 'u8', 'b': 'AQACAQ=='}}
    """
    coded = values if isinstance(values, Coded) else Coded.of(pd.Series(values, dtype=object).fillna("").astype(str))
    used = np.bincount(coded.codes[coded.codes >= 0], minlength=len(coded.values))
    if len(coded) and len(coded.values) == len(coded) and not coded.empty.any():
        return {"values": coded.strings().tolist()}
    if (used == 0).any():  # values no row uses: dropped
        coded = Coded.from_codes(coded.codes, np.where(used > 0, coded.values, ""))
    return {"dict": coded.values.tolist(), "idx": typed_column(coded.codes + 1)}


def _ints(frame: pd.DataFrame, column: str, missing: int = -1) -> np.ndarray:
    if column not in frame:
        return np.full(len(frame), missing, dtype=np.int64)
    return pd.to_numeric(frame[column], errors="coerce").fillna(missing).to_numpy(dtype=np.int64)


def _texts(frame: pd.DataFrame, column: str) -> Coded:
    if column not in frame:
        return Coded.empty_of(len(frame))
    return Coded.of_series(frame[column])


def pack_incidents(incidents: pd.DataFrame | Sequence[Incident], admin_names: dict[str, str],
                   country_names: dict[str, str] | None = None,
                   period: tuple[dt.date | None, dt.date | None] = (None, None)) -> dict:
    """Columnar, compact form of the incidents (an incident frame) for the page.

    Numbers travel as base64 typed arrays (coordinates in 1e-4 degrees, days since the
    first incident); each text column is a dictionary of distinct strings plus indices.
    ``admin_names`` and ``country_names`` are the display names by ISO code: the page
    shows one name per governorate and country everywhere. ``period`` widens the
    timeline to days asked for (a filter's first and last day) beyond the incidents' own.
    """
    frame = as_frame(incidents, admin_names)
    if not len(frame):
        raise ValueError("no incidents to draw")
    days = frame["event_date"].to_numpy(dtype="datetime64[D]")
    t0 = min([days.min()] + [np.datetime64(d, "D") for d in period[:1] if d])
    t1 = max([days.max()] + [np.datetime64(d, "D") for d in period[1:] if d])
    codes = _texts(frame, "admin1_code")
    admins: list[str] = sorted(set(codes.values[np.unique(codes.codes[codes.codes >= 0])]))
    adm_index = {code: k for k, code in enumerate(admins)}
    numbers = {
        "day": (days - t0).astype(np.int64),
        "lat": np.round(frame["latitude"].to_numpy(dtype=float) * 1e4).astype(np.int64),
        "lon": np.round(frame["longitude"].to_numpy(dtype=float) * 1e4).astype(np.int64),
        "fat": _ints(frame, "fatalities", 0),
        "prec": _ints(frame, "geo_precision", 1),
        "tprec": _ints(frame, "time_precision", 1),
        "adm": np.append([adm_index.get(c, -1) for c in codes.values], -1).astype(np.int64)[codes.codes],
        "ps": _ints(frame, "place_start"),
        "pe": _ints(frame, "place_end"),
    }
    location = _texts(frame, "location").fill(_texts(frame, "admin1")).fill(_texts(frame, "country_code"))
    texts = {
        "type": _texts(frame, "event_type").fill(Coded.repeat("Unknown", len(frame))),
        "sub": _texts(frame, "sub_event_type"),
        "loc": location,
        "note": _texts(frame, "notes"),
        "src": _source_labels(frame),
        "a1": _texts(frame, "actor1"),
        "a2": _texts(frame, "actor2"),
        "cc": _country_codes(frame, codes),
    }
    countries = sorted(set(texts["cc"].values[np.unique(texts["cc"].codes[texts["cc"].codes >= 0])]))
    names = country_names or {}
    return {
        "t0": str(t0),
        "ndays": int((t1 - t0).astype(np.int64)) + 1,
        "n": len(frame),
        "admins": admins,
        "admin_names": [admin_names.get(code, code) for code in admins],
        "country_names": {code: names.get(code, code) for code in countries},
        "num": {k: typed_column(v) for k, v in numbers.items()},
        "text": {k: string_column(v) for k, v in texts.items()},
    }


def _country_codes(frame: pd.DataFrame, admin1_codes: Coded) -> Coded:
    """Each incident's ISO 3166-1 code: its country's, else its governorate's."""
    return _texts(frame, "country_code").fill(admin1_codes.map(lambda code: code[:2]))


def _source_labels(frame: pd.DataFrame) -> Coded:
    """A file path shows as its name; an article's title follows; further reports are counted."""
    source = _texts(frame, "source").map(lambda s: s.rsplit("/", 1)[-1] if "/" in s and " " not in s and "<" not in s
                                         else s)
    title = _texts(frame, "article_title")
    extra = np.zeros(len(frame), dtype=np.int64)
    if "sources" in frame:
        listed = frame["sources"]
        has = listed.notna().to_numpy()
        if has.any():
            extra[has] = listed[has].map(lambda v: len(v) - 1 if isinstance(v, (list, tuple)) else 0).to_numpy()
    codes, uniques = pair_codes(source.codes, title.codes, extra)
    sources, titles = np.append(source.values, ""), np.append(title.values, "")
    labels = []
    for s, t, n in uniques:
        label = sources[s] + (" — " + titles[t] if t >= 0 else "")
        labels.append(label + (f" (+{n} more report{'s' if n > 1 else ''})" if n > 0 else ""))
    return Coded.from_codes(codes, np.array(labels, dtype=object))


class IncidentTimeline(MacroElement):
    """Incident points, governorate choropleth and approximate-location outlines on one slider.

    The incidents travel in a ``<script type="application/json">`` element of their own, outside
    the script template: folium compiles each element's script as a Jinja template, which for a
    million incidents is most of the time spent writing the map.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = geomapTimeline(
            {{ this._parent.get_name() }},
            JSON.parse(document.getElementById({{ this.data_id_json }}).textContent),
            Object.assign({{ this.options_json }}, {
                baseLayers: {
                {%- for label, layer in this.base_layers %}{{ label }}: {{ layer.get_name() }},{% endfor -%}
                }
            })
        );
        {% endmacro %}
        """
    )

    def __init__(self, incidents: pd.DataFrame | Sequence[Incident], polygons: dict, admin_names: dict[str, str], *,
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

    def render(self, **kwargs):
        name = f"{self.get_name()}_data"
        self.data_id_json = script_json(name)
        element = RawHtml(f'<script type="application/json" id="{name}">{self.data_json}</script>')
        self.get_root().html.add_child(element, name=name)
        super().render(**kwargs)
