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

from geomap.frame import as_frame
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


def string_column(values) -> dict:
    """Strings stored once: a dictionary and a typed index (0 = none), or the plain list when all differ.

    >>> string_column(["a", "", "b", "a"])
    {'dict': ['a', 'b'], 'idx': {'t': 'u8', 'b': 'AQACAQ=='}}
    """
    values = pd.Series(values, dtype=object).fillna("").astype(str)
    codes, uniques = pd.factorize(values)
    if len(values) and len(uniques) == len(values) and (values != "").all():
        return {"values": values.tolist()}
    empty = np.flatnonzero(uniques == "")
    codes = codes + 1
    labels = list(uniques)
    if len(empty):  # "" is "none" (index 0), and the others keep their first-seen order
        k = int(empty[0]) + 1
        codes = np.where(codes == k, 0, np.where(codes > k, codes - 1, codes))
        labels.pop(k - 1)
    return {"dict": labels, "idx": typed_column(codes)}


def _ints(frame: pd.DataFrame, column: str, missing: int = -1) -> np.ndarray:
    if column not in frame:
        return np.full(len(frame), missing, dtype=np.int64)
    return pd.to_numeric(frame[column], errors="coerce").fillna(missing).to_numpy(dtype=np.int64)


def _texts(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame:
        return pd.Series("", index=frame.index, dtype=object)
    return frame[column].astype(object).where(frame[column].notna(), "").astype(str)


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
    admins: list[str] = sorted(set(codes.unique()) - {""})
    adm_index = {code: k for k, code in enumerate(admins)}
    numbers = {
        "day": (days - t0).astype(np.int64),
        "lat": np.round(frame["latitude"].to_numpy(dtype=float) * 1e4).astype(np.int64),
        "lon": np.round(frame["longitude"].to_numpy(dtype=float) * 1e4).astype(np.int64),
        "fat": _ints(frame, "fatalities", 0),
        "prec": _ints(frame, "geo_precision", 1),
        "tprec": _ints(frame, "time_precision", 1),
        "adm": codes.map(adm_index).fillna(-1).to_numpy(dtype=np.int64),
        "ps": _ints(frame, "place_start"),
        "pe": _ints(frame, "place_end"),
    }
    location = _texts(frame, "location")
    location = location.where(location != "", _texts(frame, "admin1")).where(lambda s: s != "",
                                                                              _texts(frame, "country_code"))
    event_type = _texts(frame, "event_type")
    texts = {
        "type": event_type.where(event_type != "", "Unknown"),
        "sub": _texts(frame, "sub_event_type"),
        "loc": location,
        "note": _texts(frame, "notes"),
        "src": _source_labels(frame),
        "a1": _texts(frame, "actor1"),
        "a2": _texts(frame, "actor2"),
        "cc": _country_codes(frame, codes),
    }
    countries = sorted({c for c in texts["cc"] if c})
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


def _country_codes(frame: pd.DataFrame, admin1_codes: pd.Series) -> pd.Series:
    """Each incident's ISO 3166-1 code: its country's, else its governorate's."""
    cc = _texts(frame, "country_code")
    return cc.where(cc != "", admin1_codes.str[:2])


def _source_labels(frame: pd.DataFrame) -> pd.Series:
    """A file path shows as its name; an article's title follows; further reports are counted."""
    source = _texts(frame, "source")
    codes, uniques = pd.factorize(source)
    short = np.array([s.rsplit("/", 1)[-1] if "/" in s and " " not in s and "<" not in s else s for s in uniques],
                     dtype=object)
    label = pd.Series(short[codes] if len(codes) else [], index=frame.index, dtype=object)
    title = _texts(frame, "article_title")
    label = label.where(title == "", label + " — " + title)
    if "sources" in frame:
        extra = frame["sources"].map(lambda v: len(v) - 1 if isinstance(v, (list, tuple)) else 0)
        more = extra > 0
        if more.any():
            label[more] = [f"{lab} (+{n} more report{'s' if n > 1 else ''})" for lab, n in
                           zip(label[more], extra[more])]
    return label


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
