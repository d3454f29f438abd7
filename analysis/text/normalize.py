"""Normalising informal Indonesian before the sentiment model reads it.

Social comments write "gak", "yg", "bgt", stretch words ("mantaaap"), tag people and paste links.
``informal_to_standard`` maps them to the forms the model saw most in training:

* links become ``http`` and mentions ``@user`` (their content says nothing about sentiment and
  would only split into many rare tokens);
* a hashtag keeps its words (``#PolriPresisi`` → ``polri presisi``);
* a letter repeated three or more times becomes one (``bagusss`` → ``bagus``), a word repeated
  with a ``2`` is spelled out (``hati2`` → ``hati-hati``);
* known slang and abbreviations are replaced, case-insensitively, from two dictionaries: Pantau's
  own (``data/lexicons/slang_id.csv``, common social-media forms) first, then the 1,300-pair
  dictionary of the PyPI package ``indo-normalizer`` (MIT; one-letter entries such as "m" →
  "sama" are left out as too ambiguous).

Emoji and punctuation stay: they carry sentiment and the tokenizer knows them.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from analysis.errors import ModelError
from analysis.settings import DATA_DIR

SLANG_FILE = DATA_DIR / "lexicons" / "slang_id.csv"
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_MENTION = re.compile(r"(?<![\w@])@\w{1,30}")
_HASHTAG = re.compile(r"(?<![\w#])#(\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=[0-9])")
_STRETCH = re.compile(r"([a-zA-Z])\1{2,}")
_REDUP = re.compile(r"\b([a-zA-Z]{2,})2\b")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'-]*")
_SHORTCODE = re.compile(r":(?=[a-z0-9_+-]*[a-z])[a-z0-9_+-]{2,}:", re.IGNORECASE)


def without_shortcodes(text: str) -> str:
    """The text without emoji shortcodes (``:face-blue-smiling:``, ``:thumbs_up:``), which
    YouTube and Discord exports write for custom emoji: they are no words of the post."""
    return _SHORTCODE.sub(" ", text)


def _read_pairs(path: Path | None, text: str | None = None) -> dict[str, str]:
    lines = text.splitlines() if text is not None else path.read_text("utf-8").splitlines()  # type: ignore[union-attr]
    pairs: dict[str, str] = {}
    for row in csv.reader(lines):
        if len(row) >= 2 and row[0] and row[0] != "slang":
            slang, formal = row[0].strip().lower(), row[1].strip().lower()
            if slang and formal and slang != formal:
                pairs.setdefault(slang, formal)
    return pairs


@lru_cache(maxsize=1)
def slang_map() -> dict[str, str]:
    """Slang → standard form: Pantau's lexicon first, then indo-normalizer's dictionary."""
    pairs = _read_pairs(SLANG_FILE)
    try:
        corpus = resources.files("indo_normalizer").joinpath("corpus/slangs.csv")
        bundled = corpus.read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as error:
        raise ModelError(
            "The slang dictionary of indo-normalizer is missing; the sentiment model was trained "
            "with it. Install it with `pip install indo-normalizer==1.2.0` (or `make run`)."
        ) from error
    for slang, formal in _read_pairs(None, bundled).items():
        if " " not in slang and len(slang) > 1:
            pairs.setdefault(slang, formal)
    return pairs


def _hashtag_words(match: re.Match[str]) -> str:
    return _CAMEL.sub(" ", match.group(1)).replace("_", " ").lower()


def informal_to_standard(text: str) -> str:
    """The text with links, mentions, stretched letters and slang normalised (see module doc)."""
    mapping = slang_map()
    text = _URL.sub("http", text)
    text = _MENTION.sub("@user", text)
    text = _HASHTAG.sub(_hashtag_words, text)
    text = _STRETCH.sub(r"\1", text)
    text = _REDUP.sub(lambda m: f"{m.group(1)}-{m.group(1)}", text)

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        return mapping.get(word.lower(), word)

    return _WORD.sub(swap, text)
