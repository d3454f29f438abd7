"""Interface text of the Narasi (narratives) page."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "narr_drill_hint": {
        "id": "Klik sebuah batang untuk melihat teks sampel narasi itu pada waktu itu.",
        "en": "Click a bar for that narrative's sampled texts at that time.",
    },
    "narr_drill_sample": {
        "id": "Hanya teks sampel yang dikelompokkan; Jelajah mencari di semua teks.",
        "en": "Only the sampled texts that were grouped; Jelajah searches every text.",
    },
    "narr_nav": {"id": "Narasi", "en": "Narratives"},
    "narr_title": {"id": "Narasi yang beredar", "en": "Narratives in circulation"},
    "narr_intro": {
        "id": "Pantau mengelompokkan teks periode ini menurut kemiripan maknanya (model e5 "
              "bawaan) dan memberi tiap kelompok kata-kata cirinya, dari sampel tetap hingga "
              "{n} teks. Teks yang sudah dinilai langsung dikelompokkan; teks tanpa embedding "
              "menunggu tombol.",
        "en": "Pantau groups the texts of this period by similar meaning (the built-in e5 "
              "model) and labels each group with its characteristic words, on a fixed sample "
              "of up to {n} texts. Scored texts are grouped at once; texts without an "
              "embedding wait for the button.",
    },
    "narr_k": {"id": "Jumlah narasi", "en": "Number of narratives"},
    "narr_k_auto": {"id": "otomatis", "en": "automatic"},
    "narr_k_help": {
        "id": "Otomatis: Pantau mencoba 2 sampai 12 kelompok dan memilih pemisahan terbaik "
              "(silhouette).",
        "en": "Automatic: Pantau tries 2 to 12 groups and keeps the best-separated one "
              "(silhouette).",
    },
    "narr_run": {"id": "Kelompokkan narasi", "en": "Find narratives"},
    "narr_rerun": {"id": "Hitung ulang", "en": "Run again"},
    "narr_press": {
        "id": "Tekan Kelompokkan narasi untuk memulai. Teks yang belum punya embedding "
              "dihitung sekali lalu disimpan (sekitar 100 teks per detik di CPU).",
        "en": "Press Find narratives to start. Texts without an embedding are encoded once "
              "and stored (about 100 texts a second on a CPU).",
    },
    "narr_common": {
        "id": "Kata yang ada di sebagian besar teks (tidak dipakai sebagai ciri narasi): {w}",
        "en": "Words in most texts (not used to tell narratives apart): {w}",
    },
    "narr_auto": {"id": "Mengelompokkan narasi…", "en": "Grouping narratives…"},
    "narr_loading": {"id": "Memuat model…", "en": "Loading the model…"},
    "narr_progress": {"id": "Embedding {d} dari {n} teks", "en": "Embedding {d} of {n} texts"},
    "narr_clustering": {"id": "Mengelompokkan…", "en": "Clustering…"},
    "narr_summary": {
        "id": "{k} narasi dari {s} teks sampel (dari {n} teks dalam filter).",
        "en": "{k} narratives from {s} sampled texts (of {n} texts within the filters).",
    },
    "narr_table": {"id": "Narasi, dari yang terbesar", "en": "Narratives, largest first"},
    "narr_col_label": {"id": "Narasi (kata ciri)", "en": "Narrative (characteristic words)"},
    "narr_col_size": {"id": "Teks sampel", "en": "Sampled texts"},
    "narr_col_estimated": {"id": "≈ Teks", "en": "≈ Texts"},
    "narr_col_estimated_help": {"id": "Perkiraan untuk semua teks dalam filter.",
                                "en": "Estimated over all texts within the filters."},
    "narr_col_share": {"id": "Porsi", "en": "Share"},
    "narr_col_negative": {"id": "Negatif", "en": "Negative"},
    "narr_col_positive": {"id": "Positif", "en": "Positive"},
    "narr_col_hoax": {"id": "Terindikasi hoaks", "en": "Hoax-flagged"},
    "narr_col_hoax_help": {"id": "Porsi teks dengan skor hoaks ≥ {t}.",
                           "en": "Share of texts with a hoax score ≥ {t}."},
    "narr_tab_time": {"id": "Pergerakan", "en": "Over time"},
    "narr_tab_sentiment": {"id": "Sentimen", "en": "Sentiment"},
    "narr_tab_posts": {"id": "Unggahan per narasi", "en": "Posts per narrative"},
    "narr_chart_time": {"id": "Teks sampel per {b} dan narasi",
                        "en": "Sampled texts per {b} and narrative"},
    "narr_chart_sentiment": {"id": "Sentimen per narasi", "en": "Sentiment per narrative"},
    "narr_pick": {"id": "Narasi", "en": "Narrative"},
    "narr_examples": {"id": "Paling khas (terdekat ke pusat kelompok)",
                      "en": "Most typical (closest to the group's centre)"},
    "narr_all_posts": {"id": "Semua teks sampel dalam narasi ini ({n})",
                       "en": "All sampled texts in this narrative ({n})"},
    "narr_col_similarity": {"id": "Kemiripan", "en": "Similarity"},
    "narr_stale": {"id": "Hasil ini untuk filter sebelumnya; tekan Kelompokkan narasi.",
                   "en": "These results are for earlier filters; press Find narratives."},
}
