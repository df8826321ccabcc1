"""Keep the incidents an analyst asks for: a date range, countries, ACLED event types, actors.

One implementation of the matching, used by the ``map``, ``aggregate`` and ``extract``
commands alike: :func:`make_filter` checks the values a user typed and
:meth:`IncidentFilter.mask` tests whole columns at once (a list of incidents, or any
table with the incident columns, such as a pandas DataFrame).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geomap.errors import OptionError

__all__ = ["IncidentFilter", "filter_incidents", "make_filter", "parse_date"]

COLUMNS = ("event_date", "country", "admin1", "event_type", "actor1", "actor2")


@dataclass(frozen=True)
class IncidentFilter:
    """What to keep; an empty field keeps everything. Values are already checked and normalised.

    ``countries`` holds ISO 3166-1 codes with the English name of each, ``event_types`` ACLED's
    spelling of each type, ``actors`` the text looked for in actor1 and actor2.
    """

    start: dt.date | None = None
    end: dt.date | None = None
    countries: tuple[tuple[str, str], ...] = ()
    event_types: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        """Whether anything would be left out."""
        return bool(self.start or self.end or self.countries or self.event_types or self.actors)

    def describe(self) -> str:
        """The filter in words, for a summary line or a map's subtitle.

        >>> IncidentFilter(start=dt.date(2024, 1, 1), event_types=("Battles", "Riots"), actors=("ISIS",)).describe()
        "Battles or Riots · actor 'ISIS' · from 2024-01-01"
        """
        parts = []
        if self.event_types:
            parts.append(" or ".join(self.event_types))
        if self.countries:
            parts.append("in " + " or ".join(name for _, name in self.countries))
        if self.actors:
            parts.append("actor " + " or ".join(repr(a) for a in self.actors))
        if self.start and self.end:
            parts.append(f"{self.start.isoformat()} to {self.end.isoformat()}")
        elif self.start:
            parts.append(f"from {self.start.isoformat()}")
        elif self.end:
            parts.append(f"until {self.end.isoformat()}")
        return " · ".join(parts)

    def mask(self, table: Mapping[str, Sequence]) -> np.ndarray:
        """Which rows of ``table`` to keep (a boolean array).

        ``table`` maps the names in :data:`COLUMNS` to equally long columns: dates (as dates or
        ISO strings), country codes or names, ISO 3166-2 governorate codes, event types and
        actor names.
        """
        n = len(table["event_date"])
        keep = np.ones(n, dtype=bool)
        if self.start or self.end:
            dates = pd.to_datetime(pd.Series(table["event_date"], dtype=object), errors="coerce")
            if self.start:
                keep &= (dates >= pd.Timestamp(self.start)).to_numpy()
            if self.end:
                keep &= (dates <= pd.Timestamp(self.end)).to_numpy()
        if self.countries:
            keep &= self._country_mask(table)
        if self.event_types:
            wanted = {t.casefold() for t in self.event_types}
            keep &= _text(table["event_type"]).str.casefold().isin(wanted).to_numpy()
        if self.actors:
            actors = _text(table["actor1"]).str.casefold() + "\n" + _text(table["actor2"]).str.casefold()
            found = np.zeros(n, dtype=bool)
            for needle in self.actors:
                found |= actors.str.contains(needle.casefold(), regex=False).to_numpy()
            keep &= found
        return keep

    def _country_mask(self, table: Mapping[str, Sequence]) -> np.ndarray:
        codes = {code for code, _ in self.countries}
        names = {name.casefold() for _, name in self.countries}
        country = _text(table["country"])
        # A country column may hold codes ("SY") or names ("Syria"); a row without one has its governorate's.
        from_admin1 = _text(table["admin1"]).str[:2].str.upper()
        return (country.str.upper().isin(codes) | country.str.casefold().isin(names) |
                ((country == "") & from_admin1.isin(codes))).to_numpy()


def _text(values: Sequence) -> pd.Series:
    return pd.Series(values, dtype=object).fillna("").astype(str).str.strip()


def filter_incidents(incidents, flt: IncidentFilter):
    """The incidents that ``flt`` keeps, in their order: a list of :class:`Incident`, or an incident frame
    (a DataFrame with geomap's output columns), filtered the same way.

    Examples
    --------
    >>> from geomap.filters import IncidentFilter, filter_incidents
    >>> filter_incidents([], IncidentFilter(event_types=("Battles",)))
    []
    """
    if isinstance(incidents, pd.DataFrame):
        if not flt.active or not len(incidents):
            return incidents
        return incidents[flt.mask(_frame_table(incidents))]
    incidents = list(incidents)
    if not flt.active or not incidents:
        return incidents
    table = {name: [getattr(i, name) for i in incidents] for name in COLUMNS}
    keep = flt.mask(table)
    return [i for i, k in zip(incidents, keep) if k]


def _frame_table(frame: pd.DataFrame) -> dict:
    """The filter's columns of an incident frame: codes where the frame has them beside the names."""
    def column(*names):
        for name in names:
            if name in frame:
                return frame[name].to_numpy()
        return np.full(len(frame), "", dtype=object)

    return {"event_date": column("event_date"), "country": column("country_code", "country"),
            "admin1": column("admin1_code", "admin1"), "event_type": column("event_type"),
            "actor1": column("actor1"), "actor2": column("actor2")}


def parse_date(value: dt.date | str | None, option: str) -> dt.date | None:
    """An ISO date given to ``option``, checked.

    >>> parse_date("2024-02-29", "--from")
    datetime.date(2024, 2, 29)
    >>> parse_date("29/02/2024", "--from")
    Traceback (most recent call last):
    ...
    geomap.errors.OptionError: --from must be a date as YYYY-MM-DD, not '29/02/2024'
    """
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise OptionError(f"{option} must be a date as YYYY-MM-DD, not {value!r}") from None


def make_filter(*, from_: dt.date | str | None = None, to: dt.date | str | None = None,
                country: str | Sequence[str] = (), type: str | Sequence[str] = (),  # the names of the CLI options
                actor: str | Sequence[str] = (), gazetteer=None) -> IncidentFilter:
    """Check what a user asked for and build the filter; a bad value raises :class:`OptionError`.

    Parameters
    ----------
    from_, to
        First and last day to keep, inclusive (dates or ``YYYY-MM-DD``).
    country
        Countries to keep, each an ISO 3166-1 code (``SY``) or a name (``Syria``, ``Syrian Arab Republic``).
    type
        ACLED event types to keep, in any case (``battles``, ``Explosions/Remote violence``).
    actor
        Text looked for, in any case, in actor1 and actor2 (``ISIS`` keeps "ISIS fighters").
    gazetteer
        Where country names are looked up; loaded when a country is given and none is passed.

    Examples
    --------
    >>> make_filter(type=["battles", "PROTESTS"], to="2025-01-31").describe()
    'Battles or Protests · until 2025-01-31'
    >>> make_filter(type="Battle")
    Traceback (most recent call last):
    ...
    geomap.errors.OptionError: --type 'Battle' is not an ACLED event type: use Battles, Explosions/Remote violence, \
Violence against civilians, Protests, Riots or Strategic developments
    """
    start, end = parse_date(from_, "--from"), parse_date(to, "--to")
    if start and end and start > end:
        raise OptionError(f"--from {start.isoformat()} is after --to {end.isoformat()}: nothing could match")
    countries = _as_tuple(country)
    if countries and gazetteer is None:
        from gazetteer import Gazetteer

        gazetteer = Gazetteer.load()
    return IncidentFilter(start=start, end=end,
                          countries=_unique(_country(c, gazetteer) for c in countries),
                          event_types=_unique(_event_type(t) for t in _as_tuple(type)),
                          actors=_unique(_actor(a) for a in _as_tuple(actor)))


def _as_tuple(value: str | Sequence[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _unique(items: Iterable) -> tuple:
    return tuple(dict.fromkeys(items))


def _event_type(text: str) -> str:
    from geomap.acled import EVENT_TYPES as ACLED_TYPES

    for known in ACLED_TYPES:
        if text.strip().casefold() == known.casefold():
            return known
    allowed = ", ".join(ACLED_TYPES[:-1]) + " or " + ACLED_TYPES[-1]
    raise OptionError(f"--type {text!r} is not an ACLED event type: use {allowed}")


def _country(text: str, gazetteer) -> tuple[str, str]:
    from geomap.boundaries import country_names
    from geomap.rows import country_code  # the tables' reading of a country cell: codes and names alike

    code = country_code(text.strip(), gazetteer)
    if not code:
        raise OptionError(f"--country {text!r} is neither an ISO 3166-1 code (such as SY) nor a country name "
                          "(such as Syria)")
    return code, country_names().get(code, code)


def _actor(text: str) -> str:
    if not text.strip():
        raise OptionError("--actor needs some text to look for in actor1 and actor2")
    return text.strip()
