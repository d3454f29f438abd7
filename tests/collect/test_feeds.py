"""Feeds: RSS, Atom and RDF, broken XML, pages that are no feed, dates and duplicates."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from analysis.collect.feeds import parse_feed, plain_text
from analysis.errors import FeedError

URL = "https://contoh.id/feed"


def rss(*items: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            "<title>Berita Jambi</title><link>https://contoh.id/</link>"
            + "".join(items) + "</channel></rss>").encode()


def item(n: int, *, guid: str | None = None, date: str | None = None, link: str | None = None,
         body: str = "Isi berita.") -> str:
    parts = [f"<title>Judul {n}</title>", f"<link>{link or f'https://contoh.id/{n}'}</link>",
             f"<description><![CDATA[<p>{body}</p><p>Paragraf dua &amp; tiga.</p>]]>"
             "</description>", "<author>redaksi@contoh.id (Redaksi)</author>"]
    if guid is not None:
        parts.append(f'<guid isPermaLink="false">{guid}</guid>')
    if date is not None:
        parts.append(f"<pubDate>{date}</pubDate>")
    return "<item>" + "".join(parts) + "</item>"


def test_an_rss_feed_becomes_plain_items() -> None:
    feed = parse_feed(rss(item(1, guid="g1", date="Mon, 07 Dec 2026 08:00:00 +0700")), URL)
    assert (feed.title, feed.link, feed.notes) == ("Berita Jambi", "https://contoh.id/", [])
    [first] = feed.items
    assert (first.guid, first.url, first.title) == ("g1", "https://contoh.id/1", "Judul 1")
    assert first.published == datetime(2026, 12, 7, 1, 0, tzinfo=UTC)
    assert first.summary == "Isi berita.\nParagraf dua & tiga."
    assert first.author and "Redaksi" in first.author


def test_an_atom_and_an_rdf_feed_are_read() -> None:
    atom = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
      <title>Atom Polda</title><link href="https://polda.id/"/>
      <entry><id>tag:polda.id,2026:1</id><title>Rilis</title><link href="https://polda.id/1"/>
      <updated>2026-12-07T03:00:00Z</updated><content type="html">&lt;b&gt;Isi&lt;/b&gt;</content>
      </entry></feed>"""
    [entry] = parse_feed(atom, URL).items
    assert (entry.guid, entry.url, entry.summary) == ("tag:polda.id,2026:1", "https://polda.id/1",
                                                      "Isi")
    assert entry.published == datetime(2026, 12, 7, 3, 0, tzinfo=UTC)
    rdf = b"""<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
      xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://r.id/"><title>RDF</title><link>https://r.id/</link></channel>
      <item rdf:about="https://r.id/1"><title>Satu</title><link>https://r.id/1</link>
      <dc:date>2026-12-07T10:00:00+07:00</dc:date></item></rdf:RDF>"""
    [first] = parse_feed(rdf, URL).items
    assert first.url == "https://r.id/1"
    assert first.published == datetime(2026, 12, 7, 3, 0, tzinfo=UTC)


def test_malformed_xml_keeps_the_items_before_and_says_so() -> None:
    body = rss(item(1, guid="a"), item(2, guid="b"), "<item><title>Rusak & salah</title></item>",
               item(4, guid="d"))
    feed = parse_feed(body, URL)
    assert [i.guid for i in feed.items][:2] == ["a", "b"]
    assert any("malformed" in note and "kept" in note for note in feed.notes)


def test_truncated_xml_keeps_the_items_read() -> None:
    body = rss(item(1, guid="a"), item(2, guid="b"), item(3, guid="c"))
    feed = parse_feed(body[: body.index(b"<item><title>Judul 3") + 25], URL)
    assert [i.guid for i in feed.items][:2] == ["a", "b"]
    assert any("malformed" in note for note in feed.notes)


@pytest.mark.parametrize("body", [
    b"<!DOCTYPE html><html><head><title>Beranda</title></head><body><p>Hai</p></body></html>",
    b"", b"   \n", b"\x00\x01\x02 garbage {}", b'{"items": []}',
])
def test_what_is_not_a_feed_raises_a_clear_error(body: bytes) -> None:
    with pytest.raises(FeedError) as caught:
        parse_feed(body, URL)
    assert caught.value.code == "not_a_feed" and URL in str(caught.value)


def test_an_html_page_is_named_as_such() -> None:
    with pytest.raises(FeedError, match="an HTML page"):
        parse_feed(b"<html><body><p>Beranda</p></body></html>", URL)


def test_items_without_dates_are_kept_with_a_note() -> None:
    feed = parse_feed(rss(item(1, guid="a"), item(2, guid="b"), item(3, guid="c")), URL)
    assert len(feed.items) == 3 and all(i.published is None for i in feed.items)
    assert "3 item(s) have no date Pantau can read" in feed.notes


def test_an_indonesian_date_string_is_read() -> None:
    feed = parse_feed(rss(item(1, guid="a", date="Senin, 7 Desember 2026 10:00 WIB")), URL)
    assert feed.items[0].published == datetime(2026, 12, 7, 3, 0, tzinfo=UTC)


def test_duplicate_guids_and_links_collapse() -> None:
    body = rss(item(1, guid="same"), item(2, guid="same"), item(3, link="https://contoh.id/x"),
               item(4, link="https://contoh.id/x"), item(5, guid="other"))
    feed = parse_feed(body, URL)
    assert [i.guid for i in feed.items] == ["same", "https://contoh.id/x", "other"]
    assert any("2 duplicate item(s)" in note for note in feed.notes)


def test_a_missing_guid_and_link_falls_back_to_a_hash() -> None:
    body = rss("<item><title>Tanpa tautan</title><description>isi</description></item>")
    [only] = parse_feed(body, URL).items
    assert only.url is None and len(only.guid) == 16


def test_an_empty_but_valid_feed_has_a_note() -> None:
    feed = parse_feed(rss(), URL)
    assert feed.items == [] and feed.notes == ["the feed has no items"]


def test_plain_text_drops_scripts_and_keeps_paragraphs() -> None:
    html = "<div><p>Satu&nbsp;dua</p><script>var x=1;</script><p>tiga<br>empat</p></div>"
    assert plain_text(html) == "Satu dua\ntiga\nempat"
