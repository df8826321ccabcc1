"""Candidate names in a text: runs of capitalised words that the index knows, spelling variants included."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from gazetteer.index import Entry, Gazetteer
from gazetteer.normalize import ARTICLES, name_key, soft_key

MAX_TOKENS = 5
# Minimum rapidfuzz ratio (on soft keys) for a spelling variant found through the consonant
# skeleton. Measured with `python benchmarks/gold_places.py --sweep` (see README): 65-70 find the
# most places on both gold sets with no false place; 70 is kept, the stricter end of that plateau.
VARIANT_MIN_RATIO = 70
# Words with inner apostrophes (Dar'a, Ma’arrat), but "Ninewa's" is "Ninewa" + "'s"; dotted initials are one word
# ("U.S.", "U.K."), and so are a letter and a number joined by a hyphen ("T-4", "K-1": air bases).
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}(?![A-Za-z])|[A-Z]-\d{1,2}(?![\w-])|[^\W\d_][^\W_]*(?:['’‘`](?![sS]\b)[^\W\d_]+)*")
# Lower-case words that may end a name: "Euphrates valley", "Damascus countryside", "Mosul dam", "Shayrat air
# base", "Hama military airport", "Tartus port", "Saydnaya prison".
GENERIC_TAILS = frozenset("valley desert mountains mountain dam lake river plains plain region countryside camp "
                          "crossing base airport border airbase oil gas field fields refinery basin air airfield "
                          "military international port seaport prison station".split())
# Capitalised words that look like an English article but are a name: "US troops".
NAMES_NOT_ARTICLES = frozenset({"US"})
# Lower-case joiners inside a name besides the Arabic article: the Persian ezafe ("Qasr-e Shirin").
JOINERS = frozenset({"e", "i", "bin", "ibn", "abu", "umm", "de"})
NEIGHBOURS = ("TR", "LB", "JO", "IR")
# Spellings of the Arabic article that are also English words: only hyphenated ("As-Suwayda") they are the article.
ENGLISH_ARTICLES = frozenset({"a", "as", "at", "an", "es", "en", "us", "un"})
LEADING_WORDS = frozenset({"in", "on", "at", "of", "to", "by", "for", "from", "with", "near", "outside", "inside"})
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
    """Can two words belong to one name? Only a space or a hyphen may stand between them, or the dot of
    an initial ("U.S.", "B.C.")."""
    gap = text[left.end : right.start]
    return gap in (" ", "-", "‐", "–", " - ") or (gap == "." and len(left.text) == 1 and left.text.isupper()
                                                 and right.capitalised)


def _with_final_dot(text: str, start: int, end: int) -> int:
    """ "U.S." ends after its last dot: the span covers the whole abbreviation."""
    if end < len(text) and text[end] == "." and end - start >= 3 and text[end - 2] == "." and text[end - 1].isupper():
        return end + 1
    return end


def is_article(token: Token) -> bool:
    return token.text.lower() in ARTICLES


def candidate_spans(text: str, tokens: list[Token], gazetteer: Gazetteer) -> list[Span]:
    """Longest known names made of capitalised words, left to right, not overlapping."""
    spans: list[Span] = []
    i = 0
    while i < len(tokens):
        found = _span_from(text, tokens, i, gazetteer) if _may_start_name(text, tokens, i, gazetteer) else None
        if found:
            spans.append(found)
            i = found.last_token + 1
        else:
            i += 1
    return spans


def _may_start_name(text: str, tokens: list[Token], i: int, gazetteer: Gazetteer) -> bool:
    """Can a name start at token ``i``: a capitalised word, or the Arabic article joined to one?"""
    first = tokens[i]
    if first.text in ("The", "THE") and i + 1 < len(tokens):
        return False  # "The US garrison": a name never starts with "The"
    if (first.text.lower() in ENGLISH_ARTICLES and first.text not in NAMES_NOT_ARTICLES and i + 1 < len(tokens)
            and text[first.end] != "-" and not (first.text.isupper() and _names_country(first.text, gazetteer))):
        return False  # "At Erbil", "such as Al Muhajiroun": English words, not the Arabic article ("US" a country)
    return first.capitalised or (
        is_article(first) and i + 1 < len(tokens) and tokens[i + 1].capitalised
        and _joinable(text, first, tokens[i + 1])
    )


def _span_from(text: str, tokens: list[Token], i: int, gazetteer: Gazetteer) -> Span | None:
    """The longest known name starting at token ``i`` (variants included); after a leading preposition, the
    name that follows it if that reaches as far."""
    first = tokens[i]
    ends = _name_ends(text, tokens, i, gazetteer)
    if first.text in NAMES_NOT_ARTICLES:
        ends = ends[:1]  # "US base": the country, then a word (name_key would read "US" as an article)
    found = _longest_known(text, tokens, i, ends, gazetteer)
    if found and found.last_token > i and first.text.lower() in LEADING_WORDS:
        rest = _span_at(text, tokens, i + 1, gazetteer)
        if rest is not None and rest.last_token >= found.last_token:
            found = rest  # "In Salah al-Din": the preposition, then the governorate
    return found


def _name_ends(text: str, tokens: list[Token], i: int, gazetteer: Gazetteer) -> list[int]:
    """The tokens on which a name starting at token ``i`` may end, shortest name first: capitalised words and
    generic tails ("valley", "dam") joined to it, up to MAX_TOKENS words."""
    first = tokens[i]
    ends = []
    j = i
    while j < len(tokens) and j - i < MAX_TOKENS:
        tok = tokens[j]
        if j > i and not _joinable(text, tokens[j - 1], tok):
            break
        lower = tok.text.lower()
        if j > i and not (tok.capitalised or is_article(tok) or lower in JOINERS or lower in GENERIC_TAILS):
            if gazetteer.lookup(name_key(text[first.start : tok.end])) and gazetteer.commonness(lower) < 3.0:
                ends.append(j)  # "Deir ezzor": a known name written with a lower-case second word
            break
        if tok.capitalised or (j > i and lower in GENERIC_TAILS):
            ends.append(j)
        if j > i and lower in GENERIC_TAILS and not (j + 1 < len(tokens)
                                                      and tokens[j + 1].text.lower() in GENERIC_TAILS):
            break
        j += 1
    return ends


def _longest_known(text: str, tokens: list[Token], i: int, ends: list[int], gazetteer: Gazetteer) -> Span | None:
    """The span from token ``i`` to the furthest of ``ends`` that names known places, or None."""
    first = tokens[i]
    for end in reversed(ends):
        surface = text[first.start : tokens[end].end]
        key = name_key(surface)
        if not key or len(key) < 2:
            continue
        entries, variant = _entries_for(surface, key, end == i, gazetteer)
        if entries:
            stop = _with_final_dot(text, first.start, tokens[end].end)
            return Span(first.start, stop, text[first.start : stop], key, entries, i, end, variant)
    return None


def _entries_for(surface: str, key: str, one_word: bool, gazetteer: Gazetteer) -> tuple[list[Entry], bool]:
    """The entries a name may stand for, and whether they were found only under another spelling of it."""
    entries = list(gazetteer.lookup(key))
    variant = False
    if not entries and one_word:
        entries = _possessive_entries(surface, gazetteer)
    nearby = any(e.country in gazetteer.focus for e in entries)
    if not nearby and len(key) >= 5 and gazetteer.commonness(key) < 3.0 and not surface.isupper():
        # Unknown here, or known only far away: try the region's spellings of the same name.
        found = [e for e in variant_entries(key, gazetteer) if e.kind in ("place", "feature") and (
            e.country in gazetteer.focus or e.country in NEIGHBOURS)]
        variant = bool(found) and not entries
        entries = list({e.id: e for e in entries + found}.values())
    if not entries and one_word and re.fullmatch(r"Al[b-df-hj-np-tv-z][a-z]{4,}", surface):
        # "Albukamal", "Alhasakah": the article written onto the name.
        entries = [e for e in gazetteer.lookup(name_key(surface[2:])) if e.country in gazetteer.focus]
        variant = bool(entries)
    return entries, variant


def _names_country(word: str, gazetteer: Gazetteer) -> bool:
    return any(e.kind == "country" for e in gazetteer.lookup(word.lower()))


def _possessive_entries(surface: str, gazetteer: Gazetteer) -> list[Entry]:
    """ "Iraqs Mosul", "Mosuls outskirts": a possessive whose apostrophe was lost (as in scraped text), when
    the word is no name of its own (the caller looked) and its stem is a well-known place."""
    if len(surface) < 5 or not surface.endswith("s") or not surface[0].isupper() or surface.isupper():
        return []
    return [e for e in gazetteer.lookup(name_key(surface[:-1]))
            if e.kind in ("country", "admin1") or e.population >= 100_000]


def _span_at(text: str, tokens: list[Token], i: int, gazetteer: Gazetteer) -> Span | None:
    """The longest known name starting exactly at token ``i`` (no variants)."""
    ends = []
    j = i
    while j < len(tokens) and j - i < MAX_TOKENS:
        if j > i and not _joinable(text, tokens[j - 1], tokens[j]):
            break
        if j > i and not (tokens[j].capitalised or is_article(tokens[j])):
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


def variant_entries(key: str, gazetteer: Gazetteer) -> list[Entry]:
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


