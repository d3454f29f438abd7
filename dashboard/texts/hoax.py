"""Interface text of the Hoaks page: scored texts with their evidence, the follow-up
workflow, spreading claims, coordinated clusters and the fact-check bank."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
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
    "evidence_score": {"id": "peluang mengulang klaim", "en": "probability it repeats the claim"},
    "evidence_denies": {"id": "Membantah klaim terbantah", "en": "Denies a debunked claim"},
    "evidence_denies_note": {
        "id": "Teks ini membantah klaim tersebut: ikut meluruskan, tidak menaikkan skor hoaks.",
        "en": "This text denies the claim: it helps correct it and does not raise the hoax "
              "score."},
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
    "why_start": {"id": "Titik awal", "en": "Starting point"},
    "why_total": {"id": "Skor hoaks", "en": "Hoax score"},
    "why_note": {
        "id": "Skor hoaks = sigmoid(titik awal {b} + jumlah sumbangan): baris terakhir adalah "
              "skor di kartu. Bobot ditetapkan pada unggahan berlabel (klaim yang diulang, "
              "dibantah, atau hanya setopik); titik awal mengasumsikan sekitar 1 dari 10 teks "
              "yang dipantau adalah hoaks.",
        "en": "Hoax score = sigmoid(starting point {b} + sum of contributions): the last row is "
              "the score on the card. Weights were set on labelled posts (claims repeated, "
              "denied, or only on the same topic); the starting point assumes about 1 in 10 "
              "monitored texts is a hoax.",
    },
    "coord_badge": {"id": "Terkoordinasi", "en": "Coordinated"},
    "coord_text": {"id": "{a} akun memposting teks yang hampir sama dalam {m} menit ({p} unggahan)",
                   "en": "{a} accounts posted nearly the same text within {m} minutes "
                         "({p} posts)"},
    "coord_none": {"id": "Tidak ada kluster: tidak ada teks yang hampir sama dari ≥ {n} akun "
                         "dalam {m} menit pada filter ini.",
                   "en": "No clusters: no nearly identical text from ≥ {n} accounts within "
                         "{m} minutes for these filters."},
    "coord_official_badge": {"id": "Amplifikasi akun resmi", "en": "Official amplification"},
    "coord_official_note": {"id": "Akun resmi ikut memposting ({a}): pengumuman resmi yang "
                                  "disebarkan ulang, tidak dihitung sebagai bukti hoaks.",
                            "en": "Official accounts took part ({a}): an official announcement "
                                  "being shared, not counted as hoax evidence."},
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
        "id": "Tidak mengulang klaim terbantah mana pun.",
        "en": "Repeats no debunked claim.",
    },
    "evidence_same_topic": {
        "id": "Setopik dengan klaim terbantah «{title}», tetapi tidak mengulangnya: tidak "
              "menaikkan skor hoaks.",
        "en": "On the topic of the debunked claim «{title}», but does not repeat it: it does "
              "not raise the hoax score.",
    },
    "evidence_similarity": {"id": "kemiripan", "en": "similarity"},
    "evidence_head": {"id": "Pengklasifikasi narasi", "en": "Narrative classifier"},
    "evidence_link": {"id": "Sumber periksa fakta", "en": "Fact-check source"},
    "col_hoax_status": {"id": "Status hoaks", "en": "Hoax status"},
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
    "spread_col_denials": {"id": "Bantahan", "en": "Denials"},
    "spread_col_denials_help": {
        "id": "Teks dalam periode yang membantah klaim ini: siapa yang ikut meluruskannya.",
        "en": "Texts in the period that deny this claim: who is helping to correct it."},
    "spread_denials": {
        "id": "{n} dari {total} teks yang membantah klaim ini, terbaru dulu:",
        "en": "{n} of {total} texts denying this claim, newest first:"},
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
}
