"""The council profile: its summary sentence, the CSV of the whole profile, and not-found for other codes."""

import csv
import io

from analysis.rating import rollup
from callbacks.downloads import council_csv
from data.catalogue import catalogue
from page_models.council_model import summary_sentence


def row(colour, red_red=False):
    return {"colour": colour, "red_red": red_red}


def sentence(rows, label, period):
    return summary_sentence(rollup(r["colour"] for r in rows), sum(r["red_red"] for r in rows), label, period)


def test_the_summary_sentence_counts_and_names_red_red():
    rows = [row("green")] * 9 + [row("red")] * 2 + [row("red", True)] * 2 + [row("amber")] * 5 + [row("grey")]
    assert sentence(rows, "England", "2024-25") == (
        "Against England in 2024-25: better on 9 measures, similar on 5 measures and worse on 4 measures "
        "(1 not rated). 2 measures are worse and getting worse.")


def test_the_summary_sentence_in_the_singular_and_with_no_judgement():
    rows = [row("green"), row("red", True), row("neutral")]
    assert sentence(rows, "North West", "2019-20") == (
        "Against North West in 2019-20: better on 1 measure, similar on 0 measures and worse on 1 measure "
        "(1 shown without judgement). 1 measure is worse and getting worse.")


def test_the_profile_csv_has_every_measure_with_its_reason(api):
    text, name = council_csv(api, "E08000009", "?benchmark=north-west&period=2023-24")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert name == "E08000009-2023-24-north-west.csv" and len(rows) == len(catalogue().measures)
    assert {r["benchmark"] for r in rows} == {"North West"} and all(r["reason"] for r in rows)
    assert council_csv(api, "E09000007", "") is None  # Camden: not a North West council
