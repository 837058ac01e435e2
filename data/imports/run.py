"""Landing an import: read, validate everything, then write the release in one serialised transaction."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy import exists, select, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from data.audit import record
from data.db import session_factory
from data.imports import ascof, template
from data.imports.csvfile import DEFAULT_MAX_BYTES, read_table
from data.imports.problems import ImportFailed, Problem, Summary
from data.imports.values import looks_like_formula
from data.periods import is_quarter
from data.releases import ReleaseMeta, add_release
from data.schema import RELEASE_STATUSES, Observation, Release, SchemaInfo, Withdrawal

MAX_METADATA = 300
COMPARED = ("value", "text_value", "numerator", "denominator", "lower_ci", "upper_ci", "marker")
IMPORT_LOCK = 7_272_024  # PostgreSQL advisory lock key: one import at a time


def _metadata(given: dict, defaults: dict) -> tuple[dict, list[Problem]]:
    meta = {k: (given.get(k) or defaults.get(k) or "").strip() for k in ("source", "publisher", "licence", "status")}
    meta["status"] = meta["status"] or "final"
    problems = [Problem("bad_metadata", f"The release's {k} is missing: give it as --{k} or a '# {k}:' line "
                                        "above the header.", column=k) for k in ("source", "publisher", "licence")
                if not meta[k]]
    for key, value in meta.items():  # shown on /about and in every download: checked like a cell
        if len(value) > MAX_METADATA:
            problems.append(Problem("bad_metadata", f"The release's {key} is at most {MAX_METADATA} characters.",
                                    column=key, value=value))
        elif looks_like_formula(value):
            problems.append(Problem("bad_metadata", f"The release's {key} starts like a spreadsheet formula.",
                                    column=key, value=value))
        elif any(ord(c) < 32 for c in value):
            problems.append(Problem("bad_metadata", f"The release's {key} must be one line of text.", column=key,
                                    value=value))
    if meta["status"] not in RELEASE_STATUSES:
        problems.append(Problem("bad_metadata", f"The status must be one of {', '.join(RELEASE_STATUSES)}.",
                                column="status", value=meta["status"]))
    return meta, problems


def read(path: Path | str, kind: str, *, period: str | None = None, metadata: dict | None = None,
         max_bytes: int = DEFAULT_MAX_BYTES, progress: Callable[[int, int], None] | None = None,
         skip_unknown_measures: bool = False, imported_by: str | None = None, origin: str | None = None):
    """Read and validate a file: (release metadata, observations, summary), or raise ImportFailed with every
    problem. Writes nothing. `origin`: the address the file was downloaded from, recorded in the release instead of
    its name."""
    table = read_table(path, max_bytes, metadata_prefix="#" if kind == "csv" else None)
    summary = Summary(table.file_name)
    if progress:
        table.rows = _reporting(table, table.rows, progress, Path(path))
    if kind == "ascof":
        observations, problems = ascof.parse(table, summary, period)
        meta, meta_problems = _metadata(metadata or {}, ascof.default_metadata(Path(path)))
    elif kind == "csv":
        observations, problems = template.parse(table, summary, skip_unknown_measures)
        meta, meta_problems = _metadata({**table.metadata, **{k: v for k, v in (metadata or {}).items() if v}}, {})
    else:
        raise ValueError(f"unknown import kind {kind!r}")
    summary.skipped.update(table.skipped)
    if not observations and not (table.problems or problems):  # a file that lands nothing never "succeeds"
        skipped = "; ".join(f"{n:,} {reason}" for reason, n in summary.skipped.most_common(3))
        problems = [Problem("no_rows_used", f"None of the file's {summary.rows_read:,} rows gave a value the "
                                            "scorecard keeps" + (f": every row was skipped ({skipped})." if skipped
                                                                 else ": it has no rows under its header."))]
    if kind == "csv" and not meta_problems and meta["status"] != "provisional" and any(
            is_quarter(o["period"]) for o in observations):
        meta_problems.append(Problem("quarter_needs_provisional", "The file has quarterly values: they are a "
                                                                  "regional collection (management information), so "
                                                                  "give '# status: provisional'.", None, "status",
                                     meta["status"]))
    if meta_problems or table.problems or problems:
        found = meta_problems + sorted(table.problems + list(problems), key=lambda p: p.row or 0)
        total = len(meta_problems) + table.problems.total + getattr(problems, "total", len(problems))
        raise ImportFailed(table.file_name, found, total)
    summary.rows_accepted = len(observations)
    summary.measures = {o["measure_id"] for o in observations}
    summary.areas = {o["area_code"] for o in observations}
    summary.periods |= {o["period"] for o in observations}
    release_meta = ReleaseMeta(source=meta["source"], publisher=meta["publisher"], licence=meta["licence"],
                               file_name=origin or table.file_name, sha256=table.sha256, status=meta["status"],
                               imported_by=imported_by or f"{login_name()} (scorecard import {kind})")
    return release_meta, observations, summary


def login_name() -> str:
    """Who is importing, for the release record: the login name, shortened to fit, or "unknown"."""
    try:
        name = getpass.getuser()
    except (OSError, KeyError):
        return "unknown"
    return "".join(c for c in name if c.isprintable())[:60] or "unknown"


def _reporting(table, rows, progress, path: Path):
    """The table's rows, calling `progress(bytes read, file size)` every 2,000 rows (size 0 when unknown: a pipe)."""
    total = path.stat().st_size if path.is_file() else 0
    for i, row in enumerate(rows, start=1):
        if i % 2_000 == 0:
            progress(table.bytes_read, total)
        yield row
    progress(table.bytes_read, total or table.bytes_read)


def serialise_writes(session: Session) -> None:
    """Take the import lock for this transaction: a second import waits until the first commits."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": IMPORT_LOCK})
    else:  # SQLite: the first write takes the database's write lock; others wait (busy timeout 30 s)
        session.execute(update(SchemaInfo).values(version=SchemaInfo.version))


def _current(session: Session, observations: list[dict]) -> dict[tuple, dict]:
    measures = sorted({o["measure_id"] for o in observations})
    periods = sorted({o["period"] for o in observations})
    query = select(Observation).where(Observation.superseded_by_release_id.is_(None),
                                      Observation.measure_id.in_(measures), Observation.period.in_(periods))
    return {(o.measure_id, o.area_code, o.period): {c: getattr(o, c) for c in COMPARED}
            for o in session.scalars(query)}


def refuse_mixing(session: Session, illustrative: bool, file_name: str) -> None:
    """Demo and published values never share a warehouse: raise ImportFailed (nothing written) if they would."""
    other = session.scalar(select(Release.id).where(Release.illustrative.is_(not illustrative)).limit(1))
    if other is None:
        return
    if illustrative:
        message = ("This warehouse holds published data; the illustrative demo cannot be added to it. Create a "
                   "demo warehouse on an empty database with `scorecard init --demo`.")
    else:
        message = ("This warehouse holds the illustrative demo data, and published values must never be mixed "
                   "with invented ones. Import into a published warehouse: `scorecard init` on an empty database "
                   "(for the default SQLite file, delete instance/scorecard.db first).")
    raise ImportFailed(file_name, [Problem("mixed_warehouse", message)])


def land(engine: Engine, meta: ReleaseMeta, observations: list[dict], summary: Summary) -> Summary:
    """Write the release in one transaction, or do nothing if the same file or the same values are already in."""
    with session_factory(engine).begin() as session:
        serialise_writes(session)
        refuse_mixing(session, meta.illustrative, summary.file_name)
        withdrawn = exists().where(Withdrawal.release_id == Release.id)  # a withdrawn file may be imported again
        existing = session.scalar(select(Release.id).where(Release.sha256 == meta.sha256, ~withdrawn).limit(1))
        if existing is not None:
            summary.outcome = f"already imported as release {existing}; nothing changed"
            summary.release_id = existing
            return summary
        current = _current(session, observations)
        changed = new = 0
        today = date.today()
        touched = set()  # (measure, period) keys whose values are new or different: only their ratings can move
        for o in observations:
            before = current.get((o["measure_id"], o["area_code"], o["period"]))
            if before is None:
                new += 1
            elif any(before.get(c) != o.get(c) for c in COMPARED):
                changed += 1
                o["revised_on"] = today
            else:
                continue
            touched.add((o["measure_id"], o["period"]))
        if not changed and not new:
            summary.outcome = "every value matches the current data; nothing changed"
            return summary
        if changed:
            meta = replace(meta, status="revised")
        release = add_release(session, meta, observations, touched=touched)
        summary.release_id, summary.revised = release.id, changed
        summary.outcome = f"imported as release {release.id}" + (f", revising {changed:,} values" if changed else "")
        record(session, meta.imported_by.split(" (")[0], "imported", summary.file_name, detail=summary.outcome)
    return summary


def import_file(engine: Engine, path: Path | str, kind: str, **options) -> Summary:
    """Read, validate and land a file. Raises ImportFailed (nothing written) when anything is wrong."""
    meta, observations, summary = read(path, kind, **options)
    return land(engine, meta, observations, summary)


__all__ = ["ImportFailed", "import_file", "land", "read"]
