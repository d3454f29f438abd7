"""What leaves Pantau as a file or on a terminal: formula payloads neutralised in CSV, XLSX and
the reject reports (also behind invisible characters), ``;`` cells quoted, no terminal escape
sequences from data printed by the CLI."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from analysis.cli.app import main
from analysis.reports.exports import export_table, neutralise, table_csv, to_csv, to_xlsx
from analysis.store import Store
from analysis.store.trends import Filters
from tests.dashboard_fixtures import build_store

INVISIBLE = ["", "\ufeff", "\u200b", "\u200d", "\u2060", "\u200e", "\ufeff\u200b"]
STARTS = ["=", "+", "-", "@", "\t", "\r"]
PAYLOADS = [f"{lead}{start}HYPERLINK(\"http://evil.example\";\"x\")"
            for lead in INVISIBLE for start in STARTS]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_formula_starts_are_neutralised_even_behind_invisible_characters(payload: str) -> None:
    assert neutralise(payload) == "'" + payload


@pytest.fixture
def injected(tmp_path: Path) -> Store:
    store = build_store(tmp_path / "pantau.duckdb")
    with store.connect() as con:
        con.execute("UPDATE documents SET text = ? WHERE id = 't1'", ["\ufeff=1+1;=2+2"])
        con.execute("UPDATE documents SET text = ? WHERE id = 't3'", ["\u200b@SUM(A1)"])
        con.execute("UPDATE documents SET author = ? WHERE id = 't4'", ["a;=cmd|' /C calc'!A0"])
    return store


def test_csv_export_quotes_semicolons_and_neutralises_hidden_formulas(injected: Store) -> None:
    data = to_csv(export_table(injected, Filters())).decode("utf-8-sig")
    # Excel with the Indonesian list separator splits unquoted lines on ';'
    # whatever the quotes, Excel with the Indonesian list separator splits each line on ';'
    for line in data.splitlines()[1:]:
        for piece in line.split(";"):
            assert not piece.lstrip("\ufeff\u200b\"").startswith(("=", "@")), line
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(data, newline=""))}
    assert rows["t1"]["teks"] == "'\ufeff=1+1;'=2+2"
    assert rows["t3"]["teks"] == "'\u200b@SUM(A1)"
    assert rows["t4"]["penulis"] == "a;'=cmd|' /C calc'!A0"
    assert '"a;\'=cmd|\' /C calc\'!A0"' in data, "a cell with ';' is quoted"


def test_xlsx_export_holds_no_formula_and_neutralises_hidden_ones(injected: Store) -> None:
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(export_table(injected, Filters()))))
    cells = [cell for row in book.active.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = {row[0]: row[6] for row in book.active.iter_rows(values_only=True)}
    assert texts["t1"] == "'\ufeff=1+1;=2+2" and texts["t3"] == "'\u200b@SUM(A1)"


def test_reject_reports_are_formula_safe() -> None:
    frame = pd.DataFrame([{"row": 2, "column": "tanggal", "code": "bad_date",
                           "reason": "=HYPERLINK(\"http://evil.example\";\"x\")"}])
    text = table_csv(frame).decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(text, newline="")))
    assert row["reason"].startswith("'=")
    assert '"\'=HYPERLINK(""http://evil.example"";""x"")"' in text, "quoted: it holds ';'"


def test_the_cli_rejects_file_is_formula_safe_and_prints_no_escape_sequences(
        tmp_path: Path) -> None:
    export = tmp_path / "x\x1b[2Jbad.csv"
    export.write_text("id;akun;tanggal;komentar\n"
                      "1;@a;8 Juli 2025 10:00;teks biasa yang cukup panjang\n"
                      "2;@b;=cmd|'/C calc'!A0 \x1b[31m;teks kedua yang panjang\n"
                      "3;@c;8 Juli 2025 11:00;teks ketiga yang cukup panjang\n"
                      "4;@d;8 Juli 2025 12:00;teks keempat yang cukup panjang\n",
                      encoding="utf-8")
    out = tmp_path / "rejects.csv"
    result = CliRunner().invoke(main, ["ingest", str(export), "--db", str(tmp_path / "p.duckdb"),
                                       "--no-score", "--rejects", str(out)],
                                 color=True)  # as on a terminal: click keeps escapes there
    assert result.exit_code == 0, result.output
    assert "1 rejected" in result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    assert rows and all(not v.startswith(("=", "+", "-", "@")) for r in rows for v in r.values())
