"""geomap: conflict incidents from news text and incident tables to offline, time-sliding maps.

>>> import geomap
>>> fmap = geomap.map_incidents(["examples/reports"])          # doctest: +SKIP
>>> fmap.save("output/incidents.html")                         # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from geomap.errors import GeomapError, InputError, OptionError
from geomap.models import Article, Document, Incident, Mention, Place, Unresolved

if TYPE_CHECKING:
    from gazetteer import Gazetteer

__all__ = [
    "Article", "Document", "GeomapError", "Incident", "InputError", "Mention", "OptionError", "Place", "Unresolved",
    "aggregate", "extract_incidents", "map_incidents",
]
__version__ = "0.1.0"


def extract_incidents(paths: Sequence[str | Path], gazetteer: Gazetteer | None = None,
                      reference_date: dt.date | None = None):
    """Incidents (and the unresolved remainder) from text files, folders and incident tables."""
    from gazetteer import Gazetteer
    from geomap.pipeline import collect

    return collect(paths, gazetteer or Gazetteer.load(), reference_date)


def map_incidents(source, gazetteer: Gazetteer | None = None, **options):
    """A folium Map of incidents: ``source`` is a list of paths or of :class:`Incident`."""
    from gazetteer import Gazetteer
    from geomap.render import build_map

    gazetteer = gazetteer or Gazetteer.load()
    items = list(source)
    if items and not isinstance(items[0], Incident):
        items = extract_incidents(items, gazetteer).incidents
    options.setdefault("admin_names", gazetteer.admin1_names)
    return build_map(items, **options)


def __getattr__(name: str):
    # The table stages need pandas: import them when asked for, so that `geomap geocode` starts fast.
    if name == "aggregate":
        from geomap.aggregate import aggregate

        return aggregate
    raise AttributeError(f"module 'geomap' has no attribute {name!r}")
