"""Interface text of the Ringkasan (overview) page: KPIs against the previous period,
the trend charts, the hoax alerts and the spikes section."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "uncertain_note": {
        "id": "{n} teks di bawah ambang keyakinan {c} tidak dihitung dalam porsi sentimen.",
        "en": "{n} texts below the confidence threshold {c} are left out of the sentiment "
              "shares.",
    },
    "kpi_volume": {"id": "Volume teks", "en": "Text volume"},
    "kpi_positive": {"id": "Positif", "en": "Positive"},
    "kpi_negative": {"id": "Negatif", "en": "Negative"},
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
    "chart_volume": {"id": "Volume per {b}", "en": "Volume per {b}"},
    "chart_sentiment": {"id": "Porsi sentimen per {b}", "en": "Sentiment share per {b}"},
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
    # --- spikes -------------------------------------------------------------------------------
    "spike_title": {"id": "Lonjakan", "en": "Spikes"},
    "spike_chart": {"id": "Volume per {b} dan lonjakan", "en": "Volume per {b} and spikes"},
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
}
