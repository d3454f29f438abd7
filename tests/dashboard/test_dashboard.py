"""Dashboard: every page through Streamlit's AppTest, on a small scored store (no model)."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analysis.store.documents import insert_documents
from dashboard import state
from dashboard.state import escape
from tests.dashboard_fixtures import (
    CLAIMS,
    DOCS,
    EXPECTED,
    HOAX_ORDER,
    MALICIOUS_TEXT,
    UPLOAD_FILENAME,
    build_empty_store,
    build_store,
)

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"
SAMPLE_EXPORT = Path(__file__).parents[1] / "data" / "ingest" / "tweets_comma.csv"
TEXTS = {doc[0]: doc[4] for doc in DOCS}


def _clear_caches() -> None:
    st.cache_resource.clear()
    st.cache_data.clear()


def _app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, build: Any) -> Iterator[AppTest]:
    db = tmp_path / "pantau.duckdb"
    build(db)
    monkeypatch.setenv("PANTAU_DB", str(db))
    monkeypatch.setenv("PANTAU_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("PANTAU_AUTH", "off")  # logins are tested in test_dashboard_auth.py
    _clear_caches()
    yield AppTest.from_file(str(APP), default_timeout=30)
    _clear_caches()


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    """The app over the fixture store, not yet run."""
    yield from _app(tmp_path, monkeypatch, build_store)


@pytest.fixture
def empty_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    """The app over a store with no documents."""
    yield from _app(tmp_path, monkeypatch, build_empty_store)


def run(at: AppTest, page: str | None = None) -> AppTest:
    """Run (after switching to ``page``) and fail on any exception the page raised."""
    if page is not None:
        at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def kpis(at: AppTest) -> dict[str, tuple[str, str]]:
    """KPI label → (value, delta) as the viewer reads them."""
    return {m.label: (m.value, m.proto.delta) for m in at.metric}


def charts(at: AppTest) -> list[dict[str, Any]]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def numbers(array: Any) -> list[float]:
    """A trace's values; Plotly sends numeric arrays as base64 typed arrays."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def texts(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown]


# --- Ringkasan ------------------------------------------------------------------------------


def test_summary_shows_the_six_kpis(app: AppTest) -> None:
    run(app)
    assert app.title[0].value == "Pantau — Pemantauan Opini Publik"
    assert kpis(app) == {
        "Volume teks": (str(EXPECTED["volume"]), ""),
        "Positif": (EXPECTED["positive_share"], ""),
        "Negatif": (EXPECTED["negative_share"], ""),
        "Sentimen bersih": (EXPECTED["net"], ""),
        "Terindikasi hoaks": (str(EXPECTED["hoax_flagged"]), ""),
        "Kluster aktif": ("1", ""),
    }
    assert "Tidak ada data pada periode sebelumnya untuk pembanding." in [
        c.value for c in app.caption]
    assert [w.value for w in app.main.warning] == [
        f"{EXPECTED['unscored']} teks belum dinilai model: nilai di halaman Unggah "
        "(tombol Nilai sekarang)."
    ]


def test_summary_draws_volume_and_sentiment_charts(app: AppTest) -> None:
    volume, sentiment, spikes = charts(run(app))
    assert spikes["layout"]["title"]["text"].startswith("Volume per")  # with spikes marked
    assert volume["layout"]["title"]["text"] == "Volume per hari"
    assert sorted(trace["name"] for trace in volume["data"]) == [
        "Instagram",
        "X / Twitter",
        "YouTube",
    ]
    assert sum(sum(numbers(trace["y"])) for trace in volume["data"]) == EXPECTED["volume"]
    assert sentiment["layout"]["title"]["text"] == "Porsi sentimen per hari"
    assert [trace["name"] for trace in sentiment["data"]] == ["Negatif", "Netral", "Positif"]
    for figure in (volume, sentiment):
        assert figure["layout"]["xaxis"]["tickformat"] == "%d/%m/%Y"
        assert figure["layout"]["separators"] == ",.", "Indonesian: decimal comma"
    assert volume["layout"]["xaxis"]["range"] == sentiment["layout"]["xaxis"]["range"], (
        "both charts span the chosen period, even on days without scored texts"
    )
    assert volume["layout"]["yaxis"]["dtick"] == 1, "small counts get whole-number ticks"


def test_empty_store_points_to_the_upload_page(empty_app: AppTest) -> None:
    run(empty_app)
    assert [i.value for i in empty_app.info][0].startswith("Belum ada data")
    assert not empty_app.metric
    assert not empty_app.get("plotly_chart")
    run(empty_app, "halaman/hoaks.py")
    assert [i.value for i in empty_app.info][0].startswith("Belum ada data")
    run(empty_app, "halaman/unggah.py")
    assert empty_app.get("file_uploader")
    assert not empty_app.dataframe


def test_english_changes_the_interface(app: AppTest) -> None:
    run(app)
    app.selectbox(key="lang").set_value("en")
    run(app)
    assert app.title[0].value == "Pantau — Public Opinion Monitor"
    assert kpis(app)["Text volume"] == (str(EXPECTED["volume"]), "")
    assert {m.label: m.proto.help for m in app.metric}["Positive"] == (
        f"{EXPECTED['positive']} texts")
    assert kpis(app)["Net sentiment"][0] == "+0.25", "English decimals use a point"
    assert charts(app)[0]["layout"]["title"]["text"] == "Volume per day"


def test_platform_filter_changes_the_volume(app: AppTest) -> None:
    run(app)
    assert app.sidebar.multiselect[0].options == ["X / Twitter", "Instagram", "YouTube"]
    app.sidebar.multiselect[0].select("twitter")
    run(app)
    assert kpis(app)["Volume teks"][0] == str(EXPECTED["twitter_volume"])
    app.sidebar.multiselect[0].select("instagram")
    run(app)
    volume = EXPECTED["twitter_volume"] + EXPECTED["instagram_volume"]
    assert kpis(app)["Volume teks"][0] == str(volume)
    assert not app.main.warning, "the only unscored text is on youtube"


def test_kpis_compare_with_the_previous_period(app: AppTest) -> None:
    run(app)
    app.sidebar.date_input[0].set_value((date(2025, 5, 3), date(2025, 5, 4)))
    run(app)
    assert kpis(app) == {
        "Volume teks": ("3", "-2"),
        "Positif": ("67%", "+26,7 poin"),
        "Negatif": ("33%", "+13,3 poin"),
        "Sentimen bersih": ("+0,33", "+0,13"),
        "Terindikasi hoaks": ("1", "-1"),
        "Kluster aktif": ("0", "-1"),
    }
    assert any("01/05/2025–02/05/2025" in c.value for c in app.caption)


def test_filters_are_kept_in_the_address_and_read_from_a_shared_link(app: AppTest) -> None:
    run(app)
    app.sidebar.date_input[0].set_value((date(2025, 5, 2), date(2025, 5, 3)))
    app.sidebar.multiselect[0].select("twitter")
    app.sidebar.text_input[0].input("sepeda")
    run(app)
    params = {k: v if isinstance(v := app.query_params[k], list) else [v]
              for k in app.query_params}
    assert params == {"dari": ["2025-05-02"], "sampai": ["2025-05-03"],
                      "platform": ["twitter"], "q": ["sepeda"]}


def test_a_shared_link_opens_with_its_filters(app: AppTest) -> None:
    app.query_params["platform"] = ["twitter", "instagram"]
    app.query_params["q"] = "-sepeda"
    app.query_params["dari"] = "2025-05-01"
    app.query_params["sampai"] = "2025-05-02"
    run(app)
    assert app.sidebar.multiselect[0].value == ["twitter", "instagram"]
    # twitter + instagram on 1–2 May: t1 t2 t3 i1 i2; "-sepeda" leaves out t2 and i2
    assert kpis(app)["Volume teks"][0] == "3"


def test_period_filter_changes_the_volume(app: AppTest) -> None:
    run(app)
    assert app.sidebar.date_input[0].value == (date(2025, 5, 1), date(2025, 5, 5))
    app.sidebar.date_input[0].set_value((date(2025, 5, 1), date(2025, 5, 1)))
    run(app)
    assert kpis(app)["Volume teks"][0] == "3"


def _with_an_old_post(path: Path) -> None:
    from tests.store_fixtures import documents

    store = build_store(path)
    insert_documents(store, "lama", documents([{
        "id": "old", "text": "unggahan lama", "published_at": "2024-01-10T03:00:00Z"}]))


def test_the_first_view_is_the_last_30_days_with_data(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    assert state.default_period(date(2024, 1, 10), date(2025, 5, 5)) == (date(2025, 4, 6),
                                                                          date(2025, 5, 5))
    assert state.default_period(date(2025, 5, 1), date(2025, 5, 5)) == (date(2025, 5, 1),
                                                                        date(2025, 5, 5))
    at = next(_app(tmp_path, monkeypatch, _with_an_old_post))
    run(at)
    assert at.sidebar.date_input[0].value == (date(2025, 4, 6), date(2025, 5, 5))
    assert "dari" not in at.query_params  # the default needs no address
    assert kpis(at)["Volume teks"][0] == "9"
    at.sidebar.date_input[0].set_value((date(2024, 1, 10), date(2025, 5, 5)))
    run(at)
    assert at.query_params["dari"] == "2024-01-10"
    assert kpis(at)["Volume teks"][0] == "10"


def test_filters_survive_a_page_switch(app: AppTest) -> None:
    run(app)
    app.sidebar.multiselect[0].select("twitter")
    run(app)
    run(app, "halaman/hoaks.py")
    assert app.sidebar.multiselect[0].value == ["twitter"]
    twitter_scored = [doc_id for doc_id in HOAX_ORDER if doc_id.startswith("t")]
    assert len(app.metric) == len(twitter_scored)
    run(app, "halaman/ringkasan.py")
    assert kpis(app)["Volume teks"][0] == str(EXPECTED["twitter_volume"])


# --- Hoaks ----------------------------------------------------------------------------------


def test_hoax_page_lists_texts_by_score_with_their_evidence(app: AppTest) -> None:
    run(app)
    run(app, "halaman/hoaks.py")
    assert app.title[0].value == "Teks paling mirip hoaks"
    scores = [float(m.value.replace(",", ".")) for m in app.metric]
    assert scores == sorted(scores, reverse=True)
    assert len(scores) == len(HOAX_ORDER)
    marked = ":orange-background[Katanya]" + escape(TEXTS["i2"][len("Katanya"):])
    expected = {doc_id: marked if doc_id == "i2" else escape(TEXTS[doc_id])
                for doc_id in HOAX_ORDER}
    in_items_tab = [m.value for m in app.tabs[0].markdown]
    shown = [value for value in in_items_tab if value in set(expected.values())]
    assert shown == [expected[doc_id] for doc_id in HOAX_ORDER]
    evidence = [value for value in texts(app) if value.startswith("**Klaim terbantah terdekat**")]
    assert any(" · X / Twitter · " in value for value in texts(app)), "platform display name"
    lead = "**Klaim terbantah terdekat** ({} · skor 0,90): {}"
    assert evidence == [
        lead.format("cocok", escape(CLAIMS["c1"]["title"])),
        lead.format("cocok", escape(CLAIMS["c2"]["title"])),
        lead.format("mirip, perlu dicek", escape(CLAIMS["c1"]["title"])),
    ]
    coordinated = [v for v in texts(app) if v.startswith(":violet-badge[Terkoordinasi]")]
    assert coordinated == [":violet-badge[Terkoordinasi] 3 akun memposting teks yang hampir "
                           "sama dalam 9 menit \\(3 unggahan\\)"] * 2
    assert [e.label for e in app.expander if e.label == "Fakta"] == ["Fakta"] * 3
    follow_ups = [e.label for e in app.tabs[0].expander if e.label.startswith("Tindak lanjut")]
    assert follow_ups == ["Tindak lanjut: baru"] * len(HOAX_ORDER)
    badges = [value for value in texts(app) if value.startswith(":red-badge[")]
    assert len(badges) == EXPECTED["hoax_flagged"]
    assert all(value.endswith("Terindikasi hoaks]") for value in badges)
    assert escape(CLAIMS["c1"]["fact"]) in texts(app)


def test_hoax_page_shows_nothing_for_missing_evidence(app: AppTest) -> None:
    run(app)
    run(app, "halaman/hoaks.py")
    for value in texts(app) + [c.value for c in app.caption]:
        assert "nan" not in value.split(), value
        assert "None" not in value, value


def test_hoax_page_escapes_markup_from_the_data(app: AppTest) -> None:
    run(app)
    run(app, "halaman/hoaks.py")
    [shown] = [value for value in texts(app) if "alert" in value]
    assert shown == escape(MALICIOUS_TEXT)
    assert "<script>" not in shown
    assert "[klik](" not in shown
    assert "**tebal**" not in shown
    assert r"\*\*tebal\*\*" in shown


def test_hoax_page_links_only_to_web_addresses(app: AppTest) -> None:
    run(app)
    run(app, "halaman/hoaks.py")
    urls = [button.proto.url for button in app.get("link_button")]
    assert urls, "posts and fact-checks have link buttons"
    assert all(url.startswith("https://") for url in urls), urls
    assert "https://turnbackhoax.id/x" in urls
    assert "https://example.org/twitter/t2" in urls


# --- Unggah ---------------------------------------------------------------------------------


def test_upload_page_shows_the_uploader_and_recent_imports(app: AppTest) -> None:
    run(app)
    run(app, "halaman/unggah.py")
    assert app.title[0].value == "Unggah ekspor"
    [uploader] = app.get("file_uploader")
    assert uploader.label == "Pilih berkas"
    assert [s.value for s in app.subheader] == ["Impor terakhir"]
    [imports] = app.dataframe
    assert imports.value["Berkas"].tolist() == [UPLOAD_FILENAME]
    assert imports.value["Disimpan"].tolist() == [EXPECTED["volume"]]
    assert imports.value["Status"].tolist() == ["selesai"]
    assert imports.value["Teks terlama (WIB)"].tolist() == ["01/05/2025 09:00"]
    assert "id" not in imports.value.columns


def test_upload_page_offers_to_score_what_is_not_scored(app: AppTest) -> None:
    run(app)
    run(app, "halaman/unggah.py")
    assert [i.value for i in app.info] == [
        f"{EXPECTED['unscored']} teks tersimpan belum dinilai model."
    ]
    assert [b.label for b in app.button] == ["Nilai sekarang"]


def test_upload_page_previews_a_file_and_guesses_its_columns(app: AppTest) -> None:
    upload_sample(app)
    assert any(c.value.startswith("Format csv") for c in app.caption)
    preview = app.dataframe[0].value
    assert "full_text" in preview.columns
    assert _selectbox(app, "Teks").value == "full_text"
    assert [b.label for b in app.button] == ["Simpan preset", "Impor dan nilai", "Nilai sekarang"]


def upload_sample(app: AppTest) -> None:
    """Open the Unggah page and choose the sample export in its uploader."""
    run(app)
    run(app, "halaman/unggah.py")
    app.get("file_uploader")[0].set_value(
        (SAMPLE_EXPORT.name, SAMPLE_EXPORT.read_bytes(), "text/csv")
    )
    run(app)


def _selectbox(app: AppTest, label: str):  # type: ignore[no-untyped-def]
    [found] = [s for s in app.selectbox if s.label == label]
    return found


def test_a_mapping_saved_as_preset_can_be_applied_to_the_next_file(app: AppTest) -> None:
    upload_sample(app)
    _selectbox(app, "Penulis / akun").set_value("— tidak ada —")
    app.text_input(key="preset_name").input("tanpa penulis")
    run(app)
    [save] = [b for b in app.button if b.label == "Simpan preset"]
    save.click()
    run(app)
    assert any("Preset 'tanpa penulis' tersimpan" in m.value for m in app.success)
    _selectbox(app, "Penulis / akun").set_value(_selectbox(app, "Teks").options[1])
    run(app)
    _selectbox(app, "Pakai preset pemetaan tersimpan").set_value("tanpa penulis")
    run(app)
    assert _selectbox(app, "Penulis / akun").value == "— tidak ada —"
    assert _selectbox(app, "Teks").value == "full_text"


# --- Formatting helpers ---------------------------------------------------------------------


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
    monkeypatch.setattr(state, "lang", lambda: lang)
    assert state.number(1234567) == whole
    assert state.decimal(0.25, signed=True) == fraction


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
    assert state.safe_url(raw) == shown


def test_bare_addresses_in_user_text_are_not_turned_into_links() -> None:
    escaped = escape("cek https://t.co/abc, HTTP://x.id dan www.hoaks.id")
    joiner = state.WORD_JOINER
    assert f"https\\:{joiner}//t\\.co/abc" in escaped and f"HTTP\\:{joiner}//x" in escaped
    assert f"www{joiner}\\.hoaks\\.id" in escaped


def test_one_line_flattens_and_cuts_long_texts() -> None:
    from analysis.text.keys import one_line

    assert one_line("Wajib  Bebas\nCovid\n\n20", 100) == "Wajib Bebas Covid 20"
    assert one_line("satu dua tiga empat", 9) == "satu dua…"


def test_a_zip_upload_is_imported_file_by_file(app: AppTest, tmp_path: Path) -> None:
    import zipfile

    archive = tmp_path / "ekspor.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(SAMPLE_EXPORT, SAMPLE_EXPORT.name)
    run(app)
    run(app, "halaman/unggah.py")
    app.get("file_uploader")[0].set_value((archive.name, archive.read_bytes(), "application/zip"))
    run(app)
    assert any(info.value.startswith("Arsip ZIP") for info in app.info)
    assert [b.label for b in app.button] == ["Impor dan nilai"]  # st.stop() after the ZIP note


def test_a_workbook_upload_offers_its_sheets_and_previews_the_one_picked(
    app: AppTest, tmp_path: Path
) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Ringkasan"  # an empty cover sheet, as report workbooks have
    for name, text in (("Komentar", "Polisi sigap"), ("Berita", "Jalan ditutup")):
        sheet = book.create_sheet(name)
        sheet.append(["text", "author", "date"])
        sheet.append([text, "budi", "2025-07-08 10:00"])
    path = tmp_path / "laporan.xlsx"
    book.save(path)
    run(app)
    run(app, "halaman/unggah.py")
    app.get("file_uploader")[0].set_value((path.name, path.read_bytes(), "application/xlsx"))
    run(app)
    picker = _selectbox(app, "Lembar kerja (sheet) yang diimpor")
    assert picker.options == ["Ringkasan", "Komentar", "Berita"] and picker.value == "Komentar"
    assert any("'Ringkasan', is empty: sheet 'Komentar' was read" in i.value for i in app.info)
    assert app.dataframe[0].value["text"].tolist() == ["Polisi sigap"]
    picker.set_value("Berita")
    run(app)
    assert app.dataframe[0].value["text"].tolist() == ["Jalan ditutup"]


# --- Koreksi --------------------------------------------------------------------------------


def test_correction_page_lists_texts_least_certain_first(app: AppTest) -> None:
    run(app)
    run(app, "halaman/koreksi.py")
    assert app.title[0].value == "Koreksi label sentimen"
    assert len(app.dataframe) == 1
    assert app.button[0].label == "Simpan 0 koreksi" and app.button[0].disabled
    assert "Belum ada koreksi" in " ".join(i.value for i in app.info)
    app.text_input[0].set_value("zzzz-tidak-ada").run()
    assert "Tidak ada teks yang cocok" in " ".join(i.value for i in app.info)


def test_correction_page_shows_accuracy_on_the_analysts_labels(
        app: AppTest, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from analysis.store import Store
    from analysis.store.corrections import add_correction

    target = Store(os.environ["PANTAU_DB"])
    ids = list(TEXTS)
    add_correction(target, ids[0], "sentiment", "neutral", "Ani")
    add_correction(target, ids[1], "sentiment", "negative", "Ani")
    run(app)
    run(app, "halaman/koreksi.py")
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Teks dikoreksi"] == "2"
    assert metrics["Model sesuai analis"].endswith("%")


def test_hoax_status_changes_need_a_name_and_keep_the_trail(app: AppTest) -> None:
    run(app)
    run(app, "halaman/hoaks.py")
    first = HOAX_ORDER[0]
    form_button = app.button(key=f"FormSubmitter:wf-{first}-Simpan status")
    form_button.click().run()
    assert "Isi nama analis dulu" in " ".join(e.value for e in app.error)
    app.sidebar.text_input(key="analyst").set_value("Bripka Ani").run()
    app.button(key=f"FormSubmitter:wf-{first}-Simpan status").click().run()
    assert not app.exception
    labels = [e.label for e in app.expander if e.label.startswith("Tindak lanjut")]
    assert labels[0] == "Tindak lanjut: diverifikasi"
    assert any("Bripka Ani → diverifikasi" in c.value for c in app.caption)


def test_hoax_page_explains_each_score_and_lists_clusters(app: AppTest) -> None:
    run(app)
    run(app, "halaman/hoaks.py")
    why = [e for e in app.expander if e.label == "Mengapa skor ini?"]
    assert len(why) == len(HOAX_ORDER)
    table = why[0].dataframe[0].value
    assert table["Sinyal"].tolist() == ["Pengklasifikasi narasi hoaks",
                                        "Kecocokan dengan klaim terbantah",
                                        "Kata pemicu provokasi", "Unggahan terkoordinasi"]
    assert table["Sumbangan (log-odds)"].tolist()[1] == "+5,40"  # 6.0 × 0.9
    clusters = app.tabs[2]
    assert any("3 akun memposting teks yang hampir sama dalam 9 menit" in m.value
               for m in clusters.markdown)
    assert any("akun\\_b" in c.value and "ig\\_g" in c.value for c in clusters.caption)


def test_the_claims_spreading_tab_lists_repeated_debunks_with_their_texts(app: AppTest) -> None:
    run(app)
    run(app, "halaman/hoaks.py")
    spreading = app.tabs[1]
    assert spreading.label == "Klaim yang beredar"
    table = spreading.dataframe[0].value
    # c1 is repeated by t2 (cocok) and i2 (mirip), c2 by t5; none in the 24 h before the
    # newest text (y1, 5 May 19:00 WIB), so the most repeated comes first
    assert table["Klaim (dibantah)"].tolist() == [CLAIMS["c1"]["title"], CLAIMS["c2"]["title"]]
    assert table["Teks"].tolist() == [2, 1] and table["Akun"].tolist() == [2, 1]
    assert table["Cocok"].tolist() == [1, 1]  # i2 repeats c1 "mirip" only
    assert table["24 jam terakhir"].tolist() == [0, 0]
    assert table["Platform"].tolist() == ["Instagram, X / Twitter", "X / Twitter"]  # ties: a-z
    assert table["Klarifikasi"].tolist() == [CLAIMS["c1"]["url"], CLAIMS["c2"]["url"]]
    assert any("05/05/2025 19:00 WIB" in c.value for c in spreading.caption)
    assert len(spreading.dataframe) == 1  # nothing picked yet: no texts below
    app.session_state["spread-table"] = {"selection": {"rows": [0], "columns": []}}
    run(app)
    spreading = app.tabs[1]
    assert escape(CLAIMS["c1"]["fact"]) in " ".join(m.value for m in spreading.markdown)
    posts = spreading.dataframe[1].value
    assert posts["Akun / penulis"].tolist() == ["ig_g", "akun_b"]  # newest first
    assert posts["Kecocokan dengan klaim"].tolist() == ["mirip, perlu dicek", "cocok"]
    assert any(c.value.startswith("2 dari 2 teks") for c in spreading.caption)
    assert "Tindak lanjut: baru" in [e.label for e in spreading.expander]
    app.sidebar.text_input(key="analyst").set_value("Bripka Ani").run()
    app.selectbox(key="wf-next-claim-c1").set_value("diklarifikasi")
    app.text_input(key="wf-note-claim-c1").set_value("Rilis Humas pukul 10")
    app.button(key="FormSubmitter:wf-claim-c1-Simpan status").click().run()
    assert not app.exception, [e.value for e in app.exception]
    spreading = app.tabs[1]
    assert spreading.dataframe[0].value["Tindak lanjut"].tolist() == ["diklarifikasi", "baru"]
    assert "Tindak lanjut: diklarifikasi" in [e.label for e in spreading.expander]
    assert any("Bripka Ani → diklarifikasi — Rilis Humas pukul 10" in c.value
               for c in spreading.caption)
    app.session_state["spread-table"] = {"selection": {"rows": [5], "columns": []}}
    run(app)  # a pick from a longer table (before the filters changed) is no pick
    assert len(app.tabs[1].dataframe) == 1


def test_the_summary_names_the_debunked_claims_still_repeated(app: AppTest) -> None:
    run(app)
    lines = [m.value for m in app.markdown]
    assert any("2 teks (1 cocok) dari 2 akun, 0 dalam 24 jam terakhir" in line
               and "turnbackhoax.id/x" in line for line in lines)


# --- Jelajah --------------------------------------------------------------------------------


def test_explore_page_searches_and_sorts_the_posts(app: AppTest) -> None:
    run(app, "halaman/jelajah.py")
    table = app.dataframe[0].value
    assert len(table) == EXPECTED["volume"]
    app.text_input(key="explore_search").input("polisi")
    app.selectbox(key="explore_order").set_value("oldest")
    run(app)
    table = app.dataframe[0].value
    polisi = [doc[4] for doc in sorted(DOCS, key=lambda d: d[2]) if "polisi" in doc[4].lower()]
    assert table["Teks"].tolist() == polisi
    assert table["Tautan"].notna().all()
    app.selectbox(key="explore_order").set_value("hoax")
    app.text_input(key="explore_search").input("")
    run(app)
    assert app.dataframe[0].value["Teks"].tolist()[:2] == [TEXTS["t2"], TEXTS["t5"]]
    assert app.dataframe[0].value["Status hoaks"].tolist()[:2] == ["baru", "baru"]
    save = [b for b in app.button if b.label.startswith("Simpan")]
    assert save and save[0].disabled, "analysts can edit in place; nothing changed yet"


def test_a_clicked_bar_gives_its_bucket_and_series() -> None:
    from datetime import datetime

    from dashboard.charts import clicked
    from dashboard.charts_analytics import clicked_series

    bar = {"x": "2025-05-03 07:00", "customdata": [12, "Polda Jateng"]}
    assert clicked_series([{"y": 3}, bar]) == (datetime(2025, 5, 3, 7), "Polda Jateng")
    assert clicked_series([{"x": "2025-05-03", "customdata": [12]}]) is None
    assert clicked([{"x": "2025-05-03", "customdata": [4, "negative"]}]) == {
        "start": datetime(2025, 5, 3), "label": "negative"}
    assert clicked([{"x": "2025-05-03", "customdata": [4, "youtube"]}]) == {
        "start": datetime(2025, 5, 3), "platform": "youtube"}
    assert clicked([]) is None


def test_a_text_closed_as_not_a_hoax_can_become_a_fact_in_the_bank(app: AppTest,
                                                                   tmp_path: Path) -> None:
    from analysis.signals.claim_bank import list_claims
    from analysis.store import Store

    run(app)
    run(app, "halaman/hoaks.py")
    app.sidebar.text_input(key="analyst").set_value("Bripka Ani").run()
    first = HOAX_ORDER[0]
    app.selectbox(key=f"wf-next-{first}").set_value("bukan_hoaks")
    app.text_input(key=f"wf-note-{first}").set_value("Dicek ke Polres: kejadian benar")
    app.checkbox(key=f"wf-fact-{first}").check()
    app.button(key=f"FormSubmitter:wf-{first}-Simpan status").click().run()
    assert not app.exception, [e.value for e in app.exception]
    entries, total = list_claims(Store(tmp_path / "pantau.duckdb"))
    assert total == len(CLAIMS) + 1
    entry = entries.iloc[0]  # newest first: today's entry before the fixture's debunks
    assert (entry["kind"], entry["fact"]) == ("fakta", "Dicek ke Polres: kejadian benar")
    assert entry["source"] == "Analis Pantau (Bripka Ani)"
    assert app.tabs[3].dataframe[0].value["Jenis"].tolist()[0] == "fakta"


def test_the_claim_bank_tab_searches_and_takes_an_analyst_s_entry(app: AppTest) -> None:
    run(app)
    run(app, "halaman/hoaks.py")
    app.sidebar.text_input(key="analyst").set_value("Bripka Ani").run()
    assert app.tabs[3].label == "Bank klaim"
    assert app.tabs[3].caption[0].value.startswith("2 entri cocok")  # the fixture's debunks

    def fill(link: str) -> None:
        app.text_area(key="bank-claim").set_value("Jembatan Suramadu ditutup total hari ini")
        app.text_area(key="bank-fact").set_value(
            "Salah: jembatan hanya ditutup satu lajur untuk perbaikan.")
        app.text_input(key="bank-link").set_value(link)
        app.button(key="FormSubmitter:bank-add-Simpan entri").click().run()

    app.button(key="FormSubmitter:bank-add-Simpan entri").click().run()
    assert [e.value for e in app.error] == ["Isi klaimnya dan faktanya."]
    fill("javascript:alert(1)")
    assert [e.value for e in app.error] == ["Tautan harus alamat web (https://...)."]
    fill("https://humas.polri.go.id/suramadu")
    assert any(s.value.startswith("Entri disimpan di bank") for s in app.success)
    app.text_input(key="bank-search").set_value("suramadu LAJUR").run()
    bank = app.tabs[3]
    assert bank.caption[0].value.startswith("1 entri cocok")
    table = bank.dataframe[0].value
    assert table["Jenis"].tolist() == ["hoaks (dibantah)"]
    assert table["Tautan"].tolist() == ["https://humas.polri.go.id/suramadu"]
    app.text_input(key="bank-search").set_value("suramadu banjir").run()
    assert app.tabs[3].caption[0].value.startswith("0 entri cocok")


def test_a_coordinated_cluster_has_its_own_follow_up(app: AppTest, tmp_path: Path) -> None:
    from analysis.store import Store
    from analysis.store.reviews import current_status

    run(app)
    run(app, "halaman/hoaks.py")
    app.sidebar.text_input(key="analyst").set_value("Bripka Ani").run()
    clusters = app.tabs[2]
    assert [e.label for e in clusters.expander if e.label.startswith("Tindak lanjut")] == [
        "Tindak lanjut: baru"]
    assert not [c for c in app.checkbox if c.key == "wf-fact-cluster-k1"]  # texts only
    app.selectbox(key="wf-next-cluster-k1").set_value("diverifikasi")
    app.text_input(key="wf-note-cluster-k1").set_value("14 akun baru dibuat pekan ini")
    app.button(key="FormSubmitter:wf-cluster-k1-Simpan status").click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert current_status(Store(tmp_path / "pantau.duckdb"), "cluster", "k1") == "diverifikasi"
    labels = [e.label for e in app.tabs[2].expander if e.label.startswith("Tindak lanjut")]
    assert labels == ["Tindak lanjut: diverifikasi"]
    assert any("Bripka Ani → diverifikasi — 14 akun baru" in c.value for c in app.tabs[2].caption)


def test_an_unchanged_kpi_reads_plus_minus_zero_in_grey(app: AppTest) -> None:
    run(app)
    app.sidebar.date_input[0].set_value((date(2025, 5, 3), date(2025, 5, 4)))
    run(app)
    clusters = next(m for m in app.metric if m.label == "Kluster aktif")
    assert clusters.proto.delta == "-1"
    app.sidebar.date_input[0].set_value((date(2025, 5, 4), date(2025, 5, 4)))
    run(app)
    flat = {m.label: m.proto for m in app.metric}["Kluster aktif"]
    assert (flat.body, flat.delta) == ("0", "±0")
    assert flat.color == 2  # grey: MetricProto.MetricColor.GRAY


def test_pages_have_no_stray_strings_streamlit_would_print() -> None:
    """Streamlit's "magic" writes a page script's bare expressions on the page: a string after
    a constant, meant as its docstring, appeared under the Hoaks page's tables once."""
    import ast

    pages = sorted((Path(__file__).parents[2] / "dashboard").rglob("*.py"))
    scripts = [p for p in pages if p.parent.name == "halaman" or p.name == "app.py"]
    assert len(scripts) >= 9
    for script in scripts:
        body = ast.parse(script.read_text(encoding="utf-8")).body
        stray = [node.lineno for node in body[1:]
                 if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)]
        assert not stray, f"{script.name}: a bare value on lines {stray} is printed on the page"
