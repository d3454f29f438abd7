"""A real PostgreSQL server for the store tests, started once per test session.

``initdb`` makes a cluster in a temporary folder, owned by an unprivileged user (PostgreSQL
refuses to run as root: under root the server runs as the ``postgres`` OS user). It listens on
127.0.0.1 only, on a free port, with its unix socket in the same folder; the test role logs in
with a password (scram-sha-256) over TCP, as a deployment would. Each test gets a database of
its own (:func:`fresh_database`), dropped after it; the server is stopped and its folder removed
at the end of the session.

The binaries are looked for in ``PANTAU_PG_BIN``, on ``PATH`` and in
``/usr/lib/postgresql/*/bin``; without them the PostgreSQL tests are skipped, saying so.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROLE = "pantau"
PASSWORD = "s3cret-Pw0rd!"
"""The test role's password: tests check that it never shows in a repr, an error or a log."""
_counter = itertools.count()


def pg_bin() -> Path | None:
    """The folder with ``initdb`` and ``pg_ctl``, or None when PostgreSQL is not installed."""
    candidates = [os.environ.get("PANTAU_PG_BIN", "")]
    on_path = shutil.which("pg_ctl")
    candidates += [str(Path(on_path).parent)] if on_path else []
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for folder in filter(None, candidates):
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PgServer:
    """A running test server: where it listens and how to reach a database on it."""

    bin: Path
    folder: Path
    port: int
    user: str | None
    """The OS user the server runs as (None: this process's own)."""

    def url(self, database: str, password: str = PASSWORD) -> str:
        return f"postgresql://{ROLE}:{password}@127.0.0.1:{self.port}/{database}"

    def run(self, *args: str) -> None:
        subprocess.run([str(a) for a in args], check=True, capture_output=True, user=self.user,
                       cwd=self.folder, timeout=120)

    def stop(self) -> None:
        try:
            self.run(self.bin / "pg_ctl", "-D", self.folder / "data", "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def start_server(bin_dir: Path, settings: str = "") -> PgServer:
    """initdb into a fresh temporary folder and start the server on a free port; ``settings``
    adds server options (``-c shared_buffers=1GB``: a benchmark sizes it as a deployment
    would)."""
    user = "postgres" if os.geteuid() == 0 else None
    folder = Path(tempfile.mkdtemp(prefix="pantau-pg-"))
    if user is not None:
        entry = pwd.getpwnam(user)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    server = PgServer(bin_dir, folder, _free_port(), user)
    pwfile = folder / "pw"
    pwfile.write_text(PASSWORD + "\n", encoding="utf-8")
    if user is not None:
        os.chown(pwfile, pwd.getpwnam(user).pw_uid, -1)
    try:
        server.run(bin_dir / "initdb", "-D", folder / "data", "-U", ROLE, "--pwfile", pwfile,
                   "-E", "UTF8", "--no-locale", "--auth-local=trust",
                   "--auth-host=scram-sha-256", "--no-sync")
        options = (f"-c listen_addresses=127.0.0.1 -p {server.port} -k {folder} "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                   f"-c max_connections=200 -c timezone=UTC {settings}")
        server.run(bin_dir / "pg_ctl", "-D", folder / "data", "-o", options,
                   "-l", folder / "server.log", "-w", "-t", "60", "start")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return server


def _admin(server: PgServer, sql: str) -> None:
    import psycopg

    with psycopg.connect(server.url("postgres"), autocommit=True) as con:
        con.execute(sql)


@contextmanager
def fresh_database(server: PgServer) -> Iterator[str]:
    """A new, empty database for one test; dropped afterwards (its connections closed first)."""
    from analysis.store.pg import close_pools

    name = f"pantau_test_{os.getpid()}_{next(_counter)}"
    _admin(server, f"CREATE DATABASE {name} TEMPLATE template0 STRATEGY FILE_COPY")
    try:
        yield server.url(name)
    finally:
        close_pools()
        _admin(server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
