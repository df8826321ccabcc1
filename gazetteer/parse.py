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

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from gazetteer.index import Entry, Gazetteer
from gazetteer.lexicon import (
    ADMIN1_AFTER,
    DIRECTIONS,
    MEDIA_OR_GROUP,
    NEAR_AFTER,
    NOT_PLACES,
    PLACE_AFTER,
    PLACE_FOLLOWERS,
    PLACE_PREFIXES,
)
from gazetteer.normalize import ARTICLES, name_key, soft_key
from gazetteer.types import Mention, Place

MAX_TOKENS = 5
# Minimum rapidfuzz ratio for a spelling variant found through the consonant skeleton;
# measured on the gold set (benchmarks/gazetteer_gold.py), see README.
VARIANT_MIN_RATIO = 80
COMMON_WORD_ZIPF = 3.9  # "Hit" 5.4, "Mark" 5.1, "Bennett" 4.0; "Mosul" 3.3, "Baghdad" 3.6
FUNCTION_WORD_ZIPF = 5.5  # "the" 7.7, "in" 7.3; "Iraq" 4.7, "China" 5.3, "India" 5.2

_TOKEN = re.compile(r"[^\W\d_]+(?:['’‘`][^\W\d_]+)*")
_SENTENCE_BREAK = re.compile(r"[.!?:;•\n]\s*$|^\s*$")
_LOCATIVE = re.compile(
    r"\b(in|near|at|from|to|into|outside|around|across|toward|towards|through|via|inside|within|between|"
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
            if j > i and not (tok.capitalised or _is_article(tok)):
                break
            if tok.capitalised:
                ends.append(j)
            j += 1
        for end in reversed(ends):
            surface = text[first.start : tokens[end].end]
            key = name_key(surface)
            if not key or len(key) < 2:
                continue
            entries = list(gazetteer.lookup(key))
            variant = False
            if not entries and len(key) >= 5 and gazetteer.commonness(key) < 3.0 and not surface.isupper():
                entries = _variant_entries(key, gazetteer)
                variant = bool(entries)
            if entries:
                found = Span(first.start, tokens[end].end, surface, key, entries, i, end, variant)
                break
        if found:
            spans.append(found)
            i = found.last_token + 1
        else:
            i += 1
    return spans


def _variant_entries(key: str, gazetteer: Gazetteer) -> list[Entry]:
    """Entries of the known spelling(s) closest to ``key`` among those sharing its skeleton."""
    soft = soft_key(key)
    scored = [(fuzz.ratio(soft, soft_key(other)), other) for other in gazetteer.variants(key)]
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


def _previous_capitalised(text: str, tokens: list[Token], span: Span) -> Token | None:
    """The capitalised word glued before the span, if it makes the span part of a longer name."""
    if span.first_token == 0:
        return None
    prev = tokens[span.first_token - 1]
    gap = text[prev.end : span.start]
    if gap not in (" ", "-") or not prev.capitalised:
        return None
    if prev.text.lower() in PLACE_PREFIXES:
        return None
    if _sentence_initial(text, Span(prev.start, prev.end, prev.text, "", [], 0, 0)) and prev.text.lower() in (
        "the", "in", "near", "at", "from", "on"
    ):
        return None
    return prev


def _name_continues(text: str, tokens: list[Token], span: Span) -> bool:
    """Is the span followed by more of a proper name ("al-Assad", "Milley")?"""
    nxt = span.last_token + 1
    if nxt >= len(tokens) or text[span.end : tokens[nxt].start] not in (" ", "-"):
        return False
    following = tokens[nxt]
    if _is_article(following) and nxt + 1 < len(tokens):
        after = tokens[nxt + 1]
        return after.capitalised and text[following.end : after.start] in ("-", " ")
    return following.capitalised and following.text.lower() not in PLACE_FOLLOWERS and not following.text.isupper()


_CONTAINER_GAP = re.compile(
    r"\s*(?:,|\(|-|–)?\s*(?:(?:in|of|near|inside|within)\s+)?(?:the\s+)?"
    r"(?:(?:northern|southern|eastern|western|central|north-?eastern|north-?western|south-?eastern|south-?western|"
    r"rural|northeastern|northwestern|southeastern|southwestern)\s+)?"
    r"(?:(?:countryside|outskirts|province|governorate|district|region|desert|suburbs|part)\s+(?:of|in)\s+(?:the\s+)?)?",
    re.I,
)


def _containers(text: str, spans: list[Span], gazetteer: Gazetteer) -> dict[int, tuple[str, str]]:
    """For "X in Y", "X, Y", "X (Y)", "X in the eastern countryside of Y": X lies inside Y."""
    inside: dict[int, tuple[str, str]] = {}
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


def _document_context(spans: list[Span], gazetteer: Gazetteer) -> tuple[set[str], set[str]]:
    """Governorates and countries the document names without doubt."""
    admin1s, countries = set(), set()
    for span in spans:
        ranked = sorted(span.candidates, key=gazetteer.score, reverse=True)
        top = ranked[0]
        margin = gazetteer.score(top) - (gazetteer.score(ranked[1]) if len(ranked) > 1 else 0)
        if top.kind == "country":
            countries.add(top.country)
        elif top.kind in ("admin1", "feature") or (top.kind == "place" and margin > 3 and top.prominence > 8):
            if top.admin1:
                admin1s.add(top.admin1)
            countries.add(top.country)
    return admin1s, countries


# -- decision --------------------------------------------------------------------------------
def _rank(span: Span, qualifier: str | None, inside, admin1s, countries, gazetteer: Gazetteer) -> list[tuple]:
    ranked = []
    for entry in span.candidates:
        score = gazetteer.score(entry)
        if name_key(entry.name) == span.key:
            score += 1.5  # named by its main name, not by one of many alternates
        if qualifier in ("province", "countryside"):
            score += 12 if entry.kind == "admin1" else 0
        elif qualifier == "region":
            score += 12 if entry.kind in ("admin1", "country") else 0
        elif qualifier == "town":
            score += 4 if entry.kind == "place" else (-6 if entry.kind == "admin1" else 0)
        if inside:
            level, code = inside
            match = entry.admin1 == code if level == "admin1" else entry.country == code
            score += 8 if match else -4
        if entry.admin1 and entry.admin1 in admin1s and entry.kind != "admin1":
            score += 3
        if entry.country in countries:
            score += 1.5
        elif countries and entry.kind != "country":
            score -= 3  # the document is about other countries
        ranked.append((score, entry))
    ranked.sort(key=lambda pair: (-pair[0], pair[1].id))
    return ranked


def _strong(entry: Entry) -> bool:
    if entry.kind in ("country", "admin1", "feature"):
        return True
    return entry.population >= 100_000 or entry.alt_count >= 15 or entry.fcode in ("PPLC", "PPLA")


def _keep(text: str, tokens, span: Span, entry: Entry, qualifier: str | None, countries: set[str],
          gazetteer: Gazetteer) -> bool:
    """Is a place the obvious reading of this span? (People, channels, common words are not.)"""
    before = _before(text, span)
    locative = bool(_LOCATIVE.search(before)) or qualifier is not None
    typed = qualifier in ("town", "province", "countryside") or bool(_TYPE_BEFORE.search(before))
    key = span.key
    last_word = key.split()[-1]
    if key in NOT_PLACES or (last_word in NOT_PLACES and len(key.split()) == 1):
        return typed
    if key in MEDIA_OR_GROUP:
        media = r"^['’]?s?\s*(channel|tv|television|network|reported|said|says|quoted|broadcast|aired|correspondent)\b"
        in_place = re.search(r"\b(in|near|at|into|outside|around|of|from|entrance\s+to|on)\s+(the\s+)?$", before, re.I)
        return bool(in_place or typed) and not re.search(media, _after(text, span), re.I)
    if span.text.isupper() and len(key.replace(" ", "")) <= 4 and entry.kind != "country":
        return False  # an acronym: "SNA", "PMF", "HTS"
    strong = _strong(entry)
    famous = entry.kind in ("country", "admin1") or entry.population >= 500_000
    if not famous and (_previous_capitalised(text, tokens, span) is not None or _name_continues(text, tokens, span)):
        # "Mark Milley", "Jabhat al-Nusra", "Bashar al-Assad": part of a longer proper name.
        return False
    common = gazetteer.commonness(key)
    if common >= FUNCTION_WORD_ZIPF or (span.text.isupper() and common >= COMMON_WORD_ZIPF):
        # "The", "In", "AND": a word first, whatever town shares the spelling.
        return bool(_TYPE_BEFORE.search(before))
    if common >= COMMON_WORD_ZIPF and not strong:
        return typed or (locative and not _sentence_initial(text, span))
    if _sentence_initial(text, span) and common >= 3.0 and not strong and not typed:
        return False
    if span.variant and not (locative or strong):
        return False
    far = entry.country not in gazetteer.focus and entry.country not in ("TR", "LB", "JO", "IR")
    if far and entry.kind == "place" and entry.population < 50_000 and entry.country not in countries:
        return False
    return True


def _precision(entry: Entry, qualifier: str | None) -> int:
    if entry.kind in ("country", "admin1"):
        return 3
    if entry.kind == "feature":
        return 2 if entry.fcode in ("mountain", "dam", "lake", "base", "camp", "airport", "district") else 3
    return 2 if qualifier in ("near", "region", "countryside") else 1


def find_places(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """Every place named in ``text``, in text order, resolved with the document as context."""
    tokens = tokenize(text)
    spans = candidate_spans(text, tokens, gazetteer)
    if not spans:
        return []
    admin1s, countries = _document_context(spans, gazetteer)
    inside = _containers(text, spans, gazetteer)
    qualifiers = _list_qualifiers(text, spans, [_qualifier(text, span) for span in spans], gazetteer)
    mentions = []
    for span, qualifier in zip(spans, qualifiers):
        ranked = _rank(span, qualifier, inside.get(id(span)), admin1s, countries, gazetteer)
        entry = ranked[0][1]
        if qualifier == "countryside" and entry.kind == "place" and entry.admin1:
            # "the Idleb countryside": the governorate around the town, not the town.
            admin1 = gazetteer.admin1_entry.get(entry.admin1)
            if admin1 is not None and _same_name(admin1, span.key, gazetteer):
                entry = admin1
        if not _keep(text, tokens, span, entry, qualifier, countries, gazetteer):
            continue
        place = gazetteer.to_place(entry, _precision(entry, qualifier))
        mentions.append(Mention(span.text, span.start, span.end, place, qualifier))
    return mentions


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
    text = name.strip()
    qualifier = None
    m = re.match(r"^(.*?)\s+(province|governorate|countryside|district|city|town)$", text, re.I)
    if m:
        text, word = m.group(1), m.group(2).lower()
        qualifier = "town" if word in ("city", "town", "district") else "province"
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
