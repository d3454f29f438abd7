"""Interface text of the analytics features: spikes (``spike_``), narratives (``narr_``) and
watched entities (``ent_``)."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    # --- spikes -------------------------------------------------------------------------------
    "spike_title": {"id": "Lonjakan", "en": "Spikes"},
    "spike_chart": {"id": "Volume per {b} dan lonjakan", "en": "Volume per {b} and spikes"},
    "ent_drill_hint": {
        "id": "Klik sebuah batang untuk melihat teks entitas itu pada waktu itu.",
        "en": "Click a bar for that entity's texts at that time.",
    },
    "narr_drill_hint": {
        "id": "Klik sebuah batang untuk melihat teks sampel narasi itu pada waktu itu.",
        "en": "Click a bar for that narrative's sampled texts at that time.",
    },
    "narr_drill_sample": {
        "id": "Hanya teks sampel yang dikelompokkan; Jelajah mencari di semua teks.",
        "en": "Only the sampled texts that were grouped; Jelajah searches every text.",
    },
    "spike_drill_hint": {
        "id": "Klik sebuah batang atau tanda lonjakan untuk melihat teks di baliknya; pilih "
              "lonjakan di bawah untuk melihat penyebabnya.",
        "en": "Click a bar or a spike marker for the texts behind it; pick a spike below for "
              "its cause.",
    },
    "spike_volume": {"id": "Teks", "en": "Texts"},
    "spike_baseline": {"id": "Garis dasar (median sebelumnya)",
                       "en": "Baseline (earlier median)"},
    "spike_observed": {"id": "Teramati", "en": "Observed"},
    "spike_volume_spike": {"id": "Lonjakan volume", "en": "Volume spike"},
    "spike_negative_spike": {"id": "Lonjakan sentimen negatif", "en": "Negative-share spike"},
    "spike_sensitivity": {"id": "Ambang lonjakan (skor z)", "en": "Spike threshold (z-score)"},
    "spike_sensitivity_help": {
        "id": "Seberapa jauh sebuah {b} harus di atas garis dasarnya agar disebut lonjakan, "
              "dalam satuan simpangan robust. Garis dasar = median {w} {b} sebelumnya (untuk "
              "jam: jam yang sama pada {w} hari sebelumnya). Lebih kecil = lebih banyak "
              "lonjakan. Minimal {m} teks per lonjakan.",
        "en": "How far a {b} must rise above its baseline to count as a spike, in robust "
              "deviations. Baseline = the median of the {w} {b}s before it (for hours: the "
              "same hour on the {w} days before). Lower = more spikes. At least {m} texts per "
              "spike.",
    },
    "spike_none": {
        "id": "Tidak ada lonjakan pada periode ini: setiap {b} dekat dengan garis dasarnya.",
        "en": "No spikes in this period: every {b} stays close to its baseline.",
    },
    "spike_found": {"id": "{n} lonjakan ditemukan. Pilih satu untuk melihat penyebabnya.",
                    "en": "{n} spikes found. Pick one to see what caused it."},
    "spike_pick": {"id": "Lonjakan", "en": "Spike"},
    "spike_item_volume": {"id": "{when}: {obs} teks, {ratio}× biasanya ({base})",
                          "en": "{when}: {obs} texts, {ratio}× the usual ({base})"},
    "spike_item_volume_new": {"id": "{when}: {obs} teks (biasanya hampir tidak ada)",
                              "en": "{when}: {obs} texts (usually next to none)"},
    "spike_item_negative": {"id": "{when}: {obs} negatif (biasanya {base}, +{points} poin)",
                            "en": "{when}: {obs} negative (usually {base}, +{points} points)"},
    "spike_terms": {"id": "Kata yang menonjol", "en": "Distinctive words"},
    "spike_terms_help": {
        "id": "Kata yang jauh lebih sering muncul pada lonjakan ini dibanding garis dasarnya "
              "(log-odds dengan prior; tiap teks dihitung sekali).",
        "en": "Words far more frequent in this spike than in its baseline (log-odds with a "
              "prior; each text counts once).",
    },
    "spike_terms_none": {"id": "Tidak ada kata yang menonjol: teksnya beragam.",
                         "en": "No word stands out: the texts are varied."},
    "spike_accounts": {"id": "Akun paling aktif", "en": "Most active accounts"},
    "spike_examples": {"id": "Contoh unggahan", "en": "Example posts"},
    "spike_copies": {"id": "{n} teks serupa", "en": "{n} similar texts"},
    "spike_col_term": {"id": "Kata", "en": "Word"},
    "spike_col_n": {"id": "Teks", "en": "Texts"},
    "spike_col_before": {"id": "Teks di garis dasar", "en": "Texts in the baseline"},
    "spike_col_author": {"id": "Akun", "en": "Account"},
    "spike_col_source": {"id": "Sumber", "en": "Source"},
    "spike_col_engagement": {"id": "Interaksi", "en": "Engagement"},
    "spike_bucket_hour": {"id": "jam", "en": "hour"},
    "spike_bucket_day": {"id": "hari", "en": "day"},
    "spike_bucket_week": {"id": "minggu", "en": "week"},
    # --- watched entities ----------------------------------------------------------------------
    "ent_nav": {"id": "Entitas", "en": "Watched entities"},
    "ent_title": {"id": "Entitas yang dipantau", "en": "Watched entities"},
    "ent_intro": {
        "id": "Nama, jabatan, program atau topik yang ingin Anda ikuti. Setiap entitas punya "
              "kueri pencarian; Pantau menghitung teks yang cocok, sentimennya, porsi suaranya "
              "dan akun yang paling banyak membicarakannya.",
        "en": "Names, offices, programmes or topics you want to follow. Each entity has a "
              "search query; Pantau counts the texts it matches, their sentiment, its share of "
              "voice and the accounts that talk about it most.",
    },
    "ent_manage": {"id": "Daftar pantau ({n} entitas)", "en": "Watchlist ({n} entities)"},
    "ent_empty": {"id": "Daftar pantau masih kosong. Tambahkan entitas di bawah, atau mulai "
                        "dengan daftar contoh untuk Bidhumas Polda.",
                  "en": "The watchlist is empty. Add an entity below, or start with the "
                        "example list for a Bidhumas Polda."},
    "ent_seed": {"id": "Tambahkan daftar contoh: {names}",
                 "en": "Add the example list: {names}"},
    "ent_seed_help": {"id": "Kuerinya bisa dilihat di tabel setelah ditambahkan; hapus yang "
                            "tidak perlu.",
                      "en": "Their queries show in the table once added; remove what you do "
                            "not need."},
    "ent_col_name": {"id": "Entitas", "en": "Entity"},
    "ent_col_query": {"id": "Kueri", "en": "Query"},
    "ent_col_by": {"id": "Ditambahkan oleh", "en": "Added by"},
    "ent_col_at": {"id": "Ditambahkan (WIB)", "en": "Added (WIB)"},
    "ent_add": {"id": "Tambah entitas", "en": "Add an entity"},
    "ent_name": {"id": "Nama", "en": "Name"},
    "ent_name_hint": {"id": "mis. Polda Metro Jaya", "en": "e.g. Polda Metro Jaya"},
    "ent_query": {"id": "Kueri", "en": "Query"},
    "ent_query_hint": {"id": '"polda metro" OR kapolda -hoaks',
                       "en": '"polda metro" OR kapolda -hoaks'},
    "ent_query_help": {
        "id": "Kata utuh, huruf besar/kecil sama saja (#polri juga cocok dengan polri). "
              '"dua kata" = frasa; spasi atau AND = keduanya; OR = salah satu; NOT atau '
              "-kata = tanpa kata itu; tanda kurung untuk mengelompokkan; tilang* = kata yang "
              "diawali tilang. DAN, ATAU, BUKAN juga bisa.",
        "en": "Whole words, any case (#polri matches polri too). \"two words\" = a phrase; "
              "a space or AND = both; OR = either; NOT or -word = without that word; "
              "parentheses group; tilang* = words starting with tilang. DAN, ATAU, BUKAN "
              "work too.",
    },
    "ent_add_button": {"id": "Tambahkan", "en": "Add"},
    "ent_added": {"id": "{name} ditambahkan ke daftar pantau.",
                  "en": "{name} added to the watchlist."},
    "ent_remove": {"id": "Hapus entitas", "en": "Remove an entity"},
    "ent_remove_button": {"id": "Hapus", "en": "Remove"},
    "ent_removed": {"id": "{name} dihapus dari daftar pantau.",
                    "en": "{name} removed from the watchlist."},
    "ent_view_only": {"id": "Hanya analis yang dapat mengubah daftar pantau.",
                      "en": "Only analysts can change the watchlist."},
    "ent_err_empty": {"id": "Kueri kosong: ketik kata yang dicari, mis. polda.",
                      "en": "The query is empty: type a word to look for, e.g. polda."},
    "ent_err_too_long": {"id": "Kueri terlalu panjang (maksimal {p} karakter).",
                         "en": "The query is too long (at most {p} characters)."},
    "ent_err_too_many_words": {"id": "Kueri memuat terlalu banyak kata (maksimal {p}).",
                               "en": "The query has too many words (at most {p})."},
    "ent_err_unclosed_quote": {"id": "Tanda kutip di posisi {p} tidak ditutup.",
                               "en": "The quote at position {p} is not closed."},
    "ent_err_unclosed_paren": {"id": "Kurung buka di posisi {p} tidak ditutup.",
                               "en": "The '(' at position {p} is not closed."},
    "ent_err_stray_close": {"id": "Kurung tutup di posisi {p} tidak punya pasangan.",
                            "en": "The ')' at position {p} closes nothing."},
    "ent_err_word_after": {"id": "{w} di posisi {p} harus diikuti kata.",
                           "en": "{w} at position {p} needs a word after it."},
    "ent_err_words_around": {"id": "{w} di posisi {p} harus diapit dua kata.",
                             "en": "{w} at position {p} needs a word before and after it."},
    "ent_err_empty_phrase": {"id": "Frasa kosong di posisi {p}: isi kata di antara tanda kutip.",
                             "en": "Empty phrase at position {p}: put words between the "
                                   "quotes."},
    "ent_err_no_letters": {"id": "{w} di posisi {p} tidak memuat huruf atau angka.",
                           "en": "{w} at position {p} holds no letter or digit."},
    "ent_err_only_excludes": {
        "id": "Kueri hanya berisi pengecualian: tambahkan kata yang dicari, mis. polda -tilang.",
        "en": "The query only excludes: add a word to look for, e.g. polda -tilang.",
    },
    "ent_err_name_empty": {"id": "Beri nama entitas, mis. Polda Metro Jaya.",
                           "en": "Give the entity a name, e.g. Polda Metro Jaya."},
    "ent_err_name_invalid": {"id": "Nama entitas maksimal 60 karakter biasa.",
                             "en": "An entity's name is at most 60 plain characters."},
    "ent_err_name_taken": {"id": "{name} sudah dipantau: hapus dulu untuk mengubah kuerinya.",
                           "en": "{name} is already watched: remove it first to change its "
                                 "query."},
    "ent_err_unknown": {"id": "Entitas tidak ada di daftar pantau.",
                        "en": "That entity is not on the watchlist."},
    "ent_tab_voice": {"id": "Porsi suara", "en": "Share of voice"},
    "ent_tab_sentiment": {"id": "Sentimen", "en": "Sentiment"},
    "ent_tab_accounts": {"id": "Akun dan unggahan", "en": "Accounts and posts"},
    "ent_measure": {"id": "Ukuran", "en": "Measure"},
    "ent_measure_share_of_voice": {"id": "Porsi suara", "en": "Share of voice"},
    "ent_measure_n": {"id": "Jumlah teks", "en": "Texts"},
    "ent_measure_share_of_texts": {"id": "Porsi dari semua teks", "en": "Share of all texts"},
    "ent_measure_help": {
        "id": "Porsi suara = teks tentang entitas ÷ jumlah teks semua entitas yang dipantau "
              "(total 100%; teks yang menyebut dua entitas dihitung untuk keduanya). Porsi "
              "dari semua teks = teks tentang entitas ÷ semua teks dalam filter.",
        "en": "Share of voice = texts about the entity ÷ texts about all watched entities "
              "(adds up to 100%; a text naming two entities counts for both). Share of all "
              "texts = texts about the entity ÷ every text within the filters.",
    },
    "ent_chart_voice": {"id": "{m} per {b}", "en": "{m} per {b}"},
    "ent_chart_sentiment": {"id": "Sentimen per entitas", "en": "Sentiment per entity"},
    "ent_net": {"id": "bersih", "en": "net"},
    "ent_table": {"id": "Ringkasan periode", "en": "Period summary"},
    "ent_col_n": {"id": "Teks", "en": "Texts"},
    "ent_col_voice": {"id": "Porsi suara", "en": "Share of voice"},
    "ent_col_texts_share": {"id": "Porsi semua teks", "en": "Share of all texts"},
    "ent_col_net": {"id": "Sentimen bersih", "en": "Net sentiment"},
    "ent_col_negative": {"id": "Negatif", "en": "Negative"},
    "ent_col_accounts": {"id": "Akun", "en": "Accounts"},
    "ent_col_engagement": {"id": "Interaksi", "en": "Engagement"},
    "ent_none_found": {"id": "Tidak ada teks yang cocok dengan entitas yang dipantau pada "
                             "periode dan platform ini.",
                       "en": "No text matches the watched entities in this period and on "
                             "these platforms."},
    "ent_pick": {"id": "Entitas", "en": "Entity"},
    "ent_rank": {"id": "Urutkan akun menurut", "en": "Rank accounts by"},
    "ent_rank_posts": {"id": "Jumlah unggahan", "en": "Posts"},
    "ent_rank_engagement": {"id": "Interaksi (suka + bagikan + balasan)",
                            "en": "Engagement (likes + shares + replies)"},
    "ent_col_author": {"id": "Akun", "en": "Account"},
    "ent_col_source": {"id": "Sumber", "en": "Source"},
    "ent_col_posts": {"id": "Unggahan", "en": "Posts"},
    "ent_posts": {"id": "Unggahan dengan interaksi terbanyak",
                  "en": "Most engaged posts"},
    # --- narratives ----------------------------------------------------------------------------
    # --- claims spreading (Hoaks page) ---------------------------------------------------------
    "spread_tab": {"id": "Klaim yang beredar", "en": "Claims spreading"},
    "spread_none": {
        "id": "Tidak ada teks dalam filter ini yang mengulang klaim yang sudah dibantah di bank "
              "klaim.",
        "en": "No text within these filters repeats a claim the claim bank has debunked.",
    },
    "spread_intro": {
        "id": "Klaim yang sudah dibantah (bank klaim) dan diulang oleh teks dalam filter ini "
              "(kecocokan \"cocok\" atau \"mirip\"), yang paling banyak diulang dalam 24 jam "
              "terakhir lebih dulu. \"Sekarang\" = teks terbaru dalam filter: {now} WIB.",
        "en": "Claims the claim bank has debunked that texts within these filters repeat "
              "(\"cocok\" or \"mirip\" matches), most repeated in the last 24 hours first. "
              "\"Now\" is the newest text within the filters: {now} WIB.",
    },
    "spread_col_claim": {"id": "Klaim (dibantah)", "en": "Claim (debunked)"},
    "spread_col_status": {"id": "Tindak lanjut", "en": "Follow-up"},
    "spread_col_24h": {"id": "24 jam terakhir", "en": "Last 24 h"},
    "spread_col_24h_help": {
        "id": "Teks yang mengulang klaim ini dalam 24 jam sebelum teks terbaru dalam filter.",
        "en": "Texts repeating this claim in the 24 hours before the newest text within the "
              "filters.",
    },
    "spread_col_change": {"id": "vs 24 jam sebelumnya", "en": "vs 24 h before"},
    "spread_col_change_help": {
        "id": "Selisih dengan 24 jam sebelum itu: positif berarti klaim ini sedang naik.",
        "en": "The difference from the 24 hours before those: positive means the claim is "
              "rising.",
    },
    "spread_col_posts": {"id": "Teks", "en": "Texts"},
    "spread_col_confirmed": {"id": "Cocok", "en": "Cocok"},
    "spread_col_confirmed_help": {
        "id": "Teks yang kecocokannya \"cocok\" (terkonfirmasi); sisanya \"mirip\" (saran, "
              "perlu dicek).",
        "en": "Texts whose match is \"cocok\" (confirmed); the rest are \"mirip\" (suggested, "
              "to check).",
    },
    "spread_col_accounts": {"id": "Akun", "en": "Accounts"},
    "spread_col_trend": {"id": "Tren harian", "en": "Daily trend"},
    "spread_col_trend_help": {
        "id": "Teks per hari selama {n} hari sampai teks terbaru dalam filter.",
        "en": "Texts a day over the {n} days up to the newest text within the filters.",
    },
    "spread_col_last": {"id": "Terakhir terlihat", "en": "Last seen"},
    "spread_col_platforms": {"id": "Platform", "en": "Platforms"},
    "spread_col_link": {"id": "Klarifikasi", "en": "Debunk"},
    "spread_pick": {
        "id": "Pilih sebuah baris (kotak di kiri) untuk melihat bantahan dan teks-teksnya.",
        "en": "Pick a row (the box on its left) for the debunk and its texts.",
    },
    "spread_posts": {
        "id": "{n} dari {total} teks yang mengulang klaim ini, terbaru dulu.",
        "en": "{n} of the {total} texts repeating this claim, newest first.",
    },
    "bank_tab": {"id": "Bank klaim", "en": "Claim bank"},
    "bank_search": {"id": "Cari di bank (kata dalam klaim atau fakta)",
                    "en": "Search the bank (words in the claim or the fact)"},
    "bank_count": {"id": "{n} entri cocok; {s} ditampilkan, terbaru dulu.",
                   "en": "{n} matching entries; {s} shown, newest first."},
    "bank_col_kind": {"id": "Jenis", "en": "Kind"},
    "bank_kind_hoaks": {"id": "hoaks (dibantah)", "en": "hoax (debunked)"},
    "bank_kind_fakta": {"id": "fakta", "en": "fact"},
    "bank_col_claim": {"id": "Klaim", "en": "Claim"},
    "bank_col_fact": {"id": "Fakta", "en": "Fact"},
    "bank_col_date": {"id": "Tanggal", "en": "Date"},
    "bank_col_source": {"id": "Sumber", "en": "Source"},
    "bank_col_link": {"id": "Tautan", "en": "Link"},
    "bank_add": {"id": "Tambah entri ke bank", "en": "Add an entry to the bank"},
    "bank_claim": {"id": "Klaim yang beredar", "en": "Claim in circulation"},
    "bank_claim_help": {
        "id": "Tulis klaimnya seperti yang beredar; teks yang mirip akan dicocokkan dengannya.",
        "en": "Write the claim as it circulates; similar texts will be matched against it.",
    },
    "bank_fact": {"id": "Fakta / penjelasan", "en": "Fact / explanation"},
    "bank_verdict": {"id": "Putusan", "en": "Verdict"},
    "bank_verdict_salah": {"id": "Salah (hoaks)", "en": "False (hoax)"},
    "bank_verdict_benar": {"id": "Benar (fakta)", "en": "True (fact)"},
    "bank_link": {"id": "Tautan klarifikasi (opsional)", "en": "Clarification link (optional)"},
    "bank_need_both": {"id": "Isi klaimnya dan faktanya.",
                       "en": "Fill in the claim and its fact."},
    "bank_bad_link": {"id": "Tautan harus alamat web (https://...).",
                      "en": "The link must be a web address (https://...)."},
    "bank_save": {"id": "Simpan entri", "en": "Save entry"},
    "bank_added": {
        "id": "Entri disimpan di bank. Dipakai untuk teks yang dinilai sesudah ini; teks lama "
              "dinilai ulang dengan bank baru pada penilaian berikutnya (pantau score).",
        "en": "Entry saved in the bank. It is used for texts scored from now on; older texts "
              "are scored again with the new bank at the next scoring (pantau score).",
    },
    "evidence_fact_entry": {"id": "Fakta terkonfirmasi yang mirip",
                            "en": "Similar confirmed fact"},
    "wf_as_fact": {"id": "Jika bukan hoaks: masukkan teks ini ke bank sebagai fakta",
                   "en": "If not a hoax: add this text to the bank as a fact"},
    "wf_as_fact_help": {
        "id": "Unggahan lain yang mengulang teks ini akan menampilkan entri fakta ini sebagai "
              "bukti, dan kecocokan dengan fakta tidak menaikkan skor hoaks. Catatan menjadi "
              "penjelasan faktanya.",
        "en": "Other posts repeating this text will show this fact entry as evidence, and a "
              "match with a fact does not raise the hoax score. The note becomes the fact's "
              "explanation.",
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
