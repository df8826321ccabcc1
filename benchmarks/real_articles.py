"""The main event of real Syrian-war news articles (FA-KES): its governorate, its date, one incident.

    python benchmarks/real_articles.py [--details FILE]

Each article is read from its file as ``geomap extract FILE`` reads it (headline, publication date or
"unknown", text). Labelled per article: the governorate (or city) and the date of its main event, by crowd
workers (some noise). The label "damascus" stands for Damascus or its countryside (Rif Dimashq), which the
label set does not separate. Measured per article:

  governorate   an incident in the labelled governorate
  date          an incident dated the labelled day (+-1)
  both          one incident with both
  incidents     incidents per article; "copies" counts incidents beyond the first in the labelled governorate
                and within a day of the labelled date (strictly, each copy is a false positive)

and what the labels allow: labels dated after the article's own date (no incident can match them), articles that
print no date anywhere (every report in them is listed as undated), and labels more than three days before the
article's own date where geomap has the labelled governorate on the article's own day.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from realtext import FAKES, details_file, fakes, require  # noqa: E402

from gazetteer import Gazetteer  # noqa: E402
from geomap.dates import absolute_dates  # noqa: E402
from geomap.extract import extract_incidents  # noqa: E402
from geomap.ingest import read_inputs  # noqa: E402

GOVERNORATES = {
    "aleppo": {"SY-HL"}, "damascus": {"SY-DI", "SY-RD"}, "idlib": {"SY-ID"}, "deir ezzor": {"SY-DY"},
    "raqqa": {"SY-RA"}, "hasakeh": {"SY-HA"}, "homs": {"SY-HI"}, "daraa": {"SY-DR"}, "hama": {"SY-HM"},
    "quneitra": {"SY-QU"}, "lattakia": {"SY-LA"}, "tartous": {"SY-TA"}, "sweida": {"SY-SU"},
    "rif dimashq": {"SY-RD"},
}


def near(a: dt.date, b: dt.date, days: int = 1) -> bool:
    return abs((a - b).days) <= days


def score(gazetteer: Gazetteer, articles, details=None) -> Counter:
    totals = Counter()
    for art in articles:
        codes = GOVERNORATES[art.location]
        gold_date = dt.date.fromisoformat(art.event_date)
        inputs = read_inputs([art.path])
        incidents = extract_incidents(inputs.documents, gazetteer).incidents
        in_gov = [i for i in incidents if i.admin1 in codes]
        dated = [i for i in incidents if near(i.event_date, gold_date)]
        both = [i for i in in_gov if near(i.event_date, gold_date)]
        totals["articles"] += 1
        totals["incidents"] += len(incidents)
        totals["governorate"] += bool(in_gov)
        totals["date"] += bool(dated)
        totals["both"] += bool(both)
        totals["copies"] += max(0, len(both) - 1)
        totals["none"] += not incidents
        # the file's own date line (line 2), as the extractor reads it; "unknown" where the page had none
        lines = art.path.read_text(encoding="utf-8").split("\n")
        totals["published_known"] += len(lines) > 1 and lines[1].strip() != "unknown"
        impossible = label_after_article(lines, gold_date)
        totals["label_after_article"] += impossible
        printed = article_date(lines)
        if printed is None and not any(d.precision == 1 for d in absolute_dates(" ".join(lines[2:]))):
            totals["undated"] += 1  # no date anywhere: every report is listed, none can be mapped
            totals["undated_none"] += not incidents
        if printed is not None and (printed - gold_date).days > 3 and in_gov and not both:
            # the crowd dated it days or weeks before the article, which tells of an event on its own date
            totals["label_before_article"] += any(near(i.event_date, printed) for i in in_gov)
        if not impossible:
            totals["possible"] += 1
            totals["possible_governorate"] += bool(in_gov)
            totals["possible_both"] += bool(both)
        if details is not None:
            details.write(json.dumps({
                "file": art.path.name, "gold": [art.location, art.event_date], "published": art.published,
                "ok": [bool(in_gov), bool(dated), bool(both)],
                "predicted": [[i.event_date.isoformat(), i.location, i.admin1, i.event_type, i.fatalities,
                               i.notes[:200]] for i in incidents]}, ensure_ascii=False) + "\n")
    return totals


def article_date(lines: list[str]) -> dt.date | None:
    """The first date the article prints at its top (its own date), if any."""
    head = (lines[1] if len(lines) > 1 and lines[1].strip() != "unknown" else "") + " " + " ".join(lines[2:])[:300]
    printed = absolute_dates(head)
    return printed[0].date if printed else None


def label_after_article(lines: list[str], gold_date: dt.date) -> bool:
    """Is the labelled date more than a day after the article's own date? No report tells of an event after
    it was written: such a label cannot be matched."""
    printed = article_date(lines)
    return printed is not None and (gold_date - printed).days > 1


def report(totals: Counter) -> None:
    n = totals["articles"]
    print(f"FA-KES articles: {n} ({totals['published_known']} with a date on their date line)")
    for key, label in (("governorate", "governorate"), ("date", "date (+-1 day)"), ("both", "both on one incident")):
        print(f"  {label:22s} {totals[key] / max(n, 1):6.1%}  ({totals[key]}/{n})")
    print(f"  incidents per article  {totals['incidents'] / max(n, 1):.2f}  (copies of the main event: "
          f"{totals['copies']}; articles with no incident: {totals['none']})")
    possible = max(totals["possible"], 1)
    print(f"  labels dated after the article's own date: {totals['label_after_article']} (no incident can match); "
          f"on the other {totals['possible']}: governorate {totals['possible_governorate'] / possible:.1%}, "
          f"both {totals['possible_both'] / possible:.1%}")
    dated = max(n - totals["undated"], 1)
    print(f"  articles with no date anywhere: {totals['undated']} ({totals['undated_none']} of them give no incident); "
          f"on the other {n - totals['undated']}: governorate {(totals['governorate']) / dated:.1%}")
    print(f"  labels more than 3 days before the article's own date, where geomap has the governorate but not the "
          f"day: {totals['label_before_article']} with an incident there on the article's own date")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--details", type=Path, help="write one JSON line per article")
    args = parser.parse_args(argv)
    require(FAKES / "labels.csv")
    gazetteer = Gazetteer.load()
    with details_file(args.details) as details:
        totals = score(gazetteer, fakes(), details)
    report(totals)
    return 0


if __name__ == "__main__":
    sys.exit(main())
