"""Map size and time until interactive: geomap's timeline map beside folium's TimestampedGeoJson.

    python benchmarks/bench_maps.py [--sizes 1000 10000 100000] [--timeout 90]

Both maps carry the same synthetic incidents (seeded): a point, a date, an event type, a
place, fatalities, actors, a one-sentence note and a source in every popup. Prints, per
size: bytes per incident of each HTML file and the time from navigation until the map is
interactive in headless Chromium with the network blocked. folium's page loads its
scripts from CDNs; they are served here from their npm packages (fetched once into
benchmarks/out/npm), so that it is measured offline too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import subprocess
import tarfile
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
         "Strategic developments"]
COLORS = ["#d7301f", "#fc8d59", "#7a0177", "#2b8cbe", "#41ab5d", "#737373"]
PLACES = [("Kirkuk", 35.468, 44.392, "IQ-KI"), ("Mosul", 36.335, 43.119, "IQ-NI"),
          ("Ramadi", 33.426, 43.299, "IQ-AN"), ("Tikrit", 34.597, 43.677, "IQ-SD"),
          ("Baqubah", 33.746, 44.643, "IQ-DI"), ("Idlib", 35.930, 36.634, "SY-ID"), ("Aleppo", 36.202, 37.159, "SY-HL"),
          ("Deir ez-Zor", 35.336, 40.141, "SY-DY"), ("Raqqa", 35.953, 39.008, "SY-RA"),
          ("Homs", 34.727, 36.723, "SY-HI"), ("Daraa", 32.618, 36.102, "SY-DR"), ("Hasakah", 36.502, 40.747, "SY-HA")]
ACTORS = ["Islamic State (IS)", "Military Forces of Iraq", "Syrian Democratic Forces (SDF)", "Military Forces of Syria",
          "Military Forces of Turkey", "Popular Mobilization Forces (PMF)", "Unidentified Armed Group", "Civilians"]

# CDN address -> (npm package, file inside it) for folium's assets; None: served empty (not needed to run).
FOLIUM_ASSETS = {
    "leaflet.js": ("leaflet@1.9.4", "package/dist/leaflet.js"),
    "leaflet.css": ("leaflet@1.9.4", "package/dist/leaflet.css"),
    "jquery-3.7.1.min.js": ("jquery@3.7.1", "package/dist/jquery.min.js"),
    "jquery.min.js": ("jquery@3.7.1", "package/dist/jquery.min.js"),
    "jquery-ui.min.js": ("jquery-ui-dist@1.13.2", "package/jquery-ui.min.js"),
    "iso8601.min.js": ("iso8601-js-period@0.2.1", "package/iso8601.js"),
    "leaflet.timedimension.min.js": ("leaflet-timedimension@1.1.1", "package/dist/leaflet.timedimension.min.js"),
    "leaflet.timedimension.control.css": ("leaflet-timedimension@1.1.1",
                                          "package/dist/leaflet.timedimension.control.css"),
    "moment.min.js": ("moment@2.18.1", "package/min/moment.min.js"),
}


def synthetic(n: int, seed: int = 42):
    from geomap.models import Incident

    rng = random.Random(seed)
    start = dt.date(2023, 1, 1)
    out = []
    for i in range(n):
        name, lat, lon, admin1 = rng.choice(PLACES)
        k = rng.randrange(len(TYPES))
        a1, a2 = rng.sample(ACTORS, 2)
        deaths = rng.choice([0, 0, 0, 1, 2, 3, 5, 9])
        day = start + dt.timedelta(days=rng.randrange(730))
        note = (f"{a1} attacked positions near {name} on {day:%d %B %Y}, killing {deaths} and wounding "
                f"{rng.randrange(12)}, local sources said (report {i}).")
        out.append(Incident(
            event_id=f"SYN{i}", event_date=day, time_precision=1, event_type=TYPES[k], sub_event_type="Armed clash",
            actor1=a1, actor2=a2, fatalities=deaths, location=name, latitude=lat + rng.gauss(0, 0.25),
            longitude=lon + rng.gauss(0, 0.25), country=admin1[:2], admin1=admin1, admin1_name=name,
            geo_precision=rng.choice([1, 1, 1, 2, 3]), source="synthetic.csv", notes=note, sources=("synthetic.csv",)))
    return out


def geomap_html(incidents) -> str:
    from geomap.render import build_map, render_html

    return render_html(build_map(incidents, title="Benchmark"))


def folium_html(incidents) -> str:
    import folium
    from folium.plugins import TimestampedGeoJson

    fmap = folium.Map(location=[34.5, 40.5], zoom_start=6)
    features = []
    for inc in incidents:
        popup = (f"<b>{inc.event_type}</b><br>{inc.event_date.isoformat()}<br>{inc.location}, "
                 f"{inc.admin1_name}<br>{inc.fatalities} killed<br>{inc.actor1} vs {inc.actor2}<br>"
                 f"<i>{inc.notes}</i><br>Source: {inc.source}")
        color = COLORS[TYPES.index(inc.event_type)]
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [inc.longitude, inc.latitude]},
            "properties": {"time": inc.event_date.isoformat(), "popup": popup, "icon": "circle",
                           "iconstyle": {"fillColor": color, "fillOpacity": 0.8, "stroke": "true",
                                         "radius": 4 + 2 * inc.fatalities ** 0.5}},
        })
    TimestampedGeoJson({"type": "FeatureCollection", "features": features}, period="P1D", add_last_point=False,
                       duration="P30D").add_to(fmap)
    return fmap.get_root().render()


def npm_file(spec: str, member: str) -> bytes:
    folder = OUT / "npm"
    folder.mkdir(parents=True, exist_ok=True)
    tgz = folder / (spec.replace("@", "-").replace("/", "-") + ".tgz")
    if not tgz.exists():
        result = subprocess.run(["npm", "pack", spec, "--silent"], cwd=folder, capture_output=True, text=True,
                                check=True)
        (folder / result.stdout.strip().splitlines()[-1]).rename(tgz)
    with tarfile.open(tgz) as tar:
        return tar.extractfile(member).read()


def serve_folium_assets(route) -> None:
    url = route.request.url
    if url.startswith(("file:", "data:")):
        route.continue_()
        return
    name = url.rsplit("/", 1)[-1].split("?")[0]
    if name in FOLIUM_ASSETS:
        spec, member = FOLIUM_ASSETS[name]
        kind = "text/css" if name.endswith(".css") else "application/javascript"
        route.fulfill(status=200, body=npm_file(spec, member), content_type=kind)
    else:  # bootstrap, fonts, tiles: not needed for the map to work
        route.fulfill(status=200, body=b"", content_type="text/plain")


def time_to_interactive(browser, path: Path, ready: str, timeout_s: float, routed: bool) -> float | None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        page.route("**/*", serve_folium_assets if routed else (
            lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort()))
        t = time.perf_counter()
        page.goto(path.resolve().as_uri(), timeout=timeout_s * 1000, wait_until="commit")
        page.wait_for_selector(ready, timeout=timeout_s * 1000, state="attached")
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        return time.perf_counter() - t
    except Exception:  # a timeout or a crashed page: reported as not interactive
        return None
    finally:
        page.close()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--timeout", type=float, default=90)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    from geomap.render.output import CHROMIUM_ARGS, chromium_path

    OUT.mkdir(exist_ok=True)
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for n in args.sizes:
            incidents = synthetic(n)
            ours, theirs = OUT / f"geomap-{n}.html", OUT / f"folium-{n}.html"
            t = time.perf_counter()
            ours.write_text(geomap_html(incidents), encoding="utf-8")
            build_ours = time.perf_counter() - t
            t = time.perf_counter()
            theirs.write_text(folium_html(incidents), encoding="utf-8")
            build_theirs = time.perf_counter() - t
            a, b = ours.stat().st_size, theirs.stat().st_size
            tti_ours = time_to_interactive(browser, ours, "[data-geomap-ready]", args.timeout, routed=False)
            tti_theirs = time_to_interactive(browser, theirs, ".leaflet-control-timecontrol", args.timeout,
                                             routed=True)
            rows.append({"incidents": n, "geomap_bytes_per_incident": round(a / n), "folium_bytes_per_incident":
                         round(b / n), "size_ratio": round(a / b, 3), "geomap_interactive_s": tti_ours,
                         "folium_interactive_s": tti_theirs, "geomap_build_s": round(build_ours, 2),
                         "folium_build_s": round(build_theirs, 2)})
            print(f"{n:>7,} incidents | bytes/incident: geomap {a / n:6.0f}, folium {b / n:6.0f} "
                  f"({a / b:.0%} of folium) | interactive: geomap {_fmt(tti_ours)}, folium {_fmt(tti_theirs)} "
                  f"| build: geomap {build_ours:.1f} s, folium {build_theirs:.1f} s", flush=True)
        browser.close()
    (OUT / "bench_maps.json").write_text(json.dumps(rows, indent=1))


def _fmt(seconds: float | None) -> str:
    return "no (timed out or crashed)" if seconds is None else f"{seconds:.1f} s"


if __name__ == "__main__":
    main()
