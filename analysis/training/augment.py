"""Informal variants of standard Indonesian sentences, for training and for a robustness test.

``informalize(text, rng)`` rewrites a sentence the way people comment: abbreviations ("tidak" →
"gak"/"ga"/"tdk"), stretched letters, a mention, an emoji, a hashtag, shouting in capitals.
Training applies it to a share of SmSA sentences so the model learns that these are noise.

``informal_test_variant(text, rng)`` goes further for the *test* set: besides those, it drops
vowels from long words, swaps two neighbouring letters (typos) and mixes in English words —
changes the training augmentation never makes, so the informal test set measures robustness
rather than memory of the augmentation.
"""

from __future__ import annotations

import random
import re

# standard form → how comments write it (several choices each)
SLANG: dict[str, list[str]] = {
    "tidak": ["gak", "ga", "tdk", "nggak", "gk", "enggak"],
    "yang": ["yg", "yng"],
    "sangat": ["bgt", "banget", "bngt"],
    "banget": ["bgt", "bngt", "bangettt"],
    "sudah": ["udah", "udh", "sdh", "dah"],
    "belum": ["blm", "belom"],
    "saja": ["aja", "aj", "doang"],
    "juga": ["jg", "jga"],
    "dengan": ["dgn", "dg"],
    "karena": ["krn", "karna", "soalnya"],
    "untuk": ["utk", "buat", "bwt"],
    "bisa": ["bs", "bsa"],
    "lagi": ["lg", "lgi"],
    "saya": ["sy", "aku", "gue", "gw", "aq"],
    "kamu": ["km", "lu", "lo"],
    "tapi": ["tp", "tpi"],
    "terus": ["trs", "trus"],
    "masih": ["msh", "masi"],
    "memang": ["emg", "emang"],
    "bagaimana": ["gimana", "gmn"],
    "kenapa": ["knp", "knapa"],
    "orang": ["org"],
    "seperti": ["kayak", "kyk", "kek"],
    "banyak": ["bnyk", "byk"],
    "sekarang": ["skrg", "skrang"],
    "kalau": ["kalo", "klo", "kl"],
    "sama": ["ama", "sm"],
    "benar": ["bener", "bnr"],
    "dapat": ["dapet", "dpt"],
    "lihat": ["liat", "lht"],
    "tahu": ["tau", "tw"],
    "hanya": ["cuma", "cm", "cuman"],
    "bukan": ["bkn"],
    "terima kasih": ["makasih", "mksh", "thx", "trims"],
    "sampai": ["sampe", "ampe"],
    "mantap": ["mantul", "mantab", "mantaaap"],
    "bagus": ["bgs", "baguss", "bagusss"],
}
EMOJI = ["😂", "🙏", "🤔", "😅", "👀", "🔥", "😭", "🤣", "✌️", "💯"]
HASHTAGS = ["#viral", "#fyp", "#infoterkini", "#indonesia", "#jakarta", "#netizen"]
ENGLISH = {
    "bagus": "good", "jelek": "bad", "enak": "tasty", "mahal": "expensive", "murah": "cheap",
    "cepat": "fast", "lambat": "slow", "ramah": "friendly", "kecewa": "disappointed",
    "senang": "happy", "sedih": "sad", "makanan": "food", "pelayanan": "service",
    "tempat": "place", "harga": "price", "sangat": "very", "tidak": "not", "suka": "like",
}
_PHRASES = sorted(SLANG, key=len, reverse=True)
_PATTERN = re.compile(r"\b(" + "|".join(re.escape(p) for p in _PHRASES) + r")\b", re.IGNORECASE)
_VOWELS = re.compile(r"(?<=[^aiueo\W])[aiueo](?=[^aiueo\W])", re.IGNORECASE)


def _slang(text: str, rng: random.Random, rate: float) -> str:
    def swap(match: re.Match[str]) -> str:
        if rng.random() >= rate:
            return match.group(0)
        return rng.choice(SLANG[match.group(0).lower()])

    return _PATTERN.sub(swap, text)


def _words(text: str) -> list[str]:
    return text.split(" ")


def _stretch(text: str, rng: random.Random) -> str:
    words = _words(text)
    spots = [i for i, w in enumerate(words) if len(w) >= 4 and w[-1].isalpha()]
    if spots:
        i = rng.choice(spots)
        words[i] = words[i] + words[i][-1] * rng.randint(2, 4)
    return " ".join(words)


def _shout(text: str, rng: random.Random) -> str:
    words = _words(text)
    if words:
        start = rng.randrange(len(words))
        for i in range(start, min(len(words), start + rng.randint(1, 3))):
            words[i] = words[i].upper()
    return " ".join(words)


def informalize(text: str, rng: random.Random) -> str:
    """A comment-style variant: slang, and sometimes a stretch, mention, emoji, hashtag, caps."""
    text = _slang(text, rng, rate=0.7)
    if rng.random() < 0.3:
        text = _stretch(text, rng)
    if rng.random() < 0.25:
        text = f"@{rng.choice(['budi', 'ani_99', 'polri', 'infojkt', 'user123'])} {text}"
    if rng.random() < 0.3:
        text = f"{text} {rng.choice(EMOJI) * rng.randint(1, 3)}"
    if rng.random() < 0.15:
        text = f"{text} {rng.choice(HASHTAGS)}"
    if rng.random() < 0.15:
        text = _shout(text, rng)
    return text


def _drop_vowels(text: str, rng: random.Random) -> str:
    words = _words(text)
    for i, word in enumerate(words):
        if len(word) >= 7 and rng.random() < 0.3:
            words[i] = _VOWELS.sub("", word)
    return " ".join(words)


def _typo(text: str, rng: random.Random) -> str:
    words = _words(text)
    spots = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if spots:
        i = rng.choice(spots)
        j = rng.randrange(1, len(words[i]) - 2)
        w = words[i]
        words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    return " ".join(words)


def _english(text: str, rng: random.Random) -> str:
    words = _words(text)
    for i, word in enumerate(words):
        if word.lower() in ENGLISH and rng.random() < 0.5:
            words[i] = ENGLISH[word.lower()]
    return " ".join(words)


def informal_test_variant(text: str, rng: random.Random) -> str:
    """A harder variant for the robustness test (see module doc)."""
    text = informalize(text, rng)
    if rng.random() < 0.5:
        text = _drop_vowels(text, rng)
    if rng.random() < 0.5:
        text = _typo(text, rng)
    if rng.random() < 0.4:
        text = _english(text, rng)
    return text
