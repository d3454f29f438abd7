"""Interface text in Bahasa Indonesia (default) and English."""

from __future__ import annotations

from dashboard.texts import extra_texts

LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}

TEXT: dict[str, dict[str, str]] = {
    "app_title": {
        "id": "Pantau — Pemantauan Opini Publik",
        "en": "Pantau — Public Opinion Monitor",
    },
    "nav_summary": {"id": "Ringkasan", "en": "Summary"},
    "nav_hoax": {"id": "Hoaks", "en": "Hoaxes"},
    "nav_upload": {"id": "Unggah", "en": "Upload"},
    "filters": {"id": "Filter", "en": "Filters"},
    "period": {"id": "Periode (WIB)", "en": "Period (WIB)"},
    "period_help": {
        "id": "Mula-mula {n} hari terakhir yang ada datanya. Data tersedia {a} – {b}; pilih "
              "tanggal awal dan akhir untuk periode lain.",
        "en": "At first the last {n} days that have data. Data covers {a} – {b}; pick a start "
              "and end date for another period.",
    },
    "platforms": {"id": "Platform", "en": "Platforms"},
    "all_platforms": {"id": "Semua platform", "en": "All platforms"},
    "nav_fix": {"id": "Koreksi", "en": "Corrections"},
    "fix_title": {"id": "Koreksi label sentimen", "en": "Correct sentiment labels"},
    "fix_intro": {
        "id": "Pilih label yang benar di kolom Koreksi lalu simpan. Setiap koreksi disimpan "
              "dengan nama analis dan waktunya, dipakai untuk mengukur akurasi model pada data "
              "Anda sendiri dan untuk melatih ulang (pantau train sentiment --with-corrections).",
        "en": "Pick the right label in the Correction column and save. Each correction is kept "
              "with the analyst's name and time; it measures the model on your own data and "
              "can be used to retrain it (pantau train sentiment --with-corrections).",
    },
    "fix_search": {"id": "Cari teks", "en": "Search texts"},
    "fix_search_hint": {"id": "mis. tilang polda", "en": "e.g. tilang polda"},
    "fix_order": {"id": "Urutan", "en": "Order"},
    "fix_order_uncertain": {"id": "Paling tidak yakin dulu", "en": "Least certain first"},
    "fix_order_newest": {"id": "Terbaru dulu", "en": "Newest first"},
    "fix_analyst": {"id": "Nama analis", "en": "Analyst's name"},
    "fix_analyst_hint": {"id": "dicatat pada setiap koreksi", "en": "kept with each correction"},
    "fix_none": {"id": "Tidak ada teks yang cocok dengan pencarian dan filter ini.",
                 "en": "No text matches this search and these filters."},
    "fix_column_help": {"id": "Label yang benar menurut analis",
                        "en": "The right label according to the analyst"},
    "fix_save": {"id": "Simpan {n} koreksi", "en": "Save {n} corrections"},
    "fix_need_analyst": {"id": "Isi nama analis dulu: setiap koreksi dicatat dengan namanya.",
                         "en": "Enter the analyst's name first: each correction records it."},
    "fix_saved": {"id": "{n} koreksi disimpan atas nama {who}.",
                  "en": "{n} corrections saved for {who}."},
    "fix_accuracy": {"id": "Akurasi model pada label analis",
                     "en": "Model accuracy on the analysts' labels"},
    "fix_accuracy_none": {"id": "Belum ada koreksi. Setelah analis mengoreksi label, akurasi "
                                "model pada data Anda tampil di sini.",
                          "en": "No corrections yet. Once analysts correct labels, the model's "
                                "accuracy on your data shows here."},
    "fix_n": {"id": "Teks dikoreksi", "en": "Corrected texts"},
    "fix_agree": {"id": "Model sesuai analis", "en": "Model agrees with analysts"},
    "fix_accuracy_note": {
        "id": "Teks yang dipilih untuk dikoreksi cenderung yang sulit, jadi angka ini biasanya "
              "lebih rendah daripada akurasi pada semua teks.",
        "en": "Texts picked for correction tend to be the hard ones, so this figure is usually "
              "lower than the accuracy over all texts.",
    },
    "col_time": {"id": "Waktu (WIB)", "en": "Time (WIB)"},
    "col_platform": {"id": "Platform", "en": "Platform"},
    "col_text": {"id": "Teks", "en": "Text"},
    "col_match": {"id": "Kecocokan dengan klaim", "en": "Match with the claim"},
    "col_model": {"id": "Label model", "en": "Model label"},
    "col_confidence": {"id": "Keyakinan", "en": "Confidence"},
    "col_fix": {"id": "Koreksi", "en": "Correction"},
    "col_class": {"id": "Kelas", "en": "Class"},
    "col_n_fixed": {"id": "Dikoreksi", "en": "Corrected"},
    "min_confidence": {"id": "Keyakinan sentimen minimum", "en": "Minimum sentiment confidence"},
    "min_confidence_help": {
        "id": "Teks yang label sentimennya kurang yakin dari nilai ini tetap dihitung dalam "
              "volume, tetapi tidak dalam porsi sentimen. 0 = semua dihitung.",
        "en": "Texts whose sentiment label is less certain than this still count in the "
              "volume, not in the sentiment shares. 0 = count all.",
    },
    "uncertain_note": {
        "id": "{n} teks di bawah ambang keyakinan {c} tidak dihitung dalam porsi sentimen.",
        "en": "{n} texts below the confidence threshold {c} are left out of the sentiment "
              "shares.",
    },
    "empty_store": {
        "id": "Belum ada data. Buka halaman **Unggah** untuk mengimpor ekspor CSV/XLSX, atau "
        "jalankan `make run` untuk data demo.",
        "en": "No data yet. Open **Upload** to import a CSV/XLSX export, or run `make run` "
        "for the demo data.",
    },
    "kpi_volume": {"id": "Volume teks", "en": "Text volume"},
    "kpi_positive": {"id": "Positif", "en": "Positive"},
    "kpi_negative": {"id": "Negatif", "en": "Negative"},
    "n_texts": {"id": "{n} teks", "en": "{n} texts"},
    "kpi_net": {"id": "Sentimen bersih", "en": "Net sentiment"},
    "kpi_net_help": {
        "id": "(positif − negatif) ÷ teks yang dinilai",
        "en": "(positive − negative) ÷ scored texts",
    },
    "kpi_hoax": {"id": "Terindikasi hoaks", "en": "Hoax-flagged"},
    "kpi_hoax_help": {"id": "Teks dengan skor hoaks ≥ {t}", "en": "Texts with hoax score ≥ {t}"},
    "unscored_note": {
        "id": "{n} teks belum dinilai model: nilai di halaman Unggah (tombol Nilai sekarang).",
        "en": "{n} texts are not scored yet: score them on the Upload page (Score now).",
    },
    "unscored_here": {"id": "{n} teks tersimpan belum dinilai model.",
                      "en": "{n} stored texts are not scored yet."},
    "score_now": {"id": "Nilai sekarang", "en": "Score now"},
    "chart_volume": {"id": "Volume per {b}", "en": "Volume per {b}"},
    "chart_sentiment": {"id": "Porsi sentimen per {b}", "en": "Sentiment share per {b}"},
    "bucket_day": {"id": "hari", "en": "day"},
    "bucket_week": {"id": "minggu", "en": "week"},
    "bucket_month": {"id": "bulan", "en": "month"},
    "axis_time": {"id": "Waktu (WIB)", "en": "Time (WIB)"},
    "axis_count": {"id": "Jumlah teks", "en": "Texts"},
    "axis_share": {"id": "Porsi", "en": "Share"},
    "positive": {"id": "Positif", "en": "Positive"},
    "neutral": {"id": "Netral", "en": "Neutral"},
    "negative": {"id": "Negatif", "en": "Negative"},
    "hoax_title": {"id": "Teks paling mirip hoaks", "en": "Most hoax-like texts"},
    "hoax_intro": {
        "id": "Skor 0–1 dari empat sinyal: kecocokan dengan klaim yang sudah dibantah "
        "(TurnBackHoax/Mafindo dan bank klaim Anda), kata pemicu provokasi, unggahan "
        "terkoordinasi, dan pengklasifikasi narasi hoaks. Periksa buktinya sebelum bertindak.",
        "en": "Score 0–1 from four signals: a match with a debunked claim (TurnBackHoax/"
        "Mafindo and your claim bank), provocation cues, coordinated posting, and a "
        "hoax-narrative classifier. Check the evidence before acting.",
    },
    "hoax_none": {
        "id": "Tidak ada teks bernilai pada filter ini.",
        "en": "No scored texts for these filters.",
    },
    "hoax_score": {"id": "Skor hoaks", "en": "Hoax score"},
    "wf_title": {"id": "Tindak lanjut: {s}", "en": "Follow-up: {s}"},
    "wf_baru": {"id": "baru", "en": "new"},
    "wf_diverifikasi": {"id": "diverifikasi", "en": "being verified"},
    "wf_diklarifikasi": {"id": "diklarifikasi", "en": "clarified"},
    "wf_dilaporkan": {"id": "dilaporkan", "en": "reported"},
    "wf_bukan_hoaks": {"id": "bukan hoaks", "en": "not a hoax"},
    "wf_next": {"id": "Status berikutnya", "en": "Next status"},
    "wf_note": {"id": "Catatan (mis. tautan klarifikasi)",
                "en": "Note (e.g. link to the clarification)"},
    "wf_save": {"id": "Simpan status", "en": "Save status"},
    "hoax_show": {"id": "Jumlah teks ditampilkan", "en": "Texts shown"},
    "evidence_claim": {"id": "Klaim terbantah terdekat", "en": "Nearest debunked claim"},
    "evidence_other": {"id": "Klaim lain yang mirip", "en": "Another similar claim"},
    "evidence_cocok": {"id": "cocok", "en": "confirmed match"},
    "evidence_mirip": {"id": "mirip, perlu dicek", "en": "similar, needs checking"},
    "evidence_score": {"id": "skor", "en": "score"},
    "hoax_tab_items": {"id": "Teks", "en": "Texts"},
    "hoax_tab_clusters": {"id": "Kluster terkoordinasi", "en": "Coordinated clusters"},
    "why_title": {"id": "Mengapa skor ini?", "en": "Why this score?"},
    "why_signal": {"id": "Sinyal", "en": "Signal"},
    "why_value": {"id": "Nilai (0–1)", "en": "Value (0–1)"},
    "why_part": {"id": "Sumbangan (log-odds)", "en": "Contribution (log-odds)"},
    "why_p_head": {"id": "Pengklasifikasi narasi hoaks", "en": "Hoax narrative classifier"},
    "why_match": {"id": "Kecocokan dengan klaim terbantah", "en": "Match with a debunked claim"},
    "why_cues": {"id": "Kata pemicu provokasi", "en": "Provocation cues"},
    "why_cue_list": {"id": "Kata pemicu:", "en": "Cues found:"},
    "why_coordination": {"id": "Unggahan terkoordinasi", "en": "Coordinated posting"},
    "why_note": {
        "id": "Skor = sigmoid({b} + jumlah sumbangan). Bobot dipelajari dari narasi berlabel; "
              "titik awal {b} mengasumsikan sekitar 1 dari 10 teks yang dipantau adalah hoaks.",
        "en": "Score = sigmoid({b} + sum of contributions). Weights were learned from labelled "
              "narratives; the starting point {b} assumes about 1 in 10 monitored texts is a "
              "hoax.",
    },
    "coord_badge": {"id": "Terkoordinasi", "en": "Coordinated"},
    "coord_text": {"id": "{a} akun memposting teks yang hampir sama dalam {m} menit ({p} unggahan)",
                   "en": "{a} accounts posted nearly the same text within {m} minutes "
                         "({p} posts)"},
    "coord_none": {"id": "Tidak ada kluster: tidak ada teks yang hampir sama dari ≥ {n} akun "
                         "dalam {m} menit pada filter ini.",
                   "en": "No clusters: no nearly identical text from ≥ {n} accounts within "
                         "{m} minutes for these filters."},
    "coord_accounts": {"id": "Akun", "en": "Accounts"},
    "coord_timeline": {"id": "Linimasa unggahan", "en": "Timeline of posts"},
    "cue_ajakan_sebar": {"id": "ajakan menyebarkan", "en": "call to spread"},
    "cue_desakan": {"id": "desakan", "en": "urgency"},
    "cue_sumber_kabur": {"id": "sumber kabur", "en": "vague source"},
    "cue_religius_emosional": {"id": "tekanan religius/emosional",
                               "en": "religious/emotional pressure"},
    "cue_clickbait": {"id": "umpan klik", "en": "clickbait"},
    "cue_otoritas_palsu": {"id": "klaim otoritas", "en": "authority claim"},
    "cue_tipografi": {"id": "tipografi", "en": "typography"},
    "evidence_fact": {"id": "Fakta", "en": "Fact"},
    "evidence_strong": {"id": "bukti kuat", "en": "strong evidence"},
    "evidence_medium": {"id": "bukti sedang", "en": "moderate evidence"},
    "evidence_weak": {"id": "bukti lemah", "en": "weak evidence"},
    "evidence_none": {
        "id": "Tidak ada klaim terbantah yang cukup mirip (kemiripan tertinggi {s}).",
        "en": "No debunked claim is close enough (highest similarity {s}).",
    },
    "evidence_similarity": {"id": "kemiripan", "en": "similarity"},
    "evidence_head": {"id": "Pengklasifikasi narasi", "en": "Narrative classifier"},
    "evidence_link": {"id": "Sumber periksa fakta", "en": "Fact-check source"},
    "open_post": {"id": "Buka unggahan", "en": "Open post"},
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
    "status_failed": {
        "id": "gagal (impor ulang untuk melanjutkan)",
        "en": "failed (import again to resume)",
    },
}

_EXTRA = extra_texts()
if set(_EXTRA) & set(TEXT):
    raise KeyError(f"interface text defined twice: {sorted(set(_EXTRA) & set(TEXT))}")
TEXT.update(_EXTRA)


def translate(key: str, lang: str = "id", **values: object) -> str:
    """The text for ``key`` in ``lang`` (Indonesian when missing), formatted with ``values``."""
    entry = TEXT[key]
    text = entry.get(lang) or entry["id"]
    return text.format(**values) if values else text
