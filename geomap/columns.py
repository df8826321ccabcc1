"""Which column of an incident table holds what: ACLED, UCDP GED and generic lat/lon/date/killed names.

The mapping is made once per table, from its header (case does not matter); each role
lists the names it accepts in order of preference, and a row takes the first of them
that is not empty.
"""

from __future__ import annotations

from dataclasses import dataclass

ROLES: dict[str, tuple[str, ...]] = {
    "date": ("event_date", "date_start", "date", "event date", "start_date"),
    "latitude": ("latitude", "lat", "y"),
    "longitude": ("longitude", "lon", "lng", "long", "x"),
    "place": ("location", "where_coordinates", "place", "where_description", "city", "town"),
    "country": ("country_code", "iso2", "country", "iso", "iso3"),
    "admin1": ("admin1_code", "admin1", "adm_1"),
    "admin2": ("admin2", "adm_2", "district"),
    "geo_precision": ("geo_precision",),
    "time_precision": ("time_precision",),
    "event_type": ("event_type",),
    "sub_event_type": ("sub_event_type",),
    "actor1": ("actor1",),
    "actor2": ("actor2",),
    "fatalities": ("fatalities", "deaths", "killed"),
    "notes": ("notes", "description", "summary"),
    "source": ("source",),
    "event_id": ("event_id_cnty", "event_id", "id"),
}
# UCDP GED names the same things differently.
UCDP_ROLES: dict[str, tuple[str, ...]] = {
    **ROLES,
    "actor1": ("side_a",),
    "actor2": ("side_b",),
    "fatalities": ("best", "fatalities"),
    "notes": ("source_headline", "where_description", "notes"),
    "source": ("source_original", "source_article", "source_office"),
    "event_id": ("id", "relid", "event_id"),
    "where_prec": ("where_prec",),
    "date_prec": ("date_prec",),
    "type_of_violence": ("type_of_violence",),
    "geo_precision": (),
    "time_precision": (),
    "event_type": (),
    "sub_event_type": (),
}
UCDP_MARKERS = ("type_of_violence", "where_prec", "date_start")
ACLED_MARKERS = ("event_id_cnty", "sub_event_type")
# Columns read as numbers or dates when the whole column parses as such; all others stay text as written.
NUMERIC_ROLES = ("date", "latitude", "longitude", "fatalities", "geo_precision", "time_precision", "where_prec",
                 "date_prec", "type_of_violence")


@dataclass(frozen=True)
class ColumnMap:
    """For each role, the table's columns that can fill it, in order of preference."""

    roles: dict[str, tuple[str, ...]]
    dataset: str  # "UCDP GED", "ACLED" or "" (credited on the map)

    @classmethod
    def of(cls, header) -> ColumnMap:
        """The mapping for a table with these column names.

        >>> m = ColumnMap.of(["Lat", "lon", "date", "killed"])
        >>> m.roles["latitude"], m.roles["fatalities"], m.dataset
        (('Lat',), ('killed',), '')
        """
        by_lower: dict[str, str] = {}
        for name in header:
            by_lower.setdefault(str(name).strip().lower(), name)
        ucdp = any(m in by_lower for m in UCDP_MARKERS)
        table = UCDP_ROLES if ucdp else ROLES
        roles = {role: tuple(by_lower[n] for n in names if n in by_lower) for role, names in table.items()}
        dataset = "UCDP GED" if ucdp else ("ACLED" if any(m in by_lower for m in ACLED_MARKERS) else "")
        return cls(roles, dataset)

    @property
    def is_ucdp(self) -> bool:
        return self.dataset == "UCDP GED"


def typed_roles(header) -> set[str]:
    """The columns of ``header`` that a reader may type as numbers or dates."""
    mapping = ColumnMap.of(header)
    return {name for role in NUMERIC_ROLES for name in mapping.roles.get(role, ())}
