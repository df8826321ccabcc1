"""What the words around a name, and the other names of the text, say about it.

Containers ("X in Y"), proximity ("east of Y"), lists, qualifiers ("the Idleb countryside"), the
governorates and countries the document is about, and the signs that a name belongs to a person
or an organisation.
"""

from __future__ import annotations

import csv
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from pathlib import Path

from gazetteer.index import Entry, Gazetteer
from gazetteer.lexicon import (
    ADMIN1_AFTER,
    DIRECTIONS,
    GROUP_HEADS,
    NEAR_AFTER,
    NOT_PLACES,
    ORG_FOLLOWERS,
    PLACE_AFTER,
    PLACE_FOLLOWERS,
    PLACE_PREFIXES,
    TIME_WORDS,
)
from gazetteer.spans import ENGLISH_ARTICLES, Span, Token, is_article


def _demonyms() -> dict[str, str]:
    """Nationality adjectives and their country ("Syrian" -> SY), from ``data/demonyms.csv``."""
    with open(Path(__file__).resolve().parent / "data" / "demonyms.csv", encoding="utf-8") as f:
        return {r["demonym"]: r["country"] for r in csv.DictReader(f)}


# Longest first, so that "South Korean" is read before "Korean".
DEMONYMS = dict(sorted(_demonyms().items(), key=lambda kv: -len(kv[0])))
_SENTENCE_BREAK = re.compile(r"[.!?:;•\n]\s*$|^\s*$")
LOCATIVE = re.compile(
    r"\b(in|near|at|from|to|into|outside|around|across|toward|towards|through|via|inside|within|between|over|"
    r"beyond|past|along|off|behind|above|below|beside|left|leaving|fled|reached|entered|"
    r"and|of|on|reached|entered|captured|seized|stormed|besieged|shelled|struck|bombed|targeted|liberated|"
    r"retook|recaptured|hit)\s+(the\s+)?$",
    re.I,
)
TYPE_BEFORE = re.compile(
    r"\b(town|city|village|villages|district|subdistrict|province|governorate|neighbou?rhood|suburb|area|"
    r"camp|region|countryside|outskirts|suburbs|vicinity|hinterland|desert|capital)\s+of\s+(the\s+)?$",
    re.I,
)
# "the neighbourhood of X", "the district of X"
QUARTER_BEFORE = re.compile(r"\b(?:neighbou?rhoods?|quarters?|districts?)\s+of\s+(?:the\s+)?$", re.I)
# "X neighbourhood", "X and Y neighbourhoods", "X district" (matched from the end of X)
QUARTER_AFTER = re.compile(
    r"(?:\s+(?:and|,)\s+(?:al-)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)?\s+(?:neighbou?rhoods?|quarters?|districts?)\b")
_NEAR_BEFORE = re.compile(
    r"\b(near|nearby|close\s+to|outside|around|outskirts\s+of|suburbs\s+of|vicinity\s+of|edge\s+of|"
    r"(?:" + "|".join(d.replace(" ", r"\s+") for d in DIRECTIONS) + r")(?:ern)?\s+of|"
    r"\d+\s*(?:km|kilometres|kilometers|miles)\s+(?:\w+\s+){0,2}of|road\s+(?:to|between)|"
    r"(?:north|south|east|west)(?:ern)?\s+(?:outskirts|edge|suburbs)\s+of)\s+(the\s+)?$",
    re.I,
)
NAMED_BY = re.compile(
    r"\b(?:magazine|newspaper|outlet|channel|agency|website|radio|television|daily|weekly|publication|"
    r"(?:Islamic\s+)?State\s+of|(?-i:Government|Ministry|University|Bank|Parliament|Council|Governor|Mayor|"
    r"Kingdom|Emirate|Union|Party|Front|Movement|Alliance|League|Association|Federation|Company|Authority|"
    r"Commission|Committee|Brigades?)\s+of)\s+(?:the\s+)?"
    # "the Islamic State of Iraq and al-Sham", "the Ministry of Interior and Municipalities": the name goes on
    r"(?:(?-i:[A-Z])[\w'’-]*\s+and\s+(?:the\s+)?)?$|"
    r"\bIslamic\s+State\s+in\s+(?:(?-i:[A-Z])[\w'’-]*\s+and\s+(?:the\s+)?)?$")  # "Islamic State in Iraq and Syria"
# Words after a name that make it a place ("Khanakin's municipal council", "Akcakale residents",
# "Hit, west of Ramadi", "Al-Mayadin, in the eastern countryside of", "Ras al-Ain, known to Kurds as").
PLACE_CUE_AFTER = re.compile(
    r"^(?:['’]s\s+(?:[\w-]+\s+)?(?:council|governor|police|residents|inhabitants|mayor|hospitals?|markets?|airport|"
    r"citadel|outskirts|streets?|neighbou?rhoods?|countryside|suburbs?|old\s+city|old\s+market|checkpoints?)\b|"
    r"\s+(?:residents|inhabitants|countryside|outskirts)\b|"
    r",\s+(?:(?:a|the)\s+(?:[\w-]+\s+){0,2}?(?:town|city|village|camp|suburb|district\s+centre)\s+(?:in|of|on|near|"
    r"north|south|east|west)\b|(?:some\s+)?(?:\d+\s*(?:km|kilomet\w+|miles)\s+)?(?:north|south|east|west|"
    r"north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+of\b|in\s+the\s+(?:[\w-]+\s+)?(?:countryside|"
    r"province|governorate|outskirts|desert)\b|(?:also\s+)?known\s+(?:[\w-]+\s+){0,3}?as\b))",
    re.I,
)
_REGION_ADJ = re.compile(
    r"\b(northern|southern|eastern|western|central|north-?eastern|north-?western|south-?eastern|"
    r"south-?western|rural|greater|upper|lower)\s+(the\s+)?$",
    re.I,
)


# -- context ---------------------------------------------------------------------------------
def text_before(text: str, span: Span, width: int = 60) -> str:
    return text[max(0, span.start - width) : span.start]


def text_after(text: str, span: Span, width: int = 40) -> str:
    return text[span.end : span.end + width]


def _after_word(text: str, span: Span) -> str:
    m = re.match(r"['’]?s?\s*([A-Za-z]+)", text_after(text, span))
    return m.group(1).lower() if m else ""


def qualifier_of(text: str, span: Span) -> str | None:
    before = text_before(text, span)
    after = _after_word(text, span)
    if after in ADMIN1_AFTER:
        return "countryside" if after in ("countryside", "hinterland") else "province"
    m = TYPE_BEFORE.search(before)
    if m:
        word = m.group(1).lower()
        if word in ("province", "governorate", "countryside", "hinterland"):
            return "countryside" if word != "province" and word != "governorate" else "province"
        if word == "capital":
            return "province"  # "Tikrit, the capital of Salah al-Din": the governorate (or the country)
        if word in ("outskirts", "suburbs", "vicinity", "desert"):
            return "near"
        return "district" if word in ("district", "subdistrict") else "town"
    if _NEAR_BEFORE.search(before):
        return "near"
    if after in NEAR_AFTER:
        return "near"
    if _REGION_ADJ.search(before):
        return "region"
    if after in ("district", "subdistrict", "sub-district"):
        return "district"  # "the Hawija district": the district named after its seat
    if after in PLACE_AFTER:
        return "town"
    return None


def sentence_initial(text: str, span: Span) -> bool:
    before = text[max(0, span.start - 4) : span.start]
    return bool(_SENTENCE_BREAK.search(before)) or span.start == 0 or before.endswith(("“", '"', "‘", "(", "- "))


def dateline(text: str, span: Span) -> bool:
    """ "BAGHDAD, May 3 -", "KUWAIT CITY (AP) -": a place in capitals opening a line, where the report was filed."""
    line_start = text.rfind("\n", 0, span.start) + 1
    return (span.text.isupper() and not text[line_start : span.start].strip()
            and bool(_DATELINE_AFTER.match(text, span.end)))


_DATELINE_AFTER = re.compile(r"(?:,\s+[A-Z][\w.]*)*\s*(?:,|\(|[-–—]|:)")


# How common an English word must be for its capital at a sentence's start to say nothing ("Overall", "One").
SENTENCE_WORD_ZIPF = 4.5


def previous_capitalised(text: str, tokens: list[Token], span: Span, ends: frozenset = frozenset(),
                         gazetteer: Gazetteer | None = None) -> Token | None:
    """The capitalised word glued before the span, if it makes the span part of a longer name.

    With ``gazetteer``, a common English word opening the sentence ("Overall Basra fared", "One Mosul
    resident") is capitalised for the sentence, not for a name."""
    if span.first_token == 0:
        return None
    prev = tokens[span.first_token - 1]
    gap = text[prev.end : span.start]
    if gap not in (" ", "-") or not prev.capitalised:
        return None
    if prev.end in ends and (gap == "-" or prev.text.endswith("s")):
        return None  # "Najaf-Karbala road", "Iraqs Mosul": the word before is a place of its own
    if prev.text.lower() in PLACE_PREFIXES:
        return None
    if sentence_initial(text, Span(prev.start, prev.end, prev.text, "", [], 0, 0)) and (prev.text.lower() in (
        "the", "in", "near", "at", "from", "on"
    ) or (gazetteer is not None and gazetteer.commonness(prev.text.lower()) >= SENTENCE_WORD_ZIPF)):
        return None
    return prev


def org_name(text: str, tokens: list[Token], span: Span) -> bool:
    nxt = span.last_token + 1
    if nxt >= len(tokens) or text[span.end : tokens[nxt].start] != " ":
        return False
    following = tokens[nxt]
    if following.text in ("agency", "news", "tv", "channel", "radio", "newspaper", "magazine", "outlet", "soap",
                          "clans", "clan", "families", "family", "tribe", "tribes"):
        return True  # "Hawar agency", "the al-Rawi and al-Ani clans", "Aleppo soap"
    return (following.capitalised or following.text.isdigit()) and following.text.lower() in ORG_FOLLOWERS


def title_case(text: str, span: Span) -> bool:
    """Is the span in a line, or a sentence of it, written in Title Case (a headline, also one run into the first
    sentence of a scraped page), where capitals say nothing about names?"""
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line_end = line_end if line_end >= 0 else len(text)
    if _is_title_case(text[line_start:line_end]):
        return True
    start = max(line_start, text.rfind(". ", 0, span.start) + 2)
    end = text.find(". ", span.end)
    return _is_title_case(text[start : min(line_end, end) if end >= 0 else line_end])


def _is_title_case(part: str) -> bool:
    words = re.findall(r"[^\W\d_][\w'’-]*", part)
    long = [w for w in words if len(w) > 3]
    return len(long) >= 4 and sum(w[0].isupper() for w in long) >= 0.8 * len(long)


def name_continues(text: str, tokens: list[Token], span: Span, starts: frozenset = frozenset(),
                    gazetteer: Gazetteer | None = None) -> bool:
    """Is the span followed by more of a proper name ("al-Assad", "Milley")? In a headline (``gazetteer``
    given), a following common word ("Iraq Reopens", "Baghuz Five Years On") does not count."""
    nxt = span.last_token + 1
    if nxt >= len(tokens) or text[span.end : tokens[nxt].start] not in (" ", "-"):
        return False
    following = tokens[nxt]
    if following.start in starts and text[span.end : following.start] == "-" and following.capitalised:
        return False  # "Baqubah-Muqdadiya road": two places, not one name
    if is_article(following) and nxt + 1 < len(tokens):
        after = tokens[nxt + 1]
        glue = text[following.end : after.start]
        if following.text.lower() in ENGLISH_ARTICLES and glue != "-":
            return False  # "into Iraq as Iraqi customs": the English word "as"
        return after.capitalised and glue in ("-", " ")
    if following.text.isupper() and len(following.text) > 3:
        return False  # "KIRKUK, IRAQ": a dateline in capitals, not one long name
    if gazetteer is not None and gazetteer.commonness(following.text.lower()) >= 3.5:
        return False
    if following.text.lower() in TIME_WORDS:
        return False  # "marched in Basra Saturday": a day, not more of the name
    return following.capitalised and following.text.lower() not in PLACE_FOLLOWERS


_CONTAINER_GAP = re.compile(
    r"\s*(?:(?:town|city|village|camp|suburb|neighbou?rhood|district|quarter|area)\s+)?"  # "Salihiya district of"
    r"(?:,|\(|-|–)?\s*(?:(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:town|city|village|camp|suburb|neighbou?rhood|"
    r"district)\s+)?(?:(?:in|of|near|inside|within)\s+)?(?:the\s+)?"
    r"(?:(?:northern|southern|eastern|western|central|north-?eastern|north-?western|south-?eastern|south-?western|"
    r"rural|northeastern|northwestern|southeastern|southwestern)\s+)?"
    r"(?:(?:countryside|outskirts|province|governorate|district|region|desert|suburbs|part)\s+(?:of|in)\s+(?:the\s+)?)?",
    re.I,
)


_DEMONYM_BEFORE = re.compile(
    r"\b(" + "|".join(DEMONYMS) + r")\s+(?:[a-z-]+\s+){0,2}(?:city|town|village|capital|port|province|"
    r"governorate|region|border\s+town|border\s+city|district)\s+of\s+(?:the\s+)?$", re.I)


def containers(text: str, spans: list[Span], gazetteer: Gazetteer,
               holders: dict | None = None) -> dict[int, tuple[str, str]]:
    """For "X in Y", "X, Y", "X (Y)", "X in the eastern countryside of Y": X lies inside Y.

    ``holders``, when given, is filled with each X's span Y (by X's id)."""
    inside: dict[int, tuple[str, str]] = {}
    for span in spans:  # "the northern Lebanese city of Tripoli", "the Syrian town of Abu Kamal"
        m = _DEMONYM_BEFORE.search(text_before(text, span))
        if m:
            inside[id(span)] = ("country", DEMONYMS[m.group(1).lower()])
    gaps = [text[a.end : b.start] for a, b in zip(spans, spans[1:])]
    for k, (a, b) in enumerate(zip(spans, spans[1:])):
        gap = gaps[k]
        if not gap.strip() or not _CONTAINER_GAP.fullmatch(gap) or gap.strip() in ("and", "or"):
            continue
        if gap.strip() == "," and any(0 <= n < len(gaps) and _LIST_GAP.fullmatch(gaps[n]) for n in (k - 1, k + 1)):
            continue  # "Raqqa, Tabqa, Hasakah and Qamishli": a list, not Tabqa inside Hasakah
        if holders is not None:
            holders[id(a)] = b
        best = max(b.candidates, key=gazetteer.score)
        admin1 = max((e for e in b.candidates if e.kind == "admin1"), key=gazetteer.score, default=None)
        country = max((e for e in b.candidates if e.kind == "country"), key=gazetteer.score, default=None)
        if country is not None and (best.kind == "country" or admin1 is None):
            inside[id(a)] = ("country", country.country)
        elif admin1 is not None:
            inside[id(a)] = ("admin1", admin1.admin1)
        elif best.admin1:
            inside[id(a)] = ("admin1", best.admin1)
    return inside


_DIRECTION_OF = re.compile(
    r"^[^.;:!?]{0,50}\b(?:(?:north|south|east|west)(?:[\s-]*(?:east|west))?(?:ern)?\s+of|near|outside|close\s+to|"
    r"(?:on\s+)?the\s+outskirts\s+of)\s+"
    r"(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?$",
    re.I)


_DEMONYM_WORD = re.compile(r"\b(" + "|".join(DEMONYMS) + r")\b", re.I)
_SENTENCE_END = re.compile(r"[.!?\n]\s")
_BORDER_AFTER = re.compile(r"\s+(?:border|frontier|boundary|side)\b(?!\s+(?:town|city|village|crossing|post|guards?|"
                           r"police|forces|troops|units?|patrols?|force))", re.I)


def sentence_demonyms(text: str, spans: list[Span]) -> dict[int, frozenset]:
    """Countries whose demonym the sentence of each span uses ("The Lebanese army ... in Tripoli"); "!SY" for
    "on the Syrian frontier", which puts the place across the border from Syria."""
    breaks = [(m.start(), m.end()) for m in _SENTENCE_END.finditer(text)]
    heads, ends = [a for a, _ in breaks], [b for _, b in breaks]
    found: dict[tuple[int, int], frozenset] = {}
    out = {}
    for span in spans:
        k = bisect_right(ends, span.start)  # sentence breaks that end before the span
        start = ends[k - 1] if k else 0
        j = bisect_left(heads, span.end, lo=k)
        end = heads[j] + 1 if j < len(heads) else len(text)
        if (start, end) not in found:
            # "on the Syrian frontier", "near the Iraqi border": the place is on the other side, or on the line.
            # Those marked "!" name the other side of a border.
            found[start, end] = frozenset(
                ("!" if _BORDER_AFTER.match(text, m.end()) else "") + DEMONYMS[m.group(1).lower()]
                for m in _DEMONYM_WORD.finditer(text, start, end))
        out[id(span)] = found[start, end]
    return out


def sentence_governorates(text: str, spans: list[Span], focus: tuple, least: int = 2) -> dict[int, frozenset]:
    """For each span, the governorate of a ``focus`` country that at least ``least`` other names of its
    sentence can only lie in (every reading of each in that governorate), when no such name of the sentence
    lies in another: "shelled X after fighting between Y and Z", where Y and Z are villages of one
    governorate only."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    confined = {}
    for span in spans:
        admin1s = {e.admin1 for e in span.candidates}
        if span.key not in NOT_PLACES and len(admin1s) == 1 and span.candidates[0].country in focus:
            confined[id(span)] = admin1s.pop()
    sentence = [bisect_right(ends, s.start) for s in spans]  # the index of each span's sentence
    out = {}
    for span, k in zip(spans, sentence):
        names = {(o.key, confined[id(o)]) for o, j in zip(spans, sentence)
                 if j == k and id(o) in confined and o.key != span.key}
        votes = Counter(a for _, a in names)
        agreed = len(votes) == 1 and next(iter(votes.values())) >= least  # none of them lies elsewhere
        out[id(span)] = frozenset(votes) if agreed else frozenset()
    return out


def near_points(text: str, spans: list[Span], gazetteer: Gazetteer) -> dict[int, tuple[float, float]]:
    """For "X, east of Y" and "X on the riverbank southeast of Y": X lies near Y."""
    near = {}
    for a, b in zip(spans, spans[1:]):
        gap = text[a.end : b.start]
        if b.key in DEMONYMS:
            continue  # "near Safwan, close to the Kuwaiti border": a nationality, not a place to measure from
        if _DIRECTION_OF.match(gap) and not re.search(r"\b(?:and|or)\b", gap):
            best = max(b.candidates, key=gazetteer.score)
            if best.kind in ("place", "feature") and best.country in gazetteer.focus:
                near[id(a)] = (best.lat, best.lon)
    return near


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(a))


def _favourite(span: Span, gazetteer: Gazetteer):
    """The span's most prominent reading, and by how much it leads the next one."""
    ranked = sorted(span.candidates, key=gazetteer.score, reverse=True)
    margin = gazetteer.score(ranked[0]) - (gazetteer.score(ranked[1]) if len(ranked) > 1 else 0)
    return ranked[0], margin


def favourites(spans: list[Span], gazetteer: Gazetteer) -> dict[str, tuple[Entry, float]]:
    """Each name's most prominent reading and its lead over the next (:func:`_favourite`), once per name."""
    out: dict[str, tuple[Entry, float]] = {}
    for span in spans:
        if span.key not in NOT_PLACES and span.key not in out:
            out[span.key] = _favourite(span, gazetteer)
    return out


def document_context(spans: list[Span], gazetteer: Gazetteer,
                     tops: dict[str, tuple[Entry, float]]) -> dict[int, tuple[set[str], set[str]]]:
    """For each span, the governorates and countries the *other* names of the document point to (``tops``:
    :func:`favourites`).

    A name never counts as evidence for itself: "Sinjar" alone must not pull Sinjar to Iraq.
    """
    votes = _votes(spans, gazetteer, tops)
    admin1_votes = Counter(a for a, _ in votes.values() if a)
    country_votes = Counter(c for _, c in votes.values() if c)
    context = {}
    for span in spans:
        admin1s, countries = set(admin1_votes), set(country_votes)
        own = votes.get(span.key)
        if own is not None:  # "Edmonton ... Edmonton": a name told again is still no evidence for itself
            if own[0] and admin1_votes[own[0]] == 1:
                admin1s.discard(own[0])
            if own[1] and country_votes[own[1]] == 1:
                countries.discard(own[1])
        context[id(span)] = (admin1s, countries)
    return context


def _votes(spans: list[Span], gazetteer: Gazetteer,
           tops: dict[str, tuple[Entry, float]]) -> dict[str, tuple[str | None, str | None]]:
    """(governorate, country) of each distinct name whose reading needs no context: one vote per name,
    however often it is told."""
    votes: dict[str, tuple[str | None, str | None]] = {}
    for span in spans:
        if span.key in NOT_PLACES or span.key in votes:
            continue
        top, margin = tops[span.key]
        if top.kind == "country":
            votes[span.key] = (None, top.country)
        elif top.kind in ("admin1", "feature") or (top.kind == "place" and top.prominence > 8 and (
                margin > 3 or _rivals_agree(span, top, gazetteer))):
            votes[span.key] = (top.admin1 or None, top.country)
    return votes


def _rivals_agree(span: Span, top: Entry, gazetteer: Gazetteer, margin: float = 3.0) -> bool:
    """Do the readings that come close to the favourite lie in its governorate? ("Kirkuk": the city and the
    governorate, either way a vote for the governorate.)"""
    best = gazetteer.score(top)
    return bool(top.admin1) and all(e.admin1 == top.admin1 for e in span.candidates
                                    if gazetteer.score(e) >= best - margin)


def document_homes(spans: list[Span], tops: dict[str, tuple[Entry, float]],
                   skip: frozenset = frozenset()) -> dict[int, tuple[str | None, tuple]]:
    """For each span, the country the document's *other* names mostly lie in, by each name's favourite reading
    (``tops``: :func:`favourites`), each time it is named (names of a country, a governorate or a city): when at
    least ``HOME_VOTES`` mentions do and twice as many as in any other country; with the points of the
    document's names there. Spans in ``skip`` (a neighbourhood: "the X neighbourhood") do not vote."""
    mentions: Counter = Counter()
    for span in spans:
        top = tops[span.key][0] if span.key in tops and id(span) not in skip else None
        if top is not None and (top.kind in ("country", "admin1") or top.prominence >= HOME_PROMINENCE):
            mentions[span.key] += 1  # a name whose favourite is a village ("Morgan", "Duncan") does not vote
    counts: Counter = Counter()
    for key, n in mentions.items():
        counts[tops[key][0].country] += n
    points: dict[str, tuple] = {}  # each home country's points, gathered once
    out = {}
    for span in spans:
        others = counts.copy()
        if span.key in mentions:  # a name is no evidence for itself ("Edmonton ... Edmonton")
            others[tops[span.key][0].country] -= mentions[span.key]
        top = others.most_common(2)
        if not top or top[0][1] < HOME_VOTES or (len(top) > 1 and top[0][1] < 2 * top[1][1]):
            out[id(span)] = (None, ())
            continue
        home = top[0][0]
        if home not in points:
            points[home] = tuple((e.lat, e.lon) for e, _ in tops.values() if e.country == home and e.kind != "country")
        out[id(span)] = (home, points[home])
    return out


HOME_VOTES = 3
HOME_PROMINENCE = 8.0  # a city's, about: Hama 10.2, Idlib 9.4; a village's is below 7


def document_points(spans: list[Span], tops: dict[str, tuple[Entry, float]]) -> list[tuple[int, str, tuple, str]]:
    """(span id, name key, point, country) of the document's places that need no context (a clear favourite among
    their readings: ``tops``, :func:`favourites`), in text order."""
    out = []
    for span in spans:
        if span.key in NOT_PLACES:
            continue
        top, margin = tops[span.key]
        if top.kind in ("place", "feature") and margin > 3 and top.prominence > 8:
            out.append((id(span), span.key, (top.lat, top.lon), top.country))
    return out


def anchors_near(points: list[tuple[int, str, tuple, str]], ranks: list[int], rank: int, key: str,
                 reach: int = 6) -> tuple[tuple, frozenset]:
    """The points of the ``reach`` unambiguous places before and after a span in the text, and their
    countries; the span's own name, told again, is no evidence for itself.

    ``ranks`` are the text ranks of ``points`` (in text order), ``rank`` the span's and ``key`` its name key."""
    i = bisect_left(ranks, rank)
    near = [(p, c) for _, k, p, c in points[max(0, i - reach) : i + reach + 1] if k != key]
    return tuple(p for p, _ in near), frozenset(c for _, c in near)


def nearby_admin1s(spans: list[Span], gazetteer: Gazetteer, reach: int = 150,
                   text: str | None = None) -> dict[int, frozenset]:
    """Governorates where the names close to each span could lie (their three best readings).

    Names mentioned together tend to lie together: "from Busayrah north to Suwar" are
    both readings in Deir ez-Zor, which a namesake in Jordan is not. With ``text``, a name across a
    paragraph break (a blank line: another item of a digest) is not close.
    """
    readings = [{e.admin1 for e in sorted(s.candidates, key=gazetteer.score, reverse=True)[:3] if e.admin1}
                for s in spans]
    out = {}
    lo = 0
    for span in spans:  # spans are in text order: a sliding window
        while spans[lo].start < span.start - reach:
            lo += 1
        near: set[str] = set()
        j = lo
        while j < len(spans) and spans[j].start <= span.start + reach:
            if spans[j].key != span.key and not _paragraph_between(text, spans[j], span):
                near |= readings[j]  # the same name again is no evidence for itself
            j += 1
        out[id(span)] = frozenset(near)
    return out


def _paragraph_between(text: str | None, a: Span, b: Span) -> bool:
    if text is None:
        return False
    lo, hi = (a.end, b.start) if a.start < b.start else (b.end, a.start)
    return _PARAGRAPH_BREAK.search(text, lo, hi) is not None


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def group_named_after(text: str, span: Span) -> bool:
    """Does an armed group's noun follow the name ("the Hazm movement", "the Hamza brigade")? Police name a
    town's force ("Basra police"), not a group named after it."""
    word = re.match(r"\s+([a-z]+)\b", text[span.end : span.end + 20])
    return bool(word) and word.group(1) in GROUP_HEADS and word.group(1) != "police"


def person_keys(text: str, tokens: list[Token], spans: list[Span], starts, ends,
                gazetteer: Gazetteer | None = None) -> frozenset:
    """Names the text uses as part of a person's name ("Mark Milley", "Salim al-Mansur") or as an armed group's
    ("the Hazm movement"): when they come back alone ("Milley said", "expelled Hazm from the base"), they still
    mean the person or the group."""
    out = set()
    for span in spans:
        if group_named_after(text, span) and not famous(span):
            out.add(span.key)
            continue
        previous = previous_capitalised(text, tokens, span, ends, gazetteer)
        if previous is None or title_case(text, span):
            continue  # in a headline every word has a capital
        if previous.text.isupper() or famous(span):
            continue  # "CBC Toronto", "CTV Winnipeg": an outlet's city, not a surname
        if all(e.kind not in ("country", "admin1") for e in span.candidates):
            out.add(span.key)
    return frozenset(out)


def famous(span: Span) -> bool:
    """Is the span a name everybody knows as a place ("London", "Edmonton"): is one of its readings a capital or
    a place of half a million people?"""
    return any(e.kind in ("place", "country") and (e.population >= 500_000 or e.fcode == "PPLC")
               for e in span.candidates)


def listed_spans(text: str, spans: list[Span]) -> set[int]:
    """Spans that stand in a list of names ("Bashiqa, Bartella and Qaraqosh")."""
    out = set()
    for a, b in zip(spans, spans[1:]):
        if _LIST_GAP.fullmatch(text[a.end : b.start]):
            out.update((id(a), id(b)))
    return out


_LIST_GAP = re.compile(r"\s*(?:,|,?\s*and|,?\s*or|/|&)\s*(?:the\s+)?", re.I)
def list_qualifiers(text: str, spans: list[Span], qualifiers: list, gazetteer: Gazetteer) -> list:
    """Names listed together are read at one level: "Ninewa and Erbil", "Kirkuk, and Diyala governorates"."""
    out = list(qualifiers)
    group = [0]
    for i in range(1, len(spans) + 1):
        if i < len(spans) and _LIST_GAP.fullmatch(text[spans[i - 1].end : spans[i].start]):
            group.append(i)
            continue
        pair_by_comma = len(group) == 2 and text[spans[group[0]].end : spans[group[1]].start].strip() == ","
        if len(group) > 1 and not pair_by_comma:  # "Paris, Texas" is a town in its state, not a list
            members = [spans[k] for k in group]
            plural = bool(_PLURAL_ADMIN1.match(text[members[-1].end :]))
            has_admin1 = [any(e.kind == "admin1" for e in m.candidates) for m in members]
            top_is_admin1 = [max(m.candidates, key=gazetteer.score).kind == "admin1" or out[k] in
                             ("province", "countryside") for k, m in zip(group, members)]
            if plural or (any(top_is_admin1) and all(has_admin1)):
                for k, ok in zip(group, has_admin1):
                    if ok and out[k] in (None, "province"):
                        out[k] = "province"
        group = [i]
    return out


_PLURAL_ADMIN1 = re.compile(r"^\s*(?:governorates|provinces)\b", re.I)


