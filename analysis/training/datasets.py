"""Labelled files for training and evaluation: SmSA-style TSVs or any CSV with text and label."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd

from analysis.errors import DatasetError
from analysis.models.labels import canonical_label
from analysis.settings import DATA_DIR

SMSA_TRAIN = DATA_DIR / "sentiment" / "smsa_train.tsv"
SMSA_VALID = DATA_DIR / "sentiment" / "smsa_valid.tsv"
HOAX_TRAIN = DATA_DIR / "hoax" / "hoax_news_train.csv"

TEXT_NAMES = ["text", "teks", "content", "isi", "komentar", "comment", "full_text", "tweet",
              "caption", "kalimat", "sentence", "review", "ulasan", "narasi", "clean_text"]
LABEL_NAMES = ["label", "sentiment", "sentimen", "sentiment_label", "kelas", "class",
               "polarity", "polaritas", "gold", "target"]


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _find(columns: list[str], candidates: list[str], wanted: str | None, kind: str,
          path: Path) -> str:
    if wanted:
        if wanted not in columns:
            raise DatasetError(f"{path}: no column {wanted!r}; columns are {', '.join(columns)}")
        return wanted
    keys = {_key(c): c for c in columns}
    for candidate in candidates:
        if _key(candidate) in keys:
            return keys[_key(candidate)]
    raise DatasetError(
        f"{path}: no {kind} column found among {', '.join(columns)}. "
        f"Name it with --{kind}-column COLUMN"
    )


def read_table(path: Path) -> pd.DataFrame:
    """A labelled table; a two-column TSV without header (SmSA layout) gets text, label."""
    if not path.exists():
        raise DatasetError(f"{path} does not exist")
    try:
        if path.suffix.lower() == ".tsv":
            first = path.read_text(encoding="utf-8-sig").split("\n", 1)[0].split("\t")
            if len(first) == 2 and canonical_label(first[1]) is not None:
                return pd.read_csv(path, sep="\t", header=None, names=["text", "label"],
                                   dtype=str, quoting=csv.QUOTE_NONE, keep_default_na=False)
            return pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
        if path.suffix.lower() in (".xlsx", ".xls"):
            return pd.read_excel(path, dtype=str).fillna("")
        return pd.read_csv(path, dtype=str, keep_default_na=False, sep=None, engine="python",
                           encoding="utf-8-sig")
    except (ValueError, UnicodeDecodeError, csv.Error) as error:
        raise DatasetError(f"Cannot read {path}: {error}") from error


def load_sentiment_file(path: Path, text_column: str | None = None,
                        label_column: str | None = None) -> pd.DataFrame:
    """Rows of (text, label) with labels mapped to negative/neutral/positive.

    A row whose label cannot be mapped is an error naming the values, never silently dropped.
    """
    table = read_table(path)
    columns = list(table.columns)
    text = _find(columns, TEXT_NAMES, text_column, "text", path)
    label = _find(columns, LABEL_NAMES, label_column, "label", path)
    frame = pd.DataFrame({"text": table[text].astype(str), "raw": table[label].astype(str)})
    frame["label"] = frame["raw"].map(canonical_label)
    bad = frame[frame["label"].isna()]
    if len(bad):
        values = ", ".join(repr(v) for v in bad["raw"].unique()[:8])
        raise DatasetError(
            f"{path}: {len(bad)} row(s) have a label Pantau cannot map to positive, neutral or "
            f"negative ({values}); first at data row {int(bad.index[0]) + 1}. Use positive/"
            "neutral/negative (or positif/netral/negatif)."
        )
    empty = frame["text"].str.strip() == ""
    if empty.any():
        raise DatasetError(f"{path}: {int(empty.sum())} row(s) have an empty text")
    return frame[["text", "label"]].reset_index(drop=True)
