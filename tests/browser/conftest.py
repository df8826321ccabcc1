"""Headless Chromium with the network blocked: maps must work offline."""

from __future__ import annotations

import os
import shutil

import pytest


def chromium() -> str | None:
    for path in (os.environ.get("GEOMAP_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if path and os.path.exists(path):
            return path
    return None


@pytest.fixture(scope="session")
def browser():
    path = chromium()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing on CI: `make test` installs it with apt-get")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    from geomap.render.output import CHROMIUM_ARGS

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def open_map(browser):
    """Open a map file; returns (page, errors, requests made to anything but the file itself)."""
    pages = []

    def _open(path, width=1280, height=800, **context):
        """``context``: more of playwright's page options, e.g. is_mobile=True, has_touch=True for a phone."""
        page = browser.new_page(viewport={"width": width, "height": height}, **context)
        errors, remote = [], []
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("dialog", lambda dialog: (errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))

        def route(r):
            if r.request.url.startswith(("file:", "data:", "about:")):
                r.continue_()
            else:
                remote.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.goto(path.resolve().as_uri())
        page.wait_for_selector("[data-geomap-ready]", timeout=30_000)
        pages.append(page)
        return page, errors, remote

    yield _open
    for page in pages:
        page.close()


def pytest_collection_modifyitems(items):
    """Every test here opens a browser: `pytest -m "not browser"` leaves them out."""
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.browser)
