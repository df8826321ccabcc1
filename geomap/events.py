"""What happened: ACLED event type and sub-event type, and how many were killed.

Rules are ordered: the first sub-event whose trigger appears (outside a future,
intended or denied context) types the sentence. A sentence with no trigger, or one
that only reports a trend, a statement or a plan, is not an incident. The words are in
:mod:`geomap.event_words`; tolls are read by :mod:`geomap.tolls`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geomap.arabic import classify_arabic, mostly_arabic
from geomap.event_words import (
    ARMED_TARGET,
    ATTEMPT,
    CIVILIAN,
    DELIBERATE,
    GROUP_BEFORE,
    HABITUAL,
    MULTI_DAY_TALLY,
    NON_STATE_TAKER,
    NOT_AN_EVENT,
    RULES,
    TOLL_UPDATE,
    UNREAL,
    UNREAL_AFTER,
    UNSPECIFIED_VICTIMS,
)
from geomap.tolls import fatalities, number_value

__all__ = ["EventType", "TOLL_UPDATE", "classify", "fatalities", "number_value"]


@dataclass(frozen=True, slots=True)
class EventType:
    """An event's ACLED type and sub-event type, and where in the sentence its trigger word is."""

    event_type: str
    sub_event_type: str
    start: int  # offset of the trigger in the sentence
    end: int
    generic: bool = False  # typed only by a word any violence shares ("killed", "attack"), not by its kind


def classify(sentence: str) -> EventType | None:
    """ACLED type of the event a sentence reports, or None when it reports none."""
    if mostly_arabic(sentence):
        found = classify_arabic(sentence)
        return EventType(*found) if found else None
    if NOT_AN_EVENT.search(sentence) or MULTI_DAY_TALLY.search(sentence):
        return None
    for event_type, sub_event_type, pattern in RULES:
        for m in pattern.finditer(sentence):
            before = sentence[max(0, m.start() - 40) : m.start()]
            if UNREAL.search(before) and not ATTEMPT.search(before) or UNREAL_AFTER.match(sentence, m.end()):
                continue
            if HABITUAL.search(sentence[max(0, m.start() - 30) : m.end() + 20]):
                continue  # "militants often attack convoys": a habit, not an event
            if m.group().lower() in ("fighting", "battling") and GROUP_BEFORE.search(before):
                continue  # "rebels fighting to topple the regime": who they are
            armed = ARMED_TARGET.search(sentence)
            if sub_event_type == "Attack" and (not CIVILIAN.search(sentence) or (armed and not _civilians_targeted(
                    sentence))):
                # Violence against armed men is a battle in ACLED's terms, not violence against civilians.
                if armed and re.search(r"\b(?:killed|kills?|killing|attack\w*|massacre\w*|martyred|shot|shooting|"
                                       r"opened\s+fire|gunned|assassinat\w+)",
                                       m.group(), re.I):
                    return EventType("Battles", "Armed clash", m.start(), m.end(), True)
                if not armed and (DELIBERATE.fullmatch(m.group()) or UNSPECIFIED_VICTIMS.fullmatch(m.group())):
                    # "gunmen shot dead Ahmad al-X in Y", "the shooting occurred in the village of X"
                    return EventType(event_type, sub_event_type, m.start(), m.end(), True)
                continue
            if sub_event_type == "Government regains territory" and _non_state_agent(sentence):
                return EventType(event_type, "Non-state actor overtakes territory", m.start(), m.end())
            return EventType(event_type, sub_event_type, m.start(), m.end(), sub_event_type == "Attack")
    return None


def _civilians_targeted(sentence: str) -> bool:
    """Civilians are the object ("killed four members of one family") or the passive subject ("a woman was shot")."""
    verbs = r"(?:killed|shot|executed|abducted|attacked|targeted|murdered|stabbed|kidnapped)"
    return bool(re.search(rf"\b{verbs}\s+(?:\w+\s+){{0,5}}" + CIVILIAN.pattern, sentence, re.I)
                or re.search(CIVILIAN.pattern + rf"[^.;]{{0,60}}\b(?:was|were)\s+(?:\w+\s+)?{verbs}", sentence, re.I))


def _non_state_agent(sentence: str) -> bool:
    """Did a non-state group take the ground ("captured by rebels", "militants seized")?"""
    return bool(NON_STATE_TAKER.search(sentence))
