"""The wording of exported files and of the PDF brief, in Bahasa Indonesia and English.

These are documents the library writes (the dashboard and any script make the same files), so
their words live here rather than in the dashboard's interface text. Numbers and dates follow
the language: 1.234 and 0,25 and "5 Mei 2025" in Indonesian, 1,234 and 0.25 in English.
"""

from __future__ import annotations

from datetime import date

from analysis.vocabulary import Sentiment, Status, Verdict

HEADERS: dict[str, dict[str, str]] = {
    "id": {"id": "id", "en": "id"},
    "local_time": {"id": "waktu_{zone}", "en": "time_{zone}"},
    "kind": {"id": "jenis", "en": "kind"},
    "platform": {"id": "platform", "en": "platform"},
    "source": {"id": "sumber", "en": "source"},
    "author": {"id": "penulis", "en": "author"},
    "text": {"id": "teks", "en": "text"},
    "url": {"id": "tautan", "en": "url"},
    "sentiment": {"id": "sentimen_model", "en": "model_sentiment"},
    "sentiment_score": {"id": "keyakinan_sentimen", "en": "sentiment_confidence"},
    "corrected": {"id": "sentimen_koreksi_analis", "en": "analyst_sentiment"},
    "hoax_score": {"id": "skor_hoaks", "en": "hoax_score"},
    "hoax_corrected": {"id": "hoaks_koreksi_analis", "en": "analyst_hoax_label"},
    "hoax_status": {"id": "status_hoaks", "en": "hoax_status"},
    "hoax_claim": {"id": "klaim_terbantah_diulang", "en": "debunked_claim_repeated"},
    "hoax_claim_url": {"id": "tautan_klarifikasi", "en": "debunk_url"},
    "likes": {"id": "suka", "en": "likes"},
    "shares": {"id": "bagikan", "en": "shares"},
    "replies": {"id": "balasan", "en": "replies"},
    "views": {"id": "dilihat", "en": "views"},
}

LABELS: dict[str, dict[str, str]] = {
    Sentiment.POSITIVE: {"id": "positif", "en": "positive"},
    Sentiment.NEUTRAL: {"id": "netral", "en": "neutral"},
    Sentiment.NEGATIVE: {"id": "negatif", "en": "negative"},
    "hoax": {"id": "hoaks", "en": "hoax"},
    "not_hoax": {"id": "bukan hoaks", "en": "not a hoax"},
    Status.NEW: {"id": "baru", "en": "new"},
    Status.VERIFIED: {"id": "diverifikasi", "en": "verified"},
    Status.CLARIFIED: {"id": "diklarifikasi", "en": "clarified"},
    Status.REPORTED: {"id": "dilaporkan", "en": "reported"},
    Status.NOT_HOAX: {"id": "bukan hoaks", "en": "not a hoax"},
    Verdict.COCOK: {"id": "cocok", "en": "match"},
    Verdict.MIRIP: {"id": "mirip, perlu dicek", "en": "similar, check it"},
}

BRIEF: dict[str, dict[str, str]] = {
    "title": {"id": "Ringkasan Opini Publik dan Hoaks", "en": "Public Opinion and Hoax Brief"},
    "period": {"id": "Periode {a} – {b} ({zone})", "en": "Period {a} – {b} ({zone})"},
    "platforms": {"id": "Platform: {p}", "en": "Platforms: {p}"},
    "all_platforms": {"id": "semua", "en": "all"},
    "made": {"id": "Dibuat {when} oleh Pantau", "en": "Made {when} by Pantau"},
    "volume": {"id": "Volume teks", "en": "Text volume"},
    "positive": {"id": "Positif", "en": "Positive"},
    "neutral": {"id": "Netral", "en": "Neutral"},
    "negative": {"id": "Negatif", "en": "Negative"},
    "net": {"id": "Sentimen bersih", "en": "Net sentiment"},
    "net_note": {"id": "positif − negatif", "en": "positive − negative"},
    "hoax": {"id": "Terindikasi hoaks", "en": "Hoax-flagged"},
    "hoax_note": {"id": "skor ≥ {t}", "en": "score ≥ {t}"},
    "n_texts": {"id": "{n} teks", "en": "{n} texts"},
    "unscored": {"id": "{n} teks belum dinilai model.", "en": "{n} texts not scored yet."},
    "uncertain": {"id": "{n} teks di bawah ambang keyakinan {c} tidak dihitung dalam porsi "
                        "sentimen.",
                  "en": "{n} texts below the confidence threshold {c} are left out of the "
                        "sentiment shares."},
    "trend": {"id": "Volume dan sentimen per {b}", "en": "Volume and sentiment per {b}"},
    "other": {"id": "belum dinilai / ragu", "en": "not scored / uncertain"},
    "hour": {"id": "jam", "en": "hour"},
    "day": {"id": "hari", "en": "day"},
    "week": {"id": "minggu", "en": "week"},
    "month": {"id": "bulan", "en": "month"},
    "narratives": {"id": "Narasi utama", "en": "Top narratives"},
    "narrative_line": {"id": "≈ {n} teks ({s}), {h} terindikasi hoaks",
                       "en": "≈ {n} texts ({s}), {h} hoax-flagged"},
    "narratives_failed": {"id": "Narasi utama tidak dapat dihitung: {error}",
                          "en": "Top narratives could not be computed: {error}"},
    "spreading": {"id": "Klaim terbantah yang masih diulang",
                  "en": "Debunked claims still repeated"},
    "spreading_line": {"id": "{n} teks ({c} cocok) dari {a} akun, {d} dalam 24 jam terakhir",
                       "en": "{n} texts ({c} cocok) from {a} accounts, {d} in the last 24 hours"},
    "hoaxes": {"id": "Teks paling mirip hoaks", "en": "Most hoax-like texts"},
    "hoax_head": {"id": "skor {s} · {platform} · {author} · {when} · status: {status}",
                  "en": "score {s} · {platform} · {author} · {when} · status: {status}"},
    "claim": {"id": "Klaim terbantah ({v}): {title}", "en": "Debunked claim ({v}): {title}"},
    "cues": {"id": "Kata pemicu: {words}", "en": "Trigger words: {words}"},
    "coordination": {"id": "Terkoordinasi: {a} akun memposting teks yang hampir sama dalam "
                           "{m} menit ({p} unggahan)",
                     "en": "Coordinated: {a} accounts posted near-identical text within {m} "
                           "minutes ({p} posts)"},
    "no_hoaxes": {"id": "Tidak ada teks dengan skor hoaks pada periode ini.",
                  "en": "No text with a hoax score in this period."},
    "more": {"id": "{n} teks lain di halaman Hoaks.", "en": "{n} more texts on the Hoaxes page."},
    "empty": {"id": "Tidak ada teks pada periode dan filter ini.",
              "en": "No texts in this period and with these filters."},
    "footer": {"id": "Skor model adalah indikasi untuk ditindaklanjuti analis, bukan putusan. "
                     "Sumber: ekspor media sosial dan berita yang diimpor ke Pantau.",
               "en": "Model scores are leads for analysts to follow up, not verdicts. Source: "
                     "social-media and news exports imported into Pantau."},
}

MONTHS = {
    "id": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
           "September", "Oktober", "November", "Desember"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
}

ZONES = {"Asia/Jakarta": "WIB", "Asia/Pontianak": "WIB", "Asia/Makassar": "WITA",
         "Asia/Jayapura": "WIT"}


def words(table: dict[str, dict[str, str]], key: str, lang: str, **values: object) -> str:
    """``table[key]`` in ``lang`` (English when the language is unknown), filled in."""
    entry = table[key]
    return entry.get(lang, entry["en"]).format(**values)


def label(value: object, lang: str) -> str:
    """A label or status code in words; unknown codes as they are."""
    text = str(value)
    return LABELS[text].get(lang, text) if text in LABELS else text


def zone_name(timezone: str) -> str:
    """WIB, WITA or WIT for Indonesia's zones; the zone's name elsewhere."""
    return ZONES.get(timezone, timezone)


def whole(n: float, lang: str) -> str:
    return _swap(f"{int(n):,}", lang)


def fraction(x: float, lang: str, digits: int = 2, signed: bool = False) -> str:
    return _swap(f"{x:{'+' if signed else ''},.{digits}f}", lang)


def percent(x: float, lang: str) -> str:
    return _swap(f"{x:.0%}", lang)


def long_date(day: date, lang: str) -> str:
    """5 Mei 2025 / 5 May 2025."""
    return f"{day.day} {MONTHS.get(lang, MONTHS['en'])[day.month - 1]} {day.year}"


def _swap(text: str, lang: str) -> str:
    return text.translate(str.maketrans(",.", ".,")) if lang == "id" else text
