"""The watchlist's search language: a malformed query says what is wrong and where."""

from __future__ import annotations

import pytest

from analysis.text.boolquery import QueryError, parse

EMPTY = "The query is empty: type a word to look for, e.g. polda."
ONLY_EXCLUDES = ("The query matches texts that hold none of its words (it only excludes): add a "
                 "word to look for, e.g. polda -tilang.")


@pytest.mark.parametrize(("query", "code", "position", "message"), [
    ("", "empty", 0, EMPTY),
    ("   ", "empty", 0, EMPTY),
    ('"polda metro', "unclosed_quote", 1, 'Unclosed quote at position 1: add the closing ".'),
    ("(polda OR polres", "unclosed_paren", 1, "Unclosed '(' at position 1: add the ')'."),
    ("polda)", "stray_close", 6, "Unexpected ')' at position 6: it closes no '('."),
    ("polda OR", "word_after", 7, "OR at position 7 needs a word after it."),
    ("OR polda", "words_around", 1, "OR at position 1 needs a word before and after it."),
    ("polda AND AND x", "words_around", 11,
     "AND at position 11 needs a word before and after it."),
    ("-tilang", "only_excludes", 0, ONLY_EXCLUDES),
    ("NOT (polda OR polres)", "only_excludes", 0, ONLY_EXCLUDES),
    ('polda ""', "empty_phrase", 7, "Empty phrase at position 7: put words between the quotes."),
    ("polda #", "no_letters", 7, "'#' at position 7 holds no letter or digit to look for."),
    ("x" * 501, "too_long", 500, "The query is 501 characters long; at most 500."),
])
def test_malformed_queries_say_what_and_where(query: str, code: str, position: int,
                                              message: str) -> None:
    with pytest.raises(QueryError) as raised:
        parse(query)
    assert (raised.value.code, raised.value.position) == (code, position)
    assert str(raised.value) == message
