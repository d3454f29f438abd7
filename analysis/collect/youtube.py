"""Public comments of YouTube videos and channels through the YouTube Data API v3.

A target is a video (its address or 11-character id) or a channel (``/channel/UC...``, a
``UC...`` id or an ``@handle``); a channel's comments are those of its most recent uploads.
The API key never appears in an error message or a log line.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from analysis.collect.fetch import Fetcher, redact
from analysis.errors import FetchError

log = logging.getLogger(__name__)
_VIDEO_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_CHANNEL_ID = re.compile(r"^UC[A-Za-z0-9_-]{22}$")
_HANDLE = re.compile(r"^@[\w.-]{3,}$")
_SKIPPED = {"commentsDisabled", "videoNotFound"}
"""Reasons a video of a channel is passed over while the others are still read."""
_HINTS = {
    "quotaExceeded": "the API key's daily quota is used up; collecting resumes after the quota "
                     "resets (midnight Pacific time)",
    "dailyLimitExceeded": "the API key's daily quota is used up",
    "rateLimitExceeded": "too many requests in a short time; try again later",
    "keyInvalid": "PANTAU_YOUTUBE_KEY is not a valid API key",
    "keyExpired": "PANTAU_YOUTUBE_KEY has expired; create a new key",
    "accessNotConfigured": "the YouTube Data API v3 is not enabled for the key's project",
    "forbidden": "the API refuses this request with this key",
    "commentsDisabled": "the video's comments are turned off",
    "videoNotFound": "no such video (removed or private)",
    "channelNotFound": "no such channel",
    "playlistNotFound": "the channel's uploads cannot be listed",
}


def _target(target: str) -> tuple[str, str]:
    """``("video", id)``, ``("channel", id)`` or ``("handle", "@name")`` for a target."""
    text = target.strip()
    if _CHANNEL_ID.match(text):
        return "channel", text
    if _VIDEO_ID.match(text):
        return "video", text
    if _HANDLE.match(text):
        return "handle", text
    parts = urlsplit(text if "://" in text else f"https://{text}")
    host = (parts.hostname or "").lower()
    path = [p for p in parts.path.split("/") if p]
    if host.endswith("youtu.be") and path:
        return "video", path[0]
    if host.endswith("youtube.com"):
        if "v" in parse_qs(parts.query):
            return "video", parse_qs(parts.query)["v"][0]
        if len(path) >= 2 and path[0] in ("shorts", "live", "embed", "v"):
            return "video", path[1]
        if len(path) >= 2 and path[0] == "channel" and _CHANNEL_ID.match(path[1]):
            return "channel", path[1]
        if path and _HANDLE.match(path[0]):
            return "handle", path[0]
    raise FetchError(f"{target!r} is not a YouTube video or channel: give a video address "
                     "(youtube.com/watch?v=...), a video id, a channel address "
                     "(youtube.com/channel/UC...), a UC... channel id or an @handle",
                     code="bad_target", url=target)


def _reason(error: FetchError) -> str:
    """The API's reason for refusing (``quotaExceeded``, ``keyInvalid``...), or ''."""
    try:
        detail = json.loads(error.body or b"{}").get("error") or {}
    except (ValueError, AttributeError):
        return ""
    errors = detail.get("errors") or [{}] if isinstance(detail, dict) else [{}]
    return str(errors[0].get("reason") or "") if isinstance(errors[0], dict) else ""


class YouTube:
    """Read comments through the Data API at ``api_url`` with ``key``, politely (through
    ``fetcher``)."""

    def __init__(self, fetcher: Fetcher, api_url: str, key: str) -> None:
        self.fetcher = fetcher
        self.api_url = api_url.rstrip("/")
        self.key = key

    def _call(self, method: str, what: str, **params: Any) -> dict[str, Any]:
        query = urlencode({**{k: v for k, v in params.items() if v is not None},
                           "key": self.key})
        try:
            answer = self.fetcher.get(f"{self.api_url}/{method}?{query}",
                                      accept="application/json", check_robots=False)
            data = json.loads(answer.text)
        except FetchError as error:
            reason = _reason(error)
            hint = f": {reason} ({_HINTS[reason]})" if reason in _HINTS else (
                f": {reason}" if reason else "")
            message = f"YouTube API {method} for {what} failed{hint}. {self._clean(str(error))}"
            raise FetchError(message, code=reason or error.code,
                             url=self._clean(error.url or "")) from None
        except ValueError:
            raise FetchError(f"YouTube API {method} for {what} did not answer JSON",
                             code="bad_answer", url=self._clean(self.api_url)) from None
        return data if isinstance(data, dict) else {}

    def _clean(self, text: str) -> str:
        return redact(text).replace(self.key, "REDACTED") if self.key else redact(text)

    def comments(self, target: str, *, max_pages: int = 5, recent_videos: int = 5
                 ) -> list[dict[str, Any]]:
        """The top-level comments of a video, or of a channel's ``recent_videos`` latest
        uploads; at most ``max_pages`` pages of 100 per video. A video whose comments are
        off (or that is gone) is skipped; other API errors raise :class:`FetchError`."""
        kind, value = _target(target)
        videos = [value] if kind == "video" else self.recent_videos(kind, value, recent_videos)
        found: list[dict[str, Any]] = []
        for video in videos:
            try:
                found += self.video_comments(video, max_pages=max_pages)
            except FetchError as error:
                if error.code not in _SKIPPED:
                    raise
                log.info("YouTube video %s skipped: %s", video, error.code)
        return found

    def recent_videos(self, kind: str, channel: str, count: int) -> list[str]:
        """The ids of a channel's ``count`` latest uploads (``kind``: channel or handle)."""
        selector = {"forHandle": channel} if kind == "handle" else {"id": channel}
        data = self._call("channels", f"channel {channel}", part="contentDetails", **selector)
        items = data.get("items") or []
        if not items:
            raise FetchError(f"YouTube has no channel {channel}", code="channelNotFound",
                             url=channel)
        uploads = items[0].get("contentDetails", {}).get("relatedPlaylists", {}).get("uploads")
        if not uploads:
            return []
        listed = self._call("playlistItems", f"the uploads of channel {channel}",
                            part="contentDetails", playlistId=uploads,
                            maxResults=max(1, min(count, 50)))
        ids = [item.get("contentDetails", {}).get("videoId") for item in listed.get("items", [])]
        return [video for video in ids if video][:count]

    def video_comments(self, video: str, *, max_pages: int = 5) -> list[dict[str, Any]]:
        """One video's top-level comments, newest first as the API gives them."""
        found: list[dict[str, Any]] = []
        token: str | None = None
        for _page in range(max_pages):
            data = self._call("commentThreads", f"video {video}", part="snippet", videoId=video,
                              maxResults=100, textFormat="plainText", pageToken=token)
            found += [row for item in data.get("items", []) if (row := _comment(item, video))]
            token = data.get("nextPageToken")
            if not token:
                break
        return found


def _comment(thread: dict[str, Any], video: str) -> dict[str, Any] | None:
    snippet = thread.get("snippet") or {}
    top = snippet.get("topLevelComment") or {}
    inner = top.get("snippet") or {}
    comment_id = top.get("id") or thread.get("id")
    text = inner.get("textDisplay") or inner.get("textOriginal") or ""
    if not comment_id or not text:
        return None
    return {
        "id": comment_id, "parent_id": snippet.get("videoId") or video,
        "author": inner.get("authorDisplayName"), "text": text,
        "published_at": inner.get("publishedAt"), "likes": int(inner.get("likeCount") or 0),
        "replies": int(snippet.get("totalReplyCount") or 0),
        "url": f"https://www.youtube.com/watch?v={video}&lc={comment_id}",
        "platform": "youtube",
    }
