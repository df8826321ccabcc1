"""Find the places named in a text and decide, from context, which place each one is.

The work happens in three passes over a document:

1. *spans*: runs of capitalised words (with Arabic articles and hyphens inside, as in
   "Deir ez-Zor" or "Ras al-Ain") whose key is a known name;
2. *context*: governorates and countries that the document names without doubt, and
   "X in Y" / "X, Y" pairs, become evidence for the other spans;
3. *decision*: each span takes its best candidate given the evidence and the words
   around it ("the town of", "province", "near", "western"), or is dropped when the
   reading as a place is not the obvious one (a person, a channel, a common word).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from gazetteer.index import Entry, Gazetteer
from gazetteer.lexicon import (
    ADMIN1_AFTER,
    DIRECTIONS,
    FIRST_NAMES,
    MEDIA_OR_GROUP,
    NEAR_AFTER,
    NOT_PLACES,
    ORG_FOLLOWERS,
    PLACE_AFTER,
    PLACE_FOLLOWERS,
    PLACE_PREFIXES,
)
from gazetteer.normalize import ARTICLES, name_key, soft_key
from gazetteer.types import Mention, Place

MAX_TOKENS = 5
# Minimum rapidfuzz ratio (on soft keys) for a spelling variant found through the consonant
# skeleton. Measured with `python benchmarks/gold_places.py --sweep` (see README): 65-70 find the
# most places on both gold sets with no false place; 70 is kept, the stricter end of that plateau.
VARIANT_MIN_RATIO = 70
COMMON_WORD_ZIPF = 3.9  # "Hit" 5.4, "Mark" 5.1, "Bennett" 4.0; "Mosul" 3.3, "Baghdad" 3.6
FUNCTION_WORD_ZIPF = 5.5  # "the" 7.7, "in" 7.3; "Iraq" 4.7, "China" 5.3, "India" 5.2

# Words with inner apostrophes (Dar'a, Ma’arrat), but "Ninewa's" is "Ninewa" + "'s".
_TOKEN = re.compile(r"[^\W\d_][^\W_]*(?:['’‘`](?![sS]\b)[^\W\d_]+)*")
# Lower-case words that may end a name: "Euphrates valley", "Damascus countryside", "Mosul dam".
GENERIC_TAILS = frozenset("valley desert mountains mountain dam lake river plains plain region countryside camp "
                          "crossing base airport border airbase oil gas field fields refinery basin".split())
# Lower-case joiners inside a name besides the Arabic article: the Persian ezafe ("Qasr-e Shirin").
JOINERS = frozenset({"e", "i", "bin", "ibn", "abu", "umm", "de"})
NEIGHBOURS = ("TR", "LB", "JO", "IR")
# Spellings of the Arabic article that are also English words: only hyphenated ("As-Suwayda") they are the article.
ENGLISH_ARTICLES = frozenset({"as", "at", "an", "es", "en", "us", "un"})
LEADING_WORDS = frozenset({"in", "on", "at", "of", "to", "by", "for", "from", "with", "near", "outside", "inside"})
DEMONYMS = {"iraqi": "IQ", "syrian": "SY", "lebanese": "LB", "jordanian": "JO", "turkish": "TR", "iranian": "IR",
            "libyan": "LY", "saudi": "SA", "israeli": "IL", "egyptian": "EG", "kuwaiti": "KW", "yemeni": "YE",
            "afghan": "AF", "pakistani": "PK", "russian": "RU", "ukrainian": "UA", "sudanese": "SD", "somali": "SO",
            "qatari": "QA", "emirati": "AE", "bahraini": "BH", "omani": "OM", "tunisian": "TN", "algerian": "DZ",
            "moroccan": "MA", "malian": "ML", "nigerian": "NG", "ethiopian": "ET", "armenian": "AM",
            "azerbaijani": "AZ", "georgian": "GE", "cypriot": "CY", "greek": "GR", "french": "FR", "german": "DE",
            "british": "GB"}
_SENTENCE_BREAK = re.compile(r"[.!?:;•\n]\s*$|^\s*$")
_LOCATIVE = re.compile(
    r"\b(in|near|at|from|to|into|outside|around|across|toward|towards|through|via|inside|within|between|over|"
    r"beyond|past|along|off|behind|"
    r"and|of|on|reached|entered|captured|seized|stormed|besieged|shelled|struck|bombed|targeted|liberated|"
    r"retook|recaptured|hit)\s+(the\s+)?$",
    re.I,
)
_TYPE_BEFORE = re.compile(
    r"\b(town|city|village|villages|district|subdistrict|province|governorate|neighbou?rhood|suburb|area|"
    r"camp|region|countryside|outskirts|suburbs|vicinity|hinterland|desert|capital)\s+of\s+(the\s+)?$",
    re.I,
)
_NEAR_BEFORE = re.compile(
    r"\b(near|nearby|close\s+to|outside|around|outskirts\s+of|suburbs\s+of|vicinity\s+of|edge\s+of|"
    r"(?:" + "|".join(d.replace(" ", r"\s+") for d in DIRECTIONS) + r")(?:ern)?\s+of|"
    r"\d+\s*(?:km|kilometres|kilometers|miles)\s+(?:\w+\s+){0,2}of|road\s+(?:to|between)|"
    r"(?:north|south|east|west)(?:ern)?\s+(?:outskirts|edge|suburbs)\s+of)\s+(the\s+)?$",
    re.I,
)
_NAMED_BY = re.compile(
    r"\b(?:magazine|newspaper|outlet|channel|agency|website|radio|television|daily|weekly|publication|"
    r"(?:Islamic\s+)?State\s+of|(?-i:Government|Ministry|University|Bank|Parliament|Council|Governor|Mayor|"
    r"Kingdom|Emirate)\s+of)\s+(?:the\s+)?$")
_REGION_ADJ = re.compile(
    r"\b(northern|southern|eastern|western|central|north-?eastern|north-?western|south-?eastern|"
    r"south-?western|rural|greater|upper|lower)\s+(the\s+)?$",
    re.I,
)


@dataclass
class Token:
    text: str
    start: int
    end: int

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


@dataclass
class Span:
    start: int
    end: int
    text: str
    key: str
    candidates: list[Entry]
    first_token: int
    last_token: int
    variant: bool = False
    scores: dict[int, float] = field(default_factory=dict)


def tokenize(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _joinable(text: str, left: Token, right: Token) -> bool:
    gap = text[left.end : right.start]
    return gap in (" ", "-", "‐", "–", " - ") or (gap == "" and False)


def _is_article(token: Token) -> bool:
    return token.text.lower() in ARTICLES


def candidate_spans(text: str, tokens: list[Token], gazetteer: Gazetteer) -> list[Span]:
    """Longest known names made of capitalised words, left to right, not overlapping."""
    spans: list[Span] = []
    i = 0
    while i < len(tokens):
        first = tokens[i]
        if first.text in ("The", "THE") and i + 1 < len(tokens):
            i += 1  # "The US garrison": a name never starts with "The"
            continue
        if first.text.lower() in ENGLISH_ARTICLES and i + 1 < len(tokens) and text[first.end] != "-":
            i += 1  # "At Erbil", "such as Al Muhajiroun": English words, not the Arabic article
            continue
        starts_name = first.capitalised or (
            _is_article(first) and i + 1 < len(tokens) and tokens[i + 1].capitalised
            and _joinable(text, first, tokens[i + 1])
        )
        if not starts_name:
            i += 1
            continue
        found = None
        j = i
        ends = []
        while j < len(tokens) and j - i < MAX_TOKENS:
            tok = tokens[j]
            if j > i and not _joinable(text, tokens[j - 1], tok):
                break
            lower = tok.text.lower()
            if j > i and not (tok.capitalised or _is_article(tok) or lower in JOINERS or lower in GENERIC_TAILS):
                break
            if tok.capitalised or (j > i and lower in GENERIC_TAILS):
                ends.append(j)
            if j > i and lower in GENERIC_TAILS and not (j + 1 < len(tokens)
                                                          and tokens[j + 1].text.lower() in GENERIC_TAILS):
                break
            j += 1
        for end in reversed(ends):
            surface = text[first.start : tokens[end].end]
            key = name_key(surface)
            if not key or len(key) < 2:
                continue
            entries = list(gazetteer.lookup(key))
            variant = False
            nearby = any(e.country in gazetteer.focus for e in entries)
            if not nearby and len(key) >= 5 and gazetteer.commonness(key) < 3.0 and not surface.isupper():
                # Unknown here, or known only far away: try the region's spellings of the same name.
                found = [e for e in _variant_entries(key, gazetteer) if e.kind in ("place", "feature") and (
                    e.country in gazetteer.focus or e.country in NEIGHBOURS)]
                variant = bool(found) and not entries
                entries = list({e.id: e for e in entries + found}.values())
            if entries:
                found = Span(first.start, tokens[end].end, surface, key, entries, i, end, variant)
                break
        if found and found.last_token > i and first.text.lower() in LEADING_WORDS:
            rest = _span_at(text, tokens, i + 1, gazetteer)
            if rest is not None and rest.last_token >= found.last_token:
                found = rest  # "In Salah al-Din": the preposition, then the governorate
        if found:
            spans.append(found)
            i = found.last_token + 1
        else:
            i += 1
    return spans


def _span_at(text: str, tokens: list[Token], i: int, gazetteer: Gazetteer) -> Span | None:
    """The longest known name starting exactly at token ``i`` (no variants)."""
    ends = []
    j = i
    while j < len(tokens) and j - i < MAX_TOKENS:
        if j > i and not _joinable(text, tokens[j - 1], tokens[j]):
            break
        if j > i and not (tokens[j].capitalised or _is_article(tokens[j])):
            break
        if tokens[j].capitalised:
            ends.append(j)
        j += 1
    for end in reversed(ends):
        surface = text[tokens[i].start : tokens[end].end]
        entries = list(gazetteer.lookup(name_key(surface)))
        if entries:
            return Span(tokens[i].start, tokens[end].end, surface, name_key(surface), entries, i, end)
    return None


def _variant_entries(key: str, gazetteer: Gazetteer) -> list[Entry]:
    """Entries of the known spelling(s) closest to ``key`` among those sharing its skeleton."""
    soft = soft_key(key)
    words = len(key.split())
    scored = [(fuzz.ratio(soft, soft_key(other)), other) for other in gazetteer.variants(key)
              if len(other.split()) == words]
    scored = [(ratio, other) for ratio, other in scored if ratio >= VARIANT_MIN_RATIO]
    if not scored:
        return []
    top = max(ratio for ratio, _ in scored)
    entries: list[Entry] = []
    for ratio, other in sorted(scored):
        if ratio == top:
            entries.extend(gazetteer.lookup(other))
    return entries


# -- context ---------------------------------------------------------------------------------
def _before(text: str, span: Span, width: int = 60) -> str:
    return text[max(0, span.start - width) : span.start]


def _after(text: str, span: Span, width: int = 40) -> str:
    return text[span.end : span.end + width]


def _after_word(text: str, span: Span) -> str:
    m = re.match(r"['’]?s?\s*([A-Za-z]+)", _after(text, span))
    return m.group(1).lower() if m else ""


def _qualifier(text: str, span: Span) -> str | None:
    before = _before(text, span)
    after = _after_word(text, span)
    if after in ADMIN1_AFTER:
        return "countryside" if after in ("countryside", "hinterland") else "province"
    m = _TYPE_BEFORE.search(before)
    if m:
        word = m.group(1).lower()
        if word in ("province", "governorate", "countryside", "hinterland", "desert"):
            return "countryside" if word != "province" and word != "governorate" else "province"
        if word in ("outskirts", "suburbs", "vicinity"):
            return "near"
        return "town"
    if _NEAR_BEFORE.search(before):
        return "near"
    if after in NEAR_AFTER:
        return "near"
    if _REGION_ADJ.search(before):
        return "region"
    if after in PLACE_AFTER:
        return "town"
    return None


def _sentence_initial(text: str, span: Span) -> bool:
    before = text[max(0, span.start - 4) : span.start]
    return bool(_SENTENCE_BREAK.search(before)) or span.start == 0 or before.endswith(("“", '"', "‘", "(", "- "))


def _previous_capitalised(text: str, tokens: list[Token], span: Span, ends: frozenset = frozenset()) -> Token | None:
    """The capitalised word glued before the span, if it makes the span part of a longer name."""
    if span.first_token == 0:
        return None
    prev = tokens[span.first_token - 1]
    gap = text[prev.end : span.start]
    if gap not in (" ", "-") or not prev.capitalised:
        return None
    if gap == "-" and prev.end in ends:
        return None  # "Najaf-Karbala road": the word before is a place of its own
    if prev.text.lower() in PLACE_PREFIXES:
        return None
    if _sentence_initial(text, Span(prev.start, prev.end, prev.text, "", [], 0, 0)) and prev.text.lower() in (
        "the", "in", "near", "at", "from", "on"
    ):
        return None
    return prev


def _org_name(text: str, tokens: list[Token], span: Span) -> bool:
    nxt = span.last_token + 1
    if nxt >= len(tokens) or text[span.end : tokens[nxt].start] != " ":
        return False
    following = tokens[nxt]
    if following.text in ("agency", "news", "tv", "channel", "radio", "newspaper", "magazine", "outlet", "soap",
                          "clans", "clan", "families", "family", "tribe", "tribes"):
        return True  # "Hawar agency", "the al-Rawi and al-Ani clans", "Aleppo soap"
    return (following.capitalised or following.text.isdigit()) and following.text.lower() in ORG_FOLLOWERS


def _title_case(text: str, span: Span) -> bool:
    """Is the span in a line written in Title Case (a headline), where capitals say nothing about names?"""
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    words = re.findall(r"[^\W\d_][\w'’-]*", text[line_start : line_end if line_end >= 0 else len(text)])
    long = [w for w in words if len(w) > 3]
    return len(long) >= 4 and sum(w[0].isupper() for w in long) >= 0.8 * len(long)


def _name_continues(text: str, tokens: list[Token], span: Span, starts: frozenset = frozenset(),
                    gazetteer: Gazetteer | None = None) -> bool:
    """Is the span followed by more of a proper name ("al-Assad", "Milley")? In a headline (``gazetteer``
    given), a following common word ("Iraq Reopens", "Baghuz Five Years On") does not count."""
    nxt = span.last_token + 1
    if nxt >= len(tokens) or text[span.end : tokens[nxt].start] not in (" ", "-"):
        return False
    following = tokens[nxt]
    if following.start in starts and text[span.end : following.start] == "-" and following.capitalised:
        return False  # "Baqubah-Muqdadiya road": two places, not one name
    if _is_article(following) and nxt + 1 < len(tokens):
        after = tokens[nxt + 1]
        glue = text[following.end : after.start]
        if following.text.lower() in ENGLISH_ARTICLES and glue != "-":
            return False  # "into Iraq as Iraqi customs": the English word "as"
        return after.capitalised and glue in ("-", " ")
    if following.text.isupper() and len(following.text) > 3:
        return False  # "KIRKUK, IRAQ": a dateline in capitals, not one long name
    if gazetteer is not None and gazetteer.commonness(following.text.lower()) >= 3.5:
        return False
    return following.capitalised and following.text.lower() not in PLACE_FOLLOWERS


_CONTAINER_GAP = re.compile(
    r"\s*(?:,|\(|-|–)?\s*(?:(?:in|of|near|inside|within)\s+)?(?:the\s+)?"
    r"(?:(?:northern|southern|eastern|western|central|north-?eastern|north-?western|south-?eastern|south-?western|"
    r"rural|northeastern|northwestern|southeastern|southwestern)\s+)?"
    r"(?:(?:countryside|outskirts|province|governorate|district|region|desert|suburbs|part)\s+(?:of|in)\s+(?:the\s+)?)?",
    re.I,
)


_DEMONYM_BEFORE = re.compile(
    r"\b(" + "|".join(DEMONYMS) + r")\s+(?:[a-z-]+\s+){0,2}(?:city|town|village|capital|port|province|"
    r"governorate|region|border\s+town|border\s+city|district)\s+of\s+(?:the\s+)?$", re.I)


def _containers(text: str, spans: list[Span], gazetteer: Gazetteer) -> dict[int, tuple[str, str]]:
    """For "X in Y", "X, Y", "X (Y)", "X in the eastern countryside of Y": X lies inside Y."""
    inside: dict[int, tuple[str, str]] = {}
    for span in spans:  # "the northern Lebanese city of Tripoli", "the Syrian town of Abu Kamal"
        m = _DEMONYM_BEFORE.search(_before(text, span))
        if m:
            inside[id(span)] = ("country", DEMONYMS[m.group(1).lower()])
    for a, b in zip(spans, spans[1:]):
        gap = text[a.end : b.start]
        if not gap.strip() or not _CONTAINER_GAP.fullmatch(gap) or gap.strip() in ("and", "or"):
            continue
        best = max(b.candidates, key=gazetteer.score)
        admin1 = next((e for e in b.candidates if e.kind == "admin1"), None)
        country = next((e for e in b.candidates if e.kind == "country"), None)
        if country is not None and (best.kind == "country" or admin1 is None):
            inside[id(a)] = ("country", country.country)
        elif admin1 is not None:
            inside[id(a)] = ("admin1", admin1.admin1)
        elif best.admin1:
            inside[id(a)] = ("admin1", best.admin1)
    return inside


_DIRECTION_OF = re.compile(
    r"^[^.;:!?]{0,50}\b(?:(?:north|south|east|west)(?:[\s-]*(?:east|west))?(?:ern)?\s+of|near|outside|close\s+to)\s+"
    r"(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?$",
    re.I)


def _near_points(text: str, spans: list[Span], gazetteer: Gazetteer) -> dict[int, tuple[float, float]]:
    """For "X, east of Y" and "X on the riverbank southeast of Y": X lies near Y."""
    near = {}
    for a, b in zip(spans, spans[1:]):
        gap = text[a.end : b.start]
        if _DIRECTION_OF.match(gap) and not re.search(r"\b(?:and|or)\b", gap):
            best = max(b.candidates, key=gazetteer.score)
            if best.kind in ("place", "feature") and best.country in gazetteer.focus:
                near[id(a)] = (best.lat, best.lon)
    return near


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(a))


def _document_context(spans: list[Span], gazetteer: Gazetteer) -> dict[int, tuple[set[str], set[str]]]:
    """For each span, the governorates and countries the *other* names of the document point to.

    A name never counts as evidence for itself: "Sinjar" alone must not pull Sinjar to Iraq.
    """
    votes: dict[int, tuple[str | None, str | None]] = {}
    admin1_votes: Counter = Counter()
    country_votes: Counter = Counter()
    for span in spans:
        if span.key in NOT_PLACES:
            continue
        ranked = sorted(span.candidates, key=gazetteer.score, reverse=True)
        top = ranked[0]
        margin = gazetteer.score(top) - (gazetteer.score(ranked[1]) if len(ranked) > 1 else 0)
        if top.kind == "country":
            votes[id(span)] = (None, top.country)
        elif top.kind in ("admin1", "feature") or (top.kind == "place" and margin > 3 and top.prominence > 8):
            votes[id(span)] = (top.admin1 or None, top.country)
        else:
            continue
        admin1, country = votes[id(span)]
        admin1_votes[admin1] += 1
        country_votes[country] += 1
    everything = ({a for a in admin1_votes if a}, {c for c in country_votes if c})
    context = {}
    for span in spans:
        own = votes.get(id(span))
        if own is None:
            context[id(span)] = everything
            continue
        admin1s, countries = set(everything[0]), set(everything[1])
        if own[0] and admin1_votes[own[0]] == 1:
            admin1s.discard(own[0])
        if own[1] and country_votes[own[1]] == 1:
            countries.discard(own[1])
        context[id(span)] = (admin1s, countries)
    return context


# -- decision --------------------------------------------------------------------------------
def _rank(span: Span, qualifier: str | None, inside, admin1s, countries, gazetteer: Gazetteer,
          near: tuple[float, float] | None = None, neighbours: frozenset = frozenset()) -> list[tuple]:
    ranked = []
    local = any(e.country in gazetteer.focus for e in span.candidates)
    for entry in span.candidates:
        score = gazetteer.score(entry)
        if name_key(entry.name) == span.key:
            score += 1.5  # named by its main name, not by one of many alternates
        if qualifier in ("province", "countryside"):
            score += 12 if entry.kind == "admin1" else 0
        elif qualifier == "region":
            # "western Anbar" is the governorate; "eastern Aleppo" the east of a city of millions.
            score += 12 if entry.kind in ("admin1", "country") or entry.population >= 1_000_000 else 0
        elif qualifier == "town":
            score += 4 if entry.kind == "place" else (-6 if entry.kind == "admin1" else 0)
        if near is not None and entry.kind in ("place", "feature"):
            distance = _km(near[0], near[1], entry.lat, entry.lon)
            score += 6 if distance < 150 else (-2 if distance > 400 else 0)
        if inside:
            level, code = inside
            match = entry.admin1 == code if level == "admin1" else entry.country == code
            score += 8 if match else -4
        if entry.admin1 and entry.admin1 in admin1s and entry.kind != "admin1":
            score += 3
        if entry.country in countries:
            score += 1.5
        elif entry.kind != "country" and entry.country not in gazetteer.focus and (countries or local):
            # The document is about other countries, or the name has a reading here: a namesake
            # abroad is the unlikely one.
            score -= 3 if entry.country in NEIGHBOURS or entry.population >= 500_000 else 6
        if entry.admin1 and entry.admin1 in neighbours:
            score += 2  # another name nearby in the text has a reading in the same governorate
        ranked.append((score, entry))
    ranked.sort(key=lambda pair: (-pair[0], pair[1].id))
    return ranked


def _strong(entry: Entry, focus: tuple = ("IQ", "SY")) -> bool:
    """Well known enough to be read as a place without a cue."""
    if entry.kind in ("country", "admin1", "feature"):
        return True
    known = entry.alt_count >= 15 and entry.country in focus  # elsewhere, alternate-name counts are padded
    return entry.population >= 100_000 or known or entry.fcode in ("PPLC", "PPLA")


def _keep(text: str, tokens, span: Span, entry: Entry, qualifier: str | None, countries: set[str],
          gazetteer: Gazetteer, starts: frozenset = frozenset(), ends: frozenset = frozenset(),
          listed: bool = False, people: frozenset = frozenset()) -> bool:
    """Is a place the obvious reading of this span? (People, channels, common words are not.)"""
    before = _before(text, span)
    locative = bool(_LOCATIVE.search(before)) or qualifier is not None or listed
    typed = qualifier in ("town", "province", "countryside") or bool(_TYPE_BEFORE.search(before))
    key = span.key
    last_word = key.split()[-1]
    if key in NOT_PLACES or (last_word in NOT_PLACES and len(key.split()) == 1):
        return bool(_TYPE_BEFORE.search(before))  # only "the town of Hamza" makes such a word a place
    if key in MEDIA_OR_GROUP:
        media = r"^['’]?s?\s*(channel|tv|television|network|reported|said|says|quoted|broadcast|aired|correspondent)\b"
        in_place = re.search(r"\b(in|near|at|into|outside|around|of|from|entrance\s+to|on|over)\s+(the\s+)?$", before,
                             re.I)
        return bool(in_place or typed or listed) and not re.search(media, _after(text, span), re.I)
    if span.text.isupper() and len(key.replace(" ", "")) <= 3 and entry.kind != "country" and not re.match(
            r"\s*,\s+[A-Z][a-z]", _after(text, span)):
        return False  # an acronym: "SNA", "PMF", "HTS"; but "KUT, Iraq -" is a dateline
    after = _after(text, span)
    if re.match(r"-[a-z]", after):
        return False  # "Iran-backed", "US-led": an adjective
    if re.match(r"\s\d{1,2}\b(?!\s*(?:km|kilomet|mile|people|civilians|soldiers|fighters|killed|dead|were|was))",
                after):
        return False  # "Deir Ezzor 24", "Kurdistan 24": a media outlet
    if _NAMED_BY.search(before):
        return False  # "the IS magazine Dabiq", "Islamic State of Iraq"
    if _org_name(text, tokens, span):
        return False  # "Nineveh Operations Command", "Babylon Brigades": an organisation
    if re.match(r",\s+(?:who\b|(?:a|an)\s+\d+-year-old\b|aged\s+\d+)", after) or (
            re.match(r",\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}?(?:from|of|at|with|who)\b", after)
            and not re.match(r",\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:town|city|village|district|camp|suburb|"
                             r"neighbou?rhood|region|province|governorate|area|border|crossing)\b", after)):
        return False  # "Salma, a 34-year-old mother", "Ali, a fisherman from ...": a person
    strong = _strong(entry, gazetteer.focus)
    previous = _previous_capitalised(text, tokens, span, ends)
    headline = _title_case(text, span)
    if (headline and previous is not None and gazetteer.commonness(previous.text.lower()) >= COMMON_WORD_ZIPF
            and previous.text.lower() not in NOT_PLACES):
        previous = None  # "Blast Kills Two at Checkpoint Outside Tikrit": a headline, not a name
    continues = _name_continues(text, tokens, span, starts, gazetteer if headline else None)
    if (previous is not None and entry.kind != "country" and not (
            entry.kind == "admin1" and _sentence_initial(text, Span(previous.start, previous.end, "", "", [], 0, 0)))) \
            or continues:
        # "Mark Milley", "Naft Maysan", "Jordan Whitfield", "Turkistan Islamic Party", "Mosul Eye":
        # part of a longer proper name.
        return False
    common = gazetteer.commonness(key)
    initial = _sentence_initial(text, span)
    far = entry.country not in gazetteer.focus and entry.country not in NEIGHBOURS
    rare = common < (COMMON_WORD_ZIPF if entry.kind == "admin1" else 3.0)
    named_country = entry.country in countries and (entry.kind == "admin1" or entry.population >= 100_000)
    if far and entry.kind in ("place", "admin1") and not (
            entry.population >= 500_000 or named_country or (locative and rare and not initial)):
        return False  # a town abroad needs a cue ("in", "near"), its country named, or fame
    if common >= FUNCTION_WORD_ZIPF or (span.text.isupper() and common >= COMMON_WORD_ZIPF):
        # "The", "In", "AND": a word first, whatever town shares the spelling.
        return bool(_TYPE_BEFORE.search(before))
    if common >= COMMON_WORD_ZIPF and not strong:
        return typed or (locative and not initial)
    if common >= COMMON_WORD_ZIPF and initial and not locative and entry.kind not in ("country", "admin1"):
        return False  # "Sale of diesel was banned", "Bus services resumed": a word, not a town
    if far and initial and not locative and entry.population < 1_000_000 and entry.kind == "place":
        return False  # "Ain, which means spring": a town abroad opening a sentence needs a cue
    if initial and common >= 3.0 and not strong and not typed:
        return False
    if span.variant and not locative:
        return False  # a spelling we only guess at needs a cue: "in Mayadeen", "the town of Busayra"
    if entry.country in NEIGHBOURS and entry.kind == "place" and not strong and not (
            locative or (entry.country in countries and not _title_case(text, span))):
        return False  # a village across the border needs a cue or its country named (in prose)
    if key in people:
        return typed or bool(_TYPE_BEFORE.search(before))  # "Milley said": named as a person earlier on
    preposition = re.search(r"\b(?:in|near|at|from|to|into|outside|around|towards?|of)\s+(?:the\s+)?$", before, re.I)
    if key in FIRST_NAMES and entry.kind == "place" and not preposition and not typed and not (
            strong and entry.country in gazetteer.focus):
        return False  # "Nour and Bashir, two siblings": given names before village names
    return True


def _precision(entry: Entry, qualifier: str | None) -> int:
    if entry.kind in ("country", "admin1"):
        return 3
    if entry.kind == "feature":
        return 2 if entry.fcode in ("mountain", "dam", "lake", "base", "camp", "airport", "district") else 3
    if qualifier == "province":
        return 3  # "Khorasan Province" with no governorate of that name known: the region
    return 2 if qualifier in ("near", "region", "countryside") else 1


_CAPITAL = re.compile(r"\b(?:(?P<dem>" + "|".join(DEMONYMS) + r")\s+capital|(?P<country>[A-Z][a-z]+)['’]s\s+capital)\b",
                      re.I)


def capital_mentions(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """ "the Iraqi capital", "Syria's capital": the capital city, by the country's name."""
    found = []
    for m in _CAPITAL.finditer(text):
        if m.group("dem"):
            country = DEMONYMS[m.group("dem").lower()]
        else:
            country = next((e.country for e in gazetteer.lookup(name_key(m.group("country"))) if e.kind == "country"),
                           None)
        entry = gazetteer.capital(country) if country else None
        if entry is not None:
            found.append(Mention(m.group(), m.start(), m.end(), gazetteer.to_place(entry, 1), "capital"))
    return found


def find_places(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """Every place named in ``text``, in text order, resolved with the document as context."""
    tokens = tokenize(text)
    capitals = capital_mentions(text, gazetteer)
    spans = [s for s in candidate_spans(text, tokens, gazetteer)
             if not any(c.start <= s.start < c.end for c in capitals)]
    if not spans:
        return capitals
    context = _document_context(spans, gazetteer)
    inside = _containers(text, spans, gazetteer)
    near = _near_points(text, spans, gazetteer)
    starts = frozenset(s.start for s in spans)
    ends = frozenset(s.end for s in spans)
    qualifiers = _list_qualifiers(text, spans, [_qualifier(text, span) for span in spans], gazetteer)
    mentions = []
    listed = _listed(text, spans)
    agreement = _agreement(spans, gazetteer)
    people = _people(text, tokens, spans, starts, ends)
    for span, qualifier in zip(spans, qualifiers):
        admin1s, countries = context[id(span)]
        ranked = _rank(span, qualifier, inside.get(id(span)), admin1s, countries, gazetteer, near.get(id(span)),
                       agreement[id(span)])
        entry = ranked[0][1]
        anchor = near.get(id(span))
        if (anchor is not None and entry.kind == "place" and entry.prominence < 8
                and _km(anchor[0], anchor[1], entry.lat, entry.lon) > 150):
            continue  # "al-Hawasha, near Muqdadiya": a village we do not know, not a namesake far away
        if qualifier == "countryside" and entry.kind == "place" and entry.admin1:
            # "the Idleb countryside": the governorate around the town, not the town.
            admin1 = gazetteer.admin1_entry.get(entry.admin1)
            if admin1 is not None and _same_name(admin1, span.key, gazetteer):
                entry = admin1
        if not _keep(text, tokens, span, entry, qualifier, countries, gazetteer, starts, ends, id(span) in listed,
                     people):
            continue
        place = gazetteer.to_place(entry, _precision(entry, qualifier))
        mentions.append(Mention(span.text, span.start, span.end, place, qualifier))
    return sorted(mentions + capitals, key=lambda m: m.start)


def _agreement(spans: list[Span], gazetteer: Gazetteer, reach: int = 150) -> dict[int, frozenset]:
    """Governorates where the names close to each span could lie (their three best readings).

    Names mentioned together tend to lie together: "from Busayrah north to Suwar" are
    both readings in Deir ez-Zor, which a namesake in Jordan is not.
    """
    readings = [{e.admin1 for e in sorted(s.candidates, key=gazetteer.score, reverse=True)[:3] if e.admin1}
                for s in spans]
    out = {}
    lo = 0
    for i, span in enumerate(spans):  # spans are in text order: a sliding window
        while spans[lo].start < span.start - reach:
            lo += 1
        near: set[str] = set()
        j = lo
        while j < len(spans) and spans[j].start <= span.start + reach:
            if j != i:
                near |= readings[j]
            j += 1
        out[id(span)] = frozenset(near)
    return out


def _people(text: str, tokens: list[Token], spans: list[Span], starts, ends) -> frozenset:
    """Names the text uses as part of a person's name ("Mark Milley", "Salim al-Mansur"): when
    they come back alone ("Milley said"), they still mean the person."""
    out = set()
    for span in spans:
        previous = _previous_capitalised(text, tokens, span, ends)
        if previous is None or _title_case(text, span):
            continue  # in a headline every word has a capital
        if all(e.kind not in ("country", "admin1") for e in span.candidates):
            out.add(span.key)
    return frozenset(out)


def _listed(text: str, spans: list[Span]) -> set[int]:
    """Spans that stand in a list of names ("Bashiqa, Bartella and Qaraqosh")."""
    out = set()
    for a, b in zip(spans, spans[1:]):
        if _LIST_GAP.fullmatch(text[a.end : b.start]):
            out.update((id(a), id(b)))
    return out


_LIST_GAP = re.compile(r"\s*(?:,|,?\s*and|,?\s*or|/|&)\s*(?:the\s+)?", re.I)
_PLURAL_ADMIN1 = re.compile(r"^\s*(?:governorates|provinces)\b", re.I)


def _list_qualifiers(text: str, spans: list[Span], qualifiers: list, gazetteer: Gazetteer) -> list:
    """Names listed together are read at one level: "Ninewa and Erbil", "Kirkuk, and Diyala governorates"."""
    out = list(qualifiers)
    group = [0]
    for i in range(1, len(spans) + 1):
        if i < len(spans) and _LIST_GAP.fullmatch(text[spans[i - 1].end : spans[i].start]):
            group.append(i)
            continue
        if len(group) > 1:
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


def _same_name(admin1: Entry, key: str, gazetteer: Gazetteer) -> bool:
    return any(e.id == admin1.id for e in gazetteer.lookup(key)) or name_key(admin1.name) == key


def geocode(name: str, gazetteer: Gazetteer, country: str | None = None) -> Place | None:
    """The best match for a bare place name, optionally within one country (ISO alpha-2)."""
    cache = gazetteer.geocoded
    key = (name, country)
    if key not in cache:
        if len(cache) > 500_000:
            cache.clear()
        cache[key] = _geocode(name, gazetteer, country)
    return cache[key]


def geocode_many(names, gazetteer: Gazetteer, country: str | None = None) -> list[Place | None]:
    """:func:`geocode` for a batch of names, with the index read in a few large queries."""
    names = list(names)
    gazetteer.prefetch(name_key(_strip_type_word(n)[0]) for n in names)
    return [geocode(n, gazetteer, country) for n in names]


_TYPE_WORD = re.compile(r"^(.*?)\s+(province|governorate|countryside|district|city|town)$", re.I)


def _strip_type_word(name: str) -> tuple[str, str | None]:
    """ "Kirkuk province" -> ("Kirkuk", "province"); "Kirkuk" -> ("Kirkuk", None)."""
    text = name.strip()
    m = _TYPE_WORD.match(text)
    if not m:
        return text, None
    return m.group(1), ("town" if m.group(2).lower() in ("city", "town", "district") else "province")


def _geocode(name: str, gazetteer: Gazetteer, country: str | None) -> Place | None:
    text, qualifier = _strip_type_word(name)
    key = name_key(text)
    entries = list(gazetteer.lookup(key)) if key else []
    if not entries and key:
        entries = _variant_entries(key, gazetteer)
    if country:
        entries = [e for e in entries if e.country == country.upper()]
    if not entries:
        return None
    span = Span(0, len(text), text, key, entries, 0, 0)
    ranked = _rank(span, qualifier, None, set(), {country.upper()} if country else set(), gazetteer)
    entry = ranked[0][1]
    return gazetteer.to_place(entry, _precision(entry, qualifier))
