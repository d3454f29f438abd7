"""Interface text of what an import tells the analyst: how columns were recognised, why rows
were rejected, and why a file was not imported, in the viewer's language (the analysis layer
writes them in English, with a code and values that these texts are filled from)."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "note_content_published_at": {
        "id": "'{column}': {share} dari {count} nilai pertama adalah tanggal, jadi kolom ini "
              "dipakai sebagai waktu terbit (ganti di pemetaan kolom bila keliru).",
        "en": "'{column}': {share} of the first {count} values are dates, so it is used as the "
              "publication time (change it in the column mapping if it is wrong).",
    },
    "note_content_better_date": {
        "id": "'{column}' dipakai sebagai waktu terbit, bukan '{instead}': isinya tanggal yang "
              "sama lengkap dengan jamnya.",
        "en": "'{column}' is used as the publication time rather than '{instead}': it holds the "
              "same dates with their time of day.",
    },
    "note_content_spread_date": {
        "id": "'{column}' dipakai sebagai waktu terbit, bukan '{instead}': '{instead}' hanya "
              "punya {distinct} nilai berbeda, yaitu waktu ekspor, bukan waktu tiap teks.",
        "en": "'{column}' is used as the publication time rather than '{instead}': '{instead}' "
              "has only {distinct} different values, the time of the export, not of each text.",
    },
    "note_content_text": {
        "id": "'{column}': teks bebas, rata-rata {length} karakter, yang terpanjang di berkas "
              "ini, jadi dipakai sebagai teks.",
        "en": "'{column}': free text, {length} characters on average, the longest in the file, "
              "so it is used as the text.",
    },
    "note_content_title": {
        "id": "'{column}': teks bebas pendek (rata-rata {length} karakter) di samping '{body}' "
              "yang lebih panjang, jadi dipakai sebagai judul.",
        "en": "'{column}': short free text ({length} characters on average) beside the longer "
              "'{body}', so it is used as the title.",
    },
    "note_content_url": {
        "id": "'{column}': {share} nilai pertamanya alamat web, jadi dipakai sebagai tautan.",
        "en": "'{column}': {share} of its first values are web addresses, so it is the link.",
    },
    "note_content_author_handles": {
        "id": "'{column}': nilainya nama akun, jadi dipakai sebagai penulis / akun.",
        "en": "'{column}': its values are account handles, so it is the author / account.",
    },
    "note_content_author_names": {
        "id": "'{column}': nilainya nama orang atau akun, jadi dipakai sebagai penulis / akun.",
        "en": "'{column}': its values are names of people or accounts, so it is the author.",
    },
    "note_unwrapped_rows": {
        "id": "Baris yang seluruhnya dibungkus sepasang tanda kutip, seperti pada ekspor "
              "gabungan ({count} di antara {sample} baris pertama), dibaca sebagai kolom-kolom "
              "di dalam tanda kutip itu.",
        "en": "Rows wrapped whole in one pair of quotes, as merged exports write them ({count} "
              "among the first {sample}), are read as the fields inside the quotes.",
    },
    "note_title_rows": {
        "id": "Baris {rows} lembar kerja hanya mengisi sedikit sel di atas kolom (judul atau "
              "judul kelompok yang digabung): header-nya baris {header}.",
        "en": "Rows {rows} of the sheet fill only a few cells above the columns (a title or "
              "merged group headings): the header is row {header}.",
    },
    "note_id_not_used": {
        "id": "Kolom '{column}' tidak dipakai sebagai id baris: {why}. Id tiap baris dibuat dari "
              "teks, penulis dan waktunya; {fate}.",
        "en": "Column '{column}' is not used as the rows' id: {why}. Each row's id is made from "
              "its text, author and time instead; {fate}.",
    },
    "id_why_scientific": {
        "id": "spreadsheet mengubah nilainya ke notasi ilmiah ('{value}' di baris {row}) yang "
              "hanya menyimpan digit pertama, sehingga unggahan yang berbeda berbagi id",
        "en": "a spreadsheet rewrote its values in scientific notation ('{value}' on row {row}), "
              "which keeps only the first digits, so different posts share one",
    },
    "id_why_rounded": {
        "id": "baris {first} dan {second} sama-sama berisi '{value}' dengan teks atau penulis "
              "berbeda: id disimpan sebagai angka, yang hanya menyimpan 15 digit",
        "en": "rows {first} and {second} both have '{value}' but different texts or authors: "
              "the ids were kept as numbers, which keep only 15 significant digits",
    },
    "id_why_grouping": {
        "id": "baris {first} dan {second} sama-sama berisi '{value}' dengan teks atau penulis "
              "berbeda, jadi kolom ini menamai induk baris, bukan tiap baris",
        "en": "rows {first} and {second} both have '{value}' but different texts or authors, "
              "so it names what the rows belong to, not each row",
    },
    "id_why_counted": {
        "id": "kolom ini menomori baris ({values}, …), sehingga ekspor lain yang bernomor sama "
              "akan dianggap baris yang sama",
        "en": "it counts the rows ({values}, …), so another export numbered the same way would "
              "have its rows taken for these",
    },
    "id_fate_parent": {"id": "kolom ini disimpan sebagai unggahan induk tiap baris",
                       "en": "it is kept as the post each row belongs to"},
    "id_fate_kept": {"id": "kolom ini tetap disimpan bersama kolom lain",
                     "en": "it is kept with the row's other columns"},
    "note_title_not_joined": {
        "id": "Kolom '{column}' tidak digabung ke teks sebagai judul: baris {first} dan {second} "
              "punya judul yang sama dengan teks berbeda, jadi ini judul yang mereka tanggapi "
              "(video, unggahan). Kolom ini tetap disimpan bersama kolom lain.",
        "en": "Column '{column}' is not joined to the texts as their title: rows {first} and "
              "{second} have the same one over different texts, so it is the title of what "
              "they answer (a video, a post). It is kept with the row's other columns.",
    },
    "note_empty_first_sheet": {
        "id": "Lembar pertama, '{first}', kosong: lembar '{read}' yang dibaca. Pilih lembar lain "
              "di daftar lembar kerja.",
        "en": "The first sheet, '{first}', is empty: sheet '{read}' was read. Pick another in "
              "the sheet list.",
    },
    "note_header_below": {
        "id": "Header ada di baris {header}; {skipped} baris di atasnya dilewati (judul, baris "
              "kosong atau baris sep= dari Excel: bukan kolom).",
        "en": "The header is row {header}; the {skipped} line(s) above it are skipped (a title, "
              "a blank line or Excel's sep= line: no columns).",
    },
    "note_row_width": {
        "id": "baris ini punya {fields} kolom, padahal header-nya {columns} kolom",
        "en": "the row has {fields} fields but the header has {columns} columns",
    },
    "note_unreadable_csv": {
        "id": "baris ini tidak bisa dibaca sebagai CSV ({error})",
        "en": "the row cannot be read as CSV ({error})",
    },
    "note_unclosed_quote": {
        "id": "tanda kutip yang dibuka di baris ini tidak pernah ditutup, sehingga sisa berkas "
              "({lines} baris) terbaca sebagai satu kolom; perbaiki tanda kutipnya lalu impor "
              "lagi",
        "en": "a quote opened in this row is never closed, so the rest of the file ({lines} "
              "lines) was read as one field; fix the quotes and import it again",
    },
    "note_bad_json_line": {
        "id": "baris {line} bukan JSON yang sah",
        "en": "line {line} is not valid JSON",
    },
    "note_not_an_object": {
        "id": "rekaman {index} bukan objek dengan kolom-kolom",
        "en": "record {index} is not an object with fields",
    },
    "why_empty_text": {"id": "teks di kolom '{column}' kosong",
                       "en": "text in column '{column}' is empty"},
    "why_empty_date": {"id": "tanggal di kolom '{column}' kosong",
                       "en": "date in column '{column}' is empty"},
    "why_future_date": {
        "id": "tanggal '{value}' di kolom '{column}' lebih dari 2 hari setelah impor: periksa "
              "tanggalnya",
        "en": "date '{value}' in column '{column}' is more than 2 days after the import: check "
              "the date",
    },
    "why_bad_date": {
        "id": "tanggal '{value}' di kolom '{column}' tidak bisa dibaca Pantau",
        "en": "date '{value}' in column '{column}' is not a date Pantau can read",
    },
    "why_relative_date_no_reference": {
        "id": "tanggal '{value}' di kolom '{column}' relatif dan tidak ada waktu ekspor untuk "
              "menghitung mundur; isi waktu ekspor lalu impor lagi",
        "en": "date '{value}' in column '{column}' is relative and there is no export time to "
              "count back from; give the export time and import again",
    },
    "why_date_order_conflict": {
        "id": "tanggal '{value}' di kolom '{column}' hanya terbaca dengan urutan hari/bulan "
              "yang berbeda dari kolomnya; perbaiki barisnya",
        "en": "date '{value}' in column '{column}' reads only in the other day/month order than "
              "its column; correct the row",
    },
    "why_bad_row": {
        "id": "baris tidak terbaca sesuai header-nya (jumlah kolom atau tanda kutip)",
        "en": "{reason}",
    },
    "why_repeated_header": {
        "id": "baris ini mengulang header (ekspor yang digabung?); tidak ada teks untuk diimpor",
        "en": "the row repeats the header (exports glued together?); it holds no text to import",
    },
    "abort_bad_date": {
        "id": "Kolom '{column}' berisi '{example}' — format tanggal ini belum dikenali ({count} "
              "dari {rows} baris pertama). Tidak ada yang diimpor. Pilih kolom lain sebagai "
              "waktu terbit, atau ubah format tanggalnya.",
        "en": "Column '{column}' holds '{example}' — a date format Pantau does not read yet "
              "({count} of the first {rows} rows). Nothing was imported. Choose another column "
              "as the publication time, or change the dates' format.",
    },
    "abort_empty_text": {
        "id": "Kolom teks '{column}' kosong di {count} dari {rows} baris pertama. Tidak ada "
              "yang diimpor. Pilih kolom teks yang lain.",
        "en": "Text column '{column}' is empty in {count} of the first {rows} rows. Nothing was "
              "imported. Choose another text column.",
    },
    "abort_empty_date": {
        "id": "Kolom tanggal '{column}' kosong di {count} dari {rows} baris pertama. Tidak ada "
              "yang diimpor. Pilih kolom tanggal yang lain.",
        "en": "Date column '{column}' is empty in {count} of the first {rows} rows. Nothing was "
              "imported. Choose another date column.",
    },
    "abort_relative_date_no_reference": {
        "id": "Kolom '{column}' berisi tanggal relatif seperti '{example}' ({count} dari {rows} "
              "baris pertama). Tidak ada yang diimpor. Isi waktu ekspor, lalu impor lagi.",
        "en": "Column '{column}' holds relative dates such as '{example}' ({count} of the first "
              "{rows} rows). Nothing was imported. Give the export time and import again.",
    },
    "abort_date_order_conflict": {
        "id": "Kolom '{column}' berisi '{example}' yang bertentangan dengan urutan hari/bulan "
              "kolomnya ({count} dari {rows} baris pertama). Tidak ada yang diimpor.",
        "en": "Column '{column}' holds '{example}', which contradicts its column's day/month "
              "order ({count} of the first {rows} rows). Nothing was imported.",
    },
    "abort_bad_row": {
        "id": "{count} dari {rows} baris pertama tidak terbaca sesuai header-nya. Tidak ada "
              "yang diimpor. Periksa pemisah kolom dan tanda kutip berkas.",
        "en": "{count} of the first {rows} rows cannot be read as the header says. Nothing was "
              "imported. Check the file's delimiter and quotes.",
    },
    "allow_rejects": {
        "id": "Impor baris yang terbaca walau sebagian besar baris ditolak",
        "en": "Import the readable rows even when most rows are rejected",
    },
    "date_none": {
        "id": "Kolom waktu terbit diisi \"{none}\", padahal setiap teks perlu tanggalnya. "
              "Pilih kolom tanggalnya, lalu impor lagi.",
        "en": "The publication time is set to \"{none}\", but every text needs its date. "
              "Choose the date column, then import again.",
    },
    "nothing_stored": {
        "id": "Tidak ada baris yang disimpan dari '{name}': semua baris ditolak. Lihat alasannya "
              "di bawah.",
        "en": "No row of '{name}' was stored: every row was rejected. See why below.",
    },
}
