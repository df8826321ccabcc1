"""Read what the user points at: text files, folders of them, incident tables.

Text becomes :class:`Document` (decoded, nothing else); tables become
:class:`~geomap.tables.RawTable` columns with their line numbers, so that every later
problem can name the file and line it came from. ``-`` reads standard input, text or
a CSV table (sniffed from its first line).
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import os
import sys
import zlib
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from geomap.errors import InputError
from geomap.models import Document, Unresolved

TEXT_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm"}
TABLE_SUFFIXES = {".csv", ".tsv", ".json", ".geojson", ".parquet", ".xlsx", ".xlsm", ".xls", ".ods", ".gpkg", ".shp",
                  ".fgb"}
STDIN = "-"
csv.field_size_limit(1 << 30)


@dataclass
class Inputs:
    documents: list[Document] = field(default_factory=list)
    tables: list = field(default_factory=list)  # geomap.tables.RawTable
    problems: list[Unresolved] = field(default_factory=list)
    notes: list[Unresolved] = field(default_factory=list)  # read, but worth saying (files of other formats)

    @property
    def rows(self) -> int:
        return sum(len(t) for t in self.tables)


def kind_of(path: Path) -> str:
    """'text', 'table', 'jsonl' or 'other', from the name (a .gz suffix is looked through)."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    last = suffixes[-1] if suffixes else ""
    if last == ".jsonl" or last == ".ndjson":
        return "jsonl"
    if last in TABLE_SUFFIXES:
        return "table"
    if last in TEXT_SUFFIXES or last == "":
        return "text"
    return "other"


def expand(paths: list[str | Path], skipped: list[Path] | None = None) -> list[Path]:
    """Files named, and the readable files inside folders named, in a stable order.

    Inside folders, hidden files and folders are passed over; files of other formats (``.pdf``,
    ``.docx`` ...) are added to ``skipped`` when it is given, so that they can be reported.
    """
    files: list[Path] = []
    if isinstance(paths, (str, Path)):  # one input, never its characters
        paths = [paths]
    for raw in paths:
        path = Path(raw)
        if str(raw) == STDIN:
            files.append(path)
        elif path.is_dir():
            inside = sorted(_files_under(path))
            chosen = [p for p in inside if _readable(p)]
            if skipped is not None:
                skipped.extend(p for p in inside if kind_of(p) == "other")
            if not chosen:
                raise InputError(f"{path}: folder has no text or table files")
            files.extend(chosen)
        elif path.is_file():
            files.append(path)
        elif path.exists():
            raise InputError(f"{path}: not a regular file")
        else:
            raise InputError(f"{path}: no such file or folder")
    return files


def _files_under(folder: Path):
    """The files in a folder and its subfolders, hidden ones (".git", ".DS_Store") and linked folders left out."""
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            path = Path(root, name)
            if not name.startswith(".") and path.is_file():
                yield path


def _readable(path: Path) -> bool:
    return kind_of(path) != "other" and path.name.lower() != "readme.md"


def is_read_in_folder(path: Path, folder: Path) -> bool:
    """Would reading ``folder`` read the file ``path``?"""
    real, root = Path(os.path.realpath(path)), Path(os.path.realpath(folder))
    if not real.is_relative_to(root) or real == root:
        return False
    return not any(part.startswith(".") for part in real.relative_to(root).parts) and _readable(real)


def read_inputs(paths: list[str | Path]) -> Inputs:
    """Read every input; a folder's unreadable files are reported, a named file's raise."""
    inputs = Inputs()
    if isinstance(paths, (str, Path)):
        paths = [paths]
    named = {Path(p) for p in paths}
    skipped: list[Path] = []
    for path in expand(paths, skipped):
        try:
            if str(path) == STDIN:
                read_stdin(inputs)
            else:
                read_one(path, inputs)
        except InputError as exc:
            if path in named:
                raise
            inputs.problems.append(Unresolved(str(path), "file", str(exc).removeprefix(f"{path}: ")))
    inputs.notes.extend(skipped_note(skipped))
    return inputs


def skipped_note(skipped: list[Path]) -> list[Unresolved]:
    """One note per folder for the files of other formats it holds (".pdf", ".docx" ...): not read, and said so."""
    by_folder: dict[Path, Counter] = {}
    for path in skipped:
        by_folder.setdefault(path.parent, Counter())[path.suffix.lower()] += 1
    notes = []
    for folder, suffixes in by_folder.items():
        n = sum(suffixes.values())
        kinds = ", ".join(f"{suffix} {count}" if count > 1 else suffix for suffix, count in suffixes.most_common(5))
        notes.append(Unresolved(str(folder), "folder", f"{n} file{'s' if n != 1 else ''} of other formats not read "
                                f"({kinds}): geomap reads text, web pages and tables"))
    return notes


def read_one(path: Path, inputs: Inputs) -> None:
    kind = kind_of(path)
    if kind == "table":
        from geomap.tables import read_table

        table = read_table(path)
        inputs.tables.append(table)
        inputs.problems.extend(table.problems)
    elif kind == "jsonl":
        read_jsonl(path, inputs)
    elif kind_of_page(path):
        inputs.documents.append(Document(str(path), page_text(decode(path))))
    else:
        inputs.documents.append(Document(str(path), decode(path)))


def kind_of_page(path: Path) -> bool:
    return path.name.lower().removesuffix(".gz").endswith((".html", ".htm"))


# Elements whose text a reader never sees as part of the article.
_HIDDEN = ("script", "style", "noscript", "template", "iframe", "svg", "canvas", "object", "head", "nav", "footer",
           "form", "button", "select")
_BLOCKS = ("p", "div", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "header",
           "blockquote", "pre", "figcaption", "dd", "dt", "table", "ul", "ol", "time")


def page_text(markup: str) -> str:
    """The readable text of a saved web page: its title, then its blocks one per paragraph; markup,
    scripts and entities gone (``&gt;`` is ">", not a clause break).

    Read in one pass over the markup, without building a tree: time and memory grow with the page's
    size, however deeply its elements nest.
    """
    reader = _PageReader()
    reader.feed(markup)
    reader.close()
    title = " ".join("".join(reader.title).split())
    lines = [" ".join(line.split()) for line in "".join(reader.parts).split("\n\n")]
    paragraphs = [line for line in lines if line]
    if title and (not paragraphs or paragraphs[0] != title):
        paragraphs.insert(0, title)
    return "\n\n".join(paragraphs) + "\n"


class _PageReader(HTMLParser):
    """Collects a page's visible text: blocks end paragraphs, hidden elements (scripts, navigation ...) are
    skipped with everything inside them, the title is kept apart."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.hidden: list[str] = []  # the hidden elements open now, innermost last
        self.in_title = False

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "title" and not self.title:
            self.in_title = True
        if tag in _HIDDEN:
            self.hidden.append(tag)
        elif tag in _BLOCKS and not self.hidden:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _BLOCKS and not self.hidden:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in self.hidden:
            del self.hidden[len(self.hidden) - 1 - self.hidden[::-1].index(tag):]
        elif tag in _BLOCKS and not self.hidden:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.hidden:
            self.parts.append(data)


# Text and tables compress 3 to 15 times; a .gz file that holds more than this many times its own size (and
# more than GZIP_FLOOR bytes) is a decompression bomb: refused before it fills the memory or the hours.
GZIP_RATIO = 100
GZIP_FLOOR = 8 << 20


def read_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if path.suffix.lower() == ".gz":
        data = gunzip(path, data)
    return data


def gunzip(path: Path, data: bytes) -> bytes:
    """The content of a gzip file, read no further than :data:`GZIP_RATIO` times its size (see there)."""
    limit = max(GZIP_RATIO * len(data), GZIP_FLOOR)
    stated = int.from_bytes(data[-4:], "little") if len(data) >= 18 else 0  # the size the file says it holds
    if stated > limit:
        raise InputError(f"{path}: expands to {stated >> 20:,} MB ({stated // max(len(data), 1):,} times its size): "
                         "not read, as a guard against decompression bombs (decompress it yourself to read it)")
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            out = f.read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"{path}: corrupt gzip file ({exc})") from None
    if len(out) > limit:
        raise InputError(f"{path}: expands to more than {limit >> 20:,} MB ({GZIP_RATIO} times its size): not read, "
                         "as a guard against decompression bombs (decompress it yourself to read it)")
    return out


def read_stdin(inputs: Inputs) -> None:
    """Standard input: a CSV/TSV table when its first line is a header geomap knows, else text."""
    data = sys.stdin.buffer.read()
    path = Path("<stdin>")
    text = decode_bytes(path, data)
    if looks_like_table(text):
        from geomap.tables import read_csv

        table = read_csv(path, data)
        inputs.tables.append(table)
    elif text.lstrip().startswith("<"):
        inputs.documents.append(Document(str(path), page_text(text)))
    else:
        inputs.documents.append(Document(str(path), text))


def looks_like_table(text: str) -> bool:
    """A header row naming a date and a place or coordinates ("event_date,latitude,longitude")."""
    from geomap.columns import ColumnMap
    from geomap.tables import sniff_delimiter

    first = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = sniff_delimiter(text[:20000])
    cells = next(csv.reader([first], delimiter=delimiter), [])
    if len(cells) < 2:
        return False
    roles = ColumnMap.of([c.strip() for c in cells]).roles
    return bool(roles["date"]) and bool(roles["place"] or (roles["latitude"] and roles["longitude"]))


def decode(path: Path) -> str:
    """Text of a file: UTF-8 (with or without BOM), UTF-16 with BOM, else a legacy code page."""
    return decode_bytes(path, read_bytes(path))


def decode_bytes(path: Path, data: bytes) -> str:
    """Text of a file's bytes (see :func:`decode`)."""
    if not data.strip():
        raise InputError(f"{path}: file is empty")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: looks like a binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _decode_legacy(path, data)
    if sum(1 for c in text[:4096] if not c.isprintable() and c not in "\n\r\t") > 0.1 * min(len(text), 4096):
        raise InputError(f"{path}: looks like a binary file, not text")
    return text


def _decode_legacy(path: Path, data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{path}: cannot tell the text encoding; save it as UTF-8")
    return str(best)


def read_jsonl(path: Path, inputs: Inputs) -> None:
    """JSON Lines of texts ({"id", "text"}) or of incidents (anything else becomes a table row)."""
    from geomap.tables import records_table

    text = decode(path)
    records, numbers = [], []
    for number, line in enumerate(io.StringIO(text), start=1):
        if not line.strip():
            continue
        try:
            obj = parse_json(line)
        except ValueError as exc:
            inputs.problems.append(Unresolved(str(path), f"line {number}", str(exc).removeprefix("line 1: ")))
            continue
        if not isinstance(obj, dict):
            inputs.problems.append(Unresolved(str(path), f"line {number}", "not a JSON object"))
        elif "text" in obj and isinstance(obj["text"], str):
            doc_id = str(obj.get("id", number))
            inputs.documents.append(Document(f"{path}#{doc_id}", obj["text"], obj.get("id", number)))
        else:
            records.append(obj)
            numbers.append(number)
    if records:
        inputs.tables.append(records_table(path, records, numbers=numbers))


def parse_json(text: str | bytes):
    """JSON text parsed; ``ValueError`` says what is wrong and on which line (nesting too deep for the parser
    included)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"line {exc.lineno}: not valid JSON ({exc.msg})") from None
    except RecursionError:
        raise ValueError("not readable JSON (nested too deeply)") from None
