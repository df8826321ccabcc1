"""The map as a briefing tool, in headless Chromium: filters, the histogram under the slider, the size key,
tooltips on points, popups that follow the window, one name per governorate."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.seeing import box, hex_rgb, painted, painted_columns

ROOT = Path(__file__).resolve().parents[2]
BATTLES = hex_rgb("#d7301f")
PROTESTS = hex_rgb("#2b8cbe")
IN_WINDOW = hex_rgb("#1f5f99")  # histogram bars and band inside the window
EMPTY = "#fbfbfa"               # a governorate with nothing in the window

# event_date, event_type, actor1, actor2, country, location, latitude, longitude, fatalities
ROWS = [
    ("2024-01-10", "Battles", "Islamic State (Iraq)", "Military Forces of Iraq", "Iraq", "Mosul", 36.34, 43.13, 10),
    ("2024-02-15", "Protests", "Protesters (Iraq)", "", "Iraq", "Basra", 30.51, 47.78, 0),
    ("2024-03-20", "Explosions/Remote violence", "Military Forces of Turkey", "", "Iraq", "Zakho", 37.14, 42.68, 1),
    ("2024-04-25", "Battles", "Hayat Tahrir al-Sham", "Military Forces of Syria", "Syria", "Idlib", 35.93, 36.63, 3),
    ("2024-06-01", "Violence against civilians", "Unidentified Armed Group (Syria)", "Civilians (Syria)", "Syria",
     "Deir ez-Zor", 35.33, 40.14, 1),
    ("2024-07-04", "Riots", "Rioters (Syria)", "", "Syria", "Suwayda", 32.71, 36.57, 0),
    ("2024-08-08", "Battles", "Military Forces of Syria", "Islamic State", "Syria", "Palmyra", 34.56, 38.28, 5),
    ("2024-09-12", "Strategic developments", "Military Forces of Iraq", "", "Iraq", "Ramadi", 33.42, 43.30, 0),
    ("2024-10-15", "Explosions/Remote violence", "Military Forces of Russia", "Civilians (Syria)", "Syria", "Aleppo",
     36.20, 37.16, 2),
    ("2024-11-20", "Protests", "Protesters (Syria)", "", "Syria", "Raqqa", 35.95, 39.01, 0),
    ("2024-12-28", "Battles", "Islamic State (Iraq)", "", "Iraq", "Kirkuk", 35.47, 44.39, 4),
]


def make_map(tmp_path: Path, rows=ROWS, extra=(), governorate_level=True) -> Path:
    table = tmp_path / "events.csv"
    with open(table, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["event_date", "event_type", "actor1", "actor2", "country", "location", "latitude",
                         "longitude", "fatalities", "notes", "admin1", "geo_precision"])
        for row in rows:
            writer.writerow([*row, f"Report from {row[5]} on {row[0]}.", "", 1])
        if governorate_level:
            writer.writerow(["2024-06-15", "Battles", "Islamic State (Iraq)", "", "Iraq", "", "", "", 2,
                             "Clashes somewhere in the western desert.", "Anbar", 3])
    out = tmp_path / "map.html"
    result = subprocess.run([sys.executable, "-m", "geomap", "map", str(table), "-o", str(out), "-q", *extra],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def table_map(tmp_path_factory):
    return make_map(tmp_path_factory.mktemp("briefing"))


def screen_point(page, lat: float, lon: float) -> tuple[float, float]:
    return tuple(page.evaluate("""([lat, lon]) => { const tl = window.geomapTimelines[0];
        const p = tl.map.latLngToContainerPoint([lat, lon]), r = tl.map.getContainer().getBoundingClientRect();
        return [r.left + p.x, r.top + p.y]; }""", [lat, lon]))


def fills_by_country(page) -> dict[str, set[str]]:
    """The fill colour of every governorate drawn, grouped by its country."""
    pairs = page.evaluate("""() => { const out = [];
        window.geomapTimelines[0].choropleth.eachLayer(l => out.push([l.feature.properties.iso,
                                                                        l._path.getAttribute('fill')]));
        return out; }""")
    out: dict[str, set[str]] = {}
    for iso, fill in pairs:
        out.setdefault(iso[:2], set()).add(fill)
    return out


def points_painted(page, rgb=None) -> int:
    return painted(page, "canvas.geomap-points", rgb, min_alpha=150)


def inside_governorate(page, iso: str, x: float, y: float, away: float) -> tuple[float, float]:
    """A screen point `away` pixels from (x, y) where the governorate's own polygon is on top."""
    for dx, dy in [(away, 0), (-away, 0), (0, away), (0, -away), (away, away), (-away, -away), (away, -away),
                   (-away, away)]:
        hit = page.evaluate("""([iso, x, y]) => { let path; window.geomapTimelines[0].choropleth.eachLayer(l => {
            if (l.feature.properties.iso === iso) path = l._path; }); return document.elementFromPoint(x, y) === path; }""",
                            [iso, x + dx, y + dy])
        if hit:
            return x + dx, y + dy
    raise AssertionError(f"no point of {iso} within {away} px")


def tooltip_texts(page) -> list[str]:
    return page.eval_on_selector_all(".leaflet-tooltip", "els => els.filter(e => e.offsetParent).map(e => e.innerText)")


# -- filters -----------------------------------------------------------------------------------


def test_type_filter_takes_points_choropleth_and_histogram_together(table_map, open_map):
    page, errors, remote = open_map(table_map)
    page.evaluate("window.geomapTimelines[0].points.setCluster(false)")
    battles_before, protests_before = points_painted(page, BATTLES), points_painted(page, PROTESTS)
    assert battles_before > 100 and protests_before > 50
    hist_before = painted(page, "canvas.geomap-hist-canvas", IN_WINDOW, min_alpha=200)
    assert "Battles" in page.inner_text(".geomap-filter")
    page.click(".geomap-filter label:has-text('Battles') input")
    assert points_painted(page, BATTLES) == 0, "battle points still drawn"
    assert points_painted(page, PROTESTS) == protests_before
    assert painted(page, "canvas.geomap-hist-canvas", IN_WINDOW, min_alpha=200) < hist_before
    # Kirkuk had only a battle: its governorate is empty now, on the same clock.
    kirkuk = page.evaluate("""() => { let f; window.geomapTimelines[0].choropleth.eachLayer(l => {
        if (l.feature.properties.iso === 'IQ-KI') f = l._path.getAttribute('fill'); }); return f; }""")
    assert kirkuk == EMPTY
    assert page.inner_text(".geomap-count").startswith("Filtered: 7 incidents")
    page.click(".geomap-filter-reset")
    assert points_painted(page, BATTLES) == battles_before
    assert errors == [] and remote == []


def test_country_filter_empties_the_other_countrys_governorates(table_map, open_map):
    page, errors, _ = open_map(table_map)
    options = page.eval_on_selector_all("select.geomap-filter-country option", "os => os.map(o => o.textContent)")
    assert options == ["All countries (12)", "Iraq (6)", "Syria (6)"]
    page.select_option("select.geomap-filter-country", label="Syria (6)")
    fills = fills_by_country(page)
    assert fills["IQ"] == {EMPTY} and fills["SY"] != {EMPTY}
    assert page.get_attribute(".folium-map", "data-geomap-visible") == "6"
    # The type counts now say what each type would add within Syria.
    battles = page.inner_text(".geomap-filter label:has-text('Battles') .geomap-filter-count")
    assert battles == "2"
    assert errors == []


def test_actor_filter_matches_either_actor_in_any_case(table_map, open_map):
    page, errors, _ = open_map(table_map)
    page.fill("input.geomap-filter-actor", "islamic state")
    # Mosul and Kirkuk (actor1), Palmyra (actor2) and the Anbar report placed to its governorate only.
    assert page.get_attribute(".folium-map", "data-geomap-visible") == "3"
    assert page.get_attribute(".folium-map", "data-geomap-kept") == "4"
    assert page.inner_text(".geomap-filter-status") == "4 of 12 incidents match"
    page.fill("input.geomap-filter-actor", "nobody at all")
    assert points_painted(page) == 0
    assert set().union(*fills_by_country(page).values()) == {EMPTY}
    assert errors == []


# -- the histogram -----------------------------------------------------------------------------


def histogram_window(page) -> tuple[int, int]:
    cols = painted_columns(page, "canvas.geomap-hist-canvas", IN_WINDOW)
    return cols[0], cols[-1]


def expected_window(page) -> tuple[float, float]:
    """Where the window should be drawn, from the dates the clock shows (CSS pixels in the canvas)."""
    return tuple(page.evaluate("""() => { const tl = window.geomapTimelines[0], r = tl.range();
        const w = document.querySelector('canvas.geomap-hist-canvas').getBoundingClientRect().width - 16;
        return [8 + r[0] / tl.nDays * w, 8 + r[1] / tl.nDays * w]; }"""))


def test_histogram_marks_the_window_and_a_click_moves_it(tmp_path, open_map):
    page, errors, _ = open_map(make_map(tmp_path, extra=["--window", "30", "--date", "2024-03-01"]))
    assert page.is_visible("canvas.geomap-hist-canvas")
    lo, hi = histogram_window(page)
    want = expected_window(page)
    assert abs(lo - want[0]) <= 2 and abs(hi - want[1]) <= 3
    # Bars outside the window are grey: the whole year's incidents are there.
    assert painted(page, "canvas.geomap-hist-canvas", hex_rgb("#a3a3a3"), min_alpha=200) > 50
    hist = box(page, "canvas.geomap-hist-canvas")
    page.mouse.click(hist["left"] + 8 + 0.75 * (hist["width"] - 16), hist["top"] + hist["height"] / 2)
    day = page.evaluate("window.geomapTimelines[0].day")
    n_days = page.evaluate("window.geomapTimelines[0].nDays")
    assert abs(day - (0.75 * n_days + 15)) <= 2, "a click centres the window on the day clicked"
    assert page.inner_text(".geomap-datelabel") == page.get_attribute(".folium-map", "data-geomap-day")
    lo2, hi2 = histogram_window(page)
    assert lo2 > hi, "the marked window moved right"
    assert errors == []


def test_dragging_the_window_on_the_histogram(tmp_path, open_map):
    page, errors, _ = open_map(make_map(tmp_path, extra=["--window", "30", "--date", "2024-03-01"]))
    hist = box(page, "canvas.geomap-hist-canvas")
    lo, hi = histogram_window(page)
    y = hist["top"] + hist["height"] / 2
    start_day = page.evaluate("window.geomapTimelines[0].day")
    page.mouse.move(hist["left"] + (lo + hi) / 2, y)
    page.mouse.down()
    page.mouse.move(hist["left"] + (lo + hi) / 2 + 100, y, steps=5)
    page.mouse.up()
    moved = page.evaluate("window.geomapTimelines[0].day") - start_day
    per_pixel = page.evaluate("window.geomapTimelines[0].nDays") / (hist["width"] - 16)
    assert abs(moved - 100 * per_pixel) <= 2
    lo2, hi2 = histogram_window(page)
    assert abs((lo2 - lo) - 100) <= 3
    assert errors == []


# -- the key -----------------------------------------------------------------------------------


def painted_width(page, selector: str, index: int = 0) -> int:
    """Width of what is painted across the middle row of a canvas (CSS pixels)."""
    return page.evaluate("""([sel, k]) => { const c = document.querySelectorAll(sel)[k];
        const ratio = c.width / c.getBoundingClientRect().width, y = Math.floor(c.height / 2);
        const d = c.getContext('2d').getImageData(0, y, c.width, 1).data; let first = -1, last = -1;
        for (let x = 0; x < c.width; x++) { if (d[x * 4 + 3] > 100) { if (first < 0) first = x; last = x; } }
        return first < 0 ? 0 : Math.round((last - first + 1) / ratio); }""", [selector, index])


def test_size_key_shows_the_sizes_drawn_on_the_map(table_map, open_map):
    page, errors, _ = open_map(table_map)
    labels = page.eval_on_selector_all(".geomap-key-size span", "els => els.map(e => e.textContent)")
    assert labels[:3] == ["0", "1", "10"]
    widths = [painted_width(page, ".geomap-key-size canvas", k) for k in range(len(labels))]
    assert widths == sorted(widths) and widths[0] < widths[-1]
    # Mosul's 10 dead on the map: the same size as the key's "10".
    page.evaluate("window.geomapTimelines[0].points.setCluster(false)")
    x, y = screen_point(page, 36.34, 43.13)
    canvas = box(page, "canvas.geomap-points")
    cx, cy = x - canvas["left"], y - canvas["top"]
    row = page.evaluate("""([cx, cy]) => { const c = document.querySelector('canvas.geomap-points');
        const ratio = c.width / c.getBoundingClientRect().width, y = Math.round(cy * ratio);
        const d = c.getContext('2d').getImageData(0, y, c.width, 1).data; let first = -1, last = -1;
        for (let x = Math.round((cx - 30) * ratio); x < (cx + 30) * ratio; x++) {
          if (d[x * 4 + 3] > 100) { if (first < 0) first = x; last = x; } }
        return Math.round((last - first + 1) / ratio); }""", [cx, cy])
    assert abs(row - widths[2]) <= 2
    assert "close together" in page.inner_text(".geomap-legend") and "Click to zoom in" in page.inner_text(".geomap-legend")
    assert errors == []


# -- tooltips and popups -----------------------------------------------------------------------


def test_hovering_a_point_shows_the_points_tooltip_not_the_governorates(table_map, open_map):
    page, errors, _ = open_map(table_map)
    page.evaluate("window.geomapTimelines[0].points.setCluster(false)")
    x, y = screen_point(page, 35.47, 44.39)  # the Kirkuk battle
    page.mouse.move(x - 40, y - 40)
    page.mouse.move(x, y, steps=4)
    texts = tooltip_texts(page)
    assert len(texts) == 1
    assert "Battles" in texts[0] and "2024-12-28" in texts[0] and "4 killed" in texts[0]
    assert "incidents," not in texts[0]
    tip = box(page, ".leaflet-tooltip")
    assert tip["width"] >= 120 and tip["left"] >= 0 and tip["top"] >= 0 and tip["right"] <= 1280  # whole, not squeezed
    # Away from the point, inside the same governorate: the governorate's tooltip.
    gx, gy = inside_governorate(page, "IQ-KI", x, y, away=25)
    page.mouse.move(gx, gy, steps=4)
    texts = tooltip_texts(page)
    assert len(texts) == 1 and texts[0].startswith("Kirkuk") and "1 incident, 4 killed" in texts[0]
    assert errors == []


def test_popup_closes_when_its_incident_leaves_the_window(tmp_path, open_map):
    page, errors, _ = open_map(make_map(tmp_path, extra=["--window", "7", "--date", "2024-12-30"]))
    x, y = screen_point(page, 35.47, 44.39)  # Kirkuk, 2024-12-28
    page.mouse.click(x, y)
    page.wait_for_selector(".geomap-pop")
    assert "Report from Kirkuk" in page.inner_text(".geomap-pop")
    page.click("button.geomap-step[title='One day back']")  # 2024-12-29: still in the window
    assert page.is_visible(".geomap-pop")
    page.locator("input.geomap-slider").evaluate("(el) => { el.value = '300'; el.dispatchEvent(new Event('input')); }")
    page.wait_for_selector(".geomap-pop", state="detached")
    assert errors == []


def test_popup_closes_when_a_filter_hides_its_incident(tmp_path, open_map):
    page, errors, _ = open_map(make_map(tmp_path))
    page.evaluate("window.geomapTimelines[0].points.setCluster(false)")
    x, y = screen_point(page, 30.51, 47.78)  # the Basra protest
    page.mouse.click(x, y)
    page.wait_for_selector(".geomap-pop")
    page.click(".geomap-filter label:has-text('Battles') input")
    assert page.is_visible(".geomap-pop"), "a filter that keeps the incident keeps its popup"
    page.click(".geomap-filter label:has-text('Protests') input")
    page.wait_for_selector(".geomap-pop", state="detached")
    assert errors == []


def test_one_name_per_governorate_in_tooltip_popup_and_label(table_map, open_map):
    page, errors, _ = open_map(table_map)
    # Anbar: Natural Earth calls it "Al Anbar"; the gazetteer, labels and popups "Anbar".
    page.evaluate("window.geomapTimelines[0].map.setZoom(6, {animate: false})")
    target = page.evaluate("""() => { const tl = window.geomapTimelines[0]; let c;
        tl.choropleth.eachLayer(l => { if (l.feature.properties.iso === 'IQ-AN')
          c = l.getBounds().getCenter(); }); tl.map.panTo(c, {animate: false}); return [c.lat, c.lng]; }""")
    x, y = screen_point(page, target[0] - 0.3, target[1] + 0.6)
    page.mouse.move(x - 5, y - 5)
    page.mouse.move(x, y, steps=3)
    tip = tooltip_texts(page)
    assert len(tip) == 1 and tip[0].splitlines()[0] == "Anbar"
    page.mouse.click(x, y)
    page.wait_for_selector(".geomap-pop")
    assert "Anbar — location approximate" in page.inner_text(".geomap-pop")
    labels = page.eval_on_selector_all(".geomap-label-admin", "els => els.map(e => e.textContent)")
    assert "Anbar" in labels
    shown = page.inner_text("body")
    assert "Al Anbar" not in shown
    assert errors == []
