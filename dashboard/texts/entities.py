"""Interface text of the Entitas (watched entities) page."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "ent_drill_hint": {
        "id": "Klik sebuah batang untuk melihat teks entitas itu pada waktu itu.",
        "en": "Click a bar for that entity's texts at that time.",
    },
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
}
