"""Which source column feeds which canonical field.

Exports name their columns every which way (``content``, ``isi``, ``full_text``, ``Tanggal``,
``publishedAt``). Pantau guesses from a list of known names, compared without case, spaces or
punctuation, and the analyst can override any guess (``--map text=COLUMN``). Nothing here reads
a file: it works on the header alone, so the Upload page can show the guess before importing.
"""

from __future__ import annotations

import re

from analysis.errors import IngestError

FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "text": (
        "text", "content", "isi", "komentar", "comment", "full_text", "caption", "tweet",
        "message", "pesan", "body", "narasi", "clean_text",
    ),
    "title": ("title", "judul", "headline"),
    "published_at": (
        "published_at", "date", "tanggal", "created_at", "timestamp", "time", "waktu",
        "publishedAt", "published", "datetime", "tgl",
    ),
    "id": ("id", "id_str", "tweet_id", "comment_id", "commentId"),
    "parent_id": (
        "parent_id", "video_id", "videoId", "conversation_id_str", "in_reply_to", "post_id",
    ),
    "author": (
        "author", "username", "user", "akun", "authorName", "screen_name", "user_screen_name",
        "name", "nama", "owner.username", "user.username", "user.screen_name", "author.username",
    ),
    "platform": ("platform",),
    "source": ("source", "media", "outlet", "sumber", "channel", "portal"),
    "url": ("url", "link", "tweet_url", "permalink"),
    "likes": ("likes", "like_count", "likeCount", "favorite_count", "suka"),
    "shares": ("shares", "share_count", "retweet_count", "retweets"),
    "replies": ("replies", "reply_count", "comment_count", "replyCount"),
    "views": ("views", "view_count", "viewCount"),
    "reference_time": ("extracted_at", "scraped_at", "crawled_at", "fetched_at", "retrieved_at"),
}  # fmt: skip
"""Canonical field -> known source names, best first. ``id`` is the export's own id (hashed
into the record id); ``reference_time`` is when the export was made (for relative dates)."""

FIELDS: list[str] = list(FIELD_ALIASES)

_YOUTUBE_HEADERS = {"videoid"}
_TWITTER_HEADERS = {
    "fulltext", "tweet", "retweetcount", "tweetid", "tweeturl", "conversationidstr",
    "userscreenname",
}  # fmt: skip
_PUNCTUATION = re.compile(r"[\W_]+")


def normalize_header(name: str) -> str:
    """``Published At`` / ``published_at`` / ``publishedAt`` -> ``publishedat``."""
    return _PUNCTUATION.sub("", name.casefold())


def guess_mapping(columns: list[str]) -> dict[str, str]:
    """Guess canonical field -> source column from a header; one column feeds at most one field.

    For each field the first known name (in priority order) that matches a column wins.
    ``post_id`` is the parent of a comment only when the export also has its own id column;
    otherwise it is the row's own id.
    """
    return _guess(columns, used=set(), skip=set())


def _guess(columns: list[str], used: set[str], skip: set[str]) -> dict[str, str]:
    keys = [(normalize_header(column), column) for column in columns]
    mapping: dict[str, str] = {}
    for field, aliases in FIELD_ALIASES.items():
        if field in skip:
            continue
        for alias in map(normalize_header, aliases):
            found = next((c for key, c in keys if key == alias and c not in used), None)
            if found is not None:
                mapping[field] = found
                used.add(found)
                break
    parent = mapping.get("parent_id")
    if (
        parent is not None
        and normalize_header(parent) == "postid"
        and "id" not in mapping
        and "id" not in skip
    ):
        mapping["id"] = mapping.pop("parent_id")
    return mapping


def resolve_mapping(
    columns: list[str],
    overrides: dict[str, str],
    filename: str,
    preset: dict[str, str] | None = None,
) -> dict[str, str]:
    """The analyst's overrides, then a recognised preset's mapping (or else guesses).

    An override of ``""`` means "leave this field unmapped". With a ``preset`` mapping only the
    export time (``reference_time``) is still guessed: the preset knows the layout. Raises
    :class:`IngestError` for an unknown field, a column that is not in the file, or one column
    given to two fields.
    """
    chosen, skip = _overrides(columns, overrides, filename)
    taken = set(chosen.values())
    if preset is None:
        found = _guess(columns, used=taken, skip=skip | set(chosen))
    else:
        found = {
            field: column
            for field, column in preset.items()
            if field not in chosen and field not in skip and column not in taken
        }
        unguessed = set(FIELDS) - {"reference_time"}
        found |= _guess(columns, used=taken | set(found.values()), skip=skip | unguessed)
    merged = chosen | found
    return {field: merged[field] for field in FIELDS if field in merged}


def _overrides(
    columns: list[str], overrides: dict[str, str], filename: str
) -> tuple[dict[str, str], set[str]]:
    """(field -> column the analyst chose, fields the analyst left unmapped)."""
    chosen: dict[str, str] = {}
    skip: set[str] = set()
    for field, wanted in overrides.items():
        if field not in FIELD_ALIASES:
            raise IngestError(
                f"Unknown field '{field}' in the column mapping. Fields: {', '.join(FIELDS)}"
            )
        if not wanted:
            skip.add(field)
            continue
        column = _find_column(columns, wanted, field, filename)
        for other, taken in chosen.items():
            if taken == column:
                raise IngestError(
                    f"Column '{column}' is mapped to both {other} and {field}; "
                    "one column can feed only one field"
                )
        chosen[field] = column
    return chosen, skip


def _find_column(columns: list[str], wanted: str, field: str, filename: str) -> str:
    """The column named ``wanted``: exactly, else ignoring case and punctuation."""
    if wanted in columns:
        return wanted
    loose = [column for column in columns if normalize_header(column) == normalize_header(wanted)]
    if len(loose) == 1:
        return loose[0]
    raise IngestError(
        f"Column '{wanted}' (mapped to {field}) is not in '{filename}'. "
        f"Columns: {', '.join(columns)}. Fix it with --map {field}=COLUMN"
    )


def require_fields(mapping: dict[str, str], columns: list[str], filename: str,
                   chosen: set[str] | None = None) -> None:
    """Raise :class:`IngestError` unless the mapping has a text (or title) and a date column.

    ``chosen``: the fields the analyst mapped themselves (a field mapped to none is named so).
    """
    listed = ", ".join(columns) if columns else "(none)"
    chosen = chosen or set()
    if "text" not in mapping and "title" not in mapping:
        raise IngestError(
            f"No text column found in '{filename}'. Columns: {listed}. "
            "Name the text column with --map text=COLUMN"
        )
    if "published_at" not in mapping and "published_at" in chosen:
        raise IngestError(
            f"The date column of '{filename}' is set to none, but every text needs its date. "
            f"Columns: {listed}. Choose the date column (--map published_at=COLUMN)"
        )
    if "published_at" not in mapping:
        raise IngestError(
            f"No date column found in '{filename}'. Columns: {listed}. No column's name is a "
            "date name Pantau knows and none holds mostly dates it can read: name the date "
            "column with --map published_at=COLUMN"
        )


def header_platform(columns: list[str]) -> str | None:
    """The platform a header betrays (``video_id`` -> youtube, ``full_text`` -> twitter)."""
    keys = {normalize_header(column) for column in columns}
    if keys & _YOUTUBE_HEADERS:
        return "youtube"
    if keys & _TWITTER_HEADERS:
        return "twitter"
    return None
