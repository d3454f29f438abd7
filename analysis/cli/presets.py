"""``pantau presets``: named column mappings for exports Pantau does not recognise by itself."""

from __future__ import annotations

import json
from typing import Any

import click

from analysis.cli.common import (
    cli_actor,
    db_option,
    echo,
    emit,
    json_option,
    parse_map,
    settings_for,
)


@click.group()
def presets() -> None:
    """Save, list and delete named column mappings (use one with `pantau ingest --preset`)."""


@presets.command("save")
@click.argument("name")
@click.option("--map", "maps", multiple=True, required=True, metavar="FIELD=COLUMN",
              help="Use COLUMN for FIELD (text, published_at, author, ...). Repeatable.")
@click.option("--platform", default=None, help="Platform of every row imported with it.")
@db_option
def save_cmd(name: str, maps: tuple[str, ...], platform: str | None, db: str | None) -> None:
    """Save (or replace) the mapping preset NAME."""
    from analysis.store import open_store
    from analysis.store.presets import save_preset

    save_preset(open_store(settings_for(db)), name, parse_map(maps), platform, cli_actor())
    echo(f"Saved preset {name!r}. Use it with: pantau ingest FILE --preset {name!r}")


@presets.command("list")
@db_option
@json_option
def list_cmd(db: str | None, as_json: bool) -> None:
    """List the saved mapping presets."""
    from analysis.store import open_store
    from analysis.store.presets import list_presets

    frame = list_presets(open_store(settings_for(db)))
    rows: list[dict[str, Any]] = [
        {"name": str(name), "mapping": json.loads(str(mapping)),
         "platform": platform if isinstance(platform, str) else None}
        for name, mapping, platform in frame[["name", "mapping", "platform"]].itertuples(
            index=False, name=None)
    ]
    emit(as_json, {"presets": rows}, lambda: "\n".join(_line(r) for r in rows)
         or "No presets saved yet.")


def _line(row: dict[str, Any]) -> str:
    pairs = ", ".join(f"{k}={v}" for k, v in row["mapping"].items())
    return f"{row['name']}: {pairs}" + (f" (platform {row['platform']})" if row["platform"] else "")


@presets.command("delete")
@click.argument("name")
@db_option
def delete_cmd(name: str, db: str | None) -> None:
    """Delete the mapping preset NAME."""
    from analysis.store import open_store
    from analysis.store.presets import delete_preset

    if not delete_preset(open_store(settings_for(db)), name, cli_actor()):
        raise click.ClickException(f"No mapping preset named {name!r}")
    echo(f"Deleted preset {name!r}")
