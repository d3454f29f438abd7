"""The combined hoax score: the logistic combination, coordination rescoring, the committed
model's figures and `pantau evaluate hoax`."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import numpy as np
import pandas as pd
import pytest

from analysis.insights.coordination import refresh_coordination
from analysis.models.combiner import DEPLOY_PRIOR, SIGNALS, Combiner, fit_logistic
from analysis.models.hoax import rescore
from analysis.signals.coordination import coordination_signal
from analysis.store import Store
from analysis.store.documents import insert_documents
from analysis.store.scores import insert_scores
from tests.store_fixtures import documents


def test_logistic_regression_recovers_known_weights() -> None:
    rng = np.random.default_rng(0)
    x = rng.uniform(size=(20000, 2))
    p = 1 / (1 + np.exp(-(-1.0 + 3.0 * x[:, 0] - 2.0 * x[:, 1])))
    y = (rng.uniform(size=len(p)) < p).astype(float)
    intercept, weights = fit_logistic(x, y, l2=0.0)
    assert intercept == pytest.approx(-1.0, abs=0.15)
    assert weights == pytest.approx([3.0, -2.0], abs=0.15)


def test_the_intercept_moves_to_the_deployment_prior() -> None:
    rng = np.random.default_rng(1)
    labels = (rng.uniform(size=4000) < 0.8).astype(float)
    signals = {"p_head": labels * 0.3 + rng.uniform(size=4000) * 0.7,
               "match": np.zeros(4000), "cues": rng.uniform(size=4000)}
    combiner = Combiner.fit(signals, labels)
    assert combiner.card["train_prior"] == pytest.approx(labels.mean(), abs=1e-3)
    # with uninformative signals the score sits near the deployment prior, not near 0.8
    flat = {k: np.array([0.0]) for k in SIGNALS}
    assert 0.0 < combiner.score(flat)[0] < 0.5
    assert combiner.card["deploy_prior"] == DEPLOY_PRIOR


def test_contributions_add_up_to_the_score() -> None:
    combiner = Combiner(-2.0, {"p_head": 1.0, "match": 5.0, "cues": 2.0, "coordination": 3.0})
    signals = {"p_head": np.array([0.5]), "match": np.array([0.8]), "cues": np.array([0.25]),
               "coordination": np.array([0.0])}
    parts = combiner.contributions(signals)
    total = -2.0 + sum(float(v[0]) for v in parts.values())
    assert combiner.score(signals)[0] == pytest.approx(1 / (1 + np.exp(-total)))
    score, evidence = rescore({"signals": {k: float(v[0]) for k, v in signals.items()}},
                              combiner, 0.77)
    assert evidence["contributions"]["coordination"] == pytest.approx(3.0 * 0.77, abs=1e-4)
    assert score > combiner.score(signals)[0]


def test_a_coordinated_burst_raises_its_members_scores(store: Store) -> None:
    start = datetime(2025, 7, 1, 3, 0)
    text = "Sebarkan! Besok ada razia besar besaran di seluruh jalan kota, hindari jalan utama"
    rows = [{"id": f"b{i}", "author": f"akun{i}", "text": text + (" 🙏" * (i % 2)),
             "published_at": start + timedelta(minutes=i)} for i in range(6)]
    rows.append({"id": "lone", "author": "warga", "text": "Pelayanan SIM di Polres cepat dan "
                 "ramah sekali hari ini", "published_at": start})
    insert_documents(store, "u1", documents(rows))
    combiner = Combiner(-3.0, {"p_head": 1.0, "match": 5.0, "cues": 2.0, "coordination": 3.0})
    evidence = {"signals": {"p_head": 0.5, "match": 0.0, "cues": 0.2, "coordination": 0.0}}
    base = float(combiner.score({k: np.array([v]) for k, v in evidence["signals"].items()})[0])
    insert_scores(store, pd.DataFrame([{
        "doc_id": r["id"], "task": "hoax", "model_id": "m", "model_version": "v", "label":
        "not_hoax", "score": base, "p_negative": None, "p_neutral": None, "p_positive": None,
        "evidence": json.dumps(evidence)} for r in rows]))
    report = refresh_coordination(store, combiner, threshold=0.5, min_accounts=3,
                                  window_minutes=60)
    assert (report.clusters, report.members, report.rescored) == (1, 6, 6)
    scores = store.query("SELECT doc_id, score, evidence FROM scores ORDER BY doc_id")
    burst = scores[scores["doc_id"] != "lone"]
    assert (burst["score"] > base).all()
    assert scores.set_index("doc_id").loc["lone", "score"] == pytest.approx(base)
    record = json.loads(burst["evidence"].iloc[0])
    six_in_five_minutes = coordination_signal(np.array(6), np.array(5))
    assert record["signals"]["coordination"] == round(float(six_in_five_minutes), 3)  # as stored
    cluster = store.query("SELECT n_accounts, span_minutes FROM clusters").iloc[0]
    assert cluster["n_accounts"] == 6 and cluster["span_minutes"] == 5
    again = refresh_coordination(store, combiner, threshold=0.5)
    assert again.rescored == 0  # nothing changed, nothing rescored


def test_the_committed_hoax_model_reports_honest_figures() -> None:
    from analysis.models.registry import load_combiner

    combiner = load_combiner()
    assert "posts" in combiner.card["fitted_on"]
    narratives = combiner.card["narratives"]
    assert narratives["heldout"]["n"] >= 600
    assert narratives["topic_holdout"]["n"] >= 3000  # every narrative scored by a head that
    assert 0.5 < narratives["topic_holdout"]["auc_topic_holdout"] < 0.95  # never saw its topic
    test = combiner.card["posts"]["test"]
    assert test["n"] >= 600 and set(test["auc"]) == {"combined", "p_head", "match", "cues"}
    # on posts, the combination is at least as good as its best single signal
    assert test["auc"]["combined"] >= max(test["auc"][k] for k in ("p_head", "match")) - 0.01
    assert test["flagged"]["repeats"] >= 0.6
    for kind in ("same_topic", "denies", "real_posts"):
        assert test["flagged"][kind] <= 0.03, kind


@pytest.mark.slow
def test_evaluate_hoax_on_an_analysts_file(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import tempfile

    from click.testing import CliRunner

    from analysis.cli.app import main

    sample = tmp_path / "sampel.csv"
    sample.write_text(
        "teks,label\n"
        "\"SEBARKAN!!! Info dari grup sebelah: vaksin mengandung microchip, jangan sampai "
        "dihapus\",1\n"
        "\"Polda Jambi membuka layanan SIM keliling di Taman Jomblo hari Sabtu\",0\n"
        "\"Beredar kabar air galon mengandung zat berbahaya, segera bagikan ke keluarga!!\",1\n"
        "\"Kapolres meresmikan pos pelayanan mudik di jalan lintas Sumatra\",0\n",
        encoding="utf-8")
    out = tmp_path / "pred.csv"
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    result = CliRunner().invoke(main, ["evaluate", "hoax", str(sample), "--label-column",
                                       "label", "--no-matching", "--predictions", str(out),
                                       "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output.strip().splitlines()[-1])
    assert summary["n"] == 4 and summary["hoax"] == 2
    assert set(summary["auc"]) == {"combined", *SIGNALS}
    predictions = pd.read_csv(out)
    assert {"text", "gold", "combined", *SIGNALS, "claim", "verdict"} <= set(predictions.columns)
    assert predictions.loc[0, "cues"] > predictions.loc[1, "cues"]
    assert not [p.name for p in scratch.iterdir() if p.name.startswith("pantau-bank-")], \
        "the scratch copy of the claim bank is left behind"
