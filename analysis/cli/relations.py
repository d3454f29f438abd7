"""``pantau train claims`` and ``pantau evaluate claims``: the claim reader and how well claim
matching holds on hand-written posts (:mod:`analysis.training.relations`,
:mod:`analysis.training.relation_eval`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from analysis.cli.common import echo, emit, json_option
from analysis.settings import load_settings
from analysis.vocabulary import Verdict


@click.command("claims")
@click.option("--out", type=click.Path(file_okay=False), default=None,
              help="Model folder to write (default: data/models/claim_reader).")
@click.option("--limit", type=click.IntRange(0), default=0,
              help="Train on this many pairs only, one epoch (a quick check; 0 = all).")
@click.option("--layers", type=click.IntRange(0, 12), default=0,
              help="Keep the encoder's first N layers only (0 = all 12). The cheaper reader "
                   "(PANTAU_CLAIM_READER=fast) is --layers 8 --out "
                   "data/models/claim_reader_fast.")
@json_option
def train_claims_cmd(out: str | None, limit: int, layers: int, as_json: bool) -> None:
    """Train the claim reader (a cross-encoder on the built-in encoder that reads a post and a
    bank claim together: repeats, denies, same topic or unrelated) on pairs built from the bank,
    with the hand-written posts of the evaluation set's train part, leaving out every claim of its
    tune and test parts; then fit its cocok/mirip thresholds on the tune part and report tune
    and test. About an hour on two CPU cores (50 minutes with --layers 8)."""
    from analysis.models.registry import READER_DIR, builtin_encoder
    from analysis.training.relations import build_reader

    folder = Path(out) if out else READER_DIR
    log = (lambda _: None) if as_json else (lambda m: echo(m, err=True))
    report = build_reader(builtin_encoder(load_settings()), folder, log=log, limit=limit,
                          layers=layers)
    emit(as_json, report, lambda: _table(report["evaluation"]["test"], "test part")
         + f"\nthresholds: {report['thresholds']}\nsaved in {folder}")


@click.command("claims")
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--split", type=click.Choice(["test", "tune", "train", "all"]), default="test",
              show_default=True, help="Which part of the committed set to measure.")
@click.option("--no-reader", is_flag=True,
              help="Retrieval and similarity gate only, as without the claim reader.")
@json_option
def evaluate_claims_cmd(file: str | None, split: str, no_reader: bool, as_json: bool) -> None:
    """Claim matching on hand-written posts: retrieval recall@1/5/50, recall after reading,
    cocok precision, and how often same-topic true statements, denials and unrelated posts are
    flagged, per style of writing; the tune and test parts add 400 real posts each (demo
    tweets and comments, SmSA reviews; never trained on) as real_posts. FILE: any CSV with
    columns text and claim (relation and style optional; claims the bank lacks are added for
    the measurement); default: the committed set (data/hoax/claim_relations_eval.csv)."""
    from analysis.models.registry import builtin_encoder, load_claim_reader
    from analysis.signals.claim_files import DEFAULT_BANK, read_turnbackhoax
    from analysis.training.relation_eval import (
        bank_matcher,
        evaluation_rows,
        figures,
        outcomes,
        read_pairs,
        read_relation_set,
    )

    settings = load_settings()
    encoder, bank = builtin_encoder(settings), read_turnbackhoax(DEFAULT_BANK)
    if file:
        rows, bank = read_pairs(Path(file), bank)
    else:
        rows = evaluation_rows(read_relation_set(), split)
    reader = None if no_reader else load_claim_reader(settings)
    report = figures(outcomes(rows, bank_matcher(bank, encoder), encoder, reader))
    report["reader"] = reader.version if reader is not None else None
    emit(as_json, report, lambda: _table(report, Path(file).name if file else f"{split} part"))


def _table(report: dict[str, Any], name: str) -> str:
    """The figures for a reader."""
    r, c = report["retrieval"], report[Verdict.COCOK]
    lines = [f"{name}: {report['rows']} texts, {report['repeats']} repeat a bank claim",
             f"  retrieval recall@1 {r['recall_at_1']}  @5 {r['recall_at_5']}  "
             f"@50 {r['recall_at_50']}",
             f"  after reading recall@1 {report['recall_at_1']}  @5 {report['recall_at_5']}",
             f"  cocok: precision {c['precision']}, recall {c['recall']}",
             f"  denials linked to their claim: {report['denials_linked']}"]
    for relation, found in report["negatives"].items():
        lines.append(f"  {relation}: {found['rows']} texts, false cocok {found['false_cocok']},"
                     f" flagged at all {found['false_flagged']}")
    lines.append("  by style (recall@1 / cocok): " + ", ".join(
        f"{style} {v['recall_at_1']}/{v['cocok']}" for style, v in report["by_style"].items()))
    return "\n".join(lines)
