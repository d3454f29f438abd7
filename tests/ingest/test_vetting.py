"""Columns guessed from the header are checked on the first rows: an id column that does not name
each row is not trusted (no row is lost as a "duplicate"), and a title shared by different texts
is not joined to them."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from analysis.ingest import IngestOptions, open_export, preview
from analysis.pipeline import import_file
from analysis.store import Store

TWEETS = (
    "conversation_id_str,created_at,favorite_count,full_text,id_str,tweet_url,username\n"
    "1.94212E+18,Wed Jul 09 03:12:45 +0000 2025,3,Polri tegas,1.94212E+18,"
    "https://x.com/budi/status/1942123456789012345,budi\n"
    "1.94212E+18,Wed Jul 09 04:12:45 +0000 2025,0,@budi hoaks,1.94212E+18,"
    "https://x.com/ani/status/1942123456789012399,ani\n"
    "1.94212E+18,Wed Jul 09 05:12:45 +0000 2025,0,Setuju,1.94213E+18,"
    "https://x.com/rudi/status/1942133456789012399,rudi\n"
)


def write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize("fast", [True, False])
def test_ids_a_spreadsheet_wrote_in_scientific_notation_lose_no_tweet(
    store: Store, tmp_path: Path, fast: bool
) -> None:
    path = write(tmp_path, "tweets.csv", TWEETS)
    report = import_file(store, path, IngestOptions(fast=fast))
    assert (report.rows_in, report.stored, report.duplicates) == (3, 3, 0)
    assert "id" not in report.mapping
    [note] = report.notes
    assert "'id_str'" in note and "scientific notation ('1.94212E+18' on row 2)" in note
    assert import_file(store, path, IngestOptions(fast=fast)).stored == 0  # still idempotent


def test_comments_sharing_their_posts_id_are_each_kept_under_that_post(
    store: Store, tmp_path: Path
) -> None:
    path = write(tmp_path, "fb_comments.csv",
                 "post_id,username,text,timestamp\n9876,budi,Setuju pak,2025-07-08 10:00\n"
                 "9876,ani,Hoaks itu,2025-07-08 10:05\n9876,rudi,Mantap,2025-07-08 10:07\n")
    report = import_file(store, path)
    assert (report.stored, report.duplicates) == (3, 0)
    assert report.mapping["parent_id"] == "post_id" and "id" not in report.mapping
    assert "rows 2 and 3 both have '9876'" in report.notes[0]
    kept = store.query("SELECT DISTINCT parent_id, kind FROM documents")
    assert kept.values.tolist() == [["9876", "comment"]]


def test_row_numbers_are_not_taken_for_ids_across_exports(store: Store, tmp_path: Path) -> None:
    first = write(tmp_path, "a.csv", "id,text,author,date\n1,Polisi sigap,budi,2025-07-08 10:00\n"
                                     "2,Demo damai,ani,2025-07-08 11:00\n")  # fmt: skip
    second = write(tmp_path, "b.csv", "id,text,author,date\n1,Kecelakaan tol,rudi,2025-07-15\n"
                                      "2,Hoaks penculikan,sari,2025-07-15\n")  # fmt: skip
    assert import_file(store, first).stored == 2
    report = import_file(store, second)
    assert (report.stored, report.duplicates) == (2, 0)
    assert "counts the rows (1, 2, …)" in report.notes[0]


def test_real_ids_still_make_a_reexport_a_duplicate(store: Store, tmp_path: Path) -> None:
    header = "id,text,author,date\n"
    rows = ("1942123456789012345,Polisi sigap,budi,2025-07-08 10:00\n"
            "1942123456789012399,Demo damai,ani,2025-07-08 11:00\n"
            "1942123456789012399,Demo damai,ani,2025-07-08 11:00\n")  # fmt: skip
    first = import_file(store, write(tmp_path, "a.csv", header + rows))
    assert (first.stored, first.duplicates, first.notes) == (2, 1, [])
    # the same posts, re-exported with an edited text and a later crawl time: ids decide
    edited = rows.replace("Demo damai", "Demo damai (diedit)").replace("10:00", "10:30")
    again = import_file(store, write(tmp_path, "b.csv", header + edited))
    assert (again.stored, again.duplicates) == (0, 3)


def test_an_id_the_analyst_maps_is_kept_as_given(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", "id,text,author,date\n1,Polisi sigap,budi,2025-07-08\n"
                                    "2,Demo damai,ani,2025-07-08\n")  # fmt: skip
    report = import_file(store, path, IngestOptions(mapping={"id": "id"}))
    assert report.mapping["id"] == "id" and report.notes == []


def test_a_workbook_that_rounded_its_numeric_ids_says_so(store: Store, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id_str", "full_text", "username", "created_at"])
    sheet.append([1942123456789012345, "Polri tegas", "budi", "2025-07-09 10:00"])
    sheet.append([1942123456789012399, "@budi hoaks", "ani", "2025-07-09 11:00"])
    path = tmp_path / "tweets.xlsx"
    book.save(path)
    report = import_file(store, path)
    assert (report.stored, report.duplicates) == (2, 0)
    assert "holds the ids as numbers, which keep only 15 significant digits" in report.notes[0]


def test_the_preview_shows_the_note_and_no_id_to_map(tmp_path: Path) -> None:
    path = write(tmp_path, "tweets.csv", TWEETS)
    info, _ = preview(path)
    assert "id" not in info.mapping and "scientific notation" in info.notes[0]
    assert open_export(path).info.notes == info.notes


COMMENTS = (
    '[{"comment": "Mantap pak polisi", "cid": "Ugz1", "author": "@budi", "videoId": "abc", '
    '"title": "Polisi tangkap pelaku pembunuhan", "publishedAt": "2025-07-08T10:00:00Z"}, '
    '{"comment": "Hoaks ini", "cid": "Ugz2", "author": "@ani", "videoId": "abc", '
    '"title": "Polisi tangkap pelaku pembunuhan", "publishedAt": "2025-07-08T11:00:00Z"}]'
)


def test_a_videos_title_is_not_glued_to_each_comment(store: Store, tmp_path: Path) -> None:
    report = import_file(store, write(tmp_path, "komentar.json", COMMENTS))
    assert "title" not in report.mapping and report.stored == 2
    assert "Column 'title' is not joined to the texts" in report.notes[0]
    assert "rows 2 and 3 have the same one over different texts" in report.notes[0]
    stored = store.query("SELECT text, kind, extra FROM documents ORDER BY text")
    assert stored["text"].tolist() == ["Hoaks ini", "Mantap pak polisi"]
    assert set(stored["kind"]) == {"comment"}
    assert all("Polisi tangkap pelaku pembunuhan" in extra for extra in stored["extra"])


def test_news_titles_are_still_joined_to_their_articles(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "berita.csv",
                 "judul,isi,tanggal,url\n"
                 "Polda gelar razia,Razia digelar di tiga titik.,2025-07-08,https://a.id/1\n"
                 "Jalan tol ditutup,Tol ditutup sementara.,2025-07-08,https://a.id/2\n"
                 "Jalan tol ditutup,Tol ditutup sementara.,2025-07-08,https://a.id/2\n"
                 # a recurring headline over another day's story, and a title-only item
                 "Jalan tol ditutup,Tol dibuka lagi.,2025-07-09,https://a.id/3\n"
                 "Kapolda lantik pejabat,,2025-07-09,https://a.id/4\n")
    report = import_file(store, path)
    assert report.notes == [] and report.mapping["title"] == "judul"
    assert (report.stored, report.duplicates, report.rejected) == (4, 1, 0)
    texts = store.query("SELECT text FROM documents ORDER BY text")["text"].tolist()
    assert texts == ["Jalan tol ditutup\n\nTol dibuka lagi.",
                     "Jalan tol ditutup\n\nTol ditutup sementara.", "Kapolda lantik pejabat",
                     "Polda gelar razia\n\nRazia digelar di tiga titik."]


def test_a_title_the_analyst_maps_is_joined_as_asked(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "komentar.json", COMMENTS)
    report = import_file(store, path, IngestOptions(mapping={"title": "title"}))
    assert report.notes == []
    assert store.scalar("SELECT min(text) FROM documents").startswith("Polisi tangkap")


@pytest.mark.parametrize("ids", [("1", "2"), ("1.23457E+15", "1.23457E+15")])
def test_page_posts_with_a_mangled_post_id_stay_posts(
    store: Store, tmp_path: Path, ids: tuple[str, str]
) -> None:
    path = write(tmp_path, "fb_posts.csv",
                 "post_id,post_text,time,username\n"
                 f"{ids[0]},Selamat pagi warga Bandung,2025-07-08 07:00,Humas Polda\n"
                 f"{ids[1]},Waspada hoaks bansos,2025-07-08 09:00,Humas Polda\n")
    report = import_file(store, path)
    assert "parent_id" not in report.mapping and "kept with the row's other columns" in (
        report.notes[0])
    kinds = store.query("SELECT DISTINCT kind, parent_id FROM documents").values.tolist()
    assert kinds == [["post", None]]


def test_excel_rounded_ids_in_a_csv_are_explained(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "tweets.csv", "id_str,full_text,username,created_at\n"
                 "1942120000000000000,Polri tegas,budi,2025-07-09 10:00\n"
                 "1942120000000000000,@budi hoaks,ani,2025-07-09 11:00\n")
    report = import_file(store, path)
    assert report.stored == 2
    assert "a spreadsheet saved the ids as numbers, which keep only 15 significant digits" in (
        report.notes[0])
