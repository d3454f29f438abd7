"""Interface text of the Unggah (upload) page: preview, column mapping, presets, the
import report with its rejects, scoring and the import log."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "unscored_here": {"id": "{n} teks tersimpan belum dinilai model.",
                      "en": "{n} stored texts are not scored yet."},
    "score_now": {"id": "Nilai sekarang", "en": "Score now"},
    "upload_title": {"id": "Unggah ekspor", "en": "Upload an export"},
    "upload_intro": {
        "id": "CSV, TSV, XLSX, JSON atau ZIP dari crawler atau platform: Pantau menebak kolomnya, "
        "Anda memeriksa, lalu setiap baris disimpan atau ditolak dengan alasannya.",
        "en": "CSV, TSV, XLSX, JSON or ZIP from a crawler or platform: Pantau guesses the "
        "columns, you check them, then every row is stored or rejected with its reason.",
    },
    "upload_file": {"id": "Pilih berkas", "en": "Choose a file"},
    "file_info": {
        "id": "Format {fmt}, encoding {enc}, pemisah {sep}",
        "en": "Format {fmt}, encoding {enc}, delimiter {sep}",
    },
    "preview": {"id": "Pratinjau baris pertama", "en": "Preview of the first rows"},
    "sheet_pick": {"id": "Lembar kerja (sheet) yang diimpor", "en": "Worksheet to import"},
    "mapping": {"id": "Pemetaan kolom", "en": "Column mapping"},
    "mapping_help": {
        "id": "Kolom berkas untuk setiap isian Pantau. Kolom lain tetap disimpan.",
        "en": "The file's column for each Pantau field. Other columns are kept.",
    },
    "not_mapped": {"id": "— tidak ada —", "en": "— none —"},
    "platform_force": {
        "id": "Platform (kosongkan untuk deteksi otomatis)",
        "en": "Platform (leave empty to detect)",
    },
    "reference_time": {
        "id": 'Waktu ekspor untuk tanggal relatif ("2 jam yang lalu")',
        "en": 'Export time for relative dates ("2 hours ago")',
    },
    "field_text": {"id": "Teks", "en": "Text"},
    "field_published_at": {"id": "Waktu terbit", "en": "Published at"},
    "field_author": {"id": "Penulis / akun", "en": "Author / account"},
    "field_source": {"id": "Sumber / media", "en": "Source / outlet"},
    "field_url": {"id": "Tautan", "en": "Link"},
    "field_parent_id": {"id": "Induk (video / unggahan)", "en": "Parent (video / post)"},
    "field_title": {"id": "Judul", "en": "Title"},
    "col_row": {"id": "Baris", "en": "Row"},
    "col_column": {"id": "Kolom", "en": "Column"},
    "col_problem": {"id": "Masalah", "en": "Problem"},
    "col_reason": {"id": "Rincian", "en": "Detail"},
    "reject_empty_text": {"id": "teks kosong", "en": "empty text"},
    "reject_empty_date": {"id": "tanggal kosong", "en": "empty date"},
    "reject_bad_date": {"id": "tanggal tidak terbaca", "en": "unreadable date"},
    "reject_future_date": {"id": "tanggal di masa depan", "en": "date in the future"},
    "reject_relative_date_no_reference": {
        "id": "tanggal relatif tanpa waktu ekspor",
        "en": "relative date without export time",
    },
    "reject_bad_row": {"id": "baris rusak", "en": "broken row"},
    "reject_repeated_header": {"id": "judul kolom berulang", "en": "repeated header"},
    "preset_pick": {"id": "Pakai preset pemetaan tersimpan", "en": "Use a saved mapping preset"},
    "preset_save_title": {
        "id": "Simpan pemetaan ini sebagai preset",
        "en": "Save this mapping as a preset",
    },
    "preset_name": {
        "id": "Nama preset (mis. crawler-polda)",
        "en": "Preset name (e.g. crawler-polda)",
    },
    "preset_save": {"id": "Simpan preset", "en": "Save preset"},
    "preset_saved": {
        "id": "Preset '{name}' tersimpan. Di terminal: pantau ingest FILE --preset '{name}'",
        "en": "Preset '{name}' saved. In a terminal: pantau ingest FILE --preset '{name}'",
    },
    "zip_note": {
        "id": "Arsip ZIP: setiap berkas di dalamnya diimpor sendiri dengan pemetaan kolom "
              "otomatis. Untuk memetakan kolom sendiri, unggah berkasnya satu per satu.",
        "en": "ZIP archive: each file inside is imported on its own with automatic column "
              "mapping. To map columns yourself, upload the files one by one.",
    },
    "import_button": {"id": "Impor dan nilai", "en": "Import and score"},
    "importing": {"id": "Mengimpor…", "en": "Importing…"},
    "scoring": {"id": "Menilai teks dengan model…", "en": "Scoring texts with the model…"},
    "report_rows": {"id": "Baris dibaca", "en": "Rows read"},
    "report_stored": {"id": "Disimpan", "en": "Stored"},
    "report_dups": {"id": "Duplikat", "en": "Duplicates"},
    "report_rejected": {"id": "Ditolak", "en": "Rejected"},
    "rejects_title": {"id": "Baris yang ditolak dan alasannya", "en": "Rejected rows and why"},
    "rejects_download": {
        "id": "Unduh laporan penolakan (CSV)",
        "en": "Download the reject report (CSV)",
    },
    "scored_done": {
        "id": "Selesai: {n} teks dinilai, {r} memakai skor teks identik.",
        "en": "Done: {n} texts scored, {r} reused an identical text's score.",
    },
    "see_summary": {
        "id": "Lihat hasilnya di halaman Ringkasan.",
        "en": "See the result on the Summary page.",
    },
    "recent_uploads": {"id": "Impor terakhir", "en": "Recent imports"},
    "col_filename": {"id": "Berkas", "en": "File"},
    "col_status": {"id": "Status", "en": "Status"},
    "col_published_min": {"id": "Teks terlama (WIB)", "en": "Oldest text (WIB)"},
    "col_published_max": {"id": "Teks terbaru (WIB)", "en": "Newest text (WIB)"},
    "col_created_at": {"id": "Diimpor (WIB)", "en": "Imported (WIB)"},
    "status_done": {"id": "selesai", "en": "done"},
    "status_importing": {"id": "sedang diimpor", "en": "importing"},
    "status_interrupted": {
        "id": "terputus (prosesnya berhenti; impor ulang untuk melanjutkan)",
        "en": "interrupted (its process stopped; import again to resume)",
    },
    "status_failed": {
        "id": "gagal (impor ulang untuk melanjutkan)",
        "en": "failed (import again to resume)",
    },
}
