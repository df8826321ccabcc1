"""The panels around the map at the sizes it is used at: a laptop (1280x800), an embed, a notebook cell or an
800x600 PNG, and a phone (390x844). Measured as a person sees them: element boxes and how much they cover."""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.seeing import box, control_boxes, overlap, union_area

ROOT = Path(__file__).resolve().parents[2]
WIDE, SMALL, PHONE = (1280, 800), (800, 600), (390, 844)
SIZES = [WIDE, SMALL, PHONE]
PHONE_CONTEXT = {"is_mobile": True, "has_touch": True, "device_scale_factor": 2}


@pytest.fixture(scope="module")
def sample_map(tmp_path_factory, examples) -> Path:
    """The bundled sample and one report placed only to a country, so that the clock carries the link."""
    folder = tmp_path_factory.mktemp("layout")
    out = folder / "map.html"
    national = folder / "national.txt"
    national.write_text("Kuwait drills\nKUWAIT CITY, 12 March 2025 - Unknown gunmen shot dead a shopkeeper in Kuwait "
                        "on Wednesday, police said.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "geomap", "map", str(examples), str(national), "-o", str(out),
                             "-q"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return out


def open_at(open_map, path, size):
    context = PHONE_CONTEXT if size == PHONE else {}
    return open_map(path, width=size[0], height=size[1], **context)


def assert_no_overlaps(boxes: dict[str, dict]) -> None:
    for (a, ba), (b, bb) in itertools.combinations(boxes.items(), 2):
        assert overlap(ba, bb) == 0, f"{a} overlaps {b}"


def open_panel(page, name: str) -> None:
    if not page.is_visible(f".geomap-{name} .geomap-fold-body"):
        page.click(f".geomap-{name} .geomap-fold-toggle")
    assert page.is_visible(f".geomap-{name} .geomap-fold-body")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_no_panel_covers_another(sample_map, open_map, size):
    page, errors, remote = open_at(open_map, sample_map, size)
    boxes = control_boxes(page)
    assert {"geomap-title", "geomap-clock", "geomap-filter", "geomap-legend", "leaflet-control-scale",
            "leaflet-control-attribution"} <= set(boxes)
    assert_no_overlaps(boxes)
    for b in boxes.values():  # all on the screen
        assert b["left"] >= 0 and b["top"] >= 0 and b["right"] <= size[0] and b["bottom"] <= size[1]
    assert errors == [] and remote == []


def test_wide_map_shows_filter_and_key_open(sample_map, open_map):
    page, errors, _ = open_at(open_map, sample_map, WIDE)
    assert page.is_visible(".geomap-filter .geomap-fold-body") and page.is_visible(".geomap-legend .geomap-fold-body")
    assert page.is_visible("select.geomap-window")
    assert union_area(list(control_boxes(page).values())) <= 0.3 * WIDE[0] * WIDE[1]  # all open, still mostly map
    assert errors == []


@pytest.mark.parametrize("size", [SMALL, PHONE], ids=lambda s: f"{s[0]}x{s[1]}")
def test_small_maps_fold_the_panels_behind_buttons(sample_map, open_map, size):
    page, errors, _ = open_at(open_map, sample_map, size)
    for name in ("filter", "legend"):
        assert page.is_visible(f".geomap-{name} .geomap-fold-toggle")
        assert not page.is_visible(f".geomap-{name} .geomap-fold-body")
    assert not page.is_visible("select.geomap-window")  # the clock's options fold too
    covered = union_area(list(control_boxes(page).values()))
    assert covered <= 0.25 * size[0] * size[1], f"panels cover {covered / (size[0] * size[1]):.0%} of the map"
    page.click("button.geomap-options-toggle")
    assert page.is_visible("select.geomap-window")
    assert_no_overlaps(control_boxes(page))
    assert errors == []


@pytest.mark.parametrize("name", ["filter", "legend"])
@pytest.mark.parametrize("size", [SMALL, PHONE], ids=lambda s: f"{s[0]}x{s[1]}")
def test_an_open_panel_covers_at_most_a_quarter_and_leaves_the_clock_clear(sample_map, open_map, size, name):
    page, errors, _ = open_at(open_map, sample_map, size)
    open_panel(page, name)
    panel = box(page, f".geomap-{name}")
    assert panel["width"] * panel["height"] <= 0.25 * size[0] * size[1]
    assert_no_overlaps(control_boxes(page))
    other = "legend" if name == "filter" else "filter"
    open_panel(page, other)  # one panel at a time on a small map
    assert not page.is_visible(f".geomap-{name} .geomap-fold-body")
    assert errors == []


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_key_never_covers_the_slider_or_its_date(sample_map, open_map, size):
    page, errors, _ = open_at(open_map, sample_map, size)
    open_panel(page, "legend")
    if page.is_visible("button.geomap-options-toggle"):
        page.click("button.geomap-options-toggle")  # the clock grows: the open key makes room
    key = box(page, ".geomap-legend")
    for part in ("input.geomap-slider", ".geomap-datelabel", "canvas.geomap-hist-canvas", "select.geomap-window"):
        assert overlap(key, box(page, part)) == 0, f"the key covers {part}"
    assert errors == []


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_country_only_link_stays_inside_the_clock_and_off_the_scale(sample_map, open_map, size):
    page, errors, _ = open_at(open_map, sample_map, size)
    rects = page.eval_on_selector("a.geomap-national", """a => Array.from(a.getClientRects()).map(r => ({
        left: r.left, top: r.top, right: r.right, bottom: r.bottom}))""")
    assert rects and page.inner_text("a.geomap-national") == "1 located only to a country"
    clock, scale = box(page, ".geomap-clock"), box(page, ".leaflet-control-scale")
    for r in rects:
        assert clock["left"] <= r["left"] and r["right"] <= clock["right"]
        assert clock["top"] <= r["top"] and r["bottom"] <= clock["bottom"]
        assert overlap(r, scale) == 0
    page.click("a.geomap-national")
    page.wait_for_selector(".geomap-pop")
    assert errors == []


def test_phone_map_is_usable_by_touch(sample_map, open_map):
    page, errors, _ = open_at(open_map, sample_map, PHONE)
    slider = box(page, "input.geomap-slider")
    assert slider["width"] >= 300 and slider["right"] <= PHONE[0]
    for button in ("button.geomap-play", ".geomap-filter .geomap-fold-toggle", ".geomap-legend .geomap-fold-toggle"):
        assert box(page, button)["height"] >= 24, f"{button} is too small to tap"
    day = page.get_attribute(".folium-map", "data-geomap-day")
    page.tap("button.geomap-step[title='One day back']")
    assert page.get_attribute(".folium-map", "data-geomap-day") != day
    zoom = page.evaluate("window.geomapTimelines[0].map.getZoom()")
    page.tap(".geomap-filter .geomap-fold-toggle")
    assert page.is_visible("select.geomap-filter-country")
    page.tap(".geomap-filter .geomap-fold-toggle")
    # Two quick taps on a panel's button are not a double tap on the map: no zoom.
    assert not page.evaluate("window.geomapTimelines[0].map._animatingZoom")
    assert page.evaluate("window.geomapTimelines[0].map.getZoom()") == zoom
    # Tap a point: its popup fits on the screen.
    page.evaluate("window.geomapTimelines[0].points.setCluster(false)")
    mark = page.evaluate("""() => { const tl = window.geomapTimelines[0], r = tl.map.getContainer().getBoundingClientRect();
        const m = tl.points._marks.find(m => m.y > 120 && m.y < r.height - 250 && m.x > 20 && m.x < r.width - 20);
        return [r.left + m.x, r.top + m.y]; }""")
    page.tap(".folium-map", position={"x": mark[0], "y": mark[1]})
    page.wait_for_selector(".geomap-pop")
    # The map pans (animated) to bring the popup in: look once it has come to rest.
    page.wait_for_function("""() => { const r = document.querySelector('.leaflet-popup-content-wrapper')
        .getBoundingClientRect(), at = r.left + ',' + r.top, rest = window.__popupAt === at;
        window.__popupAt = at; return rest && !window.geomapTimelines[0].map._panAnim?._inProgress; }""",
                           polling=100, timeout=10_000)
    popup = box(page, ".leaflet-popup-content-wrapper")
    assert popup["left"] >= 0 and popup["right"] <= PHONE[0]
    for name, control in control_boxes(page).items():  # controls sit above popups: none may hide it
        assert overlap(popup, control) == 0, f"{name} hides part of the popup"
    assert errors == []


def test_resizing_folds_and_unfolds_the_panels(sample_map, open_map):
    """A notebook cell or a browser window that changes size: the layout follows."""
    page, errors, _ = open_at(open_map, sample_map, WIDE)
    assert page.is_visible(".geomap-filter .geomap-fold-body")
    page.set_viewport_size({"width": SMALL[0], "height": SMALL[1]})
    page.wait_for_selector(".geomap-filter .geomap-fold-body", state="hidden")
    assert union_area(list(control_boxes(page).values())) <= 0.25 * SMALL[0] * SMALL[1]
    assert_no_overlaps(control_boxes(page))
    page.set_viewport_size({"width": WIDE[0], "height": WIDE[1]})
    page.wait_for_selector(".geomap-legend .geomap-fold-body", state="visible")
    assert box(page, ".geomap-legend")["top"] > WIDE[1] / 2  # back in its bottom-right corner
    assert_no_overlaps(control_boxes(page))
    assert errors == []
