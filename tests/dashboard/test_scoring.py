"""The Unggah page's scorers (dashboard/scoring.py): the models load once per process and touch
no store; the claim bank, a write, is brought up to date on every scoring run. Stand-ins
replace the models, so nothing heavy loads."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

import analysis.models.registry
import analysis.pipeline.scoring
from dashboard import scoring
from tests.dashboard.apptest import clear_streamlit_caches


class FakeHoaxScorer:
    """Keeps what the dashboard builds the hoax scorer from."""

    def __init__(self, encoder: Any, head: Any, matcher: Any, combiner: Any,
                 **options: Any) -> None:
        self.parts = (encoder, head, matcher, combiner)
        self.options = options


@pytest.fixture
def calls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    """How often each loader and the bank step ran; the store is a fresh file."""
    counted: Counter[str] = Counter()

    def loader(name: str, value: Any) -> Any:
        def load(*_: Any) -> Any:
            counted[name] += 1
            return value
        return load

    for name, value in (("builtin_encoder", "encoder"), ("load_sentiment", "sentiment"),
                        ("load_hoax_classifier", None), ("load_hoax_head", "head"),
                        ("load_combiner", "combiner"), ("load_claim_reader", "reader")):
        monkeypatch.setattr(analysis.models.registry, name, loader(name, value))

    def bank(store: Any, encoder: Any, key: str) -> str:
        counted["bank"] += 1
        assert str(store.path) == str(tmp_path / "pantau.duckdb") and encoder == "encoder"
        return f"bank {counted['bank']}"

    monkeypatch.setattr(analysis.pipeline.scoring, "ensure_claim_bank", bank)
    monkeypatch.setattr(analysis.pipeline.scoring, "HoaxScorer", FakeHoaxScorer)
    monkeypatch.setenv("PANTAU_DB", str(tmp_path / "pantau.duckdb"))
    clear_streamlit_caches()
    yield counted
    clear_streamlit_caches()


def test_models_load_once_and_the_bank_is_read_on_every_run(calls: Counter[str]) -> None:
    first, again = scoring.scorers(), scoring.scorers()
    assert calls == {"builtin_encoder": 1, "load_sentiment": 1, "load_hoax_classifier": 1,
                     "load_hoax_head": 1, "load_combiner": 1, "load_claim_reader": 1, "bank": 2}
    assert first[0] == again[0] == "sentiment"
    assert first[1].parts == ("encoder", "head", "bank 1", "combiner")
    assert again[1].parts == ("encoder", "head", "bank 2", "combiner")
    assert first[1].options["threshold"] == scoring.settings().hoax_threshold
    assert first[1].options["reader"] == "reader"


def test_loading_the_models_opens_no_store(calls: Counter[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: Any, **__: Any) -> None:
        raise AssertionError("the cached models must not open the store")

    monkeypatch.setattr(duckdb, "connect", refuse)
    assert scoring.models().head == "head"
