"""Running ``streamlit run`` and Debian's Chromium for the end-to-end tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
STARTUP_TIMEOUT_S = 60.0
WAIT_MS = 30_000


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_healthy(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"streamlit exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    pytest.fail(f"streamlit did not answer within {STARTUP_TIMEOUT_S:.0f} s:\n{log.read_text()}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)




def _oidc_secrets(env: dict[str, str]) -> list[str]:
    """``pantau oidc-secrets`` run as the README says, and its file passed to Streamlit."""
    done = subprocess.run([sys.executable, "-m", "analysis.cli", "oidc-secrets"], cwd=ROOT,
                          env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return ["--secrets.files", done.stdout.strip()]


@contextmanager
def serve(db: Path | str, cache: Path | None = None, users: Path | None = None,
          oidc: dict[str, str] | None = None, logs: Path | None = None) -> Iterator[str]:
    """The dashboard served by ``streamlit run`` over the store ``db`` (a DuckDB file, or a
    ``postgresql://`` URL); yields its base URL.

    ``cache`` replaces ``PANTAU_CACHE``; leave it out where the real model is needed.
    ``users`` is the accounts file to log in with; without it login is off (PANTAU_AUTH=off).
    ``oidc`` (``PANTAU_OIDC_*`` variables; needs ``cache``, where the secrets file goes) signs
    in with an identity provider instead (PANTAU_AUTH=oidc). The server's log goes into
    ``logs`` (default: the DuckDB file's folder, else the cache's parent).
    """
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PANTAU_DB": str(db)}
    if oidc is not None:
        assert cache is not None, "the secrets file goes into the test's own cache folder"
        env.update({"PANTAU_AUTH": "oidc", "PANTAU_DASHBOARD_URL": url, **oidc})
    elif users is None:
        env["PANTAU_AUTH"] = "off"
    else:
        env.update({"PANTAU_AUTH": "on", "PANTAU_USERS": str(users)})
    if cache is not None:
        env["PANTAU_CACHE"] = str(cache)
    if logs is None:
        assert isinstance(db, Path) or cache is not None, "say where the log goes: logs="
        logs = db.parent if isinstance(db, Path) else cache.parent  # type: ignore[union-attr]
    log = logs / f"streamlit-{port}.log"
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard" / "app.py"),
               "--server.port", str(port), "--server.address", "127.0.0.1",
               "--server.headless", "true", "--browser.gatherUsageStats", "false",
               "--server.fileWatcherType", "none", *(_oidc_secrets(env) if oidc else [])]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out,
                                   stderr=subprocess.STDOUT)
    try:
        _wait_until_healthy(url, process, log)
        yield url
    finally:
        _stop(process)


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium under Playwright; skipped locally and failed in CI when missing."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: run `make browser` (apt-get install chromium)"
        if _in_ci():
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def settle(tab: Page) -> None:
    """Wait until Streamlit has finished running the page script: no running indicator and no
    element left over from the previous run (Streamlit marks those ``data-stale``), twice, a
    moment apart, so a rerun that had not started at the first look is waited for too."""
    for _ in range(2):
        tab.get_by_test_id("stStatusWidget").wait_for(state="hidden")
        tab.wait_for_function("!document.querySelector('[data-stale=\"true\"]')")
        tab.wait_for_timeout(300)


def choose(tab: Page, widget: Locator, option: str) -> None:
    """Open a select box or multiselect and pick ``option``. The page is let settle first, and
    the list opened again if a rerun still under way redrew the widget and closed it or kept
    replacing its options; after three tries, the option is typed and taken with Enter."""
    for _attempt in range(3):
        settle(tab)
        widget.click()
        item = tab.get_by_role("option", name=option)
        try:
            item.wait_for(timeout=5_000)
            item.click(timeout=5_000)
        except PlaywrightTimeout:
            tab.keyboard.press("Escape")
            continue
        return
    settle(tab)
    widget.click()
    tab.keyboard.type(option)
    tab.get_by_role("option", name=option).wait_for()
    tab.keyboard.press("Enter")


def no_errors(tab: Page) -> None:
    assert tab.get_by_test_id("stException").count() == 0
    assert tab.get_by_test_id("stAlertContentError").count() == 0


def screenshot(tab: Page, path: Path) -> None:
    """The whole page: Streamlit scrolls inside its own container, so grow the window first."""
    height = tab.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    tab.set_viewport_size({"width": 1400, "height": min(max(int(height), 1000), 8000)})
    tab.wait_for_timeout(500)
    tab.screenshot(path=str(path), full_page=True)


def screenshot_folder(factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("PANTAU_SCREENSHOTS")
    path = Path(folder) if folder else factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path
