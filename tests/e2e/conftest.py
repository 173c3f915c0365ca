"""Browser fixtures: headless Debian Chromium driven by Python playwright, and the app over the tiny test corpus.

Never runs ``playwright install``: the browser is the Debian ``chromium`` package (``apt-get install -y
chromium``), which the lead's run.sh installs in CI. Every request the page makes to a host other than the app's
loopback address is blocked and recorded, so tests can assert that the app makes no outside calls.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.app_fixtures import make_assistant, start_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
VIEWPORT = {"width": 1400, "height": 1000}
#: Milliseconds playwright waits for an element or an answer (the CI machine is slow and shared).
TIMEOUT_MS = 60_000
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install the Debian package with 'apt-get install -y chromium' "
                    "(never 'playwright install').")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    assistant = make_assistant(tmp_path_factory.mktemp("app-e2e"))
    app, url = start_app(assistant)
    try:
        yield url, assistant
    finally:
        app.close()


@pytest.fixture()
def page(browser):
    """A fresh page; ``page.outside_requests`` lists blocked requests to non-loopback hosts."""
    context = browser.new_context(viewport=VIEWPORT, locale="nl-NL")
    context.set_default_timeout(TIMEOUT_MS)
    outside: list[str] = []

    def guard(route):
        host = urlparse(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOOPBACK_HOSTS:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.outside_requests = outside
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot under tests/artifacts/ (git-ignored) and return its path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
