"""What a person sees when they open a generated map, in headless Chromium, offline."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

HOSTILE = [
    "</script><script>window.__pwned=1</script>",
    "<img src=x onerror=\"window.__pwned=2\">",
    "javascript:window.__pwned=3",
    "\"' onmouseover=\"window.__pwned=4\"",
    "<svg onload=window.__pwned=5>",
]


def make_map(tmp_path: Path, *inputs, extra=()) -> Path:
    out = tmp_path / "map.html"
    result = subprocess.run([sys.executable, "-m", "geomap", "map", *map(str, inputs), "-o", str(out), "-q", *extra],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def sample_map(tmp_path_factory, examples):
    return make_map(tmp_path_factory.mktemp("sample"), examples)


def fills(page):
    return page.eval_on_selector_all(".leaflet-overlay-pane path.leaflet-interactive",
                                     "els => els.map(e => e.getAttribute('fill'))")


def canvas_ink(page) -> int:
    """How many pixels of the points canvas are painted."""
    return page.evaluate("""() => { const c = document.querySelector('canvas.geomap-points');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
        for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; } return n; }""")


def test_map_renders_offline_with_slider_legend_and_layers(sample_map, open_map):
    page, errors, remote = open_map(sample_map)
    assert errors == [] and remote == []
    assert page.is_visible("input.geomap-slider")
    assert page.is_visible(".geomap-legend") and page.is_visible(".leaflet-control-layers")
    assert page.is_visible(".leaflet-control-scale") and "Natural Earth" in page.inner_text(".leaflet-control-attribution")
    assert len(fills(page)) >= 20  # governorates of Iraq and Syria
    assert canvas_ink(page) > 500
    assert "incidents in" in page.inner_text(".geomap-count")


def test_slider_moves_points_and_choropleth_together(sample_map, open_map):
    page, errors, _ = open_map(sample_map)
    page.select_option("select.geomap-window", "30")
    before = (page.get_attribute(".folium-map", "data-geomap-visible"), fills(page), canvas_ink(page))
    slider = page.locator("input.geomap-slider")
    slider.evaluate("(el) => { el.value = '40'; el.dispatchEvent(new Event('input')); }")
    after = (page.get_attribute(".folium-map", "data-geomap-visible"), fills(page), canvas_ink(page))
    assert page.inner_text(".geomap-datelabel") != ""
    assert before[0] != after[0], "the set of visible incidents did not change"
    assert before[1] != after[1], "the choropleth colours did not change"
    assert before[2] != after[2], "the points canvas did not change"
    page.click("button.geomap-play")
    page.wait_for_timeout(1200)
    assert page.get_attribute(".folium-map", "data-geomap-day") != "2024-10-17"
    assert errors == []


def test_popup_shows_hostile_text_as_text(tmp_path, open_map):
    path = tmp_path / "hostile.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["event_date", "event_type", "location", "latitude", "longitude", "notes", "actor1",
                         "source", "fatalities"])
        for n, text in enumerate(HOSTILE):
            writer.writerow([f"2025-01-0{n + 1}", text, text, 35.5 + n, 44.0 + n, f"Attack {text} here", text, text, 1])
    out = make_map(tmp_path, path, extra=["--title", HOSTILE[0], "--window", "0"])
    page, errors, remote = open_map(out)
    assert page.evaluate("window.__pwned") is None
    assert HOSTILE[0] in page.inner_text(".geomap-title")
    # Zoom in so that no point is clustered, then click each one.
    page.evaluate("window.geomapTimelines[0].map.setZoom(9, {animate: false})")
    for n in range(len(HOSTILE)):
        page.evaluate(f"(() => {{ const tl = window.geomapTimelines[0]; tl.map.closePopup();"
                      f"tl.map.setView([{35.5 + n}, {44.0 + n}], 9, {{animate: false}}); }})()")
        page.wait_for_selector(".geomap-pop", state="detached")  # the last popup fades out first
        mark = page.evaluate("""(() => { const tl = window.geomapTimelines[0], c = tl.map.getSize().divideBy(2);
            return tl.points._marks.reduce((a, b) => Math.hypot(a.x - c.x, a.y - c.y) < Math.hypot(b.x - c.x, b.y - c.y)
                                          ? a : b); })()""")
        box = page.locator(".folium-map").bounding_box()
        page.mouse.click(box["x"] + mark["x"], box["y"] + mark["y"])
        page.wait_for_selector(".geomap-pop")
        assert HOSTILE[n] in page.inner_text(".geomap-pop")
        assert page.locator(".geomap-pop img, .geomap-pop svg, .geomap-pop script").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert errors == [] and remote == []


def test_png_screenshot(tmp_path, examples):
    png = tmp_path / "map.png"
    make_map(tmp_path, examples, extra=["--png", png, "--width", "900", "--height", "600"])
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000


def test_png_at_a_date(tmp_path, examples):
    """--png with --date writes the screenshot of that day, not the default one."""
    early, again, late = tmp_path / "early.png", tmp_path / "again.png", tmp_path / "late.png"
    make_map(tmp_path, examples, extra=["--window", "30", "--date", "2024-10-01", "--png", early])
    make_map(tmp_path, examples, extra=["--window", "30", "--date", "2024-10-01", "--png", again])
    make_map(tmp_path, examples, extra=["--window", "30", "--date", "2025-03-01", "--png", late])
    assert early.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # The same day gives the same picture, another day another one: the date, not chance, made the difference.
    assert early.read_bytes() == again.read_bytes()
    assert early.read_bytes() != late.read_bytes()


def test_tiles_are_an_online_option_with_the_outline_still_there(tmp_path, examples, open_map):
    page, errors, remote = open_map(make_map(tmp_path, examples, extra=["--tiles", "OpenStreetMap"]))
    bases = page.eval_on_selector_all(".leaflet-control-layers-base label",
                                      "els => els.map(e => [e.textContent.trim(), e.querySelector('input').checked])")
    assert bases == [["OpenStreetMap tiles (needs network)", True], ["Outline basemap (offline)", False]]
    assert remote and all("tile.openstreetmap.org" in url for url in remote)  # blocked here, asked for online
    toggle = page.locator(".leaflet-control-layers-toggle").bounding_box()  # the layer list opens from its button
    page.mouse.move(toggle["x"] + toggle["width"] / 2, toggle["y"] + toggle["height"] / 2)
    page.click("text=Outline basemap (offline)")
    assert page.locator(".leaflet-overlay-pane path").count() > 20


def test_incidents_at_one_place_still_make_a_map(tmp_path, open_map):
    path = tmp_path / "one.csv"
    path.write_text("event_date,event_type,location,latitude,longitude,fatalities,country\n"
                    "2024-03-01,Battles,Raqqa,35.95,39.01,2,Syria\n2024-03-02,Battles,Raqqa,35.95,39.01,1,Syria\n")
    page, errors, _ = open_map(make_map(tmp_path, path))
    assert errors == []
    assert page.is_visible("input.geomap-slider") and page.is_visible(".geomap-legend")
    assert canvas_ink(page) > 20
    assert 6 <= page.evaluate("window.geomapTimelines[0].map.getZoom()") <= 10  # the town and its surroundings
    assert "Raqqa" in page.inner_text(".leaflet-pane")  # the basemap names the governorate


def test_play_never_skips_a_day_of_the_window(tmp_path, open_map):
    """Play steps at most one window at a time: every incident appears at some tick."""
    path = tmp_path / "spread.csv"
    rows = [f"2024-{m:02d}-{d:02d},Battles,Mosul,36.34,43.13,1,Iraq" for m in range(1, 13) for d in (3, 17)]
    path.write_text("event_date,event_type,location,latitude,longitude,fatalities,country\n" + "\n".join(rows) + "\n")
    page, errors, _ = open_map(make_map(tmp_path, path, extra=["--window", "1"]))
    seen = page.evaluate("""() => new Promise(done => {
        const tl = window.geomapTimelines[0], shown = new Set();
        const setDay = tl.setDay.bind(tl);
        tl.setDay = d => { setDay(d); tl.points._visible.forEach(i => shown.add(i)); };
        tl.speed = 32; tl.play();
        const wait = setInterval(() => { if (!tl.playing) { clearInterval(wait); done(shown.size); } }, 50);
    })""")
    assert seen == len(rows)
    assert errors == []


def test_window_given_on_the_command_line_is_the_one_shown(tmp_path, examples, open_map):
    page, errors, _ = open_map(make_map(tmp_path, examples, extra=["--window", "14", "--date", "2024-11-01"]))
    assert page.eval_on_selector("select.geomap-window", "s => s.options[s.selectedIndex].text") == "14 days"
    assert "2024-10-19 – 2024-11-01" in page.inner_text(".geomap-count")
    assert errors == []


def test_governorate_level_reports_can_be_read(tmp_path, open_map):
    path = tmp_path / "gov.csv"
    path.write_text("event_date,event_type,admin1,country,geo_precision,notes\n"
                    "2024-05-01,Battles,Anbar,Iraq,3,Clashes somewhere in western Anbar\n")
    page, errors, _ = open_map(make_map(tmp_path, path))
    tl = "window.geomapTimelines[0]"
    page.evaluate(f"""() => {{ const tl = {tl}; tl.choropleth.eachLayer(l => {{
        if (l.feature.properties.iso === 'IQ-AN') l.fire('click', {{latlng: l.getBounds().getCenter()}}); }}); }}""")
    page.wait_for_selector(".geomap-pop")
    assert "Clashes somewhere in western Anbar" in page.inner_text(".geomap-pop")
    assert errors == []


def test_narrow_map_keeps_the_clock_clear_of_the_legend(tmp_path, examples, open_map):
    page, errors, _ = open_map(make_map(tmp_path, examples), width=420, height=760)
    clock = page.locator(".geomap-clock").bounding_box()
    legend = page.locator(".geomap-legend").bounding_box()
    assert legend["y"] + legend["height"] <= clock["y"], "legend overlaps the slider"
    assert clock["x"] + clock["width"] <= 420
    assert errors == []


def test_reports_placed_only_to_a_country_can_be_read(tmp_path, open_map):
    path = tmp_path / "country.txt"
    path.write_text("Clashes across Syria\n\n3 March 2025\n\nClashes erupted across Syria on Sunday, killing four "
                    "fighters, a monitor said.\n\nIn Mosul, gunmen attacked a police checkpoint on Sunday.\n")
    page, errors, _ = open_map(make_map(tmp_path, path))
    page.click("a.geomap-national")
    page.wait_for_selector(".geomap-pop")
    assert "Clashes erupted across Syria" in page.inner_text(".geomap-pop")
    assert errors == []


def test_scale_can_follow_the_window(sample_map, open_map):
    page, errors, _ = open_map(sample_map)
    page.select_option("select.geomap-window", "30")
    fixed = fills(page)
    page.select_option("select.geomap-scale-mode", "window")
    relative = fills(page)
    assert fixed != relative  # a quiet month spreads over the whole scale
    assert errors == []
