"""Interface text of the Koreksi page: correcting sentiment labels and the model's
accuracy on the analysts' labels."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "fix_title": {"id": "Koreksi label sentimen", "en": "Correct sentiment labels"},
    "fix_intro": {
        "id": "Pilih label yang benar di kolom Koreksi lalu simpan. Setiap koreksi disimpan "
              "dengan nama analis dan waktunya, dipakai untuk mengukur akurasi model pada data "
              "Anda sendiri dan untuk melatih ulang (pantau train sentiment --with-corrections).",
        "en": "Pick the right label in the Correction column and save. Each correction is kept "
              "with the analyst's name and time; it measures the model on your own data and "
              "can be used to retrain it (pantau train sentiment --with-corrections).",
    },
    "fix_search": {"id": "Cari teks", "en": "Search texts"},
    "fix_search_hint": {"id": "mis. tilang polda", "en": "e.g. tilang polda"},
    "fix_order": {"id": "Urutan", "en": "Order"},
    "fix_order_uncertain": {"id": "Paling tidak yakin dulu", "en": "Least certain first"},
    "fix_order_newest": {"id": "Terbaru dulu", "en": "Newest first"},
    "fix_analyst": {"id": "Nama analis", "en": "Analyst's name"},
    "fix_analyst_hint": {"id": "dicatat pada setiap koreksi", "en": "kept with each correction"},
    "fix_none": {"id": "Tidak ada teks yang cocok dengan pencarian dan filter ini.",
                 "en": "No text matches this search and these filters."},
    "fix_column_help": {"id": "Label yang benar menurut analis",
                        "en": "The right label according to the analyst"},
    "fix_save": {"id": "Simpan {n} koreksi", "en": "Save {n} corrections"},
    "fix_need_analyst": {"id": "Isi nama analis dulu: setiap koreksi dicatat dengan namanya.",
                         "en": "Enter the analyst's name first: each correction records it."},
    "fix_saved": {"id": "{n} koreksi disimpan atas nama {who}.",
                  "en": "{n} corrections saved for {who}."},
    "fix_accuracy": {"id": "Akurasi model pada label analis",
                     "en": "Model accuracy on the analysts' labels"},
    "fix_accuracy_none": {"id": "Belum ada koreksi. Setelah analis mengoreksi label, akurasi "
                                "model pada data Anda tampil di sini.",
                          "en": "No corrections yet. Once analysts correct labels, the model's "
                                "accuracy on your data shows here."},
    "fix_n": {"id": "Teks dikoreksi", "en": "Corrected texts"},
    "fix_agree": {"id": "Model sesuai analis", "en": "Model agrees with analysts"},
    "fix_accuracy_note": {
        "id": "Teks yang dipilih untuk dikoreksi cenderung yang sulit, jadi angka ini biasanya "
              "lebih rendah daripada akurasi pada semua teks.",
        "en": "Texts picked for correction tend to be the hard ones, so this figure is usually "
              "lower than the accuracy over all texts.",
    },
    "col_fix": {"id": "Koreksi", "en": "Correction"},
    "col_class": {"id": "Kelas", "en": "Class"},
    "col_n_fixed": {"id": "Dikoreksi", "en": "Corrected"},
}
