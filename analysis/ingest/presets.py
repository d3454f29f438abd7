"""Built-in presets: the export layouts of the scrapers analysts actually use, known by header.

A generic guess maps ``text`` and ``date`` well enough, but real exports hold traps: a tweet's
``conversation_id_str`` is its thread, a TikTok ``aweme_id`` is the video a comment answers,
``digg_count`` means likes. When a header carries a preset's signature columns, the preset fixes
the whole mapping and the platform (the kind follows: a mapped parent makes a comment, a title an
article), so such files import right without the analyst touching the mapping screen. Columns the
preset does not name are kept in ``extra``; the analyst's own ``--map`` still wins. Headers are
compared loosely (``create_time`` = ``createTime``), so CSV and JSON flavours of a tool match.
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis.ingest.columns import normalize_header
from analysis.vocabulary import Kind


@dataclass(frozen=True)
class Preset:
    """One known export layout: how to recognise it and what its columns mean."""

    name: str
    tool: str
    platform: str
    kind: str
    signature: tuple[str, ...]
    fields: dict[str, tuple[str, ...]]

    def matches(self, columns: list[str]) -> bool:
        """Whether every signature column is in the header."""
        keys = {normalize_header(column) for column in columns}
        return all(normalize_header(name) in keys for name in self.signature)

    def mapping(self, columns: list[str]) -> dict[str, str]:
        """Canonical field -> this file's column, for each field whose column is present."""
        by_key: dict[str, str] = {}
        for column in columns:
            by_key.setdefault(normalize_header(column), column)
        mapping: dict[str, str] = {}
        for field, candidates in self.fields.items():
            keys = [normalize_header(candidate) for candidate in candidates]
            found = next((by_key[key] for key in keys if key in by_key), None)
            if found is not None and found not in mapping.values():
                mapping[field] = found
        return mapping


PRESETS: list[Preset] = [
    Preset(
        name="twitter-tweet-harvest",
        tool="tweet-harvest / X search export",
        platform="twitter",
        kind=Kind.POST,
        signature=("full_text", "id_str", "conversation_id_str", "created_at"),
        fields={
            "text": ("full_text",), "published_at": ("created_at",), "id": ("id_str",),
            "parent_id": ("conversation_id_str",), "author": ("username",),
            "url": ("tweet_url",), "likes": ("favorite_count",), "shares": ("retweet_count",),
            "replies": ("reply_count",),
        },
    ),
    Preset(
        name="twitter-api",
        tool="X (Twitter) API v1.1 JSON, flattened",
        platform="twitter",
        kind=Kind.POST,
        signature=("full_text", "id_str", "user.screen_name", "created_at"),
        fields={
            "text": ("full_text",), "published_at": ("created_at",), "id": ("id_str",),
            "parent_id": ("in_reply_to_status_id_str",), "author": ("user.screen_name",),
            "likes": ("favorite_count",), "shares": ("retweet_count",),
            "replies": ("reply_count",),
        },
    ),
    Preset(
        name="youtube-data-tools",
        tool="YouTube Data Tools comment export",
        platform="youtube",
        kind=Kind.COMMENT,
        signature=("videoId", "authorName", "publishedAt", "text"),
        fields={
            "text": ("text",), "published_at": ("publishedAt",), "id": ("id",),
            "parent_id": ("videoId",), "author": ("authorName",), "likes": ("likeCount",),
            "replies": ("replyCount",),
        },
    ),
    Preset(
        name="instagram-comments",
        tool="Instagram comment scraper (Apify layout)",
        platform="instagram",
        kind=Kind.COMMENT,
        signature=("ownerUsername", "text", "timestamp"),
        fields={
            "text": ("text",), "published_at": ("timestamp",), "id": ("id",),
            "parent_id": ("postUrl", "postId", "shortCode"),
            "author": ("ownerUsername", "owner.username"), "url": ("commentUrl",),
            "likes": ("likesCount",), "replies": ("repliesCount",),
        },
    ),
    Preset(
        name="tiktok-comments",
        tool="TikTok comment scraper",
        platform="tiktok",
        kind=Kind.COMMENT,
        signature=("cid", "text", "aweme_id"),
        fields={
            "text": ("text",), "published_at": ("create_time", "createTimeISO"), "id": ("cid",),
            "parent_id": ("aweme_id", "videoWebUrl"),
            "author": ("uniqueId", "user.unique_id", "user.uniqueId"),
            "likes": ("digg_count",), "replies": ("reply_comment_total",),
        },
    ),
    Preset(
        name="facebook-posts",
        tool="Facebook page scraper (facebook-scraper layout)",
        platform="facebook",
        kind=Kind.POST,
        signature=("post_id", "post_text", "time"),
        fields={
            "text": ("post_text", "text"), "published_at": ("time", "timestamp"),
            "id": ("post_id",), "author": ("username", "page_name"), "url": ("post_url",),
            "likes": ("likes", "reactions"), "replies": ("comments",), "shares": ("shares",),
        },
    ),
    Preset(
        name="facebook-graph",
        tool="Facebook Graph API page posts, flattened",
        platform="facebook",
        kind=Kind.POST,
        signature=("message", "created_time"),
        fields={
            "text": ("message",), "published_at": ("created_time",), "id": ("id",),
            "author": ("from.name",), "url": ("permalink_url",),
            "likes": ("reactions.summary.total_count", "likes.summary.total_count"),
            "replies": ("comments.summary.total_count",), "shares": ("shares.count",),
        },
    ),
    Preset(
        name="news-id",
        tool="Indonesian news scraper (judul, isi, tanggal)",
        platform="news",
        kind=Kind.ARTICLE,
        signature=("judul", "isi", "tanggal"),
        fields={
            "title": ("judul",), "text": ("isi",), "published_at": ("tanggal",),
            "url": ("url", "link"), "source": ("media", "sumber", "portal"),
        },
    ),
    Preset(
        name="news-en",
        tool="News scraper (title, content, date)",
        platform="news",
        kind=Kind.ARTICLE,
        signature=("title", "content", "date"),
        fields={
            "title": ("title",), "text": ("content",), "published_at": ("date",),
            "url": ("link", "url"), "source": ("source", "media"),
        },
    ),
]  # fmt: skip
"""Most specific first: the first preset whose signature matches a header wins."""


def recognise(columns: list[str]) -> Preset | None:
    """The built-in preset whose signature columns are all in this header, if any."""
    return next((preset for preset in PRESETS if preset.matches(columns)), None)

