"""The written map file: one self-contained page, safe to share, the same bytes for the same input."""

import base64
import datetime as dt
import json
import re

import numpy as np

from geomap.models import Incident
from geomap.render import build_map, embed_fragment, render_html
from geomap.render.timeline import pack_incidents


def incident(n, **kw):
    base = dict(event_id=f"e{n}", event_date=dt.date(2025, 1, 1) + dt.timedelta(days=n), time_precision=1,
                event_type="Battles", sub_event_type="Armed clash", actor1="IS", actor2="", fatalities=n,
                location="Kirkuk", latitude=35.47, longitude=44.39, country="IQ", admin1="IQ-KI", admin1_name="Kirkuk",
                geo_precision=1, source="t.txt", notes="Clashes in Kirkuk.")
    base.update(kw)
    return Incident(**base)


def embedded_data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="\w+_data">(.*?)</script>', page, re.S)
    return json.loads(m.group(1))


def test_page_is_self_contained():
    page = render_html(build_map([incident(1), incident(2)]))
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=", page)
    assert not re.search(r"url\(\s*['\"]?(?!data:|#)", page)  # CSS images are inlined too
    assert not re.search(r"@import|fetch\(|XMLHttpRequest", page.split("/* geomap incident timeline")[1])


def test_same_input_same_bytes():
    incidents = [incident(n) for n in range(5)]
    assert render_html(build_map(incidents)) == render_html(build_map(incidents))


def test_data_are_columnar_and_strings_stored_once():
    incidents = [incident(n, notes=f"note {n % 3}") for n in range(30)]
    data = pack_incidents(incidents, {"IQ-KI": "Kirkuk"})
    assert data["text"]["note"]["dict"] == ["note 0", "note 1", "note 2"]
    assert data["text"]["loc"]["dict"] == ["Kirkuk"]
    days = np.frombuffer(base64.b64decode(data["num"]["day"]["b"]), dtype=np.uint8)
    assert days.tolist() == list(range(30))


def test_hostile_text_cannot_close_the_script():
    hostile = "</script><script>alert(1)</script><!--"
    page = render_html(build_map([incident(1, notes=hostile, location=hostile, actor1=hostile)], title=hostile))
    assert hostile not in page
    assert embedded_data(page)["text"]["note"]["values"] == [hostile]


def test_governorates_of_the_incidents_are_in_the_choropleth():
    page = render_html(build_map([incident(1), incident(2, country="SY", admin1="SY-ID", latitude=35.95,
                                                          longitude=36.71)]))
    options = re.search(r"Object\.assign\((\{.*?\}), \{", page, re.S).group(1)
    codes = {f["properties"]["iso"] for f in json.loads(options)["polygons"]["features"]}
    assert {"IQ-KI", "SY-ID"} <= codes


def test_embed_fragment_is_an_iframe_with_the_whole_page():
    page = render_html(build_map([incident(1)]))
    fragment = embed_fragment(page)
    assert fragment.startswith("<iframe") and 'sandbox="allow-scripts"' in fragment
    assert "<script>" not in fragment  # the page is escaped inside srcdoc
