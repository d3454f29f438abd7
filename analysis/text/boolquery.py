"""The search language of watched entities: words, phrases, AND, OR, NOT, parentheses.

Syntax (upper-case operators; the Indonesian ``DAN``, ``ATAU``, ``BUKAN`` work too)::

    polda                     the word "polda", in any case, as a whole word
    #polri  @humaspolri       the same as polri / humaspolri: a hashtag or mention holds the word
    "polda metro"             the words next to each other (any spaces or punctuation between)
    tilang*                   a word that starts with "tilang" (tilang, tilangnya)
    polda kapolda             both (a space is AND)
    polda OR polres           either
    NOT hoaks   -hoaks        without the word
    (polda OR polres) -"polda metro"

``NOT`` binds tighter than ``AND``, which binds tighter than ``OR``. A query must look for at
least one word: one that would match a text holding none of its words (``-tilang`` alone) is
refused, as are empty queries, unbalanced quotes and parentheses and dangling operators; each
error names the position.

Parsing gives a small tree (:class:`Word`, :class:`Not`, :class:`And`, :class:`Or`); the store
turns it into SQL whose user-supplied parts are all bound parameters
(:func:`analysis.store.watchlist.compile_query`). :func:`Word.pattern` is the regular
expression (RE2, as DuckDB runs it) for one word or phrase, with every ASCII punctuation mark
escaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.errors import PantauError

MAX_LENGTH = 500
MAX_WORDS = 40
OPERATORS = {"AND": "AND", "DAN": "AND", "OR": "OR", "ATAU": "OR", "NOT": "NOT", "BUKAN": "NOT"}
_RE2 = {"edge": r"[^\p{L}\p{N}_]", "gap": r"[^\p{L}\p{N}]+", "rest": r"[\p{L}\p{N}_]*"}
_PY = {"edge": r"\W", "gap": r"[\W_]+", "rest": r"\w*"}
_POSIX = {"edge": r"[^[:alnum:]_]", "gap": r"[^[:alnum:]]+", "rest": r"[[:alnum:]_]*"}
"""The same classes in RE2 (DuckDB), Python and POSIX classes (PostgreSQL): a word edge, the
gap between the words of a phrase, the rest of a ``*`` word."""
_TRIM = re.compile(r"^\W+|[^\w*]+$")
_ASCII_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")


class QueryError(PantauError):
    """A watched entity's query cannot be used; the message says where and why.

    ``code`` names the problem (for the dashboard's translated message), ``position`` is the
    1-based character it points at (0 when it concerns the whole query), ``text`` the part.
    """

    def __init__(self, code: str, message: str, position: int = 0, text: str = "") -> None:
        super().__init__(message)
        self.code, self.position, self.text = code, position, text


@dataclass(frozen=True)
class Word:
    """A word (or, with several words, a phrase); ``prefix`` for a trailing ``*``."""

    words: tuple[str, ...]
    prefix: bool = False

    def pattern(self, flavour: str = "re2") -> str:
        """Regular expression matching the word or phrase as whole words, case-insensitively
        applied: RE2 for DuckDB, ``posix`` for PostgreSQL, or ``python`` for :mod:`re`."""
        classes = {"re2": _RE2, "posix": _POSIX}.get(flavour, _PY)
        body = classes["gap"].join(_ASCII_PUNCT.sub(r"\\\1", w) for w in self.words)
        tail = classes["rest"] if self.prefix else ""
        return f"(?:^|{classes['edge']}){body}{tail}(?:{classes['edge']}|$)"

    def matches(self, text: str) -> bool:
        """Whether ``text`` holds the word or phrase (the same rule as the SQL)."""
        return re.search(self.pattern("python"), text, re.IGNORECASE) is not None


@dataclass(frozen=True)
class Not:
    child: Node


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


Node = Word | Not | And | Or


def words(node: Node) -> list[Word]:
    """Every word and phrase of the tree, in order."""
    if isinstance(node, Word):
        return [node]
    if isinstance(node, Not):
        return words(node.child)
    return [w for child in node.children for w in words(child)]


def evaluate(node: Node, present: set[Word] | frozenset[Word]) -> bool:
    """The query's answer for a text holding exactly the words in ``present``."""
    if isinstance(node, Word):
        return node in present
    if isinstance(node, Not):
        return not evaluate(node.child, present)
    results = (evaluate(child, present) for child in node.children)
    return all(results) if isinstance(node, And) else any(results)


@dataclass(frozen=True)
class _Token:
    kind: str  # word, phrase, open, close, and, or, not
    text: str
    at: int


def _tokens(query: str) -> list[_Token]:
    out: list[_Token] = []
    i = 0
    while i < len(query):
        ch = query[i]
        if ch.isspace():
            i += 1
        elif ch in "()":
            out.append(_Token("open" if ch == "(" else "close", ch, i))
            i += 1
        elif ch == '"':
            end = query.find('"', i + 1)
            if end < 0:
                raise QueryError("unclosed_quote",
                                 f"Unclosed quote at position {i + 1}: add the closing \".", i + 1)
            out.append(_Token("phrase", query[i + 1:end], i))
            i = end + 1
        elif ch == "-" and i + 1 < len(query) and not query[i + 1].isspace():
            out.append(_Token("not", "-", i))  # "-" starting a token: an exclusion
            i += 1
        else:
            match = re.compile(r'[^\s()"]+').match(query, i)
            assert match is not None
            text = match.group(0)
            kind = OPERATORS.get(text, "word").lower()
            out.append(_Token(kind, text, i))
            i = match.end()
    return out


class _Parser:
    def __init__(self, query: str) -> None:
        self.query = query
        self.tokens = _tokens(query)
        self.i = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def parse(self) -> Node:
        node = self.either()
        token = self.peek()
        if token is not None:
            raise QueryError("stray_close", f"Unexpected ')' at position {token.at + 1}: it "
                             "closes no '('.", token.at + 1, ")")
        return node

    def either(self) -> Node:
        parts = [self.both()]
        while (token := self.peek()) is not None and token.kind == "or":
            self.take()
            parts.append(self.both())
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def both(self) -> Node:
        parts = [self.unary()]
        while (token := self.peek()) is not None and token.kind not in ("or", "close"):
            if token.kind == "and":
                self.take()
            parts.append(self.unary())
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def unary(self) -> Node:
        token = self.peek()
        if token is None:
            raise self._dangling()
        if token.kind == "not":
            self.take()
            return Not(self.unary())
        return self.atom()

    def atom(self) -> Node:
        token = self.take()
        if token.kind == "open":
            node = self.either()
            closing = self.peek()
            if closing is None or closing.kind != "close":
                raise QueryError("unclosed_paren", f"Unclosed '(' at position {token.at + 1}: "
                                 "add the ')'.", token.at + 1, "(")
            self.take()
            return node
        if token.kind in ("word", "phrase"):
            return _word(token)
        if token.kind == "close":
            raise QueryError("stray_close", f"Empty or misplaced ')' at position "
                             f"{token.at + 1}.", token.at + 1, ")")
        if token.kind == "not":
            raise QueryError("word_after", f"{token.text} at position {token.at + 1} needs a "
                             "word after it.", token.at + 1, token.text)
        raise QueryError("words_around", f"{token.text} at position {token.at + 1} needs a word "
                         "before and after it.", token.at + 1, token.text)

    def _dangling(self) -> QueryError:
        last = self.tokens[-1] if self.tokens else None
        if last is None:
            return QueryError("empty", "The query is empty: type a word to look for, e.g. polda.")
        return QueryError("word_after", f"{last.text} at position {last.at + 1} needs a word "
                          "after it.", last.at + 1, last.text)


def _word(token: _Token) -> Word:
    raw = token.text.lower()
    if token.kind == "phrase":
        parts = [p for p in (_TRIM.sub("", w) for w in raw.split()) if p.strip("*")]
        if not parts:
            raise QueryError("empty_phrase", f"Empty phrase at position {token.at + 1}: put "
                             "words between the quotes.", token.at + 1, '""')
        return Word(tuple(p.rstrip("*") for p in parts), prefix=parts[-1].endswith("*"))
    word = _TRIM.sub("", raw)
    prefix = word.endswith("*")
    word = word.rstrip("*")
    if not word or not any(c.isalnum() for c in word):
        raise QueryError("no_letters", f"{token.text!r} at position {token.at + 1} holds no "
                         "letter or digit to look for.", token.at + 1, token.text)
    return Word((word,), prefix=prefix)


def parse(query: str) -> Node:
    """The tree of ``query``; :class:`QueryError` with the position when it is malformed."""
    if not query or not query.strip():
        raise QueryError("empty", "The query is empty: type a word to look for, e.g. polda.")
    if len(query) > MAX_LENGTH:
        raise QueryError("too_long", f"The query is {len(query)} characters long; at most "
                         f"{MAX_LENGTH}.", MAX_LENGTH)
    tree = _Parser(query).parse()
    found = words(tree)
    if len(found) > MAX_WORDS:
        raise QueryError("too_many_words", f"The query has {len(found)} words and phrases; at "
                         f"most {MAX_WORDS}.", MAX_WORDS)
    if evaluate(tree, frozenset()):
        raise QueryError("only_excludes", "The query matches texts that hold none of its "
                         "words (it only excludes): add a word to look for, e.g. polda -tilang.")
    return tree
