"""News text to incidents: one incident per reported event and place, dated, typed and sourced.

For each article: find its places once (the whole article is context for each
name), then read it sentence by sentence. A sentence that reports an event (see
:mod:`geomap.events`) becomes one incident per event location; the same event
reported twice (a headline and its body, a paragraph repeated on another page) is
merged into one record that lists every source.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from rapidfuzz import fuzz

from gazetteer import Gazetteer, Mention, Place, find_places
from gazetteer.lexicon import NOT_PLACES
from gazetteer.normalize import name_key, strip_invisible
from geomap.actors import actors_of
from geomap.articles import boilerplate_blocks, is_boilerplate, sentences, split_articles
from geomap.boundaries import country_names
from geomap.consolidate import SAME_EVENT_DAYS, consolidate, place_level, same_time
from geomap.cues import (
    GOVERNMENT_AFTER,
    GOVERNMENT_BEFORE,
    LOCATIVE_BEFORE,
    PLACE_BACK,
    SPEAKER_BEFORE,
    VICTIMS_BACK,
)
from geomap.dates import MONTH, WEEKDAY, absolute_dates, event_date
from geomap.elaboration import antecedent, elaboration, refers_back
from geomap.events import TOLL_UPDATE, EventType, classify, fatalities
from geomap.locations import choose_locations
from geomap.models import Article, Document, Incident, Unresolved

_BULLET = re.compile(r"\s*(?:[-•*–·▪]|\d{1,2}[.)/])\s")
_DATELINE_END = re.compile(r"\s[–—-]{1,2}\s?|[–—]|\s?[-–—]\s|:\s|\)\s")


@dataclass
class Extraction:
    incidents: list[Incident] = field(default_factory=list)
    unresolved: list[Unresolved] = field(default_factory=list)
    articles: int = 0
    reports: int = 0  # event reports (a clause, or one place of a list), before any was merged into another


def extract_incidents(
    documents: Iterable[Document],
    gazetteer: Gazetteer,
    reference_date: dt.date | None = None,
    progress: Callable[[int], None] | None = None,
) -> Extraction:
    """Incidents reported in ``documents``; what cannot be placed or dated is listed as unresolved.

    ``progress`` is called with the number of characters read after each article.
    """
    result = Extraction()
    for doc in documents:
        doc = replace(doc, text=strip_invisible(doc.text))  # "Haw\u00adija" is Hawija for every pattern below
        for article in split_articles(doc, reference_date):
            result.articles += 1
            found, unresolved, reports = _article_incidents(doc, article, gazetteer)
            result.reports += reports
            result.incidents.extend(found)
            result.unresolved.extend(unresolved)
            if progress:
                progress(len(article.text))
    result.incidents = distinct_ids(merge_duplicates(result.incidents))
    return result


_CLAUSE_BREAK = re.compile(r",\s+(?:while|whereas)\s+|;\s+")
_MORE_DEATHS = re.compile(r"\b(?:also|another|additional|further|more)\b", re.I)


def clauses(sentence: str) -> list[tuple[int, int]]:
    """Offsets of the clauses of a sentence that may report separate events ("X took A, while Y took B")."""
    cuts = [m for m in _CLAUSE_BREAK.finditer(sentence) if m.start() >= 25 and len(sentence) - m.end() >= 25]
    bounds, start = [], 0
    for m in cuts:
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(sentence)))
    return bounds


def can_be_event_place(mention: Mention) -> bool:
    """Countries named by their adjective ("Syrian forces") and places' names inside other names ("the Kirkuk
    Operations Command", "US-led") say who acted, not where; continents and world regions ("the Middle East")
    are no place a map can put an event."""
    if mention.qualifier in ("demonym", "modifier"):
        return False
    return not (mention.place.level == "feature" and not mention.place.country)


def _article_incidents(doc: Document, article: Article, gazetteer: Gazetteer):
    reader = _ArticleReader(doc, article, gazetteer)
    reader.read()
    reports = len(reader.incidents) + len(reader.unresolved) + reader.folded
    incidents = consolidate(_fold_headline(reader.incidents, article), frozenset(reader.generic))
    return incidents, reader.unresolved, reports


@dataclass
class _Pending:
    """An event report whose sentence names no place, waiting for the article to say where."""

    sentence: str
    s_start: int  # offset of the sentence in the article
    span: tuple[int, int]  # offsets of the sentence in the document
    source: str
    c_start: int
    c_end: int
    event: EventType
    last_date: dt.date | None  # the date the article had reached when the report was read
    date: dt.date | None  # the report's own date, if it gives one
    more: list[tuple] = field(default_factory=list)  # (source, span, sentence) of further reports folded into it


class _ArticleReader:
    """Reads one article sentence by sentence, clause by clause, into incidents (and what it could not use)."""

    def __init__(self, doc: Document, article: Article, gazetteer: Gazetteer):
        self.doc, self.article, self.gazetteer = doc, article, gazetteer
        self.mentions = [m for m in find_places(article.text, gazetteer) if can_be_event_place(m)]
        self.starts = [m.start for m in self.mentions]
        self.dateline, self.dateline_end = _dateline(article, self.mentions)
        self.focus = _focus_country(self.mentions, self.dateline)
        # The country of the conflict the article tells of, when it names one (Iraq, Syria), else its focus.
        home = [m.place.country for m in self.mentions if m.place.country in gazetteer.focus]
        self.home = max(set(home), key=home.count) if home else self.focus
        self.stem = Path(doc.path.split("#")[0]).stem + (f"-{doc.doc_id}" if doc.doc_id else "")
        self.incidents: list[Incident] = []
        self.unresolved: list[Unresolved] = []
        self.generic: set[str] = set()  # ids of incidents typed only by "killed", "attacked"
        self.folded = 0  # follow-up sentences merged into the incident before them
        self.last_date = self.list_date = None
        self.bounds: list[tuple[int, int]] = []  # the sentences read, in text order
        self.pending: list[_Pending] = []  # event reports with no place yet
        self.capitals: dict[str, str | None] = {}  # the name key of each country's capital, as asked for

    def read(self) -> None:
        text = self.article.text
        skipped = boilerplate_blocks(text)
        for s_start, s_end in sentences(text):
            if s_start < self.dateline_end < s_end:
                # "KIRKUK, Iraq, March 3, 2025 — Two ..." and "(Xinhua) -- Two ..." read from "Two".
                s_start = self.dateline_end + len(re.match(r"[\s–—-]*", text[self.dateline_end : s_end]).group())
            sentence = text[s_start:s_end]
            if is_boilerplate(sentence) or len(sentence) < 20 or any(a <= s_start < b for a, b in skipped):
                continue
            self.bounds.append((s_start, s_end))
            self._sentence(sentence, s_start, s_end)
        self._place_pending()
        self._refine_vague()

    def _later_place(self, after: int, report: str, country: str | None = None) -> tuple[Mention, str] | None:
        """The place the sentences after offset ``after`` (in the article) give an event reported before it,
        and the source of the sentence that names it."""
        found = elaboration(self.article.text, self.bounds, self.mentions, after, country, report=report)
        if found is None:
            return None
        return self._told(found)

    def _earlier_place(self, before: int, report: str, country: str | None) -> tuple[Mention, str] | None:
        """The place a sentence before offset ``before`` gave the event ``report`` speaks of again, and its
        source."""
        found = antecedent(self.article.text, self.bounds, self.mentions, before, country, report)
        return None if found is None else self._told(found)

    def _told(self, found: Mention) -> tuple[Mention, str]:
        """The mention as a place given from elsewhere in the article, and the source of its sentence."""
        start, end = self.bounds[bisect_right(self.bounds, (found.start, len(self.article.text))) - 1]
        source = f"{self.doc.path}:{self.article.start + start}-{self.article.start + end}"
        return Mention(found.text, -1, -1, found.place, found.qualifier), source

    def _place_pending(self) -> None:
        """Reports with no place of their own: the place told before when they name it again ("in the town"),
        else where the next sentences say it was, else the dateline's place, else (for the lede, told before any
        mapped report) the headline's one place, else the one governorate of all the article's incidents."""
        for p in self.pending:
            back = self._earlier_place(p.s_start, p.sentence, None) if PLACE_BACK.search(p.sentence) else None
            place, told = back or self._later_place(p.s_start + len(p.sentence), p.sentence) or (self.dateline, None)
            if place is None and any(p.source in i.sources for i in self.incidents):
                self.folded += 1  # a clause of a sentence that placed its event: that event
                continue
            lede = all(i.sentence_start is None or i.sentence_start > p.span[0] for i in self.incidents)
            place = place or (self._headline_place() if lede else None) or self._one_governorate()
            before = len(self.incidents)
            if place is None:
                self._reject(p.span, "event without a place that could be resolved", p.sentence)
            else:
                self.last_date = p.last_date
                self._dated_add(p.sentence, p.s_start, p.span, p.source, p.c_start, p.c_end, p.event, [place])
            if len(self.incidents) > before:
                sources = [*self.incidents[-1].sources, *(source for source, _, _ in p.more), *([told] if told else [])]
                self.incidents[-1] = replace(self.incidents[-1], sources=tuple(dict.fromkeys(sources)))
                continue
            for _, span, sentence in p.more:  # the report was not mapped: nor are those that went on about it
                self.folded -= 1
                self._reject(span, "event without a place that could be resolved", sentence)
        self.incidents.sort(key=lambda i: i.sentence_start or 0)

    def _headline_place(self) -> Mention | None:
        """The one place (not a country) the article's headline names, as where its unplaced reports happened
        near (precision 2): "Forces press militants near X" over a text that says only "several villages"."""
        if not self.article.title:
            return None
        end = len(self.article.title)
        named = {(m.place.name, m.place.admin1): m for m in self.mentions
                 if m.start < end and m.place.level != "country" and m.qualifier not in ("modifier", "demonym")}
        if len(named) != 1:
            return None
        m = next(iter(named.values()))
        return Mention(m.text, -1, -1, replace(m.place, precision=max(2, m.place.precision)), m.qualifier)

    def _one_governorate(self) -> Mention | None:
        """The governorate every incident of the article lies in, if they all lie in one (at its precision)."""
        codes = {i.admin1 for i in self.incidents}
        if len(codes) != 1 or None in codes:
            return None
        entry = self.gazetteer.admin1_entry.get(codes.pop())
        return None if entry is None else Mention(entry.name, -1, -1, self.gazetteer.to_place(entry, 3))

    def _refine_vague(self) -> None:
        """An event placed only in a country ("in northern Syria") that no later report of the article places
        more precisely takes the place the next sentences name in that country ("the strikes on X"), else the
        place an earlier sentence gave the event it speaks of again ("the site of the attack")."""
        countries = country_names()
        for n, incident in enumerate(self.incidents):
            if incident.location != countries.get(incident.country) or any(
                    place_level(o) < 2 and o.country == incident.country
                    and abs((o.event_date - incident.event_date).days) <= SAME_EVENT_DAYS
                    for o in self.incidents[n + 1 :]):
                continue
            after = incident.sentence_end - self.article.start if incident.sentence_end is not None else -1
            found = self._later_place(after, incident.notes, incident.country) if after >= 0 else None
            if found is None and incident.sentence_start is not None:
                found = self._earlier_place(incident.sentence_start - self.article.start, incident.notes,
                                            incident.country)
            if found is not None:
                place, told = found[0].place, found[1]
                self.incidents[n] = replace(incident, location=place.name, latitude=place.lat, longitude=place.lon,
                                            admin1=place.admin1, admin1_name=place.admin1_name,
                                            geo_precision=max(2, place.precision), place_start=None, place_end=None,
                                            sources=tuple(dict.fromkeys((*incident.sources, told))))

    def _sentence(self, sentence: str, s_start: int, s_end: int) -> None:
        if sentence.rstrip().endswith(":"):
            # "SOHR documented yesterday, Sunday, June 16, the deaths of 16 people, as follows:" dates the list.
            intro = event_date(sentence, self.article.date, self.last_date)
            self.list_date = intro.date if intro is not None else None
        elif not _BULLET.match(sentence):
            self.list_date = None
        span = (self.article.start + s_start, self.article.start + s_end)
        source = f"{self.doc.path}:{span[0]}-{span[1]}"
        for c_start, c_end in clauses(sentence):
            self._clause(sentence, s_start, span, source, c_start, c_end)

    def _reject(self, span: tuple[int, int], reason: str, sentence: str) -> None:
        self.unresolved.append(Unresolved(self.doc.path, f"chars {span[0]}-{span[1]}", reason, _one_line(sentence)))

    def _follows(self) -> bool:
        return bool(self.incidents) and self.incidents[-1].source == self.doc.path

    def _fold_into_last(self, clause: str, source: str) -> None:
        self.incidents[-1] = _continue(self.incidents[-1], clause, source)
        self.folded += 1

    def _clause(self, sentence: str, s_start: int, span, source: str, c_start: int, c_end: int) -> None:
        clause = sentence[c_start:c_end]
        if c_start == 0 and self._follows() and VICTIMS_BACK.match(clause):
            self._fold_into_last(clause, source)  # "Those killed were residents of X": the last event's victims
            return
        event = classify(clause)
        if event is None:
            if self._follows() and TOLL_UPDATE.search(clause):
                self._fold_into_last(clause, source)  # "The toll rose to 12": the last event's toll, told again
            return
        locations = self._locations(sentence, s_start, span, source, c_start, c_end, event)
        if locations:
            self._dated_add(sentence, s_start, span, source, c_start, c_end, event, locations)

    def _dated_add(self, sentence, s_start, span, source, c_start, c_end, event, locations) -> None:
        clause = sentence[c_start:c_end]
        found = event_date(clause, self.article.date, self.last_date) or event_date(
            sentence, self.article.date, self.last_date)
        dated = self._date(found)
        if dated is None:
            self._reject(span, "no date in the article: give --reference-date", sentence)
            return
        late = _out_of_time(dated[0], self.article.date)
        if late:
            self._reject(span, late, sentence)
            return
        self.last_date = dated[0]
        self._add(sentence, s_start, span, source, c_start, clause, event, locations, dated)

    def _locations(self, sentence, s_start, span, source, c_start, c_end, event) -> list[Mention]:
        """The event's places in the clause, else the place the text already gave it (or [] when handled)."""
        lo, hi = bisect_left(self.starts, s_start + c_start), bisect_left(self.starts, s_start + c_end)
        inside = [replace(m, start=m.start - s_start, end=m.end - s_start) for m in self.mentions[lo:hi]
                  if m.end <= s_start + c_end]
        # A country other than the article's own ("brokered by Russia and Turkey") is not where it happened, nor
        # is a capital standing for its government ("Washington said") or a dateline inside the text ("BEIRUT").
        here = [m for m in inside if not (m.place.level == "country" and self.focus and m.place.country != self.focus
                                          and m.place.country not in self.gazetteer.focus)
                and not self._government(sentence, m) and not _inner_dateline(sentence, m, inside)]
        locations = choose_locations(sentence, here, (c_start + event.start, c_start + event.end))
        if len(locations) > 1 and all(m.place.level == "country" for m in locations):
            self._reject(span, "a campaign across countries, not one event", sentence)  # "strikes in Syria and Iraq"
            return []
        if locations:
            return locations
        if inside and not here:
            self._reject(span, "event placed outside the article's country", sentence)
            return []
        clause = sentence[c_start:c_end]
        unknown = _unknown_place(clause, [m for m in inside if c_start <= m.start < c_end], c_start, self.gazetteer)
        if unknown:
            if self._tells_last_again(clause, event):
                self._fold_into_last(clause, source)  # "the strike on the village of X killed 18": the same event
            else:
                self._reject(span, f"place {unknown!r} not found in the gazetteer", sentence)
            return []
        return self._fallback_location(sentence, s_start, span, source, c_start, c_end, event)

    def _tells_last_again(self, clause: str, event: EventType) -> bool:
        """Does a clause that names a place the gazetteer lacks tell the event just told again, on its day: of its
        kind, or speaking of it ("the strike on the village of X killed 18", "fighters of both sides were killed
        around the village of X")? Another event there ("shelling hit X" after an arrest, or the next day) is not."""
        if not self._follows():
            return False
        last = self.incidents[-1]
        own = event_date(clause, self.article.date, self.last_date)
        if own is not None and own.date != last.event_date:
            return False
        return event.sub_event_type == last.sub_event_type or refers_back(clause, last.notes)

    def _government(self, sentence: str, mention: Mention) -> bool:
        """Is the mention a foreign capital standing for its government ("Washington said", "Ankara's
        offensive", "attacks carried out by Moscow")?"""
        place = mention.place
        if place.level not in ("place", "admin1") or place.country == self.home:
            return False
        if place.country not in self.capitals:
            capital = self.gazetteer.capital(place.country)
            self.capitals[place.country] = name_key(capital.name) if capital else None
        if self.capitals[place.country] != name_key(place.name):
            return False  # not the capital (nor its district: "Washington" read as the District of Columbia)
        before = sentence[max(0, mention.start - 40) : mention.start]
        glued = mention.text.lower().endswith("s") and not place.name.lower().endswith("s")  # "Ankaras"
        if glued or re.match(r"['’]s?\s", sentence[mention.end : mention.end + 3]):
            return True  # "in Ankara's offensive", "Moscow's jets": the possessive is the government's
        if LOCATIVE_BEFORE.search(before) and not SPEAKER_BEFORE.search(before):
            return False  # "a protest in downtown Beirut"; but "the ministry in Moscow said"
        return bool(GOVERNMENT_AFTER.match(sentence[mention.end : mention.end + 40])
                    or GOVERNMENT_BEFORE.search(before) or SPEAKER_BEFORE.search(before))

    def _fallback_location(self, sentence, s_start, span, source, c_start, c_end, event) -> list[Mention]:
        clause = sentence[c_start:c_end]
        own_date = event_date(clause, self.article.date, self.last_date)
        if self._follows():
            last = self.incidents[-1]
            if own_date is None or own_date.date == last.event_date:
                # No place of its own: it goes on about the event before ("Two attackers were also killed").
                self._fold_into_last(clause, source)
                return []
            if PLACE_BACK.search(clause):
                # A new day at the same place ("On Thursday, tanks shelled the outskirts of the town").
                return [Mention(last.location, -1, -1, Place(last.location, last.latitude, last.longitude, last.country,
                                                             last.admin1, last.admin1_name, "place",
                                                             last.geo_precision))]
        # No place yet: the next sentences may say where ("the car blew up in the town of X"), else the dateline.
        last = self.pending[-1] if self.pending else None
        if last is not None and last.source != source and (own_date is None or own_date.date == last.date):
            last.more.append((source, span, sentence))  # it goes on about the report still waiting for its place
            self.folded += 1
            return []
        self.pending.append(_Pending(sentence, s_start, span, source, c_start, c_end, event, self.last_date,
                                     own_date.date if own_date else None))
        return []

    def _date(self, found) -> tuple[dt.date, int] | None:
        """The event's date and ACLED time precision: the clause's own, the list's, else the article's."""
        if found is not None:
            return found.date, found.precision
        if self.list_date is not None:
            return self.list_date, 1
        if self.article.date is not None:
            return self.article.date, (1 if self.article.date_text else 2)
        return None

    def _add(self, sentence, s_start, span, source, c_start, clause, event, locations, dated) -> None:
        date, time_precision = dated
        actor1, actor2 = actors_of(clause, event.start, event.event_type, locations[0].place.country)
        # ACLED: arrests, deployments and other strategic developments carry no fatalities.
        deaths = 0 if event.event_type == "Strategic developments" else fatalities(clause)
        for n, mention in enumerate(locations):
            place = mention.place
            in_sentence = mention.start >= 0 and sentence[mention.start : mention.end] == mention.text
            suffix = "" if len(locations) == 1 and c_start == 0 else f"{c_start}{chr(ord('a') + n)}"
            incident = Incident(
                event_id=f"{self.stem}-{self.article.start + s_start}{suffix}", event_date=date,
                time_precision=time_precision, event_type=event.event_type, sub_event_type=event.sub_event_type,
                actor1=actor1, actor2=actor2, fatalities=deaths if n == 0 else 0, location=place.name,
                latitude=place.lat, longitude=place.lon, country=place.country, admin1=place.admin1,
                admin1_name=place.admin1_name,
                geo_precision=place.precision if in_sentence else max(2, place.precision),
                source=self.doc.path, notes=_one_line(sentence), article_title=self.article.title,
                sentence_start=span[0], sentence_end=span[1],
                place_start=_one_line_offset(sentence, mention.start) if in_sentence else None,
                place_end=_one_line_offset(sentence, mention.end) if in_sentence else None,
                sources=(source,),
            )
            if event.generic:
                self.generic.add(incident.event_id)
            self.incidents.append(incident)


# An event is rarely reported long after it happened: in the labelled Syrian-war articles 96% of main events
# are dated at most 30 days before the article (benchmarks/real_articles.py), but analyses recount the year's
# attacks (the seed pages reach back nine months). Events dated more than a year before their report are
# background (a war's history), not incidents of this report.
BACKGROUND_DAYS = 365


def _out_of_time(date: dt.date, reported: dt.date | None) -> str | None:
    """Why an event date cannot be an event of this report (None when it can)."""
    if date > dt.date.today() + dt.timedelta(days=1):
        return f"date {date.isoformat()} is in the future"
    if reported is None:
        return None
    if date > reported + dt.timedelta(days=1):
        return f"date {date.isoformat()} is after the report's date {reported.isoformat()}"
    if (reported - date).days > BACKGROUND_DAYS:
        return f"background: dated {(reported - date).days} days before the report"
    return None


_SETTLEMENT = r"(?:town|village|city|district|area|neighbou?rhood|camp|sub-district|suburb|outskirts|hamlet|farms?)"
# A name the text gives as the event's place: after a locative ("in X", "near the town of X"), or after "the
# village of" wherever it stands ("shelling hit the village of X").
_NAME_AFTER_LOCATIVE = re.compile(
    rf"(?:\b(?:in|at|on|near|outside|inside)\s+(?:the\s+(?:{_SETTLEMENT}\s+of\s+)?)?|\bthe\s+{_SETTLEMENT}\s+of\s+)"
    r"(?P<name>[A-Z][\w'’]+(?:[\s-](?:al|el|ad|ar|as|ash|at|az|an|[A-Z][\w'’]+))*(?:-[A-Z][\w'’]+)*)")
_NOT_A_NAME = re.compile(rf"(?:{WEEKDAY}|{MONTH}|the|a|an|this|that|these|those|its|his|her|their)$", re.I)


def _unknown_place(clause: str, mentions: list[Mention], offset: int, gazetteer: Gazetteer) -> str | None:
    """A name the clause places its event in ("killed a child in Daraa al-Balad") that the gazetteer lacks."""
    for m in _NAME_AFTER_LOCATIVE.finditer(clause):
        name, start = m.group("name"), offset + m.start("name")
        if any(x.start < start + len(name) and start < x.end for x in mentions) or _NOT_A_NAME.match(name):
            continue
        if gazetteer.commonness(name_key(name)) > 0:  # "in Parliament", "at Dawn": words, not names
            continue
        if _known_word_first(name, gazetteer):
            continue  # "on Twitter and ...", "on Thursday Jordanian ...", "in Syrias Raqa": not an unknown village
        return name
    return None


def _known_word_first(name: str, gazetteer: Gazetteer) -> bool:
    """Does a capitalised run open with a word that is no unknown place: a common word, a weekday or month, a
    nationality, or a known place's name ("Syrias" for "Syria's")?"""
    first = name.split()[0].split("-")[0]
    key = name_key(first)
    if not key or _NOT_A_NAME.match(first) or key in NOT_PLACES or gazetteer.commonness(key) >= 3.0:
        return True
    return " " in name and any(e.kind in ("country", "admin1") for e in gazetteer.lookup(name_key(first.rstrip("s"))))


def _inner_dateline(sentence: str, mention: Mention, mentions: list[Mention]) -> bool:
    """ "Last updated at ... BEIRUT At least 15 people were killed ... outside Damascus": a place in capitals
    inside a scraped sentence is where the report was filed, not where the event was, when another place is
    named."""
    word = sentence[mention.start : mention.end]
    return (word.isupper() and len(word) > 3 and mention.start > 0 and not sentence[: mention.start].isupper()
            and any(m is not mention and not m.text.isupper() for m in mentions))


def _vaguer(body: Incident, head: Incident) -> bool:
    """Is the body's place only the country, or only the governorate the headline's place lies in?"""
    if place_level(body) == 2:
        return place_level(head) != 2 and head.country == body.country
    return place_level(body) == 1 and place_level(head) == 0 and head.admin1 == body.admin1


def _continue(incident: Incident, clause: str, source: str) -> Incident:
    """Fold a follow-up sentence into the incident it continues."""
    if incident.event_type == "Strategic developments":  # ACLED: arrests and the like carry no fatalities
        return replace(incident, sources=incident.sources + (() if source in incident.sources else (source,)))
    deaths = fatalities(clause)
    total = incident.fatalities + deaths if _MORE_DEATHS.search(clause) else max(incident.fatalities, deaths)
    sources = incident.sources if source in incident.sources else incident.sources + (source,)
    return replace(incident, fatalities=total, sources=sources)


def _one_line_offset(text: str, offset: int) -> int:
    """Where ``offset`` of ``text`` lands once its line breaks are collapsed (as in ``notes``)."""
    return len(_one_line(text[:offset] + "\x00").rstrip("\x00"))


def _fold_headline(incidents: list[Incident], article: Article) -> list[Incident]:
    """A headline repeats its article's main event: keep the body's record, note the headline as a source."""
    if not article.title:
        return incidents
    head = [i for i in incidents if i.notes == _one_line(article.title)]
    body = [i for i in incidents if i.notes != _one_line(article.title)]
    out = list(body)
    heads = set()
    for h in head:
        candidates = [n for n, i in enumerate(out) if n not in heads]
        k = next((n for n in candidates if out[n].admin1 == h.admin1 and h.admin1), None)
        if k is None:
            k = next((n for n in candidates if out[n].event_type == h.event_type), None)
        if k is None:
            out.append(h)
        elif _vaguer(out[k], h):
            # The headline names the place more precisely ("Afghanistan's Nangarhar" over "Afghanistan").
            b = out[k]
            out[k] = replace(b, location=h.location, latitude=h.latitude, longitude=h.longitude, country=h.country,
                             admin1=h.admin1, admin1_name=h.admin1_name, geo_precision=h.geo_precision,
                             place_start=None, place_end=None, sources=b.sources + h.sources)
            heads.add(k)
        else:
            out[k] = replace(out[k], sources=out[k].sources + h.sources)
    return sorted(out, key=lambda i: i.sentence_start or 0)


def _focus_country(mentions: list[Mention], dateline: Mention | None) -> str | None:
    """The country an article is about: its dateline's, else the one its places are mostly in."""
    if dateline is not None:
        return dateline.place.country
    counts: dict[str, int] = {}
    for m in mentions:
        if m.place.level != "country":
            counts[m.place.country] = counts.get(m.place.country, 0) + 1
    return max(counts, key=counts.get) if counts else None


def _one_line(text: str) -> str:
    return re.sub(r"\s*\n\s*", " ", text).strip()


def _dateline(article: Article, mentions: list[Mention]) -> tuple[Mention | None, int]:
    """The dateline's place ("KIRKUK, Iraq, March 3 —") and where the dateline ends (-1 if none).

    The place is the fall-back location of sentences that name none.
    """
    offset = 0
    for line in article.text.split("\n")[:6]:
        stripped = line.strip()
        m = _DATELINE_END.search(line[:160]) if stripped and stripped != article.title else None
        if m:
            limit = offset + m.start()
            place = next((x for x in mentions if offset <= x.start < limit and x.place.level in ("place", "admin1")),
                         None)
            if absolute_dates(line[: m.start()], article.date):
                return (replace(place, start=-1, end=-1) if place else None), offset + m.end()
        offset += len(line) + 1
    return None, -1


MERGE_WINDOW = 200  # earlier records of the same place and type a report is compared with
MAX_SOURCES = 500


def merge_duplicates(incidents: list[Incident]) -> list[Incident]:
    """One record per event: the same sentence (or near enough) at the same place on the same day (or in
    overlapping date ranges, see :func:`geomap.consolidate.same_time`) merges; never the same words on
    different days.

    Identical sentences meet through a dictionary; near-identical ones are compared with
    the latest records of the same place and event type only, so that the work stays
    linear however many times a page repeats itself.
    """
    merged: list[Incident] = []
    index: dict[tuple, list[int]] = {}
    exact: dict[tuple, int] = {}
    for incident in incidents:
        key = (incident.event_type, incident.admin1, incident.location)
        target = exact.get((*key, incident.event_date, incident.notes))
        if target is None:
            for i in reversed(index.get(key, [])[-MERGE_WINDOW:]):
                other = merged[i]
                # The same words on two dates are two events ("a drone strike hit a car in X", a day or weeks
                # apart): only reports of one day (or of overlapping date ranges) are compared.
                if same_time(other, incident) and (fuzz.ratio(other.notes, incident.notes) >= 95 or
                                                   fuzz.token_set_ratio(other.notes, incident.notes) >= 90):
                    target = i
                    break
        if target is None:
            index.setdefault(key, []).append(len(merged))
            exact[(*key, incident.event_date, incident.notes)] = len(merged)
            merged.append(incident)
            continue
        other = merged[target]
        keep = other if other.notes != other.article_title or incident.notes == incident.article_title else incident
        sources = other.sources
        if len(sources) < MAX_SOURCES:  # a page repeating one paragraph 70,000 times lists the first 500
            known = set(sources)
            sources = (sources + tuple(s for s in incident.sources if s not in known))[:MAX_SOURCES]
        merged[target] = replace(keep, event_id=other.event_id, fatalities=max(other.fatalities, incident.fatalities),
                                 sources=sources)
    return merged


def distinct_ids(incidents: list[Incident]) -> list[Incident]:
    """Every incident's ``event_id`` told apart: two files called ``report.txt`` in two folders give
    ``report-0`` and ``report-0.2``."""
    seen: dict[str, int] = {}
    out = []
    for incident in incidents:
        n = seen.get(incident.event_id, 0) + 1
        seen[incident.event_id] = n
        out.append(incident if n == 1 else replace(incident, event_id=f"{incident.event_id}.{n}"))
    return out
