"""Rebuild the bad-input corpus: ``python tests/data/bad/make_corpus.py``.

Each case is a small file that has broken, or nearly broken, an import somewhere, next to the
outcome Pantau owes the analyst: either an error whose message contains ``error``, or counts
(``rows_in``, ``stored``, ``rejected``, optionally ``duplicates``) with the reject codes in row
order. A ZIP's outcome is one such entry per file inside it (``members``). The script writes
the files and ``expected.json``; ``tests/ingest/test_bad_inputs.py`` runs every one of them. The
10 MB field is not kept here: the test writes it into a temporary folder (see :func:`big_field`).

A case may carry ``known_issue``: behaviour that is wrong today and reported, tested as a
strict expected failure, so the test fails once it is fixed and the note must go.
"""

from __future__ import annotations

import io
import json
import random
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
GOOD = "isi,tanggal,akun\nJalan tol baru sangat membantu mudik,8 Juli 2025,andi\n"
"""A good file, for ZIPs that mix good and bad members."""
NO_TEXT = "tanggal,akun\n8 Juli 2025,budi\n"

Content = bytes | str | Callable[[], bytes]
CASES: dict[str, tuple[Content, dict[str, Any]]] = {}


def case(name: str, content: Content, **expected: Any) -> None:
    CASES[name] = (content, expected)


def counts(rows_in: int, stored: int, rejected: int = 0, codes: list[str] | None = None,
           duplicates: int = 0) -> dict[str, Any]:
    result: dict[str, Any] = {"rows_in": rows_in, "stored": stored, "rejected": rejected,
                              "reject_codes": codes or []}
    if duplicates:
        result["duplicates"] = duplicates
    return result


def workbook(sheets: dict[str, list[list[Any]]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def zipped(members: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def encrypted_zip() -> bytes:
    """A ZIP whose member claims to be encrypted (flag bit 0), as a password-protected one does."""
    data = bytearray(zipfile_bytes({"rahasia.csv": GOOD}, zipfile.ZIP_STORED))
    local = data.find(b"PK\x03\x04")
    central = data.find(b"PK\x01\x02")
    data[local + 6] |= 1
    data[central + 8] |= 1
    return bytes(data)


def zipfile_bytes(members: dict[str, str], method: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def big_field(path: Path, size: int = 10 * 1024 * 1024) -> Path:
    """A CSV with one 10 MB text field (written at test time, never committed)."""
    text = ("Laporan warga soal pungli di jembatan timbang. " * (size // 46 + 1))[:size]
    path.write_text(f'isi,tanggal\n"{text}",8 Juli 2025\n', encoding="utf-8")
    return path


# --- whole-file problems -------------------------------------------------------------------------
case("empty.csv", b"", error="file is empty (0 bytes)")
case("header_only.csv", "isi,tanggal,akun\n", **counts(0, 0))
case("only_blank_rows.csv", "isi,tanggal\n,\n , \n\n", **counts(0, 0))
case("binary_junk.csv", lambda: b"\x89PNG\r\n\x1a\n" + random.Random(7).randbytes(3000),
     error="looks binary")
case("control_junk.csv", lambda: bytes(random.Random(3).choice(range(1, 32)) for _ in range(500)),
     error="looks binary")
case("nul_bytes.csv", b"isi,tanggal\nHalo\x00\x00 polisi,8 Juli 2025\n", error="NUL bytes")
case("wrong_delimiter.csv", "isi:tanggal:akun\nHalo polisi:8 Juli 2025:budi\n",
     error="No text column found in 'wrong_delimiter.csv'")
case("no_text_column.csv", NO_TEXT, error="--map text=COLUMN")
case("no_date_column.csv", "isi,akun\nHalo polisi,budi\n", error="--map published_at=COLUMN")
case("unsupported.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", error="unsupported extension '.pdf'")
case("old_excel.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), error="old Excel .xls")
case("ole_named.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), error="old Office file")
# an Excel "CSV UTF-8" export (BOM) glued to a cp1252 one: read as UTF-8 mixed with cp1252
case("bom_then_cp1252.csv", b"\xef\xbb\xbfisi,tanggal\nCaf\xe9 ramai,8 Juli 2025\n",
     **counts(1, 1))

# --- encodings -----------------------------------------------------------------------------------
case("utf8_bom.csv", "\ufeffisi,tanggal\nAntrean BBM mengular,8 Juli 2025\n".encode(),
     **counts(1, 1))
case("utf16_bom_excel.txt",
     "isi\ttanggal\nMacet parah di Puncak 😩\t8 Juli 2025\n".encode("utf-16"), **counts(1, 1))
case("utf16_no_bom.txt", "isi\ttanggal\nBanjir di Kemang\t8 Juli 2025\n".encode("utf-16-le"),
     **counts(1, 1))
case("utf16_be_no_bom.txt", "isi\ttanggal\nBanjir di Kemang\t8 Juli 2025\n".encode("utf-16-be"),
     **counts(1, 1))
case("mixed_encodings.csv",
     "isi,tanggal\nCafé di Bandung ramai,8 Juli 2025\n".encode()
     + "Café “mahal” sekali,9 Juli 2025\n".encode("cp1252"), **counts(2, 2))
case("smart_quotes_cp1252.csv",
     "isi;tanggal\n“Razia” di Jalan Dago – katanya ‘rutin’…;08/07/2025 14:30\n".encode("cp1252"),
     **counts(1, 1))
case("latin1_c1_bytes.csv", b"isi,tanggal\nKode \x81\x8d aneh,8 Juli 2025\n", **counts(1, 1))
case("emoji_rtl.csv",
     "isi,tanggal\nMantap pak 👮‍♀️🇮🇩🔥,8 Juli 2025\nالسلام عليكم يا شرطة,8 Juli 2025\n"
     "שלום ‏עולם mixed עם Indonesia,9 Juli 2025\n", **counts(3, 3))
case("control_chars_in_text.csv", "isi,tanggal\nBunyi \x07 bel di teks,8 Juli 2025\n",
     **counts(1, 1))

# --- delimiters, quotes, line ends ---------------------------------------------------------------
case("crlf.csv", "isi,tanggal\r\nSatu,8 Juli 2025\r\nDua,9 Juli 2025\r\n", **counts(2, 2))
case("lf.csv", "isi,tanggal\nSatu,8 Juli 2025\nDua,9 Juli 2025\n", **counts(2, 2))
case("cr.csv", "isi,tanggal\rSatu,8 Juli 2025\rDua,9 Juli 2025\r", **counts(2, 2))
case("one_row_no_newline.csv", "isi,tanggal\nHalo polisi,8 Juli 2025", **counts(1, 1))
case("pipe_delimited.csv", "isi|tanggal|akun\nSatu, dua, tiga|8 Juli 2025|budi\n", **counts(1, 1))
case("semicolon_excel.csv", "isi;tanggal;suka\nHarga Rp 15.000,50 naik;08/07/2025;1.234\n",
     **counts(1, 1))
case("quoted_newlines.csv",
     'isi,tanggal\n"Baris satu,\nbaris dua; ""dikutip""\n\nbaris empat",8 Juli 2025\n',
     **counts(1, 1))
case("unclosed_quote.csv",
     'isi,tanggal\nSatu,8 Juli 2025\n"Dua tanpa tutup,9 Juli 2025\nTiga,10 Juli 2025\n',
     **counts(2, 1, 1, ["bad_row"]))
case("extra_fields_row.csv", "isi,tanggal\nSatu,8 Juli 2025\nDua,9 Juli 2025,lebih\n",
     **counts(2, 1, 1, ["bad_row"]))

# --- headers -------------------------------------------------------------------------------------
case("duplicate_columns.csv", "isi,isi,tanggal\nTeks pertama,Teks kedua,8 Juli 2025\n",
     **counts(1, 1))
case("blank_header_names.csv", ",isi,,tanggal\n1,Halo,x,8 Juli 2025\n", **counts(1, 1))
case("long_header.csv",
     lambda: (",".join([f"kolom_{i}" for i in range(3000)] + ["isi", "tanggal"]) + "\n"
              + ",".join(["x"] * 3000 + ["Halo polisi", "8 Juli 2025"]) + "\n").encode(),
     **counts(1, 1))

# --- rows ----------------------------------------------------------------------------------------
case("all_dates_invalid.csv",
     "isi,tanggal\nSatu,bukan tanggal\nDua,N/A\nTiga,31/31/2025\n",
     error="Column 'tanggal' holds 'bukan tanggal': 3 of the first 3 rows of "
           "'all_dates_invalid.csv' would be rejected the same way")
case("relative_no_reference.csv", "komentar,waktu\nSetuju banget,2 jam yang lalu\n",
     error="Column 'waktu' holds '2 jam yang lalu': 1 of the first 1 rows")
case("whitespace_texts.csv",
     "isi,tanggal\n   ,8 Juli 2025\n\t,8 Juli 2025\n\u00a0\u00a0,8 Juli 2025\n"
     "Ada isi,8 Juli 2025\n",
     error="Column 'isi' is empty: 3 of the first 4 rows of 'whitespace_texts.csv' would be "
           "rejected the same way")
case("all_duplicates.csv", "isi,tanggal,akun\n" + "Sama persis,8 Juli 2025,budi\n" * 4,
     **counts(4, 1, duplicates=3))
case("formula_injection.csv",
     'isi,tanggal\n"=HYPERLINK(""http://evil.example"",""klik"")",8 Juli 2025\n'
     "\"+cmd|' /C calc'!A0\",8 Juli 2025\n-2+3,8 Juli 2025\n@SUM(1+1),8 Juli 2025\n",
     **counts(4, 4))
case("html_script.csv",
     'isi,tanggal\n<script>alert("x")</script> Polisi,8 Juli 2025\n'
     '"<b>tebal</b> &amp; <img src=x onerror=alert(1)>",8 Juli 2025\n', **counts(2, 2))
case("huge_count.csv", "isi,tanggal,likes\nHalo,8 Juli 2025,99999999999999999999\n",
     **counts(1, 1))

# --- XLSX ----------------------------------------------------------------------------------------
XLSX_DATA = [["Tanggal", "Isi", "Akun"], ["8 Juli 2025", "Bansos belum cair", "warga_garut"],
             ["9 Juli 2025", "Alhamdulillah sudah cair", "ibu_rt05"]]
case("several_sheets_notes_first.xlsx",
     lambda: workbook({"Catatan": [["Diekspor oleh tim humas"]], "Data": XLSX_DATA}),
     error="Other sheets: Data; pick one with --sheet NAME")
case("several_sheets_data_first.xlsx",
     lambda: workbook({"Data": XLSX_DATA, "Ringkasan": [["total", 2]]}), **counts(2, 2))
case("empty_sheet.xlsx", lambda: workbook({"Sheet1": []}), error="has no cells filled")
case("corrupt.xlsx", lambda: workbook({"Data": XLSX_DATA})[:700],
     error="is not a readable .xlsx workbook")
case("xlsx_named.csv", lambda: workbook({"Data": XLSX_DATA}), **counts(2, 2))

# --- JSON ----------------------------------------------------------------------------------------
case("not_a_list.json", '{"status": "ok", "count": 3}', error="without a list of records")
case("scalar.json", "42", error="not with a list of records")
case("empty_list.json", "[]", error="has no records")
case("truncated.json", '[{"text": "Satu", "date": "2025-07-08"}, {"text": "Du',
     error="is not valid JSON at line 1")
case("mixed_types.json",
     json.dumps([{"text": "Satu", "date": "2025-07-08"}, "teks lepas", 42, None,
                 [1, 2], {"text": "Dua", "date": "2025-07-09"}]),
     error="4 of the first 6 rows of 'mixed_types.json' cannot be read")
case("wrapped_data.json",
     json.dumps({"meta": {"source": "api"}, "tags": ["polri"],
                 "data": [{"message": "Posting humas", "created_time": "2025-07-09T03:12:45+0000",
                           "id": "1_2"}]}), **counts(1, 1))
case("nested_fields.json",
     json.dumps([{"full_text": "Halo", "created_at": "Wed Jul 09 03:12:45 +0000 2025",
                  "user": {"screen_name": "budi", "stats": {"followers": 10}}}]),
     **counts(1, 1))
case("broken_line.jsonl",
     '{"text": "Satu", "date": "2025-07-08"}\n{"text": "Dua", "date": \n'
     '{"text": "Tiga", "date": "2025-07-09"}\n', **counts(3, 2, 1, ["bad_row"]))
case("lines_named.json",
     '{"text": "Satu", "date": "2025-07-08"}\n{"text": "Dua", "date": "2025-07-09"}\n',
     **counts(2, 2))

# --- ZIP -----------------------------------------------------------------------------------------
case("corrupt.zip", b"PK\x03\x04" + bytes(range(200)), error="is not a readable ZIP archive")
case("empty.zip", lambda: zipped({}), error="holds no files to import")
case("bad_and_good.zip", lambda: zipped({"good.csv": GOOD, "bad.csv": NO_TEXT}),
     members={"good.csv": counts(1, 1), "bad.csv": {"error": "No text column found in 'bad.csv'"}})
case("nested.zip", lambda: zipped({"inner.zip": zipped({"a.csv": GOOD}), "good.csv": GOOD}),
     members={"inner.zip": {"error": "is a ZIP inside the ZIP"}, "good.csv": counts(1, 1)})
case("zip_slip.zip", lambda: zipped({"../../evil.csv": GOOD}), members={"../../evil.csv":
                                                                        counts(1, 1)})
case("encrypted.zip", encrypted_zip,
     members={"rahasia.csv": {"error": "zip it without a password"}})
case("macos_clutter.zip",
     lambda: zipped({"export/data.csv": GOOD, "__MACOSX/export/._data.csv": b"\x00\x05\x16\x07",
                     ".DS_Store": b"\x00\x00\x00\x01Bud1"}),
     members={"export/data.csv": counts(1, 1)})


def build(folder: Path = HERE) -> dict[str, dict[str, Any]]:
    """Write every case's file into ``folder`` and return the expectations by file name."""
    expected: dict[str, dict[str, Any]] = {}
    for name, (content, outcome) in CASES.items():
        data = content() if callable(content) else content
        (folder / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        expected[name] = outcome
    return expected


def main() -> None:
    expected = build()
    text = json.dumps(expected, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    (HERE / "expected.json").write_text(text, encoding="utf-8")
    sys.stdout.write(f"wrote {len(expected)} files and expected.json to {HERE}\n")


if __name__ == "__main__":
    main()
