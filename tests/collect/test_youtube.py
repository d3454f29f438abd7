"""YouTube comments through a local stand-in for the Data API."""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from analysis.collect.fetch import Fetcher
from analysis.collect.youtube import YouTube
from analysis.errors import FetchError

from .conftest import Reply, Server

KEY = "AIzaSECRET-key-123"
CHANNEL = "UC" + "a" * 22


def thread(video: str, n: int) -> dict[str, Any]:
    return {"id": f"t{video}{n}", "snippet": {"videoId": video, "totalReplyCount": n % 3,
            "topLevelComment": {"id": f"c{video}{n}", "snippet": {
                "authorDisplayName": f"@warga{n}", "textDisplay": f"komentar {n} di {video}",
                "publishedAt": f"2026-12-0{1 + n % 5}T10:00:00Z", "likeCount": n}}}}


def error(status: int, reason: str) -> Reply:
    body = {"error": {"code": status, "message": f"The request failed: {reason}",
                      "errors": [{"reason": reason, "domain": "youtube"}]}}
    return Reply(status, json.dumps(body).encode(), content_type="application/json")


class Api:
    """commentThreads with two pages for video ``vid00000001``, comments off for
    ``vidclosed01``, channels and playlistItems for one channel."""

    def __init__(self) -> None:
        self.quota = False

    def __call__(self, handler: BaseHTTPRequestHandler) -> Reply:
        parts = urlsplit(handler.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        assert query["key"] == KEY
        if self.quota:
            return error(403, "quotaExceeded")
        method = parts.path.rsplit("/", 1)[-1]
        if method == "channels":
            assert query == {"part": "contentDetails", "id": CHANNEL, "key": KEY}
            data: dict[str, Any] = {"items": [{"id": CHANNEL, "contentDetails": {
                "relatedPlaylists": {"uploads": "UU" + "a" * 22}}}]}
        elif method == "playlistItems":
            assert query["playlistId"] == "UU" + "a" * 22 and query["maxResults"] == "2"
            data = {"items": [{"contentDetails": {"videoId": v}}
                              for v in ("vidclosed01", "vid00000002", "vid00000003")]}
        elif query["videoId"] == "vidclosed01":
            return error(403, "commentsDisabled")
        else:
            assert (query["maxResults"], query["textFormat"]) == ("100", "plainText")
            video, page = query["videoId"], query.get("pageToken")
            data = {"items": [thread(video, n + (100 if page else 0)) for n in range(3)]}
            if video == "vid00000001" and page is None:
                data["nextPageToken"] = "PAGE2"
        return Reply(body=json.dumps(data).encode(), content_type="application/json")


@pytest.fixture
def api(server: Server) -> Api:
    handler = Api()
    for method in ("channels", "playlistItems", "commentThreads"):
        server.routes[f"/youtube/v3/{method}"] = handler
    return handler


def youtube(server: Server, fetcher: Fetcher) -> YouTube:
    return YouTube(fetcher, server.url("/youtube/v3"), KEY)


def test_a_video_s_comments_over_two_pages(server: Server, fetcher: Fetcher, api: Api) -> None:
    comments = youtube(server, fetcher).comments("https://www.youtube.com/watch?v=vid00000001")
    assert len(comments) == 6 and server.hits("/youtube/v3/commentThreads") == 2
    first = comments[0]
    assert first == {"id": "cvid000000010", "parent_id": "vid00000001", "author": "@warga0",
                     "text": "komentar 0 di vid00000001", "published_at": "2026-12-01T10:00:00Z",
                     "likes": 0, "replies": 0, "platform": "youtube",
                     "url": "https://www.youtube.com/watch?v=vid00000001&lc=cvid000000010"}
    assert comments[-1]["text"] == "komentar 102 di vid00000001"
    assert "pageToken=PAGE2" in server.seen[-1].path


def test_max_pages_stops_the_paging(server: Server, fetcher: Fetcher, api: Api) -> None:
    assert len(youtube(server, fetcher).comments("vid00000001", max_pages=1)) == 3


def test_a_channel_s_recent_videos_skipping_closed_comments(
        server: Server, fetcher: Fetcher, api: Api) -> None:
    comments = youtube(server, fetcher).comments(
        f"https://www.youtube.com/channel/{CHANNEL}", recent_videos=2)
    assert {c["parent_id"] for c in comments} == {"vid00000002"}  # vidclosed01 skipped
    assert len(youtube(server, fetcher).comments(CHANNEL, recent_videos=2)) == 3


def test_a_quota_error_names_the_reason_without_the_key(
        server: Server, fetcher: Fetcher, api: Api) -> None:
    api.quota = True
    with pytest.raises(FetchError) as caught:
        youtube(server, fetcher).comments("vid00000001")
    message = str(caught.value)
    assert "quotaExceeded" in message and "quota" in message and caught.value.code == \
        "quotaExceeded"
    assert KEY not in message and KEY not in (caught.value.url or "")
    assert server.hits("/youtube/v3/commentThreads") == 1  # a 403 is not tried again


def test_a_single_video_with_comments_off_gives_none(
        server: Server, fetcher: Fetcher, api: Api) -> None:
    assert youtube(server, fetcher).comments("https://youtu.be/vidclosed01") == []


@pytest.mark.parametrize("target", ["https://example.com/x", "bukan video", ""])
def test_a_target_that_is_no_video_or_channel_is_refused(fetcher: Fetcher, target: str) -> None:
    with pytest.raises(FetchError) as caught:
        YouTube(fetcher, "http://127.0.0.1:9/youtube/v3", KEY).comments(target)
    assert caught.value.code == "bad_target"
