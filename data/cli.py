"""The `scorecard` command line: create and inspect the warehouse.

    scorecard init        create the schema (if absent) and load the demo release when empty
    scorecard releases    list every release with its status and row counts
    scorecard releases withdraw N --reason …   withdraw a release (nothing is deleted)
    scorecard ratings     write the precomputed ratings, with their reasons, as CSV
    scorecard import      import an ASCOF open-data file or a scorecard template file (all or nothing)
    scorecard template    write an example template
    scorecard export      write observations as tidy CSV
    scorecard users       add, remove and change the editor's users (data/cli_editor.py)
    scorecard audit       the editor's audit log
"""

from __future__ import annotations

import argparse
import errno
import signal
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from analysis.vocabulary import STANDING_COMPARATORS
from data.db import describe, make_engine, session_factory
from data.demo import DEFAULT_SCOPE, SCOPES
from data.settings import Settings


def _engine(args):
    return make_engine(args.database_url or Settings.from_env().database_url)


def _write(file: str, rows: list[dict], columns: Sequence[str], noun: str) -> int:
    """Write rows as formula-safe CSV to a file, or to standard output for "-"."""
    from data.csvout import write_csv

    out = sys.stdout if file == "-" else open(file, "w", encoding="utf-8", newline="")
    try:
        count = write_csv(rows, columns, out)
    finally:
        if out is not sys.stdout:
            out.close()
    if file != "-":
        print(f"Wrote {count} {noun} to {file}.")
    return 0


def cmd_init(args) -> int:
    from data.warehouse import init_warehouse

    engine = _engine(args)
    initial = "demo" if args.demo else "none" if args.empty else "published"
    report = init_warehouse(engine, initial=initial, demo_scope=args.demo_scope)
    print(f"Warehouse: {describe(engine)}")
    print("Schema created." if report.created_schema else "Schema already present; catalogue and areas refreshed.")
    if report.loaded == "demo":
        print(f"Loaded the illustrative demo release {report.release_id} ({args.demo_scope}).")
    elif report.loaded == "published":
        print(f"Loaded the published data bundle: releases up to {report.release_id} (`scorecard releases`).")
    elif report.release_id is None:
        print("No releases yet: import one with `scorecard import`.")
    else:
        print(f"The warehouse already holds data (current release {report.release_id}); nothing was loaded.")
    return 0


def cmd_withdraw(args) -> int:
    from data.imports.run import login_name, serialise_writes
    from data.releases import WithdrawRefused, withdraw
    from data.warehouse import check_schema

    engine = _engine(args)
    check_schema(engine)
    try:
        with session_factory(engine).begin() as session:
            serialise_writes(session)  # never interleaved with an import
            counts = withdraw(session, args.release, args.reason, f"{login_name()} (scorecard releases withdraw)")
    except WithdrawRefused as refused:
        print(f"scorecard: {refused} Nothing was changed.", file=sys.stderr)
        return 1
    print(f"Withdrew release {args.release}: {counts['withdrawn']:,} values are no longer shown and "
          f"{counts['restored']:,} earlier values are shown again; the ratings were recomputed.")
    return 0


def cmd_releases(args) -> int:
    from data.releases import release_summaries
    from data.warehouse import check_schema

    if getattr(args, "action", None) == "withdraw":
        return cmd_withdraw(args)
    engine = _engine(args)
    check_schema(engine)
    with session_factory(engine)() as session:
        summaries = release_summaries(session)
    if not summaries:
        print("No releases. Run `scorecard init` to load the demo, or `scorecard import` a published file.")
        return 0
    header = (f"{'id':>4}  {'status':<11} {'rows':>7} {'current':>7}  {'imported (UTC)':<16}  "
              f"{'superseded by':<13}  source")
    print(header)
    print("-" * len(header))
    for s in summaries:
        r = s["release"]
        flag = " [illustrative]" if r.illustrative else ""
        replaced = "withdrawn" if s["withdrawal"] else str(r.superseded_by_id or "-")
        print(f"{r.id:>4}  {r.status:<11} {s['rows']:>7} {s['current_rows']:>7}  "
              f"{r.imported_at:%Y-%m-%d %H:%M}  {replaced:<13}  {r.source}{flag}")
        if s["withdrawal"]:
            print(f"{'':>6}withdrawn {s['withdrawal'].withdrawn_at:%Y-%m-%d %H:%M}: {s['withdrawal'].reason}")
    return 0


def cmd_ratings(args) -> int:
    from analysis.vocabulary import BENCHMARKS
    from data.catalogue import catalogue
    from data.rated_rows import RATING_CSV_COLUMNS, credits, csv_row, rated_row
    from data.read_api import ReadAPI
    from data.warehouse import check_schema

    engine = _engine(args)
    check_schema(engine)
    api = ReadAPI(engine)
    cat = catalogue()
    if args.domain and cat.domain(args.domain) is None:
        print(f"scorecard: unknown domain {args.domain!r}; one of: {', '.join(d.slug for d in cat.domains)}",
              file=sys.stderr)
        return 2
    names = {code: a["name"] for code, a in api.areas().items()}
    label = next(b.label for b in BENCHMARKS if b.comparator == args.comparator)
    credited = credits(api)
    rows = [csv_row(rated_row(r, cat.known_measure(r.measure_id), names.get(r.area_code, r.area_code), label,
                              credited))
            for r in api.ratings(comparator=args.comparator, period=args.period, domain=args.domain, area=args.area)]
    rows.sort(key=lambda r: (r["council"], r["period"], r["measure_id"]))
    return _write(args.file, rows, RATING_CSV_COLUMNS, "ratings")


EXPORT_COLUMNS = ["area_code", "area_name", "period", "measure_id", "measure_name", "value", "text_value", "unit",
                  "numerator", "denominator", "lower_ci", "upper_ci", "ci_level", "marker", "note", "revised_on",
                  "release_id", "release_status"]


class Progress:
    """A one-line progress bar on standard error, shown only on a terminal."""

    def __init__(self, label: str):
        self.label = label
        self.shown = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        """`done` bytes read of `total` (0 when the size is not known beforehand, as for a pipe)."""
        if self.shown:
            filled = int(30 * done / total) if total else 0
            sys.stderr.write(f"\r{self.label} [{'#' * filled}{'.' * (30 - filled)}] {done / 1e6:,.1f}"
                             + (f"/{total / 1e6:,.1f} MB" if total else " MB"))
            if done == total:
                sys.stderr.write("\n")
            sys.stderr.flush()


def cmd_import(args) -> int:
    from data.imports.csvfile import MEGABYTE
    from data.imports.download import download, is_address
    from data.imports.problems import ImportFailed
    from data.imports.run import import_file
    from data.warehouse import check_schema

    engine = _engine(args)
    check_schema(engine)
    if args.kind == "targets":
        return _import_targets(engine, args)
    metadata = {k: getattr(args, k) for k in ("source", "publisher", "licence", "status")}
    max_bytes = int(args.max_mb * MEGABYTE)
    options = {"metadata": metadata, "max_bytes": max_bytes,
               "progress": Progress(f"Reading {Path(args.file).name}")}
    if args.kind == "ascof":
        options["period"] = args.period
    else:
        options["skip_unknown_measures"] = args.skip_unknown_measures
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = args.file
            if is_address(args.file):  # a publisher's address: downloaded first, then the same checks
                path = download(args.file, Path(folder), max_bytes=max_bytes)
                options.update(origin=args.file, progress=Progress(f"Reading {path.name}"))
                print(f"Downloaded {args.file} ({path.stat().st_size:,} bytes).")
            summary = import_file(engine, path, args.kind, **options)
    except ImportFailed as failed:
        print(failed.report(limit=args.show), file=sys.stderr)
        return 1
    print(summary.report())
    return 0


def _import_targets(engine, args) -> int:
    from data.imports.csvfile import MEGABYTE
    from data.imports.problems import ImportFailed
    from data.imports.run import login_name
    from data.imports.target_file import import_targets

    try:
        count = import_targets(engine, args.file, f"{login_name()} (scorecard import targets)",
                               int(args.max_mb * MEGABYTE))
    except ImportFailed as failed:
        print(failed.report(limit=args.show), file=sys.stderr)
        return 1
    print(f"Published {count:,} target(s) from {Path(args.file).name}; any target each replaced is kept in its "
          "history, superseded.")
    return 0


def cmd_template(args) -> int:
    from data.imports.target_file import template_csv
    from data.imports.template import example_csv

    sys.stdout.write(template_csv() if args.kind == "targets" else example_csv())
    return 0


def cmd_export(args) -> int:
    from data.catalogue import catalogue
    from data.schema import Area, Observation, Release
    from data.warehouse import check_schema

    engine = _engine(args)
    check_schema(engine)
    query = (select(Observation, Area.name, Release.status).join(Area, Area.code == Observation.area_code)
             .join(Release, Release.id == Observation.release_id))
    if args.release:
        query = query.where(Observation.release_id == args.release)
    else:
        query = query.where(Observation.superseded_by_release_id.is_(None))
    for option, column in ((args.area, Observation.area_code), (args.measure, Observation.measure_id),
                           (args.period, Observation.period)):
        if option:
            query = query.where(column == option)
    measures = {m.id: m for m in catalogue().measures}
    rows = []
    with session_factory(engine)() as session:
        for o, area_name, status in session.execute(query.order_by(Observation.area_code, Observation.period,
                                                                   Observation.measure_id)):
            m = measures.get(o.measure_id)
            rows.append({**{c.name: getattr(o, c.name) for c in Observation.__table__.columns},
                         "area_name": area_name, "measure_name": m.name if m else "", "unit": m.unit if m else "",
                         "release_status": status})
    return _write(args.file, rows, EXPORT_COLUMNS, "observations")


def _output_and_filters(parser: argparse.ArgumentParser) -> None:
    """The options every CSV-writing command shares: where to write, and which area and period."""
    parser.add_argument("file", help="output CSV file, or - for standard output")
    parser.add_argument("--area", help="one area's ONS code, e.g. E08000009")
    parser.add_argument("--period", help="one financial year, e.g. 2023-24")


def build_parser(extra: Sequence[Callable] = ()) -> argparse.ArgumentParser:
    """The parser; `extra` adds commands from the layers above the data (plain.command: `publish`)."""
    parser = argparse.ArgumentParser(
        prog="scorecard",
        description="North West adult social care balanced scorecard: manage the data warehouse.",
        epilog="The warehouse is DATABASE_URL, or SQLite under ./instance/ when it is not set.")
    parser.add_argument("--database-url", help="SQLAlchemy URL of the warehouse (overrides DATABASE_URL)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    init = commands.add_parser("init", help="create the schema and load the published data if the warehouse is empty",
                               description="Create the warehouse schema if it is absent, refresh the measure "
                                           "catalogue and reference areas, and, when the warehouse holds no release "
                                           "yet, load the published data bundled with the scorecard (or the "
                                           "illustrative demo with --demo). Safe to run again.")
    first = init.add_mutually_exclusive_group()
    first.add_argument("--demo", action="store_true", help="load the illustrative demo dataset instead")
    first.add_argument("--empty", action="store_true", help="load nothing (for imports of your own)")
    init.add_argument("--demo-scope", choices=SCOPES, default=DEFAULT_SCOPE,
                      help="england (default): every English council, as the published data has them, so the region's "
                           "councils can be ranked against England; north_west: the region's councils only")
    init.set_defaults(func=cmd_init)
    releases = commands.add_parser("releases", help="list releases with their status and row counts",
                                   description="List every release, newest first: status, rows, rows still "
                                               "current, when it was imported, what superseded it, its source.")
    actions = releases.add_subparsers(dest="action", metavar="ACTION")
    withdraw = actions.add_parser("withdraw", help="withdraw a release found to be wrong (nothing is deleted)",
                                  description="Withdraw a release: its values stop being current, the values it had "
                                              "replaced are current again, the ratings are recomputed, and the "
                                              "withdrawal is recorded with its reason and shown on /about. Nothing "
                                              "is deleted; the same file can be imported again afterwards.")
    withdraw.add_argument("release", type=int, help="the release's number (see `scorecard releases`)")
    withdraw.add_argument("--reason", required=True, help="why, in words the public will read on /about")
    releases.set_defaults(func=cmd_releases)
    ratings = commands.add_parser("ratings", help="write the precomputed ratings as CSV",
                                  description="Write the ratings (value, interval, comparator, method, rating, "
                                              "trend, red-red flag and the reason in words) as CSV: the same "
                                              "rows the download buttons serve. Text cells that a spreadsheet "
                                              "would run as a formula are escaped.")
    _output_and_filters(ratings)
    ratings.add_argument("--domain", help="one domain's slug, e.g. performance-outcomes")
    ratings.add_argument("--comparator", choices=STANDING_COMPARATORS, default="region",
                         help="the benchmark (default: region, i.e. the North West for its councils)")
    ratings.set_defaults(func=cmd_ratings)

    imports = commands.add_parser("import", help="import a published file (all or nothing)",
                                  description="Import a file in one transaction. Every problem is reported with "
                                              "its row, column and a stable code, and nothing is written unless "
                                              "there are none. The same file twice changes nothing; changed "
                                              "values make a new release that supersedes the old values.")
    imports.add_argument("kind", choices=("ascof", "csv", "targets"),
                         help="ascof: NHS England's ASCOF open-data CSV; csv: the scorecard template; targets: "
                              "councils' targets (`scorecard template targets`), each published as a new version")
    imports.add_argument("file", help="the CSV file, or the https:// address a publisher gives for it (downloaded, "
                                      "then checked the same way; the release records the address)")
    imports.add_argument("--period", help="ascof: the financial year the file covers, e.g. 2023-24 (read from "
                                          "the file name when it says, e.g. …-2021-… is 2020-21)")
    imports.add_argument("--source", help="what the data are (overrides a '# source:' line)")
    imports.add_argument("--publisher", help="who published them")
    imports.add_argument("--licence", help="their licence, e.g. Open Government Licence v3.0")
    imports.add_argument("--status", choices=("provisional", "final", "revised"), help="default: final")
    imports.add_argument("--skip-unknown-measures", action="store_true",
                         help="csv: count rows whose measure is not in the catalogue as skipped, instead of "
                              "refusing the file")
    imports.add_argument("--max-mb", type=float, default=50, help="largest file accepted, in MB (default 50)")
    imports.add_argument("--show", type=int, default=50, help="how many problems to list (default 50)")
    imports.set_defaults(func=cmd_import)

    template = commands.add_parser("template", help="write an example scorecard template CSV to standard output",
                                   description="Write the template: a metadata block, the header and one example "
                                               "row for every measure in the catalogue. "
                                               "Use: scorecard template > my-data.csv. With `targets`: the "
                                               "targets template (council, measure, year due, target or range, "
                                               "tolerance, owner, rationale) with two example rows.")
    template.add_argument("kind", nargs="?", choices=("data", "targets"), default="data",
                          help="data (default): values of measures; targets: councils' targets")
    template.set_defaults(func=cmd_template)

    export = commands.add_parser("export", help="write observations as tidy CSV",
                                 description="Write the warehouse's current observations (or one release's) as "
                                             "tidy CSV. Text cells that a spreadsheet would run as a formula are "
                                             "escaped.")
    _output_and_filters(export)
    export.add_argument("--measure", help="one measure id")
    export.add_argument("--release", type=int, help="one release's rows, including superseded ones")
    export.set_defaults(func=cmd_export)

    from data.cli_editor import add_commands

    add_commands(commands, _engine)
    for add in extra:
        add(commands, _engine)
    return parser


def main(argv: list[str] | None = None, extra: Sequence[Callable] = ()) -> int:
    args = build_parser(extra).parse_args(argv)
    if hasattr(signal, "SIGPIPE") and argv is None:
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `scorecard ratings - | head` ends quietly
    from data.warehouse import SchemaVersionError

    try:
        return args.func(args)
    except SchemaVersionError as error:
        print(f"scorecard: {error}", file=sys.stderr)
        return 2
    except (OSError, DBAPIError) as error:  # a full disk, a lost database: said in a line, never a traceback
        print(f"scorecard: {_failure_words(error)}", file=sys.stderr)
        return 1


def _failure_words(error: BaseException) -> str:
    """What went wrong outside the data, in words. Every change runs in one transaction, so nothing was written."""
    detail = str(getattr(error, "orig", None) or error).splitlines()[0][:200]
    full = isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT) or \
        "disk is full" in detail or "No space left" in detail
    if full:
        return f"the disk is full ({detail}); nothing was changed. Free some space and run the command again."
    return f"the command could not finish ({type(error).__name__}: {detail}); nothing was changed."


if __name__ == "__main__":
    sys.exit(main())
