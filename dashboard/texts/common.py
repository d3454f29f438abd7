"""Interface text every page shares: the navigation, the sidebar filters, the posts
tables and their columns, the sentiment labels, chart axes and drill-down panels."""

from __future__ import annotations

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
    "period_reversed": {
        "id": "Tanggal awal periode jatuh setelah tanggal akhirnya: periode bawaan dipakai.",
        "en": "The period starts after it ends: the default period is shown instead.",
    },
    "period_help": {
        "id": "Mula-mula {n} hari terakhir yang ada datanya. Data tersedia {a} – {b}; pilih "
              "tanggal awal dan akhir untuk periode lain.",
        "en": "At first the last {n} days that have data. Data covers {a} – {b}; pick a start "
              "and end date for another period.",
    },
    "platforms": {"id": "Platform", "en": "Platforms"},
    "all_platforms": {"id": "Semua platform", "en": "All platforms"},
    "nav_fix": {"id": "Koreksi", "en": "Corrections"},
    "col_time": {"id": "Waktu (WIB)", "en": "Time (WIB)"},
    "col_platform": {"id": "Platform", "en": "Platform"},
    "col_text": {"id": "Teks", "en": "Text"},
    "col_match": {"id": "Kecocokan dengan klaim", "en": "Match with the claim"},
    "col_model": {"id": "Label model", "en": "Model label"},
    "col_confidence": {"id": "Keyakinan", "en": "Confidence"},
    "min_confidence": {"id": "Keyakinan sentimen minimum", "en": "Minimum sentiment confidence"},
    "min_confidence_help": {
        "id": "Teks yang label sentimennya kurang yakin dari nilai ini tetap dihitung dalam "
              "volume, tetapi tidak dalam porsi sentimen. 0 = semua dihitung.",
        "en": "Texts whose sentiment label is less certain than this still count in the "
              "volume, not in the sentiment shares. 0 = count all.",
    },
    "empty_store": {
        "id": "Belum ada data. Buka halaman **Unggah** untuk mengimpor ekspor CSV/XLSX, atau "
        "jalankan `make run` untuk data demo.",
        "en": "No data yet. Open **Upload** to import a CSV/XLSX export, or run `make run` "
        "for the demo data.",
    },
    "n_texts": {"id": "{n} teks", "en": "{n} texts"},
    "bucket_day": {"id": "hari", "en": "day"},
    "bucket_week": {"id": "minggu", "en": "week"},
    "bucket_month": {"id": "bulan", "en": "month"},
    "axis_time": {"id": "Waktu (WIB)", "en": "Time (WIB)"},
    "axis_count": {"id": "Jumlah teks", "en": "Texts"},
    "axis_share": {"id": "Porsi", "en": "Share"},
    "positive": {"id": "Positif", "en": "Positive"},
    "neutral": {"id": "Netral", "en": "Neutral"},
    "negative": {"id": "Negatif", "en": "Negative"},
    "open_post": {"id": "Buka unggahan", "en": "Open post"},
    "filter_query": {"id": "Kata kunci", "en": "Keywords"},
    "filter_query_hint": {"id": "mis. tilang -motor", "en": "e.g. tilang -motor"},
    "filter_query_help": {
        "id": "Semua kata harus ada di teks; kata berawalan - tidak boleh ada.",
        "en": "Every word must occur in the text; words starting with - must not.",
    },
    "filter_sentiment": {"id": "Sentimen", "en": "Sentiment"},
    "filter_kind": {"id": "Jenis teks", "en": "Text kind"},
    "filter_source": {"id": "Sumber / media", "en": "Source / outlet"},
    "filter_all": {"id": "Semua", "en": "All"},
    "kind_post": {"id": "Unggahan", "en": "Post"},
    "kind_comment": {"id": "Komentar", "en": "Comment"},
    "kind_article": {"id": "Artikel berita", "en": "News article"},
    "bucket_hour": {"id": "jam", "en": "hour"},
    "col_source": {"id": "Sumber", "en": "Source"},
    "col_author": {"id": "Akun / penulis", "en": "Account / author"},
    "col_sentiment": {"id": "Sentimen", "en": "Sentiment"},
    "col_hoax": {"id": "Skor hoaks", "en": "Hoax score"},
    "col_engagement": {"id": "Interaksi", "en": "Engagement"},
    "col_link": {"id": "Tautan", "en": "Link"},
    "posts_none": {"id": "Tidak ada teks untuk pilihan ini.", "en": "No texts for this choice."},
    "posts_open": {"id": "buka", "en": "open"},
    "bucket_pick": {"id": "Tampilkan per", "en": "Show per"},
    "bucket_auto": {"id": "otomatis ({b})", "en": "automatic ({b})"},
    "bucket_hour_long": {
        "id": "Per jam hanya untuk periode sampai 31 hari; ditampilkan per hari.",
        "en": "Hourly only for periods up to 31 days; shown per day.",
    },
    "drill_hint": {
        "id": "Klik sebuah batang untuk melihat teks di baliknya.",
        "en": "Click a bar to see the texts behind it.",
    },
    "drill_title": {"id": "Teks: {what} ({n})", "en": "Texts: {what} ({n})"},
    "drill_back": {"id": "Kembali", "en": "Back"},
    "drill_capped": {
        "id": "Menampilkan 500 teks terbaru; persempit filter untuk melihat sisanya.",
        "en": "Showing the newest 500 texts; narrow the filters to see the rest.",
    },
    "nav_explore": {"id": "Jelajah", "en": "Explore"},
    "nav_reports": {"id": "Laporan", "en": "Reports"},
}
