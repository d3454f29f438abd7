"""The cue record and the typographic cues, which are computed in code rather than read from
the lexicon (category ``tipografi``, listed in :data:`TYPO_RULES`):

* ``tipografi.kapital_beruntun`` (0.2): a run of capitals with at least 3 words of 3+ letters,
  outside other cues, links, mentions and hashtags (so "TNI POLRI" is not a run);
* ``tipografi.kapital_dominan`` (0.3): the text is mostly capitals (70 % of 20+ letters); its
  runs are reported under this id instead, or its longest run when none has 3 long words;
* ``tipografi.seru_beruntun`` (0.15): 3+ exclamation marks in a row, or "!!1";
* ``tipografi.tanya_seru`` (0.15): mixed "?!" runs, one of 3+ marks or at least two of them;
* ``tipografi.emoji_peringatan`` (0.2): 3+ siren and warning emoji (🚨 ⚠️ ‼️ ❗ 📢 ...).

Whether a text is mostly capitals is also what silences the lexicon's all-capitals phrases
(:mod:`analysis.signals.cue_lexicon`), so that measure lives here too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

TYPO_CATEGORY = "tipografi"


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

_LINK_OR_TAG = re.compile(r"(?:https?://|www\.)\S+|(?<![\w@])@\w+|(?<![\w#])#\w+", re.IGNORECASE)
_CAPS_RUN = re.compile(r"(?<![A-Za-z])[A-Z]+(?:[^A-Za-z\n]+[A-Z]+)*(?![A-Za-z])")
_LONG_CAPS = re.compile(f"[A-Z]{{{CAPS_WORD_LETTERS},}}")
_UPPER, _LOWER = re.compile(r"[A-Z]"), re.compile(r"[a-z]")
_MARKS = re.compile(r"[!?！？]+(?:1+[!?！？]+)*1*")
_SIREN_SET = "🚨⚠‼⁉❗❕📢📣🆘⛔"
_SIREN = re.compile(f"[{_SIREN_SET}]\ufe0f?")
_SIREN_RUN = re.compile(f"[{_SIREN_SET}]\ufe0f?(?:\\s*[{_SIREN_SET}]\ufe0f?)*")


def _typo_cue(rule: TypoRule, text: str, start: int, end: int) -> Cue:
    return Cue(rule.id, TYPO_CATEGORY, text[start:end], start, end, rule.weight,
               rule.description_id, rule.description_en)


def mark_cues(text: str) -> list[Cue]:
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


def siren_cues(text: str) -> list[Cue]:
    """Runs of siren and warning emoji, once the text holds enough of them."""
    if len(_SIREN.findall(text)) < SIRENS_MIN:
        return []
    return [_typo_cue(SIRENS, text, *m.span()) for m in _SIREN_RUN.finditer(text)]


def _masked(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with the spans replaced by lower-case letters, so no capital run crosses them."""
    for start, end in spans:
        text = text[:start] + "x" * (end - start) + text[end:]
    return text


def unlinked(text: str) -> str:
    """``text`` with links, mentions and hashtags masked (their capitals are not shouting)."""
    return _masked(text, [m.span() for m in _LINK_OR_TAG.finditer(text)])


def mostly_capitals(plain: str) -> bool:
    """Whether ``plain`` (see :func:`unlinked`) is written mostly in capitals."""
    upper = len(_UPPER.findall(plain))
    letters = upper + len(_LOWER.findall(plain))
    return letters >= CAPS_TEXT_MIN_LETTERS and upper >= CAPS_TEXT_SHARE * letters


def caps_cues(text: str, taken: list[Cue]) -> list[Cue]:
    """Capital runs outside other cues, links, mentions and hashtags."""
    if not _LONG_CAPS.search(text):
        return []
    plain = unlinked(text)
    masked = _masked(plain, [(c.start, c.end) for c in taken])
    runs = [(m.start(), m.end(), len(_LONG_CAPS.findall(m.group())))
            for m in _CAPS_RUN.finditer(masked)]
    runs = [run for run in runs if run[2]]
    if not runs:
        return []
    mostly = mostly_capitals(plain)
    chosen = [run for run in runs if run[2] >= CAPS_RUN_WORDS]
    if mostly and not chosen:
        chosen = [max(runs, key=lambda run: (run[2], run[1] - run[0]))]
    rule = CAPS_TEXT if mostly else CAPS_RUN
    return [_typo_cue(rule, text, start, end) for start, end, _ in chosen]
