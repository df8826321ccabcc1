"""Write a map: one self-contained HTML file, an embeddable fragment, or a PNG screenshot."""

from __future__ import annotations

import datetime as dt
import html
import os
from pathlib import Path

import folium

from geomap.atomic import write_atomic  # noqa: F401  (part of this module's interface)
from geomap.errors import GeomapError, OptionError


def render_html(fmap: folium.Map) -> str:
    return fmap.get_root().render()


def embed_fragment(page: str, width: str = "100%", height: str = "600px") -> str:
    """An <iframe srcdoc> holding the whole map: paste it into any page or slide tool."""
    return (
        f'<iframe title="Incident map" style="width:{html.escape(width)};height:{html.escape(height)};border:0" '
        f'sandbox="allow-scripts" srcdoc="{html.escape(page, quote=True)}"></iframe>\n'
    )


def chromium_path() -> str:
    for candidate in (os.environ.get("GEOMAP_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser",
                      "/usr/bin/google-chrome"):
        if candidate and Path(candidate).exists():
            return candidate
    raise GeomapError("no Chromium found for --png: install it (apt-get install chromium) or set GEOMAP_CHROMIUM")


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def write_png(page_path: str | Path, png_path: str | Path, width: int = 1280, height: int = 800,
              date: dt.date | str | None = None) -> Path:
    """Screenshot of the map in headless Chromium, optionally with the slider at ``date``.

    Parameters
    ----------
    page_path, png_path
        The map's HTML file, and where the PNG goes (written atomically).
    width, height
        The browser window, in CSS pixels.
    date
        The day the slider shows (a date or an ISO ``YYYY-MM-DD`` string); by default the map's own start.
    """
    try:
        from playwright.sync_api import Error as BrowserError
    except ImportError:
        raise GeomapError("--png needs the playwright package: pip install playwright") from None
    if width < 200 or height < 200:
        raise OptionError("--width and --height must be at least 200 pixels")
    iso = date.isoformat() if isinstance(date, dt.date) else date
    try:
        png = _screenshot(Path(page_path), width, height, iso)
    except BrowserError as exc:  # Chromium would not start, crashed, or the page did not load in time
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise GeomapError(f"--png: headless Chromium failed ({first})") from None
    write_atomic(png_path, png)
    return Path(png_path)


def _screenshot(page_path: Path, width: int, height: int, iso: str | None) -> bytes:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:"))
                       else route.abort())
            page.goto(page_path.resolve().as_uri())
            page.wait_for_selector("[data-geomap-ready]", timeout=60_000)
            if iso:
                page.evaluate(
                    """(iso) => { const tl = window.geomapTimelines[0];
                        const day = Math.round((Date.parse(iso) - tl.t0) / 86400000); tl.setDay(day); }""",
                    iso,
                )
            page.wait_for_timeout(300)
            return page.screenshot(full_page=False)
        finally:
            browser.close()
