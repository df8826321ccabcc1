"""A map made from a DataFrame, shown the way a notebook shows it (its _repr_html_), in headless Chromium."""

from tests.test_api import ACLED


def test_repr_html_of_a_dataframe_map_opens_without_errors(tmp_path, browser):
    import geomap

    fmap = geomap.map_incidents(ACLED[ACLED["fatalities"] > 0], window=30)
    page_file = tmp_path / "notebook.html"
    page_file.write_text(f"<!doctype html><html><body>{fmap._repr_html_()}</body></html>", encoding="utf-8")
    page = browser.new_page(viewport={"width": 1000, "height": 700})
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:", "about:"))
               else r.abort())
    page.goto(page_file.resolve().as_uri())
    frame = page.frame_locator("iframe")
    frame.locator("[data-geomap-ready]").wait_for(timeout=30_000)
    assert "incidents in" in frame.locator(".geomap-count").inner_text()
    assert errors == []
    page.close()
