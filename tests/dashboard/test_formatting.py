"""How values read on a page (dashboard/formatting.py): numbers in the viewer's notation,
safe links, inert user text, one-line excerpts."""

from __future__ import annotations

import pytest

from dashboard import formatting
from dashboard.formatting import escape


@pytest.mark.parametrize(
    ("lang", "whole", "fraction"),
    [
        ("id", "1.234.567", "+0,25"),
        ("en", "1,234,567", "+0.25"),
    ],
)
def test_numbers_follow_the_language(
    monkeypatch: pytest.MonkeyPatch, lang: str, whole: str, fraction: str
) -> None:
    monkeypatch.setattr(formatting, "lang", lambda: lang)
    assert formatting.number(1234567) == whole
    assert formatting.decimal(0.25, signed=True) == fraction


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("https://turnbackhoax.id/x", "https://turnbackhoax.id/x"),
        # link lists copied without separators: the first address
        ("https://merdeka.com/a.htmlhttps://kompas.com/bhttps://youtu.be/c",
         "https://merdeka.com/a.html"),
        # an address inside another (an archive, a redirect, an encoded one) is part of it
        ("https://web.archive.org/save/https://www.tiktok.com/@a/video/1",
         "https://web.archive.org/save/https://www.tiktok.com/@a/video/1"),
        ("https://x.org/r?url=https://y.org", "https://x.org/r?url=https://y.org"),
        ("https://factcheck.afp.com/http%253A%252F%252Fdoc", "https://factcheck.afp.com/http%253A%252F%252Fdoc"),
        (" JavaScript:alert(1)", None),
        ("data:text/html,<script>", None),
        (float("nan"), None),
        (None, None),
        ("", None),
    ],
)
def test_only_web_addresses_become_links(raw: object, shown: str | None) -> None:
    assert formatting.safe_url(raw) == shown


def test_bare_addresses_in_user_text_are_not_turned_into_links() -> None:
    escaped = escape("cek https://t.co/abc, HTTP://x.id dan www.hoaks.id")
    joiner = formatting.WORD_JOINER
    assert f"https\\:{joiner}//t\\.co/abc" in escaped and f"HTTP\\:{joiner}//x" in escaped
    assert f"www{joiner}\\.hoaks\\.id" in escaped


def test_one_line_flattens_and_cuts_long_texts() -> None:
    from analysis.text.keys import one_line

    assert one_line("Wajib  Bebas\nCovid\n\n20", 100) == "Wajib Bebas Covid 20"
    assert one_line("satu dua tiga empat", 9) == "satu dua…"
