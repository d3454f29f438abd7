"""``PANTAU_AUTH=oidc`` through AppTest: the organisation's sign-in button instead of the
password form, roles from the group claim of ``st.user``, the provider's name on the work.

AppTest cannot follow a real sign-in (tests/e2e/test_e2e_oidc.py does, with a provider on
127.0.0.1): here ``st.user`` is seeded with what the provider's ID token would give."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests.dashboard.apptest import run, signs_a_status_change_and_uploads, start
from tests.dashboard_fixtures import HOAX_ORDER, build_store
from tests.security.test_roles import ANALYST_ONLY, ROOT

AUTH_SECTION = {"redirect_uri": "http://localhost:8501/oauth2callback",
                "cookie_secret": "c" * 40, "client_id": "pantau", "client_secret": "s" * 20,
                "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    for name, value in {"PANTAU_OIDC_ISSUER": "http://127.0.0.1:9",
                        "PANTAU_OIDC_CLIENT_ID": "pantau",
                        "PANTAU_OIDC_CLIENT_SECRET": "s" * 20,
                        "PANTAU_OIDC_ANALYST_GROUPS": "humas-analis",
                        "PANTAU_OIDC_VIEWER_GROUPS": "pimpinan"}.items():
        monkeypatch.setenv(name, value)
    for at in start(tmp_path, monkeypatch, build_store, auth="oidc"):
        at.secrets["auth"] = AUTH_SECTION
        yield at


def signed_in(at: AppTest, **claims: Any) -> AppTest:
    at.user = {"is_logged_in": True, "email": "x@polres.example", **claims}
    return at


def account_box(at: AppTest) -> list[str]:
    return [m.value for m in at.sidebar.markdown if "account_circle" in m.value]


def test_the_sign_in_button_replaces_the_password_form(app: AppTest) -> None:
    app.user = {"is_logged_in": False}
    run(app)
    assert app.title[0].value == "Masuk ke Pantau"
    assert not app.text_input, "no name or password to type"
    assert [b.label for b in app.button] == ["Masuk dengan akun organisasi"]
    assert not app.metric


def test_the_analysts_group_makes_an_analyst_who_signs_with_the_username(app: AppTest) -> None:
    run(signed_in(app, preferred_username="ani", groups=["semua", "humas-analis"]))
    assert account_box(app) == [":material/account_circle: **ani** · Analis"]
    signs_a_status_change_and_uploads(app, "ani", HOAX_ORDER[0])


def test_a_viewer_group_as_one_string_reads_only(app: AppTest) -> None:
    run(signed_in(app, name="Kapolres Jambi", groups="pimpinan"))
    assert account_box(app) == [
        ":material/account_circle: **x@polres\\.example** · Pimpinan (lihat saja)"]
    run(app, "halaman/koreksi.py")
    assert "Akun pimpinan hanya dapat melihat" in app.info[0].value
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page("halaman/unggah.py")


def test_someone_in_no_mapped_group_is_refused_and_may_sign_out(app: AppTest) -> None:
    run(signed_in(app, preferred_username="tamu", groups=["semua"]))
    assert app.title[0].value == "Masuk ke Pantau"
    assert "tamu berhasil masuk, tetapi tidak termasuk grup" in app.error[0].value
    assert not app.metric
    assert [b.label for b in app.button] == ["Keluar"]


def test_without_the_secrets_file_the_screen_says_how_to_start(app: AppTest) -> None:
    app.secrets.clear()
    app.user = {"is_logged_in": False}
    run(app)
    assert app.error[0].value.startswith("PANTAU_AUTH=oidc, tetapi server dijalankan tanpa")
    assert '--secrets.files "$(pantau oidc-secrets)"' in app.code[0].value


@pytest.mark.parametrize("page", ANALYST_ONLY)
def test_analyst_pages_guard_themselves_from_a_viewer_group(app: AppTest, page: str) -> None:
    """Run directly, as if the navigation had let it through: a viewer by group gets no
    upload, form or button (the same rule as a local viewer account)."""
    at = AppTest.from_file(str(ROOT / "dashboard" / "halaman" / f"{page}.py"), default_timeout=30)
    at.user = {"is_logged_in": True, "preferred_username": "kapolres", "groups": ["pimpinan"]}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.get("file_uploader") and not at.button and not at.text_input
    assert at.info or at.warning or at.error, "the page says why it shows nothing"
