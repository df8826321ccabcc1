"""Dates in news text: the article's own date, and event dates relative to it.

Regular expressions find the date expressions (so that a stray number is never read
as a date); dateparser reads them, relative to the article's date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from geomap.arabic import arabic_dates, arabic_relative_dates, is_arabic

MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|januar|februar|märz|mai|juni|juli|"
    r"oktober|dezember)\.?"
)
WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_ABSOLUTE = re.compile(
    r"(?<![\w.])(?:"
    rf"(?P<dmy>\d{{1,2}}(?:st|nd|rd|th)?\.?\s*{MONTH},?\s+\d{{4}})"
    rf"|(?P<mdy>{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2})"
    # "Mar 142019": day and year run together in scraped pages
    rf"|(?P<mdyglued>{MONTH}\s+\d{{2}}(?:19|20)\d\d)"
    r"|(?P<dotted>\d{1,2}\.\d{1,2}\.\d{4})"
    r"|(?P<dashed>\d{1,2}-\d{1,2}-\d{4})"
    r"|(?P<slashed>\d{1,2}/\d{1,2}/\d{4})"
    rf"|(?P<md>{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?)(?![\d,]*\s*\d{{4}})"
    rf"|(?P<dm>\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH})(?!,?\s*\d{{4}})"
    # "in August 2013", "since March 2011": a month of a year (time precision 3)
    rf"|(?P<monthyear>(?<!\d\s){MONTH}[ \t]+(?:of[ \t]+)?(?:19|20)\d\d(?![-./]\d))"
    # "07.07.2015Get short URL": scraped pages glue the next capitalised word to a date
    r")(?!\d|_|(?-i:[a-z]))",
    re.I,
)
_RELATIVE = re.compile(
    r"\b(?:"
    rf"(?P<weekday>(?:on|last|late on|early on|this|since)?\s*{WEEKDAY})"
    r"|(?P<sameday>(?:on\s+)?the\s+same\s+day|at\s+the\s+same\s+time|that\s+same\s+day)"
    r"|(?P<sameweek>(?:in\s+)?the\s+same\s+week|that\s+same\s+week)"
    r"|(?P<daybefore>a\s+day\s+earlier|the\s+day\s+before|the\s+previous\s+(?:day|evening|night)|a\s+day\s+before)"
    r"|(?P<yesterday>yesterday|overnight|last\s+night)"
    r"|(?P<today>today|earlier today|this morning|this afternoon|this evening|tonight)"
    r"|(?P<ago>(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|a few|several)\s+(?:days?|weeks?|hours)\s+"
    r"(?:ago|earlier|before))"
    # "on the 3rd," but not "the 8th Army Division" or "the 3rd of May" (an absolute date)
    r"|(?P<dayofmonth>(?:on|of)\s+the\s+\d{1,2}(?:st|nd|rd|th))(?=\s*[,.;:)]|\s*$|\s+(?:at|in|when|while|as|near|"
    r"around|before|after|morning|evening|night|afternoon)\b)"
    r"|(?P<partlastmonth>(?:early|mid|late)[\s-]+last\s+month|(?:the\s+)?(?:beginning|start|end)\s+of\s+last\s+month)"
    r"|(?P<lastweek>last\s+week|earlier\s+this\s+week|this\s+week|past\s+week)"
    r"|(?P<lastmonth>last\s+month|earlier\s+this\s+month|this\s+month|past\s+month)"
    rf"|(?P<partmonth>(?:early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of)[\s-]+{MONTH})"
    rf"|(?P<inmonth>(?:in|during|since)\s+{MONTH})(?!\s+\d)"
    r")\b",
    re.I,
)
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "a few": 3, "several": 4}


@dataclass(frozen=True, slots=True)
class FoundDate:
    date: dt.date
    precision: int  # ACLED time_precision: 1 day, 2 week/approximate, 3 month
    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def _dateparser():
    import dateparser

    return dateparser


@lru_cache(maxsize=8192)
def _parse(text: str, base: dt.date | None, order: str | None = None) -> dt.date | None:
    """A date expression read by dateparser (cached: pages repeat the same expressions)."""
    numeric = re.fullmatch(r"(\d{1,4})[-./](\d{1,2})[-./](\d{1,4})", text.strip())
    if numeric and order in ("YMD", "DMY", "MDY"):
        a, b, c = (int(x) for x in numeric.groups())
        y, m, d = {"YMD": (a, b, c), "DMY": (c, b, a), "MDY": (c, a, b)}[order]
        try:
            return dt.date(y, m, d)
        except ValueError:
            return None
    return _parse_words(text, base, order)


def _parse_words(text: str, base: dt.date | None, order: str | None = None) -> dt.date | None:
    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(base, dt.time(12))
    if order:
        settings["DATE_ORDER"] = order
    clean = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text, flags=re.I)
    clean = re.sub(r"(\d)([A-Za-z])", r"\1 \2", clean)
    parsed = _dateparser().parse(clean, languages=["en", "de"], settings=settings)
    return parsed.date() if parsed else None


def absolute_dates(text: str, reference: dt.date | None = None) -> list[FoundDate]:
    """Calendar dates written out in ``text``; a date without a year takes the reference's."""
    found = []
    for m in _ABSOLUTE.finditer(text):
        kind = m.lastgroup
        expr = m.group()
        order = {"dotted": "DMY", "dashed": "DMY", "slashed": "DMY", "iso": "YMD", "dmy": "DMY", "dm": "DMY"}.get(kind)
        if kind in ("dotted", "dashed", "slashed"):
            first, second = (int(x) for x in re.split(r"[-./]", expr)[:2])
            if second > 12 >= first:
                order = "MDY"  # "10-31-2021": only a month can come first
            elif first <= 12 and second <= 12 and first != second and reference is not None:
                order = _numeric_order(expr, reference)
        if kind == "mdyglued":
            expr = expr[:-4] + " " + expr[-4:]
        if kind == "monthyear":
            date = _parse(f"15 {expr}", None, "DMY")
            if date and 1900 < date.year < 2100:
                found.append(FoundDate(date, 3, m.start(), m.end(), expr))
            continue
        if kind in ("md", "dm"):
            if reference is None:
                continue
            date = _parse(expr, reference, order)
            if date and date > reference + dt.timedelta(days=7):
                date = date.replace(year=date.year - 1)
        else:
            date = _parse(expr, None, order)
        if date and 1900 < date.year < 2100:
            found.append(FoundDate(date, 1, m.start(), m.end(), expr))
    if is_arabic(text):
        found += [FoundDate(date, 1, start, end, expr) for date, start, end, expr in arabic_dates(text)]
        found.sort(key=lambda f: f.start)
    return found


def _numeric_order(expr: str, reference: dt.date) -> str:
    """ "12/05/2016" in a report of 8 December 2016 is 5 December: of the day-first and month-first readings,
    the one on or before the report's date and nearest to it (an event is not in the future of its report)."""
    readings = []
    for order in ("DMY", "MDY"):
        date = _parse(expr, None, order)
        if date is not None:
            late = (date - reference).days
            readings.append((late > 1, abs(late), order))
    return min(readings)[2] if readings else "DMY"


def relative_dates(text: str, reference: dt.date, previous: dt.date | None = None) -> list[FoundDate]:
    """Weekdays and phrases such as "yesterday", "last week", "in late October".

    "The same day" and "a day earlier" refer to the event reported just before (``previous``).
    """
    found = []
    for m in _RELATIVE.finditer(text):
        reading = _read_relative(m.lastgroup, m.group(), reference, previous)
        if reading is not None:
            date, precision = reading
            found.append(FoundDate(date, precision, m.start(), m.end(), m.group()))
    return _with_arabic(_overnight_weekday_first(found), text, reference)


def _read_relative(kind: str | None, expr: str, reference: dt.date,
                   previous: dt.date | None) -> tuple[dt.date, int] | None:
    """The date and time precision of one relative expression of the given kind, or None if it names no date."""
    if kind in ("sameday", "sameweek", "daybefore"):
        return _anchored(kind, previous or reference)
    reader = _RELATIVE_READERS.get(kind)
    return reader(expr, reference) if reader is not None else None


def _anchored(kind: str, anchor: dt.date) -> tuple[dt.date, int]:
    """ "The same day", "the same week", "a day earlier": the event reported just before (or the article's date)."""
    date = anchor - dt.timedelta(days=1) if kind == "daybefore" else anchor
    return date, 2 if kind == "sameweek" else 1


def _weekday(expr: str, reference: dt.date) -> tuple[dt.date, int]:
    """ "On Tuesday": the last such day up to the reference ("last Tuesday": never the reference itself)."""
    day = re.search(WEEKDAY, expr, re.I).group().lower()
    back = (reference.weekday() - _weekday_index(day)) % 7
    if expr.lower().startswith("last"):
        back = back or 7
    return reference - dt.timedelta(days=back), 1


def _yesterday(expr: str, reference: dt.date) -> tuple[dt.date, int]:
    """ "Yesterday", "overnight", "last night": the day before the reference."""
    return reference - dt.timedelta(days=1), 1


def _today(expr: str, reference: dt.date) -> tuple[dt.date, int]:
    """ "Today", "this morning", "tonight": the reference itself."""
    return reference, 1


def _ago(expr: str, reference: dt.date) -> tuple[dt.date, int]:
    """ "Three days ago", "two weeks earlier", "48 hours before": counted back from the reference."""
    n_text, unit = expr.lower().rsplit(" ", 2)[0], expr.lower().split()[-2]
    n = int(n_text) if n_text.isdigit() else _NUMBER_WORDS.get(n_text, 1)
    days = n * 7 if unit.startswith("week") else (n // 24 if unit == "hours" else n)
    return reference - dt.timedelta(days=days), 2 if unit.startswith("week") else 1


def _day_of_month(expr: str, reference: dt.date) -> tuple[dt.date, int] | None:
    """ "At dawn on the 3rd": this month, or last month if the 3rd is still to come (None if no such day)."""
    day = int(re.search(r"\d+", expr).group())
    month_start = reference.replace(day=1)
    if day > reference.day:
        month_start = (month_start - dt.timedelta(days=1)).replace(day=1)
    try:
        return month_start.replace(day=day), 1
    except ValueError:
        return None


def _part_day(expr: str) -> int:
    """The day standing for the part of a month named in ``expr``: early 5, mid 15, late 25."""
    part = expr.lower()
    return 5 if ("early" in part or "beginning" in part or "start" in part) else (15 if "mid" in part else 25)


def _part_of_last_month(expr: str, reference: dt.date) -> tuple[dt.date, int]:
    """ "Early last month", "the end of last month": that part of the month before the reference's."""
    last = reference.replace(day=1) - dt.timedelta(days=1)
    return last.replace(day=_part_day(expr)), 2


def _last_week(expr: str, reference: dt.date) -> tuple[dt.date, int]:
    """ "Last week" a week back, "this week" three days back, to week precision."""
    return reference - dt.timedelta(days=7 if expr.lower().startswith(("last", "past")) else 3), 2


def _last_month(expr: str, reference: dt.date) -> tuple[dt.date, int]:
    """ "Last month" the middle of the month before, "this month" half way into this one, to month precision."""
    first = reference.replace(day=1)
    date = (first - dt.timedelta(days=1)).replace(day=15) if expr.lower().startswith(("last", "past")) \
        else reference.replace(day=max(1, reference.day // 2))
    return date, 3


def _named_month(expr: str, reference: dt.date) -> dt.date | None:
    """The 15th of the month named in ``expr``, in the last year that puts it on or before the reference."""
    month_text = re.search(MONTH, expr, re.I).group()
    date = _parse(f"15 {month_text}", reference, "DMY")
    if date is not None and date > reference:
        date = date.replace(year=date.year - 1)
    return date


def _part_of_month(expr: str, reference: dt.date) -> tuple[dt.date, int] | None:
    """ "In late October": that part of the named month, to week precision."""
    date = _named_month(expr, reference)
    return (date.replace(day=_part_day(expr)), 2) if date is not None else None


def _in_month(expr: str, reference: dt.date) -> tuple[dt.date, int] | None:
    """ "In October", "since March": the named month, to month precision."""
    date = _named_month(expr, reference)
    return (date, 3) if date is not None else None


# Readers of the relative expressions measured from the article's date, by the name of their group in _RELATIVE.
_RELATIVE_READERS = {
    "weekday": _weekday,
    "yesterday": _yesterday,
    "today": _today,
    "ago": _ago,
    "dayofmonth": _day_of_month,
    "partlastmonth": _part_of_last_month,
    "lastweek": _last_week,
    "lastmonth": _last_month,
    "partmonth": _part_of_month,
    "inmonth": _in_month,
}


def _overnight_weekday_first(found: list[FoundDate]) -> list[FoundDate]:
    """ "Overnight clashes on Tuesday": a weekday named next to "overnight" put first, as it says more than
    "overnight" does (but not in "clashed overnight, sources said on Thursday")."""
    night = [f for f in found if re.search(r"overnight|last\s+night", f.text, re.I)]
    named = [f for f in found if re.search(WEEKDAY, f.text, re.I)
             and any(abs(f.start - n.end) < 25 or abs(n.start - f.end) < 25 for n in night)]
    if named:
        found = named + [f for f in found if f not in named]
    return found


def _with_arabic(found: list[FoundDate], text: str, reference: dt.date) -> list[FoundDate]:
    if not is_arabic(text):
        return found
    found = found + [FoundDate(date, 1, start, end, expr) for date, start, end, expr in
                     arabic_relative_dates(text, reference)]
    return sorted(found, key=lambda f: f.start)


def _weekday_index(name: str) -> int:
    return ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].index(name)


def event_date(sentence: str, reference: dt.date | None, previous: dt.date | None = None) -> FoundDate | None:
    """The date a sentence gives for its event: explicit first, then relative to ``reference``."""
    explicit = absolute_dates(sentence, reference)
    days = [d for d in explicit if d.precision == 1]
    if days:
        return days[0]
    relative = relative_dates(sentence, reference, previous) if reference is not None else []
    if relative:
        return relative[0]  # "on Wednesday, the deadliest day since March 2011": Wednesday
    return explicit[0] if explicit else None
