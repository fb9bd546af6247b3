"""Swagger UI and Redoc load their bundles from the sidecar's static files and render the schema."""

import pytest

from tests.e2e.support import By, wait, wait_text, wait_visible

pytestmark = pytest.mark.django_db(transaction=True)

LEADERBOARD_PATH = "/api/v1/benchmarks/{slug}/leaderboard/"


def test_swagger_ui_renders_the_operations(page):
    driver, url = page
    driver.get(f"{url}/api/docs/")

    # Swagger UI marks each operation with its path; the span it shows breaks the path with <wbr>.
    operation = wait_visible(driver, f'.opblock-get .opblock-summary-path[data-path="{LEADERBOARD_PATH}"]')
    assert "leaderboard" in operation.text
    wait_text(driver, ".information-container .title", "Benchmark-claims tracker API")

    # The schema was fetched and parsed: no error box, and the other endpoints are listed too.
    paths = {
        el.get_attribute("data-path") for el in driver.find_elements(By.CSS_SELECTOR, ".opblock-summary-path")
    }
    assert {"/api/v1/benchmarks/{slug}/history/", LEADERBOARD_PATH} <= paths
    assert len(paths) >= 5
    assert not driver.find_elements(By.CSS_SELECTOR, ".errors-wrapper .error-wrapper")


def test_swagger_ui_expands_an_operation(page):
    driver, url = page
    driver.get(f"{url}/api/docs/")
    summary = wait_visible(driver, f'.opblock-summary-path[data-path="{LEADERBOARD_PATH}"]')
    summary.click()
    # Opening it shows the parameters documented on the view.
    wait_text(driver, ".opblock.is-open .parameters", "verified_only")
    wait_text(driver, ".opblock.is-open .parameters", "published_after")


def test_redoc_renders_the_operations(page):
    driver, url = page
    driver.get(f"{url}/api/redoc/")
    heading = wait_visible(driver, "redoc h1")
    assert heading.text.startswith("Benchmark-claims tracker API")
    # The operation's summary appears once Redoc has loaded and parsed the schema.
    wait(driver).until(
        lambda d: any(
            "Leaderboard of a benchmark on one metric" in el.text
            for el in d.find_elements(By.CSS_SELECTOR, "redoc h2")
        )
    )
    assert not driver.find_elements(By.XPATH, "//*[contains(text(), 'Something went wrong')]")
