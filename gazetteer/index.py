"""The offline place index: every known name of every place, by normalised key.

One table holds countries, governorates (admin-1), curated regional features and
populated places; each row has a prominence score so that the resolver can prefer
the obvious reading of a name (Kirkuk the city, not a hamlet of the same name).
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import math
import os
import sqlite3
import time
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

from gazetteer.normalize import loose_key, name_key
from gazetteer.types import Place

DATA_DIR = Path(__file__).resolve().parent / "data"
PLACE_FILES = ("places_region.tsv.gz", "places_world.tsv.gz")
# Hand-kept features (one source on every row), and those the build imports from open data.
CURATED_FEATURE_FILES = ("features.csv", "world_regions.csv")
BUILT_FEATURE_FILE = "features_built.tsv.gz"
INDEX_VERSION = 5

# Countries whose places win a tie: the conflict news this tool is built for.
DEFAULT_FOCUS = ("IQ", "SY")
NEIGHBOURS = ("TR", "LB", "JO", "IR", "IL", "SA", "KW", "PS")

FCODE_BONUS = {
    "PPLC": 3.0, "PPLA": 2.0, "PPLA2": 1.2, "PPLA3": 0.6, "PPLA4": 0.3, "PPL": 0.0, "PPLX": 0.6,
    "ADM2": 0.4, "ADM3": 0.0, "PPLQ": -1.5, "PPLW": -1.5, "PPLH": -2.0, "PPLL": -0.3, "PPLF": -0.5,
    "neighbourhood": 0.6,
}
# ACLED-style precision of a feature kind (fcode): 1 the place itself, 2 part of or near a place (a base,
# a crossing, a neighbourhood of a city), 3 a region. Places not listed take theirs from the words around them.
PRECISION_BY_FCODE = {
    "town": 1,
    "district": 2, "neighbourhood": 2, "base": 2, "airport": 2, "camp": 2, "crossing": 2, "dam": 2, "lake": 2,
    "mountain": 2, "wadi": 2, "oilfield": 2, "facility": 2, "port": 2, "station": 2, "prison": 2, "hospital": 2,
    "county": 2,
    "region": 3, "river": 3, "continent": 3, "world_region": 3, "sea": 3,
}
KIND_BASE = {"country": 14.0, "admin1": 7.5, "feature": 9.0, "place": 0.0}


class Entry(NamedTuple):
    """One row of the index, before context decides how it is used."""

    id: int
    kind: str  # country | admin1 | feature | place
    name: str
    lat: float
    lon: float
    country: str
    admin1: str
    geonameid: int | None
    population: int
    alt_count: int
    fcode: str
    prominence: float
    admin2: str = ""  # the district's name, for places ('' when not known)


class Gazetteer:
    """Lookup of place names; load once with :meth:`load` and pass it around.

    The shipped tables are compiled once into a SQLite file in the user's cache
    folder; after that a process opens it in milliseconds and reads only the rows it
    looks up, instead of parsing 200,000 places at every start.
    """

    def __init__(self, db_path: Path, focus=DEFAULT_FOCUS):
        self.db_path = Path(db_path)
        self.focus = tuple(focus)
        self._db = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, check_same_thread=False)
        self._lookups: dict[str, tuple[Entry, ...]] = {}
        self._common: dict[str, float] = {}  # commonness() answers
        self.geocoded: dict = {}  # geocode() answers, by (name, country)
        small = [Entry(*row) for row in self._db.execute(_SELECT + " WHERE kind IN ('country', 'admin1')")]
        self.admin1_names = {e.admin1: e.name for e in small if e.kind == "admin1"}
        self.admin1_entry = {e.admin1: e for e in small if e.kind == "admin1"}
        self.country_entry = {e.country: e for e in small if e.kind == "country"}

    # -- loading -----------------------------------------------------------------------------
    @classmethod
    def load(cls, data_dir: Path | None = None, focus=DEFAULT_FOCUS, cache_dir: Path | None = None) -> Gazetteer:
        """Open the compiled index, compiling it first when the shipped tables changed.

        A compiled index that is empty or truncated is compiled again; when the cache folder cannot be
        written (a read-only home), the index is compiled in the system's temporary folder instead.

        Raises
        ------
        OSError
            When no folder can hold the compiled index.
        """
        data_dir = Path(data_dir or DATA_DIR)
        problem: Exception | None = None
        for root in _cache_roots(cache_dir):
            try:
                db_path = _cache_path(data_dir, root)
                if not _intact(db_path):
                    compile_index(data_dir, db_path)
                    _prune_cache(db_path)
                return cls(db_path, focus)
            except (OSError, sqlite3.Error) as exc:
                problem = exc
        raise OSError(f"cannot compile the place index in {' or '.join(map(str, _cache_roots(cache_dir)))} "
                      f"({problem}); set GEOMAP_CACHE_DIR to a folder that can be written")

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM entries").fetchone()[0]

    # -- lookups -----------------------------------------------------------------------------
    def lookup(self, key: str) -> tuple[Entry, ...]:
        """Entries whose normalised name equals ``key`` (see :func:`name_key`)."""
        found = self._lookups.get(key)
        if found is None:
            found = tuple(map(Entry._make, self._db.execute(_BY_KEY, (key,))))
            if len(self._lookups) > 200_000:
                self._lookups.clear()
            self._lookups[key] = found
        return found

    def prefetch(self, keys) -> None:
        """Look many keys up in a few queries (batches of 500): resolving a whole table at once."""
        todo = sorted({k for k in keys if k and k not in self._lookups})
        for i in range(0, len(todo), 500):
            batch = todo[i : i + 500]
            found: dict[str, list[Entry]] = {k: [] for k in batch}
            sql = _BY_KEYS.format(",".join("?" * len(batch)))
            for row in self._db.execute(sql, batch):
                found[row[0]].append(Entry._make(row[1:]))
            for k, entries in found.items():
                self._lookups[k] = tuple(entries)

    def variants(self, key: str) -> list[str]:
        """Known keys that share the consonant skeleton of ``key``."""
        rows = self._db.execute("SELECT key FROM loose WHERE lkey = ?", (loose_key(key),))
        return [r[0] for r in rows]

    def capital(self, country: str) -> Entry | None:
        """The capital city of a country ("the Iraqi capital" is Baghdad)."""
        row = self._db.execute(_SELECT + " WHERE kind = 'place' AND geonameid = (SELECT geonameid FROM capitals "
                               "WHERE country = ?) ORDER BY prominence DESC LIMIT 1", (country,)).fetchone()
        return Entry(*row) if row else None

    def commonness(self, key: str) -> float:
        """How common ``key`` is as an English word, on the Zipf scale (0 when rare)."""
        found = self._common.get(key)
        if found is None:
            row = self._db.execute("SELECT zipf FROM common WHERE key = ?", (key,)).fetchone()
            found = row[0] if row else 0.0
            if len(self._common) > 200_000:
                self._common.clear()
            self._common[key] = found
        return found

    def score(self, entry: Entry) -> float:
        """Prior preference for an entry, before any context."""
        if entry.country in self.focus:
            region = 2.5
        elif entry.country in NEIGHBOURS:
            region = 1.0
        else:
            region = 0.0
        return entry.prominence + region

    def district_of(self, name: str, lat: float, lon: float) -> str | None:
        """The district (admin-2) of the place called ``name`` at (lat, lon), as :attr:`Place.admin2`
        gives it; None when the gazetteer has no such place or no district for it."""
        for entry in self.lookup(name_key(name)):
            if abs(entry.lat - lat) < 1e-6 and abs(entry.lon - lon) < 1e-6 and entry.kind in ("place", "feature"):
                return entry.admin2 or None
        return None

    def admin1_place(self, iso: str, precision: int = 3) -> Place | None:
        entry = self.admin1_entry.get(iso)
        return self.to_place(entry, precision) if entry else None

    def to_place(self, entry: Entry, precision: int | None = None) -> Place:
        level = {"country": "country", "admin1": "admin1", "feature": "feature"}.get(entry.kind, "place")
        if precision is None:
            precision = 3 if level in ("country", "admin1") else 1
        admin1 = entry.admin1 or None
        return Place(
            name=entry.name,
            lat=entry.lat,
            lon=entry.lon,
            country=entry.country,
            admin1=admin1,
            admin1_name=self.admin1_names.get(admin1) if admin1 else None,
            level=level,
            precision=precision,
            geonameid=entry.geonameid,
            admin2=(entry.admin2 or None) if level in ("place", "feature") else None,
        )


_SELECT = ("SELECT id, kind, name, lat, lon, country, admin1, geonameid, population, alt_count, fcode, prominence,"
           " admin2 FROM entries")


_BY_KEY = ("SELECT e.id, e.kind, e.name, e.lat, e.lon, e.country, e.admin1, e.geonameid, e.population, e.alt_count,"
           " e.fcode, e.prominence, e.admin2 FROM keys k JOIN entries e ON e.id = k.id WHERE k.key = ? ORDER BY e.id")


_BY_KEYS = ("SELECT k.key, e.id, e.kind, e.name, e.lat, e.lon, e.country, e.admin1, e.geonameid, e.population,"
            " e.alt_count, e.fcode, e.prominence, e.admin2 FROM keys k JOIN entries e ON e.id = k.id"
            " WHERE k.key IN ({}) ORDER BY k.key, e.id")


def _prominence(kind: str, population: int, alt_count: int, fcode: str) -> float:
    score = KIND_BASE[kind] + math.log10(population + 1) + 1.2 * math.log1p(alt_count)
    return round(score + FCODE_BONUS.get(fcode, 0.0), 3)


def _read_tables(data_dir: Path, capitals: list):
    """Yield (entry row, keys) for every row of the shipped tables; collect (country, capital id)."""
    row_id = 0

    def row(kind, name, lat, lon, cc, admin1, gid, population, alt_count, fcode, names, admin2=""):
        nonlocal row_id
        row_id += 1
        prominence = _prominence(kind, population, alt_count, fcode)
        return (row_id, kind, name, lat, lon, cc, admin1, gid, population, alt_count, fcode, prominence, admin2), names

    with open(data_dir / "countries.tsv", encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            if r["capital"]:
                capitals.append((r["iso"], int(r["capital"])))
            yield row("country", r["name"], float(r["lat"]), float(r["lon"]), r["iso"], "", int(r["geonameid"]),
                      int(r["population"] or 0), 0, "PCLI", r["keys"].split("|"))
    with open(data_dir / "admin1.tsv", encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            yield row("admin1", r["name"], float(r["lat"]), float(r["lon"]), r["country"], r["iso"], None, 0, 0,
                      "ADM1", r["keys"].split("|"))
    for fname in CURATED_FEATURE_FILES:
        with open(data_dir / fname, encoding="utf-8") as f:
            for r in csv.DictReader(f):
                names = sorted({name_key(n) for n in [r["name"], *r["aliases"].split("|")] if n})
                yield row("feature", r["name"], float(r["lat"]), float(r["lon"]), r["country"], r["admin1"], None,
                          0, 0, r["kind"], names)
    with gzip.open(data_dir / BUILT_FEATURE_FILE, "rt", encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            yield row("feature", r["name"], float(r["lat"]), float(r["lon"]), r["country"], r["admin1"],
                      int(r["geonameid"]) if r["geonameid"] else None, int(r["population"]), 0, r["fcode"],
                      r["keys"].split("|"))
    for fname in PLACE_FILES:
        with gzip.open(data_dir / fname, "rt", encoding="utf-8") as f:
            next(f)
            for line in f:
                c = line.rstrip("\n").split("\t")
                yield row("place", c[2], float(c[3]), float(c[4]), c[5], c[6], int(c[1]) if c[1] else None,
                          int(c[8]), int(c[9]), c[7], c[10].split("|"), c[11] if len(c) > 11 else "")


def compile_index(data_dir: Path, db_path: Path) -> None:
    """Compile the shipped tables into a SQLite file (written atomically; an interrupted build leaves nothing)."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    _drop_stale_builds(db_path.parent)
    tmp = db_path.with_name(f"{db_path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        db = sqlite3.connect(tmp)
        try:
            _fill(db, data_dir)
        finally:
            db.close()
        os.replace(tmp, db_path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        tmp.with_name(tmp.name + "-journal").unlink(missing_ok=True)
        raise


def _fill(db: sqlite3.Connection, data_dir: Path) -> None:
    db.executescript(_SCHEMA)
    keys: dict[str, list[int]] = defaultdict(list)
    entries = []
    capitals: list[tuple[str, int]] = []
    for entry, names in _read_tables(data_dir, capitals):
        entries.append(entry)
        for key in names:
            keys[key].append(entry[0])
    db.executemany("INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", entries)
    db.executemany("INSERT OR IGNORE INTO keys VALUES (?,?)", ((k, i) for k, ids in keys.items() for i in ids))
    db.executemany("INSERT OR IGNORE INTO loose VALUES (?,?)", ((loose_key(k), k) for k in keys))
    db.executemany("INSERT OR IGNORE INTO capitals VALUES (?,?)", capitals)
    with open(data_dir / "common_words.tsv", encoding="utf-8") as f:
        rows = csv.DictReader(f, delimiter="\t")
        db.executemany("INSERT OR IGNORE INTO common VALUES (?,?)", ((r["key"], float(r["zipf"])) for r in rows))
    db.commit()
    db.execute("VACUUM")


def _drop_stale_builds(folder: Path) -> None:
    """Remove the temporary files of builds whose process is gone (killed before it could clean up)."""
    for tmp in [*folder.glob("gazetteer-v*.sqlite.*.tmp"), *folder.glob("gazetteer-v*.sqlite.*.tmp-journal")]:
        pid = tmp.name.split(".")[-2]
        try:
            if pid.isdigit():
                os.kill(int(pid), 0)
                continue  # that build is still running
        except ProcessLookupError:
            pass
        except OSError:
            continue
        tmp.unlink(missing_ok=True)


def _intact(path: Path) -> bool:
    """Is ``path`` a whole compiled index? (Not empty, not cut short, its tables readable.)"""
    try:
        with open(path, "rb") as f:
            head = f.read(100)
        if len(head) < 100 or not head.startswith(b"SQLite format 3\x00"):
            return False
        page = int.from_bytes(head[16:18], "big")
        pages = int.from_bytes(head[28:32], "big")
        if path.stat().st_size < (65536 if page == 1 else page) * pages:
            return False
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            db.execute("SELECT count(*) FROM capitals").fetchone()
            db.execute("SELECT id FROM entries ORDER BY id DESC LIMIT 1").fetchone()
        finally:
            db.close()
        return True
    except (OSError, sqlite3.Error):
        return False


_SCHEMA = """
CREATE TABLE entries (id INTEGER PRIMARY KEY, kind TEXT, name TEXT, lat REAL, lon REAL, country TEXT,
                      admin1 TEXT, geonameid INTEGER, population INTEGER, alt_count INTEGER, fcode TEXT,
                      prominence REAL, admin2 TEXT);
CREATE TABLE keys (key TEXT, id INTEGER, PRIMARY KEY (key, id)) WITHOUT ROWID;
CREATE TABLE loose (lkey TEXT, key TEXT, PRIMARY KEY (lkey, key)) WITHOUT ROWID;
CREATE TABLE common (key TEXT PRIMARY KEY, zipf REAL) WITHOUT ROWID;
CREATE INDEX entries_kind ON entries (kind);
CREATE INDEX entries_geonameid ON entries (geonameid);
CREATE TABLE capitals (country TEXT PRIMARY KEY, geonameid INTEGER);
"""


def _cache_roots(cache_dir: Path | None) -> list[Path]:
    """Where a compiled index may live: the folder asked for (``cache_dir``, ``GEOMAP_CACHE_DIR``), else the
    user's cache folder (``XDG_CACHE_HOME`` when it is an absolute path, else ``~/.cache``); then a folder of
    this user's in the system's temporary folder."""
    asked = cache_dir or os.environ.get("GEOMAP_CACHE_DIR")
    if asked:
        first = Path(asked)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        first = (Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache") / "geomap"
    import tempfile

    uid = os.getuid() if hasattr(os, "getuid") else 0
    fallback = Path(tempfile.gettempdir()) / f"geomap-cache-{uid}"
    try:
        if fallback.exists() and fallback.stat().st_uid != uid:
            return [first]  # another user's folder: never read an index someone else could have written
    except OSError:
        return [first]
    return [first, fallback]


def _cache_path(data_dir: Path, cache_dir: Path) -> Path:
    """Named by the data's content: every checkout of the same data shares one compiled index.

    The content's digest is remembered by the files' sizes and times (``digests.json`` beside the
    index), so that a start does not read 7 MB of tables to find its index again.
    """
    root = Path(cache_dir)
    names = ("countries.tsv", "admin1.tsv", *CURATED_FEATURE_FILES, BUILT_FEATURE_FILE, "common_words.tsv",
             *PLACE_FILES)
    stats = [(data_dir / name).stat() for name in names]
    stamp = f"{data_dir.resolve()}|" + ";".join(f"{n}:{s.st_size}:{s.st_mtime_ns}" for n, s in zip(names, stats))
    memo_path = root / "digests.json"
    try:
        memo = json.loads(memo_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        memo = {}
    digest = memo.get(stamp) if isinstance(memo, dict) else None
    if not isinstance(digest, str):
        hasher = hashlib.blake2b(digest_size=8)
        for name in names:
            hasher.update((data_dir / name).read_bytes())
        digest = hasher.hexdigest()
        _remember(memo_path, {**(memo if isinstance(memo, dict) else {}), stamp: digest})
    return root / f"gazetteer-v{INDEX_VERSION}-{digest}.sqlite"


def _remember(path: Path, memo: dict) -> None:
    """Write the digest memo atomically; a cache that cannot be written is only slower."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(dict(list(memo.items())[-50:])), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass


def _prune_cache(keep: Path, days: int = 30) -> None:
    """Drop compiled indexes of other data versions not used for a month (each is ~40 MB)."""
    cutoff = time.time() - days * 86400
    for old in keep.parent.glob("gazetteer-v*.sqlite"):
        try:
            if old != keep and old.stat().st_atime < cutoff and old.stat().st_mtime < cutoff:
                old.unlink()
        except OSError:
            pass
