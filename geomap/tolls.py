"""How many were killed: the death toll a sentence reports, in words or digits."""

from __future__ import annotations

import re

from geomap.arabic import arabic_fatalities, mostly_arabic

_UNITS = {"zero": 0, "no": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
          "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
          "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
          "hundred": 100, "a hundred": 100, "dozen": 12, "a dozen": 12, "dozens": 12, "several": 3, "a few": 3,
          "scores": 20, "hundreds": 100, "a couple": 2, "couple": 2, "both": 2, "another": 1}
_NUM = (r"(?:\d[\d,]*|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|"
        r"seven|eight|nine))?|a\s+dozen|a\s+hundred|a\s+couple|a\s+few|dozens|scores|hundreds|several|" + "|".join(
            sorted((k for k in _UNITS if " " not in k and k not in ("no", "zero")), key=len, reverse=True)) + ")")
_NUM_STRICT = (r"(?:\d[\d,]*|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|"
               r"five|six|seven|eight|nine))?|a\s+dozen|a\s+hundred|a\s+couple|dozens|scores|hundreds|several|" +
               "|".join(sorted((k for k in _UNITS if " " not in k and k not in ("no", "zero", "a", "an", "another")),
                               key=len, reverse=True)) + ")")
_QUAL = (r"(?:at\s+least\s+|more\s+than\s+|over\s+|nearly\s+|almost\s+|about\s+|around\s+|some\s+|up\s+to\s+|"
         r"as\s+many\s+as\s+)?")
_KILL_VERB = r"(?:killed|dead|died|slain|executed|shot\s+dead|lost\s+their\s+lives|perished|martyred|beheaded)"
_FATALITY_PATTERNS = [
    re.compile(rf"\b(?:kill(?:ed|ing|s)?|claimed\s+the\s+lives\s+of|leaving|left)\s+{_QUAL}(?P<n>{_NUM})\b"
               rf"(?!\s+(?:people\s+|others\s+|civilians\s+)?(?:wounded|injured|hurt))", re.I),
    re.compile(rf"\b(?P<n>{_NUM_STRICT})\s+(?:[\w'’]+[\s-]+){{0,8}}?(?:were|was|have\s+been|had\s+been|are|got|"
               rf"being)?\s*(?:also\s+)?{_KILL_VERB}\b", re.I),
    re.compile(rf"\b(?P<n>{_NUM_STRICT})\s+(?:[\w'’]+\s+){{0,3}}?[\w'’]+,\s+including\s+[^,.;]{{1,60}},\s+"
               rf"(?:were\s+|have\s+been\s+)?{_KILL_VERB}\b", re.I),
    # Tallies and headlines without a verb: "- A child killed by a landmine in ...", "An SDF member killed by ..."
    re.compile(r"^\W*(?P<n>an?|one)\s+(?:[\w'’-]+\s+){0,6}?(?:killed|shot\s+dead|martyred)\b", re.I),
    re.compile(r"\bkill(?:ed|ing)\s+(?P<n>him|her)\b", re.I),
    re.compile(rf"\b(?P<n>{_NUM_STRICT})\s+(?:[\w-]+\s+){{0,3}}?(?:were\s+|was\s+)?neutrali[sz]ed\b", re.I),
    re.compile(rf"\b(?P<n>{_NUM_STRICT})\s+[^.;:!?\d]{{0,90}}?\b(?:were|was|have\s+been|had\s+been)\s+(?:also\s+)?"
               rf"{_KILL_VERB}\b", re.I),
    re.compile(rf"\b(?:shot\s+dead|gunned\s+down|executed|murdered|assassinated|beheaded|stabbed\s+to\s+death)\s+"
               rf"{_QUAL}(?P<n>{_NUM}|the|his|her)\b(?!\s+(?:of\s+the\s+)?(?:wounded|injured))", re.I),
    re.compile(rf"\b(?P<n>an?|one|another)\s+(?:[\w'’-]+\s+){{0,7}}?was\s+(?:also\s+)?{_KILL_VERB}\b", re.I),
    re.compile(r"\bkill(?:ed|ing)\s+(?P<n>its|the|a|an|one|his|her|their)\s+(?:[\w-]+\s+)?(?:driver|man|woman|child|"
               r"boy|girl|soldier|officer|policeman|fighter|member|commander|shepherd|farmer|son|daughter|brother|"
               r"father|mother|owner|passenger|guard|civilian|resident)\b", re.I),
    re.compile(rf"\bdeaths?\s+of\s+{_QUAL}(?P<n>{_NUM})\b", re.I),
    re.compile(rf"\b(?:death\s+toll|toll)\s+(?:\w+\s+){{0,3}}?(?:to|at|of)\s+{_QUAL}(?P<n>{_NUM})\b", re.I),
    re.compile(rf"\b(?P<n>{_NUM})\s+(?:people\s+|civilians\s+|soldiers\s+)?(?:deaths|dead|fatalities|bodies)\b", re.I),
]


_PAIR = re.compile(rf"\b(?P<a>{_NUM})\s+[\w\s'’()-]{{1,60}}?\s+and\s+(?P<b>{_NUM})\s+[\w\s'’()-]{{1,60}}?\s+"
                   rf"(?:were|have\s+been|had\s+been)\s+(?:also\s+)?{_KILL_VERB}\b", re.I)


_ALONG_WITH = re.compile(rf"\b(?:was|were)\s+(?:\w+\s+)?{_KILL_VERB}\b[^.;]{{0,40}}?\balong\s+with\s+{_QUAL}"
                         rf"(?P<n>{_NUM_STRICT})\b", re.I)


_ONE_DEAD = re.compile(r"\bwas\s+(?:also\s+)?(?:killed|shot\s+dead|martyred|executed|assassinated)\b", re.I)
_HIMSELF_AND = re.compile(rf"\bkill(?:ing|ed)\s+(?:him|her)self\s+and\s+{_QUAL}(?P<n>{_NUM_STRICT})\b", re.I)
_DATE_NUMBER = re.compile(r"\s*(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.I)
_MONTH_BEFORE = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+$", re.I)
# "April 6 2017 activists say ... killed 33", "03.10.2017 jets have killed 304": a year after a month and day.
_YEAR_AFTER_DAY = re.compile(r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}"
                             r"(?:st|nd|rd|th)?,?\s+|\d{1,2}[./-]\d{1,2}[./-])$", re.I)


# A number followed by one of these counts something other than the dead ("100 metres", "3 pm").
_NOT_PEOPLE = re.compile(r"\s*(?:years?|km|kilomet|miles|met(?:re|er)s?|m\b|yards|feet|hectares|dunams?|tons?|tonnes|"
                         r"houses|homes|percent|%|am|pm|a\.m|p\.m)")


def number_value(text: str) -> int | None:
    """ "eleven" -> 11, "1,200" -> 1200, "a dozen" -> 12, "twenty-one" -> 21.

    >>> number_value("twenty-one"), number_value("a dozen"), number_value("1,200")
    (21, 12, 1200)
    """
    t = re.sub(r"\s+", " ", text.strip().lower())
    if t in ("its", "the", "his", "her", "their", "him"):
        return 1
    if re.fullmatch(r"\d[\d,]*", t):
        return int(t.replace(",", ""))
    if t in _UNITS:
        return _UNITS[t]
    parts = re.split(r"[\s-]", t)
    if len(parts) == 2 and parts[0] in _UNITS and parts[1] in _UNITS:
        return _UNITS[parts[0]] + _UNITS[parts[1]]
    return None


def fatalities(sentence: str) -> int:
    """Deaths a sentence reports (the largest figure given for this event), 0 when none."""
    if mostly_arabic(sentence):
        return arabic_fatalities(sentence)
    best = 0
    for pattern in _FATALITY_PATTERNS:
        for m in pattern.finditer(sentence):
            n = number_value(m.group("n"))
            tail = sentence[m.end() : m.end() + 25].lower()
            if n is None or n > 100_000 or _NOT_PEOPLE.match(tail):
                continue
            if _DATE_NUMBER.match(sentence[m.end("n"):]) or _MONTH_BEFORE.search(sentence[:m.start("n")]) or (
                    1900 <= n <= 2100 and _YEAR_AFTER_DAY.search(sentence[: m.start("n")])):
                continue  # "On 13 March, a Peshmerga member was killed": a date, not a count
            if re.search(r"wounded|injured", sentence[m.start(): m.end()], re.I):
                continue
            best = max(best, n)
    if not best and _ONE_DEAD.search(sentence):  # "Shirin Khalil, a journalist, was killed": one
        best = 1
    for m in _HIMSELF_AND.finditer(sentence):  # "killing himself and three members of the security forces"
        n = number_value(m.group("n"))
        if n is not None:
            best = max(best, n + 1)
    for m in _ALONG_WITH.finditer(sentence):  # "was killed along with two of his aides": three dead
        n = number_value(m.group("n"))
        if n is not None:
            best = max(best, n + 1)
    for m in _PAIR.finditer(sentence):  # "an Iraqi soldier and three militants were killed"
        a, b = number_value(m.group("a")), number_value(m.group("b"))
        if a is not None and b is not None:
            best = max(best, a + b)
    return best
