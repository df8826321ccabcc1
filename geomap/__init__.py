"""geomap: conflict incidents from news text and incident tables to offline, time-sliding maps.

>>> import geomap
>>> fmap = geomap.map_incidents("examples/reports", window=30)  # doctest: +SKIP
>>> fmap.save("output/incidents.html")                         # doctest: +SKIP
>>> frame = geomap.read_incidents("examples/reports")          # doctest: +SKIP
>>> geomap.aggregate(frame, by="admin1", period="month")       # doctest: +SKIP
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
    "aggregate", "extract_incidents", "map_incidents", "read_incidents",
]
__version__ = "0.1.0"


def extract_incidents(paths: Sequence[str | Path] | str | Path, gazetteer: Gazetteer | None = None,
                       reference_date: dt.date | None = None):
    """Incidents (and the unresolved remainder) from text files, folders and incident tables.

    Returns the :class:`geomap.pipeline.Collected` accounting: ``.incidents`` (found in
    text), ``.frame`` (every incident as an incident frame) and ``.unresolved``.
    """
    from gazetteer import Gazetteer
    from geomap.pipeline import collect

    if isinstance(paths, (str, Path)):
        paths = [paths]
    return collect(paths, gazetteer or Gazetteer.load(), reference_date)


def __getattr__(name: str):
    # The table stages need pandas: import them when asked for, so that `geomap geocode` starts fast.
    if name == "aggregate":
        from geomap.counting import aggregate

        return aggregate
    if name in ("read_incidents", "map_incidents"):
        from geomap import api

        return getattr(api, name)
    raise AttributeError(f"module 'geomap' has no attribute {name!r}")
