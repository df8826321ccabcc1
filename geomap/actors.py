"""Who did it, to whom: the armed groups and forces of this conflict, from a curated table.

``data/actors.csv`` lists each actor with the names news uses for it and a source.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

ACTORS_CSV = Path(__file__).resolve().parent / "data" / "actors.csv"


@lru_cache(maxsize=1)
def _table() -> tuple[re.Pattern, dict[str, tuple[str, str]]]:
    aliases: dict[str, tuple[str, str]] = {}
    with open(ACTORS_CSV, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for alias in row["aliases"].split("|"):
                if alias:
                    aliases[alias.lower()] = (row["actor"], row["kind"])
    parts = []
    for alias in sorted(aliases, key=len, reverse=True):
        escaped = re.escape(alias).replace(r"\ ", r"\s+")
        # Short acronyms ("IS", "SAA") only in capitals, so "is" the verb never counts.
        parts.append(f"(?-i:{re.escape(alias.upper())})" if len(alias) <= 4 and alias.isalpha() else escaped)
    pattern = re.compile(r"(?<![\w'’-])(?:" + "|".join(parts) + r")(?![\w'’-])", re.I)
    return pattern, aliases


def find_actors(sentence: str) -> list[tuple[str, str, int]]:
    """(actor, kind, offset) for each actor named in the sentence, in order, without repeats."""
    pattern, aliases = _table()
    seen, found = set(), []
    for m in pattern.finditer(sentence):
        actor, kind = aliases[re.sub(r"\s+", " ", m.group().lower())]
        if actor not in seen:
            seen.add(actor)
            found.append((actor, kind, m.start()))
    return found


def actors_of(sentence: str, trigger: int | None = None) -> tuple[str, str]:
    """(actor1, actor2): the agent of the event, then the other side or the victims.

    The agent is named in a passive "by X" after the trigger word, else it is the
    armed actor named last before the trigger (the subject of "... attacked").
    """
    found = find_actors(sentence)
    if not found:
        return "", ""
    armed = [a for a in found if a[1] != "civilian"]
    agent = None
    passive = re.search(r"\bby\s+(?:an?\s+|the\s+)?", sentence[trigger or 0 :])
    if passive:
        at = (trigger or 0) + passive.end()
        agent = next((a for a in armed if 0 <= a[2] - at < 30), None)
    if agent is None and trigger is not None:
        before = [a for a in armed if a[2] < trigger]
        agent = before[-1] if before else None
    if agent is None:
        agent = armed[0] if armed else found[0]
    other = next((a for a in found if a[0] != agent[0]), None)
    return agent[0], other[0] if other else ""
