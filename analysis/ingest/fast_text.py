"""``analysis.text.keys.normalize_text`` and ``str.strip`` for a whole Arrow column at once.

Per text, Python's normalisation is a handful of calls of a microsecond or less; over a million
rows the calls themselves are the cost. Most texts hold only characters that NFKC leaves alone
and that have no lower case but maybe an ASCII one: for those Arrow's ``ascii_lower`` is the whole
job. Python normalises only the texts with another character (an accent, a capital Ä, a ligature).
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Iterator
from functools import cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

WHITESPACE = (
    "\\x{9}-\\x{d}\\x{1c}-\\x{20}\\x{85}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}"
    "\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}"
)
"""Every character ``str.isspace`` (and so ``str.strip``, ``str.split`` and ``re``'s ``\\s``) takes
for whitespace, as an RE2 character class body; ``tests/ingest/test_fast_ingest.py`` checks the
list."""
SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
"""The same characters, listed (what ``pyarrow.compute.utf8_trim`` takes)."""
_ASCII_RUNS = "[\\x{9}-\\x{d}]|  "
"""Whitespace that Arrow's ``ascii_split_whitespace`` splits on as ``str.split`` does: tabs, line
breaks, and runs of spaces."""
_OTHER_SPACE = "[\\x{1c}-\\x{1f}\\x{85}\\x{1680}\\x{2028}\\x{2029}]"
"""Whitespace that ``str.split`` splits on but Arrow's ASCII split does not, and that has no
decomposition (so :func:`_python_only` does not hold it)."""
_CHECKED_UP_TO = 0x30000
"""Past the first three planes no character decomposes or has a case (Unicode 14 to 16); they
count as needing Python all the same, so a later Unicode cannot make the shortcut wrong."""


def strip(values: pa.Array) -> pa.Array:
    """``str.strip()`` of every string."""
    return pc.utf8_trim(values, characters=SPACES)


def normalize_many(texts: list[str]) -> list[str]:
    """``[normalize_text(t) for t in texts]``."""
    normalized: list[str] = normalize_column(pa.array(texts, pa.string())).to_pylist()
    return normalized


def normalize_column(texts: pa.Array) -> pa.Array:
    """``normalize_text`` of every string (no nulls).

    A text with no character of :func:`_python_only` is its own NFKC form and its ``lower()``
    changes only ASCII letters: Arrow's ``ascii_lower`` is both. If its only whitespace is ASCII,
    Arrow's ``ascii_split_whitespace`` and a join with single spaces collapse it as the
    substitution does, and a trim of spaces strips it. Spaces NFKC turns into plain ones (the
    no-break space above all) are turned into plain ones first, which changes no text's NFKC
    form. Any other text takes ``normalize_text``'s own steps in Python, as
    ``" ".join(nfkc.lower().split())`` (``split`` and ``join`` are the substitution and the
    strip, and ``lower`` commutes with them: no character changes case into or out of
    whitespace).
    """
    python_only, space_like = _python_only()
    python = _flags(pc.match_substring_regex(texts, f"{python_only}|{space_like}|{_OTHER_SPACE}"))
    if python.any():
        picked = pa.array(python)
        swapped = pc.replace_substring_regex(texts.filter(picked), space_like, " ")
        texts = pc.replace_with_mask(texts, picked, swapped)
        still = pc.match_substring_regex(swapped, f"{python_only}|{_OTHER_SPACE}")
        python[np.flatnonzero(python)] = _flags(still)
    lowered = pc.ascii_lower(texts)
    runs = _flags(pc.match_substring_regex(texts, _ASCII_RUNS)) & ~python
    if runs.any():
        joined = pc.binary_join(pc.ascii_split_whitespace(lowered.filter(pa.array(runs))), " ")
        lowered = pc.replace_with_mask(lowered, pa.array(runs), joined)
    normalized = pc.utf8_trim(lowered, characters=" ")
    if not python.any():
        return normalized
    changed = [" ".join(unicodedata.normalize("NFKC", text).lower().split())
               for text in texts.filter(pa.array(python)).to_pylist()]  # fmt: skip
    return pc.replace_with_mask(normalized, pa.array(python), pa.array(changed, pa.string()))


def _flags(mask: pa.Array) -> np.ndarray:
    return np.asarray(mask.to_numpy(zero_copy_only=False), dtype=bool)


@cache
def _python_only() -> tuple[str, str]:
    """Two RE2 classes: the characters ``normalize_text`` needs Python for, and those whose NFKC
    form is a plain space (so that a plain space can stand in for them).

    The first holds those NFKC may change (a decomposition, a combining mark, a character that
    composes with the one before it, Hangul among them) and those ``str.lower`` changes (İ and
    Σ, whose lower case depends on more than the character, included). Built once per process
    from ``unicodedata`` (~0.1 s)."""
    needed = [range(0x1161, 0x1176), range(0x11A8, 0x11C3), range(0xAC00, 0xD7A4)]
    composers: set[int] = set()
    found: list[int] = []
    space_like: list[int] = []
    for code in _code_points():
        char = chr(code)
        decomposition = unicodedata.decomposition(char)
        if decomposition and unicodedata.normalize("NFKC", char) == " ":
            space_like.append(code)
        elif decomposition or unicodedata.combining(char) or char.lower() != char:
            found.append(code)
            parts = decomposition.split()
            if len(parts) == 2 and not parts[0].startswith("<"):
                composers.add(int(parts[1], 16))
    codes = sorted({*found, *composers, *(code for block in needed for code in block)})
    return _re2_class(codes, [[_CHECKED_UP_TO, sys.maxunicode]]), _re2_class(space_like, [])


def _re2_class(codes: list[int], extra: list[list[int]]) -> str:
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    ranges += extra
    return "[" + "".join(f"\\x{{{low:x}}}-\\x{{{high:x}}}" for low, high in ranges) + "]"


def _code_points() -> Iterator[int]:
    """Non-ASCII code points below :data:`_CHECKED_UP_TO`, less the blocks where no character
    decomposes or has a case in any Unicode version: unified CJK ideographs, Hangul syllables
    (all of them taken above), surrogates and private use."""
    skipped = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xDFFF), (0xE000, 0xF8FF),
               (0x20000, 0x2EBEF)]  # fmt: skip
    start = 0x80
    for low, high in skipped:
        yield from range(start, low)
        start = high + 1
    yield from range(start, _CHECKED_UP_TO)
