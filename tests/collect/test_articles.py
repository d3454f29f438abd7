"""An article's main text, without the menu, the related lists and the footer around it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from analysis.collect.articles import extract_article

PAGE = (Path(__file__).parent / "pages" / "berita.html").read_text(encoding="utf-8")
URL = "https://jambikini.id/daerah/polda-jambi-amankan-pelaku"


def test_the_article_text_comes_without_menu_sidebar_or_footer() -> None:
    article = extract_article(PAGE, URL)
    assert article is not None
    assert article.title == "Polda Jambi Amankan Pelaku Penipuan Online Bermodus Arisan"
    paragraphs = article.text.split("\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("JAMBI - Direktorat Reserse Kriminal Khusus Polda Jambi")
    assert paragraphs[-1].startswith("Polisi mengimbau masyarakat")
    for noise in ("Beranda", "Olahraga Terkini", "Indeks Berita", "Baca juga", "Harga cabai",
                  "Berita Terkait", "Banjir rendam", "Terpopuler", "Hak cipta",
                  "Pedoman Media Siber", "Kontak Kami"):
        assert noise not in article.text, noise
    assert (article.author, article.site, article.url) == ("Rina Marlina", "Jambi Kini", URL)
    assert article.published == datetime(2026, 12, 5, 2, 30, tzinfo=UTC)


def test_a_page_without_main_text_gives_none() -> None:
    assert extract_article("", URL) is None
    assert extract_article("<html><body><nav><a href='/'>Beranda</a></nav></body></html>",
                           URL) is None
