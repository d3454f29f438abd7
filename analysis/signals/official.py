"""Official accounts: police, military and government units, told apart by their handles.

A police unit's template post ("Vaksin Covid-19 aman dan halal #poldasulsel") is pushed by a
dozen Polsek and Polres accounts within the hour. That is coordinated posting, and the
coordination view keeps showing it, but it is an official announcement being amplified, not a
hoax campaign: a burst that official accounts take part in adds nothing to the hoax score
(:mod:`analysis.signals.coordination`).

An account is official when its handle contains a unit's name as Indonesian institutions write
them (``data/lexicons/official_accounts.csv``: ``polsek``, ``polres``, ``humas``, ``kodim``,
``pemkab``, ``kemenkes`` …; short ones such as ``tni`` or ``kpu`` only as a whole part of the
handle, between ``_``, digits or its ends), or when the operator names it in
``PANTAU_OFFICIAL_ACCOUNTS`` (the unit's own accounts whose handles say nothing, e.g.
``@kabidhumas_jambi,@ditreskrimsus``). Handles are compared after dropping a leading ``@``,
case folding and dropping every character but letters, digits and ``_``.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterable

from analysis.errors import DatasetError
from analysis.settings import DATA_DIR

OFFICIAL_LEXICON = DATA_DIR / "lexicons" / "official_accounts.csv"


def handle_key(name: object) -> str:
    """``"@Polsek_Geyer "`` → ``"polsek_geyer"``: how handles are compared."""
    return re.sub(r"[^\w]", "", str(name or "").strip().lstrip("@").casefold())


@functools.cache
def _pattern(path: str = str(OFFICIAL_LEXICON)) -> re.Pattern[str]:
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as error:
        raise DatasetError(f"The official-account lexicon {path} is missing: {error}") from error
    anywhere = sorted(r["fragment"] for r in rows if r["match"] == "anywhere")
    word = sorted(r["fragment"] for r in rows if r["match"] == "word")
    parts = [re.escape(f) for f in anywhere]
    parts += [rf"(?:^|[_\d]){re.escape(f)}(?:$|[_\d])" for f in word]
    return re.compile("|".join(parts))


def official_accounts(names: Iterable[object], extra: Iterable[str] = ()) -> list[str]:
    """The names among ``names`` that are official accounts, in their order (module doc)."""
    named = {handle_key(n) for n in extra} - {""}
    pattern = _pattern()
    return [str(n) for n in names if (key := handle_key(n)) and
            (key in named or pattern.search(key))]
