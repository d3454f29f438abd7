"""The Ray engine gives the local engine's scores: the same texts in two stores, scored locally
and by a pool of 1 and 2 Ray actors on a local Ray (loopback, 2 CPUs), compared row for row."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from analysis.cli.app import main
from analysis.errors import EngineError
from analysis.pipeline import default_scorers, score_pending
from analysis.pipeline.ray_engine import RayOptions, ray_session, score_pending_ray
from analysis.settings import DATA_DIR, Settings
from analysis.signals.claim_bank import add_claim
from analysis.store import Store
from analysis.store.documents import insert_documents
from tests.conftest import FIXTURES
from tests.store_fixtures import documents

EXPORT = FIXTURES / "pipeline" / "komentar_polda.csv"
CLAIMS = [
    ("Vaksin COVID-19 mengandung chip pelacak 5G", "Salah: vaksin tidak berisi chip apa pun."),
    ("Vaksin Sinovac menyebabkan kemandulan", "Salah: tidak ada bukti vaksin sebabkan mandul."),
    ("Pemerintah bagikan bansos Rp 5 juta lewat tautan WhatsApp",
     "Hoaks: tautan itu penipuan, bansos tidak dibagikan lewat WhatsApp."),
]
COMPARED = ("SELECT d.text, s.task, s.model_id, s.model_version, s.label, s.score, "
            "s.p_negative, s.p_neutral, s.p_positive, s.evidence FROM scores s "
            "JOIN documents d ON d.id = s.doc_id ORDER BY s.task, d.id")


# these two run before the module's Ray starts: an open session would be used as it is


def test_without_ray_installed_the_error_names_the_extra(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(sys.modules, "ray", None)
    result = CliRunner().invoke(main, ["score", "--engine", "ray", "--db",
                                       str(tmp_path / "p.duckdb")])
    assert result.exit_code == 1
    assert "Ray, which is not installed" in result.output and ".[scale]" in result.output


@pytest.mark.parametrize("address", ["127.0.0.1:1", "ray://127.0.0.1:1", "nowhere"])
def test_an_address_that_does_not_answer_is_said_at_once(address: str) -> None:
    pytest.importorskip("ray")
    with pytest.raises(EngineError, match="127.0.0.1:1|HOST:PORT"), ray_session(address):
        pass


def test_the_local_engine_takes_no_ray_options(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["score", "--workers", "2", "--db",
                                       str(tmp_path / "p.duckdb")])
    assert result.exit_code == 2 and "--engine ray" in result.output


@pytest.fixture(scope="module", autouse=True)
def small_bank(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No bundled bank (embedding its 1,000 claims takes minutes on two cores): the stores
    get the few claims :func:`filled` adds; the command-line test's store has none."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("analysis.signals.claim_bank.DEFAULT_BANK",
                      tmp_path_factory.mktemp("bank") / "none.csv")
        yield


@pytest.fixture(scope="module")
def local_ray() -> Iterator[Any]:
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
             logging_level="WARNING")
    yield ray
    ray.shutdown()


def sample(n: int = 48) -> pd.DataFrame:
    """Demo tweets and comments, a few long narratives, some repeated (one text, two ids)."""
    tweets = pd.read_csv(DATA_DIR / "demo" / "vaccine_tweets_2021.csv", dtype=str)["content"]
    comments = pd.read_csv(DATA_DIR / "demo" / "youtube_comments_2025.csv", dtype=str)["text"]
    news = pd.read_csv(DATA_DIR / "hoax" / "hoax_news_train.csv", dtype=str)["narasi"]
    texts = (tweets.dropna().drop_duplicates().head(n // 2).tolist()
             + comments.dropna().drop_duplicates().head(n // 2 - 4).tolist()
             + news.dropna().head(4).tolist())
    texts += texts[:6]
    return documents([{"id": f"d{i:03d}", "text": text, "row_number": i + 2,
                       "published_at": f"2025-05-{1 + i % 28:02d}T08:00:00+07:00"}
                      for i, text in enumerate(texts)])


def filled(path: Path, docs: pd.DataFrame) -> Store:
    store = Store(path, lock_timeout_s=5.0)
    insert_documents(store, "u1", docs)
    for claim, fact in CLAIMS:
        add_claim(store, claim, fact, published="2025-04-01")
    return store


@pytest.fixture(scope="module")
def local_scores(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> pd.DataFrame:
    store = filled(tmp_path_factory.mktemp("local") / "p.duckdb", sample())
    score_pending(store, default_scorers(settings, store), chunk=20)
    return store.query(COMPARED)


@pytest.mark.slow
@pytest.mark.parametrize(("workers", "window"), [(1, 40), (2, 1000)])
def test_ray_gives_the_local_engine_s_scores(local_ray: Any, local_scores: pd.DataFrame,
                                             settings: Settings, tmp_path: Path,
                                             workers: int, window: int) -> None:
    """One worker reads the pending texts in two windows, two workers in one."""
    store = filled(tmp_path / "p.duckdb", sample())
    seen: list[tuple[int, int]] = []
    report = score_pending_ray(store, default_scorers(settings, store), settings,
                               RayOptions(workers=workers, batch_size=8, window=window),
                               progress=lambda d, t: seen.append((d, t)))
    n = len(sample())
    assert report.scored["sentiment"] + report.reused["sentiment"] == n
    assert report.coordination is not None and seen[-1] == (seen[-1][1], seen[-1][1])
    ray_scores = store.query(COMPARED)
    assert len(ray_scores) == len(local_scores) == 2 * n
    same = ["text", "task", "model_id", "model_version", "label"]
    pd.testing.assert_frame_equal(ray_scores[same], local_scores[same])
    for column in ("score", "p_negative", "p_neutral", "p_positive"):
        left, right = ray_scores[column].to_numpy(float), local_scores[column].to_numpy(float)
        assert np.array_equal(np.isnan(left), np.isnan(right)), column
        assert np.nanmax(np.abs(left - right)) < 1e-5, column
    for ours, theirs in zip(ray_scores["evidence"], local_scores["evidence"], strict=True):
        assert pd.isna(ours) == pd.isna(theirs)
        if not pd.isna(ours):
            _same_evidence(json.loads(ours), json.loads(theirs))
    kept = store.scalar("SELECT count(*) FROM embeddings")
    assert kept == store.scalar("SELECT count(*) FROM documents")


def _same_evidence(ours: Any, theirs: Any) -> None:
    """The same evidence, its numbers within 2e-4 (the scorer rounds them to 4 decimals: the
    last digit may differ between two batchings of the same texts)."""
    if isinstance(ours, dict):
        assert isinstance(theirs, dict) and ours.keys() == theirs.keys()
        for key in ours:
            _same_evidence(ours[key], theirs[key])
    elif isinstance(ours, list):
        assert isinstance(theirs, list) and len(ours) == len(theirs)
        for a, b in zip(ours, theirs, strict=True):
            _same_evidence(a, b)
    elif isinstance(ours, float):
        assert ours == pytest.approx(theirs, abs=2e-4)
    else:
        assert ours == theirs


@pytest.mark.slow
def test_pantau_score_on_ray_from_the_command_line(local_ray: Any, settings: Settings,
                                                   tmp_path: Path) -> None:
    db = str(tmp_path / "p.duckdb")
    assert CliRunner().invoke(main, ["ingest", str(EXPORT), "--db", db, "--no-score"]
                              ).exit_code == 0
    result = CliRunner().invoke(main, ["score", "--engine", "ray", "--workers", "1", "--db", db,
                                       "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["scored"] == {"sentiment": 4, "hoax": 4}
    assert summary["coordination"]["clusters"] >= 0
    store = Store(Path(db), lock_timeout_s=5.0)
    assert score_pending(store, default_scorers(settings, store)).scored == {
        "sentiment": 0, "hoax": 0}

