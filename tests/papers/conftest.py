import pytest

from tests.papers.feed_fixtures import ARXIV_API, ARXIV_OAI, HF_DAILY


@pytest.fixture
def feed_settings(settings):
    """The feeds point at the test hosts that respx answers; the real clock never waits in command tests."""
    settings.FEEDS_ARXIV_API_URL = ARXIV_API
    settings.FEEDS_ARXIV_OAI_URL = ARXIV_OAI
    settings.FEEDS_HF_DAILY_URL = HF_DAILY
    settings.FEEDS_ARXIV_PAGE_SIZE = 2
    settings.FEEDS_ARXIV_INTERVAL_SECONDS = 3
    settings.FEEDS_HF_INTERVAL_SECONDS = 1
    settings.FEEDS_BACKOFF_SECONDS = 2
    settings.FEEDS_MAX_RETRIES = 2
    settings.FEEDS_USER_AGENT = "tracker-tests/1.0 (mailto:tests@example.org)"
    return settings
