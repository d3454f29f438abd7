"""The PDF brief is text only: no link annotation, no script, no address from data but a web
address, whatever the posts, authors and claims hold."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from analysis.reports.brief import brief_data, render_brief
from analysis.store.trends import Filters
from tests.security.hostile import build_hostile_store

PERIOD = Filters(start=date(2025, 5, 1), end=date(2025, 5, 5))


def test_the_brief_holds_no_link_or_script_from_data(tmp_path: Path) -> None:
    store = build_hostile_store(tmp_path / "pantau.duckdb")
    with store.connect() as con:
        con.execute("UPDATE claims SET url = 'javascript:alert(document.cookie)'")
    pdf = render_brief(brief_data(store, PERIOD), "id")
    reader = PdfReader(io.BytesIO(pdf))
    assert all("/Annots" not in page for page in reader.pages), "a link annotation"
    assert b"/JavaScript" not in pdf and b"/URI" not in pdf and b"/Launch" not in pdf
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "document.cookie" not in text, "an address from data that is no web address"
    assert "[SALAH]" in text, "the claims are listed (the test sees their lines)"
