"""Logins through AppTest: the login screen first, viewers read only, analysts sign their work."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.accounts import add_account, create_demo_accounts, demo_note
from tests.dashboard.apptest import run, signs_a_status_change_and_uploads, start
from tests.dashboard_fixtures import EXPECTED, HOAX_ORDER, build_store

PASSWORDS = {"ani": "sandi-analis-ani", "kapolres": "sandi-pimpinan-1"}


def _start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, auth: str = "on") -> AppTest:
    """The app over the fixture store with login ``auth``, not yet run (the accounts file is
    the default one beside the store)."""
    return next(start(tmp_path, monkeypatch, build_store, auth=auth))


@pytest.fixture
def users(tmp_path: Path) -> Path:
    path = tmp_path / "pantau-users.json"
    add_account(path, "ani", "analyst", PASSWORDS["ani"])
    add_account(path, "kapolres", "viewer", PASSWORDS["kapolres"])
    return path


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, users: Path) -> Iterator[AppTest]:
    """The app with login on and the two accounts of ``users``, not yet run."""
    yield from start(tmp_path, monkeypatch, build_store, auth="on")


def login(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="login_name").input(name)
    at.text_input(key="login_password").input(password)
    at.button(key="FormSubmitter:login-Masuk").click()
    return run(at)


def account_box(at: AppTest) -> list[str]:
    return [m.value for m in at.sidebar.markdown if "account_circle" in m.value]


def test_the_login_screen_comes_before_any_page(app: AppTest) -> None:
    run(app)
    assert app.title[0].value == "Masuk ke Pantau"
    assert not app.metric and not app.sidebar.multiselect
    assert [t.label for t in app.text_input] == ["Nama akun", "Kata sandi"]
    assert app.text_input(key="login_password").proto.type == 1, "a password field"
    assert "pantau user add" in " ".join(c.value for c in app.caption)
    with pytest.raises(ValueError, match=r"Known pages: \['Masuk ke Pantau'\]"):
        app.switch_page("halaman/hoaks.py")  # no other page is declared before signing in


def test_a_wrong_password_is_refused(app: AppTest) -> None:
    login(run(app), "ani", "bukan-sandinya")
    assert [e.value for e in app.error] == ["Nama akun atau kata sandi salah."]
    assert app.title[0].value == "Masuk ke Pantau"
    login(app, "tidak-ada", PASSWORDS["ani"])
    assert [e.value for e in app.error] == ["Nama akun atau kata sandi salah."]


def test_a_viewer_reads_every_page_but_changes_nothing(app: AppTest) -> None:
    login(run(app), "kapolres", PASSWORDS["kapolres"])
    assert app.title[0].value == "Pantau — Pemantauan Opini Publik"
    assert account_box(app) == [":material/account_circle: **kapolres** · Pimpinan (lihat saja)"]
    assert any(m.label == "Volume teks" for m in app.metric)
    run(app, "halaman/hoaks.py")
    assert len([m for m in app.metric if m.label == "Skor hoaks"]) == len(HOAX_ORDER)
    assert not [b for b in app.button if "Simpan status" in b.label], "no status form"
    run(app, "halaman/koreksi.py")
    assert "Akun pimpinan hanya dapat melihat" in app.info[0].value
    assert not [b for b in app.button if b.label.startswith("Simpan")]
    assert "analyst" not in [w.key for w in app.sidebar.text_input], "no name to type"
    run(app, "halaman/jelajah.py")
    assert len(app.dataframe[0].value) == EXPECTED["volume"]
    assert not [b for b in app.button if b.label.startswith("Simpan")]
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page("halaman/unggah.py")  # not in a viewer's navigation: not reachable
    run(app, "halaman/laporan.py")
    assert [b.proto.label for b in app.get("download_button")][-1] == "Unduh ringkasan PDF"


def test_an_analyst_signs_status_changes_with_the_login_name(app: AppTest) -> None:
    login(run(app), "ANI", PASSWORDS["ani"])
    assert account_box(app) == [":material/account_circle: **ani** · Analis"]
    signs_a_status_change_and_uploads(app, "ani", HOAX_ORDER[0])


def test_signing_out_returns_to_the_login_screen(app: AppTest) -> None:
    login(run(app), "ani", PASSWORDS["ani"])
    app.button(key="auth_logout").click()
    run(app)
    assert "auth_user" not in app.session_state
    assert app.title[0].value == "Masuk ke Pantau"


def test_a_removed_account_is_signed_out_at_the_next_page_load(app: AppTest,
                                                               users: Path) -> None:
    from analysis.accounts import remove_account

    login(run(app), "ani", PASSWORDS["ani"])
    remove_account(users, "ani")
    run(app, "halaman/hoaks.py")
    assert not [b for b in app.button if "Simpan status" in b.label], "no longer an analyst"
    assert app.title[0].value == "Masuk ke Pantau"


def test_without_accounts_the_login_screen_says_how_to_make_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = run(_start(tmp_path, monkeypatch))
    assert at.warning[0].value.startswith("Belum ada akun, jadi belum ada yang dapat masuk.")
    assert "pantau user add NAMA --role analyst" in at.code[0].value
    assert not at.text_input


def test_demo_accounts_are_explained_on_the_login_screen(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    users = tmp_path / "pantau-users.json"
    made = create_demo_accounts(users, demo_note(users))
    assert made is not None
    at = run(_start(tmp_path, monkeypatch))
    assert any("**analis** dan **pimpinan**" in c.value for c in at.caption)
    login(at, "pimpinan", made["pimpinan"])
    assert account_box(at) == [":material/account_circle: **pimpinan** · Pimpinan (lihat saja)"]


def test_login_off_is_a_warning_in_the_sidebar(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    at = run(_start(tmp_path, monkeypatch, auth="off"))
    assert at.sidebar.warning[0].value.startswith("Login dimatikan (PANTAU_AUTH=off)")
    assert [m.value for m in at.metric][0] == str(EXPECTED["volume"])
