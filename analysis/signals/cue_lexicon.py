"""The cue lexicon: reading and validating the CSV, compiling it once, and the context rules
that drop a hit where the words around it change its meaning.

The lexicon (``data/lexicons/provocation.csv``, editable) has the columns
``id,category,kind,pattern,weight,description_id,description_en``. Categories:
``ajakan_sebar`` (calls to spread), ``desakan`` (urgency, fear), ``sumber_kabur``
(unverifiable sources), ``religius_emosional`` (religious or emotional pressure),
``clickbait`` and ``otoritas_palsu`` (authority named without proof; weak, low weights,
because genuine quotes look the same). Weights are in (0, 1]: about 0.5 for an explicit demand
to spread or a "before it is deleted" warning, 0.3 for typical cues, 0.1-0.2 for weak ones.

``kind=phrase``: see :mod:`analysis.signals.cue_phrases`. A phrase made only of words in
capitals is ignored in a text that is mostly capitals, where capitals stress nothing
(``tipografi.kapital_dominan`` reports that text).

``kind=regex``: a Python regular expression, used as written (so case-sensitive unless it says
``(?i)``). Each regex row is tried on every text, so keep them few; a phrase is only tried on
texts holding one of its words, which is what keeps 100,000 texts fast.

Context rules (why "Polisi menyebarkan informasi" has no cue): the call to spread is the
imperative, the bare ``-kan``/``-in`` form; whole-word matching leaves out the descriptive
"menyebarkan" and "disebarkan". Then a lexicon hit is dropped when, in the same clause, one of
the two words before it is a negation ("jangan sebarkan hoaks", "stop share") that is not a
double one ("jangan lupa sebarkan"); a call to spread right after a separate "di" ("sudah di
sebarkan") is a misspelt passive and is dropped unless a polite imperative comes first ("mohon
di sebarkan"); an ``otoritas_palsu`` hit is dropped when the text carries a link, because a
link lets the reader check the claim.

:attr:`CueLexicon.version` hashes the CSV together with the rules in code, so stored scores
can be recomputed when either changes.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from analysis.errors import DatasetError
from analysis.settings import DATA_DIR
from analysis.signals.cue_phrases import (
    SPELLINGS,
    all_capitals,
    parse_phrase,
    phrase_regex,
    squeeze,
    trigger_words,
)
from analysis.signals.cue_typography import (
    CAPS_RUN_WORDS,
    CAPS_TEXT_MIN_LETTERS,
    CAPS_TEXT_SHARE,
    CAPS_WORD_LETTERS,
    EXCLAIM_MIN,
    SIRENS_MIN,
    TYPO_CATEGORY,
    TYPO_RULES,
    Cue,
    TypoRule,
    mostly_capitals,
    unlinked,
)

DEFAULT_LEXICON = DATA_DIR / "lexicons" / "provocation.csv"
RULES_VERSION = "1"  # bump when the matching code changes; the tables below are hashed as they are
COLUMNS = ("id", "category", "kind", "pattern", "weight", "description_id", "description_en")
CATEGORIES = (
    "ajakan_sebar",
    "desakan",
    "sumber_kabur",
    "religius_emosional",
    "clickbait",
    "otoritas_palsu",
)
NEGATIONS = frozenset({
    "jangan", "jgn", "jngn", "janganlah", "tidak", "tdk", "gak", "ga", "gk", "nggak", "ngga",
    "enggak", "engga", "tak", "bukan", "stop", "berhenti", "hindari", "hindarilah", "dilarang",
    "don't", "dont", "never", "not",
})
DOUBLE_NEGATIONS = frozenset({"lupa", "ragu", "takut", "malu", "segan", "sungkan"})
POLITE = frozenset({
    "tolong", "tlg", "mohon", "mhn", "harap", "silakan", "silahkan", "ayo", "yuk", "ayuk", "bantu",
    "wajib",
})
_RULES_FINGERPRINT = repr(
    (RULES_VERSION, SPELLINGS, TYPO_RULES, CAPS_RUN_WORDS, CAPS_WORD_LETTERS, CAPS_TEXT_SHARE,
     CAPS_TEXT_MIN_LETTERS, EXCLAIM_MIN, SIRENS_MIN, sorted(NEGATIONS), sorted(DOUBLE_NEGATIONS),
     sorted(POLITE))
)

_ID = re.compile(r"[a-z0-9_]+(?:\.[a-z0-9_]+)*")
_TOKEN = re.compile(r"\w+")
_LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.,;:!?\n]")
_WORDS = re.compile(r"[\w'’]+")


@dataclass(frozen=True)
class CueEntry:
    """One lexicon row."""

    id: str
    category: str
    kind: str
    pattern: str
    weight: float
    description_id: str
    description_en: str

    def cue(self, text: str, start: int, end: int) -> Cue:
        return Cue(self.id, self.category, text[start:end], start, end, self.weight,
                   self.description_id, self.description_en)


@dataclass(frozen=True)
class _Branch:
    """One phrase alternative or one regex row, compiled once."""

    pattern: re.Pattern[str]
    entry: CueEntry
    shouted: bool = False


@dataclass(frozen=True)
class CueLexicon:
    """The validated lexicon, compiled once. A phrase alternative is tried only on texts that
    contain one of its trigger words (the forms of its longest required word), so most texts
    cost a few set operations; regex rows are tried on every text."""

    entries: tuple[CueEntry, ...]
    version: str
    source: str
    _branches: tuple[_Branch, ...] = field(repr=False, compare=False)
    _triggers: dict[str, tuple[int, ...]] = field(repr=False, compare=False)
    _always: tuple[int, ...] = field(repr=False, compare=False)

    @classmethod
    def load(cls, path: Path = DEFAULT_LEXICON) -> CueLexicon:
        """Read and validate a lexicon CSV; a bad row raises :class:`DatasetError` naming it."""
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise DatasetError(f"Cannot read the cue lexicon {path}: {error}") from error
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise DatasetError(f"The cue lexicon {path} is not UTF-8: {error}") from error
        entries = _parse(text, str(path))
        digest = hashlib.sha256(_RULES_FINGERPRINT.encode() + b"\0" + text.encode()).hexdigest()
        branches, triggers, always = _compile(entries)
        return cls(entries, digest[:16], str(path), branches, triggers, always)

    def describe(self, cue_id: str) -> tuple[str, str]:
        """Indonesian and English description of a cue id, for cues read back from the store;
        an id the lexicon no longer has gets empty strings."""
        rules: list[CueEntry | TypoRule] = [*self.entries, *TYPO_RULES]
        found = next((rule for rule in rules if rule.id == cue_id), None)
        return (found.description_id, found.description_en) if found else ("", "")

    def lexical_cues(self, text: str) -> list[Cue]:
        """Phrase and regex hits that survive the context rules, possibly overlapping."""
        words = self._triggers.keys() & _TOKEN.findall(squeeze(text.lower()))
        chosen = set(self._always).union(*(self._triggers[w] for w in words))
        found: list[Cue] = []
        shouting: bool | None = None
        for index in sorted(chosen):
            branch = self._branches[index]
            if branch.shouted:
                if shouting is None:
                    shouting = mostly_capitals(unlinked(text))
                if shouting:
                    continue
            for match in branch.pattern.finditer(text):
                start, end = match.span()
                if end > start and not _blocked(branch.entry, text, start):
                    found.append(branch.entry.cue(text, start, end))
        return found


def _parse(text: str, source: str) -> tuple[CueEntry, ...]:
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise DatasetError(
            f"The cue lexicon {source} lacks the column(s) {missing}; "
            f"its header must be: {','.join(COLUMNS)}"
        )
    entries: list[CueEntry] = []
    seen: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if None in row:
            raise DatasetError(
                f"{source}, line {line}: more fields than the header; put a pattern or "
                'description that holds a comma in double quotes ("a{0,3}b")'
            )
        if not any((value or "").strip() for value in row.values()):
            continue
        entry = _entry(row, f"{source}, line {line}")
        if entry.id in seen:
            raise DatasetError(
                f"{source}, line {line}: the id {entry.id!r} is already used on line "
                f"{seen[entry.id]}; every cue needs its own id"
            )
        seen[entry.id] = line
        entries.append(entry)
    if not entries:
        raise DatasetError(f"The cue lexicon {source} has no rows")
    return tuple(entries)


def _entry(row: dict[str, str | None], where: str) -> CueEntry:
    value = {c: (row.get(c) or "").strip() for c in COLUMNS}
    if not _ID.fullmatch(value["id"]) or value["id"].startswith(TYPO_CATEGORY):
        raise DatasetError(
            f"{where}: id {value['id']!r} must be lower-case letters, digits, '_' and '.', "
            f"and not start with {TYPO_CATEGORY!r} (reserved for the rules in code)"
        )
    if value["category"] not in CATEGORIES:
        raise DatasetError(
            f"{where}: unknown category {value['category']!r}; use one of {', '.join(CATEGORIES)}"
        )
    try:
        weight = float(value["weight"])
    except ValueError:
        weight = math.nan
    if not 0.0 < weight <= 1.0:
        raise DatasetError(f"{where}: weight {value['weight']!r} must be a number in (0, 1]")
    for column in ("pattern", "description_id", "description_en"):
        if not value[column]:
            raise DatasetError(f"{where}: the column {column!r} is empty")
    _check_pattern(value["kind"], value["pattern"], where)
    return CueEntry(value["id"], value["category"], value["kind"], value["pattern"], weight,
                    value["description_id"], value["description_en"])


def _check_pattern(kind: str, pattern: str, where: str) -> None:
    if kind == "phrase":
        for alternative in pattern.split("|"):
            try:
                parse_phrase(alternative.strip())
            except ValueError as error:
                raise DatasetError(f"{where}: phrase {alternative.strip()!r}: {error}") from None
    elif kind == "regex":
        try:
            compiled = re.compile(pattern)
        except re.error as error:
            raise DatasetError(f"{where}: invalid regex {pattern!r}: {error}") from error
        if compiled.match("") is not None:
            raise DatasetError(f"{where}: regex {pattern!r} matches the empty text")
    else:
        raise DatasetError(f"{where}: unknown kind {kind!r}; use 'phrase' or 'regex'")


def _compile(
    entries: tuple[CueEntry, ...],
) -> tuple[tuple[_Branch, ...], dict[str, tuple[int, ...]], tuple[int, ...]]:
    branches: list[_Branch] = []
    triggers: dict[str, list[int]] = {}
    always: list[int] = []
    for entry in entries:
        if entry.kind == "regex":
            always.append(len(branches))
            branches.append(_Branch(re.compile(entry.pattern), entry))
            continue
        for alternative in entry.pattern.split("|"):
            slots = parse_phrase(alternative.strip())
            for key in trigger_words(slots):
                triggers.setdefault(key, []).append(len(branches))
            shouted = all_capitals(slots)
            branches.append(_Branch(re.compile(phrase_regex(slots)), entry, shouted))
    return tuple(branches), {k: tuple(v) for k, v in triggers.items()}, tuple(always)


def _blocked(entry: CueEntry, text: str, start: int) -> bool:
    """The context rules of the module docstring: negation, separated passive, linked authority."""
    if entry.category == "otoritas_palsu" and _LINK.search(text):
        return True
    before = text[max(0, start - 60):start]
    clause = _CLAUSE_END.split(before)[-1]
    words = [w.lower() for w in _WORDS.findall(clause)[-3:]]
    if entry.category == "ajakan_sebar" and words[-1:] == ["di"]:
        return len(words) < 2 or words[-2] not in POLITE
    nearest = [w.replace("’", "'") for w in words[-2:]] + [""]
    return any(
        word in NEGATIONS and following not in DOUBLE_NEGATIONS
        for word, following in zip(nearest, nearest[1:], strict=False)
    )


def default_lexicon() -> CueLexicon:
    """The shipped lexicon, reloaded when the file changes on disk."""
    try:
        stat = DEFAULT_LEXICON.stat()
    except OSError as error:
        raise DatasetError(f"The cue lexicon {DEFAULT_LEXICON} is missing: {error}") from error
    return _load_cached(str(DEFAULT_LEXICON), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=2)
def _load_cached(path: str, mtime_ns: int, size: int) -> CueLexicon:
    return CueLexicon.load(Path(path))
