"""`scorecard import targets FILE`: councils' targets from the documented CSV template (`scorecard template
targets`), all or nothing, with the same problem report as other imports (file, row, column, value, code).

Each row is one council's target for a measure and the year it is due: `target` (or `target` to `target_high` for a
range), `tolerance`, `owner` and `rationale`. Every row is checked before anything is written; then each lands as a
new published version (data.targets: the version published before it is superseded, nothing deleted), in one
transaction, by the command line's operator acting as a regional analyst, and each is in the audit log.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine

from data import reference
from data.accounts import Actor
from data.db import session_factory
from data.imports.checks import check_area
from data.imports.csvfile import DEFAULT_MAX_BYTES, match_columns, read_table
from data.imports.problems import ImportFailed, Problem, Problems
from data.imports.values import NUMBER_MESSAGES, looks_like_formula, parse_number, parse_period
from data.statements import Invalid
from data.targets import TargetEntry, checked, save

REQUIRED = ["council_code", "measure_id", "period", "target", "owner", "rationale"]
OPTIONAL = ["council", "target_high", "tolerance"]
COLUMNS = ("council_code", "council", "measure_id", "period", "target", "target_high", "tolerance", "owner",
           "rationale")
EXAMPLE = (("E08000009", "Trafford", "ascof_2b1", "2026-27", "85", "", "1.5", "Head of reablement",
            "Back to the North West's median within two years"),
           ("E08000001", "Bolton", "rw_turnover", "2026-27", "20", "25", "1", "Workforce lead",
            "Keep turnover within the range the workforce plan can absorb"))


NORTH_WEST = frozenset(c.code for c in reference.councils_in(reference.NORTH_WEST))


def template_csv() -> str:
    """The template: the header and two example rows (a single target and a range)."""
    return "\n".join(",".join(row) for row in (COLUMNS, *EXAMPLE)) + "\n"


def _key(raw: str) -> str:
    return raw.strip().lower().replace(" ", "_")


def _entry(cells: dict[str, str], line: int) -> tuple[str, TargetEntry | None, list[Problem]]:
    """One row as (council, entry) or its problems."""
    problems = []
    for column, cell in cells.items():
        if looks_like_formula(cell):
            problems.append(Problem("formula_like", "A cell starts like a spreadsheet formula.", line, column, cell))
    code = cells["council_code"]
    period, _, bad = parse_period(cells["period"])
    if bad:
        problems.append(Problem(bad, "The period is a financial year like 2026-27.", line, "period", cells["period"]))
    if code not in NORTH_WEST:
        problems.append(Problem("unknown_area", "This is not the GSS code of a North West council (targets are the "
                                                "region's councils' own).", line, "council_code", code))
    else:
        problems += check_area(code, period, line, "council_code", cells.get("council") or None)
    numbers: dict[str, float | None] = {}
    for column in ("target", "target_high", "tolerance"):
        cell = cells.get(column, "")
        if not cell and column != "target":
            numbers[column] = None
            continue
        numbers[column], why = parse_number(cell) if cell else (None, "not_a_number")
        if why:
            problems.append(Problem(why, NUMBER_MESSAGES[why], line, column, cell))
    if problems:
        return code, None, problems
    entry = TargetEntry(cells["measure_id"], period or "", numbers["target"] or 0.0, numbers["target_high"],
                        numbers["tolerance"] or 0.0, cells["owner"], cells["rationale"])
    try:
        return code, checked(entry), []
    except Invalid as why:
        return code, None, [Problem("target_refused", str(why), line, _column(str(why)), None)]


def _column(why: str) -> str:
    """The column a refusal is about, from its words."""
    for words, column in (("measure", "measure_id"), ("cannot have a target", "measure_id"), ("year", "period"),
                          ("range", "target_high"), ("tolerance", "tolerance"), ("owner", "owner"),
                          ("Why this target", "rationale")):
        if words in why:
            return column
    return "target"


def read_targets(path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES) -> list[tuple[str, TargetEntry]]:
    """Every row checked, or ImportFailed with every problem found."""
    table = read_table(path, max_bytes, metadata_prefix=None)
    positions, problems = match_columns(table, REQUIRED, OPTIONAL, _key)
    if problems:
        raise ImportFailed(table.file_name, problems)
    found, seen = Problems(), dict[tuple[str, str, str], int]()
    rows = []
    for line, cells in table.rows:
        named = {k: cells[i] for k, i in positions.items()}
        code, entry, trouble = _entry(named, line)
        found.extend(trouble)
        if entry is None:
            continue
        key = (code, entry.measure, entry.period)
        if key in seen:
            found.append(Problem("duplicate_key", f"This council, measure and year are also on row {seen[key]}.",
                                 line, "measure_id", entry.measure))
        seen[key] = line
        rows.append((code, entry))
    found.extend(table.problems)
    if found:
        raise ImportFailed(table.file_name, sorted(found, key=lambda p: p.row or 0), found.total)
    return rows


def import_targets(engine: Engine, path: Path | str, operator: str, max_bytes: int = DEFAULT_MAX_BYTES) -> int:
    """Publish every target in the file, in one transaction, or raise ImportFailed and write nothing. The number of
    targets published."""
    rows = read_targets(path, max_bytes)
    actor = Actor(operator[:80], "regional_analyst")
    with session_factory(engine).begin() as session:
        for code, entry in rows:
            save(session, actor, code, entry, publish_now=True)
    return len(rows)
