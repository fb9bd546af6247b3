"""Shared pieces of the browser tests: the Selenium import guard, locations and waits.

Without Chromium, its driver or Selenium the tests skip, except on CI (CI=true), where they fail:
CI installs all three, so their absence there is a broken setup and must not pass as a skip.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
INSTALL_HINT = "apt-get install -y chromium chromium-driver; pip install -r requirements/dev.txt"
WAIT_SECONDS = 15


def on_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def unavailable(reason: str, *, module_level: bool = False):
    """Skip with the reason, or fail on CI."""
    reason = f"{reason} ({INSTALL_HINT})"
    if on_ci():
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=module_level)


try:
    from selenium import webdriver
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError:  # pragma: no cover - depends on the environment
    unavailable("Selenium is not installed", module_level=True)

__all__ = ["EC", "By", "Select", "TimeoutException", "WebDriverWait", "webdriver"]


def wait(driver, seconds: float = WAIT_SECONDS) -> WebDriverWait:
    return WebDriverWait(driver, seconds)


def wait_visible(driver, css: str, seconds: float = WAIT_SECONDS):
    return wait(driver, seconds).until(EC.visibility_of_element_located((By.CSS_SELECTOR, css)))


def wait_text(driver, css: str, text: str, seconds: float = WAIT_SECONDS) -> None:
    wait(driver, seconds).until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, css), text))


REPO_DIR = Path(__file__).resolve().parents[2]
# Test artifacts: a screenshot of each page the browser tests visit (CI can keep the directory).
SCREENSHOT_DIR = Path(os.environ.get("E2E_SCREENSHOT_DIR", REPO_DIR / "var" / "screenshots"))
saved_screenshots: list[Path] = []


def screenshot(driver, name: str) -> Path:
    """Save the whole page (not just the window) as SCREENSHOT_DIR/<name>.png."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    width = driver.execute_script("return document.documentElement.scrollWidth")
    height = driver.execute_script("return document.documentElement.scrollHeight")
    size = driver.get_window_size()
    driver.set_window_size(size["width"], max(height + 140, 400))
    try:
        driver.save_screenshot(str(path))
    finally:
        driver.set_window_size(size["width"], size["height"])
    assert width <= size["width"], f"{name}: the page is wider ({width}px) than the window"
    saved_screenshots.append(path)
    return path
