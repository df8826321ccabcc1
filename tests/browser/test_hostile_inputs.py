"""200 hostile strings through text and CSV inputs: in headless Chromium none of them runs."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

from tests.hostile import hostile_strings

ROOT = Path(__file__).resolve().parents[2]
ATTACK_ELEMENTS = "script, img, svg, iframe, object, video, body, details, input, math, a[href^='javascript']"


def build(tmp_path: Path, *inputs: Path) -> Path:
    out = tmp_path / "hostile.html"
    title = hostile_strings()[1]
    result = subprocess.run([sys.executable, "-m", "geomap", "map", *map(str, inputs), "-o", str(out), "-q",
                             "--title", title, "--subtitle", hostile_strings()[2], "--reference-date", "2025-03-01"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return out


def test_hostile_strings_never_execute(tmp_path, open_map):
    payloads = hostile_strings()
    assert len(payloads) >= 200
    table = tmp_path / "hostile.csv"
    with open(table, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["event_date", "event_type", "sub_event_type", "location", "latitude", "longitude", "notes",
                         "actor1", "actor2", "source", "fatalities"])
        for n, p in enumerate(payloads):
            writer.writerow([f"2025-01-{n % 28 + 1:02d}", p, p, p, 33 + (n % 40) / 10, 38 + (n // 40) / 2, p, p, p, p,
                             n % 4])
    texts = tmp_path / "texts"
    texts.mkdir()
    for n, p in enumerate(payloads[:60]):
        (texts / f"{n:03d}.txt").write_text(
            f"{p} headline\n\nKIRKUK, Iraq, 3 March 2025 — Gunmen attacked a checkpoint in Hawija on Sunday, killing "
            f"two soldiers, said {p}. A roadside bomb hit a patrol near Tikrit, {p}.\n", encoding="utf-8")
    page_path = build(tmp_path, table, texts)
    page, errors, remote = open_map(page_path)
    # Every popup, as a reader would open them one by one; every governorate tooltip.
    shown = page.evaluate("""() => { const tl = window.geomapTimelines[0]; const box = document.createElement('div');
        box.id = 'all-popups'; document.body.appendChild(box);
        for (let i = 0; i < tl.data.n; i++) { box.appendChild(tl.popupFor([i])); box.appendChild(tl.pointTip({items: [i]})); }
        tl.choropleth.eachLayer(l => box.appendChild(tl.tooltipFor(l.feature.properties.iso, l.feature.properties.name)));
        return box.textContent; }""")
    page.wait_for_timeout(500)
    assert page.evaluate("window.__pwned") is None
    assert page.locator(f"#all-popups :is({ATTACK_ELEMENTS})").count() == 0
    assert page.locator(f".geomap-title :is({ATTACK_ELEMENTS}), .geomap-legend :is({ATTACK_ELEMENTS})").count() == 0
    # Event types from the table are filter choices, shown as text; actors are suggestions in the actor box.
    choices = page.eval_on_selector_all(".geomap-filter-name", "els => els.map(e => e.textContent)")
    not_ours = ATTACK_ELEMENTS.replace(", input,", ",")
    assert page.locator(f".geomap-filter :is({not_ours})").count() == 0
    assert page.locator(".geomap-filter input").count() == len(choices) + 1  # a box per type, the actor field
    assert payloads[5].strip() in choices
    page.fill("input.geomap-filter-actor", payloads[0].strip())
    assert int(page.get_attribute(".folium-map", "data-geomap-kept")) >= 1
    missing = [p for p in payloads if p.strip() not in shown]  # cells are read with outer spaces trimmed
    assert not missing, missing[:3]  # every payload is shown as text, not swallowed
    assert errors == [] and remote == []
