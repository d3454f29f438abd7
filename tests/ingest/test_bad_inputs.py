"""Every file in the bad-input corpus (tests/data/bad) imports as promised, and harms nothing.

``expected.json`` (written by ``tests/data/bad/make_corpus.py``) says what each file owes the
analyst: an error with an actionable message, or counts with reject codes. Whatever happens,
every row is accounted for, documents stored before stay stored, and the command line answers
with ``Error: ...``, never a traceback.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from analysis.cli.app import main
from analysis.errors import IngestError
from analysis.pipeline import ImportReport, import_file, import_path
from analysis.store import Store
from analysis.store.documents import document_count
from tests.conftest import FIXTURES
from tests.data.bad.make_corpus import big_field

BAD = FIXTURES / "bad"
EXPECTED: dict[str, dict[str, Any]] = json.loads((BAD / "expected.json").read_text("utf-8"))
SEED = FIXTURES / "pipeline" / "komentar_polda.csv"
SEED_STORED = 4  # of its 6 rows, 2 are rejected (see tests/cli/test_cli.py)


def _params() -> list[Any]:
    params = []
    for name in sorted(EXPECTED):
        issue = EXPECTED[name].get("known_issue")
        marks = [pytest.mark.xfail(reason=issue, strict=True)] if issue else []
        params.append(pytest.param(name, marks=marks, id=name))
    return params


def outcome(report: ImportReport) -> dict[str, Any]:
    """A report in expected.json's terms."""
    if report.error:
        return {"error": report.error}
    found: dict[str, Any] = {"rows_in": report.rows_in, "stored": report.stored,
                             "rejected": report.rejected,
                             "reject_codes": [r.code for r in report.rejects]}
    if report.duplicates:
        found["duplicates"] = report.duplicates
    return found


def run_import(store: Store, name: str) -> tuple[dict[str, Any], list[ImportReport]]:
    """Import one corpus file: its outcome in expected.json's terms, and the reports.

    A single file goes through ``import_file``; a ZIP through ``import_path`` (one outcome per
    file inside it).
    """
    path = BAD / name
    try:
        if path.suffix == ".zip":
            reports = import_path(store, path)
            members = {r.filename.removeprefix(f"{name}/"): outcome(r) for r in reports}
            return {"members": members}, reports
        report = import_file(store, path)
        return outcome(report), [report]
    except IngestError as error:
        return {"error": str(error)}, []


def matches(found: dict[str, Any], expected: dict[str, Any]) -> bool:
    if "members" in expected:
        return set(found.get("members", {})) == set(expected["members"]) and all(
            matches(found["members"][name], want) for name, want in expected["members"].items()
        )
    if "error" in expected:
        return expected["error"] in found.get("error", "")
    want = {k: v for k, v in expected.items() if k != "known_issue"}
    return found == want


def test_corpus_has_at_least_forty_files() -> None:
    on_disk = {p.name for p in BAD.iterdir()} - {"expected.json", "make_corpus.py", "__pycache__"}
    assert on_disk == set(EXPECTED) and len(EXPECTED) >= 40


@pytest.mark.parametrize("name", _params())
def test_outcome_matches_and_every_row_is_accounted_for(name: str, tmp_path: Path) -> None:
    store = Store(tmp_path / "x.duckdb")
    found, reports = run_import(store, name)
    assert matches(found, EXPECTED[name]), found
    for report in reports:
        assert report.rows_in == report.stored + report.duplicates + report.rejected
    assert document_count(store) == sum(report.stored for report in reports)


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store file that already holds documents (copied per test: cheaper than importing)."""
    path = tmp_path_factory.mktemp("seed") / "seed.duckdb"
    assert import_file(Store(path), SEED).stored == SEED_STORED
    return path


@pytest.mark.parametrize("name", _params())
def test_nothing_already_stored_is_lost(name: str, tmp_path: Path, seeded_db: Path) -> None:
    shutil.copy(seeded_db, tmp_path / "x.duckdb")
    store = Store(tmp_path / "x.duckdb")
    before = set(store.query("SELECT id FROM documents")["id"])
    run_import(store, name)
    after = set(store.query("SELECT id FROM documents")["id"])
    assert len(before) == SEED_STORED and before <= after


def _stored_texts(name: str, tmp_path: Path) -> list[str]:
    store = Store(tmp_path / "x.duckdb")
    import_file(store, BAD / name)
    return store.query("SELECT text FROM documents ORDER BY row_number")["text"].tolist()


def test_formula_injection_text_is_stored_unchanged(tmp_path: Path) -> None:
    assert _stored_texts("formula_injection.csv", tmp_path) == [
        '=HYPERLINK("http://evil.example","klik")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)",
    ]


def test_html_and_script_text_is_stored_unchanged(tmp_path: Path) -> None:
    assert _stored_texts("html_script.csv", tmp_path) == [
        '<script>alert("x")</script> Polisi', "<b>tebal</b> &amp; <img src=x onerror=alert(1)>",
    ]


def test_emoji_and_right_to_left_text_survive(tmp_path: Path) -> None:
    texts = _stored_texts("emoji_rtl.csv", tmp_path)
    assert texts[0] == "Mantap pak 👮‍♀️🇮🇩🔥" and texts[1] == "السلام عليكم يا شرطة"


def test_mixed_encodings_read_each_part_right(tmp_path: Path) -> None:
    assert _stored_texts("mixed_encodings.csv", tmp_path) == [
        "Café di Bandung ramai", "Café “mahal” sekali",
    ]


def test_cp1252_smart_quotes_are_decoded(tmp_path: Path) -> None:
    assert _stored_texts("smart_quotes_cp1252.csv", tmp_path) == [
        "“Razia” di Jalan Dago – katanya ‘rutin’…",
    ]


def test_broken_jsonl_line_is_rejected_with_its_line_number(tmp_path: Path) -> None:
    report = import_file(Store(tmp_path / "x.duckdb"), BAD / "broken_line.jsonl")
    assert [(r.row, r.code) for r in report.rejects] == [(3, "bad_row")]
    assert report.rejects[0].reason.startswith("line 2 is not valid JSON")


def test_unclosed_quote_names_the_row_it_starts_on(tmp_path: Path) -> None:
    report = import_file(Store(tmp_path / "x.duckdb"), BAD / "unclosed_quote.csv")
    assert report.rejects[0].row == 3
    assert "a quote opened in this row is never closed" in report.rejects[0].reason


def test_zip_member_names_cannot_escape_the_unpack_folder(tmp_path: Path) -> None:
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    import_path(Store(work / "x.duckdb"), BAD / "zip_slip.zip")
    assert not (tmp_path / "evil.csv").exists() and not (work.parent / "evil.csv").exists()


def test_a_ten_megabyte_field_is_stored_whole(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.duckdb")
    report = import_file(store, big_field(tmp_path / "big.csv"))
    assert (report.stored, report.rejected) == (1, 0)
    assert store.scalar("SELECT length(text) FROM documents") == 10 * 1024 * 1024


CLI_SAMPLE = ["empty.csv", "binary_junk.csv", "no_text_column.csv", "truncated.json",
              "corrupt.xlsx", "corrupt.zip", "bad_and_good.zip", "unclosed_quote.csv",
              "broken_line.jsonl", "several_sheets_notes_first.xlsx"]


@pytest.mark.parametrize("name", CLI_SAMPLE)
def test_cli_answers_with_a_message_never_a_traceback(name: str, tmp_path: Path) -> None:
    args = ["ingest", str(BAD / name), "--db", str(tmp_path / "p.duckdb"), "--no-score", "--json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (0, 1), result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    if result.exit_code == 1:
        lines = result.output.splitlines()
        first_error = next(i for i, line in enumerate(lines) if line.startswith("Error: "))
        assert all(json.loads(line) for line in lines[:first_error])  # summaries of good files
    assert "Traceback" not in result.output


def test_cli_process_prints_error_line_for_a_broken_file(tmp_path: Path) -> None:
    pantau = Path(sys.executable).parent / "pantau"
    result = subprocess.run(
        [str(pantau), "ingest", str(BAD / "truncated.json"), "--db", str(tmp_path / "p.duckdb"),
         "--no-score", "--json"], capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("Error: 'truncated.json' is not valid JSON at line 1")
    assert "Traceback" not in result.stderr
