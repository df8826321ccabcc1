"""Floors on the gold sets: the resolver and the extractor must not get worse.

The figures themselves are printed by benchmarks/gold_places.py and benchmarks/gold_incidents.py.
"""

import pytest
from gold_incidents import load as load_incidents
from gold_incidents import score as score_incidents
from gold_incidents import summary
from gold_places import load as load_places
from gold_places import score as score_places


def test_place_gold_set(gazetteer):
    totals = score_places(gazetteer, load_places())["totals"]
    assert totals["gold"] >= 300
    assert totals["correct"] / totals["gold"] >= 0.97
    assert totals["false"] == 0


def test_incident_gold_set_on_sample_reports(gazetteer):
    totals = score_incidents(gazetteer, load_incidents("examples"))["totals"]
    s = summary(totals)
    assert totals["gold"] >= 60
    assert s["recall"] >= 0.9 and s["precision"] >= 0.8
    assert s["location"] >= 0.9 and s["date"] >= 0.85 and s["type"] >= 0.8
    assert s["non_events_rejected"] >= 0.85


def test_incident_gold_set_on_seed_pages(gazetteer, shared):
    totals = score_incidents(gazetteer, load_incidents("seeds"))["totals"]
    s = summary(totals)
    assert s["recall"] >= 0.85 and s["precision"] >= 0.85
    assert s["location"] >= 0.85 and s["type"] >= 0.8
    assert s["non_events_rejected"] >= 0.9


@pytest.mark.parametrize("name", ["seeds", "examples"])
def test_gold_anchors_are_in_their_sources(name, request):
    if name == "seeds":
        request.getfixturevalue("shared")
    from gold_incidents import _path

    for line in load_incidents(name):
        assert line["anchor"] in _path(line["source"]).read_text(encoding="utf-8")
