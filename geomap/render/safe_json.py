"""JSON that can sit inside a <script> element whatever strings it carries."""

from __future__ import annotations

import json

_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_TABLE = str.maketrans(_ESCAPES)


def script_json(value) -> str:
    """Compact JSON in which no input can close the script tag or start an HTML comment.

    >>> script_json({"note": "</script><img src=x onerror=alert(1)>"})
    '{"note":"\\\\u003c/script\\\\u003e\\\\u003cimg src=x onerror=alert(1)\\\\u003e"}'
    """
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).translate(_TABLE)
