"""Exports of the filtered posts: columns, labels, formula injection, pseudonyms, row cap."""

from __future__ import annotations

import csv
import io
import stat
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from analysis.errors import ConfigError
from analysis.reports.exports import (
    Pseudonymiser,
    export_table,
    file_stem,
    neutralise,
    to_csv,
    to_xlsx,
)
from analysis.store import Store
from analysis.store.corrections import add_correction
from analysis.store.reviews import set_status
from analysis.store.trends import Filters
from tests.dashboard_fixtures import CLAIMS, DOCS, EXPECTED, build_store

AUTHORS = {doc[0]: doc[3] for doc in DOCS}
INJECTIONS = {"t1": "=HYPERLINK(\"http://evil.example\",\"klik\")", "t3": "+62 812 cek",
              "t4": "-1+1 pelayanan", "i1": "@SUM(1+1)*cmd", "i3": "\tTAB=1+1",
              "y1": "\r=1+1"}


@pytest.fixture
def fixture_store(tmp_path: Path) -> Store:
    return build_store(tmp_path / "pantau.duckdb")


def _csv_rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "a BOM, so Excel reads UTF-8"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _xlsx_rows(data: bytes) -> list[tuple[object, ...]]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    return list(sheet.iter_rows(values_only=True))


def test_export_holds_every_filtered_post_newest_first_with_its_labels(
        fixture_store: Store) -> None:
    add_correction(fixture_store, "t3", "sentiment", "negative", "Ani")
    set_status(fixture_store, "doc", "t2", "diverifikasi", "Ani")
    export = export_table(fixture_store, Filters())
    rows = _csv_rows(to_csv(export))
    assert len(rows) == EXPECTED["volume"] and export.total == EXPECTED["volume"]
    assert not export.capped
    assert list(rows[0]) == [
        "id", "waktu_wib", "jenis", "platform", "sumber", "penulis", "teks", "tautan",
        "sentimen_model", "keyakinan_sentimen", "sentimen_koreksi_analis", "skor_hoaks",
        "hoaks_koreksi_analis", "status_hoaks", "klaim_terbantah_diulang", "tautan_klarifikasi",
        "suka", "bagikan", "balasan", "dilihat"]
    times = [row["waktu_wib"] for row in rows]
    assert times == sorted(times, reverse=True)
    by_id = {row["id"]: row for row in rows}
    assert by_id["t2"]["waktu_wib"] == "2025-05-01 12:00", "05:00 UTC is 12:00 WIB"
    assert by_id["t2"]["status_hoaks"] == "diverifikasi"
    assert by_id["t5"]["status_hoaks"] == "baru", "flagged, not yet reviewed"
    assert by_id["t1"]["status_hoaks"] == "", "not flagged: no workflow status"
    assert by_id["t3"]["sentimen_model"] == "netral"
    assert by_id["t3"]["sentimen_koreksi_analis"] == "negatif"
    assert by_id["t2"]["skor_hoaks"] == "0.92" and by_id["t2"]["keyakinan_sentimen"] == "0.8"
    assert by_id["y1"]["sentimen_model"] == "" and by_id["y1"]["skor_hoaks"] == ""
    assert by_id["t2"]["penulis"] == "akun_b"
    assert by_id["i2"]["klaim_terbantah_diulang"] == CLAIMS["c1"]["title"]  # a "mirip" match
    assert by_id["i2"]["tautan_klarifikasi"] == CLAIMS["c1"]["url"]
    assert by_id["t1"]["klaim_terbantah_diulang"] == "" and by_id["t1"]["tautan_klarifikasi"] == ""


def test_english_export_and_filters(fixture_store: Store) -> None:
    export = export_table(fixture_store, Filters(platforms=("twitter",)), lang="en")
    rows = _csv_rows(to_csv(export))
    assert len(rows) == EXPECTED["twitter_volume"]
    assert {row["platform"] for row in rows} == {"twitter"}
    assert "time_wib" in rows[0] and "model_sentiment" in rows[0]
    assert {row["model_sentiment"] for row in rows} == {"positive", "negative", "neutral"}
    one_day = export_table(fixture_store, Filters(start=date(2025, 5, 1), end=date(2025, 5, 1)))
    assert one_day.total == 3


def test_xlsx_has_the_same_rows_with_real_dates(fixture_store: Store) -> None:
    export = export_table(fixture_store, Filters())
    header, *rows = _xlsx_rows(to_xlsx(export))
    assert list(header) == list(export.frame.columns)
    assert len(rows) == EXPECTED["volume"]
    first = dict(zip(header, rows[0], strict=True))
    assert first["waktu_wib"].strftime("%Y-%m-%d %H:%M") == "2025-05-05 19:00"
    assert first["sentimen_model"] is None


def _inject(store: Store) -> None:
    with store.connect() as con:
        for doc_id, text in INJECTIONS.items():
            con.execute("UPDATE documents SET text = ? WHERE id = ?", [text, doc_id])
        con.execute("UPDATE documents SET author = '=cmd|''/C calc''!A0' WHERE id = 't2'")


def test_formula_cells_are_neutralised_in_csv_and_xlsx(fixture_store: Store) -> None:
    _inject(fixture_store)
    export = export_table(fixture_store, Filters())
    rows = {row["id"]: row for row in _csv_rows(to_csv(export))}
    for doc_id, text in INJECTIONS.items():
        assert rows[doc_id]["teks"] == "'" + text, doc_id
    assert rows["t2"]["penulis"] == "'=cmd|'/C calc'!A0"
    assert rows["t5"]["teks"].startswith("<script>"), "ordinary text is left alone"
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(export)))
    cells = [cell for row in book.active.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"], "no formula cells"
    texts = {row[0]: row[6] for row in book.active.iter_rows(values_only=True)}
    for doc_id, text in INJECTIONS.items():
        # a stored carriage return reads back as itself or as a line feed, by XML parser
        assert texts[doc_id] in ("'" + text, "'" + text.replace("\r", "\n")), doc_id


@pytest.mark.parametrize(("value", "shown"), [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@A1", "'@A1"), ("\tx", "'\tx"),
    ("\rx", "'\rx"), ("a=1", "a=1"), (" =1", " =1"), (-1.5, -1.5), (None, None)])
def test_neutralise_follows_owasp(value: object, shown: object) -> None:
    assert neutralise(value) == shown


def test_xlsx_drops_control_characters_it_cannot_hold(fixture_store: Store) -> None:
    with fixture_store.connect() as con:
        con.execute("UPDATE documents SET text = 'a\x01b\x0c=c' WHERE id = 't1'")
    export = export_table(fixture_store, Filters())
    texts = {row[0]: row[6] for row in _xlsx_rows(to_xlsx(export))}
    assert texts["t1"] == "ab=c"


def test_pseudonyms_are_stable_keyed_and_hide_the_names(fixture_store: Store,
                                                        tmp_path: Path) -> None:
    key_file = tmp_path / "secret.key"
    with fixture_store.connect() as con:
        con.execute("UPDATE documents SET text = 'cc @Warga_A dan @akun_b, mail x@y.id' "
                    "WHERE id = 't3'")
        con.execute("UPDATE documents SET source = 'akun_b' WHERE id = 't2'")
    first = export_table(fixture_store, Filters(), pseudonymiser=Pseudonymiser.from_file(key_file))
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    again = export_table(fixture_store, Filters(platforms=("twitter",)),
                         pseudonymiser=Pseudonymiser.from_file(key_file))
    data = to_csv(first) + to_xlsx(first)
    for name in AUTHORS.values():
        assert name.encode() not in data, name
    rows = {row["id"]: row for row in _csv_rows(to_csv(first))}
    assert "tautan" not in rows["t1"], "links carry account names"
    assert all(row["penulis"].startswith("akun-") and len(row["penulis"]) == 15
               for row in rows.values())
    assert len({row["penulis"] for row in rows.values()}) == len(AUTHORS)
    later = {row["id"]: row["penulis"] for row in _csv_rows(to_csv(again))}
    assert all(later[doc_id] == rows[doc_id]["penulis"] for doc_id in later)
    warga_a, akun_b = rows["t1"]["penulis"], rows["t2"]["penulis"]
    assert rows["t3"]["teks"] == f"cc @{warga_a} dan @{akun_b}, mail x@y.id"
    assert rows["t2"]["sumber"] == akun_b, "a source that is the author's account"
    assert rows["t1"]["sumber"] == "twitter"
    other = Pseudonymiser(b"k" * 32)
    assert other("warga_a") != warga_a and other("@WARGA_A") == other("warga_a")


def test_a_damaged_key_file_is_refused_with_the_fix(tmp_path: Path) -> None:
    bad = tmp_path / "secret.key"
    bad.write_text("not hex\n")
    with pytest.raises(ConfigError, match="delete it"):
        Pseudonymiser.from_file(bad)


def test_the_row_cap_keeps_the_newest_and_says_how_many_there_were(
        fixture_store: Store) -> None:
    export = export_table(fixture_store, Filters(), max_rows=3)
    assert export.capped and export.total == EXPECTED["volume"]
    assert export.frame["id"].tolist() == ["y1", "t5", "i3"]
    assert len(_csv_rows(to_csv(export))) == 3


def test_an_empty_period_gives_headers_only(fixture_store: Store) -> None:
    f = Filters(start=date(2025, 6, 1), end=date(2025, 6, 2))
    export = export_table(fixture_store, f)
    assert export.total == 0 and not export.capped
    assert to_csv(export).decode("utf-8-sig").startswith("id,waktu_wib,")
    assert len(_xlsx_rows(to_xlsx(export))) == 1
    assert file_stem(f) == "pantau-2025-06-01_2025-06-02"
