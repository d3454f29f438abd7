"""Interface text of the Laporan (reports) page and of the login screen."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "nav_reports": {"id": "Laporan", "en": "Reports"},
    "rep_title": {"id": "Laporan dan ekspor", "en": "Reports and exports"},
    "rep_intro": {
        "id": "Semua yang diunduh di sini mengikuti filter di samping (periode, platform dan "
              "lainnya).",
        "en": "Everything downloaded here follows the filters in the sidebar (period, "
              "platforms and the rest).",
    },
    "rep_pseudonymise": {"id": "Samarkan nama akun (CSV, Excel dan PDF)",
                         "en": "Pseudonymise account names (CSV, Excel and PDF)"},
    "rep_pseudonymise_help": {
        "id": "Untuk pelindungan data pribadi: setiap penulis (dan @mention di teks) diganti "
              "nama samaran tetap seperti akun-3f9a2c61d0 — akun yang sama selalu mendapat "
              "samaran yang sama di setiap ekspor instalasi ini. Kolom tautan dihapus karena "
              "memuat nama akun.",
        "en": "For personal-data protection: each author (and @mentions in the text) is "
              "replaced by a stable pseudonym like akun-3f9a2c61d0 — the same account always "
              "gets the same pseudonym in every export of this installation. The link column "
              "is left out because it carries account names.",
    },
    "rep_data_title": {"id": "Data teks (CSV / Excel)", "en": "Text data (CSV / Excel)"},
    "rep_data_contains": {
        "id": "Satu baris per teks, terbaru dulu: id, waktu ({zone}), jenis, platform, sumber, "
              "penulis, teks, tautan (dihapus bila nama akun disamarkan), label sentimen "
              "model dan keyakinannya, koreksi analis, "
              "skor hoaks, koreksi hoaks, status tindak lanjut, serta suka/bagikan/balasan/"
              "dilihat. Sel yang diawali = + - @ diberi tanda kutip agar tidak dijalankan "
              "sebagai rumus oleh spreadsheet.",
        "en": "One row per text, newest first: id, time ({zone}), kind, platform, source, "
              "author, text, link (left out when names are pseudonymised), the model's "
              "sentiment label and its confidence, the "
              "analysts' correction, hoax score, hoax correction, follow-up status, and "
              "likes/shares/replies/views. Cells starting with = + - @ get a leading quote so "
              "a spreadsheet does not run them as formulas.",
    },
    "rep_rows": {"id": "Ekspor ini memuat {n} teks.", "en": "This export holds {n} texts."},
    "rep_capped": {
        "id": "Filter ini mencakup {n} teks; ekspor memuat {m} yang terbaru saja. Persempit "
              "periode atau platform untuk mengekspor sisanya.",
        "en": "These filters cover {n} texts; the export holds only the newest {m}. Narrow "
              "the period or platforms to export the rest.",
    },
    "rep_csv": {"id": "Unduh CSV", "en": "Download CSV"},
    "rep_xlsx": {"id": "Unduh Excel (XLSX)", "en": "Download Excel (XLSX)"},
    "rep_brief_title": {"id": "Ringkasan untuk pimpinan (PDF)", "en": "Leadership brief (PDF)"},
    "rep_brief_contains": {
        "id": "Satu halaman: periode, volume, porsi sentimen, sentimen bersih, jumlah "
              "terindikasi hoaks, grafik volume dan sentimen, narasi utama, serta teks paling "
              "mirip hoaks dengan buktinya (klaim terbantah dan putusannya, kata pemicu, "
              "unggahan terkoordinasi). Bahasa mengikuti pilihan bahasa di samping.",
        "en": "One page: period, volume, sentiment shares, net sentiment, hoax-flagged "
              "count, the volume and sentiment chart, the top narratives, and the most "
              "hoax-like texts with their evidence (debunked claim and verdict, trigger words, "
              "coordinated posting). The language follows the language picker.",
    },
    "rep_narratives": {"id": "Sertakan narasi utama", "en": "Include top narratives"},
    "rep_narratives_help": {
        "id": "Lima kelompok teks terbesar (seperti di halaman Narasi, dari sampel hingga 3.000 "
              "teks). Pertama kali untuk suatu periode, model perlu menghitung embedding — "
              "bisa memakan satu menit atau lebih sebelum PDF terunduh.",
        "en": "The five largest groups of texts (as on the Narratives page, from a sample of "
              "up to 3,000 texts). The first time for a period the model has to compute "
              "embeddings — it can take a minute or more before the PDF downloads.",
    },
    "rep_pdf": {"id": "Unduh ringkasan PDF", "en": "Download PDF brief"},
    "rep_charts_title": {"id": "Grafik sebagai gambar (PNG)", "en": "Charts as images (PNG)"},
    "rep_charts_help": {
        "id": "Setiap grafik di halaman Ringkasan dan lainnya dapat diunduh sebagai PNG: "
              "arahkan kursor ke grafik, lalu klik ikon kamera (*Download plot as a PNG*) di "
              "pojok kanan atas grafik. Gambar dibuat di peramban, tanpa internet.",
        "en": "Every chart on the Summary page and elsewhere can be downloaded as a PNG: "
              "hover over the chart and click the camera icon (*Download plot as a PNG*) in "
              "its top-right corner. The image is made in the browser, offline.",
    },
    "auth_title": {"id": "Masuk ke Pantau", "en": "Sign in to Pantau"},
    "auth_name": {"id": "Nama akun", "en": "Account name"},
    "auth_password": {"id": "Kata sandi", "en": "Password"},
    "auth_submit": {"id": "Masuk", "en": "Sign in"},
    "auth_wrong": {"id": "Nama akun atau kata sandi salah.",
                   "en": "Wrong account name or password."},
    "auth_throttled": {
        "id": "Terlalu banyak percobaan gagal untuk akun ini. Coba lagi dalam {m} menit.",
        "en": "Too many failed attempts for this account. Try again in {m} minutes.",
    },
    "auth_help": {
        "id": "Akun dibuat oleh pengelola server dengan perintah `pantau user add`. Pimpinan "
              "(viewer) dapat melihat semua halaman; analis juga dapat mengunggah, mengoreksi "
              "label dan mengubah status hoaks. Lupa kata sandi? Minta pengelola menjalankan "
              "`pantau user passwd NAMA`.",
        "en": "Accounts are made by the server's administrator with `pantau user add`. "
              "Leadership (viewer) sees every page; analysts can also upload, correct labels "
              "and change hoax statuses. Forgot the password? Ask the administrator to run "
              "`pantau user passwd NAME`.",
    },
    "auth_demo_help": {
        "id": "Instalasi demo: akun **analis** dan **pimpinan** dibuat oleh `pantau demo` "
              "(`make run`); kata sandinya tercetak saat itu dan tersimpan di {path} di server.",
        "en": "Demo installation: the accounts **analis** and **pimpinan** were made by "
              "`pantau demo` (`make run`); their passwords were printed then and are kept in "
              "{path} on the server.",
    },
    "auth_no_accounts": {
        "id": "Belum ada akun, jadi belum ada yang dapat masuk. Di server, buat akun dengan "
              "perintah di bawah (akun disimpan di {path}), atau jalankan `pantau demo` untuk "
              "dua akun demo.",
        "en": "There are no accounts yet, so nobody can sign in. On the server, make one "
              "with the commands below (accounts are kept in {path}), or run `pantau demo` "
              "for two demo accounts.",
    },
    "auth_sso_help": {"id": "Masuk dengan akun organisasi Anda.",
                      "en": "Sign in with your organisation's account."},
    "auth_sso_button": {"id": "Masuk dengan SSO", "en": "Sign in with SSO"},
    "auth_sso_unknown": {
        "id": "{email} berhasil masuk, tetapi belum terdaftar di Pantau. Minta pengelola "
              "server menambahkan akun untuk alamat ini:",
        "en": "{email} signed in but has no Pantau account. Ask the server's administrator "
              "to add one for this address:",
    },
    "auth_logout": {"id": "Keluar", "en": "Sign out"},
    "auth_role_viewer": {"id": "Pimpinan (lihat saja)", "en": "Leadership (view only)"},
    "auth_role_analyst": {"id": "Analis", "en": "Analyst"},
    "auth_off": {
        "id": "Login dimatikan (PANTAU_AUTH=off): siapa pun dapat mengubah data. Hanya untuk "
              "pengembangan dan pengujian.",
        "en": "Login is off (PANTAU_AUTH=off): anyone can change data. For development and "
              "tests only.",
    },
    "auth_view_only": {
        "id": "Akun pimpinan hanya dapat melihat. Koreksi dan perubahan status dilakukan oleh "
              "analis.",
        "en": "Leadership accounts can only view. Corrections and status changes are made by "
              "analysts.",
    },
}
