"""Named mapping presets: save, reuse, list, delete, with clear errors."""

from __future__ import annotations

import pytest

from analysis.errors import IngestError
from analysis.store import Store
from analysis.store.presets import delete_preset, list_presets, load_preset, save_preset


def test_a_saved_preset_comes_back(store: Store) -> None:
    save_preset(
        store, "crawler polda", {"text": "isi_komentar", "published_at": "waktu"}, "facebook"
    )
    assert load_preset(store, "crawler polda") == (
        {"text": "isi_komentar", "published_at": "waktu"},
        "facebook",
    )


def test_saving_again_replaces(store: Store) -> None:
    save_preset(store, "x", {"text": "a"})
    save_preset(store, "x", {"text": "b"})
    assert load_preset(store, "x") == ({"text": "b"}, None)
    assert list_presets(store)["name"].tolist() == ["x"]


def test_an_unknown_preset_lists_the_saved_ones(store: Store) -> None:
    save_preset(store, "berita", {"text": "isi"})
    with pytest.raises(
        IngestError, match=r"No mapping preset named 'tiktok' \(saved presets: berita\)"
    ):
        load_preset(store, "tiktok")


@pytest.mark.parametrize("name", ["", "   ", "a/b", "x" * 80])
def test_bad_names_are_refused(store: Store, name: str) -> None:
    with pytest.raises(IngestError, match="not a usable preset name"):
        save_preset(store, name, {"text": "a"})


def test_an_empty_mapping_is_refused(store: Store) -> None:
    with pytest.raises(IngestError, match="would be empty"):
        save_preset(store, "kosong", {})


def test_delete(store: Store) -> None:
    save_preset(store, "x", {"text": "a"})
    assert delete_preset(store, "x") is True
    assert delete_preset(store, "x") is False
