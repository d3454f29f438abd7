from __future__ import annotations

import pytest

from analysis.models.metrics import classification_report, roc_auc

LABELS = ["negative", "neutral", "positive"]


def test_macro_f1_is_the_mean_of_per_class_f1() -> None:
    gold = ["positive", "positive", "negative", "neutral"]
    pred = ["positive", "negative", "negative", "positive"]
    report = classification_report(gold, pred, LABELS)
    assert report.per_class_f1 == pytest.approx({"negative": 2 / 3, "neutral": 0.0,
                                                 "positive": 0.5})
    assert report.macro_f1 == pytest.approx((2 / 3 + 0.5) / 3)
    assert report.accuracy == pytest.approx(0.5)
    assert report.confusion == [[1, 0, 0], [0, 0, 1], [1, 0, 1]]


def test_report_text_shows_the_confusion_matrix() -> None:
    text = classification_report(["positive"], ["positive"], LABELS).as_text()
    assert "macro-F1" in text and "rows = gold" in text


def test_roc_auc_counts_ties_half() -> None:
    assert roc_auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == pytest.approx(0.75)
    assert roc_auc([0, 1], [0.5, 0.5]) == pytest.approx(0.5)
    with pytest.raises(ValueError):
        roc_auc([1, 1], [0.2, 0.3])


def test_ece_is_zero_when_confidence_matches_accuracy() -> None:
    import numpy as np

    from analysis.models.metrics import expected_calibration_error

    # four predictions at confidence 0.75, three right: perfectly calibrated
    probs = np.array([[0.75, 0.25]] * 4)
    assert expected_calibration_error(probs, [0, 0, 0, 1]) == pytest.approx(0.0)
    # always 0.9 sure, right half the time: off by 0.4
    probs = np.array([[0.9, 0.1]] * 4)
    assert expected_calibration_error(probs, [0, 1, 0, 1]) == pytest.approx(0.4)
