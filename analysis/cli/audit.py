"""``pantau audit``: who changed what and when (see :mod:`analysis.store.audit`)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from analysis.cli.common import db_option, echo, emit, json_option, settings_for


@click.command("audit")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="First day (YYYY-MM-DD, in PANTAU_TIMEZONE; default: the first entry).")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Last day, included (default: today).")
@click.option("--actor", default=None, help="Only the changes made by this name.")
@click.option("--action", default=None,
              help="Only this action (source.pause) or kind of thing (source, alert_rule, "
                   "account, upload, ...).")
@click.option("--limit", type=click.IntRange(1, 1_000_000), default=200, show_default=True,
              help="How many entries, newest first.")
@click.option("--csv", "csv_file", type=click.Path(dir_okay=False), default=None,
              help="Also write the entries to this CSV file (formula-safe, UTF-8).")
@db_option
@json_option
def audit(since: datetime | None, until: datetime | None, actor: str | None,
          action: str | None, limit: int, csv_file: str | None, db: str | None,
          as_json: bool) -> None:
    """Show the audit log, newest first: when, who (a dashboard account, or the OS user or
    --analyst of a command), what (uploads, corrections, status changes, claims, the
    watchlist, presets, sources, alert destinations and rules, accounts) and its details.
    Secrets never appear in it: alert URLs are masked, passwords never recorded."""
    from analysis.reports.exports import audit_csv, audit_table
    from analysis.store import open_store
    from analysis.store.audit import audit_entries

    settings = settings_for(db)
    entries = audit_entries(open_store(settings), since=since.date() if since else None,
                            until=until.date() if until else None, actor=actor,
                            action=action, limit=limit, tz=settings.tz)
    if csv_file:
        Path(csv_file).write_bytes(audit_csv(entries, settings.tz))
    rows: list[dict[str, Any]] = [
        {**{str(k): v for k, v in row.items()}, "details": json.loads(row["details"] or "{}")}
        for row in audit_table(entries, settings.tz).to_dict("records")]
    emit(as_json, {"entries": rows}, lambda: "\n".join(_line(r) for r in rows)
         or "No changes recorded for these filters.")
    if csv_file and not as_json:
        echo(f"{len(rows)} entries written to {csv_file}", err=True)


def _line(row: dict[str, Any]) -> str:
    details = " ".join(f"{k}={json.dumps(v, ensure_ascii=False)}"
                       for k, v in row["details"].items() if v not in (None, "", {}))
    return (f"{row['at'][:16].replace('T', ' ')}  {row['actor']}  {row['action']}  "
            f"{row['target_kind']}:{row['target'] or '-'}  {details}").rstrip()
