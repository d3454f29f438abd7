"""The ``pantau`` command line, run as a user would run it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from analysis.cli.app import main
from tests.conftest import FIXTURES, ROOT

EXPORT = FIXTURES / "pipeline" / "komentar_polda.csv"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    pantau = Path(sys.executable).parent / "pantau"
    return subprocess.run([str(pantau), *args], capture_output=True, text=True, timeout=600)


def test_ingest_prints_the_four_counts(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", str(EXPORT), "--db", str(tmp_path / "p.duckdb"),
                                       "--no-score"])
    assert result.exit_code == 0, result.output
    assert "komentar_polda.csv: 6 rows read, 4 stored, 0 duplicates, 2 rejected" in result.output
    assert "row 6: " in result.output and "row 7: " in result.output


def test_importing_and_the_dashboard_s_data_layer_do_not_load_the_models() -> None:
    """torch and transformers take seconds to import: ``pantau ingest --no-score``, the store
    and the dashboard's pages must not pay for them."""
    code = ("import sys, analysis.cli.app, analysis.pipeline, analysis.store.trends, "
            "analysis.store.corrections, analysis.training.datasets, analysis.reports.brief, "
            "analysis.insights.narratives; "
            "analysis.insights.narratives.embedding_version(); "
            "print(sorted(m for m in ('torch', 'transformers') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, check=True)
    assert done.stdout.strip() == "[]"


def test_ingest_json_is_one_object_for_scripts(tmp_path: Path) -> None:
    db = str(tmp_path / "p.duckdb")
    result = run("ingest", str(EXPORT), "--db", db, "--no-score", "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert {k: summary[k] for k in ("rows_in", "stored", "duplicates", "rejected")} == {
        "rows_in": 6, "stored": 4, "duplicates": 0, "rejected": 2}
    assert summary["published_min"].startswith("2025-07-08T03:00:00")
    again = json.loads(run("ingest", str(EXPORT), "--db", db, "--no-score", "--json").stdout)
    assert (again["stored"], again["duplicates"]) == (0, 4)


def test_rejects_can_be_written_next_to_the_input(tmp_path: Path) -> None:
    out = tmp_path / "rejects.csv"
    result = CliRunner().invoke(main, ["ingest", str(EXPORT), "--db", str(tmp_path / "p.duckdb"),
                                       "--no-score", "--rejects", str(out)])
    assert result.exit_code == 0
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "row,column,code,reason" and len(lines) == 3


def test_a_file_without_text_column_names_the_fix(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", str(FIXTURES / "ingest" / "no_text.csv"),
                                       "--db", str(tmp_path / "p.duckdb"), "--no-score"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: No text column found in 'no_text.csv'")
    assert "--map text=COLUMN" in result.output


def test_a_malformed_map_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", str(EXPORT), "--map", "komentar",
                                       "--db", str(tmp_path / "p.duckdb")])
    assert result.exit_code == 2
    assert "use FIELD=COLUMN, e.g. text=isi_komentar" in result.output


@pytest.mark.slow
def test_ingest_then_score_then_nothing_left(tmp_path: Path) -> None:
    db = str(tmp_path / "p.duckdb")
    assert run("ingest", str(EXPORT), "--db", db, "--no-score").returncode == 0
    first = run("score", "--db", db, "--json")
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["scored"] == {"sentiment": 4, "hoax": 4}
    second = json.loads(run("score", "--db", db, "--json").stdout)
    assert second["scored"] == {"sentiment": 0, "hoax": 0}


@pytest.mark.slow
def test_evaluate_sentiment_on_an_analysts_file() -> None:
    result = run("evaluate", "sentiment", str(FIXTURES / "pipeline" / "label_sample.csv"),
                 "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["n"] == 5
    assert set(summary["per_class_f1"]) == {"negative", "neutral", "positive"}
    assert 0.0 <= summary["macro_f1"] <= 1.0 and summary["accuracy"] >= 0.6


@pytest.mark.slow
def test_evaluate_claims_on_an_analysts_pairs(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.csv"
    pd.DataFrame({
        "text": ["SEBARKAN!! china rusuh gara2 virus hmpv, warga ngamuk di jalan",
                 "Footage shows a shark swimming on a flooded Jakarta highway",
                 "Cek fakta: video kerusuhan di China itu bukan karena HMPV"],
        "claim": ["Video Kerusuhan di China Akibat Virus HMPV”",
                  "Shark swims on flooded highway in Jakarta",
                  "Video Kerusuhan di China Akibat Virus HMPV”"],
        "relation": ["repeats", "repeats", "denies"],
    }).to_csv(pairs, index=False)
    result = run("evaluate", "claims", str(pairs), "--no-reader", "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["rows"], summary["repeats"], summary["reader"]) == (3, 2, None)
    assert summary["retrieval"]["recall_at_50"] == 1.0  # the English claim joined the bank
    assert summary["negatives"]["denies"]["rows"] == 1


def _commands() -> list[str]:
    names = []
    for name, command in main.commands.items():
        sub = getattr(command, "commands", None)
        names += [f"pantau {name} {s}" for s in sub] if sub else [f"pantau {name}"]
    return names


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    missing = [c for c in _commands() if not re.search(re.escape(c) + r"\b", readme)]
    assert not missing, f"undocumented commands: {missing}"


def test_cli_reference_is_generated_from_help() -> None:
    from analysis.cli.docs import render

    assert (ROOT / "docs" / "cli.md").read_text() == render(), (
        "docs/cli.md is stale: run `python -m analysis.cli.docs > docs/cli.md`")


def test_date_order_can_be_forced(tmp_path: Path) -> None:
    export = tmp_path / "us.csv"
    export.write_text("tanggal,komentar\n07/08/2025,satu\n07/09/2025,dua\n", encoding="utf-8")
    db = str(tmp_path / "p.duckdb")
    runner = CliRunner()
    guessed = json.loads(runner.invoke(main, ["ingest", str(export), "--db", db, "--no-score",
                                              "--json"]).output)
    assert guessed["published_min"].startswith("2025-08-06T17:00")  # 7 Aug 00:00 WIB
    forced = json.loads(runner.invoke(main, ["ingest", str(export), "--db",
                                             str(tmp_path / "q.duckdb"), "--no-score",
                                             "--date-order", "mdy", "--json"]).output)
    assert forced["published_min"].startswith("2025-07-07T17:00")  # 8 Jul 00:00 WIB


def test_ingest_says_which_columns_it_recognised_by_content_and_why(tmp_path: Path) -> None:
    export = tmp_path / "berita.csv"
    export.write_text(
        "sumber,judul,isi_berita,tanggal_publikasi\n"
        "detik,Polisi jaga demo,Polisi menjaga demo di depan DPR dengan tertib,2024-03-01 10:00\n"
        "kompas,Gedung baru,Kapolri meresmikan gedung baru Polda di Surabaya,2024-03-02 11:30\n",
        encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(export), "--db", str(tmp_path / "p.duckdb"),
                                       "--no-score"])
    assert result.exit_code == 0, result.output
    assert "berita.csv: 2 rows read, 2 stored, 0 duplicates, 0 rejected" in result.output
    assert ("  note: 'tanggal_publikasi': 100 % of the first 2 values are dates, so it is the "
            "date column (choose another with --map published_at=COLUMN)") in result.output


def test_ingest_stops_once_when_most_rows_fail_the_same_way(tmp_path: Path) -> None:
    export = tmp_path / "twint.csv"
    export.write_text("tweet;created_at\n" + "".join(
        f"Tweet nomor {n} soal demo;2022-10-16 05:18:{n:02d} Planet Mars Standard Time\n"
        for n in range(5)), encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(export), "--db", str(tmp_path / "p.duckdb"),
                                       "--no-score"])
    assert result.exit_code == 1
    assert result.output.startswith(
        "Error: Column 'created_at' holds '2022-10-16 05:18:00 Planet Mars Standard Time': 5 of "
        "the first 5 rows of 'twint.csv' would be rejected the same way")
    assert result.output.count("Planet Mars") == 2  # the example and the reason: said once
