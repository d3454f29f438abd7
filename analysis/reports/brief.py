"""A one-page PDF brief for leadership: period, KPIs, the trend chart, top narratives and the
most hoax-like texts with their evidence.

Made offline: fpdf2 lays the page out with DejaVu Sans, the Unicode TrueType font matplotlib
ships (``matplotlib/mpl-data/fonts/ttf``), and matplotlib draws the chart. Characters the font
has no glyph for (emoji, most other scripts) are dropped rather than drawn as boxes or raising.
The page never overflows: sections that do not fit are shortened and say how many items were
left out.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo

import pandas as pd

from analysis.reports.brief_chart import ORDER, trend_png
from analysis.reports.wording import (
    BRIEF,
    fraction,
    label,
    long_date,
    percent,
    whole,
    words,
    zone_name,
)
from analysis.settings import Settings
from analysis.store import trends
from analysis.store.db import Store
from analysis.store.trends import Filters
from analysis.vocabulary import SENTIMENTS, Sentiment

MAX_HOAXES = 5
MAX_NARRATIVES = 5
MAX_SPREADING = 3


@dataclass(frozen=True)
class BriefData:
    """Everything the brief shows, gathered from the store (and, when given, the narratives)."""

    filters: Filters
    period: tuple[date, date] | None
    numbers: dict[str, float | int]
    trend: pd.DataFrame
    bucket: str
    hoaxes: pd.DataFrame
    narratives: pd.DataFrame | None
    threshold: float
    made_at: datetime
    narratives_error: str | None = None
    spreading: pd.DataFrame = field(default_factory=pd.DataFrame)


def brief_data(store: Store, f: Filters, hoax_threshold: float = 0.5,
               narratives: pd.DataFrame | None = None, now: datetime | None = None,
               narratives_error: str | None = None) -> BriefData:
    """Gather the brief's figures for the filters ``f``. ``narratives`` is a clusters table
    (``label``, ``size`` or ``estimated``, ``share``, ``hoax_share``) from
    :func:`top_narratives`; ``narratives_error`` says why there is none, when it failed."""
    period = _period(store, f)
    span = (period[1] - period[0]).days + 1 if period else 9999
    bucket = trends.bucket_for(span)
    hoaxes = trends.top_hoaxes(store, f, limit=MAX_HOAXES)
    hoaxes = hoaxes[hoaxes["hoax_score"].astype(float) >= hoax_threshold]
    return BriefData(
        filters=f, period=period,
        numbers=trends.kpis(store, f, hoax_threshold=hoax_threshold),
        trend=_trend(store, f, bucket), bucket=bucket, hoaxes=hoaxes.reset_index(drop=True),
        narratives=narratives, threshold=hoax_threshold,
        made_at=now or datetime.now(ZoneInfo(f.timezone)), narratives_error=narratives_error,
        spreading=trends.spreading_claims(store, f, limit=MAX_SPREADING, confirmed_only=True),
    )


def top_narratives(store: Store, f: Filters, settings: Settings,
                   sample: int = 3000) -> pd.DataFrame:
    """The clusters of :func:`analysis.insights.narratives.narratives` for the filters. Stored
    embeddings are used when every sampled text has one; otherwise the built-in encoder is
    loaded to embed the rest (they are stored, so the next brief is quick)."""
    from analysis.errors import ModelError
    from analysis.insights.narratives import narratives

    try:
        found = narratives(store, f, None, sample=sample,
                           hoax_threshold=settings.hoax_threshold)
    except ModelError:
        from analysis.models.registry import builtin_encoder

        found = narratives(store, f, builtin_encoder(settings), sample=sample,
                           hoax_threshold=settings.hoax_threshold)
    return found.clusters


def _period(store: Store, f: Filters) -> tuple[date, date] | None:
    if f.start and f.end:
        return f.start, f.end
    options = trends.filter_options(store, timezone=f.timezone)
    if options["first"] is None:
        return None
    return f.start or options["first"], f.end or options["last"]


def _trend(store: Store, f: Filters, bucket: str) -> pd.DataFrame:
    """Per bucket: texts by sentiment, and ``other`` (not scored or below the confidence)."""
    volume = trends.volume_over_time(store, f, bucket=bucket)
    if volume.empty:
        return pd.DataFrame(columns=["bucket", *ORDER])
    total = volume.groupby("bucket")["n"].sum()
    shares = trends.sentiment_over_time(store, f, bucket=bucket)
    counts = shares.pivot_table(index="bucket", columns="label", values="n", aggfunc="sum")
    table = counts.reindex(index=total.index, columns=ORDER[:3]).fillna(0)
    table["other"] = total - table.sum(axis=1)
    return table.reset_index()


def render_brief(data: BriefData, lang: str = "id",
                 platform_name: Callable[[str], str] = str.capitalize,
                 author_name: Callable[[Any], Any] | None = None) -> bytes:
    """The brief as PDF bytes (A4 portrait, one page). ``author_name`` replaces each author
    (e.g. a :class:`analysis.reports.exports.Pseudonymiser`)."""
    page = _Page(lang)
    page.header(data, platform_name)
    if data.numbers["volume"]:
        page.kpis(data)
        page.chart(data)
        if data.narratives is not None and not data.narratives.empty:
            page.narratives(data.narratives)
        elif data.narratives_error:
            page.heading(page.t("narratives"))
            page.paragraph(page.t("narratives_failed", error=data.narratives_error), size=8)
        if not data.spreading.empty:
            page.spreading(data.spreading)
        page.hoaxes(data, platform_name, author_name)
    else:
        page.paragraph(words(BRIEF, "empty", lang), size=11)
    page.footer()
    return bytes(page.pdf.output())


@lru_cache(maxsize=1)
def _fonts() -> dict[str, Path]:
    import matplotlib

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return {"": folder / "DejaVuSans.ttf", "B": folder / "DejaVuSans-Bold.ttf",
            "I": folder / "DejaVuSans-Oblique.ttf"}


@lru_cache(maxsize=1)
def _glyphs() -> frozenset[int]:
    """Code points every style of the font can draw."""
    from fontTools.ttLib import TTFont

    sets = [set(TTFont(path).getBestCmap()) for path in _fonts().values()]
    return frozenset(set.intersection(*sets))


def drawable(text: object) -> str:
    """``text`` without the characters the font cannot draw; line breaks become spaces."""
    glyphs = _glyphs()
    cleaned = "".join(c if ord(c) in glyphs else (" " if c.isspace() else "")
                      for c in str(text))
    return " ".join(cleaned.split())


def _clip(text: object, limit: int) -> str:
    text = drawable(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class _Page:
    """An A4 page and a cursor; each method draws one section below the previous one."""

    MARGIN = 14.0
    BOTTOM = 297.0 - 22.0

    def __init__(self, lang: str) -> None:
        from fpdf import FPDF

        self.lang = lang
        self.pdf = FPDF(format="A4", unit="mm")
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margins(self.MARGIN, self.MARGIN, self.MARGIN)
        for style, path in _fonts().items():
            self.pdf.add_font("DejaVu", style, str(path))
        self.pdf.set_title(words(BRIEF, "title", lang))
        self.pdf.set_creator("Pantau")
        self.pdf.set_lang("id-ID" if lang == "id" else "en")
        self.pdf.add_page()
        self.width = self.pdf.w - 2 * self.MARGIN

    def t(self, key: str, **values: object) -> str:
        return words(BRIEF, key, self.lang, **values)

    def text(self, value: str, size: float, style: str = "", colour: int = 33,
             height: float | None = None, align: str = "L") -> None:
        from fpdf.enums import XPos, YPos

        self.pdf.set_font("DejaVu", style, size)
        self.pdf.set_text_color(colour)
        self.pdf.set_x(self.MARGIN)
        self.pdf.multi_cell(self.width, height or size * 0.5, drawable(value), align=align,
                            new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def paragraph(self, value: str, size: float = 9) -> None:
        self.text(value, size)
        self.pdf.ln(2)

    def height_of(self, value: str, size: float, style: str = "") -> float:
        from fpdf.enums import MethodReturnValue

        self.pdf.set_font("DejaVu", style, size)
        lines = self.pdf.multi_cell(self.width, size * 0.5, drawable(value), dry_run=True,
                                    output=MethodReturnValue.LINES)
        return len(cast(list[str], lines)) * size * 0.5

    def heading(self, value: str) -> None:
        self.pdf.ln(2)
        self.text(value, 11.5, "B", colour=21)
        self.pdf.set_draw_color(176, 190, 197)
        y = self.pdf.get_y() + 0.5
        self.pdf.line(self.MARGIN, y, self.MARGIN + self.width, y)
        self.pdf.ln(2)

    def header(self, data: BriefData, platform_name: Callable[[str], str]) -> None:
        self.pdf.set_fill_color(21, 101, 192)
        self.pdf.rect(0, 0, self.pdf.w, 4, style="F")
        self.pdf.set_y(9)
        self.text("PANTAU", 8, "B", colour=90)
        self.text(self.t("title"), 17, "B", colour=21, height=8)
        zone = zone_name(data.filters.timezone)
        if data.period:
            self.text(self.t("period", a=long_date(data.period[0], self.lang),
                             b=long_date(data.period[1], self.lang), zone=zone), 11, "B")
        platforms = ", ".join(platform_name(p) for p in data.filters.platforms)
        made = f"{data.made_at:%d/%m/%Y %H:%M} {zone}"
        self.text(self.t("platforms", p=platforms or self.t("all_platforms")) + " · "
                  + self.t("made", when=made), 8.5, colour=90)
        self.pdf.ln(3)

    def kpis(self, data: BriefData) -> None:
        n = data.numbers
        scored = sum(int(n[label]) for label in SENTIMENTS)

        def share(key: str) -> str:
            return percent(int(n[key]) / scored, self.lang) if scored else "–"

        boxes = [(self.t("volume"), whole(n["volume"], self.lang), "")]
        boxes += [(self.t(key), share(key), self.t("n_texts", n=whole(n[key], self.lang)))
                  for key in (Sentiment.POSITIVE, Sentiment.NEUTRAL, Sentiment.NEGATIVE)]
        boxes += [(self.t("net"), fraction(float(n["net_sentiment"]), self.lang, signed=True),
                   self.t("net_note")),
                  (self.t("hoax"), whole(n["hoax_flagged"], self.lang),
                   self.t("hoax_note", t=fraction(data.threshold, self.lang)))]
        gap, top = 2.5, self.pdf.get_y()
        box = (self.width - gap * (len(boxes) - 1)) / len(boxes)
        for i, (name, value, note) in enumerate(boxes):
            x = self.MARGIN + i * (box + gap)
            self.pdf.set_fill_color(240, 244, 248)
            self.pdf.rect(x, top, box, 21, style="F", round_corners=True, corner_radius=1.5)
            for text, size, style, y, colour in ((name, 7.5, "", 2.5, 70),
                                                 (value, 15, "B", 7.5, 21),
                                                 (note, 6.5, "", 15.5, 90)):
                self.pdf.set_font("DejaVu", style, size)
                self.pdf.set_text_color(colour)
                self.pdf.set_xy(x + 2, top + y)
                self.pdf.cell(box - 4, size * 0.45, drawable(text))
        self.pdf.set_y(top + 23)
        notes = []
        if n["unscored"]:
            notes.append(self.t("unscored", n=whole(n["unscored"], self.lang)))
        if n["uncertain"]:
            notes.append(self.t("uncertain", n=whole(n["uncertain"], self.lang),
                                c=fraction(data.filters.min_confidence, self.lang)))
        if notes:
            self.text(" ".join(notes), 7.5, colour=90)

    def chart(self, data: BriefData) -> None:
        self.heading(self.t("trend", b=self.t(data.bucket)))
        if data.period is None or data.trend.empty:
            return
        names = {key: self.t(key) for key in ORDER[:3]} | {"other": self.t("other")}
        png = trend_png(data.trend, data.bucket, names, data.period,
                        decimal_comma=self.lang == "id")
        height = self.width * 2.3 / 7.4
        self.pdf.image(io.BytesIO(png), x=self.MARGIN, y=self.pdf.get_y(), w=self.width,
                       h=height)
        self.pdf.set_y(self.pdf.get_y() + height + 1)

    def narratives(self, clusters: pd.DataFrame) -> None:
        self.heading(self.t("narratives"))
        rows = cast(list[dict[str, Any]], clusters.head(MAX_NARRATIVES).to_dict("records"))
        for number, row in enumerate(rows, 1):
            line = self.t("narrative_line", n=whole(row.get("estimated", row["size"]), self.lang),
                          s=percent(float(row["share"]), self.lang),
                          h=percent(float(row.get("hoax_share") or 0), self.lang))
            value = f"{number}. {_clip(row['label'], 110)} — {line}"
            if self.pdf.get_y() + self.height_of(value, 8.5) > self.BOTTOM - 60:
                break
            self.text(value, 8.5)
            self.pdf.ln(0.8)

    def spreading(self, claims: pd.DataFrame) -> None:
        """The debunked claims the period's texts repeat most: one line each, with the link
        to the debunk."""
        self.heading(self.t("spreading"))
        rows = cast(list[dict[str, Any]], claims.head(MAX_SPREADING).to_dict("records"))
        for number, row in enumerate(rows, 1):
            line = self.t("spreading_line", n=whole(row["posts"], self.lang),
                          c=whole(row["confirmed"], self.lang),
                          a=whole(row["accounts"], self.lang),
                          d=whole(row["last_24h"], self.lang))
            url = str(row["url"] or "").strip()  # a web address only: no javascript: from data
            link = f" — {_clip(url, 90)}" if url.lower().startswith(("https://", "http://")) else ""
            self.text(f"{number}. {_clip(row['title'], 120)} — {line}{link}", 8.5)
            self.pdf.ln(0.8)

    def hoaxes(self, data: BriefData, platform_name: Callable[[str], str],
               author_name: Callable[[Any], Any] | None) -> None:
        self.heading(self.t("hoaxes"))
        if data.hoaxes.empty:
            self.paragraph(self.t("no_hoaxes"))
            return
        shown = 0
        for number, row in enumerate(data.hoaxes.itertuples(index=False), 1):
            block = self._hoax_block(number, row, platform_name, author_name)
            height = sum(self.height_of(text, size, style) + 0.6 for text, size, style in block)
            if self.pdf.get_y() + height > self.BOTTOM:
                break
            for text, size, style in block:
                self.text(text, size, style, colour=33 if style != "I" else 55)
                self.pdf.ln(0.6)
            self.pdf.ln(1.5)
            shown += 1
        rest = int(data.numbers["hoax_flagged"]) - shown
        if rest > 0:
            self.text(self.t("more", n=whole(rest, self.lang)), 8, "I", colour=90)

    def _hoax_block(self, number: int, row: Any, platform_name: Callable[[str], str],
                    author_name: Callable[[Any], Any] | None) -> list[tuple[str, float, str]]:
        author, text = row.author, row.text
        if author_name is not None:
            author = author_name(author)
            mentions = getattr(author_name, "mentions", None)
            text = mentions(text) if mentions else text
        when = f"{pd.Timestamp(row.local_time):%d/%m/%Y %H:%M}"
        head = self.t("hoax_head", s=fraction(float(row.hoax_score), self.lang),
                      platform=platform_name(str(row.platform)), author=_clip(author or "—", 40),
                      when=when, status=label(row.status, self.lang))
        block = [(f"{number}. {head}", 8.5, "B"), (f"“{_clip(text, 260)}”", 8.5, "I")]
        claims = [c for c in (row.claims or []) if c.get("verdict")]
        if claims:
            block.append((self.t("claim", v=label(claims[0]["verdict"], self.lang),
                                 title=_clip(claims[0].get("title"), 160)), 8, ""))
        cues = sorted({str(c.get("matched", "")) for c in (row.cues or []) if c.get("matched")})
        if cues:
            block.append((self.t("cues", words=", ".join(cues[:8])), 8, ""))
        if getattr(row, "cluster_accounts", None):
            block.append((self.t("coordination", a=int(row.cluster_accounts),
                                 m=round(float(row.cluster_span or 0)),
                                 p=int(row.cluster_posts or 0)), 8, ""))
        return block

    def footer(self) -> None:
        self.pdf.set_y(self.BOTTOM + 6)
        self.pdf.set_draw_color(176, 190, 197)
        self.pdf.line(self.MARGIN, self.pdf.get_y(), self.MARGIN + self.width, self.pdf.get_y())
        self.pdf.ln(1.5)
        self.text(self.t("footer"), 7, colour=110)
