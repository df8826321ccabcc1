"""What a person sees on a map page: element boxes, overlaps, painted canvas pixels."""

from __future__ import annotations


def box(page, selector: str) -> dict | None:
    """The element's box in the viewport ({left, top, right, bottom, width, height}), None when not shown."""
    return page.evaluate("""(sel) => { const e = document.querySelector(sel); if (!e) return null;
        const r = e.getBoundingClientRect(); if (!r.width || !r.height || !e.offsetParent) return null;
        return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height}; }""",
                         selector)


def control_boxes(page) -> dict[str, dict]:
    """Every Leaflet control shown on the map, by a readable name."""
    return page.evaluate("""() => { const out = {};
        document.querySelectorAll('.leaflet-control').forEach((e, n) => {
          const r = e.getBoundingClientRect(); if (!r.width || !r.height) return;
          const name = (e.className.match(/geomap-(title|clock|filter|legend)|leaflet-control-(zoom|layers|scale|attribution)/)
                        || [String(n)])[0];
          out[name] = {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height}; });
        return out; }""")


def overlap(a: dict, b: dict) -> float:
    """Area shared by two boxes."""
    w = min(a["right"], b["right"]) - max(a["left"], b["left"])
    h = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return max(0.0, w) * max(0.0, h)


def union_area(boxes: list[dict]) -> float:
    """Area covered by boxes that may overlap (exact, by sweeping the distinct x edges)."""
    xs = sorted({x for b in boxes for x in (b["left"], b["right"])})
    total = 0.0
    for x0, x1 in zip(xs, xs[1:]):
        spans = sorted((b["top"], b["bottom"]) for b in boxes if b["left"] <= x0 and b["right"] >= x1)
        covered, reach = 0.0, float("-inf")
        for top, bottom in spans:
            if bottom > reach:
                covered += bottom - max(top, reach)
                reach = bottom
        total += covered * (x1 - x0)
    return total


def painted(page, selector: str, rgb: tuple[int, int, int] | None = None, tolerance: int = 24,
            min_alpha: int = 1, region: tuple[int, int, int, int] | None = None) -> int:
    """How many pixels of a canvas are painted (in colour ``rgb``, when given), in CSS-pixel ``region``
    (left, top, right, bottom) or the whole canvas."""
    return page.evaluate("""([sel, rgb, tol, minA, region]) => {
        const c = document.querySelector(sel), ratio = c.width / c.getBoundingClientRect().width;
        const [l, t, r, b] = region ? region.map(v => Math.round(v * ratio)) : [0, 0, c.width, c.height];
        const x0 = Math.max(0, l), y0 = Math.max(0, t), w = Math.min(c.width, r) - x0, h = Math.min(c.height, b) - y0;
        if (w <= 0 || h <= 0) return 0;
        const d = c.getContext('2d').getImageData(x0, y0, w, h).data; let n = 0;
        for (let i = 0; i < d.length; i += 4) {
          if (d[i + 3] < minA) continue;
          if (rgb && (Math.abs(d[i] - rgb[0]) > tol || Math.abs(d[i + 1] - rgb[1]) > tol || Math.abs(d[i + 2] - rgb[2]) > tol)) continue;
          n++; }
        return n; }""", [selector, list(rgb) if rgb else None, tolerance, min_alpha, list(region) if region else None])


def painted_columns(page, selector: str, rgb: tuple[int, int, int], tolerance: int = 24) -> list[int]:
    """The canvas's x positions (CSS pixels) that hold any pixel of colour ``rgb``."""
    return page.evaluate("""([sel, rgb, tol]) => {
        const c = document.querySelector(sel), ratio = c.width / c.getBoundingClientRect().width;
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, cols = new Set();
        for (let i = 0; i < d.length; i += 4) {
          if (d[i + 3] && Math.abs(d[i] - rgb[0]) <= tol && Math.abs(d[i + 1] - rgb[1]) <= tol &&
              Math.abs(d[i + 2] - rgb[2]) <= tol) cols.add(Math.floor(((i / 4) % c.width) / ratio)); }
        return Array.from(cols).sort((a, b) => a - b); }""", [selector, list(rgb), tolerance])


def hex_rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[k:k + 2], 16) for k in (0, 2, 4))
