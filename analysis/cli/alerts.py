"""``pantau alert``: where alerts go (Apprise URLs), which rules raise them, a test message,
and the log of what was sent (see :mod:`analysis.monitor.alerts`)."""

from __future__ import annotations

import json
import sys
from typing import Any

import click
import pandas as pd

from analysis.cli.common import (
    cli_actor,
    db_option,
    echo,
    emit,
    json_option,
    parse_map,
    settings_for,
)


def _store(db: str | None) -> Any:
    from analysis.store import open_store

    return open_store(settings_for(db))


def _plain(value: Any) -> Any:
    if value is None or (not isinstance(value, dict | list) and pd.isna(value)):
        return None
    return str(value) if isinstance(value, pd.Timestamp) else value


def _rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): _plain(v) for k, v in row.items()} for row in frame.to_dict("records")]


@click.group()
def alert() -> None:
    """Alerts: destinations (any Apprise URL: tgram://, mailto://, json://), the rules that
    raise them, test messages and the log. The monitoring worker raises and sends them."""


@alert.command("add")
@click.argument("url")
@click.option("--label", default=None, help="A name to show instead of the masked URL.")
@db_option
@json_option
def add_cmd(url: str, label: str | None, db: str | None, as_json: bool) -> None:
    """Add the Apprise URL as a destination; the default rules are on. The URL is stored whole
    and only ever shown masked (a token or password in it stays secret). URL `-` reads it from
    the first line of standard input, out of the shell's history."""
    from analysis.monitor.alerts import add_destination
    from analysis.store.alerts import list_destinations

    if url == "-":
        url = sys.stdin.readline().strip()
    store = _store(db)
    new_id = add_destination(store, url, label, cli_actor())
    row = list_destinations(store).set_index("id").loc[new_id]
    emit(as_json, {"id": new_id, "label": row["label"], "shown": row["shown"]},
         lambda: f"Added destination {new_id}: {row['label']} ({row['shown']}). "
                 f"Try it: pantau alert test {new_id}")


@alert.command("list")
@db_option
@json_option
def list_cmd(db: str | None, as_json: bool) -> None:
    """List the destinations (URLs masked)."""
    from analysis.store.alerts import list_destinations

    rows = _rows(list_destinations(_store(db)))
    emit(as_json, {"destinations": rows}, lambda: "\n".join(
        f"{r['id']}: {r['label']} ({r['shown']}){'' if r['active'] else ' [off]'}"
        for r in rows) or "No destinations yet. Add one: pantau alert add URL")


@alert.command("remove")
@click.argument("destination_id", metavar="ID")
@db_option
def remove_cmd(destination_id: str, db: str | None) -> None:
    """Remove the destination ID (see pantau alert list)."""
    from analysis.store.alerts import remove_destination

    if not remove_destination(_store(db), destination_id, cli_actor()):
        raise click.ClickException(f"No alert destination {destination_id!r}")
    echo(f"Removed destination {destination_id}")


@alert.command("rules")
@db_option
@json_option
def rules_cmd(db: str | None, as_json: bool) -> None:
    """Show the rules, whether each is on and its params."""
    from analysis.monitor.alerts import rules

    rows = _rows(rules(_store(db)))
    emit(as_json, {"rules": rows}, lambda: "\n".join(
        f"{r['kind']}: {'on' if r['active'] else 'off'} "
        + " ".join(f"{k}={v}" for k, v in r["params"].items()) for r in rows))


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    return parse_map(pairs, "KEY=VALUE", "min_texts=10", "--param")


@alert.command("rule")
@click.argument("kind")
@click.option("--on/--off", "active", default=None, help="Turn the rule on or off.")
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE",
              help="Change one of the rule's params (see pantau alert rules). Repeatable.")
@db_option
@json_option
def rule_cmd(kind: str, active: bool | None, params: tuple[str, ...], db: str | None,
             as_json: bool) -> None:
    """Turn the rule KIND on or off and change its params."""
    from analysis.monitor.alerts import rules, set_rule

    store = _store(db)
    set_rule(store, kind, active, _params(params), cli_actor())
    [row] = _rows(rules(store).query("kind == @kind"))
    emit(as_json, row, lambda: f"{kind}: {'on' if row['active'] else 'off'} "
         + " ".join(f"{k}={v}" for k, v in row["params"].items()))


@alert.command("test")
@click.argument("destination_id", metavar="[ID]", required=False)
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True,
              help="Language of the test message.")
@db_option
@json_option
def test_cmd(destination_id: str | None, lang: str, db: str | None, as_json: bool) -> None:
    """Send a test message to the destination ID, or to every active one."""
    from analysis.monitor.alerts import send_test

    results = send_test(_store(db), destination_id, lang)
    emit(as_json, {"results": results}, lambda: "\n".join(
        f"{r['id']} {r['label']}: " + ("sent" if r["ok"] else f"FAILED: {r['error']}")
        for r in results) or "No active destinations.")
    if any(not r["ok"] for r in results):
        raise SystemExit(1)


@alert.command("log")
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True,
              help="How many deliveries to show, newest first.")
@db_option
@json_option
def log_cmd(limit: int, db: str | None, as_json: bool) -> None:
    """Show the alerts raised and their deliveries: when, to which destination, status,
    attempts and the last error."""
    from analysis.monitor.alerts import alert_log

    rows = _rows(alert_log(_store(db), limit))
    emit(as_json, {"log": rows}, lambda: "\n".join(_log_line(r) for r in rows)
         or "No alerts raised yet.")


def _log_line(row: dict[str, Any]) -> str:
    when = str(row["created_at"])[:16]
    where = row["destination"] or "-"
    error = f" ({row['last_error']})" if row["last_error"] else ""
    return (f"{when} {row['kind']} {json.dumps(row['title'], ensure_ascii=False)} -> {where}: "
            f"{row['status']}, {row['attempts']} attempt(s){error}")
