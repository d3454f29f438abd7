"""Unggah (upload): the uploader, the preview and column guess, presets, ZIPs and workbooks,
and the import log, through AppTest on the fixture store."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.dashboard.apptest import run
from tests.dashboard_fixtures import (
    EXPECTED,
    UPLOAD_FILENAME,
)

SAMPLE_EXPORT = Path(__file__).parents[1] / "data" / "ingest" / "tweets_comma.csv"


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
    assert any("Lembar pertama, 'Ringkasan', kosong: lembar 'Komentar' yang dibaca" in i.value
               for i in app.info)
    assert app.dataframe[0].value["text"].tolist() == ["Polisi sigap"]
    picker.set_value("Berita")
    run(app)
    assert app.dataframe[0].value["text"].tolist() == ["Jalan ditutup"]


def _upload(app: AppTest, name: str, content: str) -> None:
    run(app)
    run(app, "halaman/unggah.py")
    app.get("file_uploader")[0].set_value((name, content.encode("utf-8"), "text/csv"))
    run(app)


def _import(app: AppTest) -> None:
    [button] = [b for b in app.button if b.label == "Impor dan nilai"]
    button.click()
    run(app)


NEWS = (
    "sumber,url,judul,isi_berita,tanggal_publikasi\n"
    "detik,https://news.detik.com/1,Polisi jaga demo,Polisi menjaga demo di depan DPR dengan "
    "tertib dan damai sepanjang hari,2024-03-01 10:00\n"
    "kompas,https://kompas.com/2,Gedung baru Polda,Kapolri meresmikan gedung baru Polda di "
    "Surabaya pada pagi hari ini,2024-03-02 11:30\n"
)


def test_columns_recognised_by_content_are_said_in_indonesian(app: AppTest) -> None:
    _upload(app, "berita.csv", NEWS)
    assert _selectbox(app, "Waktu terbit").value == "tanggal_publikasi"
    assert _selectbox(app, "Teks").value == "isi_berita"
    notes = [i.value for i in app.info]
    assert "'tanggal_publikasi': 100 % dari 2 nilai pertama adalah tanggal, jadi kolom ini " \
           "dipakai sebagai waktu terbit (ganti di pemetaan kolom bila keliru)." in notes


BAD_DATES = "isi,created_at\n" + "".join(
    f"Komentar nomor {n} tentang polisi,2022-10-16 05:18:{n:02d} Zona Entah\n" for n in range(6)
)


def test_a_file_whose_dates_all_fail_stops_with_one_indonesian_message(app: AppTest) -> None:
    _upload(app, "tanggal_aneh.csv", BAD_DATES)
    _import(app)
    assert [e.value for e in app.error] == [
        "Kolom 'created_at' berisi '2022-10-16 05:18:00 Zona Entah' — format tanggal ini belum "
        "dikenali (6 dari 6 baris pertama). Tidak ada yang diimpor. Pilih kolom lain sebagai "
        "waktu terbit, atau ubah format tanggalnya."
    ]
    assert not app.success
    assert not any(s.value == "Baris yang ditolak dan alasannya" for s in app.subheader)


def test_a_whole_file_rejected_on_request_is_no_success(app: AppTest) -> None:
    _upload(app, "tanggal_aneh.csv", BAD_DATES)
    [allow] = [c for c in app.checkbox if c.label.startswith("Impor baris yang terbaca")]
    allow.check()
    run(app)
    _import(app)
    assert any(e.value.startswith("Tidak ada baris yang disimpan dari 'tanggal_aneh.csv'")
               for e in app.error)
    assert not app.success
    reasons = app.dataframe[1].value["Rincian"].tolist()
    assert reasons[0] == ("tanggal '2022-10-16 05:18:00 Zona Entah' di kolom 'created_at' tidak "
                          "bisa dibaca Pantau")


def test_a_date_column_set_to_none_is_not_guessed_again(app: AppTest) -> None:
    _upload(app, "berita.csv", NEWS)
    _selectbox(app, "Waktu terbit").set_value("— tidak ada —")
    run(app)
    _import(app)
    assert [e.value for e in app.error] == [
        "Kolom waktu terbit diisi \"— tidak ada —\", padahal setiap teks perlu tanggalnya. "
        "Pilih kolom tanggalnya, lalu impor lagi."
    ]
    assert not app.success


def test_the_checks_of_the_guessed_columns_are_said_in_indonesian(app: AppTest) -> None:
    rows = "".join(f"1,58134E+18;2022-10-16 05:18:{n:02d} SE Asia Standard Time;akun{n};"
                   f"Tweet nomor {n} soal demo di Jakarta\n" for n in range(3))
    _upload(app, "twint.csv", "id;created_at;username;tweet\n" + rows)
    assert [i.value for i in app.info if i.value.startswith("Kolom 'id'")] == [
        "Kolom 'id' tidak dipakai sebagai id baris: spreadsheet mengubah nilainya ke notasi "
        "ilmiah ('1,58134E+18' di baris 2) yang hanya menyimpan digit pertama, sehingga "
        "unggahan yang berbeda berbagi id. Id tiap baris dibuat dari teks, penulis dan waktunya; "
        "kolom ini tetap disimpan bersama kolom lain."
    ]


def test_a_broken_row_is_explained_in_indonesian(app: AppTest) -> None:
    rows = "".join(f"Komentar nomor {n} soal polisi,2024-03-0{n + 1} 10:00\n" for n in range(3))
    _upload(app, "lebar.csv", "isi,tanggal\n" + rows + "Satu,2024-03-05 10:00,lebih,lagi\n")
    _import(app)
    reasons = app.dataframe[1].value["Rincian"].tolist()
    assert reasons == ["baris ini punya 4 kolom, padahal header-nya 2 kolom"]
