"""The phrase patterns of the cue lexicon (``kind=phrase``), turned into regular expressions.

A phrase is words separated by single spaces, ``|`` between alternatives, ``a/b`` for a word
with options, ``(a)`` for an optional word (never the last), ``#`` for a number. It matches
whole words, ignoring case, with the tolerance informal writing needs:

* any letter may be stretched ("sebarkaaan");
* a word ending in ``-kan`` also matches ``-in`` and ``X kan`` ("sebarin", "viral kan");
* a ``di-`` word may be written apart ("di sebarkan", "di hapus");
* a hyphenated word also matches without the hyphen or with ``2`` ("hati2", "sebanyak2nya");
* the short spellings in :data:`SPELLINGS` ("yg" for "yang", "gak" for "tidak").

A word written in CAPITALS matches capitals only: "VIRAL" or "BREAKING" is a label, "viral" in
a sentence is not.

Each alternative also gets its trigger words: the lower-case tokens of which a text must hold
one for the alternative to match anywhere in it. Only texts holding a trigger are tried, which
is what keeps 100,000 texts fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Slot:
    """One word position of a phrase: its options, whether it may be left out, or a number."""

    options: tuple[str, ...]
    optional: bool = False

    @property
    def number(self) -> bool:
        return self.options == ("#",)


def parse_phrase(alternative: str) -> list[Slot]:
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
        slots.append(Slot(options, optional))
    if slots[-1].optional:
        raise ValueError("the last word cannot be optional")
    if not any(not s.optional and not s.number for s in slots):
        raise ValueError("it needs at least one word that is neither optional nor '#'")
    return slots


def squeeze(text: str) -> str:
    """``text`` with every stretched letter written once ("sebarkaaan" -> "sebarkan")."""
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


def in_capitals(option: str) -> bool:
    """Whether a phrase word is written in capitals, and so matches capitals only."""
    return option.isupper() and len(option) >= 2


def _option_regex(option: str) -> str:
    """A word in capitals matches capitals only; any other word ignores case."""
    if option == "#":
        return r"\d{1,4}"
    upper = in_capitals(option)
    body = _word_regex(option.lower().replace("’", "'"), upper)
    return body if upper else f"(?i:{body})"


def phrase_regex(slots: list[Slot]) -> str:
    """The regular expression of one parsed alternative, matching whole words only."""
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


def _trigger_keys(slot: Slot) -> set[str]:
    """The squeezed keys of every option of a slot."""
    keys = set().union(*(_word_keys(o.lower().replace("’", "'")) for o in slot.options))
    return {squeeze(k) for k in keys if k}


def trigger_words(slots: list[Slot]) -> set[str]:
    """The trigger keys of one alternative: those of one required word, preferring a word that
    is not common and then the longest shortest key (of equals, the last)."""
    candidates = [_trigger_keys(s) for s in slots if not s.optional and not s.number]
    return max(reversed(candidates), key=lambda k: (not k & _COMMON, min(map(len, k))))


def all_capitals(slots: list[Slot]) -> bool:
    """Whether every word of the alternative is written in capitals (a label, not a phrase)."""
    return all(in_capitals(o) for s in slots for o in s.options if o != "#")
