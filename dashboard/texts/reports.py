"""Interface text of the Laporan (reports) page."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "rep_title": {"id": "Laporan dan ekspor", "en": "Reports and exports"},
    "rep_intro": {
        "id": "Semua yang diunduh di sini mengikuti filter di samping (periode, platform dan "
              "lainnya).",
        "en": "Everything downloaded here follows the filters in the sidebar (period, "
              "platforms and the rest).",
    },
    "rep_pseudonymise": {"id": "Samarkan nama akun (CSV, Excel dan PDF)",
                         "en": "Pseudonymise account names (CSV, Excel and PDF)"},
    "rep_pseudonymise_help": {
        "id": "Untuk pelindungan data pribadi: setiap penulis (dan @mention di teks) diganti "
              "nama samaran tetap seperti akun-3f9a2c61d0 — akun yang sama selalu mendapat "
              "samaran yang sama di setiap ekspor instalasi ini. Kolom tautan dihapus karena "
              "memuat nama akun.",
        "en": "For personal-data protection: each author (and @mentions in the text) is "
              "replaced by a stable pseudonym like akun-3f9a2c61d0 — the same account always "
              "gets the same pseudonym in every export of this installation. The link column "
              "is left out because it carries account names.",
    },
    "rep_data_title": {"id": "Data teks (CSV / Excel)", "en": "Text data (CSV / Excel)"},
    "rep_data_contains": {
        "id": "Satu baris per teks, terbaru dulu: id, waktu ({zone}), jenis, platform, sumber, "
              "penulis, teks, tautan (dihapus bila nama akun disamarkan), label sentimen "
              "model dan keyakinannya, koreksi analis, "
              "skor hoaks, koreksi hoaks, status tindak lanjut, serta suka/bagikan/balasan/"
              "dilihat. Sel yang diawali = + - @ diberi tanda kutip agar tidak dijalankan "
              "sebagai rumus oleh spreadsheet.",
        "en": "One row per text, newest first: id, time ({zone}), kind, platform, source, "
              "author, text, link (left out when names are pseudonymised), the model's "
              "sentiment label and its confidence, the "
              "analysts' correction, hoax score, hoax correction, follow-up status, and "
              "likes/shares/replies/views. Cells starting with = + - @ get a leading quote so "
              "a spreadsheet does not run them as formulas.",
    },
    "rep_rows": {"id": "Ekspor ini memuat {n} teks.", "en": "This export holds {n} texts."},
    "rep_capped": {
        "id": "Filter ini mencakup {n} teks; ekspor memuat {m} yang terbaru saja. Persempit "
              "periode atau platform untuk mengekspor sisanya.",
        "en": "These filters cover {n} texts; the export holds only the newest {m}. Narrow "
              "the period or platforms to export the rest.",
    },
    "rep_csv": {"id": "Unduh CSV", "en": "Download CSV"},
    "rep_xlsx": {"id": "Unduh Excel (XLSX)", "en": "Download Excel (XLSX)"},
    "rep_brief_title": {"id": "Ringkasan untuk pimpinan (PDF)", "en": "Leadership brief (PDF)"},
    "rep_brief_contains": {
        "id": "Satu halaman: periode, volume, porsi sentimen, sentimen bersih, jumlah "
              "terindikasi hoaks, grafik volume dan sentimen, narasi utama, serta teks paling "
              "mirip hoaks dengan buktinya (klaim terbantah dan putusannya, kata pemicu, "
              "unggahan terkoordinasi). Bahasa mengikuti pilihan bahasa di samping.",
        "en": "One page: period, volume, sentiment shares, net sentiment, hoax-flagged "
              "count, the volume and sentiment chart, the top narratives, and the most "
              "hoax-like texts with their evidence (debunked claim and verdict, trigger words, "
              "coordinated posting). The language follows the language picker.",
    },
    "rep_narratives": {"id": "Sertakan narasi utama", "en": "Include top narratives"},
    "rep_narratives_help": {
        "id": "Lima kelompok teks terbesar (seperti di halaman Narasi, dari sampel hingga 3.000 "
              "teks). Pertama kali untuk suatu periode, model perlu menghitung embedding — "
              "bisa memakan satu menit atau lebih sebelum PDF terunduh.",
        "en": "The five largest groups of texts (as on the Narratives page, from a sample of "
              "up to 3,000 texts). The first time for a period the model has to compute "
              "embeddings — it can take a minute or more before the PDF downloads.",
    },
    "rep_pdf": {"id": "Unduh ringkasan PDF", "en": "Download PDF brief"},
    "rep_charts_title": {"id": "Grafik sebagai gambar (PNG)", "en": "Charts as images (PNG)"},
    "rep_charts_help": {
        "id": "Setiap grafik di halaman Ringkasan dan lainnya dapat diunduh sebagai PNG: "
              "arahkan kursor ke grafik, lalu klik ikon kamera (*Download plot as a PNG*) di "
              "pojok kanan atas grafik. Gambar dibuat di peramban, tanpa internet.",
        "en": "Every chart on the Summary page and elsewhere can be downloaded as a PNG: "
              "hover over the chart and click the camera icon (*Download plot as a PNG*) in "
              "its top-right corner. The image is made in the browser, offline.",
    },
}
