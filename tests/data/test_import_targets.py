"""`scorecard import targets` (issue 28): the documented template imports as published targets; a file with any
problem is refused whole, every problem named by row, column and code, and nothing is written (SQLite and
PostgreSQL: it is one transaction)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from data.cli import main
from data.db import session_factory
from data.imports.problems import ImportFailed
from data.imports.target_file import import_targets, template_csv
from data.schema import AuditEvent, Target
from data.targets import published

HEADER = "council_code,council,measure_id,period,target,target_high,tolerance,owner,rationale\n"


def _write(tmp_path, text: str):
    path = tmp_path / "targets.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _count(engine) -> int:
    with session_factory(engine)() as s:
        return s.scalar(select(func.count()).select_from(Target))


def test_the_template_imports_as_published_targets_by_the_operator(empty_engine, tmp_path):
    assert import_targets(empty_engine, _write(tmp_path, template_csv()), "ops (scorecard import targets)") == 2
    with session_factory(empty_engine)() as s:
        public = {(p["council"], p["measure"]): p for p in published(s)}
        assert public[("E08000009", "ascof_2b1")]["value"] == 85.0
        assert (public[("E08000001", "rw_turnover")]["value"], public[("E08000001", "rw_turnover")]["high"]) == \
            (20.0, 25.0)
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "published")) == 2
    # imported again: a new version of each, the one before superseded (kept)
    import_targets(empty_engine, _write(tmp_path, template_csv()), "ops")
    assert _count(empty_engine) == 4


def test_every_problem_is_named_and_nothing_is_written(empty_engine, tmp_path):
    rows = [
        "E08000009,Trafford,ascof_2b1,2026-27,85,,1.5,Head of reablement,Fine row",     # 2: good on its own
        "E09000001,City of London,ascof_2b1,2026-27,85,,,Someone,Not in the region",    # 3
        "E10000006,Cumbria,ascof_2b1,2025-26,85,,,Someone,Cumbria had gone by then",    # 4
        "E08000009,Trafford,ascof_2b1,9999-00,85,,,Someone,A year that is not real",    # 5: outside the years
        "E08000009,Trafford,ascof_2a2,2026-27,３１,,,Someone,Full-width digits",        # 6
        "E08000009,Trafford,ascof_2a1,2026-27,85%,,,Someone,A percent sign",            # 7
        "E08000009,Trafford,ascof_1b,2026-27,80,70,,Someone,A range upside down",       # 8
        "E08000009,Trafford,rw_turnover,2026-27,20,,,Someone,No direction: needs a range",  # 9
        "E08000009,Trafford,lg_political_control,2026-27,1,,,Someone,Not rated",        # 10
        "E08000009,Trafford,ascof_2b1,2026-27,86,,,Someone,Twice",                      # 11: same key as row 2
        "E08000009,Salford,ascof_1a,2026-27,19,,,Someone,The wrong name for the code",  # 12
        "E08000009,Trafford,ascof_1e,2026-27,=1+1,,,Someone,A formula",                 # 13
        "E08000009,Trafford,ascof_1f,2026-27,10,,,,No owner",                           # 14
    ]
    path = _write(tmp_path, HEADER + "\n".join(rows) + "\n")
    with pytest.raises(ImportFailed) as failed:
        import_targets(empty_engine, path, "ops")
    found = {(p.row, p.column, p.code) for p in failed.value.problems}
    assert found >= {
        (3, "council_code", "unknown_area"), (4, "council_code", "area_not_in_period"),
        (5, "period", "target_refused"), (6, "target", "not_plain_number"), (7, "target", "percent_sign"),
        (8, "target_high", "target_refused"), (9, "target_high", "target_refused"),
        (10, "measure_id", "target_refused"), (11, "measure_id", "duplicate_key"),
        (12, "council_code", "area_name_mismatch"), (13, "target", "formula_like"), (14, "owner", "target_refused"),
    }
    assert not any(p.row == 2 for p in failed.value.problems)
    assert "targets.csv, row 6, column target" in failed.value.report()
    assert _count(empty_engine) == 0


@pytest.mark.parametrize("header, code", [
    ("council_code,measure_id,period,target,owner\n", "missing_column"),
    ("council_code,measure_id,period,target,owner,rationale,colour\n", "unknown_column"),
])
def test_a_file_of_another_shape_is_refused(empty_engine, tmp_path, header, code):
    with pytest.raises(ImportFailed) as failed:
        import_targets(empty_engine, _write(tmp_path, header + "E08000009,ascof_2b1,2026-27,85,x,y,z\n"), "ops")
    assert code in {p.code for p in failed.value.problems}
    assert _count(empty_engine) == 0


@pytest.mark.parametrize("empty_engine", ["sqlite"], indirect=True)
def test_the_command_line_imports_the_template_and_reports_a_refusal(empty_engine, tmp_path, capsys):
    url = empty_engine.url.render_as_string(hide_password=False)
    assert main(["template", "targets"]) == 0
    template = capsys.readouterr().out
    assert template.startswith("council_code,council,measure_id,period,target,target_high,tolerance")
    assert main(["--database-url", url, "import", "targets", str(_write(tmp_path, template))]) == 0
    assert "Published 2 target(s) from targets.csv" in capsys.readouterr().out
    bad = _write(tmp_path, HEADER + "E08000009,Trafford,ascof_2b1,2026-27,lots,,,x,y\n")
    assert main(["--database-url", url, "import", "targets", str(bad)]) == 1
    assert "targets.csv, row 2, column target: The value must be a number" in capsys.readouterr().err
    assert _count(empty_engine) == 2
