"""Arabic-script news: dates, event words and death tolls, from the vocabulary in ``data/arabic.json``.

A first step, not a reading of Arabic: a sentence is typed by the first core event word it holds
(قصف shelling, غارة air strike, انفجار explosion, اشتباكات clashes ...), dated by a written date
(٣ آذار ٢٠٢٥, 3 مارس 2025), a weekday (يوم الأحد) or "yesterday" (أمس), and its toll is a number
next to a word for the killed (مقتل 5). Places are found by the gazetteer's Arabic names.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import lru_cache
from pathlib import Path

from gazetteer.normalize import is_arabic

__all__ = ["arabic_dates", "arabic_fatalities", "arabic_relative_dates", "classify_arabic", "is_arabic",
           "mostly_arabic"]

_LETTER = "\u0600-\u06ff"
_PREFIX = "(?:[وف]?[بلك]?)(?:ال)?"  # wa-/fa-, bi-/li-/ka-, the article: و ب ال ...


def mostly_arabic(text: str) -> bool:
    """Is ``text`` written in Arabic script more than in Latin letters? (An English sentence that glosses a
    name in Arabic is still read by the English rules.)

    >>> mostly_arabic("قصف على مدينة إدلب"), mostly_arabic("Gunmen attacked Hawija (الحويجة) on Sunday.")
    (True, False)
    """
    if not is_arabic(text):
        return False
    arabic = len(re.findall(f"[{_LETTER}]", text))
    return arabic > len(re.findall(r"[A-Za-z]", text))


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    return json.loads((Path(__file__).parent / "data" / "arabic.json").read_text(encoding="utf-8"))


def _words(stems, ending: int = 3) -> str:
    """A pattern for whole words made of a stem with its prefixes and up to ``ending`` letters after it."""
    alternatives = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in sorted(stems, key=len, reverse=True))
    return rf"(?<![{_LETTER}]){_PREFIX}(?:{alternatives})[{_LETTER}]{{0,{ending}}}(?![{_LETTER}])"


@lru_cache(maxsize=1)
def _rules() -> list[tuple[str, str, re.Pattern, bool]]:
    generic = set(vocabulary()["generic"])
    return [(etype, sub, re.compile(_words(stems)), all(s in generic for s in stems) or sub == "Attack")
            for etype, sub, stems in vocabulary()["events"]]


def classify_arabic(sentence: str):
    """(event type, sub-event type, start, end, generic) of the first event word of an Arabic sentence."""
    for event_type, sub_event_type, pattern, generic in _rules():
        m = pattern.search(sentence)
        if m:
            word = m.group()
            return event_type, sub_event_type, m.start(), m.end(), generic or any(
                g in word for g in vocabulary()["generic"])
    return None


@lru_cache(maxsize=1)
def _toll() -> tuple[re.Pattern, re.Pattern]:
    killed = _words(vocabulary()["killed"])
    return (re.compile(rf"{killed}\s+(?:[{_LETTER}]+\s+){{0,2}}?(?P<n>\d+)"),
            re.compile(rf"(?P<n>\d+)\s+(?:[{_LETTER}]+\s+){{0,2}}?{killed}"))


def arabic_fatalities(sentence: str) -> int:
    """The largest number written next to a word for the killed ("مقتل 5 مدنيين", "5 قتلى"), 0 when none."""
    best = 0
    for pattern in _toll():
        for m in pattern.finditer(sentence):
            n = int(m.group("n"))  # Arabic-Indic digits read as digits
            if n <= 100_000:
                best = max(best, n)
    return best


@lru_cache(maxsize=1)
def _date_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    words = vocabulary()
    months = "|".join(re.escape(m).replace(r"\ ", r"\s+") for m in sorted(words["months"], key=len, reverse=True))
    weekdays = "|".join(re.escape(w) for w in words["weekdays"])
    relative = "|".join(re.escape(w) for w in sorted(words["yesterday"] + words["today"], key=len, reverse=True))
    absolute = re.compile(rf"(?P<d>\d{{1,2}})\s+(?:من\s+)?(?:شهر\s+)?(?P<m>{months})\s*[،,]?\s+(?:عام\s+|سنة\s+)?"
                          rf"(?P<y>\d{{4}})")
    return absolute, re.compile(rf"(?<![{_LETTER}])(?:يوم\s+)?(?P<w>{weekdays})(?![{_LETTER}])"), re.compile(
        rf"(?<![{_LETTER}])(?:{relative})(?![{_LETTER}])")


def arabic_dates(text: str) -> list[tuple[dt.date, int, int, str]]:
    """(date, start, end, expression) of each written date: "3 آذار 2025", "٣ مارس ٢٠٢٥"."""
    months = {re.sub(r"\s+", " ", k): v for k, v in vocabulary()["months"].items()}
    found = []
    for m in _date_patterns()[0].finditer(text):
        try:
            date = dt.date(int(m.group("y")), months[re.sub(r"\s+", " ", m.group("m"))], int(m.group("d")))
        except (ValueError, KeyError):
            continue
        if 1900 < date.year < 2100:
            found.append((date, m.start(), m.end(), m.group()))
    return found


def arabic_relative_dates(text: str, reference: dt.date) -> list[tuple[dt.date, int, int, str]]:
    """(date, start, end, expression) of weekdays ("يوم الأحد": the last Sunday on or before ``reference``),
    "yesterday" and "today"."""
    words = vocabulary()
    found = []
    _, weekday, relative = _date_patterns()
    for m in weekday.finditer(text):
        back = (reference.weekday() - words["weekdays"][m.group("w")]) % 7
        found.append((reference - dt.timedelta(days=back), m.start(), m.end(), m.group()))
    for m in relative.finditer(text):
        back = 1 if m.group() in words["yesterday"] else 0
        found.append((reference - dt.timedelta(days=back), m.start(), m.end(), m.group()))
    return sorted(found, key=lambda f: f[1])
