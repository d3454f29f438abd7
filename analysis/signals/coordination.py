"""Coordinated posting: the same text pushed by many accounts within a few minutes.

What the PR unit reads is "14 accounts posted the same text within 9 minutes". The rules:

**Same text.** Posts are grouped by :func:`analysis.signals.near_duplicates.near_duplicate_groups`
(canonical texts, MinHash of character shingles, Jaccard ≥ 0.7; texts under five words never
group).

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

**Official amplification.** A burst that official accounts take part in (police, military and
government units: :mod:`analysis.signals.official`) is a unit's announcement pushed by its
sister accounts. It stays a cluster, with ``official`` naming those accounts, but its signal
is 0: it adds nothing to the hoax score.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.errors import ConfigError
from analysis.signals.near_duplicates import (
    DEFAULT_SIMILARITY,
    canonicalize,
    near_duplicate_groups,
    signatures,
)
from analysis.signals.official import official_accounts

__all__ = ["CLUSTER_COLUMNS", "Clusters", "canonicalize", "coordination_signal", "find_clusters",
           "near_duplicate_groups", "signatures"]

ACCOUNTS_HALF = 5.0
SPAN_HALF_MINUTES = 60.0
CLUSTER_COLUMNS = ["cluster_id", "n_posts", "n_accounts", "accounts", "first_at", "last_at",
                   "span_minutes", "coordination", "text", "explanation", "official"]  # fmt: skip
_CLUSTER_TYPES = {"n_posts": "int64", "n_accounts": "int64", "first_at": "datetime64[ns, UTC]",
                  "last_at": "datetime64[ns, UTC]", "span_minutes": "float64",
                  "coordination": "float64"}  # fmt: skip


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
    official: Sequence[str] = (),
) -> Clusters:
    """Clusters of near-duplicate posts from at least ``min_accounts`` distinct accounts within
    ``window_minutes`` (both inclusive; rules in the module docstring). ``official`` names
    official accounts beyond those the handle lexicon recognises.

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
    return _assemble(members, account[take], [len(b) for b in bursts], official)


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


def _assemble(members: pd.DataFrame, account: np.ndarray, sizes: list[int],
              official: Sequence[str] = ()) -> Clusters:
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
        units = official_accounts(names, official)
        signal = 0.0 if units else float(coordination_signal(np.array(len(names)),
                                                             np.array(span)))
        rows.append({
            "cluster_id": cluster_key(ids[part]),
            "n_posts": size, "n_accounts": len(names), "accounts": names,
            "first_at": at.iloc[part.start], "last_at": at.iloc[part.stop - 1],
            "span_minutes": span,
            "coordination": signal,
            "text": Counter(texts[part]).most_common(1)[0][0],
            "explanation": _explain(len(names), size, span, units), "official": units,
        })  # fmt: skip
    clusters = pd.DataFrame(rows, columns=CLUSTER_COLUMNS).astype(_CLUSTER_TYPES).sort_values(
        ["coordination", "n_accounts", "first_at", "cluster_id"],
        ascending=[False, False, True, True], ignore_index=True)  # fmt: skip
    label = np.repeat([r["cluster_id"] for r in rows], sizes).astype(object)
    strength = np.repeat([r["coordination"] for r in rows], sizes).astype(float)
    members.insert(0, "cluster_id", label)
    membership = pd.DataFrame({"id": members["id"], "cluster_id": label, "coordination": strength})
    return Clusters(clusters, membership, members)


def _explain(accounts: int, posts: int, span_minutes: float, official: Sequence[str] = ()
             ) -> str:
    """ "14 accounts posted the same text within 9 minutes" (and the post count when higher,
    and the official accounts among them)."""
    if span_minutes < 1:
        within = "within a minute"
    elif span_minutes < 120:
        within = f"within {round(span_minutes)} minutes"
    elif span_minutes < 48 * 60:
        within = f"within {round(span_minutes / 60)} hours"
    else:
        within = f"within {round(span_minutes / 1440)} days"
    extra = f" ({posts} posts)" if posts > accounts else ""
    units = (f"; official accounts among them ({', '.join(official)}): an official post "
             "amplified, not hoax evidence" if official else "")
    return f"{accounts} accounts posted the same text {within}{extra}{units}"
