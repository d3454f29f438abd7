"""Interface text of the login screen and the account box in the sidebar."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
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
              "(`make run`); kata sandinya tersimpan di {path} di server (hanya dapat dibaca "
              "pemilik berkas).",
        "en": "Demo installation: the accounts **analis** and **pimpinan** were made by "
              "`pantau demo` (`make run`); their passwords are kept in {path} on the "
              "server (readable by its owner only).",
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
    "auth_oidc_button": {"id": "Masuk dengan akun organisasi",
                         "en": "Sign in with your organisation's account"},
    "auth_oidc_refused": {
        "id": "{name} berhasil masuk, tetapi tidak termasuk grup yang diberi akses ke Pantau. "
              "Minta pengelola menambahkan Anda ke grup analis atau pimpinan.",
        "en": "{name} signed in but is in no group with access to Pantau. Ask the "
              "administrator to add you to the analysts' or the leadership group.",
    },
    "auth_oidc_unconfigured": {
        "id": "PANTAU_AUTH=oidc, tetapi server dijalankan tanpa berkas rahasia login. "
              "Jalankan dasbor dengan perintah berikut:",
        "en": "PANTAU_AUTH=oidc, but the server was started without the sign-in secrets "
              "file. Start the dashboard with:",
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
