"""The long batch commands (worker, ingest, score) lower their own CPU priority so that the
dashboard on the same machine serves people first (``PANTAU_BATCH_NICE``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from analysis.cli import common
from analysis.cli.app import main
from tests.conftest import FIXTURES

EXPORT = FIXTURES / "pipeline" / "komentar_polda.csv"


@pytest.fixture
def niced(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The increments the commands ask for (the test process itself keeps its priority)."""
    calls: list[int] = []
    monkeypatch.setattr(common.os, "nice", calls.append)
    return calls


@pytest.mark.parametrize("args", [
    ["ingest", str(EXPORT), "--no-score"],
    ["score"],
    ["worker", "--once", "--no-score"],
])
def test_batch_commands_yield_to_the_dashboard(args: list[str], niced: list[int],
                                               tmp_path: Path) -> None:
    result = CliRunner().invoke(main, [*args, "--db", str(tmp_path / "p.duckdb")],
                                env={"PANTAU_BATCH_NICE": "7"})
    assert result.exit_code == 0, result.output
    assert niced == [7]


def test_zero_keeps_the_normal_priority(niced: list[int], tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["score", "--db", str(tmp_path / "p.duckdb")],
                                env={"PANTAU_BATCH_NICE": "0"})
    assert result.exit_code == 0, result.output
    assert niced == []


def test_the_priority_really_drops() -> None:
    code = ("import os; from analysis.cli.common import yield_to_people; "
            "from analysis.settings import load_settings; before = os.nice(0); "
            "yield_to_people(load_settings({'PANTAU_BATCH_NICE': '5'})); "
            "print(before, os.nice(0))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=Path(__file__).resolve().parents[2])
    before, after = map(int, done.stdout.split())
    assert after == min(19, before + 5)  # Unix caps the niceness at 19
    assert before == 19 or after > before
