"""``pantau presets`` and ``pantau ingest --preset``."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from analysis.cli.app import main

EXPORT_HEADER = "waktu_posting;isi_komentar;nama_akun\n"
EXPORT_ROWS = (
    "08/07/2025 14:30;Pelayanan SIM cepat, mantap;budi\n09/07/2025 08:00;Macet parah;ani\n"
)


def _export(tmp_path: Path) -> Path:
    path = tmp_path / "crawler.csv"
    path.write_text(EXPORT_HEADER + EXPORT_ROWS, encoding="utf-8")
    return path


def test_save_list_and_use_a_preset(tmp_path: Path) -> None:
    db = str(tmp_path / "p.duckdb")
    runner = CliRunner()
    saved = runner.invoke(
        main,
        [
            "presets",
            "save",
            "crawler",
            "--map",
            "text=isi_komentar",
            "--map",
            "published_at=waktu_posting",
            "--map",
            "author=nama_akun",
            "--platform",
            "facebook",
            "--db",
            db,
        ],
    )
    assert saved.exit_code == 0, saved.output
    listed = json.loads(runner.invoke(main, ["presets", "list", "--db", db, "--json"]).output)
    assert listed["presets"][0]["mapping"]["text"] == "isi_komentar"
    result = runner.invoke(
        main,
        [
            "ingest",
            str(_export(tmp_path)),
            "--preset",
            "crawler",
            "--db",
            db,
            "--no-score",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert (summary["stored"], summary["rejected"]) == (2, 0)
    assert summary["mapping"]["author"] == "nama_akun"


def test_map_overrides_the_preset(tmp_path: Path) -> None:
    db = str(tmp_path / "p.duckdb")
    runner = CliRunner()
    runner.invoke(
        main,
        [
            "presets",
            "save",
            "p",
            "--map",
            "text=nama_akun",
            "--map",
            "published_at=waktu_posting",
            "--db",
            db,
        ],
    )
    result = runner.invoke(
        main,
        [
            "ingest",
            str(_export(tmp_path)),
            "--preset",
            "p",
            "--map",
            "text=isi_komentar",
            "--db",
            db,
            "--no-score",
            "--json",
        ],
    )
    assert json.loads(result.output)["mapping"]["text"] == "isi_komentar"


def test_an_unknown_preset_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "ingest",
            str(_export(tmp_path)),
            "--preset",
            "nope",
            "--db",
            str(tmp_path / "p.duckdb"),
            "--no-score",
        ],
    )
    assert result.exit_code == 1
    assert result.output.startswith("Error: No mapping preset named 'nope' (saved presets: none")


def test_delete_an_unknown_preset(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["presets", "delete", "x", "--db", str(tmp_path / "p.duckdb")]
    )
    assert result.exit_code == 1 and "No mapping preset named 'x'" in result.output
