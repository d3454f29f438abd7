"""Near-duplicate texts: which posts say the same thing, whatever campaigns vary.

**Same text.** Texts are compared after :func:`canonicalize` (NFKC, lower case, links and
@mentions removed, every run of punctuation, emoji or symbols, a hashtag's ``#`` included, turned
into one space). Copy-paste campaigns vary exactly these parts to look organic: a different
mention, an extra emoji, a link with its own tracking code. Identical canonical texts (retweets,
plain copies) are grouped by hash, which is the fast path for retweet-heavy data. The rest are
compared by the Jaccard similarity of their sets of 5-byte shingles, estimated from MinHash
signatures (one-permutation hashing into ``BINS`` = 64 bins, empty bins filled by rotation,
Shrivastava & Li 2014), candidates found by banded LSH (16 bands of 4 bins: a pair at
Jaccard 0.7 becomes a candidate with probability 0.99, at 0.3 with 0.12) and kept when the
estimate reaches ``similarity``. Near-duplicate texts are linked transitively (connected
components), so a text that drifts edit by edit stays one group.

Why character shingles and 0.7: a typo changes 5 shingles of a text, not a whole word pair, so
a 140-character text with two typos keeps Jaccard ≈ 0.86 and a 40-character one with one typo
≈ 0.76, while random pairs of the demo vaccine tweets (one topic) have a median of 0.04 and a
99.9th percentile of 0.21. At 0.8 short edited copies would be lost; below 0.6 a quote with a
one-line comment of its own would join the original.

**Too short.** Texts of fewer than ``MIN_WORDS`` = 5 words after canonicalisation are never
clustered: "mantap pak" from 20 accounts is agreement, not coordination.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

MIN_WORDS = 5
SHINGLE_BYTES = 5
BINS = 64
BAND_BINS = 4
DEFAULT_SIMILARITY = 0.7
CHUNK_BYTES = 4_000_000
_DROP = (
    r"(?:[^\pL\pN]*(?:(?:\bhttps?:/|\bwww\.)\S*|@\w*))+[^\pL\pN]*"  # links, mentions, around them
    r"|[^\pL\pN ][^\pL\pN]*| [^\pL\pN]+"  # other runs of symbols, but never a lone space
)
_EMPTY = np.uint32(0xFFFFFFFF)
_U64 = np.uint64


def canonicalize(texts: Sequence[str | None] | pd.Series | pa.Array) -> pa.Array:
    """Texts as compared for sameness (see the module docstring); missing texts become "".

    One regular expression replaces links, mentions and symbol runs by a single space: a pass
    costs about a microsecond per text whatever it does, and a lone space is left alone."""
    array = pc.utf8_lower(pc.utf8_normalize(_arrow_text(texts), form="NFKC"))
    return pc.utf8_trim(pc.replace_substring_regex(array, _DROP, " "), " ")


def signatures(canonical: pa.Array) -> np.ndarray:
    """MinHash signatures (n × ``BINS``, uint16) of canonical texts; a text under 5 bytes has
    no shingle and gets the empty signature. The low 16 bits of each bin's minimum are kept: two
    different minima agree by chance once in 65,536, far below the estimator's own error, and
    1M signatures take 128 MB."""
    return _sketch(canonical)[0]


def _sketch(canonical: pa.Array) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Signatures, a 64-bit fingerprint (sum of the shingle hashes) and the word count of each
    text, in chunks of ``CHUNK_BYTES`` so that memory stays bounded."""
    array = canonical.cast(pa.large_string())
    offsets = np.frombuffer(array.buffers()[1], np.int64)[array.offset :][: len(array) + 1]
    data = np.frombuffer(array.buffers()[2] or b"\0", np.uint8)
    sig = np.empty((len(array), BINS), np.uint16)
    fingerprint = np.empty(len(array), np.uint64)
    words = np.empty(len(array), np.int64)
    start = 0
    while start < len(array):
        stop = int(np.searchsorted(offsets, offsets[start] + CHUNK_BYTES, "right")) - 1
        stop = min(max(stop, start + 1), len(array))
        part = slice(start, stop)
        sig[part], fingerprint[part], words[part] = _chunk_sketch(data, offsets[start : stop + 1])
        start = stop
    return sig, fingerprint, words


def _chunk_sketch(data: np.ndarray, offsets: np.ndarray) -> tuple[np.ndarray, ...]:
    """One-permutation MinHash of a run of texts: one hash per shingle, minimum per bin."""
    low, high = int(offsets[0]), int(offsets[-1])
    starts, ends = offsets[:-1] - low, offsets[1:] - low
    padded = np.zeros(high - low + 8, np.uint8)
    padded[: high - low] = data[low:high]
    windows = np.ndarray((high - low,), "<u8", padded, 0, (1,))  # 8 bytes at each offset
    spaces = np.r_[0, np.cumsum(padded[: high - low] == 32, dtype=np.int32)]
    words = np.where(ends > starts, spaces[ends] - spaces[starts] + 1, 0)
    counts = np.maximum(np.diff(offsets) - (SHINGLE_BYTES - 1), 0)
    keep = np.zeros(high - low, bool)
    keep[np.repeat(starts, counts) + _ranks(counts)] = True
    h = windows[keep] & _U64((1 << 8 * SHINGLE_BYTES) - 1)
    h *= _U64(0x9E3779B97F4A7C15)
    h ^= h >> _U64(29)
    h *= _U64(0xBF58476D1CE4E5B9)
    h ^= h >> _U64(32)
    total = np.r_[_U64(0), np.cumsum(h)]
    ends_h = np.cumsum(counts)
    mins = np.full(len(counts) * BINS, _EMPTY)
    slot = np.repeat(np.arange(len(counts)) * BINS, counts) + (h >> _U64(58)).astype(np.int64)
    np.minimum.at(mins, slot, h.astype(np.uint32))
    sig = _densify(mins.reshape(len(counts), BINS)).astype(np.uint16)
    return sig, total[ends_h] - total[ends_h - counts], words


def _ranks(counts: np.ndarray) -> np.ndarray:
    """0, 1, …, c-1 for each count c, concatenated."""
    return np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)


def _densify(mins: np.ndarray) -> np.ndarray:
    """Empty bins borrow the next filled bin to the right (circular), marked by the distance,
    so two texts agree on a borrowed bin only when they agree on the bin lent."""
    empty = mins == _EMPTY
    backwards = np.tile(~empty, 2)[:, ::-1]
    position = np.arange(2 * BINS - 1, -1, -1, dtype=np.uint8)
    nearest = np.minimum.accumulate(np.where(backwards, position, np.uint8(255)), axis=1)
    donor = nearest[:, BINS:][:, ::-1]
    rows, bins = np.nonzero(empty & (donor < 2 * BINS))
    out = mins.copy()
    lent = mins[rows, donor[rows, bins] % BINS]
    out[rows, bins] = lent ^ ((donor[rows, bins] - bins).astype(np.uint32) * np.uint32(0x9E3779B1))
    return out


def near_duplicate_groups(
    texts: Sequence[str | None] | pd.Series | pa.Array, similarity: float = DEFAULT_SIMILARITY
) -> np.ndarray:
    """A group number per text (-1: too short); equal numbers mean near-duplicate texts.

    Distinct canonical texts are numbered in the order of their fingerprints, and a group takes
    its smallest number, so numbers depend on which texts are present, never on their order."""
    codes, distinct = _distinct_canonical(texts)
    sig, fingerprint, words = _sketch(distinct)
    del distinct
    eligible = np.flatnonzero(words >= MIN_WORDS)
    eligible = eligible[np.argsort(fingerprint[eligible], kind="stable")]
    group = np.full(len(words), -1, np.int64)
    group[eligible] = _link(sig, eligible, similarity)
    return group[codes]


def _distinct_canonical(
    texts: Sequence[str | None] | pd.Series | pa.Array,
) -> tuple[np.ndarray, pa.Array]:
    """The distinct canonical texts, and which one each text is. Identical raw texts (retweets)
    are canonicalised once; identical canonical texts are one text from here on."""
    raw = pc.dictionary_encode(_arrow_text(texts))
    codes = raw.indices.to_numpy(zero_copy_only=False)
    canonical = pc.dictionary_encode(canonicalize(raw.dictionary))
    return canonical.indices.to_numpy(zero_copy_only=False)[codes], canonical.dictionary


def _link(sig: np.ndarray, rows: np.ndarray, similarity: float) -> np.ndarray:
    """Component labels of ``rows`` (positions into ``sig``), linking pairs that share an LSH
    band and whose estimated Jaccard reaches ``similarity``.

    In a bucket each text is paired with the bucket's first text and with its neighbour, not
    with every other text: linear in the bucket's size, and the same components whenever the
    bucket's texts are near-duplicates of each other, which is what a bucket holds. Band b takes
    bins b, b+16, b+32, b+48: rotation fills a short text's empty bins with copies of their right
    neighbour, so a band of adjacent bins would collide on one agreeing bin. Bands are taken one
    by one and a pair already in one component is not verified again; that changes the work,
    not the components."""
    bands = BINS // BAND_BINS
    label = np.arange(len(rows))
    for band in range(bands):
        keys = np.ascontiguousarray(sig[rows, band::bands]).view(np.uint64)[:, 0]
        a, b = _bucket_pairs(keys)
        open_ = label[a] != label[b]
        a, b = a[open_], b[open_]
        same = np.concatenate([
            (sig[rows[a[part]]] == sig[rows[b[part]]]).mean(axis=1) >= similarity
            for part in np.array_split(np.arange(len(a)), max(1, len(a) // 250_000))
        ])  # fmt: skip
        label = _components(label, a[same], b[same])
    return label


def _bucket_pairs(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(first, member) and (neighbour, member) pairs of positions with equal keys."""
    shared = np.flatnonzero(pd.Series(keys).duplicated(keep=False).to_numpy())
    if not len(shared):
        return shared, shared
    shared = shared[np.argsort(keys[shared], kind="stable")]
    sorted_keys = keys[shared]
    new = np.r_[True, sorted_keys[1:] != sorted_keys[:-1]]
    leader = shared[np.flatnonzero(new)[np.cumsum(new) - 1]]
    chain = ~new[1:] & ~new[:-1]
    return (np.r_[leader[~new], shared[:-1][chain]], np.r_[shared[~new], shared[1:][chain]])


def _components(label: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Connected components, from a labelling where every label is a root (labels[l] == l),
    after adding the edges ``a``–``b``: roots hook to the smaller root, then pointer jumping.
    Each node ends labelled with the smallest node of its component."""
    while True:
        la, lb = label[a], label[b]
        if np.array_equal(la, lb):
            return label
        low = np.minimum(la, lb)
        np.minimum.at(label, la, low)
        np.minimum.at(label, lb, low)
        while not np.array_equal(label, jumped := label[label]):
            label = jumped


def _arrow_text(texts: Sequence[str | None] | pd.Series | pa.Array) -> pa.Array:
    """Texts as one Arrow large-string array (zero-copy from Arrow-backed columns), missing
    texts as ""."""
    if not isinstance(texts, pa.Array | pa.ChunkedArray):
        series = texts if isinstance(texts, pd.Series) else pd.Series(list(texts), dtype=object)
        try:
            texts = pa.array(series, from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            texts = pa.array(series.astype("string"), from_pandas=True)
    if isinstance(texts, pa.ChunkedArray):
        texts = texts.combine_chunks()
    return pc.fill_null(texts.cast(pa.large_string()), "")
