"""``pantau train``, ``pantau evaluate`` and ``pantau correct``: thin wrappers over the modules
that do the work (:mod:`analysis.training.finetune`, :mod:`analysis.training.sentiment`,
:mod:`analysis.store.corrections`)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import click
import pandas as pd

from analysis.cli.common import Bar, db_option, echo, emit, json_option, settings_for
from analysis.errors import DatasetError
from analysis.settings import Settings, load_settings
from analysis.vocabulary import Task


@click.group()
def train() -> None:
    """Train the built-in models (seeded; CPU is fine, a GPU is used when present)."""


data_option = click.option("--data", type=click.Path(exists=True, dir_okay=False), default=None,
                           help="Training file (default: the shipped data set named above).")
out_option = click.option("--out", type=click.Path(file_okay=False), default=None,
                          help="Model folder to write (default: data/models/<task>).")


def _corrections(settings: Settings) -> pd.DataFrame:
    from analysis.store.corrections import current_corrections
    from analysis.store.db import open_store

    store = open_store(settings)
    rows = current_corrections(store, Task.SENTIMENT)
    if rows.empty:
        raise DatasetError(
            f"The store {store} holds no sentiment corrections yet. Correct labels "
            "in the app (Koreksi) or with `pantau correct`, or leave out --with-corrections."
        )
    return rows[["text", "label"]]


def _figures(settings: Settings, folder: Path, sets: dict[str, pd.DataFrame]) -> dict[str, Any]:
    """Macro-F1 and ECE of the model in ``folder`` on each named labelled set."""
    from analysis.models.registry import builtin_encoder
    from analysis.models.sentiment import BuiltinSentiment
    from analysis.models.tuned import TunedArtefact
    from analysis.training.sentiment import evaluate_sentiment

    scorer = BuiltinSentiment(builtin_encoder(settings), TunedArtefact.load(folder))
    out: dict[str, Any] = {}
    for name, data in sets.items():
        result = evaluate_sentiment(scorer, data)
        out[f"{name}_macro_f1"] = round(result.report.macro_f1, 4)
        out[f"{name}_ece"] = round(result.ece, 4)
    return out


@train.command("sentiment")
@data_option
@click.option("--valid", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Labelled file to report on (default: SmSA valid; never used for choices).")
@out_option
@click.option("--epochs", type=click.IntRange(1, 20), default=None,
              help="Passes over the training rows (default 2).")
@click.option("--limit", type=click.IntRange(0), default=0,
              help="Train on the first N rows only, for a quick trial (default: all).")
@click.option("--with-corrections", is_flag=True,
              help="Add the analysts' sentiment corrections from the store to the training "
                   "rows and print figures before and after.")
@db_option
@json_option
def train_sentiment_cmd(data: str | None, valid: str | None, out: str | None,
                        epochs: int | None, limit: int, with_corrections: bool, db: str | None,
                        as_json: bool) -> None:
    """Fine-tune the built-in encoder (LoRA adapters + head) on SmSA train, calibrate it on a
    held-out 10 % and report macro-F1 and ECE on SmSA valid."""
    from dataclasses import replace

    from analysis.models.registry import SENTIMENT_HEAD_DIR, prepare_builtin
    from analysis.training.datasets import SMSA_TRAIN, SMSA_VALID, load_sentiment_file
    from analysis.training.finetune import FinetuneConfig, finetune_sentiment

    settings = settings_for(db)
    folder = Path(out or SENTIMENT_HEAD_DIR)
    valid_path = Path(valid or SMSA_VALID)
    config = replace(FinetuneConfig(), limit=limit)
    if epochs:
        config = replace(config, epochs=epochs)
    extra = _corrections(settings) if with_corrections else None
    sets = {"valid": load_sentiment_file(valid_path)}
    if extra is not None:
        sets["corrections"] = extra
    before = _figures(settings, SENTIMENT_HEAD_DIR, sets) if extra is not None else {}
    log = (lambda message: None) if as_json else (lambda m: echo(m, err=True))
    result = finetune_sentiment(prepare_builtin(settings), folder, Path(data or SMSA_TRAIN),
                                valid_path, config, device=settings.device, log=log, extra=extra)
    after = _figures(settings, folder, sets) if extra is not None else {}
    summary: dict[str, Any] = {"version": result.version, "folder": str(folder),
                               **{k: v for k, v in result.figures.items() if k != "history"}}
    if extra is not None:
        summary.update({"corrections": len(extra), "before": before, "after": after})

    def text() -> str:
        lines = [f"sentiment model {result.version} saved to {folder}"]
        lines += [f"  {k}: {v}" for k, v in result.figures.items() if k != "history"]
        if extra is not None:
            lines.append(f"with {len(extra)} analyst corrections — before → after:")
            lines += [f"  {k}: {before[k]} → {after[k]}" for k in before]
        return "\n".join(lines)

    emit(as_json, summary, text)


def _bank_scorer_factory(settings: Settings, folder: Path | None = None) -> Any:
    """Builds hoax scorers over the shipped TurnBackHoax bank (embedded once into a scratch
    store, removed once the matcher holds the bank in memory), so training and the default
    evaluation do not depend on the analyst's store."""
    import tempfile

    from analysis.models.builtin import ENCODER_KEY
    from analysis.models.hoax import HoaxScorer
    from analysis.models.registry import builtin_encoder, load_claim_reader
    from analysis.signals.claim_bank import ensure_claim_bank
    from analysis.store.db import Store

    encoder = builtin_encoder(settings)
    with tempfile.TemporaryDirectory(prefix="pantau-bank-") as scratch:
        matcher = ensure_claim_bank(Store(Path(scratch) / "bank.duckdb"), encoder, ENCODER_KEY)
    reader = load_claim_reader(settings)

    def build(head: Any, combiner: Any, classifier: Any = None) -> HoaxScorer:
        return HoaxScorer(encoder, head, matcher, combiner, threshold=settings.hoax_threshold,
                          classifier=classifier, reader=reader)

    return build


@train.command("hoax")
@data_option
@out_option
@click.option("--finetune", is_flag=True,
              help="Fine-tune e5 with LoRA as the narrative classifier (installed in OUT/lora; "
                   "about an hour on a 2-core CPU) instead of a head on frozen embeddings.")
@click.option("--epochs", type=int, default=2, show_default=True,
              help="Fine-tuning epochs (with --finetune).")
@click.option("--reuse", is_flag=True,
              help="With --finetune: keep the classifier already in OUT/lora and refit only "
                   "the combination.")
@json_option
def train_hoax_cmd(data: str | None, out: str | None, finetune: bool, epochs: int,
                   reuse: bool, as_json: bool) -> None:
    """Fit the hoax narrative classifier (a head on frozen e5 embeddings, or with --finetune
    e5 fine-tuned with LoRA) and the combination of signals (classifier, claim match,
    provocation cues, coordination) on 80 % of data/hoax/hoax_news_train.csv; report ROC AUC
    and calibration on the held-out 20 %."""
    from analysis.models.registry import HOAX_HEAD_DIR, builtin_encoder
    from analysis.training.datasets import HOAX_TRAIN
    from analysis.training.finetune import HOAX_FINETUNE
    from analysis.training.hoax import train_hoax

    settings = load_settings()
    bar = Bar("Embedding training texts", not as_json)
    config = replace(HOAX_FINETUNE, epochs=epochs) if finetune else None
    result = train_hoax(builtin_encoder(settings), Path(out or HOAX_HEAD_DIR),
                        _bank_scorer_factory(settings), Path(data or HOAX_TRAIN), progress=bar,
                        finetune=config, encoder_dir=settings.encoder_dir,
                        log=(lambda _: None) if as_json else echo, reuse=reuse)
    bar.close()
    result["posts"] = _fit_combination(settings, Path(out or HOAX_HEAD_DIR))
    emit(as_json, result, lambda: (
        f"hoax head {result['head']} and combination {result['combiner']} saved\n"
        f"held-out ROC AUC: " + ", ".join(f"{k} {v}" for k, v in result["auc"].items())
        + "\nECE: " + ", ".join(f"{k} {v}" for k, v in result["ece"].items())
        + "\nweights: " + ", ".join(f"{k} {v:.3f}" for k, v in result["weights"].items())))


@train.command("combination")
@out_option
@json_option
def train_combination_cmd(out: str | None, as_json: bool) -> None:
    """Set the weights of the hoax score's signals on posts, not on the narratives: fitted on
    the tune part of data/hoax/claim_relations_eval.csv with its real posts (claims the reader
    never trained on), measured on the test part beside the weights it replaces; and measure
    the narrative classifier on narratives of topics it never saw. Writes OUT/combiner.json
    (default data/models/hoax). About 6 minutes on two CPU cores; `pantau train hoax` ends
    with it."""
    settings = load_settings()
    report = _fit_combination(settings, Path(out) if out else None)
    emit(as_json, report, lambda: "\n".join(
        [f"weights {report['weights']}, intercept {report['intercept']}",
         "narrative classifier ROC AUC, topics it never saw: "
         f"{report['narratives']['topic_holdout']['auc_topic_holdout']} (random split "
         f"{report['narratives']['topic_holdout']['auc_random_split']})"]
        + [f"{name} part: " + _posts_line(figures)
           for name, figures in report["posts"].items()]))


def _posts_line(figures: dict[str, Any]) -> str:
    return (f"{figures['n']} posts, {figures['hoax']} repeat a debunked claim; ROC AUC "
            + ", ".join(f"{k} {v}" for k, v in figures["auc"].items()) + "; flagged "
            + ", ".join(f"{k} {v:.1%}" for k, v in figures["flagged"].items()))


def _fit_combination(settings: Settings, folder: Path | None) -> dict[str, Any]:
    """Fit the combination on posts (:func:`analysis.training.hoax_posts.train_combination`)
    with the installed classifier, and save it in ``folder`` (default: the built-in one)."""
    from analysis.models.registry import (
        HOAX_HEAD_DIR,
        builtin_encoder,
        load_combiner,
        load_hoax_classifier,
        load_hoax_head,
    )
    from analysis.training.hoax import COMBINER_FILE
    from analysis.training.hoax_posts import topic_holdout_auc, train_combination
    from analysis.training.sentiment import load_hoax_narratives

    folder = folder or HOAX_HEAD_DIR
    narratives = load_hoax_narratives()
    embeddings = builtin_encoder(settings).embed(narratives["text"].tolist(), prefix="query: ")
    old = load_combiner(folder)
    scorer = _bank_scorer_factory(settings)(load_hoax_head(folder), old,
                                            load_hoax_classifier(settings, folder))
    heldout = old.card.get("heldout") or old.card.get("narratives", {}).get("heldout")
    combiner, report = train_combination(scorer, {
        "topic_holdout": topic_holdout_auc(embeddings, narratives["label"].to_numpy()),
        "heldout": heldout})
    combiner.save(folder / COMBINER_FILE)
    return report


@click.group()
def evaluate() -> None:
    """Measure a model on labelled data."""


@evaluate.command("sentiment")
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@click.option("--text-column", default=None, help="Column holding the text.")
@click.option("--label-column", default=None, help="Column holding the gold label.")
@click.option("--corrections", "use_corrections", is_flag=True,
              help="Evaluate on the analysts' corrections stored in --db instead of a file.")
@click.option("--predictions", type=click.Path(dir_okay=False), default=None,
              help="Write each row's text, gold and predicted label and probabilities here.")
@db_option
@json_option
def evaluate_sentiment_cmd(file: str | None, text_column: str | None, label_column: str | None,
                           use_corrections: bool, predictions: str | None, db: str | None,
                           as_json: bool) -> None:
    """Macro-F1, per-class F1, confusion matrix and calibration error (ECE) of the configured
    sentiment model on FILE (any CSV/TSV/XLSX with a text and a label column; default: SmSA
    valid) or on the stored corrections."""
    from analysis.models.registry import load_sentiment
    from analysis.training.datasets import SMSA_VALID, load_sentiment_file
    from analysis.training.sentiment import evaluate_sentiment

    settings = settings_for(db)
    if use_corrections and file:
        raise click.UsageError("Give FILE or --corrections, not both")
    if use_corrections:
        from analysis.store.db import open_store

        source, data = f"corrections in {open_store(settings)}", _corrections(settings)
    else:
        path = Path(file) if file else SMSA_VALID
        source, data = str(path), load_sentiment_file(path, text_column, label_column)
    scorer = load_sentiment(settings)
    bar = Bar("Scoring", not as_json)
    result = evaluate_sentiment(scorer, data, progress=bar)
    bar.close()
    if predictions:
        Path(predictions).parent.mkdir(parents=True, exist_ok=True)
        result.predictions.to_csv(predictions, index=False)
    summary = {"file": source, "model": f"{scorer.model_id}@{scorer.model_version}",
               **result.as_dict(), **({"predictions": predictions} if predictions else {})}
    emit(as_json, summary, lambda: f"{source} — {summary['model']}\n{result.as_text()}"
         + (f"\npredictions written to {predictions}" if predictions else ""))


@evaluate.command("hoax")
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@click.option("--text-column", default=None, help="Column holding the text.")
@click.option("--label-column", default=None, help="Column holding the label (1 = hoax).")
@click.option("--predictions", type=click.Path(dir_okay=False), default=None,
              help="Write each row's text, gold label, combined score and signals here.")
@click.option("--no-matching", is_flag=True,
              help="Skip re-measuring claim matching on its evaluation set (faster).")
@click.option("--posts", is_flag=True,
              help="Measure on posts instead: the test part of "
                   "data/hoax/claim_relations_eval.csv with its real posts (what share of "
                   "repeats, same-topic true statements, denials and real posts is flagged).")
@json_option
def evaluate_hoax_cmd(file: str | None, text_column: str | None, label_column: str | None,
                      predictions: str | None, no_matching: bool, posts: bool,
                      as_json: bool) -> None:
    """ROC AUC and calibration of the combined hoax score and of each signal alone on FILE (any
    CSV with a text and a 0/1 label column; default: the held-out 20 % of the narratives), and
    recall@5 and precision of claim matching on the test half of its evaluation set."""
    from analysis.models.registry import (
        builtin_encoder,
        load_combiner,
        load_hoax_classifier,
        load_hoax_head,
    )
    from analysis.training.hoax import (
        evaluate_hoax,
        heldout_narratives,
        load_hoax_file,
        matching_figures,
    )

    settings = load_settings()
    if posts:
        _evaluate_on_posts(settings, as_json)
        return
    source = file or "held-out 20 % of data/hoax/hoax_news_train.csv"
    data = load_hoax_file(Path(file), text_column, label_column) if file \
        else heldout_narratives()
    combiner = load_combiner()
    scorer = _bank_scorer_factory(settings)(load_hoax_head(), combiner,
                                            load_hoax_classifier(settings))
    bar = Bar("Scoring", not as_json)
    figures, rows = evaluate_hoax(scorer, data, combiner, progress=bar)
    bar.close()
    matching = {} if no_matching else matching_figures(scorer.matcher,
                                                       builtin_encoder(settings))
    if predictions:
        Path(predictions).parent.mkdir(parents=True, exist_ok=True)
        rows.to_csv(predictions, index=False)
    summary = {"file": source, "model": f"{scorer.model_id}@{scorer.model_version}",
               **figures.as_dict(), "matching": matching}
    emit(as_json, summary, lambda: "\n".join(
        [f"{source} — {summary['model']}", figures.as_text()]
        + ([("claim matching (test half of data/hoax/claim_match_eval.csv): "
             + ", ".join(f"{k} {v}" for k, v in matching.items()))] if matching else [])))


def _evaluate_on_posts(settings: Settings, as_json: bool) -> None:
    """``pantau evaluate hoax --posts``: the installed hoax score on the test part's posts."""
    from analysis.models.registry import load_combiner, load_hoax_classifier, load_hoax_head
    from analysis.training.hoax_posts import post_figures, signals_on_posts

    combiner = load_combiner()
    scorer = _bank_scorer_factory(settings)(load_hoax_head(), combiner,
                                            load_hoax_classifier(settings))
    rows, signals = signals_on_posts(scorer, "test")
    figures = post_figures(signals, rows, combiner, scorer.threshold).as_dict()
    summary = {"file": "test part of data/hoax/claim_relations_eval.csv with real posts",
               "model": f"{scorer.model_id}@{scorer.model_version}", **figures}
    emit(as_json, summary, lambda: f"{summary['file']} — {summary['model']}\n"
         + _posts_line(figures))


@click.command("correct")
@click.argument("doc_id")
@click.option("--label", required=True, help="The right label (positive/neutral/negative, "
                                             "or hoax/not_hoax with --task hoax).")
@click.option("--task", type=click.Choice([task.value for task in Task]),
              default=Task.SENTIMENT.value, show_default=True)
@click.option("--analyst", required=True, help="Who makes the correction (kept in the audit "
                                               "trail).")
@click.option("--note", default=None, help="Why, in a few words.")
@db_option
def correct(doc_id: str, label: str, task: str, analyst: str, note: str | None,
            db: str | None) -> None:
    """Correct the label of document DOC_ID; the correction is kept with who and when."""
    from analysis.models.labels import canonical_label
    from analysis.store.corrections import add_correction
    from analysis.store.db import open_store

    settings = settings_for(db)
    value = (canonical_label(label) or label) if task == Task.SENTIMENT else label
    add_correction(open_store(settings), doc_id, task, value, analyst, note)
    echo(f"{doc_id}: {task} set to {value} by {analyst}")
