"""The fast path (Arrow + whole-column checks) gives exactly the records and rejections of the row
path: same ids, hashes, dates, row numbers, reasons, on every fixture and on generated messy CSV.
"""

from __future__ import annotations

import hashlib
import re
import sys
import tempfile
import unicodedata
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from analysis.errors import IngestError
from analysis.ingest import IngestOptions, Rejection, open_export
from analysis.ingest.dates import DateError, parse_datetime
from analysis.ingest.fast_dates import _READERS, _could_be, fast_dates
from analysis.ingest.fast_hash import sha1_hex
from analysis.ingest.fast_reader import fast_width
from analysis.ingest.fast_text import SPACES, WHITESPACE, _python_only, normalize_many
from analysis.text.keys import normalize_text
from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = datetime(2025, 7, 20, 10, 0, tzinfo=UTC)
FILES = sorted(
    [*(FIXTURES / "ingest").iterdir()]
    + [p for p in (FIXTURES / "presets").iterdir() if p.suffix in (".csv", ".tab", ".tsv")]
    + [*(ROOT / "data" / "demo").glob("*.csv")]
    + [p for p in (FIXTURES / "bad").iterdir() if p.suffix in (".csv", ".tsv", ".txt")]
)


def _read(path: Path, options: IngestOptions) -> tuple[pd.DataFrame | None, list[Rejection], int]:
    frames, rejects, rows_in = [], [], 0
    for batch in open_export(path, options).batches():
        frames.append(batch.records)
        rejects.extend(batch.rejects)
        rows_in += batch.rows_in
    return (pd.concat(frames, ignore_index=True) if frames else None), rejects, rows_in


def _outcome(path: Path, options: IngestOptions) -> tuple[object, ...] | str:
    try:
        return _read(path, options)
    except IngestError as error:
        return f"error: {error}"


def assert_same(path: Path, options: IngestOptions) -> None:
    slow = _outcome(path, replace(options, fast=False))
    fast = _outcome(path, replace(options, fast=True))
    if isinstance(slow, str) or isinstance(fast, str):
        assert fast == slow
        return
    assert (fast[0] is None) == (slow[0] is None)
    if isinstance(slow[0], pd.DataFrame):
        pd.testing.assert_frame_equal(fast[0], slow[0])
    assert fast[1:] == slow[1:]


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fast_path_matches_row_path(path: Path) -> None:
    assert_same(path, IngestOptions(reference_time=REFERENCE))


@pytest.mark.parametrize("path", FILES[:12], ids=lambda p: f"{p.parent.name}/{p.name}")
def test_small_batches_and_no_reference_match(path: Path) -> None:
    """Dates decided from a 3-row first batch; relative dates rejected without a reference."""
    assert_same(path, IngestOptions(batch_rows=3))


def test_demo_files_take_the_fast_path() -> None:
    for path in (ROOT / "data" / "demo").glob("*.csv"):
        assert fast_width(open_export(path).info) == len(pd.read_csv(path, nrows=0).columns)


@pytest.mark.parametrize(
    "name", ["mixed_encodings.csv", "extra_fields_row.csv", "unclosed_quote.csv",
             "smart_quotes_cp1252.csv"],  # fmt: skip
)
def test_files_the_fast_path_cannot_promise_fall_back(name: str) -> None:
    assert fast_width(open_export(FIXTURES / "bad" / name).info) is None


def test_row_cap_error_and_batches_match(tmp_path: Path) -> None:
    path = tmp_path / "cap.csv"
    lines = ["isi,tanggal"] + [f"teks {n},2025-07-0{1 + n % 9}" for n in range(30)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    options = IngestOptions(max_rows=7, batch_rows=3)
    stored: dict[bool, list[int]] = {}
    for fast in (False, True):
        rows: list[int] = []
        with pytest.raises(IngestError) as caught:
            for batch in open_export(path, replace(options, fast=fast)).batches():
                rows.extend(batch.records["row_number"].tolist())
        stored[fast] = rows
        assert "reading stopped at row 9" in str(caught.value)
    assert stored[True] == stored[False] == list(range(2, 9))


def test_whitespace_class_is_str_isspace() -> None:
    spaces = {chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()}
    listed: set[str] = set()
    for low, high in re.findall(r"\\x\{([0-9a-f]+)\}(?:-\\x\{([0-9a-f]+)\})?", WHITESPACE):
        listed |= {chr(code) for code in range(int(low, 16), int(high or low, 16) + 1)}
    assert listed == spaces == set(SPACES)


TRICKY_TEXTS = [
    "", " ", "a  b", "a\tb", " Halo\u00a0dunia ", "x\u2003y", "ﬁ ligature", "Ｆｕｌｌ　width",
    "tab\t\tend\n", "\u2028line", "¨ diaeresis", "İstanbul", "ß", "emoji 😂  🙏", "a\x1cb",
]  # fmt: skip


def test_normalize_many_matches_normalize_text() -> None:
    assert normalize_many(TRICKY_TEXTS) == [normalize_text(text) for text in TRICKY_TEXTS]


@given(st.lists(st.text(alphabet=st.characters(codec="utf-8"), max_size=30), max_size=20))
@settings(max_examples=200, deadline=None)
def test_normalize_many_property(texts: list[str]) -> None:
    assert normalize_many(texts) == [normalize_text(text) for text in texts]


DATE_VALUES = [
    "2025-07-08T10:00:00+07:00", "2025-07-08 10:00:00+00:00", "2025-07-08T10:00:00Z",
    "2025-07-08t10:00:00z", "2025-07-08T10:00:00.5+07:00", "2025-07-08T10:00:00.123456-03:30",
    "2025-07-08T10:00+07:00", "2025-07-08", "2025-07-08T10:00:00", "2025-02-30",
    "2025-07-08T24:00:00", "2025-03-30T02:30:00", "2025-10-26T02:30:00", "2025-13-01T00:00:00Z",
    "1600-01-01", "Wed Jul 09 03:12:45 +0000 2025", "Xyz Jul 09 03:12:45 +0000 2025",
    "Wed Mei 09 03:12:45 +0700 2025", "Wed Feb 30 03:12:45 +0000 2025", "1720000000",
    "1720000000123", "999999999", "0123456789", "08/07/2025 14:30", "25/07/2025 14:30",
    "07/25/2025 14:30", "8/7/2025", "08/07/2025 24:00", "08/07/2025 14.30.59", "31/02/2025 10:00",
    "Selasa, 8 Juli 2025 10.00 WIB", "8 Juli 2025", "Jumat, 31 Januari 2025 23.59 WITA",
    "Senin, 1 Mei 2025 07:00 WIT", "Minggu, 30 Februari 2025 10.00",
    "Kamis, 8 Juloi 2025 10.00 WIB", "8 Sept 2025 25.00", "8 mei 2025 10.00 wib",
    "3 minggu yang lalu",
]  # fmt: skip


@pytest.mark.parametrize("zone", ["Asia/Jakarta", "Europe/Berlin"])
@pytest.mark.parametrize("dayfirst", [True, False])
def test_fast_dates_agree_with_the_parser(zone: str, dayfirst: bool) -> None:
    """A value the fast shapes read is read as the parser reads it; the rest is left NaT."""
    tz = ZoneInfo(zone)
    parsed = fast_dates(pd.Series(DATE_VALUES, dtype=object), tz, dayfirst)
    assert not np.isnat(parsed).all()
    for value, fast in zip(DATE_VALUES, parsed, strict=True):
        if np.isnat(fast):
            continue
        try:
            slow = parse_datetime(value, tz=tz, dayfirst=dayfirst, strict_order=True)[0]
        except DateError:
            pytest.fail(f"{value!r}: fast read {fast}, the parser rejects it")
        assert np.datetime64(slow.replace(tzinfo=None), "us") == fast, value


CELL = st.text(
    alphabet=st.sampled_from(list("ab ,;\t|\"'\r\n\u00a0\u2003😂ﬁİ0123456789-:/.")), max_size=12
)
DATE = st.sampled_from(DATE_VALUES + ["", " ", "kemarin", "45846", "2 jam yang lalu"])


@given(
    rows=st.lists(st.tuples(CELL, DATE, CELL, CELL), max_size=25),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    newline=st.sampled_from(["\n", "\r\n"]),
    quoting=st.sampled_from(["minimal", "all", "sloppy"]),
)
@example(rows=[('"', "2025-07-08T10:00:00+07:00", '"', "\n\r0")], delimiter=",", newline="\n",
         quoting="sloppy")  # an unclosed quote over a lone \r: the row reader raised csv.Error
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_generated_csv_matches(
    rows: list[tuple[str, str, str, str]], delimiter: str, newline: str, quoting: str
) -> None:
    """``sloppy`` leaves stray quotes unquoted, as hand-edited files do."""
    special = f"{delimiter}\r\n" if quoting == "sloppy" else f'{delimiter}"\r\n'

    def cell(value: str) -> str:
        if quoting == "all" or any(char in value for char in special):
            return '"' + value.replace('"', '""') + '"'
        return value

    lines = [delimiter.join(["isi", "tanggal", "akun", "suka"])]
    lines += [delimiter.join(cell(value) for value in row) for row in rows]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "gen.csv"
        path.write_bytes((newline.join(lines) + newline).encode("utf-8"))
        options = IngestOptions(
            reference_time=REFERENCE, delimiter=delimiter, batch_rows=7,
            mapping={"text": "isi", "published_at": "tanggal", "author": "akun", "likes": "suka"},
        )  # fmt: skip
        assert_same(path, options)


def test_a_record_bigger_than_arrows_block_falls_back(tmp_path: Path) -> None:
    """Arrow cannot stream a record longer than two of its blocks: the file goes to the row path
    whole."""
    path = tmp_path / "big.csv"
    path.write_text(f'isi,tanggal\n"{"kata " * 800_000}",2025-07-08\nb,2025-07-09\n', "utf-8")
    assert fast_width(open_export(path).info) is None
    assert_same(path, IngestOptions())


def test_texts_arrow_lowercases_are_the_ones_python_would() -> None:
    """The class of characters left to Python holds every one that NFKC or ``lower`` changes,
    in every plane: a text without them is normalised by ``ascii_lower`` alone."""
    changing = [
        chr(code) for code in range(0x80, sys.maxunicode + 1)
        if not 0xD800 <= code <= 0xDFFF
        and (chr(code).lower() != chr(code) or unicodedata.combining(chr(code))
             or unicodedata.normalize("NFKD", chr(code)) != chr(code))
    ]  # fmt: skip
    python_only, space_like = _python_only()
    found = pc.match_substring_regex(pa.array(changing, pa.string()), f"{python_only}|{space_like}")
    assert pc.all(found).as_py()
    spaces = pc.match_substring_regex(pa.array(changing, pa.string()), space_like)
    assert {unicodedata.normalize("NFKC", char) for char in pa.array(changing).filter(spaces)
            .to_pylist()} == {" "}  # fmt: skip


CONTEXT_TEXTS = [
    "ΟΔΟΣ ΣΑΣ", "Σ", "aΣ b", "e\u0301", "\u1100\u1161\u11a8", "가\u11a8", "Ä ö 😂", "ﬁ", "x\u00a0",
    "KELVIN \u212a", "İ", "ǅ", "\u0345", "a\x00Σ", "ＡＢＣ　ｄ",
]  # fmt: skip


@given(st.lists(st.sampled_from(CONTEXT_TEXTS + ["A b", " ", "😂", "x  y", "\t"]), max_size=30))
@settings(max_examples=200, deadline=None)
def test_normalize_many_joins_of_tricky_texts(parts: list[str]) -> None:
    texts = ["".join(parts[n : n + 3]) for n in range(len(parts))]
    assert normalize_many(texts) == [normalize_text(text) for text in texts]


def test_urls_without_a_scheme_get_their_own_platform(tmp_path: Path) -> None:
    """A url the Arrow host reader does not cut (no scheme) is read by ``urlsplit``, row by row:
    two such urls of different sites must not share one platform."""
    path = tmp_path / "urls.csv"
    path.write_text(
        "isi,tanggal,link\n"
        "satu,2025-07-08,youtube.com/watch?v=1\n"
        "dua,2025-07-08,detik.com/berita/2\n"
        "tiga,2025-07-08,https://twitter.com/a/status/3\n"
        "empat,2025-07-08,//www.tiktok.com/@a\n",
        encoding="utf-8",
    )
    options = IngestOptions(mapping={"text": "isi", "published_at": "tanggal", "url": "link"})
    assert_same(path, options)
    records, _, _ = _read(path, options)
    assert records is not None
    assert records["platform"].tolist()[:2] == ["youtube", "unknown"]


def test_duckdbs_sha1_is_hashlibs() -> None:
    values = ["", "a", "héllo 😂", "x" * 10_000, "İ\x00z", "tab\tend\n"]
    digests, again = sha1_hex(pa.array(values), pa.array(values[::-1]))
    assert digests.to_pylist() == [hashlib.sha1(value.encode()).hexdigest() for value in values]
    assert again.to_pylist() == digests.to_pylist()[::-1]


def test_every_kind_of_whitespace_collapses_as_python_does() -> None:
    texts = [text.format(space) for space in SPACES
             for text in ("a{0}{0}b", "{0}x", "x{0}", "Ä{0}b", "a {0} b")]  # fmt: skip
    assert normalize_many(texts) == [normalize_text(text) for text in texts]


def test_the_byte_checks_let_every_fast_shape_through() -> None:
    """``_could_be`` only saves pattern runs: a value it rules out for a shape never matches it."""
    values = pa.array(DATE_VALUES + ["8 Mei 2025", "12 Juni 2025 10.00", "Kamis, 3 Juli 2025"])
    for (shape, _), possible in zip(_READERS, _could_be(values), strict=True):
        matches = pc.match_substring_regex(values, f"^(?:{shape})$").to_numpy(zero_copy_only=False)
        assert not (matches & ~possible).any(), shape
