"""The hand-written claim evaluation set and the figures measured on it."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.errors import DatasetError
from analysis.signals.claim_files import DEFAULT_BANK, read_turnbackhoax
from analysis.training.real_posts import real_post_part, real_posts
from analysis.training.relation_eval import (
    REAL_POSTS,
    Outcomes,
    evaluation_rows,
    figures,
    fit_thresholds,
    read_pairs,
    read_relation_set,
)
from analysis.training.relations import conclusion_sentence, neighbours


def test_the_committed_set_is_large_split_by_claim_and_names_bank_claims() -> None:
    rows = read_relation_set()
    counts = rows["relation"].value_counts()
    assert counts["repeats"] >= 300
    assert counts["same_topic"] + counts["denies"] + counts["unrelated"] >= 300
    claims = rows[rows["claim_id"] != ""]
    assert claims.groupby("claim_id")["split"].nunique().max() == 1  # no claim in both halves
    frame = read_turnbackhoax(DEFAULT_BANK)
    bank = dict(zip(frame["id"], frame["title"], strict=True))
    assert (claims["claim_title"] == claims["claim_id"].map(bank)).all()
    assert not rows["text"].str.lower().duplicated().any()


def outcomes(relations: list[str], top_right: list[bool], verdicts: list[str],
             repeats: list[float], styles: list[str] | None = None) -> Outcomes:
    n = len(relations)
    rows = pd.DataFrame({"relation": relations, "style": styles or ["slang"] * n})
    right = np.array(top_right)
    return Outcomes(rows, np.where(right, 1, 3), np.where(right, 1, 2), right,
                    np.array(verdicts), np.array(repeats, dtype=float),
                    np.array([r == "denies" for r in relations]),
                    np.full(n, np.nan), np.zeros(n, dtype=bool))


def test_figures_count_right_and_false_flags_per_kind_of_text() -> None:
    o = outcomes(["repeats", "repeats", "repeats", "same_topic", "denies", "unrelated"],
                 [True, True, False, False, False, False],
                 ["cocok", "mirip", "cocok", "cocok", "", ""],
                 [0.9, 0.6, 0.8, 0.75, 0.1, np.nan],
                 ["slang", "question+emoji", "slang", "fact", "debunk", "unrelated"])
    found = figures(o)
    assert found["recall_at_1"] == 0.6667 and found["retrieval"]["recall_at_1"] == 0.6667
    assert found["cocok"] == {"precision": 0.3333, "recall": 0.3333, "flagged": 3}
    assert found["flagged"] == {"precision": 0.5, "recall": 0.6667}
    assert found["negatives"]["same_topic"] == {"rows": 1, "false_cocok": 1.0,
                                                "false_flagged": 1.0}
    assert found["negatives"]["denies"]["false_flagged"] == 0.0
    assert found["denials_linked"] == 1.0
    assert found["by_style"] == {"question": {"rows": 1, "recall_at_1": 1.0, "cocok": 0.0},
                                 "slang": {"rows": 2, "recall_at_1": 0.5, "cocok": 0.5}}


def with_candidates(candidates: list[list[tuple[bool, float, bool]]]) -> Outcomes:
    n = len(candidates)
    o = outcomes(["repeats"] * n, [False] * n, [""] * n, [np.nan] * n)
    o.candidates = candidates
    return o


def test_thresholds_are_the_lowest_scores_reaching_the_precision() -> None:
    right = [[(True, 0.99 - 0.01 * i, True)] for i in range(19)]
    found = fit_thresholds(with_candidates([*right, [(True, 0.5, False)]]))
    assert found == {"cocok": 0.5, "mirip": 0.5, "denies": 1.01}  # 19 of 20 right at 0.5
    found = fit_thresholds(with_candidates([*right, [(True, 0.985, False)]]))
    assert found == {"cocok": 0.81, "mirip": 0.81, "denies": 1.01}  # the wrong one ranks 2nd


def test_a_threshold_is_tried_with_the_order_it_gives() -> None:
    """Below ``cocok`` a post's first claim is the retrieval's; from it, the sure one."""
    sure_second = [[(True, 0.6, False), (True, 0.95, True)]] * 19
    found = fit_thresholds(with_candidates([*sure_second, [(True, 0.9, False)]]))
    assert found["cocok"] == 0.9  # at 0.9 the sure claims come first: 19 of 20 right
    assert found["mirip"] == 0.6  # flagging from 0.6 keeps those 19 of 20


def test_a_denial_is_linked_from_the_probability_that_keeps_links_right() -> None:
    o = with_candidates([[]] * 22)
    o.denial = np.array([0.99 - 0.01 * i for i in range(19)] + [0.95, 0.94, np.nan])
    o.denial_right = np.array([True] * 19 + [False, False, False])
    assert fit_thresholds(o)["denies"] == 0.96  # below it, one wrong link in six or more
    assert figures(o)["denial_links"] == {"links": 21, "precision": 0.9048}


def test_an_analysts_pairs_file_adds_the_claims_the_bank_lacks(tmp_path: Path) -> None:
    bank = read_turnbackhoax(DEFAULT_BANK)
    known = bank["title"].iloc[3]
    path = tmp_path / "pairs.csv"
    pd.DataFrame({"text": ["gempa maluku pas buka puasa", "video Trump rides a lion"],
                  "claim": [known.upper(), "Trump rode a lion in a parade"]}).to_csv(
        path, index=False)
    rows, extended = read_pairs(path, bank)
    assert rows["claim_id"].tolist() == [bank["id"].iloc[3], "extra-0"]
    assert rows["relation"].tolist() == ["repeats", "repeats"]
    assert len(extended) == len(bank) + 1
    assert extended["title"].iloc[-1] == "Trump rode a lion in a parade"
    path.write_text("post,claim\nx,y\n")
    with pytest.raises(DatasetError, match="needs the columns text and claim"):
        read_pairs(path, bank)


def test_the_fact_checks_verdict_sentence_loses_the_checkers_name() -> None:
    said = conclusion_sentence("Hasil periksa fakta Ainayya.\n\nUnggahan video yang mengklaim "
                               "gempa mengguncang Maluku merupakan konten yang dimanipulasi.")
    assert said == ("Unggahan video yang mengklaim gempa mengguncang Maluku merupakan konten "
                    "yang dimanipulasi.")
    assert conclusion_sentence("Hasil periksa fakta X. Salah.") is None


def test_neighbours_leave_out_copies_of_the_claim() -> None:
    vectors = np.array([[1.0, 0.0], [1.0, 0.0], [0.9, np.sqrt(1 - 0.81)], [0.0, 1.0]])
    near = neighbours(vectors, ["Banjir Jakarta", "banjir  jakarta", "Banjir Bekasi", "Lain"])
    assert [j for j, _ in near[0]] == [2, 3]
    assert near[0][0][1] == pytest.approx(0.9)


@pytest.mark.slow
@pytest.mark.parametrize("which", ["fast", "full"])
def test_the_committed_reader_reproduces_its_card_on_the_test_part(which: str) -> None:
    from dataclasses import replace

    from analysis.models.registry import builtin_encoder, load_claim_reader, reader_folder
    from analysis.settings import load_settings
    from analysis.training.relation_eval import bank_matcher, outcomes

    settings = replace(load_settings(), claim_reader=which)
    reader = load_claim_reader(settings)
    folder = reader_folder(settings)
    assert reader is not None and folder is not None
    card = json.loads((folder / "model.json").read_text())
    encoder = builtin_encoder(settings)
    rows = evaluation_rows(read_relation_set(), "test")
    found = figures(outcomes(rows, bank_matcher(read_turnbackhoax(DEFAULT_BANK), encoder),
                             encoder, reader))
    expected = card["evaluation"]["test"]
    real = found["negatives"]["real_posts"]
    assert real["rows"] == REAL_POSTS
    assert real["false_flagged"] == pytest.approx(
        expected["negatives"]["real_posts"]["false_flagged"], abs=0.01)
    assert real["false_cocok"] <= 0.01
    assert found["recall_at_1"] == pytest.approx(expected["recall_at_1"], abs=0.01)
    assert found["recall_at_5"] == pytest.approx(expected["recall_at_5"], abs=0.01)
    assert found["cocok"]["precision"] == pytest.approx(expected["cocok"]["precision"], abs=0.02)
    for relation in ("same_topic", "denies"):
        assert found["negatives"][relation]["false_cocok"] <= 0.03
    assert found["denials_linked"] == pytest.approx(expected["denials_linked"], abs=0.02)
    assert found["denial_links"] == expected["denial_links"]


def test_the_default_reader_meets_the_hoax_evidence_goals_on_the_test_part() -> None:
    """The goals of the hoax-evidence work on the held-out part (the card's figures, which the
    test above reproduces): recall@1 >= 0.90 and recall@5 >= 0.97 on rewordings, cocok
    precision >= 0.95, false cocok <= 3 % on same-topic statements and on denials."""
    from analysis.models.registry import READER_DIR, reader_folder
    from analysis.settings import load_settings

    assert reader_folder(load_settings({})) == READER_DIR
    test = json.loads((READER_DIR / "model.json").read_text())["evaluation"]["test"]
    assert test["recall_at_1"] >= 0.90 and test["recall_at_5"] >= 0.97
    assert test["retrieval"]["recall_at_50"] == 1.0
    assert test["cocok"]["precision"] >= 0.95
    assert test["negatives"]["same_topic"]["false_cocok"] <= 0.03
    assert test["negatives"]["denies"]["false_cocok"] <= 0.03


def test_the_reader_stays_float_when_the_other_models_run_in_int8() -> None:
    """int8 layers move the reader's repeat probabilities across its thresholds (tune part:
    cocok recall 0.53 -> 0.07), so PANTAU_QUANTIZE leaves it alone."""
    from dataclasses import replace

    from analysis.models.registry import load_claim_reader
    from analysis.settings import load_settings

    settings = load_settings()
    exact, int8 = load_claim_reader(settings), load_claim_reader(replace(settings, quantize="int8"))
    assert exact is not None and int8 is not None
    pairs = (["vaksin covid bikin mandul, sebarkan!", "polda bantah kabar penculikan anak"],
             ["Vaksin Covid-19 menyebabkan kemandulan", "Penculikan anak di sekolah"])
    assert int8.version == exact.version
    assert np.allclose(int8.probabilities(*pairs), exact.probabilities(*pairs), atol=1e-6)


def test_the_fast_reader_reads_with_8_layers_and_keeps_the_precision_goals() -> None:
    """PANTAU_CLAIM_READER=fast: the committed 8-layer reader, its card from
    `pantau train claims --layers 8` (figures on the test part: cocok precision >= 0.95, no
    false cocok on same-topic statements, denials or real posts); off: no reader."""
    from dataclasses import replace

    from analysis.models.registry import READER_FAST_DIR, load_claim_reader
    from analysis.models.tuned import TunedArtefact
    from analysis.settings import load_settings

    settings = load_settings()
    fast = load_claim_reader(replace(settings, claim_reader="fast"))
    full = load_claim_reader(settings)  # the default
    assert fast is not None and full is not None and fast.version != full.version
    assert len(fast.classifier.model.bert.encoder.layer) == 8  # type: ignore[attr-defined]
    assert len(full.classifier.model.bert.encoder.layer) == 12  # type: ignore[attr-defined]
    assert load_claim_reader(replace(settings, claim_reader="off")) is None
    artefact = TunedArtefact.load(READER_FAST_DIR)
    assert artefact.card["layers"] == 8 and artefact.card["version"] == artefact.version
    test = artefact.card["evaluation"]["test"]
    assert test["cocok"]["precision"] >= 0.95
    assert all(test["negatives"][kind]["false_cocok"] == 0.0
               for kind in ("same_topic", "denies", "unrelated", "real_posts"))
    post = ("hati2 gaes, vaksin covid itu ada microchip magnetnya, coba tempel koin di bekas "
            "suntikan pasti nempel!! share ke grup keluarga")
    reading = fast.readings([post], ["Vaksin Covid-19 Mengandung Microchip Magnetik"])[0]
    assert reading.relation == "repeats", reading


def test_real_posts_fall_in_one_part_each_and_the_parts_never_meet() -> None:
    parts = {part: {text for text, _ in real_posts(part, 300)} for part in ("train", "tune",
                                                                            "test")}
    assert all(len(texts) == 300 for texts in parts.values())
    assert not parts["train"] & parts["tune"] and not parts["train"] & parts["test"]
    assert not parts["tune"] & parts["test"]
    assert all(real_post_part(text) == part for part, texts in parts.items() for text in texts)
    assert {text for text, _ in real_posts("tune", 300)} == parts["tune"]  # the same each time


def test_the_tune_and_test_parts_are_measured_with_real_posts_besides() -> None:
    rows = read_relation_set()
    test = evaluation_rows(rows, "test")
    written = rows[rows["split"] == "test"]
    added = test.iloc[len(written):]
    assert len(added) == REAL_POSTS and (added["relation"] == "unrelated").all()
    assert added["style"].str.startswith("real_post+").all() and (added["claim_id"] == "").all()
    assert set(added["style"]) == {"real_post+tweet", "real_post+comment", "real_post+smsa"}
    assert len(evaluation_rows(rows, "train")) == (rows["split"] == "train").sum()
    assert len(evaluation_rows(rows, "all")) == len(rows) + 2 * REAL_POSTS


def test_real_posts_are_reported_apart_from_the_hand_written_unrelated_posts() -> None:
    o = outcomes(["repeats", "unrelated", "unrelated", "unrelated"], [True, False, False, False],
                 ["cocok", "", "mirip", ""], [0.9, np.nan, 0.6, np.nan],
                 ["slang", "unrelated", "real_post+comment", "real_post+tweet"])
    found = figures(o)
    assert found["negatives"]["unrelated"] == {"rows": 1, "false_cocok": 0.0,
                                               "false_flagged": 0.0}
    assert found["negatives"]["real_posts"] == {"rows": 2, "false_cocok": 0.0,
                                                "false_flagged": 0.5}
    assert found["flagged"]["precision"] == 0.5
