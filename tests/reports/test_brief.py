"""The one-page PDF brief: a valid PDF of one page whose text a reader would find in it."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from pypdf import PdfReader

from analysis.reports.brief import brief_data, drawable, render_brief, top_narratives
from analysis.reports.exports import Pseudonymiser
from analysis.settings import Settings
from analysis.store import Store
from analysis.store.trends import Filters
from tests.dashboard_fixtures import CLAIMS, EXPECTED, build_store

PERIOD = Filters(start=date(2025, 5, 1), end=date(2025, 5, 5))


@pytest.fixture
def fixture_store(tmp_path: Path) -> Store:
    return build_store(tmp_path / "pantau.duckdb")


def _pages(pdf: bytes) -> list[str]:
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_brief_is_one_page_with_period_kpis_chart_and_hoaxes(fixture_store: Store) -> None:
    pdf = render_brief(brief_data(fixture_store, PERIOD), "id")
    [page] = _pages(pdf)
    text = _flat(page)
    assert "Ringkasan Opini Publik dan Hoaks" in text
    assert "Periode 1 Mei 2025 – 5 Mei 2025 (WIB)" in text
    assert f"Volume teks {EXPECTED['volume']}" in text
    assert f"Positif {EXPECTED['positive_share']} {EXPECTED['positive']} teks" in text
    assert f"Sentimen bersih {EXPECTED['net']}" in text
    assert f"Terindikasi hoaks {EXPECTED['hoax_flagged']}" in text
    assert f"{EXPECTED['unscored']} teks belum dinilai model." in text
    assert "Volume dan sentimen per hari" in text
    assert b"/Subtype /Image" in pdf, "the trend chart"
    assert f"Klaim terbantah (cocok): {CLAIMS['c1']['title']}" in text
    assert "Kata pemicu: Katanya" in text
    assert "Terkoordinasi: 3 akun" in text
    assert text.index("1. skor 0,92") < text.index("2. skor 0,81") < text.index("3. skor 0,66")
    # the debunks repeated in the period, with their links, before the texts
    assert "Klaim terbantah yang masih diulang" in text
    assert (f"1. {CLAIMS['c1']['title']} — 2 teks (1 cocok) dari 2 akun, 0 dalam 24 jam "
            "terakhir — "
            f"{CLAIMS['c1']['url']}") in text
    assert text.index("Klaim terbantah yang masih diulang") < text.index("1. skor 0,92")
    assert "skor 0,40" not in text, "only hoax-flagged texts"


def test_the_english_brief(fixture_store: Store) -> None:
    text = _flat(_pages(render_brief(brief_data(fixture_store, PERIOD), "en",
                                     platform_name=lambda p: {"twitter": "X"}.get(p, p)))[0])
    assert "Period 1 May 2025 – 5 May 2025 (WIB)" in text
    assert "Net sentiment +0.25" in text
    assert "score 0.92 · X · akun_b" in text
    assert "Debunked claim (match)" in text


def test_an_empty_period_still_gives_a_one_page_brief(fixture_store: Store) -> None:
    f = Filters(start=date(2025, 6, 1), end=date(2025, 6, 3))
    [page] = _pages(render_brief(brief_data(fixture_store, f), "id"))
    text = _flat(page)
    assert "Periode 1 Juni 2025 – 3 Juni 2025 (WIB)" in text
    assert "Tidak ada teks pada periode dan filter ini." in text


def test_an_empty_store(tmp_path: Path) -> None:
    store = Store(tmp_path / "empty.duckdb")
    [page] = _pages(render_brief(brief_data(store, Filters()), "en"))
    assert "No texts in this period" in _flat(page)


def test_emoji_and_long_texts_neither_crash_nor_spill_onto_a_second_page(
        fixture_store: Store) -> None:
    with fixture_store.connect() as con:
        con.execute("UPDATE documents SET text = text || ' 🔥😡🙏 ' || repeat('panjang ', 300)")
    pdf = render_brief(brief_data(fixture_store, PERIOD, hoax_threshold=0.0), "id")
    [page] = _pages(pdf)
    text = _flat(page)
    assert "ditilang semua!" in text and "🔥" not in text
    assert "teks lain di halaman Hoaks." in text, "what did not fit is counted"


def test_authors_can_be_pseudonymised_in_the_brief(fixture_store: Store) -> None:
    names = Pseudonymiser(b"k" * 32)
    text = _flat(_pages(render_brief(brief_data(fixture_store, PERIOD), "id",
                                     author_name=names))[0])
    assert "akun_b" not in text and names("akun_b") in text


def test_top_narratives_are_listed_when_given(fixture_store: Store) -> None:
    clusters = pd.DataFrame({"cluster": [0, 1], "label": ["razia sepeda", "vaksin microchip"],
                             "size": [1200, 300], "share": [0.4, 0.1],
                             "hoax_share": [0.25, 0.9]})
    text = _flat(_pages(render_brief(brief_data(fixture_store, PERIOD, narratives=clusters),
                                     "id"))[0])
    assert "Narasi utama" in text
    assert "1. razia sepeda — ≈ 1.200 teks (40%), 25% terindikasi hoaks" in text
    assert "2. vaksin microchip" in text


def test_characters_the_font_lacks_are_dropped() -> None:
    assert drawable("Mantap 👍 pak\npolisi — “ok” ✓") == "Mantap pak polisi — “ok” ✓"


def test_a_failed_narratives_step_is_said_in_the_brief(fixture_store: Store) -> None:
    data = brief_data(fixture_store, PERIOD, narratives_error="model missing: run pantau setup")
    text = _flat(_pages(render_brief(data, "id"))[0])
    assert "Narasi utama tidak dapat dihitung: model missing: run pantau setup" in text


@pytest.mark.slow
def test_top_narratives_with_the_real_encoder(fixture_store: Store, settings: Settings) -> None:
    clusters = top_narratives(fixture_store, PERIOD, settings)
    assert clusters["estimated"].sum() == EXPECTED["volume"]
    again = top_narratives(fixture_store, PERIOD, settings)  # stored embeddings this time
    assert again["label"].tolist() == clusters["label"].tolist()
    text = _flat(_pages(render_brief(brief_data(fixture_store, PERIOD, narratives=clusters),
                                     "en"))[0])
    assert f"1. {clusters['label'].iloc[0]} — ≈ {EXPECTED['volume']} texts" in text
