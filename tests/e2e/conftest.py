"""A headless Chromium for the end-to-end tests, driven through Selenium against pytest-django's live_server."""

import os
from pathlib import Path

import pytest

from tests.e2e.support import CHROMEDRIVER, CHROMIUM, saved_screenshots, unavailable, webdriver


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.e2e)


def pytest_terminal_summary(terminalreporter):
    if saved_screenshots:
        folders = sorted({str(path.parent) for path in saved_screenshots})
        terminalreporter.write_line(
            f"e2e: {len(saved_screenshots)} screenshot(s) saved in {', '.join(folders)}"
        )


@pytest.fixture(scope="session")
def browser():
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not os.access(path, os.X_OK)]
    if missing:
        unavailable(f"missing {' and '.join(missing)}")

    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-extensions",
        "--no-first-run",
        "--window-size=1400,1000",
        # Nothing but the live server: other hosts (e.g. the web fonts Redoc's page links) fail at once.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
    ):
        options.add_argument(argument)

    # Selenium Manager must never try to download a browser or driver.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SE_OFFLINE", "true")
        driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def page(browser, live_server):
    """The browser with a fresh session (no cookies left by an earlier test), and the server's address."""
    browser.delete_all_cookies()
    yield browser, live_server.url
    browser.delete_all_cookies()
