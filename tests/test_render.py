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


def embedded_options(page: str) -> dict:
    return json.loads(re.search(r"Object\.assign\((\{.*?\}), \{", page, re.S).group(1))


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
    codes = {f["properties"]["iso"] for f in embedded_options(page)["polygons"]["features"]}
    assert {"IQ-KI", "SY-ID"} <= codes


def test_embed_fragment_is_an_iframe_with_the_whole_page():
    page = render_html(build_map([incident(1)]))
    fragment = embed_fragment(page)
    assert fragment.startswith("<iframe") and 'sandbox="allow-scripts"' in fragment
    assert "<script>" not in fragment  # the page is escaped inside srcdoc


def test_one_name_per_governorate_in_polygons_labels_and_popups():
    anbar = incident(1, latitude=33.42, longitude=43.30, admin1="IQ-AN", admin1_name="Al Anbar", location="Ramadi")
    page = render_html(build_map([anbar, incident(2)], admin_names={"IQ-AN": "Anbar", "IQ-KI": "Kirkuk"}))
    options, data = embedded_options(page), embedded_data(page)
    polygon_names = {f["properties"]["iso"]: f["properties"]["name"] for f in options["polygons"]["features"]}
    assert polygon_names["IQ-AN"] == "Anbar"  # Natural Earth says "Al Anbar"
    assert dict(zip(data["admins"], data["admin_names"])) == {"IQ-AN": "Anbar", "IQ-KI": "Kirkuk"}
    label_names = {label[2] for label in options["labels"] if label[3] == "admin"}
    assert "Anbar" in label_names and "Al Anbar" not in label_names
    assert set(label_names) == set(polygon_names.values())


def test_each_incident_carries_its_country_with_one_name():
    page = render_html(build_map([incident(1), incident(2, country="", admin1="SY-ID", latitude=35.95,
                                                          longitude=36.71)]))
    data = embedded_data(page)
    assert data["text"]["cc"]["values"] == ["IQ", "SY"]
    assert data["country_names"] == {"IQ": "Iraq", "SY": "Syria"}


def test_the_slider_spans_the_period_asked_for():
    page = render_html(build_map([incident(3), incident(5)], period=(dt.date(2024, 12, 1), dt.date(2025, 1, 31))))
    data = embedded_data(page)
    assert data["t0"] == "2024-12-01" and data["ndays"] == 62
    days = np.frombuffer(base64.b64decode(data["num"]["day"]["b"]), dtype=np.uint8)
    assert days.tolist() == [34, 36]  # 2025-01-04 and 2025-01-06
