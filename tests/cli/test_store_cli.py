"""``pantau store copy``: a DuckDB file onto a real PostgreSQL server and back, from the
command line."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from analysis.cli.app import main
from analysis.store import PgStore, trends
from tests.dashboard_fixtures import EXPECTED, build_store
from tests.pg_server import PASSWORD


def test_store_copy_to_postgres_and_back(tmp_path: Path, pg_store: PgStore) -> None:
    build_store(tmp_path / "source.duckdb")
    runner = CliRunner()
    result = runner.invoke(main, ["store", "copy", "--db", str(tmp_path / "source.duckdb"),
                                  "--to", pg_store.url, "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["tables"]["documents"] == EXPECTED["volume"]
    assert summary["rows"] == sum(summary["tables"].values())
    assert PASSWORD not in result.output and "***" in summary["target"]
    assert trends.kpis(pg_store, trends.Filters())["volume"] == EXPECTED["volume"]

    back = tmp_path / "back.duckdb"
    result = runner.invoke(main, ["store", "copy", "--db", pg_store.url, "--to", str(back)])
    assert result.exit_code == 0, result.output
    assert f"documents: {EXPECTED['volume']}" in result.output
    assert PASSWORD not in result.output


def test_store_copy_refuses_a_non_empty_target(tmp_path: Path) -> None:
    build_store(tmp_path / "a.duckdb")
    build_store(tmp_path / "b.duckdb")
    result = CliRunner().invoke(main, ["store", "copy", "--db", str(tmp_path / "a.duckdb"),
                                       "--to", str(tmp_path / "b.duckdb")])
    assert result.exit_code == 1
    assert "is not empty" in result.output and "documents" in result.output
