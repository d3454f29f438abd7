"""Interface text in Bahasa Indonesia (default) and English, and :func:`t`, its lookup.

Each module here holds the ``TEXT`` table of one page area (``common`` for what every page
shares); :data:`TEXT` merges them, and a key may be defined in one module only. Pages ask for
text with ``t(key, **values)`` in the viewer's chosen language. The words the store keeps
(statuses, labels, kinds: :mod:`analysis.vocabulary`) are looked up here by their value
(``t("negative")``, ``t(f"wf_{status}")``); :func:`t_or` shows a value the texts do not know
as it is.
"""

from __future__ import annotations

import streamlit as st

from dashboard.texts import (
    alerts,
    audit,
    common,
    corrections,
    entities,
    explore,
    hoax,
    importing,
    login,
    narratives,
    reports,
    sources,
    summary,
    upload,
)

LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}
AREAS = (common, summary, hoax, narratives, entities, explore, corrections, reports, upload,
         importing, login, sources, alerts, audit)


def merged() -> dict[str, dict[str, str]]:
    """Every area's table in one; a key defined twice is a mistake, caught at import."""
    out: dict[str, dict[str, str]] = {}
    for area in AREAS:
        twice = sorted(set(out) & set(area.TEXT))
        if twice:
            raise KeyError(f"interface text defined twice ({area.__name__}): {twice}")
        out.update(area.TEXT)
    return out


TEXT = merged()


def translate(key: str, lang: str = "id", **values: object) -> str:
    """The text for ``key`` in ``lang`` (Indonesian when missing), formatted with ``values``."""
    entry = TEXT[key]
    text = entry.get(lang) or entry["id"]
    return text.format(**values) if values else text


def lang() -> str:
    """The viewer's language code (``id`` until they pick another)."""
    return str(st.session_state.get("lang", "id"))


def t(key: str, **values: object) -> str:
    """Interface text in the chosen language."""
    return translate(key, lang(), **values)


def t_or(key: str, fallback: str, **values: object) -> str:
    """:func:`t` for ``key``, or ``fallback`` when there is no such text (a value from the data,
    such as a reject code or a text kind, that the interface has no words for)."""
    return t(key, **values) if key in TEXT else fallback


def language_picker() -> None:
    """The language switch, labelled in both languages so either reader can find it."""
    st.sidebar.selectbox("Bahasa / Language", list(LANGUAGES), key="lang",
                         format_func=lambda code: LANGUAGES[code])
