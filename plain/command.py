"""`scorecard publish OUT/ [--as-at N]`: the published account's command, added to the warehouse's CLI (data/cli.py)
from here, because it renders page models, which the data layer may not import (docs/adr/0006-import-rules.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from data import cli
from data.read_api import ReadAPI
from data.settings import Settings


def add_publish(commands, engine_for) -> None:
    publish = commands.add_parser(
        "publish", help="write the published account: a static site of plain pages for a release",
        description="Write the published account of the newest release (or of release N with --as-at N) to OUT as "
                    "plain HTML pages that need no script: the region at a glance, each domain, measure and council, "
                    "the measure catalogue, methods and what changed. OUT is replaced whole, only once the new site is "
                    "complete. Any web server can serve it; the app serves instance/account/ under /account/.")
    publish.add_argument("out", nargs="?", help="the folder to write (default: instance/account/<release>, which the "
                                               "app serves under /account/)")
    publish.add_argument("--as-at", help="a release's number: the site as it was when that release was the newest")
    publish.add_argument("--base-url", help="where the site will be served, e.g. https://example.org/account/8/ (the "
                                            "embed codes name it; default: the app's /account/<release>/)")

    def run(args: argparse.Namespace) -> int:
        from plain.publish import publish as write

        api = ReadAPI(engine_for(args))
        if args.as_at is not None:
            pinned = api.pinned(args.as_at)
            if pinned is None:
                print(f"scorecard: --as-at {args.as_at!r} is not a release of this warehouse "
                      f"(releases 1 to {api.newest_release_id()})", file=sys.stderr)
                return 2
            api = pinned
        if not api.newest_release_id():
            print("scorecard: the warehouse holds no release yet, so there is nothing to publish", file=sys.stderr)
            return 2
        out = Path(args.out) if args.out else \
            Path(Settings.from_env().instance_dir or "instance") / "account" / str(api.pin or api.newest_release_id())
        done = write(api, out, args.base_url)
        print(f"Published release {done.release} to {done.out}: {done.pages} pages, {done.files} files, "
              f"{done.bytes / 1e6:.1f} MB; largest page {done.largest_page} ({done.largest_gzip / 1e3:.0f} kB "
              "compressed)")
        return 0

    publish.set_defaults(func=run)


def main(argv: list[str] | None = None) -> int:
    """The `scorecard` command: the warehouse's commands and `publish`."""
    return cli.main(argv, extra=(add_publish,))


if __name__ == "__main__":
    sys.exit(main())
