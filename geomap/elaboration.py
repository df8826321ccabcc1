"""Where an event reported vaguely happened, told by the sentences that follow its report (or, for a report
that speaks of an event again, by the sentence before that first told it).

News often opens with the event and only a region ("a car bomb in a town in the north of the country",
"an air strike on a hospital in northwestern Syria") and names the place a sentence or two later ("the car
blew up on the edge of the town of X", "the strikes on rebel-held X", "the hospital in the town of X is ...").
Those later sentences need not report the event again; they say where it was. The place taken is the first
one, in the few sentences after the report, that the words before it put the event in ("in", "at", "near",
"the town of", "struck", "on") rather than a place people came from or went to, a speaker's place or a name
that only qualifies another word; it must lie in the country the report already gave, if it gave one.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from gazetteer import Mention
from geomap.cues import (
    AWAY_BEFORE,
    EVENT_NOUNS,
    FROM_BEFORE,
    NEAR_BEFORE,
    NOUN_AFTER,
    ON_BEFORE,
    REPORTED_AFTER,
    SIDES_BACK,
    SPEAKER_BEFORE,
    TO_BEFORE,
    TYPE_OF_BEFORE,
    WHERE_BEFORE,
)

# How many sentences after a report may still tell where it happened.
WINDOW_SENTENCES = 3


def placing_cue(text: str, mention: Mention) -> bool:
    """Do the words around ``mention`` put something *at* it ("in X", "the town of X", "struck X")?"""
    before = text[max(0, mention.start - 45) : mention.start]
    after = text[mention.end : mention.end + 45]
    if any(p.search(before) for p in (AWAY_BEFORE, FROM_BEFORE, SPEAKER_BEFORE)):
        return False  # where people fled to or came from, where a witness spoke from
    if TO_BEFORE.search(before) and not NEAR_BEFORE.search(before):
        return False  # "on their way to X"; but "at the entrance to the town of X"
    if NOUN_AFTER.match(after) or REPORTED_AFTER.match(after):
        return False  # "Idlib residents", "officials in Idlib said"
    return any(p.search(before) for p in (WHERE_BEFORE, NEAR_BEFORE, ON_BEFORE, TYPE_OF_BEFORE))


_DEFINITE = re.compile(r"\b(?:the|this|that|these|those|its)\s+(?:[\w-]+\s+){0,2}?([a-z]{3,})\b", re.I)
_WORD = re.compile(r"[a-z]{3,}")


def refers_back(sentence: str, report: str) -> bool:
    """Does ``sentence`` speak of the event of ``report`` again: "the strikes", "the hospital" (one the report
    named), "the car"? A definite noun phrase whose noun is an event's or one of the report's own words, or the
    event's two sides ("fighters from both sides")."""
    if SIDES_BACK.search(sentence):
        return True
    known = {w.rstrip("s") for w in _WORD.findall(report.lower())}
    return any(m.group(1).lower() in EVENT_NOUNS or m.group(1).lower().rstrip("s") in known
               for m in _DEFINITE.finditer(sentence))


def elaboration(text: str, bounds: Sequence[tuple[int, int]], mentions: Sequence[Mention], after: int,
                country: str | None = None, report: str = "") -> Mention | None:
    """The place the sentences after offset ``after`` give the event reported before it, or None.

    ``bounds`` are the (start, end) offsets of the text's sentences and ``mentions`` its places, both in text
    order (offsets into ``text``); ``country``, when given, is where the report already put it; ``report`` is
    the report's sentence, which a sentence telling where must refer back to.
    """
    k = bisect_left(bounds, (after, -1))
    for start, end in bounds[k : k + WINDOW_SENTENCES]:
        if report and not refers_back(text[start:end], report):
            continue
        found = _placed_in(text, mentions, start, end, country)
        if found is not None:
            return found
    return None


def antecedent(text: str, bounds: Sequence[tuple[int, int]], mentions: Sequence[Mention], before: int,
               country: str | None, report: str) -> Mention | None:
    """The place the sentences before offset ``before`` gave the event ``report`` speaks of again ("the site of
    the attack", after "an attack on the outskirts of X" the article did not map: an allegation, a claim), or
    None. The nearest such sentence first; the place must lie in ``country`` when given."""
    k = bisect_left(bounds, (before, -1))
    for start, end in reversed(bounds[max(0, k - WINDOW_SENTENCES) : k]):
        if not refers_back(report, text[start:end]):
            continue
        found = _placed_in(text, mentions, start, end, country)
        if found is not None:
            return found
    return None


def _placed_in(text: str, mentions: Sequence[Mention], start: int, end: int, country: str | None) -> Mention | None:
    """The first place between offsets ``start`` and ``end`` that the words around it put something at, in
    ``country`` when given (never a country itself)."""
    lo = bisect_left(mentions, start, key=lambda m: m.start)
    for m in mentions[lo : bisect_left(mentions, end, key=lambda m: m.start)]:
        place = m.place
        if place.level == "country" or not place.country or (country and place.country != country):
            continue
        if placing_cue(text, m):
            return m
    return None
