"""Interface text of the Jejak audit page (the audit log: who changed what and when)."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "aud_nav": {"id": "Jejak audit", "en": "Audit log"},
    "aud_title": {"id": "Jejak audit", "en": "Audit log"},
    "aud_intro": {
        "id": "Setiap perubahan, dari dasbor atau perintah `pantau`: siapa, apa, kapan — "
              "unggahan, koreksi label, status hoaks, bank klaim, daftar pantauan, preset, "
              "sumber, tujuan dan aturan peringatan, akun. Rahasia (kata sandi, token) tidak "
              "pernah dicatat.",
        "en": "Every change, from the dashboard or the `pantau` command: who, what, "
              "when — uploads, label corrections, hoax statuses, the claim bank, the watchlist, "
              "presets, sources, alert destinations and rules, accounts. Secrets (passwords, "
              "tokens) are never recorded.",
    },
    "aud_period": {"id": "Periode", "en": "Period"},
    "aud_actor": {"id": "Oleh", "en": "By"},
    "aud_action": {"id": "Perubahan", "en": "Change"},
    "aud_all": {"id": "Semua", "en": "All"},
    "aud_empty": {"id": "Tidak ada perubahan tercatat untuk filter ini.",
                  "en": "No changes recorded for these filters."},
    "aud_capped": {"id": "Menampilkan {n} perubahan terbaru; persempit periode untuk melihat "
                         "yang lebih lama.",
                   "en": "Showing the {n} latest changes; narrow the period to see older ones."},
    "aud_download": {"id": "Unduh CSV", "en": "Download CSV"},
    "aud_col_at": {"id": "Waktu ({zone})", "en": "Time ({zone})"},
    "aud_col_actor": {"id": "Oleh", "en": "By"},
    "aud_col_action": {"id": "Perubahan", "en": "Change"},
    "aud_col_kind": {"id": "Jenis", "en": "Kind"},
    "aud_col_target": {"id": "Objek", "en": "Item"},
    "aud_col_details": {"id": "Rincian", "en": "Details"},
    "aud_kind_upload": {"id": "Unggahan (semua)", "en": "Uploads (all)"},
    "aud_kind_label": {"id": "Koreksi label (semua)", "en": "Label corrections (all)"},
    "aud_kind_review": {"id": "Status hoaks (semua)", "en": "Hoax statuses (all)"},
    "aud_kind_claim": {"id": "Bank klaim (semua)", "en": "Claim bank (all)"},
    "aud_kind_watchlist": {"id": "Daftar pantauan (semua)", "en": "Watchlist (all)"},
    "aud_kind_preset": {"id": "Preset kolom (semua)", "en": "Column presets (all)"},
    "aud_kind_source": {"id": "Sumber (semua)", "en": "Sources (all)"},
    "aud_kind_alert_destination": {"id": "Tujuan peringatan (semua)",
                                   "en": "Alert destinations (all)"},
    "aud_kind_alert_rule": {"id": "Aturan peringatan (semua)", "en": "Alert rules (all)"},
    "aud_kind_account": {"id": "Akun (semua)", "en": "Accounts (all)"},
}
