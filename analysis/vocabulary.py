"""The words Pantau stores and compares, each named once: workflow statuses, match verdicts,
roles, sentiment labels, text kinds and the bundled claim source.

They are ``StrEnum`` members, so they equal, store and serialise as their plain values
(``Verdict.COCOK == "cocok"``), and a typo is an ``AttributeError`` instead of a silent miss.
What a person reads is in the translated texts (``dashboard/texts``, ``analysis.reports``), keyed
by these values; nothing here is wording.
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """Where a flagged text stands in the hoax workflow, in the order a case moves."""

    NEW = "baru"
    VERIFIED = "diverifikasi"
    CLARIFIED = "diklarifikasi"
    REPORTED = "dilaporkan"
    NOT_HOAX = "bukan_hoaks"


STATUSES: tuple[Status, ...] = tuple(Status)
"""Every status, in workflow order (the order the pages offer them)."""


class Verdict(StrEnum):
    """How surely a text repeats a bank claim: ``cocok`` (a match) or ``mirip`` (similar, for an
    analyst to check). A text under both thresholds has no verdict."""

    COCOK = "cocok"
    MIRIP = "mirip"


VERDICTS: tuple[Verdict, ...] = tuple(Verdict)


class Role(StrEnum):
    """A dashboard account's role: viewers read, analysts also import, correct and review."""

    VIEWER = "viewer"
    ANALYST = "analyst"


ROLES: tuple[Role, ...] = tuple(Role)


class Sentiment(StrEnum):
    """The three sentiment labels every scorer is mapped to."""

    NEGATIVE = "negative"
    NEUTRAL = "neutral"
    POSITIVE = "positive"


SENTIMENTS: tuple[Sentiment, ...] = tuple(Sentiment)
"""In the order the models' heads and the charts use (negative, neutral, positive)."""


class Kind(StrEnum):
    """What a stored text is: a news article, a comment under a post or article, or a post."""

    ARTICLE = "article"
    COMMENT = "comment"
    POST = "post"


KINDS: tuple[Kind, ...] = tuple(Kind)


class Task(StrEnum):
    """What a scorer scores; one row per text and task in the scores table."""

    SENTIMENT = "sentiment"
    HOAX = "hoax"


BUNDLED_CLAIM_SOURCE = "TurnBackHoax (Mafindo)"
"""The source of the claim bank shipped in ``data/`` (its rows in the ``claims`` table)."""

CLAIM_COLUMNS = ["id", "status", "title", "content", "fact", "url", "published", "conclusion",
                 "source"]
"""The fields of a fact-check bank entry, as the claim files give them and the store keeps
them."""

DEBUNKED = "Salah"
"""The status of a debunked bank entry (TurnBackHoax's rating), the default for new entries."""
CONFIRMED = "Benar"
"""The status of a bank entry confirmed as fact (it is shown, and raises no hoax score)."""
TRUE_RATINGS = ("benar", "fakta", "true", "correct", "accurate", "mostly true", "sebagian benar")
"""A bank entry's status (lower case, trimmed) that marks a confirmed fact, not a debunk."""


class ClaimKind(StrEnum):
    """What a bank entry is: a debunk (``hoaks``) or a confirmed fact (``fakta``)."""

    HOAX = "hoaks"
    FACT = "fakta"


class HoaxLabel(StrEnum):
    """The hoax task's labels: a scored text is ``hoax`` or ``not_hoax``."""

    HOAX = "hoax"
    NOT_HOAX = "not_hoax"


class Target(StrEnum):
    """What a workflow status is kept for: a text, a coordinated cluster, a spreading claim."""

    DOC = "doc"
    CLUSTER = "cluster"
    CLAIM = "claim"


class Relation(StrEnum):
    """What a post does with a bank claim, as the claim reader decides: it repeats the claim,
    denies or debunks it, only shares its topic, or has nothing to do with it."""

    REPEATS = "repeats"
    DENIES = "denies"
    SAME_TOPIC = "same_topic"
    UNRELATED = "unrelated"


RELATIONS: tuple[Relation, ...] = tuple(Relation)
