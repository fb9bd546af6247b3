"""The pages in a real headless Chromium against the live server, on the project's sample papers.

The sample papers are imported and extracted with the import command, as `make demo` does; every
number on the pages comes from the extraction engine.
"""

import io
import re

import pytest
from django.core.management import call_command
from selenium.webdriver.common.keys import Keys

from claims.models import Benchmark, Claim, Metric
from claims.selectors.history import history_get
from tests.claims.factories import TaskFactory
from tests.e2e.support import EC, REPO_DIR, By, screenshot, wait, wait_text, wait_visible

pytestmark = pytest.mark.django_db(transaction=True)

SAMPLES = [REPO_DIR / "papers" / "sample_data" / "papers.jsonl",
           REPO_DIR / "papers" / "sample_data" / "leaderboard_papers.jsonl"]  # fmt: skip


@pytest.fixture
def seeded():
    for path in SAMPLES:
        call_command("import_papers", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert Claim.objects.filter(benchmark__slug="gsm8k").count() >= 10


def live_scores(benchmark: str, metric: str, split: str = ""):
    return Claim.objects.filter(
        benchmark__slug=benchmark, metric__slug=metric, kind="score", split=split
    ).exclude(status=Claim.Status.REJECTED)


def board_methods(driver) -> list[str]:
    return [td.text for td in driver.find_elements(By.CSS_SELECTOR, "table.board td.method")]


def test_each_page_loads_with_its_stylesheet(page, seeded):
    driver, url = page

    driver.get(f"{url}/")
    wait_text(driver, "h1", "Benchmark results")
    # The stylesheet is ours and applied: the header is dark.
    header = driver.find_element(By.CSS_SELECTOR, ".site-header")
    assert header.value_of_css_property("background-color") == "rgba(23, 32, 51, 1)"
    cards = driver.find_elements(By.CSS_SELECTOR, ".grid-cards li a.name")
    assert cards[0].text == "GSM8K"
    screenshot(driver, "home")

    search = driver.find_element(By.ID, "q")
    search.send_keys("speech\n")
    wait_text(driver, "#results-heading", "speech")
    assert "Tidepool: Mixture-of-Experts Encoders for Speech" in driver.page_source
    screenshot(driver, "home-search")

    driver.find_element(By.LINK_TEXT, "Tasks").click()
    wait_text(driver, "h1", "Benchmarks by task")
    screenshot(driver, "tasks")
    driver.find_element(By.LINK_TEXT, "traffic forecasting").click()
    wait_text(driver, "h1", "traffic forecasting")
    assert "METR-LA" in driver.find_element(By.TAG_NAME, "table").text
    screenshot(driver, "task")

    driver.get(f"{url}/benchmarks/gsm8k/")
    wait_text(driver, "h1", "GSM8K")
    screenshot(driver, "benchmark")

    driver.find_element(By.CSS_SELECTOR, "table.board td.paper a").click()
    wait_visible(driver, ".abstract mark")
    assert driver.find_element(By.TAG_NAME, "h1").text.startswith("Sextant")
    screenshot(driver, "paper")
    # The highlighted number leads back to its leaderboard row.
    driver.find_element(By.CSS_SELECTOR, ".abstract mark a").click()
    wait(driver).until(EC.url_contains("/benchmarks/gsm8k/?metric=accuracy#claim-"))

    driver.get(f"{url}/benchmarks/no-such-benchmark/")
    assert "Not Found" in driver.page_source or "not found" in driver.page_source.lower()


def test_switching_metric_changes_the_board_and_the_chart(page, seeded):
    driver, url = page
    driver.get(f"{url}/benchmarks/gsm8k/")
    wait_visible(driver, "table.board")
    assert (
        driver.find_element(By.CSS_SELECTOR, '.metric-switcher a[aria-current="true"]')
        .text.lower()
        .startswith("accuracy")
    )
    assert board_methods(driver)[0] == "Sextant"

    driver.find_element(By.CSS_SELECTOR, '.metric-switcher a[data-metric="zero-shot-accuracy"]').click()

    wait(driver).until(EC.url_contains("metric=zero-shot-accuracy"))
    current = driver.find_element(By.CSS_SELECTOR, '.metric-switcher a[aria-current="true"]')
    assert current.get_attribute("data-metric") == "zero-shot-accuracy"
    methods = sorted(m.split()[0] for m in board_methods(driver))
    assert methods == sorted(live_scores("gsm8k", "zero-shot-accuracy").values_list("method", flat=True))
    assert "Leaderboard: zero-shot accuracy" in driver.find_element(By.ID, "board-heading").text
    points = driver.find_elements(By.CSS_SELECTOR, "#chart > svg circle.claim-point")
    assert len(points) == live_scores("gsm8k", "zero-shot-accuracy").count()
    screenshot(driver, "benchmark-zero-shot")

    # Back with the keyboard: the switcher is plain links, reachable by Tab and followed with Enter.
    driver.find_element(By.CSS_SELECTOR, '.metric-switcher a[data-metric="accuracy"]').send_keys(Keys.ENTER)
    wait(driver).until(EC.url_contains("metric=accuracy"))
    assert board_methods(driver)[0] == "Sextant"


# LibriSpeech is reported per split only: its page shows the most reported one, test-clean.
@pytest.mark.parametrize(
    ("benchmark", "metric", "split"), [("gsm8k", "accuracy", ""), ("librispeech", "wer", "test-clean")]
)
def test_chart_has_a_point_per_claim_and_a_step_per_record(page, seeded, benchmark, metric, split):
    driver, url = page
    driver.get(f"{url}/benchmarks/{benchmark}/?metric={metric}")
    svg = wait_visible(driver, "#chart > svg")

    claims = live_scores(benchmark, metric, split).filter(paper__published__isnull=False)
    points = svg.find_elements(By.CSS_SELECTOR, "circle.claim-point")
    assert sorted(int(p.get_attribute("data-claim")) for p in points) == sorted(
        claims.values_list("pk", flat=True)
    )

    the_metric = Metric.objects.get(slug=metric)
    from claims.models import Benchmark

    records = history_get(benchmark=Benchmark.objects.get(slug=benchmark), metric=the_metric).points
    record_points = svg.find_elements(By.CSS_SELECTOR, "circle.claim-point.record")
    assert [int(p.get_attribute("data-claim")) for p in record_points] == [r.row.claim_id for r in records]
    assert len(records) >= 3
    step = svg.find_element(By.CSS_SELECTOR, "path.sota-step").get_attribute("d")
    assert step.count("V") == len(records) - 1  # one rise (or fall) per record after the first
    # The direction is the metric's: each record is higher on screen for accuracy, lower for WER.
    ys = [float(p.get_attribute("cy")) for p in record_points]
    pairs = list(zip(ys, ys[1:], strict=False))
    if the_metric.higher_is_better:
        assert all(b < a for a, b in pairs)
    else:
        assert all(b > a for a, b in pairs)
    # Axes carry dates and values.
    labels = [t.text for t in svg.find_elements(By.CSS_SELECTOR, ".axis-x text")]
    assert "2023" in labels and "paper date" in labels
    values = [t.text for t in svg.find_elements(By.CSS_SELECTOR, ".axis-y text")]
    assert all(re.fullmatch(r"-?[\d.]+", v) for v in values[:-1]) and len(values) >= 3
    screenshot(driver, f"chart-{benchmark}")


def test_pages_fit_a_narrow_screen(page, seeded):
    driver, url = page
    size = driver.get_window_size()
    driver.set_window_size(390, 844)
    try:
        for path, name in [("/", "narrow-home"), ("/benchmarks/gsm8k/", "narrow-benchmark")]:
            driver.get(f"{url}{path}")
            wait_visible(driver, "h1")
            screenshot(driver, name)  # asserts the page is no wider than the window
    finally:
        driver.set_window_size(size["width"], size["height"])


def test_task_catalog_pages_link_parents_subtasks_and_benchmarks(page, seeded):
    """With catalog tasks linked, a visitor walks from the top-level task to its subtask and a benchmark."""
    driver, url = page
    reasoning = TaskFactory(name="Reasoning")
    arithmetic = TaskFactory(name="Arithmetic word problems", parent=reasoning)
    gsm8k = Benchmark.objects.get(slug="gsm8k")
    gsm8k.tasks.add(arithmetic, TaskFactory(name="Grade-school maths"))

    driver.get(f"{url}/tasks/")
    wait_text(driver, "h1", "Benchmarks by task")
    headings = [h.text for h in driver.find_elements(By.CSS_SELECTOR, "section h2")]
    assert "Reasoning" in headings and "Arithmetic word problems" not in headings
    assert "traffic forecasting" in headings  # benchmarks without a catalog task are still grouped
    driver.find_element(By.LINK_TEXT, "Arithmetic word problems").click()
    wait_text(driver, "h1", "Arithmetic word problems")
    assert "GSM8K" in driver.find_element(By.TAG_NAME, "table").text
    screenshot(driver, "subtask")

    driver.find_element(By.CSS_SELECTOR, ".crumbs").find_element(By.LINK_TEXT, "Reasoning").click()
    wait_text(driver, "h1", "Reasoning")
    driver.find_element(By.LINK_TEXT, "Arithmetic word problems").click()
    driver.find_element(By.LINK_TEXT, "GSM8K").click()
    wait_text(driver, "h1", "GSM8K")
    crumbs = driver.find_element(By.CSS_SELECTOR, ".crumbs").text
    assert "Arithmetic word problems" in crumbs and "Grade-school maths" in crumbs
