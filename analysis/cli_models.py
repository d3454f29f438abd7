"""``pantau train`` and ``pantau evaluate``: thin wrappers over :mod:`analysis.training`."""

from __future__ import annotations

from pathlib import Path

import click

from analysis.cli_common import Bar, db_option, emit, json_option, settings_for
from analysis.settings import load_settings


@click.group()
def train() -> None:
    """Train the built-in heads (seeded; CPU is fine, a GPU is used when present)."""


@train.command("sentiment")
@click.option("--data", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Labelled training file (default: SmSA train in data/sentiment/).")
@click.option("--out", type=click.Path(file_okay=False), default=None,
              help="Head folder to write (default: data/models/sentiment).")
@json_option
def train_sentiment_cmd(data: str | None, out: str | None, as_json: bool) -> None:
    """Fit the sentiment head on SmSA train and report macro-F1 on SmSA valid."""
    from analysis.datasets import SMSA_TRAIN
    from analysis.models.registry import SENTIMENT_HEAD_DIR, builtin_encoder
    from analysis.training import train_sentiment

    bar = Bar("Embedding training texts", not as_json)
    result = train_sentiment(builtin_encoder(load_settings()), Path(out or SENTIMENT_HEAD_DIR),
                             Path(data) if data else SMSA_TRAIN, progress=bar)
    bar.close()
    summary = {"version": result.head.version, **result.figures}
    emit(as_json, summary, lambda: f"sentiment head {result.head.version} saved; "
         + ", ".join(f"{k} {v}" for k, v in result.figures.items()))


@train.command("hoax")
@click.option("--data", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Narratives file with narasi,label (default: data/hoax/hoax_news_train.csv).")
@click.option("--out", type=click.Path(file_okay=False), default=None,
              help="Head folder to write (default: data/models/hoax).")
@json_option
def train_hoax_cmd(data: str | None, out: str | None, as_json: bool) -> None:
    """Fit the hoax head; report ROC AUC on a held-out 20 % before refitting on all rows."""
    from analysis.datasets import HOAX_TRAIN
    from analysis.models.registry import HOAX_HEAD_DIR, builtin_encoder
    from analysis.training import train_hoax

    bar = Bar("Embedding narratives", not as_json)
    result = train_hoax(builtin_encoder(load_settings()), Path(out or HOAX_HEAD_DIR),
                        Path(data) if data else HOAX_TRAIN, progress=bar)
    bar.close()
    summary = {"version": result.head.version, **result.figures}
    emit(as_json, summary, lambda: f"hoax head {result.head.version} saved; "
         + ", ".join(f"{k} {v}" for k, v in result.figures.items()))


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
