"""``pantau store``: moving a whole store, e.g. an analyst's DuckDB file onto the team's
PostgreSQL server (see :mod:`analysis.store.transfer`)."""

from __future__ import annotations

import time

import click

from analysis.cli.common import db_option, emit, json_option, settings_for


@click.group("store")
def store_group() -> None:
    """Move the store's contents between a DuckDB file and a PostgreSQL server."""


@store_group.command("copy")
@click.option("--to", "target", required=True, metavar="TARGET",
              help="The store to copy into: a DuckDB file or postgresql://user:pass@host/db. "
                   "It must be empty (a new file or database); its schema is made first.")
@click.option("--chunk-rows", type=click.IntRange(1000, 10_000_000), default=50_000,
              show_default=True, help="Rows read and written at a time.")
@db_option
@json_option
def copy_cmd(target: str, chunk_rows: int, db: str | None, as_json: bool) -> None:
    """Copy every table of the store (--db, else PANTAU_DB) into the empty store TARGET, in
    one transaction: texts, scores, claims, embeddings, corrections, reviews, sources, alerts,
    audit log. A target that holds any row is refused, so nothing is mixed or overwritten;
    the source is only read. Then point PANTAU_DB at the target."""
    from analysis.store import open_store
    from analysis.store.transfer import copy_store

    settings = settings_for(db)
    source = open_store(settings)
    destination = open_store(settings, db=target)
    started = time.perf_counter()
    rows = copy_store(source, destination, chunk_rows=chunk_rows)
    took = time.perf_counter() - started
    summary = {"source": str(source), "target": str(destination), "tables": rows,
               "rows": sum(rows.values()), "seconds": round(took, 1)}

    def text() -> str:
        lines = [f"  {table}: {count:,}" for table, count in rows.items() if count]
        return "\n".join([f"Copied {summary['rows']:,} rows from {source} to {destination} "
                          f"in {took:.1f} s:", *lines, "Point PANTAU_DB at it to use it."])

    emit(as_json, summary, text)
