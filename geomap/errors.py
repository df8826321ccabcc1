"""One root error for everything a user can fix; the CLI prints it as one line."""


class GeomapError(Exception):
    """Base class: a problem with the user's input or options, not a bug."""


class InputError(GeomapError, ValueError):
    """An input file is missing, unreadable, empty or not in a format geomap reads."""


class OptionError(GeomapError, ValueError):
    """An option has a value geomap cannot use."""
