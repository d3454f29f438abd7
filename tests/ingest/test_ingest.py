"""Ingest: what an analyst sees when they import an export file."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from analysis.errors import IngestError
from analysis.ingest import (
    CANONICAL_COLUMNS,
    Batch,
    IngestOptions,
    Rejection,
    guess_mapping,
    open_export,
    preview,
)
from analysis.store import Store
from analysis.store.trends import Filters

DATA = Path(__file__).parents[1] / "data" / "ingest"
DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"


def read_all(
    path: Path | str, options: IngestOptions | None = None
) -> tuple[pd.DataFrame, list[Rejection], list[Batch]]:
    batches = list(open_export(path, options).batches())
    records = pd.concat([batch.records for batch in batches], ignore_index=True)
    rejects = [reject for batch in batches for reject in batch.rejects]
    return records, rejects, batches


def write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


# --- formats, encodings, delimiters -----------------------------------------------------------


def test_comma_csv_is_read_with_its_header_mapped() -> None:
    export = open_export(DATA / "tweets_comma.csv")
    assert export.info.delimiter == ","
    assert export.info.mapping["text"] == "full_text"
    assert export.info.mapping["published_at"] == "created_at"
    records, rejects, _ = read_all(DATA / "tweets_comma.csv")
    assert len(records) == 3 and rejects == []
    assert list(records.columns) == CANONICAL_COLUMNS
    assert set(records.platform) == {"twitter"} and set(records.kind) == {"post"}


def test_quoted_field_with_embedded_newline_stays_one_row() -> None:
    records, _, _ = read_all(DATA / "tweets_comma.csv")
    assert records.text[0].endswith("turun tangan.\nDi pasar Depok sudah 15 ribu/kg.")
    assert records.row_number.tolist() == [2, 3, 4]
    assert records.text[2] == 'Semoga kebijakan subsidi "tepat sasaran" kali ini 🙏'


def test_counts_are_parsed_and_unreadable_counts_left_empty() -> None:
    records, rejects, _ = read_all(DATA / "tweets_comma.csv")
    assert records.shares.tolist() == [12, 3, 0]
    assert records.likes.tolist()[:2] == [1200, 45]
    assert pd.isna(records.likes[2])  # "n/a" is not a reason to reject the tweet
    assert str(records.likes.dtype) == "Int64" and rejects == []


def test_semicolon_news_export_becomes_articles() -> None:
    records, _, _ = read_all(DATA / "berita_semicolon.csv")
    assert open_export(DATA / "berita_semicolon.csv").info.delimiter == ";"
    assert records.kind.tolist() == ["article", "article"]
    assert records.platform.tolist() == ["news", "news"]
    assert records.text[0].startswith("Pemerintah Umumkan Subsidi Pupuk Baru\n\nKementerian")
    assert records.source.tolist() == [
        "Kompas",
        "detik.com",
    ]  # blank outlet: the url's host
    assert records.published_at[1] == pd.Timestamp("2025-07-08 07:30", tz="UTC")


def test_tab_separated_comments_resolve_relative_dates() -> None:
    records, rejects, _ = read_all(DATA / "komentar_tab.tsv")
    assert open_export(DATA / "komentar_tab.tsv").info.delimiter == "\t"
    assert rejects == []
    assert set(records.kind) == {"comment"} and set(records.platform) == {"youtube"}
    assert records.parent_id.tolist() == ["SzXMacu80o8", "SzXMacu80o8"]
    extracted = pd.Timestamp("2025-05-19 10:05:35", tz="Asia/Jakarta")
    assert records.published_at.tolist() == [
        extracted - pd.Timedelta(hours=2),
        extracted - pd.Timedelta(days=3),
    ]
    assert records.published_approx.tolist() == [True, True]


def test_utf8_bom_is_stripped_from_the_header() -> None:
    export = open_export(DATA / "bom_utf8.csv")
    assert export.info.encoding == "utf-8-sig"
    assert export.info.columns == ["text", "date", "user"]
    records, _, _ = read_all(DATA / "bom_utf8.csv")
    assert records.text[0].startswith("Antrean BBM")


def test_cp1252_file_is_decoded() -> None:
    export = open_export(DATA / "cp1252.csv")
    assert (export.info.encoding, export.info.delimiter) == ("cp1252", ";")
    records, _, _ = read_all(DATA / "cp1252.csv")
    assert records.text[0] == "Café di Bandung itu ramai, tapi pelayanannya ’lumayan’ lambat"
    assert records.published_at[0] == pd.Timestamp("2025-07-08 07:30", tz="UTC")


def test_excel_unicode_text_utf16_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    path.write_text("isi\ttanggal\nMacet parah di Puncak 😩\t8 Juli 2025\n", encoding="utf-16")
    export = open_export(path)
    assert (export.info.encoding, export.info.delimiter) == ("utf-16", "\t")
    records, _, _ = read_all(path)
    assert records.text.tolist() == ["Macet parah di Puncak 😩"]


def _workbook(path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Ringkasan"
    sheet.append(["catatan"])
    data = book.create_sheet("Komentar")
    data.append(["Tanggal", "Isi", "Akun", "Suka", "Skor"])
    data.append(
        [
            datetime(2025, 7, 8, 10, 0),
            "Bansos belum cair di desa kami",
            "warga_garut",
            12,
            0.75,
        ]
    )
    data.append(["9 Juli 2025", "Alhamdulillah sudah cair", "ibu_rt05", 3.0, None])
    book.save(path)
    return path


def test_xlsx_sheet_is_read_with_cells_as_strings(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "komentar.xlsx")
    info, rows = preview(path, IngestOptions(sheet="Komentar"))
    assert (info.format, info.encoding, info.delimiter) == ("xlsx", None, None)
    assert info.sheets == ["Ringkasan", "Komentar"]
    assert rows.to_dict("records")[0] == {
        "Tanggal": "2025-07-08T10:00:00", "Isi": "Bansos belum cair di desa kami",
        "Akun": "warga_garut", "Suka": "12", "Skor": "0.75",
    }  # fmt: skip
    assert rows.Suka[1] == "3"  # an integer stored as float loses its ".0"


def test_xlsx_rows_become_records(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "komentar.xlsx")
    records, rejects, _ = read_all(path, IngestOptions(sheet=1))
    assert rejects == []
    assert records.row_number.tolist() == [2, 3]
    assert records.published_at[0] == pd.Timestamp("2025-07-08 03:00", tz="UTC")
    assert records.likes.tolist() == [12, 3]
    assert json.loads(records.extra[0]) == {"Skor": "0.75"}


def test_xlsx_sheet_position_may_come_as_text(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "komentar.xlsx")
    info, _ = preview(path, IngestOptions(sheet="1"))
    assert info.columns == ["Tanggal", "Isi", "Akun", "Suka", "Skor"]


def test_xlsx_unknown_sheet_lists_the_sheets(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "komentar.xlsx")
    with pytest.raises(IngestError, match="Sheets: Ringkasan, Komentar"):
        open_export(path, IngestOptions(sheet="Data"))


# --- rejections ---------------------------------------------------------------------------------


def test_rows_without_text_or_with_bad_dates_are_rejected_with_row_numbers() -> None:
    records, rejects, _ = read_all(DATA / "rejects.csv")
    assert records.row_number.tolist() == [2, 5]
    assert [(r.row, r.column, r.code) for r in rejects] == [
        (3, "komentar", "empty_text"),
        (4, "tanggal", "bad_date"),
    ]
    assert rejects[1].reason.startswith(
        "date '31/31/2025' in column 'tanggal' is not a date Pantau can read"
    )
    assert rejects[1].raw == {
        "komentar": "Listrik padam tiga jam tanpa pemberitahuan",
        "tanggal": "31/31/2025",
        "nama": "citra",
    }


def test_every_row_is_accepted_or_rejected() -> None:
    records, rejects, batches = read_all(DATA / "rejects.csv", IngestOptions(batch_rows=2))
    assert [batch.rows_in for batch in batches] == [2, 2]
    assert sum(batch.rows_in for batch in batches) == len(records) + len(rejects) == 4


def test_empty_date_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", "isi,tanggal\nHarga telur naik,\n")
    _, rejects, _ = read_all(path)
    assert [(r.row, r.column, r.code) for r in rejects] == [(2, "tanggal", "empty_date")]


def test_relative_date_without_reference_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", "komentar,waktu\nSetuju banget,2 jam yang lalu\n")
    _, rejects, _ = read_all(path)
    assert rejects[0].code == "relative_date_no_reference"
    assert "'2 jam yang lalu'" in rejects[0].reason


def test_reference_time_option_resolves_relative_dates(tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", "komentar,waktu\nSetuju banget,2 jam yang lalu\n")
    reference = datetime(2025, 5, 19, 12, 0, tzinfo=UTC)
    records, rejects, _ = read_all(path, IngestOptions(reference_time=reference))
    assert rejects == []
    assert records.published_at[0] == pd.Timestamp("2025-05-19 10:00", tz="UTC")


def test_row_with_extra_fields_is_a_bad_row(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "x.csv",
        "isi,tanggal\nSatu,8 Juli 2025\nDua,8 Juli 2025,lebih\nTiga,9 Juli 2025\n",
    )
    records, rejects, _ = read_all(path)
    assert records.row_number.tolist() == [2, 4]
    assert [(r.row, r.code) for r in rejects] == [(3, "bad_row")]
    assert rejects[0].raw["field_3"] == "lebih"


def test_short_rows_are_padded_and_blank_rows_skipped(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "x.csv",
        "isi,tanggal,akun\nSatu,8 Juli 2025\n,,\n\nDua,9 Juli 2025,b\n",
    )
    records, rejects, batches = read_all(path)
    assert records.row_number.tolist() == [2, 5]
    assert records.author.isna().tolist() == [True, False]
    assert rejects == [] and sum(b.rows_in for b in batches) == 2


# --- columns and mapping ------------------------------------------------------------------------


def test_unknown_columns_are_kept_in_extra() -> None:
    records, _, _ = read_all(DATA / "tweets_comma.csv")
    extra = json.loads(records.extra[1])
    assert extra == {"tweet_id": "1942790011122233344", "lang": "in"}


def test_mapping_override_replaces_the_guess(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "x.csv",
        "text,clean_text,date\nMantap pak!!! 👍,mantap pak,8 Juli 2025\n",
    )
    records, _, _ = read_all(path, IngestOptions(mapping={"text": "clean_text"}))
    assert records.text[0] == "mantap pak"
    assert json.loads(records.extra[0]) == {"text": "Mantap pak!!! 👍"}


def test_mapping_override_naming_a_missing_column_fails() -> None:
    with pytest.raises(IngestError, match="Column 'pesan' .* is not in 'tweets_comma.csv'"):
        open_export(DATA / "tweets_comma.csv", IngestOptions(mapping={"text": "pesan"}))


def test_missing_text_column_says_how_to_map_it() -> None:
    with pytest.raises(IngestError) as raised:
        open_export(DATA / "no_text.csv")
    assert str(raised.value) == (
        "No text column found in 'no_text.csv'. Columns: a, b, c. "
        "Name the text column with --map text=COLUMN"
    )


def test_missing_date_column_says_how_to_map_it(tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", "isi,akun\nHalo,budi\n")
    with pytest.raises(IngestError, match=r"--map published_at=COLUMN"):
        open_export(path)


def test_guess_prefers_text_over_clean_text_and_maps_each_column_once() -> None:
    mapping = guess_mapping(["clean_text", "Text", "Published At", "user", "username"])
    assert mapping == {
        "text": "Text",
        "published_at": "Published At",
        "author": "username",
    }


def test_post_id_is_the_parent_only_next_to_an_own_id() -> None:
    assert guess_mapping(["comment_id", "post_id"]) == {
        "id": "comment_id",
        "parent_id": "post_id",
    }
    assert guess_mapping(["post_id", "caption"]) == {"text": "caption", "id": "post_id"}


def test_platform_option_overrides_detection() -> None:
    records, _, _ = read_all(DATA / "bom_utf8.csv", IngestOptions(platform="Facebook"))
    assert records.platform.tolist() == ["facebook"]


def test_preview_does_not_require_a_text_column() -> None:
    info, rows = preview(DATA / "no_text.csv")
    assert info.mapping == {}
    assert rows.to_dict("records") == [{"a": "1", "b": "2", "c": "3"}]


# --- whole-file problems ------------------------------------------------------------------------


def test_missing_file_is_an_ingest_error(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="File not found"):
        open_export(tmp_path / "hilang.csv")


def test_zero_byte_file_is_empty(tmp_path: Path) -> None:
    (tmp_path / "kosong.csv").write_bytes(b"")
    with pytest.raises(IngestError, match="file is empty"):
        open_export(tmp_path / "kosong.csv")


def test_header_only_file_has_no_rows(tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", "isi,tanggal\n")
    assert list(open_export(path).batches()) == []


def test_unknown_extension_lists_supported_ones(tmp_path: Path) -> None:
    path = write(tmp_path, "x.pdf", "%PDF-1.4")
    with pytest.raises(IngestError, match=r"Supported: \.csv, \.tsv, \.txt, \.xlsx"):
        open_export(path)


def test_binary_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_bytes(b"isi,tanggal\n\x00\x01\x02")
    with pytest.raises(IngestError, match="NUL bytes"):
        open_export(tmp_path / "x.csv")


def test_cp1252_bytes_after_a_utf8_bom_are_read_as_a_glued_file(tmp_path: Path) -> None:
    # an Excel "CSV UTF-8" export (with its BOM) with a cp1252 export appended
    (tmp_path / "x.csv").write_bytes(b"\xef\xbb\xbfisi,tanggal\nKopi \xe2\x98\x95,8 Juli 2025\n"
                                     b"Caf\xe9 \x93enak\x94,8 Juli 2025\n")  # fmt: skip
    export = open_export(tmp_path / "x.csv")
    assert export.info.encoding == "utf-8+cp1252" and export.info.columns == ["isi", "tanggal"]
    records, rejects, _ = read_all(tmp_path / "x.csv")
    assert records["text"].tolist() == ["Kopi \u2615", "Caf\u00e9 \u201cenak\u201d"]


# --- ids and streaming --------------------------------------------------------------------------


def test_ids_are_stable_across_two_reads() -> None:
    first, _, _ = read_all(DATA / "rejects.csv")
    second, _, _ = read_all(DATA / "rejects.csv", IngestOptions(batch_rows=1))
    assert first.id.tolist() == second.id.tolist()
    assert first.id.is_unique


def test_native_id_gives_the_record_id() -> None:
    import hashlib

    records, _, _ = read_all(DATA / "tweets_comma.csv")
    expected = hashlib.sha1(b"twitter|id|1942787012345678901").hexdigest()
    assert records.id[0] == expected


def test_batches_stream_with_growing_byte_counts() -> None:
    batches = list(open_export(DATA / "tweets_comma.csv", IngestOptions(batch_rows=1)).batches())
    assert [batch.rows_in for batch in batches] == [1, 1, 1]
    progress = [batch.bytes_read for batch in batches]
    assert (
        progress == sorted(progress) and progress[-1] == (DATA / "tweets_comma.csv").stat().st_size
    )


# --- the demo exports ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tweets() -> tuple[pd.DataFrame, list[Rejection], list[Batch]]:
    return read_all(DEMO / "vaccine_tweets_2021.csv")


@pytest.fixture(scope="module")
def comments() -> tuple[pd.DataFrame, list[Rejection], list[Batch]]:
    return read_all(DEMO / "youtube_comments_2025.csv")


def test_demo_tweets_every_row_accounted_for(
    tweets: tuple[pd.DataFrame, list[Rejection], list[Batch]],
) -> None:
    records, rejects, batches = tweets
    assert sum(batch.rows_in for batch in batches) == 3595
    assert (len(records), len(rejects)) == (3594, 1)
    assert [(r.row, r.column, r.code) for r in rejects] == [(3596, "content", "empty_text")]


def test_demo_tweets_are_twitter_posts(
    tweets: tuple[pd.DataFrame, list[Rejection], list[Batch]],
) -> None:
    records = tweets[0]
    assert set(records.platform) == {"twitter"} and set(records.kind) == {"post"}
    assert records.published_at[0] == pd.Timestamp("2021-09-02 01:39:05", tz="UTC")
    assert not records.published_approx.any()
    assert records.id.is_unique


def test_demo_comments_every_row_accounted_for(
    comments: tuple[pd.DataFrame, list[Rejection], list[Batch]],
) -> None:
    records, rejects, batches = comments
    assert sum(batch.rows_in for batch in batches) == 7912
    assert (len(records), len(rejects)) == (7912, 0)
    assert records.id.nunique() == 7781  # the export repeats 131 comments verbatim


def test_demo_comments_are_youtube_comments_on_their_video(
    comments: tuple[pd.DataFrame, list[Rejection], list[Batch]],
) -> None:
    records = comments[0]
    assert set(records.platform) == {"youtube"} and set(records.kind) == {"comment"}
    raw = pd.read_csv(DEMO / "youtube_comments_2025.csv", dtype=str, keep_default_na=False)
    assert records.parent_id.tolist() == raw.video_id.tolist()
    assert records.published_approx.all()


def test_demo_comment_four_weeks_ago_is_four_weeks_before_extraction(
    comments: tuple[pd.DataFrame, list[Rejection], list[Batch]],
) -> None:
    records = comments[0]
    first = records.iloc[0]
    extracted = datetime(2025, 5, 19, 10, 5, 35, tzinfo=ZoneInfo("Asia/Jakarta"))
    assert first.published_at == extracted - timedelta(weeks=4)
    assert first.published_at.date().isoformat() == "2025-04-21"


def test_the_demo_imports_both_exports_once_and_starts_the_watchlist(store: Store) -> None:
    from analysis.insights.entities import DEFAULT_WATCHLIST, entity_summary, list_entities
    from analysis.pipeline.demo import DEMO_TOPICS, load_demo

    reports = load_demo(store)
    assert [r.stored for r in reports] == [3594, 7781]
    watched = sorted(n for n, _ in DEFAULT_WATCHLIST + DEMO_TOPICS)
    assert list(list_entities(store)["name"]) == watched
    assert load_demo(store) == []  # the store holds documents: nothing imported again
    assert len(list_entities(store)) == len(watched)
    counts = entity_summary(store, Filters()).set_index("entity")["n"]
    assert counts["Wapres"] > 500 and counts["Vaksin"] > 1000, counts
