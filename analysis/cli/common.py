"""Pieces every ``pantau`` command shares: error handling, progress bars, common options."""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import re
import sys
from collections.abc import Callable
from typing import Any

import click

from analysis.errors import PantauError
from analysis.settings import Settings, load_settings

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Control characters (terminal escape sequences start with ESC or CSI) and direction
overrides: data printed to a terminal keeps only its line breaks and tabs."""


def clean(text: object) -> str:
    """``text`` safe to print to a terminal: no escape sequences from uploaded data."""
    return _CONTROL.sub("", str(text))


def echo(message: object = "", **kwargs: Any) -> None:
    """``click.echo`` of text that may carry data: control characters stripped first."""
    click.echo(clean(message), **kwargs)


class PantauGroup(click.Group):
    """Turns Pantau's own errors into ``Error: <message>`` and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PantauError as error:
            raise click.ClickException(clean(error)) from error


def settings_for(db: str | None) -> Settings:
    return load_settings().with_db(db)


def yield_to_people(settings: Settings) -> None:
    """Lower this process's CPU priority by ``settings.batch_nice`` (a long batch command: the
    worker, an import, a scoring run), so that the dashboard's page runs on the same machine
    are served first; the batch only runs slower while people are using the dashboard."""
    if settings.batch_nice > 0 and hasattr(os, "nice"):
        with contextlib.suppress(OSError):  # not allowed here: run at the normal priority
            os.nice(settings.batch_nice)


def cli_actor() -> str:
    """Who makes a change from the command line, for the audit log: the operating-system
    user running ``pantau``."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a bare container)
        return f"uid-{os.getuid()}" if hasattr(os, "getuid") else "unknown"


class Bar:
    """A progress bar on stderr (stdout stays clean for ``--json``) fed by ``(done, total)``."""

    def __init__(self, label: str, enabled: bool = True) -> None:
        self.label, self.enabled = label, enabled and sys.stderr.isatty()
        self.bar: Any = None
        self.done = 0

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=max(total, 1), label=self.label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.done)
        self.done = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def emit(as_json: bool, summary: dict[str, Any], text: Callable[[], str]) -> None:
    echo(json.dumps(summary, ensure_ascii=False, default=str) if as_json else text())


db_option = click.option("--db", type=click.Path(dir_okay=False), default=None,
                         help="DuckDB file or postgresql:// URL (default: $PANTAU_DB, else "
                              "./pantau.duckdb).")
json_option = click.option("--json", "as_json", is_flag=True,
                           help="Print the summary as one JSON object on stdout.")


def parse_map(pairs: tuple[str, ...], shape: str = "FIELD=COLUMN",
              example: str = "text=isi_komentar", option: str = "--map") -> dict[str, str]:
    """``("text=isi", ...)`` → ``{"text": "isi"}``; a malformed pair is a usage error that
    names the ``shape`` with an ``example`` and the ``option``."""
    mapping = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise click.BadParameter(f"{pair!r}: use {shape}, e.g. {example}",
                                     param_hint=option)
        mapping[field.strip()] = column.strip()
    return mapping
