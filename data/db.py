"""Engine and sessions: one function for SQLite (WAL, foreign keys on) and PostgreSQL (psycopg 3)."""

from __future__ import annotations

import uuid
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from data.watchdog import Watchdog


def make_engine(url: str, statement_timeout: float | None = None, **kwargs) -> Engine:
    """Create an engine for `url`; `postgresql://` uses psycopg 3 with timeouts (below), SQLite files get WAL and
    foreign keys. `statement_timeout` (seconds, PostgreSQL) is for the web app; imports run without one."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": 30}, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            if parsed.database and parsed.database != ":memory:":
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

        return engine
    if not statement_timeout:
        return create_engine(parsed, pool_pre_ping=True, **_postgres_args(parsed, statement_timeout, kwargs))
    # The web's engine: a connection is waited for at most 2 s (pool or server), and a round trip the server does
    # not answer is cut by the watchdog (data/watchdog.py) a second after the server would have cancelled it.
    arguments = _postgres_args(parsed, statement_timeout, {"pool_timeout": 2, **kwargs})
    engine = create_engine(parsed, pool_pre_ping=True, **arguments)
    cargs, cparams = engine.dialect.create_connect_args(engine.url)
    Watchdog(lambda: engine.dialect.connect(*cargs, **cparams), limit=statement_timeout + 1).install(engine)
    return engine


def _postgres_args(url, statement_timeout: float | None, kwargs: dict) -> dict:
    """Timeouts for a PostgreSQL connection: a server that does not answer a connection is given up on after 5 s
    (the web: 2 s); sent data unacknowledged for 10 s (a cable cut, a host gone) closes the connection
    (`tcp_user_timeout`); an idle connection is probed by TCP keepalives; with `statement_timeout` (seconds) the
    server cancels any statement running longer, and a transaction left idle is ended after a minute. `options`
    from the URL (e.g. a search_path) and from the caller are kept: libpq takes one `options` string."""
    options = [url.query.get("options") or "", kwargs.get("connect_args", {}).get("options") or ""]
    if statement_timeout:
        options.append(f"-c statement_timeout={int(statement_timeout * 1000)}")
        options.append("-c idle_in_transaction_session_timeout=60000")
    connect_args = {"connect_timeout": 2 if statement_timeout else 5, "tcp_user_timeout": 10_000, "keepalives": 1,
                    "keepalives_idle": 30, "keepalives_interval": 10, "keepalives_count": 3,
                    **kwargs.get("connect_args", {})}
    joined = " ".join(o for o in options if o)
    if joined:
        connect_args["options"] = joined
    return {**kwargs, "connect_args": connect_args}


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def describe(engine: Engine) -> str:
    """The database in words, without any password: for logs, /health and CLI output."""
    return engine.url.render_as_string(hide_password=True)


def bulk_insert(session: Session, table, rows: list, columns: tuple[str, ...] | None = None) -> None:
    """Insert many rows in the session's transaction through the driver: `executemany` on SQLite, `COPY` on
    PostgreSQL. Constraints still apply; it skips only SQLAlchemy's per-row work (about 10× faster).

    `rows` are dicts, or tuples in the order of `columns`.
    """
    if not rows:
        return
    if columns is None:
        columns = tuple(c.name for c in table.columns if c.name in rows[0])
        tuples = [tuple(row.get(c) for c in columns) for row in rows]
    else:
        tuples = rows
    connection = session.connection()
    driver = connection.connection.driver_connection
    if driver is None:
        raise RuntimeError("the database connection has been closed")
    names = ", ".join(f'"{c}"' for c in columns)
    dbapi = connection.dialect.loaded_dbapi
    try:
        if connection.dialect.name == "postgresql":
            statement = f'COPY "{table.name}" ({names}) FROM STDIN'
            with driver.cursor() as cursor, cursor.copy(statement) as copy:
                for values in tuples:
                    copy.write_row(values)
        else:
            statement = f'INSERT INTO "{table.name}" ({names}) VALUES ({", ".join("?" * len(columns))})'
            cursor = driver.cursor()
            cursor.executemany(statement, tuples)
            cursor.close()
    except dbapi.IntegrityError as error:  # the same exception type callers get from the ORM path
        raise IntegrityError(statement, None, error) from error


@contextmanager
def scratch_schema(url: str, prefix: str):
    """An engine on a new, empty PostgreSQL schema that is dropped afterwards: for tests and benchmarks that must
    not see or leave anything in the database. Raises if the server cannot be reached."""
    schema = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = make_engine(url)
    try:
        with admin.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
    except Exception:
        admin.dispose()
        raise
    engine = make_engine(url, connect_args={"options": f"-csearch_path={schema}"})
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
