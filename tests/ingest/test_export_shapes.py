"""Exports in the shapes of common Indonesian tools, imported with no --map and no preset.

Each file is built here (nothing downloaded) in the shape its tool writes: column names, date
style, delimiter, quoting, the mangling a spreadsheet adds. Each must store every row, with its
date right in Asia/Jakarta, the text from the right column, and notes that say what was
recognised by content.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from analysis.errors import MostRowsRejectedError
from analysis.ingest import IngestOptions
from analysis.pipeline import import_file
from analysis.pipeline.imports import ImportReport
from analysis.store import Store

WIB = "Asia/Jakarta"
TEXTS = [
    "Polisi amankan jalannya demo di depan gedung DPR, situasi kondusif",
    "Kapolri resmikan gedung baru Polda Jatim & minta pelayanan ditingkatkan",
    "Hoaks soal penculikan anak di Bekasi, polisi minta warga tidak panik",
    'Warga apresiasi "patroli malam" Polsek Menteng, lingkungan jadi aman',
]


def _csv(header: list[str], rows: list[list[object]], delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _stored(tmp_path: Path, name: str, content: str | bytes,
            options: IngestOptions | None = None) -> tuple[pd.DataFrame, ImportReport]:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    store = Store(tmp_path / "pantau.duckdb")
    report = import_file(store, path, options)
    frame = store.query("SELECT row_number, published_at, text, author, url FROM documents "
                        "ORDER BY row_number")
    frame["local"] = pd.to_datetime(frame["published_at"], utc=True).dt.tz_convert(WIB)
    return frame, report


def _local(frame: pd.DataFrame) -> list[str]:
    return frame["local"].dt.strftime("%Y-%m-%d %H:%M:%S").tolist()


def twint_windows(zone: str = "SE Asia Standard Time", split: bool = True) -> str:
    """twint run on Windows, saved through Excel: semicolons, ids in scientific notation, the
    Windows zone name after every created_at (a user in Perth too); ``split`` keeps twint's
    separate ``date`` and ``time`` columns."""
    header = ["id", "conversation_id", "created_at", "date", "time", "timezone", "user_id",
              "username", "name", "tweet", "replies_count", "retweets_count", "likes_count",
              "link"]  # fmt: skip
    zones = [zone] * 3 + ["W. Australia Standard Time"]
    hours = ["05:18:19", "06:00:00", "23:59:59", "08:18:19"]
    days = ["2022-10-16", "2022-10-16", "2022-10-16", "2022-10-17"]
    rows = [["1,58134E+18", "1,58134E+18", f"{day} {hour} {zone}", day, hour, "+0700",
             f"12345{n}", f"akun_{n}", f"Akun {n}", text, 0, 1, 2,
             f"https://twitter.com/akun_{n}/status/158134{n}"]
            for n, (day, hour, zone, text)
            in enumerate(zip(days, hours, zones, TEXTS, strict=True))]
    if not split:
        header, rows = header[:3] + header[5:], [row[:3] + row[5:] for row in rows]
    return _csv(header, rows, delimiter=";")


@pytest.mark.parametrize("split", [True, False])
def test_twint_on_windows(tmp_path: Path, split: bool) -> None:
    frame, report = _stored(tmp_path, "twint.csv", twint_windows(split=split))
    assert (report.rows_in, report.stored, report.rejected) == (4, 4, 0)
    assert _local(frame) == ["2022-10-16 05:18:19", "2022-10-16 06:00:00",
                             "2022-10-16 23:59:59", "2022-10-17 07:18:19"]
    assert frame.text.tolist() == TEXTS
    assert report.mapping["published_at"] == "created_at"


def test_an_unknown_zone_stops_the_import_with_one_message(tmp_path: Path) -> None:
    content = twint_windows("Planet Mars Standard Time", split=False)
    with pytest.raises(MostRowsRejectedError) as raised:
        _stored(tmp_path, "twint.csv", content)
    message = str(raised.value)
    assert message.startswith("Column 'created_at' holds '2022-10-16 05:18:19 Planet Mars "
                              "Standard Time': 3 of the first 4 rows of 'twint.csv' would be "
                              "rejected the same way")
    assert "--map published_at=COLUMN" in message
    store = Store(tmp_path / "pantau.duckdb")
    assert store.query("SELECT count(*) AS n FROM documents")["n"].item() == 0


def test_snscrape_jsonl(tmp_path: Path) -> None:
    lines = [json.dumps({"url": f"https://twitter.com/u{n}/status/99{n}",
                         "date": f"2022-10-16T0{n}:18:19+00:00", "rawContent": text,
                         "id": 990 + n, "user": {"username": f"u{n}", "id": n},
                         "replyCount": 0, "retweetCount": 1, "likeCount": 2, "lang": "in"})
             for n, text in enumerate(TEXTS)]  # fmt: skip
    frame, report = _stored(tmp_path, "snscrape.jsonl", "\n".join(lines) + "\n")
    assert report.stored == 4
    assert _local(frame) == [f"2022-10-16 {7 + n:02d}:18:19" for n in range(4)]
    assert frame.text.tolist() == TEXTS


TWEET_HARVEST = ["conversation_id_str", "created_at", "favorite_count", "full_text", "id_str",
                 "image_url", "in_reply_to_screen_name", "lang", "location", "quote_count",
                 "reply_count", "retweet_count", "tweet_url", "user_id_str", "username"]


def _harvest_rows() -> list[list[object]]:
    return [[f"17{n}", f"Sun Oct 16 0{n}:18:19 +0000 2022", n, text, f"17{n}", "", "", "in",
             "Jakarta, Indonesia", 0, 0, 0, f"https://x.com/user{n}/status/17{n}", f"55{n}",
             f"user{n}"] for n, text in enumerate(TEXTS)]


def test_tweet_harvest(tmp_path: Path) -> None:
    frame, report = _stored(tmp_path, "harvest.csv", _csv(TWEET_HARVEST, _harvest_rows()))
    assert report.stored == 4
    assert _local(frame) == [f"2022-10-16 {7 + n:02d}:18:19" for n in range(4)]


def test_merged_tweet_harvest_with_rows_wrapped_in_quotes(tmp_path: Path) -> None:
    """Merged exports wrap each whole row in one pair of quotes (inner quotes doubled)."""
    lines = [",".join(TWEET_HARVEST)]
    for row in _harvest_rows():
        inner = io.StringIO()
        csv.writer(inner, lineterminator="").writerow(row)
        lines.append('"' + inner.getvalue().replace('"', '""') + '"')
    frame, report = _stored(tmp_path, "merged.csv", "\n".join(lines) + "\n")
    assert (report.stored, report.rejected) == (4, 0)
    assert frame.text.tolist() == TEXTS  # "&" and quotes intact, nothing cut
    assert frame.author.tolist() == [f"user{n}" for n in range(4)]
    assert frame.url.tolist() == [f"https://x.com/user{n}/status/17{n}" for n in range(4)]
    assert any("wrapped whole in one pair of quotes" in note for note in report.notes)


def test_apify_instagram_comments_json(tmp_path: Path) -> None:
    items = [{"id": f"1800{n}", "text": text, "ownerUsername": f"ig_user{n}",
              "timestamp": f"2024-03-0{n + 1}T03:00:00.000Z", "likesCount": n,
              "postUrl": "https://www.instagram.com/p/C3xyz/"}
             for n, text in enumerate(TEXTS)]  # fmt: skip
    frame, report = _stored(tmp_path, "apify.json", json.dumps(items))
    assert report.stored == 4
    assert _local(frame) == [f"2024-03-0{n + 1} 10:00:00" for n in range(4)]
    assert frame.author.tolist() == [f"ig_user{n}" for n in range(4)]


def test_apify_tiktok_comments_by_content(tmp_path: Path) -> None:
    items = [{"cid": f"73{n}", "text": text, "createTime": 1709262000 + 3600 * n,
              "createTimeISO": f"2024-03-01T0{3 + n}:00:00.000Z", "uniqueId": f"tt.user{n}",
              "diggCount": n, "videoWebUrl": "https://www.tiktok.com/@polri/video/1"}
             for n, text in enumerate(TEXTS)]  # fmt: skip
    frame, report = _stored(tmp_path, "tiktok.json", json.dumps(items))
    assert report.stored == 4
    assert _local(frame) == [f"2024-03-01 {10 + n}:00:00" for n in range(4)]


def test_phantombuster_comments_dated_by_comment_not_by_export(tmp_path: Path) -> None:
    header = ["postUrl", "profileLink", "fullName", "comment", "commentDate", "likesCount",
              "timestamp"]
    rows = [["https://www.instagram.com/p/C3xyz/", f"https://www.instagram.com/p{n}/",
             f"Budi Santoso {chr(65 + n)}", text, f"2024-03-0{n + 1}T03:00:00.000Z", n,
             "2024-03-10T08:00:00.000Z"] for n, text in enumerate(TEXTS * 2)]
    frame, report = _stored(tmp_path, "phantom.csv", _csv(header, rows))
    assert report.stored == 8
    assert _local(frame) == [f"2024-03-0{n + 1} 10:00:00" for n in range(8)]
    assert report.mapping["published_at"] == "commentDate"


def test_crowdtangle_facebook_csv(tmp_path: Path) -> None:
    header = ["Page Name", "User Name", "Facebook Id", "Page Category", "Page Created",
              "Likes at Posting", "Post Created", "Post Created Date", "Post Created Time",
              "Type", "Likes", "Comments", "Shares", "URL", "Message", "Link", "Link Text"]
    rows = [["Humas Polri", "humaspolri", "1001", "GOVERNMENT_ORGANIZATION",
             "2015-05-01 08:00:00 EST", 100, f"2021-03-0{n + 1} 10:00:00 EST",
             f"2021-03-0{n + 1}", "10:00:00", "Photo", n, 1, 2,
             f"https://www.facebook.com/humaspolri/posts/{n}", text,
             f"https://news.example.id/{n}", f"Judul berita tautan nomor {n} yang dibagikan"]
            for n, text in enumerate(TEXTS)]
    frame, report = _stored(tmp_path, "crowdtangle.csv", _csv(header, rows))
    assert report.stored == 4
    assert _local(frame) == [f"2021-03-0{n + 1} 22:00:00" for n in range(4)]
    assert frame.text.tolist() == TEXTS  # the shared link's headline is no title
    assert report.mapping["published_at"] == "Post Created"


def test_instagram_scraper_with_epoch_seconds(tmp_path: Path) -> None:
    header = ["comment_id", "post_shortcode", "username", "comment_text", "created_at_utc",
              "like_count"]
    rows = [[f"1790000000000000{n}", "C3xyz", f"ig{n}", text, 1665897499 + 60 * n, n]
            for n, text in enumerate(TEXTS)]
    frame, report = _stored(tmp_path, "ig.csv", _csv(header, rows))
    assert report.stored == 4
    assert _local(frame) == [f"2022-10-16 12:{18 + n}:19" for n in range(4)]
    assert frame.text.tolist() == TEXTS


def test_tiktok_scraper_with_epoch_milliseconds(tmp_path: Path) -> None:
    header = ["komentar_id", "isi_komentar", "waktu_ms", "nama_pengguna"]
    rows = [[f"c{n}", text, 1665897499000 + 1000 * n, f"@tt_{n}"] for n, text in enumerate(TEXTS)]
    frame, report = _stored(tmp_path, "tt.csv", _csv(header, rows))
    assert report.stored == 4
    assert _local(frame) == [f"2022-10-16 12:18:{19 + n}" for n in range(4)]
    assert frame.author.tolist() == [f"@tt_{n}" for n in range(4)]


def test_indonesian_news_scraper(tmp_path: Path) -> None:
    header = ["judul", "isi", "tanggal", "penulis", "sumber", "kategori"]
    dates = ["Minggu, 16 Oktober 2022 05:18 WIB", "Senin, 17 Okt 2022 08.30 malam",
             "18 Oktober 2022 10.00 WITA", "Rabu, 19/10/2022 13:05 WIT"]
    rows = [[f"Judul berita {n}", text, day, f"Reporter Nama {chr(65 + n)}", "detik.com",
             "Hukum"] for n, (text, day) in enumerate(zip(TEXTS, dates, strict=True))]
    frame, report = _stored(tmp_path, "berita.csv", _csv(header, rows))
    assert report.stored == 4
    assert _local(frame) == ["2022-10-16 05:18:00", "2022-10-17 20:30:00",
                             "2022-10-18 09:00:00", "2022-10-19 11:05:00"]
    assert frame.author.tolist() == [f"Reporter Nama {chr(65 + n)}" for n in range(4)]


def test_news_from_six_outlets_with_an_unknown_date_name(tmp_path: Path) -> None:
    """The issue's scrape: ``tanggal_publikasi`` and ``isi_berita``, each outlet its style."""
    header = ["sumber", "url", "judul", "author", "isi_berita", "tanggal_publikasi"]
    dates = ["2022-10-16 12:18:19", "16 Oktober 2022 12:18", "Minggu, 16 Okt 2022 12:18 WIB",
             "2022-10-16T05:18:19+00:00", "16/10/2022 12:18", "Oct 16, 2022 12:18 PM"]
    outlets = ["detik.com", "kompas.com", "tempo.co", "cnnindonesia.com", "tribunnews.com",
               "antaranews.com"]
    rows = [[outlet, f"https://www.{outlet}/berita/{n}", f"Judul berita nomor {n} hari ini",
             f"Penulis {n}", TEXTS[n % 4] + " " + "Isi berita lengkap. " * 5, day]
            for n, (outlet, day) in enumerate(zip(outlets, dates, strict=True))]
    frame, report = _stored(tmp_path, "six.csv", _csv(header, rows))
    assert (report.stored, report.rejected) == (6, 0)
    assert [t[:16] for t in _local(frame)] == ["2022-10-16 12:18"] * 6
    assert all(text.startswith("Judul berita nomor") for text in frame.text)
    assert any(note.startswith("'tanggal_publikasi': 100 % of the first 6 values are dates")
               for note in report.notes)


def _merged_header_workbook() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Laporan Monitoring Media Sosial Oktober 2022"])
    sheet.merge_cells("A1:E1")
    sheet.append([])
    sheet.append(["Akun", None, "Konten", None, None])
    sheet.merge_cells("A3:B3")
    sheet.merge_cells("C3:E3")
    sheet.append(["username", "nama", "isi", "tanggal", "link"])
    for n, text in enumerate(TEXTS):
        sheet.append([f"@akun{n}", f"Nama {n}", text, datetime(2022, 10, 16 + n, 5, 18, 19),
                      f"https://x.com/akun{n}/status/{n}"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_excel_with_merged_header_rows(tmp_path: Path) -> None:
    frame, report = _stored(tmp_path, "laporan.xlsx", _merged_header_workbook())
    assert report.stored == 4
    assert _local(frame) == [f"2022-10-{16 + n} 05:18:19" for n in range(4)]
    assert frame.row_number.tolist() == [5, 6, 7, 8]
    assert any("the header is the row under them" in note for note in report.notes)


def test_google_sheets_download_month_first(tmp_path: Path) -> None:
    header = ["Waktu Posting", "Nama Akun", "Isi Komentar", "Tautan"]
    rows = [[f"10/{16 + n}/2022 {5 + n}:18:19", f"akun_{n}", text, f"https://x.com/s/{n}"]
            for n, text in enumerate(TEXTS)]
    frame, report = _stored(tmp_path, "Sheet1.csv", _csv(header, rows))
    assert report.stored == 4
    assert _local(frame) == [f"2022-10-{16 + n} {5 + n:02d}:18:19" for n in range(4)]
    assert frame.author.tolist() == [f"akun_{n}" for n in range(4)]
    assert frame.url.tolist() == [f"https://x.com/s/{n}" for n in range(4)]


def test_spreadsheet_with_excel_serial_dates(tmp_path: Path) -> None:
    header = ["Tanggal Unggah", "Isi Komentar", "Akun"]
    rows = [[f"{44850 + n}.2210532407", text, f"@a{n}"] for n, text in enumerate(TEXTS)]
    frame, report = _stored(tmp_path, "serial.csv", _csv(header, rows))
    assert report.stored == 4
    assert _local(frame) == [f"2022-10-{16 + n} 05:18:19" for n in range(4)]


def test_a_mostly_rejected_file_imports_on_request(tmp_path: Path) -> None:
    content = twint_windows("Planet Mars Standard Time", split=False)
    frame, report = _stored(tmp_path, "twint.csv", content, IngestOptions(allow_rejects=True))
    assert (report.stored, report.rejected) == (1, 3)
    assert _local(frame) == ["2022-10-17 07:18:19"]
