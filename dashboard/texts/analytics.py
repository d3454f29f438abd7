"""Interface text of the analytics features: spikes (``spike_``), narratives (``narr_``) and
watched entities (``ent_``)."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    # --- spikes -------------------------------------------------------------------------------
    "spike_title": {"id": "Lonjakan", "en": "Spikes"},
    "spike_chart": {"id": "Volume per {b} dan lonjakan", "en": "Volume per {b} and spikes"},
    "spike_volume": {"id": "Teks", "en": "Texts"},
    "spike_baseline": {"id": "Garis dasar (median sebelumnya)",
                       "en": "Baseline (earlier median)"},
    "spike_observed": {"id": "Teramati", "en": "Observed"},
    "spike_volume_spike": {"id": "Lonjakan volume", "en": "Volume spike"},
    "spike_negative_spike": {"id": "Lonjakan sentimen negatif", "en": "Negative-share spike"},
    "spike_sensitivity": {"id": "Ambang lonjakan (skor z)", "en": "Spike threshold (z-score)"},
    "spike_sensitivity_help": {
        "id": "Seberapa jauh sebuah {b} harus di atas garis dasarnya (median {w} {b} "
              "sebelumnya, dalam satuan simpangan robust) agar disebut lonjakan. Lebih kecil = "
              "lebih banyak lonjakan. Minimal {m} teks per lonjakan.",
        "en": "How far a {b} must rise above its baseline (the median of the {w} {b}s before "
              "it, in robust deviations) to count as a spike. Lower = more spikes. At least "
              "{m} texts per spike.",
    },
    "spike_none": {
        "id": "Tidak ada lonjakan pada periode ini: setiap {b} dekat dengan garis dasarnya.",
        "en": "No spikes in this period: every {b} stays close to its baseline.",
    },
    "spike_found": {"id": "{n} lonjakan ditemukan. Pilih satu untuk melihat penyebabnya.",
                    "en": "{n} spikes found. Pick one to see what caused it."},
    "spike_pick": {"id": "Lonjakan", "en": "Spike"},
    "spike_item_volume": {"id": "{when}: {obs} teks (biasanya {base}, z = {z})",
                          "en": "{when}: {obs} texts (usually {base}, z = {z})"},
    "spike_item_negative": {"id": "{when}: {obs} negatif (biasanya {base}, z = {z})",
                            "en": "{when}: {obs} negative (usually {base}, z = {z})"},
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
