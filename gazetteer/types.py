"""Records the resolver hands to its callers."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved location: a town, a governorate, a country or a named feature.

    ``precision`` follows ACLED's geo_precision: 1 the place itself, 2 near or part
    of it, 3 only the region (governorate or country) is known. ``admin2`` is the
    place's district (GeoNames, Who's On First and OpenSyria districts), None for
    countries, governorates and places whose district is not known.
    """

    name: str
    lat: float
    lon: float
    country: str
    admin1: str | None
    admin1_name: str | None
    level: str
    precision: int
    geonameid: int | None = None
    admin2: str | None = None  # the district (admin-2) name of a place, where the gazetteer knows it

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Mention:
    """A place named in a text, with character offsets into that text."""

    text: str
    start: int
    end: int
    place: Place
    qualifier: str | None = None  # "near", "east of", "countryside", "province" ...

    @property
    def precision(self) -> int:
        return self.place.precision

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, **self.place.to_dict(),
                "qualifier": self.qualifier}
