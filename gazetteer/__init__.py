"""Offline resolver of place names in conflict news (Iraq, Syria and the rest of the world).

>>> from gazetteer import Gazetteer, find_places
>>> gazetteer = Gazetteer.load()
>>> [m.place.admin1 for m in find_places("A drone struck a car in Binnish.", gazetteer)]
['SY-ID']
"""

from gazetteer.index import Gazetteer
from gazetteer.parse import find_places, geocode, geocode_many
from gazetteer.types import Mention, Place

__all__ = ["Gazetteer", "Mention", "Place", "find_places", "geocode", "geocode_many"]
