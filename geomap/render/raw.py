"""HTML placed in a folium page as it is."""

from __future__ import annotations

from branca.element import Element
from jinja2 import Template


class RawHtml(Element):
    """HTML placed in the page as it is. (branca's Element would compile it as a Jinja template.)"""

    _template = Template("{{ this.content }}")

    def __init__(self, content: str):
        super().__init__()
        self.content = content
