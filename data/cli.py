"""The `scorecard` command line: create and inspect the warehouse.

    scorecard init        create the schema (if absent) and load the demo release when empty
    scorecard releases    list every release with its status and row counts
"""

from __future__ import annotations

import argparse
import sys

from data.db import describe, make_engine, session_factory
from data.settings import Settings


def _engine(args):
    return make_engine(args.database_url or Settings.from_env().database_url)


def cmd_init(args) -> int:
    from data.warehouse import init_warehouse

    engine = _engine(args)
    report = init_warehouse(engine, load_demo=not args.no_demo, demo_scope=args.demo_scope)
    print(f"Warehouse: {describe(engine)}")
    print("Schema created." if report.created_schema else "Schema already present; catalogue and areas refreshed.")
    if report.loaded_demo:
        print(f"Loaded the illustrative demo release {report.release_id} ({args.demo_scope}).")
    elif report.release_id is None:
        print("No releases yet: import one with `scorecard import`.")
    else:
        print(f"Current release: {report.release_id}.")
    return 0


def cmd_releases(args) -> int:
    from data.releases import release_summaries
    from data.warehouse import check_schema

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
        print(f"{r.id:>4}  {r.status:<11} {s['rows']:>7} {s['current_rows']:>7}  "
              f"{r.imported_at:%Y-%m-%d %H:%M}  {str(r.superseded_by_id or '-'):<13}  {r.source}{flag}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="scorecard",
        description="North West adult social care balanced scorecard: manage the data warehouse.",
        epilog="The warehouse is DATABASE_URL, or SQLite under ./instance/ when it is not set.")
    parser.add_argument("--database-url", help="SQLAlchemy URL of the warehouse (overrides DATABASE_URL)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    init = commands.add_parser("init", help="create the schema and load the demo release if the warehouse is empty",
                               description="Create the warehouse schema if it is absent, refresh the measure "
                                           "catalogue and reference areas, and load the illustrative demo release "
                                           "when the warehouse holds no release yet. Safe to run again.")
    init.add_argument("--no-demo", action="store_true", help="do not load the demo release")
    init.add_argument("--demo-scope", choices=("north_west", "england"), default="north_west",
                      help="north_west (default): the region's councils; england: about 150 councils, for benchmarks")
    init.set_defaults(func=cmd_init)
    releases = commands.add_parser("releases", help="list releases with their status and row counts",
                                   description="List every release, newest first: status, rows, rows still "
                                               "current, when it was imported, what superseded it, its source.")
    releases.set_defaults(func=cmd_releases)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from data.warehouse import SchemaVersionError

    try:
        return args.func(args)
    except SchemaVersionError as error:
        print(f"scorecard: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
