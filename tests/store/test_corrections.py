"""Analyst corrections: stored with who and when, evaluated against, used in retraining."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from analysis.cli.app import main
from analysis.errors import StoreError
from analysis.store import Store
from analysis.store.corrections import add_correction, correction_history, current_corrections
from tests.store_fixtures import small_store


@pytest.fixture
def store(any_store: Store) -> Store:
    """Every test here on DuckDB and on PostgreSQL (the command-line ones: DuckDB's file)."""
    return any_store


def test_a_correction_keeps_who_when_and_the_label_it_replaced(store: Store) -> None:
    small_store(store)
    add_correction(store, "b", "sentiment", "negative", "Bripka Ani", "keluhan")
    add_correction(store, "b", "sentiment", "neutral", "Aiptu Budi")
    history = correction_history(store, "b")
    assert history["label"].tolist() == ["negative", "neutral"]
    assert history["analyst"].tolist() == ["Bripka Ani", "Aiptu Budi"]
    assert history["previous"].tolist()[1] == "negative"
    assert history["corrected_at"].notna().all()
    current = current_corrections(store, "sentiment")
    assert current[["doc_id", "label"]].values.tolist() == [["b", "neutral"]]
    assert current["text"].iloc[0] == "Pelayanan lambat sekali"


@pytest.mark.parametrize("args,message", [
    (("zzz", "sentiment", "negative", "Ani"), "No document"),
    (("a", "sentiment", "angry", "Ani"), "not a sentiment label"),
    (("a", "mood", "negative", "Ani"), "Unknown task"),
    (("a", "sentiment", "negative", "  "), "analyst"),
])
def test_bad_corrections_are_refused_with_a_reason(store: Store, args: tuple[str, ...],
                                                   message: str) -> None:
    small_store(store)
    with pytest.raises(StoreError, match=message):
        add_correction(store, *args)
    assert correction_history(store, args[0]).empty


def test_cli_correct_and_evaluate_on_corrections(duckdb_store: Store) -> None:
    store = duckdb_store
    small_store(store)
    runner = CliRunner()
    outputs = []
    for doc, label in (("a", "positif"), ("b", "negative"), ("e", "positive")):
        result = runner.invoke(main, ["correct", doc, "--label", label, "--analyst", "Ani",
                                      "--db", str(store.path)])
        assert result.exit_code == 0, result.output
        outputs.append(result.output)
    assert outputs[0].strip() == "a: sentiment set to positive by Ani"
    result = runner.invoke(main, ["evaluate", "sentiment", "--corrections", "--db",
                                  str(store.path), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["n"] == 3 and "ece" in summary
    assert summary["file"].startswith("corrections in")


def test_evaluating_an_empty_correction_set_says_how_to_add_some(duckdb_store: Store) -> None:
    store = duckdb_store
    small_store(store)
    result = CliRunner().invoke(main, ["evaluate", "sentiment", "--corrections", "--db",
                                       str(store.path)])
    assert result.exit_code == 1
    assert "no sentiment corrections" in result.output and "pantau correct" in result.output


@pytest.mark.slow
def test_training_with_corrections_prints_before_and_after(duckdb_store: Store,
                                                            tmp_path: Path) -> None:
    store = duckdb_store
    small_store(store)
    for doc, label in (("a", "positive"), ("b", "negative"), ("c", "neutral")):
        add_correction(store, doc, "sentiment", label, "Ani")
    valid = tmp_path / "valid.csv"
    valid.write_text("text,label\npelayanan ramah,positive\nantri lama sekali,negative\n"
                     "jadwal rapat besok,neutral\n", encoding="utf-8")
    result = CliRunner().invoke(main, [
        "train", "sentiment", "--with-corrections", "--db", str(store.path), "--limit", "60",
        "--epochs", "1", "--valid", str(valid), "--out", str(tmp_path / "model"), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output.strip().splitlines()[-1])
    assert summary["corrections"] == 3
    assert set(summary["before"]) == set(summary["after"]) == {
        "valid_macro_f1", "valid_ece", "corrections_macro_f1", "corrections_ece"}
    card = json.loads((tmp_path / "model" / "model.json").read_text())
    assert card["corrections"] == 3
