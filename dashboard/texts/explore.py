"""Interface text of the Jelajah (explore) page: search, sort and in-place edits."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
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
