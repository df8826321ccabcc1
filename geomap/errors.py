"""One root error for everything a user can fix; the CLI prints it as one line (:func:`one_line`)."""

import re

# Characters a terminal acts on instead of showing: C0 and C1 controls (escape sequences, line breaks), DEL,
# and the bidirectional overrides and isolates that reorder what is shown.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
MAX_LINE = 1000


class GeomapError(Exception):
    """Base class: a problem with the user's input or options, not a bug."""


class InputError(GeomapError, ValueError):
    """An input file is missing, unreadable, empty or not in a format geomap reads."""


class OptionError(GeomapError, ValueError):
    """An option has a value geomap cannot use."""


def one_line(text: str, limit: int = MAX_LINE) -> str:
    r"""A message as one harmless line: control characters shown as escapes, cut to ``limit`` characters.

    >>> one_line("file\x1b[2J.csv: bad\nline")
    'file\\x1b[2J.csv: bad\\nline'
    >>> one_line("x" * 5000, limit=60)
    'xxxxxxxxxxxxxxxxxxxx... (4,980 more characters)'
    """
    text = _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(text))
    if len(text) > limit:
        keep = max(limit - 40, 1)
        text = f"{text[:keep]}... ({len(text) - keep:,} more characters)"
    return text


def shown(value, limit: int = 80) -> str:
    """A value quoted for a message (``repr``), cut to about ``limit`` characters.

    >>> shown("soon"), shown("x" * 200, limit=20)
    ("'soon'", "'xxxxxxxxxxxxxx...'")
    """
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 5] + "...'"
