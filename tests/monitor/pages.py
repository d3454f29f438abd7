"""Feeds and article pages as Indonesian outlets serve them, for the monitoring tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape

MENU = ("Beranda", "Gaya Hidup", "Otomotif", "Olahraga", "Indeks Berita")
RELATED = ("Baca juga: Harga cabai naik jelang Natal", "Baca juga: Jadwal SIM keliling pekan ini")
FOOTER = "Hak cipta © 2026 Warta Jambi. Redaksi | Pedoman Media Siber | Kontak"


def article_page(title: str, paragraphs: list[str], author: str = "Rina") -> bytes:
    """A news page with a menu, a related-articles box and a footer around the article."""
    menu = "".join(f'<li><a href="/{m.lower()}">{m}</a></li>' for m in MENU)
    related = "".join(f'<li><a href="/r{i}">{escape(r)}</a></li>' for i, r in enumerate(RELATED))
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return f"""<!doctype html><html lang="id"><head><meta charset="utf-8">
<title>{escape(title)} - Warta Jambi</title>
<meta name="author" content="{escape(author)}"></head><body>
<header><nav><ul>{menu}</ul></nav></header>
<main><article><h1>{escape(title)}</h1><p class="byline">Penulis: {escape(author)}</p>
{body}</article>
<aside><h3>Berita terkait</h3><ul>{related}</ul></aside></main>
<footer><p>{FOOTER}</p></footer></body></html>""".encode()


def rss(items: list[dict[str, str]], title: str = "Warta Jambi - Terkini") -> bytes:
    """An RSS 2.0 feed; each item: guid, link, title, description and optionally pubDate."""
    parts = []
    for item in items:
        date = f"<pubDate>{item['pubDate']}</pubDate>" if item.get("pubDate") else ""
        parts.append(f"""<item><title>{escape(item['title'])}</title>
<link>{escape(item['link'])}</link><guid isPermaLink="false">{escape(item['guid'])}</guid>
<description>{escape(item.get('description', ''))}</description>{date}</item>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>
<title>{escape(title)}</title><link>https://warta.example/</link>
<description>Berita terkini</description>{''.join(parts)}</channel></rss>""".encode()


def rfc822(hours_ago: float) -> str:
    return format_datetime(datetime.now(UTC) - timedelta(hours=hours_ago))


STORIES = [
    ("Polda Jambi gelar operasi lilin jelang Natal",
     ["Kepolisian Daerah Jambi menggelar Operasi Lilin 2026 untuk mengamankan perayaan Natal "
      "dan tahun baru di seluruh kabupaten.",
      "Sebanyak 1.200 personel gabungan disiagakan di gereja, terminal dan pusat perbelanjaan."]),
    ("Banjir rendam tiga desa di Muaro Jambi",
     ["Hujan deras sejak Sabtu malam membuat Sungai Batanghari meluap dan merendam tiga desa.",
      "BPBD mengevakuasi 300 warga ke posko pengungsian di balai desa."]),
    ("Satlantas tertibkan parkir liar di Jalan Sudirman",
     ["Satuan Lalu Lintas Polresta Jambi menertibkan parkir liar yang membuat macet.",
      "Petugas memberi teguran kepada puluhan pengendara dan memasang rambu baru."]),
    ("Harga beras stabil di pasar Angso Duo",
     ["Pedagang di Pasar Angso Duo menyebut harga beras medium bertahan di Rp13.000.",
      "Dinas Perdagangan memastikan stok cukup sampai akhir tahun."]),
    ("Mahasiswa Jambi juara lomba robotik nasional",
     ["Tim mahasiswa Universitas Jambi meraih juara pertama lomba robotik tingkat nasional.",
      "Robot buatan mereka mampu memilah sampah plastik secara otomatis."]),
]
