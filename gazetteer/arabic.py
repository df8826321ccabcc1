"""Place names in Arabic-script text, found by the index's Arabic names.

Arabic has no capital letters to say where a name starts, and many village names are also everyday words
("the police", "the state"). A run of one to four Arabic words is read as a place when the index knows it
(after the prefixes wa-, fa-, bi-, li-, ka- are taken off its first word), it is not one of the common words
of ``data/arabic_words.json``, and it names a country, a governorate or a town of 10,000 people or more, or
follows a word that announces a place ("مدينة", "بلدة", "قرية": the town, village of). "ريف X", the
countryside of X, is the governorate around X.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from gazetteer.index import Entry, Gazetteer
from gazetteer.normalize import arabic_key
from gazetteer.types import Mention

_WORD = re.compile(r"[\u0621-\u064a\u0660-\u0669\u066e-\u06d3\u064b-\u065f\u0670]+")
_PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")
MAX_WORDS = 4
TOWN = 10_000  # people: a town known well enough to be read without a word announcing it


@lru_cache(maxsize=1)
def _words() -> tuple[frozenset, frozenset, frozenset]:
    data = json.loads((Path(__file__).parent / "data" / "arabic_words.json").read_text(encoding="utf-8"))
    keys = [frozenset(arabic_key(w) for w in data[name]) for name in ("common", "settlement", "countryside")]
    return keys[0], keys[1], keys[2]


def arabic_mentions(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """The places named in the Arabic-script parts of ``text``, in text order."""
    words = list(_WORD.finditer(text))
    mentions = []
    i = 0
    while i < len(words):
        found = _longest_name(text, words, i, gazetteer)
        if found is None:
            i += 1
            continue
        mention, n = found
        mentions.append(mention)
        i += n
    return mentions


def _longest_name(text: str, words: list, i: int, gazetteer: Gazetteer) -> tuple[Mention, int] | None:
    common, settlement, countryside = _words()
    before = _bare(words[i - 1].group()) if i else ""
    announced = before in settlement
    for n in range(min(MAX_WORDS, len(words) - i), 0, -1):
        if any(text[words[k].end() : words[k + 1].start()].strip() for k in range(i, i + n - 1)):
            continue  # a comma or a full stop between the words: not one name
        for cut in _prefix_cuts(words[i].group()):
            start, end = words[i].start() + cut, words[i + n - 1].end()
            key = arabic_key(text[start:end])
            if len(key.replace(" ", "")) < 3 or key in common:
                continue
            entry = _best(gazetteer.lookup(key), gazetteer, announced)
            if entry is None:
                continue
            if before in countryside and entry.kind == "place" and entry.admin1 in gazetteer.admin1_entry:
                return _mention(text, start, end, gazetteer.admin1_entry[entry.admin1], gazetteer, "countryside"), n
            return _mention(text, start, end, entry, gazetteer, "town" if announced else None), n
    return None


def _best(entries, gazetteer: Gazetteer, announced: bool) -> Entry | None:
    readable = [e for e in entries if e.kind in ("country", "admin1") or e.population >= TOWN or (
        announced and e.kind in ("place", "feature") and (e.country in gazetteer.focus or e.population > 0))]
    return max(readable, key=gazetteer.score) if readable else None


def _mention(text: str, start: int, end: int, entry: Entry, gazetteer: Gazetteer, qualifier: str | None) -> Mention:
    precision = 3 if entry.kind in ("country", "admin1") else 1
    return Mention(text[start:end], start, end, gazetteer.to_place(entry, precision), qualifier)


def _prefix_cuts(word: str) -> list[int]:
    """How many letters of a word may be prefixes: none, then each proclitic it starts with (longest last)."""
    cuts = [0]
    for p in _PROCLITICS:
        if word.startswith(p) and len(word) - len(p) >= 3 and len(p) not in cuts:
            cuts.append(len(p))
    return cuts


def _bare(word: str) -> str:
    """A word's key without its prefixes ("وبمدينة" is "مدينة")."""
    common, settlement, countryside = _words()
    for cut in _prefix_cuts(word):
        key = arabic_key(word[cut:])
        if key in settlement or key in countryside:
            return key
    return arabic_key(word)
