"""A curator logs in to the admin, reads a claim's evidence and verifies it with the bulk action."""

import pytest
from django.contrib.auth import get_user_model

from claims.models import Benchmark, Claim
from tests.claims.factories import BenchmarkFactory, ClaimFactory, MetricFactory
from tests.e2e.support import EC, By, Select, wait, wait_text, wait_visible

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "glass-heron-tulip-42"


@pytest.fixture
def curator():
    return get_user_model().objects.create_superuser("curator", "curator@example.org", PASSWORD)


def _log_in(driver, url: str, next_path: str) -> None:
    driver.get(f"{url}/admin/login/?next={next_path}")
    wait_visible(driver, "#id_username").send_keys("curator")
    driver.find_element(By.ID, "id_password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, '#login-form [type="submit"]').click()
    wait(driver).until(EC.url_contains(next_path))


def _row_of(driver, claim: Claim):
    box = driver.find_element(By.CSS_SELECTOR, f'#result_list input.action-select[value="{claim.pk}"]')
    return box, box.find_element(By.XPATH, "./ancestor::tr")


def test_curator_verifies_a_claim_from_the_changelist(page, curator):
    driver, url = page
    metric = MetricFactory(name="exact match")
    target = ClaimFactory(
        benchmark=BenchmarkFactory(name="Pebble Trivia"),
        metric=metric,
        method="Quillstone",
        value=73.4,
        value_text="73.4%",
        evidence="Quillstone scores 73.4% exact match on Pebble Trivia with half the parameters of its teacher.",
    )
    other = ClaimFactory(
        metric=metric,
        method="Mossbank",
        value=12.5,
        value_text="12.5 points",
        evidence="Mossbank gains 12.5 points over retrieval-free baselines.",
    )

    _log_in(driver, url, "/admin/claims/claim/")
    wait_visible(driver, "#result_list")

    # The evidence is shown with the claim's number highlighted.
    box, row = _row_of(driver, target)
    evidence = row.find_element(By.CSS_SELECTOR, "td.field-evidence_excerpt")
    assert "exact match on Pebble Trivia" in evidence.text
    assert evidence.find_element(By.TAG_NAME, "mark").text == "73.4%"
    _, other_row = _row_of(driver, other)
    assert other_row.find_element(By.CSS_SELECTOR, "td.field-evidence_excerpt mark").text == "12.5 points"

    box.click()
    assert box.is_selected()
    wait_text(driver, ".action-counter", "1 of 2 selected")
    Select(driver.find_element(By.CSS_SELECTOR, 'select[name="action"]')).select_by_visible_text(
        "Verify selected claims"
    )
    driver.find_element(By.CSS_SELECTOR, '.actions button[type="submit"]').click()

    wait_text(driver, ".messagelist .success", "Verified 1 claim.")
    target.refresh_from_db()
    other.refresh_from_db()
    assert target.status == Claim.Status.VERIFIED
    assert target.curated_by == curator
    assert target.curated_at is not None
    # The claim that was not ticked is untouched.
    assert other.status == Claim.Status.EXTRACTED
    assert other.curated_by is None
    # And the changelist shows the new status.
    _, row = _row_of(driver, target)
    assert row.find_element(By.CSS_SELECTOR, "td.field-status").text == "Verified"


def test_merge_action_confirms_then_merges_benchmarks(page, curator):
    driver, url = page
    kept = BenchmarkFactory(name="Heron Reading")
    duplicate = BenchmarkFactory(name="HeronRead")
    ClaimFactory(benchmark=kept, method="Inkwell")
    ClaimFactory(benchmark=duplicate, method="Quillstone")
    ClaimFactory(benchmark=duplicate, method="Mossbank")
    bystander = BenchmarkFactory(name="Unrelated Puzzle Set")

    _log_in(driver, url, "/admin/claims/benchmark/")
    wait_visible(driver, "#result_list")
    for benchmark in (kept, duplicate):
        driver.find_element(
            By.CSS_SELECTOR, f'#result_list input.action-select[value="{benchmark.pk}"]'
        ).click()
    Select(driver.find_element(By.CSS_SELECTOR, 'select[name="action"]')).select_by_value("merge_selected")
    driver.find_element(By.CSS_SELECTOR, '.actions button[type="submit"]').click()

    # The confirmation page lists the two benchmarks with their claim counts, and only them.
    wait_text(driver, "#content h1", "Merge benchmarks")
    rows = {
        tr.find_element(By.CSS_SELECTOR, "td:first-child").text: tr.find_element(
            By.CSS_SELECTOR, "td:nth-child(3)"
        ).text
        for tr in driver.find_elements(By.CSS_SELECTOR, "#content table tbody tr")
    }
    assert rows == {"Heron Reading": "1", "HeronRead": "2"}
    target = Select(driver.find_element(By.CSS_SELECTOR, 'select[name="target"]'))
    assert {option.text for option in target.options} == {"Heron Reading (1 claim)", "HeronRead (2 claims)"}
    # Nothing is merged until the curator confirms.
    assert Benchmark.objects.filter(pk__in=[kept.pk, duplicate.pk, bystander.pk]).count() == 3

    target.select_by_visible_text("Heron Reading (1 claim)")
    driver.find_element(By.CSS_SELECTOR, '#content input[type="submit"][value="Merge"]').click()
    wait_text(driver, ".messagelist .success", "Merged HeronRead into Heron Reading: moved 2 claims.")
    assert not Benchmark.objects.filter(pk=duplicate.pk).exists()
    assert Benchmark.objects.filter(pk=bystander.pk).exists()
    assert sorted(Claim.objects.filter(benchmark=kept).values_list("method", flat=True)) == [
        "Inkwell",
        "Mossbank",
        "Quillstone",
    ]
    assert kept.aliases.filter(name="HeronRead").exists()
