from __future__ import annotations

from pathlib import Path

import pytest

from analysis.errors import ConfigError
from analysis.settings import BUILTIN_MODEL, Settings, load_settings


def test_defaults_use_the_builtin_model_and_wib() -> None:
    settings = load_settings({})
    assert settings.sentiment_model == BUILTIN_MODEL
    assert settings.timezone == "Asia/Jakarta"


def test_environment_overrides(tmp_path: Path) -> None:
    settings = load_settings({"PANTAU_DB": str(tmp_path / "x.duckdb"), "PANTAU_BATCH_SIZE": "8",
                              "PANTAU_SENTIMENT_LABELS": "negative, positive"})
    assert settings.db_path == tmp_path / "x.duckdb"
    assert settings.batch_size == 8
    assert settings.sentiment_labels == ("negative", "positive")


@pytest.mark.parametrize("env,message", [
    ({"PANTAU_BATCH_SIZE": "lots"}, "PANTAU_BATCH_SIZE='lots' is not a whole number"),
    ({"PANTAU_TIMEZONE": "Mars/Olympus"}, "not a known time zone"),
    ({"PANTAU_DEVICE": "tpu"}, "use auto, cpu or cuda"),
    ({"PANTAU_HOAX_THRESHOLD": "2"}, "outside 0.0..1.0"),
])
def test_bad_values_are_named(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(".", r"\.")):
        load_settings(env)


def test_quantisation_is_validated() -> None:
    import pytest

    from analysis.errors import ConfigError
    from analysis.settings import load_settings

    assert load_settings({}).quantize == "none"
    assert load_settings({"PANTAU_QUANTIZE": "none"}).quantize == "none"
    with pytest.raises(ConfigError, match="PANTAU_QUANTIZE"):
        load_settings({"PANTAU_QUANTIZE": "int4"})


def test_the_claim_reader_choice_is_validated() -> None:
    import pytest

    from analysis.errors import ConfigError
    from analysis.settings import load_settings

    assert load_settings({}).claim_reader == "full"
    assert load_settings({"PANTAU_CLAIM_READER": " Fast "}).claim_reader == "fast"
    with pytest.raises(ConfigError, match="PANTAU_CLAIM_READER"):
        load_settings({"PANTAU_CLAIM_READER": "quick"})


def test_a_postgresql_url_is_kept_as_written_and_never_shown() -> None:
    url = "postgresql://pantau:rahasia@db.example:5433/pantau"
    settings = load_settings({"PANTAU_DB": url})
    assert settings.db_url == url and settings.db_path == Settings().db_path
    assert "rahasia" not in repr(settings)
    assert load_settings({"PANTAU_DB": "/data/p.duckdb"}).db_url is None
    assert settings.with_db("/data/p.duckdb").db_url is None
    assert Settings().with_db(url).db_url == url
