"""Official accounts told apart by their handles, and by the operator's list."""

from __future__ import annotations

import pytest

from analysis.settings import load_settings
from analysis.signals.official import handle_key, official_accounts


@pytest.mark.parametrize("handle", [
    "@PolsekAmpar", "polres_bone", "HmsPoldaPapua", "Humas_SEK_TWGH", "DivHumas_Polri",
    "tni_ad", "puspentni", "kodim0415jambi", "pemkab_muarojambi", "kemenkes_ri", "KPU_RI",
    "ntmcpolri", "bnn_ri", "diskominfo.jambi",
])
def test_unit_handles_are_official(handle: str) -> None:
    assert official_accounts([handle]) == [handle]


@pytest.mark.parametrize("handle", [
    "budi_santoso", "kartini_92", "robin", "skpu", "antnimation", "warga_jambi", "", None,
])
def test_personal_handles_are_not(handle: str | None) -> None:
    assert official_accounts([handle]) == []


def test_the_operator_names_accounts_whose_handles_say_nothing() -> None:
    settings = load_settings({"PANTAU_OFFICIAL_ACCOUNTS": " @KabidHumasJambi , ditreskrimsus,"})
    assert settings.official_accounts == ("@KabidHumasJambi", "ditreskrimsus")
    assert official_accounts(["kabidhumasjambi", "DitReskrimsus", "warga"],
                             ["ditreskrimsus"]) == ["kabidhumasjambi", "DitReskrimsus"]
    assert handle_key(" @Ditreskrimsus.Jambi ") == "ditreskrimsusjambi"
