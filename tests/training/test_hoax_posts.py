"""The hoax score measured on posts, and its combination fitted there."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.models.combiner import COORDINATION_WEIGHT, DEPLOY_PRIOR, Combiner
from analysis.training.hoax_posts import (
    fit_noisy_or,
    fit_on_posts,
    post_figures,
    post_labels,
    topic_groups,
)


def synthetic(n: int = 4000, seed: int = 3) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Labels drawn from the noisy-OR form with known weights."""
    rng = np.random.default_rng(seed)
    signals = {"p_head": rng.random(n), "cues": rng.random(n),
               "match": np.where(rng.random(n) < 0.2, rng.random(n), 0.0),
               "coordination": np.zeros(n)}
    rest = 1 / (1 + np.exp(-(-2.0 + 3.0 * signals["p_head"] + 0.5 * signals["cues"])))
    p = 1 - (1 - signals["match"]) * (1 - rest)
    return signals, (rng.random(n) < p).astype(int)


def test_fisher_scoring_recovers_the_weights_of_the_noisy_or_form() -> None:
    signals, labels = synthetic()
    intercept, weights = fit_noisy_or(signals, labels, l2=1e-6)
    assert intercept == pytest.approx(-2.0, abs=0.3)
    assert weights[0] == pytest.approx(3.0, abs=0.4) and weights[1] == pytest.approx(0.5, abs=0.4)


def test_a_signal_that_says_nothing_on_posts_gets_no_weight() -> None:
    signals, labels = synthetic()
    signals["p_head"] = np.random.default_rng(9).random(len(labels))  # noise now
    _, weights = fit_noisy_or(signals, labels)
    assert abs(weights[0]) < 0.4


def test_the_combination_fitted_on_posts_moves_to_the_deployment_prior() -> None:
    signals, labels = synthetic()
    combiner = fit_on_posts(signals, labels)
    base = labels.mean()
    assert combiner.card["train_prior"] == pytest.approx(base, abs=1e-4)
    assert combiner.card["deploy_prior"] == DEPLOY_PRIOR
    assert combiner.weights["coordination"] == COORDINATION_WEIGHT
    assert combiner.card["prior_shift"] == pytest.approx(
        np.log(DEPLOY_PRIOR / (1 - DEPLOY_PRIOR)) - np.log(base / (1 - base)), abs=1e-3)
    assert "posts" in combiner.card["fitted_on"]


def test_post_figures_give_recall_on_repeats_and_false_flags_per_kind() -> None:
    rows = pd.DataFrame({"relation": ["repeats", "repeats", "denies", "same_topic",
                                      "unrelated", "unrelated"],
                         "style": ["slang", "slang", "debunk", "fact", "unrelated",
                                   "real_post+comment"]})
    signals = {"match": np.array([0.9, 0.1, 0.0, 0.7, 0.0, 0.0]), "p_head": np.zeros(6),
               "cues": np.zeros(6), "coordination": np.zeros(6)}
    combiner = Combiner(-5.0, {"p_head": 1.0, "cues": 1.0, "coordination": 3.0})
    found = post_figures(signals, rows, combiner, 0.5)
    assert post_labels(rows).tolist() == [1, 1, 0, 0, 0, 0]
    assert found.flagged == {"repeats": 0.5, "denies": 0.0, "same_topic": 1.0, "unrelated": 0.0,
                             "real_posts": 0.0}
    assert found.auc["p_head"] == 0.5 and found.n == 6 and found.hoax == 2


def test_topics_are_stable_and_group_near_texts() -> None:
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(4, 16))
    points = np.repeat(centres, 30, axis=0) + rng.normal(scale=0.05, size=(120, 16))
    first, again = topic_groups(points, k=4), topic_groups(points[::-1], k=4)[::-1]
    truth = np.repeat(np.arange(4), 30)
    for found in (first, again):
        assert len(set(zip(found, truth, strict=True))) == 4  # each topic is one centre
