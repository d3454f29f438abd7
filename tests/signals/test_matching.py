"""Claim matching: tokenizer, BM25, the committed evaluation set and fitted figures, and the
real encoder matching a repeated claim (slow)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from analysis.signals.claim_files import DEFAULT_BANK, claim_passage, read_turnbackhoax
from analysis.signals.matching import (
    MATCHING_FILE,
    BM25Index,
    ClaimMatcher,
    MatchParams,
    SpellingIndex,
    spelling_grams,
    stopwords,
    tokenize,
)
from analysis.training.claim_eval import (
    EVAL_FILE,
    GOALS,
    build_eval_set,
    figures,
    frame_sha1,
    pick_threshold,
    read_eval_set,
)


def test_tokenize_normalises_slang_and_drops_noise() -> None:
    text = "SEBARKAN!! Vaksin yg bs lacak @budi https://x.co/a #VaksinChip"
    assert tokenize(text) == ["sebarkan", "vaksin", "lacak", "vaksin", "chip"]
    assert tokenize("Pak Jokowi gak bangettt, hati2 penipuan!!! 😂 www.foo.com") == [
        "jokowi", "hati", "hati", "penipuan"]
    assert tokenize("Anies_Baswedan 2024: sudah") == ["anies", "baswedan", "2024"]


def test_stopword_list_is_function_words_only() -> None:
    words = stopwords()
    assert 150 <= len(words) <= 300
    assert all(w == w.lower() and " " not in w for w in words)
    assert {"yang", "tidak", "dengan", "nih"} <= words
    assert not {"vaksin", "presiden", "hoaks", "polisi"} & words


def test_bm25_ranks_rare_shared_terms_first() -> None:
    index = BM25Index([["vaksin", "chip", "magnet"], ["vaksin", "aman"], ["banjir", "jakarta"],
                       ["vaksin", "halal"]])
    scores = index.scores(["chip", "vaksin"])
    assert scores.argmax() == 0
    assert scores[2] == 0 and scores[1] == scores[3] > 0
    assert index.scores(["tidakada"]).sum() == 0
    assert scores.max() <= index.ceiling(["chip", "vaksin"])
    assert index.ceiling(["tidakada"]) > index.ceiling(["vaksin"])  # unseen: rarest idf


def _toy_matcher() -> ClaimMatcher:
    claims = pd.DataFrame({"id": ["a", "b", "c"], "title": [
        "Vaksin Covid-19 Mengandung Microchip Magnetik", "Banjir Bandang di Jakarta Utara",
        "Bantuan Sosial Rp900 Ribu dari Pemerintah"], "content": ["", "", ""]})
    embeddings = np.eye(3, 8, dtype=np.float32)
    return ClaimMatcher(claims, embeddings, MatchParams.load())


def test_match_ranks_by_the_hybrid_and_reports_its_parts() -> None:
    matcher = _toy_matcher()
    query = np.eye(1, 8, 1, dtype=np.float32)  # the embedding of claim b
    [hits] = matcher.match(["banjir jakarta utara lagi"], query, k=3)
    assert [h.claim for h in hits][0] == 1
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    bm25, cosine = matcher.features("banjir jakarta utara lagi", query[0])
    assert hits[0].bm25 == pytest.approx(bm25[1]) and hits[0].cosine == pytest.approx(1.0)
    assert hits[0].spelling == pytest.approx(
        float(matcher.spelling("banjir jakarta utara lagi", [1])[0]))
    assert hits[0].score == pytest.approx(
        float(matcher.hybrid(bm25[1:2], cosine[1:2], hits[0].spelling)[0]))
    assert 0 < bm25[1] <= 1 and bm25[0] == 0


def test_spelling_is_an_idf_weighted_dice_of_character_grams() -> None:
    assert {" va", "vak", "ksin ", "in "} <= spelling_grams("Vaksin yg") and len(
        spelling_grams("yg")) == 0  # stopwords and slang normalised as BM25 does
    index = SpellingIndex(["Beras Beracun dari China", "Gula Palsu dari Korea"])
    same, misspelt, other = index.dice("beras beracun china", [0, 1]), index.dice(
        "bareh baracun cino", [0, 1]), index.dice("banjir jakarta", [0, 1])
    assert same[0] == pytest.approx(1.0) and same[1] == 0
    assert misspelt[0] > 2 * misspelt[1] and misspelt[0] > 0.15  # no whole word in common
    assert other.max() == 0 and index.dice("", [0]).tolist() == [0.0]


def test_spelling_reranks_the_best_claims_when_its_weight_is_set() -> None:
    """A misspelt post shares no whole word with its claim: with equal cosines the claim whose
    letters it shares comes first only through the spelling part."""
    claims = pd.DataFrame({"id": ["a", "b"], "title": ["Gula Palsu dari Korea",
                                                       "Beras Beracun dari China"],
                           "content": ["", ""]})
    query = np.array([[0.02, 0.0, 1.0]], dtype=np.float32)  # a touch closer to claim a
    embeddings = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]], dtype=np.float32)
    params = MatchParams.load()
    assert params.w_spelling > 0
    with_spelling = ClaimMatcher(claims, embeddings, params)
    without = ClaimMatcher(claims, embeddings,
                           MatchParams(**{**params.to_dict(), "w_spelling": 0.0}))
    post = ["awas bareh baracun asal cino lah masuak pasa"]
    assert [h.claim for h in without.match(post, query, k=2)[0]] == [0, 1]
    hits = with_spelling.match(post, query, k=2)[0]
    assert [h.claim for h in hits] == [1, 0] and hits[0].spelling > hits[1].spelling


def test_parameters_written_before_the_spelling_part_still_load(tmp_path) -> None:
    record = json.loads(MATCHING_FILE.read_text("utf-8"))
    del record["params"]["w_spelling"]
    old = tmp_path / "matching.json"
    old.write_text(json.dumps(record), "utf-8")
    assert MatchParams.load(old).w_spelling == 0.0


def test_pick_threshold_is_the_lowest_score_reaching_the_precision() -> None:
    scores = np.array([0.9, 0.8, 0.7, 0.6, 0.5])
    right = np.array([True, True, False, True, False])
    assert pick_threshold(scores, right, positives=4, precision=0.75) == 0.6
    assert pick_threshold(scores, right, positives=4, precision=1.0) == 0.8
    assert pick_threshold(scores, np.zeros(5, bool), 4, 0.5) > 0.9  # never reached


def test_figures_count_matched_negatives_as_false_positives() -> None:
    top = np.array([[0, 1, 2, 3, 4], [5, 0, 1, 2, 3], [7, 1, 2, 3, 4]])
    out = figures(top, np.array([0.9, 0.8, 0.95]), np.array([0, 0, -1]), {"cocok": 0.85})
    assert out["recall_at_1"] == 0.5 and out["recall_at_5"] == 1.0
    assert out["precision_at_cocok"] == 0.5 and out["recall_at_cocok"] == 0.5
    assert out["false_match_rate_at_cocok"] == 1.0


def test_committed_eval_set_is_reproducible_and_split_by_claim() -> None:
    committed = read_eval_set()
    pd.testing.assert_frame_equal(build_eval_set(), committed)
    positives = committed[committed["claim_id"] != ""]
    assert positives.groupby("claim_id")["split"].nunique().max() == 1
    assert positives.groupby("claim_id").size().between(1, 3).all()
    assert 0.9 <= len(committed) / (2 * len(positives)) <= 1.1  # about as many negatives
    assert set(committed["split"]) == {"tuning", "test"}


def test_committed_parameters_meet_the_goals_on_this_eval_set() -> None:
    record = json.loads(MATCHING_FILE.read_text("utf-8"))
    assert record["eval_set"]["sha1"] == frame_sha1(read_eval_set(EVAL_FILE))
    hybrid = record["test"]["hybrid"]
    assert hybrid["recall_at_5"] >= GOALS["recall_at_5"]
    assert hybrid["precision_at_cocok"] >= GOALS["precision_at_cocok"]
    params = MatchParams.load()
    assert 0 < params.mirip <= params.cocok < 1
    assert record["params"]["cocok"] == record["thresholds"]["hybrid"]["cocok"]


@pytest.fixture(scope="module")
def real_matcher(encoder) -> ClaimMatcher:  # type: ignore[no-untyped-def]
    claims = read_turnbackhoax(DEFAULT_BANK).head(150)
    passages = [claim_passage(t, c) for t, c in zip(claims["title"], claims["content"],
                                                        strict=True)]
    return ClaimMatcher(claims, encoder.embed(passages, prefix="passage: "))


@pytest.mark.slow
def test_a_forwarded_variant_finds_its_claim(real_matcher: ClaimMatcher, encoder) -> None:  # type: ignore[no-untyped-def]
    claim = real_matcher.claims.iloc[0]  # "Cover Majalah TIME 2023: Benjamin Netanyahu ..."
    text = "SEBARKAN!! majalah TIME 2023 sebut netanyahu killer of the year, bener gak nih? 😡"
    [hits] = real_matcher.match([text], encoder.embed([text], prefix="query: "))
    assert real_matcher.claims.iloc[hits[0].claim]["id"] == claim["id"]
    assert real_matcher.verdict(hits[0].score) == "cocok"


@pytest.mark.slow
def test_an_unrelated_complaint_is_not_confirmed(real_matcher: ClaimMatcher, encoder) -> None:  # type: ignore[no-untyped-def]
    text = "pelayanan samsat lambat bgt, antri dari pagi blm dipanggil juga 😤"
    [hits] = real_matcher.match([text], encoder.embed([text], prefix="query: "))
    assert real_matcher.verdict(hits[0].score) != "cocok"
