"""The ``geomap`` command: a thin layer over the library, one line per error."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import re
import sys
from collections import Counter
from pathlib import Path

import click

from geomap.atomic import silence_stdout
from geomap.errors import GeomapError, InputError, OptionError, one_line

SUMMARY_STYLE = {"fg": "green"}


class GeomapGroup(click.Group):
    """Usage errors as one line ("Error: No such command 'x'."), exit code 2; every other failure a user can meet
    (bad input, a full disk, a closed pipe, Ctrl-C) one line too, never a traceback."""

    def main(self, args=None, prog_name=None, **kwargs):
        try:
            try:
                if not (sys.argv[1:] if args is None else args):
                    click.echo(self.get_help(click.Context(self, info_name=prog_name or "geomap")))
                    return 0
                return super().main(args=args, prog_name=prog_name, standalone_mode=False, **kwargs)
            finally:
                sys.stdout.flush()
        except (click.exceptions.Abort, KeyboardInterrupt):
            _fail("interrupted", 130)
        except click.UsageError as exc:
            hint = " (try 'geomap --help')" if exc.ctx is None or exc.ctx.command is self else \
                f" (try 'geomap {exc.ctx.command.name} --help')"
            _fail(f"{exc.format_message()}{hint}", 2)
        except click.ClickException as exc:
            _fail(exc.format_message(), exc.exit_code)
        except GeomapError as exc:
            _fail(str(exc), 1)
        except BrokenPipeError:
            silence_stdout()
            sys.exit(0)
        except OSError as exc:  # writing the help or a result to a full disk or a closed device
            silence_stdout()
            where = f"{exc.filename}: cannot write" if exc.filename else "cannot write to standard output"
            _fail(f"{where} ({exc.strerror or exc})", 1)


def _fail(message: str, code: int) -> None:
    _say(f"Error: {message}")
    sys.exit(code)


def _say(message: str, **style) -> None:
    """One line on standard error, control characters escaped and cut to a readable length."""
    with contextlib.suppress(OSError):  # standard error is gone too: the exit code still tells
        click.secho(one_line(message), err=True, **style)


@functools.cache
def _gazetteer():
    from gazetteer import Gazetteer

    try:
        return Gazetteer.load()
    except OSError as exc:
        raise GeomapError(str(exc)) from None


def _date_option(value: str | None, option: str = "--reference-date") -> dt.date | None:
    from geomap.filters import parse_date

    return parse_date(value, option)


class _Progress:
    """Progress over the characters of text read: a tqdm bar on a terminal; when standard error is piped or
    logged, a plain line at every tenth of a long job; nothing with --quiet."""

    LINES_FROM = 2_000_000  # characters of text (about half a minute of reading) before lines are worth it

    def __init__(self, quiet: bool, desc: str = "reading text", unit: str = "char", least: int = 200_000):
        self.quiet, self.terminal = quiet, sys.stderr.isatty()
        self.bar = None
        self.told = 0  # tenths told in plain lines
        self.desc, self.unit, self.least = desc, unit, least if unit == "char" else 2

    def __call__(self, done: int, total: int) -> None:
        if self.quiet or total < self.least:  # a few articles: no bar needed
            return
        if not self.terminal:
            tenth = done * 10 // max(total, 1)
            if tenth > self.told and total >= (self.LINES_FROM if self.unit == "char" else 10):
                self.told = tenth
                _say(f"{self.desc}: {tenth * 10}% ({done:,} of {total:,} {self.unit}s)")
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc=self.desc, unit=self.unit, unit_scale=self.unit == "char",
                            leave=False, file=sys.stderr)
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


@click.group(cls=GeomapGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="geomap")
def main():
    """Map conflict incidents from news text and incident tables, offline.

    \b
    Examples:
      geomap places article.txt
      geomap geocode "Deir Ezzour" Binnish --country SY
      geomap extract examples/reports -o output/incidents.csv
      geomap aggregate examples/reports --period month
      geomap map examples/reports -o output/incidents.html
    """


@main.command(short_help="The places named in a text, resolved (JSON Lines).")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def places(file: Path):
    """Every place named in FILE, as JSON Lines in text order.

    FILE is a text file, or a .jsonl file of {"id": ..., "text": ...} records (each
    output line then carries the record's id).

    \b
    Examples:
      geomap places examples/reports/2024-09-08_kirkuk_hawija_ied.txt
      geomap places articles.jsonl
    """
    from gazetteer import find_places
    from gazetteer.normalize import strip_invisible
    from geomap.ingest import Inputs, decode, read_jsonl

    if not file.exists():
        raise InputError(f"{file}: no such file")
    gazetteer = _gazetteer()
    if file.suffix.lower() in (".jsonl", ".ndjson"):
        inputs = Inputs()
        read_jsonl(file, inputs)
        if inputs.tables and not inputs.documents:
            raise InputError(f"{file}: expected records with a \"text\" field")
        for problem in inputs.problems:
            _say(f"warning: {problem.source}: {problem.where}: {problem.reason}")
        for table in inputs.tables:
            for line in table.lines:
                _say(f"warning: {table.source}: line {line}: no \"text\" field, skipped")
        records = [(doc.doc_id, doc.text) for doc in inputs.documents]
    else:
        records = [(None, decode(file))]
    out = click.get_text_stream("stdout")
    for doc_id, text in records:
        for mention in find_places(strip_invisible(text), gazetteer):
            record = mention.to_dict()
            if doc_id is not None:
                record = {"id": doc_id, **record}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


@main.command(short_help="Coordinates and governorate of place names.")
@click.argument("names", nargs=-1, required=True)
@click.option("--country", metavar="CC", help="Only places in this country (ISO 3166-1 alpha-2, e.g. SY).")
def geocode(names: tuple[str, ...], country: str | None):
    """The best match for each place NAME, as one JSON object per line.

    \b
    Examples:
      geomap geocode Kirkuk
      geomap geocode "Deir Ezzour" Binnish --country SY
    """
    from gazetteer import geocode as resolve_name

    gazetteer = _gazetteer()
    if country and country.upper() not in gazetteer.country_entry:
        raise OptionError(f"--country must be a two-letter ISO code such as SY or IQ, not {country!r}")
    country = country.upper() if country else None
    missing = 0
    for name in names:
        place = resolve_name(name, gazetteer, country)
        if place is None:
            missing += 1
            click.echo(json.dumps({"query": name, "error": "not found"}, ensure_ascii=False))
        else:
            click.echo(json.dumps({"query": name, **place.to_dict()}, ensure_ascii=False))
    if missing:
        sys.exit(1)


def _common_options(func):
    func = click.option("--reference-date", metavar="YYYY-MM-DD",
                        help="Date of articles that carry no date of their own.")(func)
    func = click.option("--unresolved", "unresolved_path", type=click.Path(dir_okay=False, path_type=Path),
                        help="Write what could not be mapped, and why, to this CSV file.")(func)
    func = click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary line.")(func)
    return func


_FILTER_OPTIONS = (
    (("--from", "date_from"), {"metavar": "YYYY-MM-DD", "help": "Only incidents on or after this day."}),
    (("--to", "date_to"), {"metavar": "YYYY-MM-DD", "help": "Only incidents on or before this day."}),
    (("--country", "country"), {"multiple": True, "metavar": "CC|NAME",
                                "help": "Only incidents in this country (an ISO code such as SY, or a name); "
                                        "repeat for several."}),
    (("--type", "event_type"), {"multiple": True, "metavar": "TYPE",
                                "help": "Only this ACLED event type (Battles, Protests, ...; any case); "
                                        "repeat for several."}),
    (("--actor", "actor"), {"multiple": True, "metavar": "TEXT",
                            "help": "Only incidents whose actor1 or actor2 contains TEXT (any case); "
                                    "repeat for several."}),
)


def _filter_options(func):
    """--from, --to, --country, --type, --actor: which incidents a command keeps."""
    for names, settings in reversed(_FILTER_OPTIONS):
        func = click.option(*names, **settings)(func)
    return func


def _make_filter(date_from, date_to, country, event_type, actor):
    from geomap.filters import make_filter

    return make_filter(from_=date_from, to=date_to, country=country, type=event_type, actor=actor,
                       gazetteer=_gazetteer() if country else None)


def _collect(inputs, reference_date, quiet):
    from geomap.pipeline import collect

    reference_date = _date_option(reference_date)
    gazetteer = _gazetteer()
    progress = _Progress(quiet)
    try:
        collected = collect(inputs, gazetteer, reference_date, progress)
    finally:
        progress.close()
    return gazetteer, collected


def _report(collected, unresolved_path: Path | None, quiet: bool, flt=None, kept: int = 0) -> None:
    """Write the unresolved list, print the summary; fail when nothing is left to write.

    With an active filter ``flt``, ``kept`` is how many incidents it keeps.
    """
    from geomap.export import write_unresolved

    filtered = flt is not None and flt.active

    if unresolved_path is not None:
        write_unresolved(collected.unresolved, unresolved_path)
    if not quiet:
        for notice in collected.notices[:10]:
            _say(f"note: {notice.source}: {notice.where + ': ' if notice.where else ''}{notice.reason}")
        if len(collected.notices) > 10:
            _say(f"note: {len(collected.notices) - 10} more notes like these")
        tail = f" (listed in {unresolved_path})" if unresolved_path and collected.unresolved else (
            " (list them with --unresolved FILE)" if collected.unresolved else "")
        if filtered and collected.mapped:
            tail += f"; {kept:,} of them match the filters ({flt.describe()})"
        _say(collected.summary() + tail, **SUMMARY_STYLE)
    if not collected.read:
        raise InputError("nothing usable was read: no incident reports and no table rows")
    if not collected.mapped:
        reasons = Counter(item.reason for item in collected.unresolved).most_common(2)
        why = "; ".join(f"{n} {reason}" for reason, n in reasons)
        raise InputError(f"no incident could be mapped ({len(collected.unresolved):,} unresolved: {why}"
                         f"{'; ...' if len(reasons) < len(set(i.reason for i in collected.unresolved)) else ''})")
    if filtered and not kept:
        n = collected.mapped
        raise InputError(f"no incident matches the filters ({flt.describe()}) among the {n:,} "
                         f"incident{'s' if n != 1 else ''} read")


@main.command(short_help="Incidents from texts and tables, ACLED-style.")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here (.jsonl, .json, .csv, .geojson or .parquet); JSON Lines on stdout by default.")
@_filter_options
@_common_options
def extract(inputs, output: Path | None, date_from, date_to, country, event_type, actor, reference_date,
            unresolved_path, quiet):
    """Incidents found in INPUT... (text files, folders, CSV/JSON tables), ACLED-style.

    \b
    Examples:
      geomap extract examples/reports -o output/incidents.csv
      geomap extract news/ --reference-date 2024-11-01 --unresolved output/unresolved.csv
      geomap extract acled.csv --country Syria --type Battles --from 2024-01-01 -o output/battles.csv
      geomap extract examples/reports --actor "Islamic State" --actor ISIS
    """
    from geomap.atomic import check_outputs
    from geomap.export import check_output, write_incidents
    from geomap.filters import filter_incidents

    check_output(output, ("jsonl", "json", "csv", "geojson", "parquet"))
    check_outputs(inputs, {"-o": output or "-", "--unresolved": unresolved_path})
    flt = _make_filter(date_from, date_to, country, event_type, actor)
    _, collected = _collect(inputs, reference_date, quiet)
    kept = filter_incidents(collected.frame, flt)
    _report(collected, unresolved_path, quiet, flt, len(kept))
    write_incidents(kept, output)


@main.command(short_help="Events and fatalities per governorate and period.")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--by", default="admin1", show_default=True, type=click.Choice(["admin1", "admin2"]),
              help="Count per governorate (admin1) or district (admin2: the table's, or the gazetteer's for text).")
@click.option("--period", default="month", show_default=True, type=click.Choice(["day", "week", "month", "year"]))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here (.csv, .jsonl, .json or .parquet); CSV on stdout by default.")
@click.option("--engine", type=click.Choice(["pandas", "dask"]), default="pandas", show_default=True,
              help="dask: tables larger than memory (CSV, GeoParquet), in partitions, on a Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler to run on (default: a local cluster).")
@click.option("--workers", type=click.IntRange(1, 512), help="Workers of the local Dask cluster (default: cores).")
@_filter_options
@_common_options
def aggregate(inputs, by, period, output: Path | None, engine, scheduler, workers, date_from, date_to, country,
              event_type, actor, reference_date, unresolved_path, quiet):
    """Events and fatalities per governorate and period.

    \b
    Examples:
      geomap aggregate examples/reports --period month
      geomap aggregate acled.csv --period week --type "Explosions/Remote violence" -o output/weekly.csv
      geomap aggregate examples/reports --country IQ --from 2025-01-01 --to 2025-03-31
      geomap aggregate big.parquet --engine dask --period year -o output/yearly.csv
    """
    from geomap.atomic import check_outputs
    from geomap.counting import aggregate as count
    from geomap.export import check_output, write_table
    from geomap.filters import filter_incidents

    check_output(output, ("csv", "jsonl", "json", "parquet"))
    check_outputs(inputs, {"-o": output or "-", "--unresolved": unresolved_path})
    flt = _make_filter(date_from, date_to, country, event_type, actor)
    if engine == "dask":
        if flt.active:
            raise OptionError("--from, --to, --country, --type and --actor work with the default engine only, "
                              "not with --engine dask")
        _aggregate_dask(inputs, period, by, output, scheduler, workers, unresolved_path, quiet)
        return
    gazetteer, collected = _collect(inputs, reference_date, quiet)
    kept = filter_incidents(collected.frame, flt)
    _report(collected, unresolved_path, quiet, flt, len(kept))
    table = count(kept, period=period, by=by, names=gazetteer.admin1_names)
    write_table(table, output)


def _aggregate_dask(inputs, period, by, output, scheduler, workers, unresolved_path, quiet):
    from geomap.export import write_table, write_unresolved
    from geomap.scale import aggregate_dask, dask_client

    bar = _Progress(quiet, "partitions", unit="part")
    with dask_client(scheduler, workers) as client:
        try:
            result = aggregate_dask(inputs, client, period=period, by=by, keep_unresolved=unresolved_path is not None,
                                    progress=bar)
        finally:
            bar.close()
    if unresolved_path is not None:
        write_unresolved(result.unresolved, unresolved_path)
    rejected = sum(result.reasons.values())
    used = result.rows - rejected - result.repeats
    if not quiet:
        for note in result.notes:
            _say(f"note: {note}")
        # One line per kind of problem, not per bad value: "fatalities '...' is not a plausible count".
        kinds = Counter()
        for reason, n in result.reasons.items():
            kinds[re.sub(r"'[^']*'|\d{4}-\d\d-\d\d", "...", reason)] += n
        for reason, n in kinds.most_common(10):
            _say(f"note: {n:,} row{'s' if n != 1 else ''}: {reason}")
        if result.swapped:
            _say(f"note: {result.swapped:,} rows had latitude and longitude swapped; swapped back")
        tail = f" (listed in {unresolved_path})" if unresolved_path and rejected else (
            " (list them with --unresolved FILE)" if rejected else "")
        if result.repeats:
            tail = f" ({result.repeats:,} repeated rows counted once: the same id and content)" + tail
        _say(f"read {result.rows:,} table rows: {used:,} aggregated, {rejected:,} unresolved, on "
             f"{result.workers} Dask worker{'s' if result.workers != 1 else ''}{tail}", **SUMMARY_STYLE)
    if not used:
        raise InputError("no row could be used (see the notes above)" if not quiet else "no row could be used")
    write_table(result.table, output)


@main.command(name="map", short_help="One self-contained, offline HTML map with a time slider.")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The HTML file to write, e.g. output/incidents.html.")
@click.option("--title", default="Incidents", show_default=True)
@click.option("--subtitle", default=None, help="Defaults to the date range, count and sources.")
@click.option("--tiles", default=None, metavar="NAME|URL",
              help="Add an online tile layer: a provider name (e.g. OpenStreetMap, CartoDB.Positron) or a "
                   "URL template with {z}/{x}/{y}; the default map needs no network.")
@click.option("--tiles-attribution", default=None, metavar="TEXT",
              help="Credit line for a --tiles URL (required by tile providers; known names bring their own).")
@click.option("--window", "window_days", default=0, show_default=True, type=click.IntRange(0, 36500),
              help="Days shown at once on the slider; 0 = cumulative.")
@click.option("--date", "start", default=None, metavar="YYYY-MM-DD", help="Where the slider starts (default: the end).")
@click.option("--png", type=click.Path(dir_okay=False, path_type=Path),
              help="Also save a screenshot (headless Chromium).")
@click.option("--width", default=1280, show_default=True, type=click.IntRange(200, 8000), help="Screenshot width.")
@click.option("--height", default=800, show_default=True, type=click.IntRange(200, 8000), help="Screenshot height.")
@click.option("--embed", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write an <iframe> fragment to paste into another page.")
@_filter_options
@_common_options
def map_command(inputs, output: Path, title, subtitle, tiles, tiles_attribution, window_days, start, png, width,
                height, embed, date_from, date_to, country, event_type, actor, reference_date, unresolved_path, quiet):
    """The whole pipeline: INPUT... to one self-contained, offline HTML map.

    \b
    Examples:
      geomap map examples/reports -o output/incidents.html
      geomap map acled.csv -o output/syria.html --country Syria --window 30 --title "Syria, 30-day window"
      geomap map examples/reports -o output/iraq.html --country IQ --type Battles --type Riots
      geomap map examples/reports -o output/m.html --window 7 --date 2024-11-01 --png output/m.png
      geomap map examples/reports -o output/m.html --embed output/m-embed.html
      geomap map examples/reports -o output/m.html --png output/m.png --width 800 --height 600
    """
    from geomap.atomic import check_outputs
    from geomap.filters import filter_incidents
    from geomap.render import build_map, check_tiles, embed_fragment, render_html, write_atomic
    from geomap.render.maps import default_subtitle

    if output.suffix.lower() not in (".html", ".htm") and str(output) != "-":
        raise OptionError(f"-o must name an .html file (or - for standard output), not {output}")
    check_outputs(inputs, {"-o": output, "--unresolved": unresolved_path, "--embed": embed, "--png": png})
    start = _date_option(start, "--date")
    check_tiles(tiles, tiles_attribution)
    from geomap.pipeline import credits

    flt = _make_filter(date_from, date_to, country, event_type, actor)
    gazetteer, collected = _collect(inputs, reference_date, quiet)
    kept = filter_incidents(collected.frame, flt)
    _report(collected, unresolved_path, quiet, flt, len(kept))
    attribution, sources = credits(collected)
    if subtitle is None and flt.active:  # a map of a selection says so
        subtitle = f"{default_subtitle(kept, sources)} · {flt.describe()}"
    fmap = build_map(kept, title=title, subtitle=subtitle, sources=sources,
                     attribution=attribution, tiles=tiles, tiles_attribution=tiles_attribution,
                     window_days=window_days, start=start, admin_names=gazetteer.admin1_names,
                     period=(flt.start, flt.end))
    page = render_html(fmap)
    write_atomic(output, page)
    if embed:
        write_atomic(embed, embed_fragment(page))
    if png:
        _screenshot(output, page, png, width, height, start)
    if not quiet:
        _say(f"map written to {output}" + (f", screenshot {png}" if png else ""))


def _screenshot(output: Path, page: str, png: Path, width: int, height: int, start) -> None:
    """The map's screenshot; a map written to standard output is shot from a temporary copy."""
    import tempfile

    from geomap.render import write_png

    if str(output) != "-":
        write_png(output, png, width, height, start)
        return
    with tempfile.TemporaryDirectory(prefix="geomap-") as tmp:
        copy = Path(tmp) / "map.html"
        copy.write_text(page, encoding="utf-8")
        write_png(copy, png, width, height, start)
