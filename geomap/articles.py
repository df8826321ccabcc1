"""Split a document into articles, and articles into sentences, keeping character offsets.

News pages run several articles together: headline, dateline/byline, body, then
boilerplate ("weiterlesen / click to continue"). Headlines are recognised by their
shape (short, no closing full stop, mostly capitalised words), each article's date
by the first calendar date near its top.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from geomap.dates import absolute_dates
from geomap.models import Article, Document

BOILERPLATE = re.compile(
    r"^\s*(weiterlesen|click to continue|read more|continue reading|share this|like this|related|"
    r"advertisement|subscribe|sign up|«|%d bloggers|loading\.\.\.|posted in|tags?:|filed under|"
    r"photo:|image:|source:\s*$|follow us|all rights reserved|copyright|©)",
    re.I,
)
_END_PUNCT = tuple(".!…\"”’'):;,")


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    start: int
    end: int


def lines_of(text: str) -> list[Line]:
    out, pos = [], 0
    for raw in text.splitlines(keepends=True):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append(Line(stripped, pos + lead, pos + lead + len(stripped)))
        pos += len(raw)
    return out


def is_boilerplate(line: str) -> bool:
    """A line or sentence that is the page's furniture ("Read more", "Related News ..." and its headlines)."""
    return bool(BOILERPLATE.match(line)) or len(line) < 3 or _inline_links(line)


_RELATED = re.compile(r"\bRelated(?:\s+(?:News|Articles|Stories|Content))?\s+")
_LINK_LIST = re.compile(r"^\s*(related(?:\s+(?:articles|stories|news))?|read\s+(?:more|also)|more\s+from\b.*|"
                        r"you\s+may\s+also\s+like|see\s+also|trending|most\s+read|recommended)\s*:?\s*", re.I)


def _inline_links(sentence: str) -> bool:
    """ "... 91 Related US Mistakes Led to Catastrophe in Raqqa British Filmmaker Killed ...": a scraped page's
    list of other stories run into the text, told by "Related" and headlines, most of whose words have capitals."""
    for m in _RELATED.finditer(sentence):
        words = sentence[m.end() :].split()[:8]
        if m.group().strip() != "Related" and words and words[0][:1].isupper():
            return True  # "Related News Suicide car bomb kills eight ..."
        if len(words) >= 6 and sum(w[:1].isupper() or w[:1].isdigit() for w in words) >= 5:
            return True
    return False


def boilerplate_blocks(text: str) -> list[tuple[int, int]]:
    """Character ranges of link lists ("Related:" and the headlines under it): other stories, not this one."""
    blocks = []
    lines = lines_of(text)
    i = 0
    while i < len(lines):
        m = _LINK_LIST.match(lines[i].text)
        if not m:
            i += 1
            continue
        start, end = lines[i].start, lines[i].end
        rest = lines[i].text[m.end():]
        j = i + 1
        if not rest:  # a header on its own line: the short lines below it are the list
            while j < len(lines) and len(lines[j].text) < 160 and (
                    lines[j].text[:1] in "-•*–" or not lines[j].text.endswith(".")):
                end = lines[j].end
                j += 1
        blocks.append((start, end))
        i = j
    return blocks


def is_headline(line: str) -> bool:
    """A short line of several words with no closing punctuation and no date: a headline.

    Bylines and datelines ("by Staff October 31, 2021") carry a date and are not.
    """
    text = line.strip()
    if not (12 <= len(text) <= 220) or text.endswith(_END_PUNCT) or text.startswith(("•", "*", "-", "–")):
        return False
    words = re.findall(r"[^\W\d_][\w'’\-]*", text)
    if len(words) < 3 or not any(w[0].isupper() for w in words[:2]):
        return False
    return not any(d.precision == 1 for d in absolute_dates(text))


def split_articles(doc: Document, reference: dt.date | None = None) -> list[Article]:
    """Articles of a document, each with its title, text span and date (when it gives one)."""
    lines = lines_of(doc.text)
    if not lines:
        return []
    groups: list[list[Line]] = []
    for i, line in enumerate(lines):
        starts_new = is_headline(line.text) and (i + 1 < len(lines)) and not is_headline(lines[i + 1].text)
        if starts_new or not groups:
            groups.append([line])
        else:
            groups[-1].append(line)
    articles = []
    document_date = _first_date(doc.text[:400], reference)
    for group in _bounded(groups):
        start, end = group[0].start, group[-1].end
        text = doc.text[start:end]
        title = group[0].text if is_headline(group[0].text) else ""
        found = _first_date(text[:500], reference)
        date = found.date if found else None
        articles.append(
            Article(
                source=doc.path,
                title=title,
                text=text,
                start=start,
                date=date or (document_date.date if document_date else reference),
                date_text=found.text if found else None,
            )
        )
    return articles


MAX_ARTICLE = 200_000  # characters; longer runs of text (a 50 MB single line) are read in pieces


def _bounded(groups: list[list[Line]]) -> list[list[Line]]:
    """Cut groups of lines longer than MAX_ARTICLE at sentence ends, so that memory stays bounded."""
    out = []
    for group in groups:
        if group[-1].end - group[0].start <= MAX_ARTICLE:
            out.append(group)
            continue
        for line in group:
            pos = line.start
            while pos < line.end:
                stop = min(line.end, pos + MAX_ARTICLE // 2)
                if stop < line.end:
                    cut = max(line.text.rfind(". ", 0, stop - line.start), line.text.rfind("\n", 0, stop - line.start))
                    stop = line.start + cut + 1 if cut > pos - line.start else stop
                out.append([Line(line.text[pos - line.start : stop - line.start], pos, stop)])
                pos = stop
    return out


def _first_date(text: str, reference: dt.date | None):
    found = [d for d in absolute_dates(text, reference) if d.precision == 1]  # a day, not "March 2011"
    return found[0] if found else None


# -- sentences -------------------------------------------------------------------------------
_ABBREVIATIONS = {
    "u.s", "u.k", "u.n", "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "brig", "adm", "gov",
    "sen", "rep", "st", "no", "vs", "etc", "e.g", "i.e", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "inc", "corp", "co", "ltd", "approx", "km", "al", "mt", "ft", "a.m", "p.m",
}
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9•])|\n+")


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) offsets of the sentences of ``text``; abbreviations like "U.S." don't end one."""
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        if m.group().startswith((".",)) and not m.group().startswith(".\n"):
            word = re.search(r"([\w.]+)\.$", text[start : m.start() + 1])
            if word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
                continue
        chunk = text[start:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            trail = len(chunk) - len(chunk.rstrip())
            yield start + lead, end - trail
        start = end
    if text[start:].strip():
        chunk = text[start:]
        lead = len(chunk) - len(chunk.lstrip())
        yield start + lead, len(text.rstrip())
