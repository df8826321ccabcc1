"""Hostile strings: what an article or a table could carry to attack someone who opens a shared map.

Built from payload shapes (script tags, event handlers, URLs with script schemes, strings that
close a JSON string or a script element, markup in attributes) combined with the places in a
page where text from a source lands (popup, title, legend, tooltip), so that each kind of
escape is tried in each context.
"""

BASES = [
    "<script>window.__pwned='{n}'</script>",
    "</script><script>window.__pwned='{n}'</script>",
    "<img src=x onerror=\"window.__pwned='{n}'\">",
    "<svg onload=window.__pwned='{n}'>",
    "<iframe src=\"javascript:window.__pwned='{n}'\"></iframe>",
    "javascript:window.__pwned='{n}'",
    "<a href=\"javascript:window.__pwned='{n}'\">click</a>",
    "\"><script>window.__pwned='{n}'</script>",
    "'><img src=x onerror=window.__pwned='{n}'>",
    "<body onload=window.__pwned='{n}'>",
    "<details open ontoggle=window.__pwned='{n}'>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned='{n}'>",
    "<!--<img src=x onerror=window.__pwned='{n}'>-->",
    "\\u003cscript\\u003ewindow.__pwned='{n}'\\u003c/script\\u003e",
    "\"};window.__pwned='{n}';var x={\"a\":\"",
    "</title><script>window.__pwned='{n}'</script>",
    "</style><script>window.__pwned='{n}'</script>",
    "<object data=\"javascript:window.__pwned='{n}'\">",
    "<input autofocus onfocus=window.__pwned='{n}'>",
    "<video><source onerror=\"window.__pwned='{n}'\"></video>",
    "${window.__pwned='{n}'}",
    "{{constructor.constructor('window.__pwned=\\'{n}\\'')()}}",
    "<scr<script>ipt>window.__pwned='{n}'</scr</script>ipt>",
    "<ScRiPt>window.__pwned='{n}'</sCrIpT>",
    "<img src=`x` onerror=window.__pwned='{n}'>",
]
WRAPPERS = ["{p}", "Kirkuk {p}", "{p} in Binnish", "al-{p}", "“{p}”", "{p}\u2028", "O'Brien {p} & co", "<b>{p}</b>"]


def hostile_strings() -> list[str]:
    out = []
    for b, base in enumerate(BASES):
        for w, wrapper in enumerate(WRAPPERS):
            out.append(wrapper.replace("{p}", base.replace("{n}", f"{b}-{w}")))
    return out
