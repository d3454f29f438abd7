"""``pantau source`` (what the worker collects) and ``pantau worker`` (collect on schedule)."""

from __future__ import annotations

import json
import logging
from typing import Any

import click

from analysis.cli.common import (
    cli_actor,
    db_option,
    emit,
    json_option,
    settings_for,
    yield_to_people,
)


@click.group()
def source() -> None:
    """Add, list, pause, resume and remove the sources the worker collects."""


@source.command("add")
@click.argument("kind", type=click.Choice(["rss", "claims", "folder", "youtube"]))
@click.argument("target")
@click.option("--name", default=None, help="Name shown on the Sumber page (default: from TARGET).")
@click.option("--every", "every", type=int, default=None, metavar="MINUTES",
              help="Minutes between two collections (default: rss 30, claims 60, folder 5, "
                   "youtube 60).")
@click.option("--paused", is_flag=True, help="Add it paused (collect only after `resume`).")
@db_option
@json_option
def add_cmd(kind: str, target: str, name: str | None, every: int | None, paused: bool,
            db: str | None, as_json: bool) -> None:
    """Add a source: KIND is rss (a news feed), claims (a fact-checker's feed: new debunks go
    into the claim bank), folder (a folder a crawler drops exports into) or youtube (a video's
    or a channel's comments; needs PANTAU_YOUTUBE_KEY). TARGET is the feed's address, the
    folder, or the video/channel address or id."""
    from analysis.monitor.sources import add_source
    from analysis.store import open_store

    added = add_source(open_store(settings_for(db)), kind, target, name=name,
                       every_minutes=every, created_by=cli_actor(), active=not paused)
    emit(as_json, {"added": {"name": added.name, "kind": added.kind, "target": added.target,
                             "every_minutes": added.every_minutes, "active": added.active}},
         lambda: f"Added {added.kind} source {added.name!r}, collected every "
                 f"{added.every_minutes} min{'' if added.active else ' (paused)'}. "
                 "`pantau worker` collects it (`make run` starts one).")


@source.command("list")
@db_option
@json_option
def list_cmd(db: str | None, as_json: bool) -> None:
    """List the sources with their schedule and health (last collection, last error)."""
    from analysis.monitor.sources import list_sources
    from analysis.store import open_store

    frame = list_sources(open_store(settings_for(db)))
    rows = [_row({str(k): v for k, v in r.items()}) for r in frame.to_dict("records")]
    emit(as_json, {"sources": rows},
         lambda: "\n".join(_line(r) for r in rows) or
         "No sources yet. Add one with `pantau source add rss URL`.")


def _row(row: dict[str, Any]) -> dict[str, Any]:
    def when(value: Any) -> str | None:
        return None if value is None or value != value else value.isoformat()

    return {"name": row["name"], "kind": row["kind"], "target": row["target"],
            "every_minutes": int(row["every_minutes"]), "active": bool(row["active"]),
            "state": row["state"], "last_run_at": when(row["last_run_at"]),
            "last_ok_at": when(row["last_ok_at"]), "last_error": row["last_error"] or None,
            "last_new": None if row["last_new"] != row["last_new"] or row["last_new"] is None
            else int(row["last_new"]), "failures": int(row["failures"])}


def _line(row: dict[str, Any]) -> str:
    last = row["last_run_at"] or "never collected"
    line = f"{row['name']} [{row['kind']}, every {row['every_minutes']} min] {row['state']}: " \
           f"{row['target']} (last: {last})"
    return line + (f"\n    error: {row['last_error']}" if row["last_error"] else "")


def _state_command(verb: str, help_text: str) -> click.Command:
    @click.argument("name")
    @db_option
    @json_option
    def command(name: str, db: str | None, as_json: bool) -> None:
        from analysis.monitor import sources
        from analysis.store import open_store

        getattr(sources, f"{verb}_source")(open_store(settings_for(db)), name, cli_actor())
        emit(as_json, {verb: name}, lambda: f"{verb.capitalize()}d source {name!r}")

    command.__doc__ = help_text
    return click.command(verb)(command)


source.add_command(_state_command("pause", "Pause the source NAME (its texts stay)."))
source.add_command(_state_command("resume", "Resume collecting the paused source NAME."))
source.add_command(_state_command("remove", "Remove the source NAME (the texts it collected "
                                            "stay in the store)."))


@click.command()
@click.option("--once", is_flag=True, help="Collect every active source once, score and alert, "
                                            "then exit (for cron and checks).")
@click.option("--no-score", is_flag=True, help="Collect only: no scoring and no alerts.")
@db_option
@json_option
def worker(once: bool, no_score: bool, db: str | None, as_json: bool) -> None:
    """Collect each active source on its schedule, score what arrives and send the alerts.
    Runs until stopped (Ctrl+C); `make run` starts one beside the dashboard."""
    from analysis.monitor.worker import Worker
    from analysis.store import open_store

    settings = settings_for(db)
    yield_to_people(settings)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    for noisy in ("apscheduler", "urllib3", "trafilatura", "htmldate", "apprise"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    runner = Worker(settings, open_store(settings), score=not no_score)
    if not once:
        runner.serve()
        return
    summary = runner.run_once()
    emit(as_json, summary, lambda: json.dumps(summary, ensure_ascii=False, indent=2,
                                               default=str))
