"""``pantau train`` and ``pantau evaluate``: thin wrappers over :mod:`analysis.training`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from analysis.cli_common import Bar, db_option, emit, json_option, settings_for
from analysis.settings import load_settings


@click.group()
def train() -> None:
    """Train the built-in heads (seeded; CPU is fine, a GPU is used when present)."""


def _train(task: str, data: str | None, out: str | None, as_json: bool) -> None:
    from analysis.datasets import HOAX_TRAIN, SMSA_TRAIN
    from analysis.models.registry import HOAX_HEAD_DIR, SENTIMENT_HEAD_DIR, builtin_encoder
    from analysis.training import TrainResult, train_hoax, train_sentiment

    choices: dict[str, tuple[Callable[..., TrainResult], Path, Path]] = {
        "sentiment": (train_sentiment, SMSA_TRAIN, SENTIMENT_HEAD_DIR),
        "hoax": (train_hoax, HOAX_TRAIN, HOAX_HEAD_DIR),
    }
    trainer, default_data, default_out = choices[task]
    bar = Bar("Embedding training texts", not as_json)
    result = trainer(builtin_encoder(load_settings()), Path(out or default_out),
                     Path(data or default_data), progress=bar)
    bar.close()
    summary = {"version": result.head.version, **result.figures}
    emit(as_json, summary, lambda: f"{task} head {result.head.version} saved; "
         + ", ".join(f"{k} {v}" for k, v in result.figures.items()))


data_option = click.option("--data", type=click.Path(exists=True, dir_okay=False), default=None,
                           help="Training file (default: the shipped data set named above).")
out_option = click.option("--out", type=click.Path(file_okay=False), default=None,
                          help="Head folder to write (default: data/models/<task>).")


@train.command("sentiment")
@data_option
@out_option
@json_option
def train_sentiment_cmd(data: str | None, out: str | None, as_json: bool) -> None:
    """Fit the sentiment head on SmSA train (data/sentiment/smsa_train.tsv) and report
    macro-F1 on SmSA valid."""
    _train("sentiment", data, out, as_json)


@train.command("hoax")
@data_option
@out_option
@json_option
def train_hoax_cmd(data: str | None, out: str | None, as_json: bool) -> None:
    """Fit the hoax head on data/hoax/hoax_news_train.csv (narasi,label); report ROC AUC on a
    held-out 20 % before refitting on all rows."""
    _train("hoax", data, out, as_json)


@click.group()
def evaluate() -> None:
    """Measure a model on labelled data."""


@evaluate.command("sentiment")
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@click.option("--text-column", default=None, help="Column holding the text.")
@click.option("--label-column", default=None, help="Column holding the gold label.")
@db_option
@json_option
def evaluate_sentiment_cmd(file: str | None, text_column: str | None, label_column: str | None,
                           db: str | None, as_json: bool) -> None:
    """Macro-F1, per-class F1 and confusion matrix on FILE (default: SmSA valid)."""
    from analysis.datasets import SMSA_VALID, load_sentiment_file
    from analysis.models.registry import load_sentiment
    from analysis.training import evaluate_predictions

    settings = settings_for(db)
    path = Path(file) if file else SMSA_VALID
    data = load_sentiment_file(path, text_column, label_column)
    scorer = load_sentiment(settings)
    bar = Bar("Scoring", not as_json)
    report = evaluate_predictions(data["label"], lambda t: scorer.predict(t, progress=bar),
                                  data["text"].tolist())
    bar.close()
    summary = {"file": str(path), "model": f"{scorer.model_id}@{scorer.model_version}",
               **report.as_dict()}
    emit(as_json, summary, lambda: f"{path.name} — {summary['model']}\n{report.as_text()}")
