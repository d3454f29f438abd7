"""Interface text of the filters, the overview (Ringkasan) and Jelajah (explore)."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
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
    "delta_pp": {"id": "{d} poin", "en": "{d} pts"},
    "kpi_clusters": {"id": "Kluster aktif", "en": "Active clusters"},
    "kpi_clusters_help": {
        "id": "Kluster terkoordinasi: kelompok teks hampir sama yang diposting banyak akun "
              "dalam waktu singkat.",
        "en": "Coordinated clusters: groups of near-identical texts posted by many accounts "
              "within a short time.",
    },
    "compare_note": {
        "id": "Perubahan dibanding periode sebelumnya dengan panjang sama ({a}–{b}).",
        "en": "Changes against the previous period of the same length ({a}–{b}).",
    },
    "compare_none": {
        "id": "Tidak ada data pada periode sebelumnya untuk pembanding.",
        "en": "No data in the previous period to compare with.",
    },
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
    "alerts_title": {"id": "Peringatan hoaks", "en": "Hoax alerts"},
    "alerts_none": {
        "id": "Tidak ada teks dengan skor hoaks ≥ {t} pada pilihan ini.",
        "en": "No text with a hoax score ≥ {t} in this selection.",
    },
    "alerts_claim": {"id": "mengulang klaim", "en": "repeats the claim"},
    "alerts_spreading": {
        "id": "Klaim yang sudah dibantah dan masih diulang (kecocokan \"cocok\"; semua di tab "
              "Klaim yang beredar, halaman Hoaks)",
        "en": "Debunked claims still being repeated (\"cocok\" matches; all of them in the "
              "Claims spreading tab of the Hoaxes page)",
    },
    "alerts_spreading_counts": {
        "id": "{n} teks ({c} cocok) dari {a} akun, {d} dalam 24 jam terakhir",
        "en": "{n} texts ({c} cocok) from {a} accounts, {d} in the last 24 hours",
    },
    "alerts_more": {"id": "Semua bukti di halaman Hoaks", "en": "All evidence on the Hoaxes page"},
    "nav_explore": {"id": "Jelajah", "en": "Explore"},
    "explore_title": {"id": "Jelajah teks", "en": "Explore texts"},
    "explore_intro": {
        "id": "Cari di semua teks sesuai filter di samping. Klik judul kolom untuk mengurutkan. "
              "Analis dapat memindahkan status hoaks dan mengoreksi sentimen langsung di dua "
              "kolom pertama, lalu menyimpan.",
        "en": "Search all texts within the filters on the side. Click a column header to sort. "
              "Analysts can move a hoax status and correct the sentiment right in the first two "
              "columns, then save.",
    },
    "explore_search": {"id": "Cari", "en": "Search"},
    "explore_order": {"id": "Urutkan", "en": "Sort by"},
    "explore_limit": {"id": "Maks. baris", "en": "Max rows"},
    "explore_count": {"id": "{n} teks ditampilkan.", "en": "{n} texts shown."},
    "explore_capped": {
        "id": "Batas tercapai: persempit pencarian atau filter.",
        "en": "Limit reached: narrow the search or the filters.",
    },
    "order_newest": {"id": "terbaru", "en": "newest"},
    "order_oldest": {"id": "terlama", "en": "oldest"},
    "order_uncertain": {"id": "sentimen paling ragu", "en": "least certain sentiment"},
    "order_hoax": {"id": "skor hoaks tertinggi", "en": "highest hoax score"},
    "order_engagement": {"id": "interaksi terbanyak", "en": "most engagement"},
    "col_hoax_status": {"id": "Status hoaks", "en": "Hoax status"},
    "explore_status_help": {
        "id": "Tahap tindak lanjut: baru → diverifikasi → diklarifikasi → dilaporkan, atau "
              "bukan hoaks.",
        "en": "Follow-up step: new → verified → clarified → reported, or not a hoax.",
    },
    "explore_bad_step": {
        "id": "Status tidak dapat diubah dari {a} ke {b}; perubahan ini tidak disimpan.",
        "en": "A status cannot go from {a} to {b}; this change is not saved.",
    },
    "explore_save": {"id": "Simpan {n} perubahan", "en": "Save {n} changes"},
    "explore_saved": {
        "id": "{n} perubahan disimpan atas nama {who}.",
        "en": "{n} changes saved as {who}.",
    },
    "explore_edit_note": {
        "id": "Koreksi sentimen dipakai untuk mengukur dan melatih ulang model; riwayat status "
              "ada di halaman Hoaks.",
        "en": "Sentiment corrections measure and retrain the model; the status history is on "
              "the Hoaxes page.",
    },
}
