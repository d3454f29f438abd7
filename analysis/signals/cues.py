"""Provocation and clickbait cues: one signal of the hoax score that shows its evidence.

A cue is a stretch of text that pushes the reader to spread, fear, trust or click without a
checkable source ("SEBARKAN!!!", "dari grup sebelah", "katakan amin", "BREAKING"). Each
:class:`Cue` keeps the exact span it matched, so the dashboard can highlight the words and say
why they count. Cues are weak evidence on their own: honest posts shout too. They explain a
hoax score, they do not make one.

The lexicon (``data/lexicons/provocation.csv``, editable) has the columns
``id,category,kind,pattern,weight,description_id,description_en``. Categories:
``ajakan_sebar`` (calls to spread), ``desakan`` (urgency, fear), ``sumber_kabur``
(unverifiable sources), ``religius_emosional`` (religious or emotional pressure),
``clickbait`` and ``otoritas_palsu`` (authority named without proof; weak, low weights,
because genuine quotes look the same). Weights are in (0, 1]: about 0.5 for an explicit demand
to spread or a "before it is deleted" warning, 0.3 for typical cues, 0.1-0.2 for weak ones.

``kind=phrase``: words separated by single spaces, ``|`` between alternatives, ``a/b`` for a
word with options, ``(a)`` for an optional word (never the last), ``#`` for a number. A phrase
matches whole words, ignoring case, with the tolerance informal writing needs:

* any letter may be stretched ("sebarkaaan");
* a word ending in ``-kan`` also matches ``-in`` and ``X kan`` ("sebarin", "viral kan");
* a ``di-`` word may be written apart ("di sebarkan", "di hapus");
* a hyphenated word also matches without the hyphen or with ``2`` ("hati2", "sebanyak2nya");
* the short spellings in :data:`SPELLINGS` ("yg" for "yang", "gak" for "tidak").

A word written in CAPITALS matches capitals only: "VIRAL" or "BREAKING" is a label, "viral" in
a sentence is not. A phrase made only of such words is ignored in a text that is mostly
capitals, where capitals stress nothing (``tipografi.kapital_dominan`` reports that text).

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

Typographic rules (category ``tipografi``), computed in code and listed in :data:`TYPO_RULES`:

* ``tipografi.kapital_beruntun`` (0.2): a run of capitals with at least 3 words of 3+ letters,
  outside other cues, links, mentions and hashtags (so "TNI POLRI" is not a run);
* ``tipografi.kapital_dominan`` (0.3): the text is mostly capitals (70 % of 20+ letters); its
  runs are reported under this id instead, or its longest run when none has 3 long words;
* ``tipografi.seru_beruntun`` (0.15): 3+ exclamation marks in a row, or "!!1";
* ``tipografi.tanya_seru`` (0.15): mixed "?!" runs, one of 3+ marks or at least two of them;
* ``tipografi.emoji_peringatan`` (0.2): 3+ siren and warning emoji (🚨 ⚠️ ‼️ ❗ 📢 ...).

Overlaps: cues never overlap. Lexicon hits come first (of two that overlap the heavier wins,
then the longer, then the earlier), then punctuation and emoji, then capital runs in what is
left. :func:`find_cues` returns them in text order.

Score: ``cue_score = 1 - prod(1 - w)`` over distinct cue ids (a noisy-OR), in [0, 1]. Repeating
one cue adds nothing, every new cue raises the score, and weak cues stay weak together (three
cues of 0.15 give 0.39).

:attr:`CueLexicon.version` hashes the CSV together with the rules in code, so stored scores
can be recomputed when either changes.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.errors import DatasetError
from analysis.settings import DATA_DIR

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
TYPO_CATEGORY = "tipografi"
SPELLINGS: dict[str, tuple[str, ...]] = {
    "yang": ("yg", "yng"),
    "jangan": ("jgn", "jngn", "jgan"),
    "sampai": ("sampe", "smpe", "smpai", "ampe"),
    "tidak": ("tdk", "gak", "ga", "gk", "nggak", "ngga", "enggak", "engga", "ndak", "tak"),
    "dari": ("dr",),
    "semua": ("smua", "smw"),
    "sudah": ("udah", "udh", "sdh"),
    "kepada": ("kpd",),
    "teman": ("temen", "tmn"),
    "grup": ("group", "grub", "grp"),
    "orang": ("org",),
    "tolong": ("tlg", "tlng"),
    "mohon": ("mhn",),
    "silakan": ("silahkan",),
    "sebelum": ("sblm", "sebelom"),
    "dengar": ("denger",),
    "info": ("inpo",),
    "dihapus": ("diapus",),
    "amin": ("amien",),
    "berita": ("brita",),
    "dapat": ("dapet", "dpt", "dpet"),
}


@dataclass(frozen=True)
class TypoRule:
    """A typographic rule implemented in code; weights and wording are listed here."""

    id: str
    weight: float
    description_id: str
    description_en: str


CAPS_RUN = TypoRule(
    "tipografi.kapital_beruntun", 0.2,
    "Deretan kata kapital (3 kata atau lebih)", "A run of words in capitals (3 or more)",
)
CAPS_TEXT = TypoRule(
    "tipografi.kapital_dominan", 0.3,
    "Teks hampir seluruhnya huruf kapital", "Text written almost entirely in capitals",
)
EXCLAIM = TypoRule(
    "tipografi.seru_beruntun", 0.15,
    "Tanda seru beruntun (!!! atau !!1)", "Repeated exclamation marks (!!! or !!1)",
)
INTERROBANG = TypoRule(
    "tipografi.tanya_seru", 0.15,
    "Campuran tanda tanya dan seru berulang (?!?!)",
    "Repeated mixed question and exclamation marks (?!?!)",
)
SIRENS = TypoRule(
    "tipografi.emoji_peringatan", 0.2,
    "Banyak emoji sirene/peringatan", "Many siren or warning emoji",
)
TYPO_RULES = (CAPS_RUN, CAPS_TEXT, EXCLAIM, INTERROBANG, SIRENS)
CAPS_RUN_WORDS, CAPS_WORD_LETTERS = 3, 3
CAPS_TEXT_SHARE, CAPS_TEXT_MIN_LETTERS = 0.7, 20
EXCLAIM_MIN, SIRENS_MIN = 3, 3
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
_OPTION = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_STRETCH = re.compile(r"([a-z])\1+")
# Frequent words make poor triggers: a speed hint only, matching is the same without it.
_COMMON = frozenset({
    "ada", "orang", "bukan", "banyak", "dalam", "baca", "harus", "like", "dapat", "bikin", "lain",
    "kamu", "anda", "kata", "menurut", "seluruh", "semua", "yang", "tidak", "dari", "ke", "di",
    "ini", "itu", "info", "dan", "untuk", "jika", "kalau", "sudah", "akan", "bisa", "mau", "saya",
    "aku", "kita", "pas", "komen", "bilang", "semoga", "percaya", "penting", "segera", "keluarga",
    "teman", "hati", "polri", "negeri",
})
_TOKEN = re.compile(r"\w+")
_LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_LINK_OR_TAG = re.compile(r"(?:https?://|www\.)\S+|(?<![\w@])@\w+|(?<![\w#])#\w+", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.,;:!?\n]")
_WORDS = re.compile(r"[\w'’]+")
_CAPS_RUN = re.compile(r"(?<![A-Za-z])[A-Z]+(?:[^A-Za-z\n]+[A-Z]+)*(?![A-Za-z])")
_LONG_CAPS = re.compile(f"[A-Z]{{{CAPS_WORD_LETTERS},}}")
_UPPER, _LOWER = re.compile(r"[A-Z]"), re.compile(r"[a-z]")
_MARKS = re.compile(r"[!?！？]+(?:1+[!?！？]+)*1*")
_SIREN_SET = "🚨⚠‼⁉❗❕📢📣🆘⛔"
_SIREN = re.compile(f"[{_SIREN_SET}]\ufe0f?")
_SIREN_RUN = re.compile(f"[{_SIREN_SET}]\ufe0f?(?:\\s*[{_SIREN_SET}]\ufe0f?)*")


@dataclass(frozen=True)
class Cue:
    """One hit: ``text[start:end] == matched``; ``description`` is Indonesian."""

    id: str
    category: str
    matched: str
    start: int
    end: int
    weight: float
    description: str
    description_en: str

    def as_record(self) -> dict[str, object]:
        """The JSON shape stored next to a score (what the UI needs to list and highlight)."""
        return {"id": self.id, "category": self.category, "matched": self.matched,
                "start": self.start, "end": self.end}


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
        words = self._triggers.keys() & _TOKEN.findall(_squeeze(text.lower()))
        chosen = set(self._always).union(*(self._triggers[w] for w in words))
        found: list[Cue] = []
        shouting: bool | None = None
        for index in sorted(chosen):
            branch = self._branches[index]
            if branch.shouted:
                if shouting is None:
                    shouting = _mostly_capitals(_unlinked(text))
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
                _slots(alternative.strip())
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


@dataclass(frozen=True)
class _Slot:
    """One word position of a phrase: its options, whether it may be left out, or a number."""

    options: tuple[str, ...]
    optional: bool = False

    @property
    def number(self) -> bool:
        return self.options == ("#",)


def _slots(alternative: str) -> list[_Slot]:
    """Parse one phrase alternative; ``ValueError`` says what is wrong with it."""
    slots = []
    for word in alternative.split(" "):
        optional = word.startswith("(") and word.endswith(")")
        options = tuple((word[1:-1] if optional else word).split("/"))
        if not all(o == "#" or _OPTION.fullmatch(o) for o in options):
            raise ValueError(
                f"{word!r} is not a word: write letters and digits (inner '-' or apostrophe "
                "allowed), 'a/b' for options, '(a)' for an optional word, '#' for a number, "
                "single spaces between words; for anything else use kind=regex"
            )
        slots.append(_Slot(options, optional))
    if slots[-1].optional:
        raise ValueError("the last word cannot be optional")
    if not any(not s.optional and not s.number for s in slots):
        raise ValueError("it needs at least one word that is neither optional nor '#'")
    return slots


def _squeeze(text: str) -> str:
    return _STRETCH.sub(r"\1", text)


def _forms(word: str) -> set[str]:
    """The written forms of one lower-case word: itself, its short spellings, -kan as -in."""
    forms = {word, *SPELLINGS.get(word, ())}
    if word.endswith("kan") and len(word) >= 6:
        forms.add(word[:-3] + "in")
    return forms


def _letters(form: str, upper: bool) -> str:
    return "".join(
        re.escape(c.upper() if upper else c) + "+" if c.isalpha()
        else "['’]?" if c == "'" else re.escape(c)
        for c in form
    )


def _word_regex(word: str, upper: bool) -> str:
    """A phrase word with its informal spellings (see the module docstring)."""
    if "-" in word:
        left, _, right = word.partition("-")
        options = [f"{_word_regex(left, upper)}(?:-|\\s)?{_word_regex(right, upper)}"]
        if left == right:
            options.append(_word_regex(left, upper) + "2")
        elif left.startswith("se") and right == left[2:] + "nya":
            options.append(_word_regex(left, upper) + "2nya")
        return "(?:" + "|".join(options) + ")"
    bodies = []
    for form in sorted(_forms(word), key=lambda f: (-len(f), f)):
        body = _letters(form, upper)
        if form.endswith("kan") and len(form) >= 6:
            body = _letters(form[:-3], upper) + r"\s?" + _letters("kan", upper)
        if form.startswith("di") and len(form) >= 5:
            body = _letters("di", upper) + r"\s?" + body[len(_letters("di", upper)):]
        bodies.append(body)
    return "(?:" + "|".join(bodies) + ")"


def _capitals(option: str) -> bool:
    return option.isupper() and len(option) >= 2


def _option_regex(option: str) -> str:
    """A word in capitals matches capitals only; any other word ignores case."""
    if option == "#":
        return r"\d{1,4}"
    upper = _capitals(option)
    body = _word_regex(option.lower().replace("’", "'"), upper)
    return body if upper else f"(?i:{body})"


def _phrase_regex(slots: list[_Slot]) -> str:
    parts = []
    for slot in slots:
        word = "(?:" + "|".join(_option_regex(o) for o in slot.options) + ")"
        parts.append(f"(?:{word}\\s+)?" if slot.optional else word + r"\s+")
    return r"(?<!\w)" + "".join(parts)[: -len(r"\s+")] + r"(?!\w)"


def _word_keys(word: str) -> set[str]:
    """Lower-case tokens of which a text holds one wherever ``word`` matches (any spelling)."""
    if "-" in word:
        left, _, right = word.partition("-")
        lefts = _word_keys(left)
        joined = {a + b for a in lefts for b in _word_keys(right) | {"2", "2nya"}}
        return lefts | joined
    keys: set[str] = set()
    for form in _forms(word):
        head = form.split("'")[0]
        stems = {head, form.replace("'", "")}
        if form.endswith("kan") and len(form) >= 6:
            stems.add(form[:-3])
        keys |= stems
        if form.startswith("di") and len(form) >= 5:
            keys |= {stem[2:] for stem in stems}
    return keys


def _trigger_keys(slot: _Slot) -> set[str]:
    """The squeezed keys of every option of a slot (see :meth:`CueLexicon.lexical_cues`)."""
    keys = set().union(*(_word_keys(o.lower().replace("’", "'")) for o in slot.options))
    return {_squeeze(k) for k in keys if k}


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
            slots = _slots(alternative.strip())
            candidates = [_trigger_keys(s) for s in slots if not s.optional and not s.number]
            keys = max(reversed(candidates), key=lambda k: (not k & _COMMON, min(map(len, k))))
            for key in keys:
                triggers.setdefault(key, []).append(len(branches))
            shouted = all(_capitals(o) for s in slots for o in s.options if o != "#")
            branches.append(_Branch(re.compile(_phrase_regex(slots)), entry, shouted))
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


def _typo_cue(rule: TypoRule, text: str, start: int, end: int) -> Cue:
    return Cue(rule.id, TYPO_CATEGORY, text[start:end], start, end, rule.weight,
               rule.description_id, rule.description_en)


def _mark_cues(text: str) -> list[Cue]:
    """Exclamation and "?!" runs; "!!1" counts, a "1" that begins a number does not."""
    if "!" not in text and "！" not in text:
        return []
    exclaims: list[Cue] = []
    mixed: list[Cue] = []
    for match in _MARKS.finditer(text):
        start, end = match.span()
        while text[end - 1] == "1" and end < len(text) and text[end].isdigit():
            end -= 1
        run = text[start:end]
        bangs = run.count("!") + run.count("！")
        questions = run.count("?") + run.count("？")
        if bangs and questions:
            mixed.append(_typo_cue(INTERROBANG, text, start, end))
        elif bangs >= EXCLAIM_MIN or (bangs >= 2 and "1" in run):
            exclaims.append(_typo_cue(EXCLAIM, text, start, end))
    if len(mixed) < 2 and not any(len(c.matched.replace("1", "")) >= 3 for c in mixed):
        mixed = []
    return exclaims + mixed


def _siren_cues(text: str) -> list[Cue]:
    if len(_SIREN.findall(text)) < SIRENS_MIN:
        return []
    return [_typo_cue(SIRENS, text, *m.span()) for m in _SIREN_RUN.finditer(text)]


def _masked(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with the spans replaced by lower-case letters, so no capital run crosses them."""
    for start, end in spans:
        text = text[:start] + "x" * (end - start) + text[end:]
    return text


def _unlinked(text: str) -> str:
    """``text`` with links, mentions and hashtags masked (their capitals are not shouting)."""
    return _masked(text, [m.span() for m in _LINK_OR_TAG.finditer(text)])


def _mostly_capitals(plain: str) -> bool:
    upper = len(_UPPER.findall(plain))
    letters = upper + len(_LOWER.findall(plain))
    return letters >= CAPS_TEXT_MIN_LETTERS and upper >= CAPS_TEXT_SHARE * letters


def _caps_cues(text: str, taken: list[Cue]) -> list[Cue]:
    """Capital runs outside other cues, links, mentions and hashtags."""
    if not _LONG_CAPS.search(text):
        return []
    plain = _unlinked(text)
    masked = _masked(plain, [(c.start, c.end) for c in taken])
    runs = [(m.start(), m.end(), len(_LONG_CAPS.findall(m.group())))
            for m in _CAPS_RUN.finditer(masked)]
    runs = [run for run in runs if run[2]]
    if not runs:
        return []
    mostly = _mostly_capitals(plain)
    chosen = [run for run in runs if run[2] >= CAPS_RUN_WORDS]
    if mostly and not chosen:
        chosen = [max(runs, key=lambda run: (run[2], run[1] - run[0]))]
    rule = CAPS_TEXT if mostly else CAPS_RUN
    return [_typo_cue(rule, text, start, end) for start, end, _ in chosen]


def _non_overlapping(candidates: list[Cue], taken: list[Cue]) -> list[Cue]:
    """``taken`` plus the candidates that overlap nothing kept: heaviest, longest, leftmost."""
    kept = list(taken)
    for cue in sorted(candidates, key=lambda c: (-c.weight, c.start - c.end, c.start)):
        if all(cue.end <= k.start or cue.start >= k.end for k in kept):
            kept.append(cue)
    return kept


def find_cues(text: str, lexicon: CueLexicon | None = None) -> list[Cue]:
    """Every cue in ``text``, non-overlapping, in text order, each with its exact span."""
    lexicon = lexicon or default_lexicon()
    cues = _non_overlapping(lexicon.lexical_cues(text), [])
    cues = _non_overlapping(_mark_cues(text) + _siren_cues(text), cues)
    cues += _caps_cues(text, cues)
    return sorted(cues, key=lambda c: c.start)


def cue_score(cues: Iterable[Cue]) -> float:
    """``1 - prod(1 - w)`` over distinct cue ids (the highest weight per id), in [0, 1]."""
    weights: dict[str, float] = {}
    for cue in cues:
        weights[cue.id] = max(weights.get(cue.id, 0.0), cue.weight)
    return 1.0 - math.prod(1.0 - w for w in sorted(weights.values()))


def score_texts(texts: Iterable[object], lexicon: CueLexicon | None = None) -> pd.DataFrame:
    """One row per text: ``cue_score``, ``cue_count`` (hits) and ``cues`` (a JSON list of
    ``{id, category, matched, start, end}``), in input order. Repeated texts are matched once
    per call; a missing text (None, NaN) has no cues."""
    lexicon = lexicon or default_lexicon()
    memo: dict[str, tuple[float, int, str]] = {}
    rows: list[tuple[float, int, str]] = []
    for text in texts:
        key = text if isinstance(text, str) else ""
        result = memo.get(key)
        if result is None:
            cues = find_cues(key, lexicon)
            records = [c.as_record() for c in cues]
            result = (cue_score(cues), len(cues), json.dumps(records, ensure_ascii=False))
            memo[key] = result
        rows.append(result)
    return pd.DataFrame(rows, columns=["cue_score", "cue_count", "cues"])


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
