"""Built-in presets: real scraper exports import right without touching the mapping.

Each file in tests/data/presets carries one tool's real column names and value formats.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from analysis.ingest import PRESETS, IngestOptions, open_export, preview, recognise
from analysis.pipeline import import_file
from analysis.store import Store
from tests.conftest import FIXTURES

PRESET_DATA = FIXTURES / "presets"


@dataclass(frozen=True)
class Expect:
    """What the first record of a preset file must look like."""

    file: str
    preset: str
    platform: str
    kinds: list[str]
    author: str | None
    published_at: str
    parent_id: str | None
    likes: int | None
    shares: int | None
    replies: int | None


EXPECTED = [
    Expect("tweet_harvest.csv", "twitter-tweet-harvest", "twitter", ["post", "comment", "post"],
           "warga_jkt", "2025-07-09 03:12:45", None, 128, 37, 12),
    Expect("youtube_data_tools.tab", "youtube-data-tools", "youtube", ["comment"] * 3,
           "@budi_santoso", "2025-07-09 03:12:45", "SzXMacu80o8", 152, None, 3),
    Expect("instagram_comments.csv", "instagram-comments", "instagram", ["comment"] * 2,
           "ibu_rt05", "2025-07-09 03:12:45", "https://www.instagram.com/p/DLxYz12AbCd/", 24,
           None, None),
    Expect("instagram_apify.json", "instagram-comments", "instagram", ["comment"] * 2,
           "warga.cibinong", "2025-07-09 03:12:45", "https://www.instagram.com/p/DLxYz12AbCd/", 8,
           None, 1),
    Expect("tiktok_comments.csv", "tiktok-comments", "tiktok", ["comment"] * 2, "anakmotor_bdg",
           "2025-07-09 03:12:45", "7524400011122233344", 431, None, 12),
    # TikTok's own comment API response (comment/list), as some scrapers save it
    Expect("tiktok_api.json", "tiktok-comments", "tiktok", ["comment"] * 2, "anakmotor_bdg",
           "2025-07-09 03:12:45", "7524400011122233344", 431, None, 12),
    Expect("facebook_posts.csv", "facebook-posts", "facebook", ["post"] * 2, "Humas Polda Jabar",
           "2025-07-09 03:12:45", None, 1532, 880, 210),
    Expect("facebook_graph.jsonl", "facebook-graph", "facebook", ["post"] * 2,
           "Humas Polresta Bandung", "2025-07-09 03:12:45", None, 812, 57, 93),
    Expect("berita_scraper.csv", "news-id", "news", ["article"] * 2, None, "2025-07-08 03:00:00",
           None, None, None, None),
    Expect("news_scraper_en.csv", "news-en", "news", ["article"] * 2, None, "2025-07-08 03:00:00",
           None, None, None, None),
]


def _records(path: Path, options: IngestOptions | None = None) -> pd.DataFrame:
    batches = list(open_export(path, options).batches())
    assert [r for b in batches for r in b.rejects] == []
    return pd.concat([b.records for b in batches], ignore_index=True)


def _or_none(value: object) -> object:
    return None if pd.isna(value) else value  # type: ignore[call-overload]


def test_every_preset_has_a_test_file() -> None:
    assert {preset.name for preset in PRESETS} == {expect.preset for expect in EXPECTED} | {
        "twitter-api"}


@pytest.mark.parametrize("expect", EXPECTED, ids=[e.file for e in EXPECTED])
def test_preset_file_is_recognised(expect: Expect) -> None:
    assert open_export(PRESET_DATA / expect.file).info.preset == expect.preset


@pytest.mark.parametrize("expect", EXPECTED, ids=[e.file for e in EXPECTED])
def test_preset_file_imports_with_its_platform_kind_and_author(expect: Expect) -> None:
    records = _records(PRESET_DATA / expect.file)
    assert set(records.platform) == {expect.platform}
    assert records.kind.tolist() == expect.kinds
    assert _or_none(records.author[0]) == expect.author


@pytest.mark.parametrize("expect", EXPECTED, ids=[e.file for e in EXPECTED])
def test_preset_file_dates_parents_and_counts(expect: Expect) -> None:
    first = _records(PRESET_DATA / expect.file).iloc[0]
    assert first.published_at == pd.Timestamp(expect.published_at, tz="UTC")
    assert _or_none(first.parent_id) == expect.parent_id
    counts = (_or_none(first.likes), _or_none(first.shares), _or_none(first.replies))
    assert counts == (expect.likes, expect.shares, expect.replies)


@pytest.mark.parametrize("expect", EXPECTED, ids=[e.file for e in EXPECTED])
def test_preset_file_stores_every_row(expect: Expect, tmp_path: Path) -> None:
    report = import_file(Store(tmp_path / "x.duckdb"), PRESET_DATA / expect.file)
    assert (report.stored, report.rejected) == (len(expect.kinds), 0)


def test_preset_declares_the_kind_its_records_get() -> None:
    for expect in EXPECTED:
        preset = next(p for p in PRESETS if p.name == expect.preset)
        assert preset.kind == expect.kinds[0], preset.name


def test_a_reply_in_a_tweet_thread_is_a_comment_on_the_thread() -> None:
    reply = _records(PRESET_DATA / "tweet_harvest.csv").iloc[1]
    assert (reply.kind, reply.parent_id) == ("comment", "1942787012345678901")


def test_tweet_harvest_counts_with_k_suffix_are_read() -> None:
    third = _records(PRESET_DATA / "tweet_harvest.csv").iloc[2]
    assert (third.likes, third.shares) == (1200, 3400)


def test_columns_the_preset_does_not_name_stay_in_extra() -> None:
    extra = json.loads(_records(PRESET_DATA / "tweet_harvest.csv").extra[0])
    assert extra["location"] == "Jakarta, Indonesia" and extra["quote_count"] == "4"
    assert extra["id_str"] == "1942787012345678901"


def test_nested_json_fields_are_matched_by_their_dotted_names() -> None:
    info, _ = preview(PRESET_DATA / "facebook_graph.jsonl")
    assert info.mapping["likes"] == "reactions.summary.total_count"
    assert info.mapping["author"] == "from.name"


def test_an_unknown_layout_falls_back_to_the_generic_guess() -> None:
    info, _ = preview(FIXTURES / "ingest" / "tweets_comma.csv")
    assert info.preset is None
    assert info.mapping["text"] == "full_text"


def test_the_analysts_mapping_wins_over_the_preset() -> None:
    options = IngestOptions(mapping={"author": "user_id_str", "parent_id": ""})
    info, _ = preview(PRESET_DATA / "tweet_harvest.csv", options)
    assert info.preset == "twitter-tweet-harvest"
    assert info.mapping["author"] == "user_id_str" and "parent_id" not in info.mapping


def test_the_platform_option_wins_over_the_preset() -> None:
    records = _records(PRESET_DATA / "tiktok_comments.csv", IngestOptions(platform="instagram"))
    assert set(records.platform) == {"instagram"}


def test_a_preset_maps_reference_time_when_the_file_has_one(tmp_path: Path) -> None:
    path = tmp_path / "tiktok.csv"
    path.write_text("cid,text,create_time,uniqueId,aweme_id,scraped_at\n"
                    "1,keren,2 jam yang lalu,budi,99,2025-07-09 12:00:00\n", encoding="utf-8")
    records = _records(path)
    assert records.published_at[0] == pd.Timestamp("2025-07-09 03:00", tz="UTC")


def test_recognition_ignores_case_and_punctuation() -> None:
    preset = recognise(["CID", "Text", "createTime", "unique_id", "awemeId"])
    assert preset is not None and preset.name == "tiktok-comments"
