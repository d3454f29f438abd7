"""Coordinated posting: the same text pushed by many accounts within a few minutes.

What the PR unit reads is "14 accounts posted the same text within 9 minutes". The rules:

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
99.9th percentile of 0.21. At 0.8 short edited copies
would be lost; below 0.6 a quote with a one-line comment of its own would join the original.

**Too short.** Texts of fewer than ``MIN_WORDS`` = 5 words after canonicalisation are never
clustered: "mantap pak" from 20 accounts is agreement, not coordination.

**Many accounts, short time.** Within one group, posts are sorted by time; a window starts at
each post and holds every post of the group published up to ``window_minutes`` later, both ends
included (posts exactly T minutes apart are in one window). A window qualifies when it holds
posts from at least ``min_accounts`` distinct accounts, also inclusive. Qualifying windows that
share a post are merged into one burst, and each burst is one cluster: all posts in its
windows. So one group can give several clusters (the same text pushed again in the evening),
and a burst can span more than T when windows chain; ``span_minutes`` then says so. Accounts
are compared after trimming, dropping a leading ``@`` and case folding; posts without an author
stay in the cluster but are not accounts (twenty anonymous rows could be one person), and
posts without a time are left out.

**The signal.** Every post of a cluster gets ``coordination = breadth × tightness`` with
``breadth = 1 - 2^(-accounts / ACCOUNTS_HALF)`` and ``tightness = 2^(-span / SPAN_HALF_MINUTES)``:
5 accounts give half the breadth, a burst spread over an hour halves it. 14 accounts within 9
minutes score 0.77, 3 accounts within an hour 0.17; posts in no cluster score 0.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.errors import ConfigError

MIN_WORDS = 5
SHINGLE_BYTES = 5
BINS = 64
BAND_BINS = 4
DEFAULT_SIMILARITY = 0.7
ACCOUNTS_HALF = 5.0
SPAN_HALF_MINUTES = 60.0
CHUNK_BYTES = 4_000_000
CLUSTER_COLUMNS = ["cluster_id", "n_posts", "n_accounts", "accounts", "first_at", "last_at",
                   "span_minutes", "coordination", "text", "explanation"]  # fmt: skip
_DROP = (
    r"(?:[^\pL\pN]*(?:(?:\bhttps?:/|\bwww\.)\S*|@\w*))+[^\pL\pN]*"  # links, mentions, around them
    r"|[^\pL\pN ][^\pL\pN]*| [^\pL\pN]+"  # other runs of symbols, but never a lone space
)
_CLUSTER_TYPES = {"n_posts": "int64", "n_accounts": "int64", "first_at": "datetime64[ns, UTC]",
                  "last_at": "datetime64[ns, UTC]", "span_minutes": "float64",
                  "coordination": "float64"}  # fmt: skip
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


@dataclass(frozen=True)
class Clusters:
    """What :func:`find_clusters` found.

    ``clusters``: one row per cluster (``CLUSTER_COLUMNS``), strongest first; ``cluster_id`` is
    derived from the member ids (:func:`cluster_key`), so a rerun on the same posts, in any
    order, gives the same ids (reviews and notes can refer to them); ``accounts`` in the order
    they first posted; ``text`` the text posted most often, the earliest on a tie;
    ``explanation`` the sentence a reader wants ("14 accounts posted the same text within 9
    minutes"). ``membership``: ``id, cluster_id, coordination`` for
    every member post (a post is in at most one cluster). ``posts``: the members with
    ``cluster_id, id, published_at, author, text``, in time order, behind :meth:`timeline`."""

    clusters: pd.DataFrame
    membership: pd.DataFrame
    posts: pd.DataFrame

    def timeline(self, cluster_id: str) -> pd.DataFrame:
        """One cluster's posts in time order (``id, published_at, author, text``) with
        ``minute``, the minutes since its first post: what a chart of the burst draws."""
        rows = self.posts[self.posts["cluster_id"] == cluster_id]
        if rows.empty:
            raise KeyError(f"no coordination cluster {cluster_id!r}")
        minute = (rows["published_at"] - rows["published_at"].iloc[0]) / pd.Timedelta(minutes=1)
        return rows.drop(columns="cluster_id").assign(minute=minute).reset_index(drop=True)

    def signal(self, ids: Sequence[object] | pd.Series) -> pd.Series:
        """The coordination signal for each of ``ids``, in that order; 0 for posts in no cluster."""
        by_id = self.membership.set_index("id")["coordination"]
        return by_id.reindex(pd.Index(list(ids))).fillna(0.0).rename("coordination")


def find_clusters(
    posts: pd.DataFrame,
    min_accounts: int = 3,
    window_minutes: float = 60,
    similarity: float = DEFAULT_SIMILARITY,
) -> Clusters:
    """Clusters of near-duplicate posts from at least ``min_accounts`` distinct accounts within
    ``window_minutes`` (both inclusive; rules in the module docstring).

    ``posts`` has ``id, author, text, published_at`` (timezone-aware; naive times are read as
    UTC). Ids are expected to be unique, as in the store; a repeated id counts once."""
    if min_accounts < 2:
        raise ConfigError(f"min_accounts is {min_accounts}; coordination needs at least 2 accounts")
    if window_minutes < 0 or not 0 < similarity <= 1:
        raise ConfigError(
            f"window_minutes must be ≥ 0 and similarity in (0, 1], got {window_minutes} and "
            f"{similarity}"
        )
    if posts["id"].duplicated().any():
        posts = posts.drop_duplicates("id")
    at = pd.Series(pd.to_datetime(posts["published_at"], utc=True))
    group = near_duplicate_groups(posts["text"], similarity)
    group[at.isna().to_numpy()] = -1
    authors = posts["author"] if "author" in posts else pd.Series(pd.NA, index=posts.index)
    account = _accounts(authors)
    ms = at.dt.tz_convert(None).to_numpy("datetime64[ms]").view(np.int64)
    window_ms = int(round(window_minutes * 60_000))
    bursts = _bursts(group, ms, account, min_accounts, window_ms)
    take = np.concatenate(bursts) if bursts else np.empty(0, np.int64)
    members = pd.DataFrame({
        name: column.iloc[take].reset_index(drop=True)
        for name, column in (("id", posts["id"]), ("published_at", at), ("author", authors),
                             ("text", posts["text"]))
    })  # fmt: skip
    return _assemble(members, account[take], [len(b) for b in bursts])


def coordination_signal(n_accounts: np.ndarray, span_minutes: np.ndarray) -> np.ndarray:
    """``breadth × tightness`` (module docstring): rises with the accounts, falls with the span."""
    breadth = 1.0 - np.exp2(-np.asarray(n_accounts, float) / ACCOUNTS_HALF)
    return breadth * np.exp2(-np.asarray(span_minutes, float) / SPAN_HALF_MINUTES)


def cluster_key(ids: Sequence[object] | np.ndarray) -> str:
    """A cluster's id: SHA-1 of its sorted member ids, so the same posts give the same id."""
    return hashlib.sha1("\n".join(sorted(map(str, ids))).encode()).hexdigest()[:16]


def _accounts(authors: pd.Series) -> np.ndarray:
    """An account number per post (-1: no author); ``@Budi`` and ``budi`` are one account."""
    key = authors.astype("string").str.strip().str.lstrip("@").str.casefold()
    codes, _ = pd.factorize(key.mask(key == ""))
    return np.asarray(codes, np.int64)


def _bursts(
    group: np.ndarray, ms: np.ndarray, account: np.ndarray, min_accounts: int, window_ms: int
) -> list[np.ndarray]:
    """Post positions of each burst, in time order. A vectorised pass keeps only groups with a
    window of at least ``min_accounts`` posts; the distinct-account rule runs on those alone."""
    sizes = np.bincount(group[group >= 0], minlength=1)
    candidates = np.flatnonzero((group >= 0) & (sizes[np.maximum(group, 0)] >= min_accounts))
    order = candidates[np.lexsort((ms[candidates], group[candidates]))]
    g, t = group[order], ms[order]
    reach = _reach(g, t, window_ms)
    hot = np.unique(g[reach - np.arange(len(g)) >= min_accounts])
    found = []
    for lo, hi in zip(
        np.searchsorted(g, hot, "left"), np.searchsorted(g, hot, "right"), strict=True
    ):
        spans = _windows(t[lo:hi].tolist(), account[order[lo:hi]].tolist(), min_accounts, window_ms)
        found += [order[lo + start : lo + stop] for start, stop in spans]
    return found


def _reach(g: np.ndarray, t: np.ndarray, window_ms: int) -> np.ndarray:
    """For posts sorted by (group, time): the end (exclusive) of the window starting at each, i.e.
    the position after the last post of its group at most ``window_ms`` later. One sort of posts
    and window ends together, so no composite key can overflow."""
    n = len(g)
    kind = np.r_[np.zeros(n, np.int8), np.ones(n, np.int8)]
    merged = np.lexsort((kind, np.r_[t, t + window_ms], np.r_[g, g]))
    posts_before = np.cumsum(merged < n)
    reach = np.empty(n, np.int64)
    ends = merged >= n
    reach[merged[ends] - n] = posts_before[ends]
    return reach


def _windows(
    times: list[int], accounts: list[int], min_accounts: int, window_ms: int
) -> list[tuple[int, int]]:
    """Bursts of one time-sorted group as ``(start, stop)`` positions: windows with enough
    distinct accounts, merged when they share a post (two pointers, one pass)."""
    seen: Counter[int] = Counter()
    bursts: list[tuple[int, int]] = []
    stop = 0
    for start, moment in enumerate(times):
        while stop < len(times) and times[stop] - moment <= window_ms:
            if accounts[stop] >= 0:
                seen[accounts[stop]] += 1
            stop += 1
        if len(seen) >= min_accounts:
            if bursts and start < bursts[-1][1]:
                bursts[-1] = (bursts[-1][0], stop)
            else:
                bursts.append((start, stop))
        if accounts[start] >= 0:
            seen[accounts[start]] -= 1
            if not seen[accounts[start]]:
                del seen[accounts[start]]
    return bursts


def _assemble(members: pd.DataFrame, account: np.ndarray, sizes: list[int]) -> Clusters:
    """The result frames from the member posts, cluster after cluster, each in time order."""
    ids, authors, texts = (members[c].to_numpy(object) for c in ("id", "author", "text"))
    at = members["published_at"]
    rows, start = [], 0
    for size in sizes:
        part = slice(start, start + size)
        start += size
        known = np.flatnonzero(account[part] >= 0)
        _, first = np.unique(account[part][known], return_index=True)
        names = [str(a) for a in authors[part][known[np.sort(first)]]]
        span = (at.iloc[part.stop - 1] - at.iloc[part.start]) / pd.Timedelta(minutes=1)
        rows.append({
            "cluster_id": cluster_key(ids[part]),
            "n_posts": size, "n_accounts": len(names), "accounts": names,
            "first_at": at.iloc[part.start], "last_at": at.iloc[part.stop - 1],
            "span_minutes": span,
            "coordination": float(coordination_signal(np.array(len(names)), np.array(span))),
            "text": Counter(texts[part]).most_common(1)[0][0],
            "explanation": _explain(len(names), size, span),
        })  # fmt: skip
    clusters = pd.DataFrame(rows, columns=CLUSTER_COLUMNS).astype(_CLUSTER_TYPES).sort_values(
        ["coordination", "n_accounts", "first_at", "cluster_id"],
        ascending=[False, False, True, True], ignore_index=True)  # fmt: skip
    label = np.repeat([r["cluster_id"] for r in rows], sizes).astype(object)
    strength = np.repeat([r["coordination"] for r in rows], sizes).astype(float)
    members.insert(0, "cluster_id", label)
    membership = pd.DataFrame({"id": members["id"], "cluster_id": label, "coordination": strength})
    return Clusters(clusters, membership, members)


def _explain(accounts: int, posts: int, span_minutes: float) -> str:
    """ "14 accounts posted the same text within 9 minutes" (and the post count when higher)."""
    if span_minutes < 1:
        within = "within a minute"
    elif span_minutes < 120:
        within = f"within {round(span_minutes)} minutes"
    elif span_minutes < 48 * 60:
        within = f"within {round(span_minutes / 60)} hours"
    else:
        within = f"within {round(span_minutes / 1440)} days"
    extra = f" ({posts} posts)" if posts > accounts else ""
    return f"{accounts} accounts posted the same text {within}{extra}"
