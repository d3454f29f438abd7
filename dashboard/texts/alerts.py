"""Interface text of the Peringatan page: where alerts go, the rules that raise them, and the
log of what was sent."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "nav_alerts": {"id": "Peringatan", "en": "Alerts"},
    "al_title": {"id": "Peringatan otomatis", "en": "Automatic alerts"},
    "al_intro": {
        "id": "Pemantauan mengirim peringatan ke tujuan di bawah (Telegram, e-mail, webhook: "
              "alamat Apprise apa pun) saat sebuah aturan terpenuhi: satu peringatan per "
              "kejadian, dengan alasan, contoh unggahan, tautan bantahan dan tautan ke Pantau.",
        "en": "Monitoring sends alerts to the destinations below (Telegram, e-mail, webhooks: "
              "any Apprise URL) when a rule is met: one alert per event, saying why, with "
              "example posts, the debunk's link and a link into Pantau.",
    },
    "al_destinations": {"id": "Tujuan", "en": "Destinations"},
    "al_no_destinations": {
        "id": "Belum ada tujuan. Tambahkan satu agar peringatan terkirim.",
        "en": "No destinations yet. Add one so alerts are sent.",
    },
    "al_col_id": {"id": "ID", "en": "ID"},
    "al_col_label": {"id": "Nama", "en": "Name"},
    "al_col_shown": {"id": "Alamat (disamarkan)", "en": "Address (masked)"},
    "al_col_active": {"id": "Aktif", "en": "Active"},
    "al_col_by": {"id": "Ditambahkan oleh", "en": "Added by"},
    "al_add": {"id": "Tambah tujuan", "en": "Add a destination"},
    "al_url": {"id": "Alamat Apprise", "en": "Apprise URL"},
    "al_url_help": {
        "id": "Mis. tgram://TOKEN_BOT/ID_CHAT, mailto://user:sandi@host, json://host/jalur. "
              "Alamat disimpan utuh tetapi hanya ditampilkan tersamar: token dan sandi tetap "
              "rahasia.",
        "en": "E.g. tgram://BOT_TOKEN/CHAT_ID, mailto://user:password@host, json://host/path. "
              "The URL is stored whole but only ever shown masked: tokens and passwords stay "
              "secret.",
    },
    "al_label": {"id": "Nama (opsional)", "en": "Name (optional)"},
    "al_label_hint": {"id": "mis. Grup Telegram Humas", "en": "e.g. PR Telegram group"},
    "al_add_button": {"id": "Tambah", "en": "Add"},
    "al_added": {"id": "Tujuan {id} ditambahkan: {label}.",
                 "en": "Destination {id} added: {label}."},
    "al_remove": {"id": "Hapus tujuan", "en": "Remove a destination"},
    "al_remove_button": {"id": "Hapus", "en": "Remove"},
    "al_removed": {"id": "Tujuan {id} dihapus.", "en": "Destination {id} removed."},
    "al_test": {"id": "Kirim pesan uji ke", "en": "Send a test message to"},
    "al_test_all": {"id": "Semua tujuan aktif", "en": "Every active destination"},
    "al_test_button": {"id": "Kirim uji", "en": "Send test"},
    "al_test_ok": {"id": "{label}: terkirim.", "en": "{label}: sent."},
    "al_test_failed": {"id": "{label}: gagal ({error}).", "en": "{label}: failed ({error})."},
    "al_rules": {"id": "Aturan", "en": "Rules"},
    "al_rules_intro": {
        "id": "Semua aturan aktif sejak awal. Jam tenang (PANTAU_ALERT_QUIET: {quiet}) menahan "
              "peringatan dan mengirim satu ringkasan setelahnya.",
        "en": "Every rule is on from the start. Quiet hours (PANTAU_ALERT_QUIET: {quiet}) hold "
              "alerts and send one digest after them.",
    },
    "al_no_quiet": {"id": "tidak ada", "en": "none"},
    "al_rule_claim_match": {
        "id": "Teks baru cocok dengan hoaks yang sudah dibantah",
        "en": "New texts match a debunked hoax",
    },
    "al_rule_claim_spreading": {
        "id": "Hoaks terbantah menyebar (banyak teks atau akun dalam satu hari)",
        "en": "A debunked hoax spreading (many texts or accounts within a day)",
    },
    "al_rule_entity_spike": {
        "id": "Lonjakan volume atau sentimen negatif entitas pantauan",
        "en": "A watched entity's volume or negative sentiment spikes",
    },
    "al_rule_coordinated_cluster": {
        "id": "Klaster unggahan terkoordinasi baru (bukan hanya akun resmi)",
        "en": "A new coordinated posting cluster (not only official accounts)",
    },
    "al_rule_on": {"id": "Aktif", "en": "On"},
    "al_param_lookback_hours": {"id": "Jam ke belakang", "en": "Hours back"},
    "al_param_max_age_days": {"id": "Umur teks maks. (hari)", "en": "Oldest text (days)"},
    "al_param_examples": {"id": "Contoh unggahan", "en": "Example posts"},
    "al_param_min_texts": {"id": "Teks minimal", "en": "Least texts"},
    "al_param_min_accounts": {"id": "Akun minimal", "en": "Least accounts"},
    "al_param_hours": {"id": "Dalam jam", "en": "Within hours"},
    "al_param_sensitivity": {"id": "Kepekaan (skor-z)", "en": "Sensitivity (z-score)"},
    "al_param_min_count": {"id": "Teks minimal per hari", "en": "Least texts a day"},
    "al_rules_save": {"id": "Simpan aturan", "en": "Save rules"},
    "al_rules_saved": {"id": "Aturan disimpan.", "en": "Rules saved."},
    "al_log": {"id": "Log peringatan", "en": "Alert log"},
    "al_log_empty": {"id": "Belum ada peringatan.", "en": "No alerts yet."},
    "al_col_when": {"id": "Waktu ({zone})", "en": "Time ({zone})"},
    "al_col_kind": {"id": "Aturan", "en": "Rule"},
    "al_col_title": {"id": "Peringatan", "en": "Alert"},
    "al_col_destination": {"id": "Tujuan", "en": "Destination"},
    "al_col_status": {"id": "Status", "en": "Status"},
    "al_col_attempts": {"id": "Percobaan", "en": "Attempts"},
    "al_col_error": {"id": "Galat terakhir", "en": "Last error"},
    "al_col_sent": {"id": "Terkirim ({zone})", "en": "Sent ({zone})"},
    "al_status_pending": {"id": "menunggu", "en": "pending"},
    "al_status_sent": {"id": "terkirim", "en": "sent"},
    "al_status_failed": {"id": "gagal", "en": "failed"},
    "al_status_held": {"id": "ditahan (jam tenang)", "en": "held (quiet hours)"},
    "al_status_none": {"id": "tanpa tujuan", "en": "no destination"},
    "al_analysts_only": {
        "id": "Halaman ini hanya untuk analis.",
        "en": "This page is for analysts only.",
    },
}
