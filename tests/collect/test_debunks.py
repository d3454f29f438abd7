"""Fact-checkers' feed items and pages turned into claim rows."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from analysis.collect.debunks import claim_reviews, debunk_from_item, normal_status, sections
from analysis.collect.feeds import FeedItem, parse_feed
from analysis.vocabulary import CLAIM_COLUMNS

SOURCE = "TurnBackHoax (feed)"
BODY = """<p>=====</p>
<p>[KATEGORI]: Konten yang Menyesatkan</p>
<p>=====</p>
<p>[NARASI]: “Polisi akan menilang pengendara yang memakai sandal mulai 1 Januari 2027.”</p>
<p>=====</p>
<p>[PENJELASAN]: Beredar video yang menyebut polisi akan menilang pengendara bersandal.
Korlantas Polri memastikan tidak ada aturan baru tersebut.</p>
<p>=====</p>
<p>[KESIMPULAN]: Tidak ada aturan tilang bagi pengendara bersandal. Video itu menyesatkan.</p>
<p>[REFERENSI]: https://korlantas.polri.go.id/berita/1</p>"""
FEED = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>TURNBACKHOAX</title><link>https://turnbackhoax.id</link>
<item><title>[SALAH] Video Polisi Tilang Pengendara Bersandal Mulai 2027</title>
<link>https://turnbackhoax.id/2026/12/06/salah-video-polisi-tilang/</link>
<guid isPermaLink="false">https://turnbackhoax.id/?p=101</guid>
<pubDate>Sun, 06 Dec 2026 20:00:00 +0000</pubDate>
<content:encoded><![CDATA[{BODY}]]></content:encoded></item>
<item><title>Mafindo Gelar Pelatihan Cek Fakta di Jambi</title>
<link>https://turnbackhoax.id/2026/12/05/pelatihan/</link>
<description>Pelatihan untuk guru.</description></item>
<item><title>[KLARIFIKASI] Jadwal Vaksin</title><link>https://turnbackhoax.id/k/</link>
<description>Penjelasan jadwal.</description></item>
</channel></rss>""".encode()


def test_a_turnbackhoax_item_becomes_a_claim_row() -> None:
    debunk, news, clarification = parse_feed(FEED, "https://turnbackhoax.id/feed").items
    row = debunk_from_item(debunk, None, SOURCE)
    assert row is not None and list(row) == CLAIM_COLUMNS
    assert row["status"] == "Salah"
    assert row["title"] == "Video Polisi Tilang Pengendara Bersandal Mulai 2027"
    assert row["content"].startswith("“Polisi akan menilang pengendara")
    assert "Korlantas Polri memastikan" in row["fact"] and "KESIMPULAN" not in row["fact"]
    assert row["conclusion"].startswith("Tidak ada aturan tilang")
    assert row["url"] == "https://turnbackhoax.id/2026/12/06/salah-video-polisi-tilang/"
    assert (row["published"], row["source"]) == ("2026-12-07", SOURCE)  # 03:00 in Jakarta
    assert len(row["id"]) == 16 and row == debunk_from_item(debunk, None, SOURCE)
    assert debunk_from_item(news, None, SOURCE) is None
    assert debunk_from_item(clarification, None, SOURCE) is None


def page(*blocks: object) -> str:
    scripts = "".join(f'<script type="application/ld+json">{json.dumps(b)}</script>'
                      for b in blocks)
    return (f"<html><head>{scripts}<script type='application/ld+json'>{{broken</script></head>"
            "<body><article><h1>Cek fakta</h1><p>Narasi: Beredar pesan berantai soal razia "
            "besar-besaran di Jambi malam ini.</p><p>Penjelasan: Polda Jambi membantah adanya "
            "razia tersebut; pesan itu sudah beredar sejak 2019 di kota lain.</p>"
            "</article></body></html>")


REVIEW = {"@type": "ClaimReview", "claimReviewed": "Razia besar-besaran di Jambi malam ini",
          "url": "https://cekfakta.example/razia-jambi",
          "datePublished": "2026-12-01T08:00:00+07:00",
          "reviewRating": {"@type": "Rating", "alternateName": "Hoaks"},
          "author": {"@type": "Organization", "name": "Cek Fakta"}}


@pytest.mark.parametrize("blocks", [
    [REVIEW], [[{"@type": "WebPage"}, REVIEW]],
    [{"@context": "https://schema.org", "@graph": [{"@type": "Organization"}, REVIEW]}],
])
def test_a_claimreview_page_becomes_a_claim_row(blocks: list[object]) -> None:
    item = FeedItem(guid="g", url="https://cekfakta.example/razia-jambi?utm=feed",
                    title="Cek Fakta: razia di Jambi", author=None,
                    published=datetime(2026, 12, 1, 1, 0, tzinfo=UTC), summary="ringkas")
    row = debunk_from_item(item, page(*blocks), "Cek Fakta")
    assert row is not None
    assert (row["title"], row["status"], row["conclusion"]) == (
        "Razia besar-besaran di Jambi malam ini", "Salah", "Hoaks")
    assert (row["url"], row["published"]) == ("https://cekfakta.example/razia-jambi", "2026-12-01")
    assert "Polda Jambi membantah" in row["fact"]
    assert row["content"].startswith("Beredar pesan berantai")
    assert row["source"] == "Cek Fakta"


def test_a_page_without_a_verdict_is_no_debunk() -> None:
    item = FeedItem("g", "https://x.id/a", "Berita biasa", None, None, "isi")
    assert debunk_from_item(item, page({"@type": "NewsArticle"}), "x") is None
    assert claim_reviews("<html><body>tanpa json</body></html>") == []


@pytest.mark.parametrize(("verdict", "status"), [
    ("SALAH", "Salah"), ("Hoaks", "Salah"), ("False", "Salah"),
    ("Konten yang Menyesatkan", "Salah"),
    ("Benar", "Benar"), ("Mostly True", "Benar"), ("Perlu konteks", "Perlu konteks"), ("", None),
])
def test_verdicts_are_normalised_like_the_bank(verdict: str, status: str | None) -> None:
    assert normal_status(verdict) == status


def test_sections_read_headings_alone_on_a_line_too() -> None:
    text = "Narasi\nKlaim soal bansos.\nPenjelasan\nTidak benar.\nKesimpulan:\nHoaks.\nRujukan\nx"
    assert sections(text) == {"narasi": "Klaim soal bansos.", "penjelasan": "Tidak benar.",
                              "kesimpulan": "Hoaks.", "referensi": "x"}
