"""A curator works through the queue with the keyboard only; the database is checked after each key."""

import io

import pytest
from django.core.management import call_command
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from claims.models import Claim, CurationDecision
from tests.e2e.support import REPO_DIR, By, screenshot, wait, wait_text, wait_visible
from tests.web.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def seeded():
    path = REPO_DIR / "papers" / "sample_data" / "leaderboard_papers.jsonl"
    call_command("import_papers", str(path), stdout=io.StringIO(), stderr=io.StringIO())


def press(driver, keys: str) -> None:
    ActionChains(driver).send_keys(keys).perform()


def shown(driver) -> int:
    return int(wait_visible(driver, "#queue-claim").get_attribute("data-claim"))


def after_key(driver, keys: str, *, previous: int | None) -> int:
    """Press, wait for the next page to load (another claim, or a new message), return the claim shown."""
    marker = driver.find_element(By.TAG_NAME, "main")
    press(driver, keys)
    wait(driver).until(lambda d: _stale(marker))
    return shown(driver)


def _stale(element) -> bool:
    try:
        element.is_enabled()
        return False
    except Exception:  # noqa: BLE001 - StaleElementReferenceException: the page was replaced
        return True


def sign_in_with_the_keyboard(driver, url: str, next_path: str) -> None:
    driver.get(f"{url}/accounts/login/?next={next_path}")
    wait_visible(driver, "#id_username").send_keys("curator")
    press(driver, Keys.TAB + PASSWORD + Keys.ENTER)
    wait_visible(driver, "#queue-claim")


def test_verify_reject_undo_skip_and_edit_from_the_keyboard(page, seeded):
    driver, url = page
    curator = make_user("curator", curator=True)
    pending = Claim.objects.filter(benchmark__slug="gsm8k", status=Claim.Status.EXTRACTED)
    total = pending.count()
    sign_in_with_the_keyboard(driver, url, "/curate/?benchmark=gsm8k")
    assert driver.find_element(By.ID, "progress").text == f"{total} of {total} left"
    screenshot(driver, "queue")

    first = shown(driver)
    second = after_key(driver, "v", previous=first)
    claim = Claim.objects.get(pk=first)
    assert (claim.status, claim.curated_by_id) == (Claim.Status.VERIFIED, curator.pk)
    assert claim.curated_at is not None
    assert second != first
    wait_text(driver, ".messages", "Verified")
    assert driver.find_element(By.ID, "progress").text == f"{total - 1} of {total} left"

    third = after_key(driver, "r", previous=second)
    assert Claim.objects.get(pk=second).status == Claim.Status.REJECTED
    assert third != second
    screenshot(driver, "queue-after-reject")

    back = after_key(driver, "u", previous=third)
    restored = Claim.objects.get(pk=second)
    assert (restored.status, restored.curated_by_id, restored.curated_at) == (
        Claim.Status.EXTRACTED,
        None,
        None,
    )
    assert back == second  # the undone claim is shown again
    assert CurationDecision.objects.get(claim_id=second).undone_at is not None
    wait_text(driver, ".messages", "Undone")

    before = Claim.objects.get(pk=second).updated_at
    skipped_to = after_key(driver, "s", previous=second)
    assert skipped_to not in (first, second)
    assert Claim.objects.get(pk=second).updated_at == before  # a skip writes nothing
    assert Claim.objects.get(pk=second).status == Claim.Status.EXTRACTED
    assert "(1 skipped)" in driver.find_element(By.ID, "progress").text

    # e puts the cursor in the value; the new number and Enter save and verify.
    press(driver, "e")
    assert driver.switch_to.active_element.get_attribute("id") == "id_value"
    after_key(driver, "12.5" + Keys.ENTER, previous=skipped_to)
    edited = Claim.objects.get(pk=skipped_to)
    assert (edited.value, edited.status, edited.curated_by_id) == (12.5, Claim.Status.VERIFIED, curator.pk)
    wait_text(driver, ".messages", "Corrected and verified 12.5")
    # Typing in a field never fires a shortcut: the v, r and s typed above would have decided claims.
    assert CurationDecision.objects.filter(undone_at__isnull=True).count() == 2


def test_people_outside_the_curators_group_cannot_open_the_queue(page, seeded):
    driver, url = page
    driver.get(f"{url}/curate/")
    wait_visible(driver, "#id_username")
    assert "/accounts/login/?next=/curate/" in driver.current_url

    make_user("reader")
    driver.find_element(By.ID, "id_username").send_keys("reader")
    press(driver, Keys.TAB + PASSWORD + Keys.ENTER)
    wait_text(driver, "h1", "403")
    assert not driver.find_elements(By.CSS_SELECTOR, "#queue-claim")
