"""`scorecard users …` and `scorecard audit`: the editor's accounts and its audit log, from the server's command line.
The operator acts as an administrator (they hold the database); every change is in the audit log under their login
name.

    scorecard users add NAME --role administrator          (asks for the password twice)
    scorecard users add NAME --role council_editor --council E08000009
    scorecard users passwd NAME | remove NAME | role NAME --role R [--council CODE] | list
    scorecard audit [--limit 200]
"""

from __future__ import annotations

import getpass
import sys

from data.schema import ROLES


def _password(args) -> str:
    """From standard input with --password-stdin (scripts), else asked twice without echo."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password (12 characters or more): ")
    if getpass.getpass("The same again: ") != first:
        raise SystemExit("scorecard: the two passwords differ; nothing was changed.")
    return first


def cmd_users(args, engine) -> int:
    from data.accounts import (
        ROLE_WORDS,
        AccountError,
        Actor,
        add_user,
        check_new_user,
        check_user,
        remove_user,
        set_password,
        set_role,
        users,
    )
    from data.db import session_factory
    from data.imports.run import login_name
    from data.warehouse import check_schema

    check_schema(engine)
    by = Actor(login_name(), "administrator")
    try:
        with session_factory(engine).begin() as session:
            if args.action == "list":
                for u in users(session):
                    print(f"{u.username:<30} {ROLE_WORDS[u.role]:<18} {u.council_code or '':<10} "
                          f"{'active' if u.active else 'removed'}")
                return 0
            if args.action == "add":  # the name, role and council are checked before the password is asked for
                check_new_user(session, args.name, args.role, args.council)
                add_user(session, by, args.name, _password(args), args.role, args.council)
            elif args.action == "passwd":
                check_user(session, args.name)
                set_password(session, by, args.name, _password(args))
            elif args.action == "remove":
                remove_user(session, by, args.name)
            elif args.action == "role":
                set_role(session, by, args.name, args.role, args.council)
    except AccountError as error:
        print(f"scorecard: {error} Nothing was changed.", file=sys.stderr)
        return 1
    print(f"Done: {args.action} {args.name}.")
    return 0


def printable(text: str) -> str:
    """A line safe for a terminal: control characters (an escape sequence a stranger typed as a user name) are
    shown as their code, never acted on."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)


def cmd_audit(args, engine) -> int:
    from data.audit import events
    from data.db import session_factory
    from data.warehouse import check_schema

    check_schema(engine)
    with session_factory(engine)() as session:
        for e in events(session, args.limit):
            line = (f"{e.at:%Y-%m-%d %H:%M:%S}  {e.actor:<20} {e.role or '':<17} {e.action:<14} {e.outcome:<8} "
                    f"{e.target or ''}" + (f"  ({e.detail})" if e.detail else ""))
            print(printable(line))
    return 0


def add_commands(commands, engine_of) -> None:
    """Register `users` and `audit` on the main parser's subcommands; `engine_of(args)` opens the warehouse."""
    users = commands.add_parser("users", help="add, remove and change the editor's users",
                                description="Manage who can sign in to /editor/: council editors (their own "
                                            "council), regional analysts (every council, uploads, publishing) and "
                                            "administrators (users). Nobody is deleted: remove deactivates.")
    actions = users.add_subparsers(dest="action", required=True, metavar="ACTION")
    for name, text in (("add", "add a user"), ("passwd", "set a user's password"), ("remove", "deactivate a user"),
                       ("role", "change a user's role (and council)")):
        action = actions.add_parser(name, help=text)
        action.add_argument("name", help="the user name, e.g. jo.smith")
        if name in ("add", "role"):
            action.add_argument("--role", required=True, choices=ROLES)
            action.add_argument("--council", help="a council editor's council (ONS code)")
        if name in ("add", "passwd"):
            action.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    actions.add_parser("list", help="list the users")
    users.set_defaults(func=lambda args: cmd_users(args, engine_of(args)), name="")
    audit = commands.add_parser("audit", help="show the audit log, newest first",
                                description="Sign-ins, submissions, publications, returns, imports and user "
                                            "changes, with who, when and whether it was allowed.")
    audit.add_argument("--limit", type=int, default=200)
    audit.set_defaults(func=lambda args: cmd_audit(args, engine_of(args)))
