"""The feeds' HTTP client: pacing, retries, Retry-After, timeouts, on a fake clock; respx stands in for the internet."""

import datetime

import httpx
import pytest
import respx

from papers.feeds.http import FeedClient, FeedHTTPError, retry_after_seconds
from tests.papers.fake_clock import FakeClock

URL = "https://feeds.example.org/api"


@pytest.fixture
def clock():
    return FakeClock()


def client(clock, **options) -> FeedClient:
    options = {"user_agent": "tracker-tests/1.0 (mailto:tests@example.org)", "clock": clock, **options}
    return FeedClient(**options)


class StampedRequests:
    """A respx side effect answering in turn, noting the fake time of each request."""

    def __init__(self, clock, *responses):
        self.clock = clock
        self.responses = list(responses)
        self.times: list[float] = []

    def __call__(self, request):
        self.times.append(self.clock.now)
        answer = self.responses.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


@respx.mock
def test_requests_carry_the_user_agent_and_are_paced_three_seconds_apart(clock):
    stamped = StampedRequests(clock, *[httpx.Response(200, text="ok")] * 3)
    route = respx.get(URL).mock(side_effect=stamped)

    with client(clock, min_interval=3.0) as feed:
        for _ in range(3):
            feed.get(URL)

    assert route.call_count == 3
    assert route.calls[0].request.headers["User-Agent"] == "tracker-tests/1.0 (mailto:tests@example.org)"
    assert [b - a for a, b in zip(stamped.times, stamped.times[1:], strict=False)] == [3.0, 3.0]


@respx.mock
def test_time_spent_between_requests_counts_toward_the_pace(clock):
    stamped = StampedRequests(clock, httpx.Response(200), httpx.Response(200))
    respx.get(URL).mock(side_effect=stamped)
    feed = client(clock, min_interval=3.0)

    feed.get(URL)
    clock.now += 2.0  # parsing the page took two seconds
    feed.get(URL)

    assert clock.sleeps == [1.0]


@respx.mock
def test_a_429_waits_as_long_as_retry_after_says_then_retries(clock):
    stamped = StampedRequests(
        clock, httpx.Response(429, headers={"Retry-After": "17"}), httpx.Response(200, text="fine")
    )
    respx.get(URL).mock(side_effect=stamped)

    response = client(clock, min_interval=3.0, backoff=5.0).get(URL, params={"q": "x"})

    assert response.text == "fine"
    assert stamped.times[1] - stamped.times[0] == 17.0
    assert clock.sleeps == [17.0]


@respx.mock
def test_503s_back_off_exponentially_until_the_service_answers(clock):
    stamped = StampedRequests(
        clock, httpx.Response(503), httpx.Response(503), httpx.Response(503), httpx.Response(200)
    )
    route = respx.get(URL).mock(side_effect=stamped)

    client(clock, backoff=2.0, max_retries=4).get(URL)

    assert route.call_count == 4
    assert clock.sleeps == [2.0, 4.0, 8.0]


@respx.mock
def test_a_timeout_is_retried(clock):
    stamped = StampedRequests(clock, httpx.ReadTimeout("slow"), httpx.Response(200, text="late but here"))
    respx.get(URL).mock(side_effect=stamped)

    assert client(clock, backoff=1.5).get(URL).text == "late but here"
    assert clock.sleeps == [1.5]


@respx.mock
def test_retries_are_bounded_and_the_error_says_what_happened(clock):
    route = respx.get(URL).mock(side_effect=httpx.ConnectTimeout("no answer"))

    with pytest.raises(FeedHTTPError, match=r"timed out \(ConnectTimeout\); gave up after 3 attempts"):
        client(clock, max_retries=2, backoff=1.0).get(URL)
    assert route.call_count == 3
    assert clock.sleeps == [1.0, 2.0]


@respx.mock
def test_backoff_is_capped(clock):
    respx.get(URL).mock(side_effect=[httpx.Response(503)] * 6 + [httpx.Response(200)])

    client(clock, max_retries=6, backoff=10.0, max_backoff=30.0).get(URL)

    assert clock.sleeps == [10.0, 20.0, 30.0, 30.0, 30.0, 30.0]


@respx.mock
def test_a_client_error_is_not_retried(clock):
    route = respx.get(URL).mock(return_value=httpx.Response(404))

    with pytest.raises(FeedHTTPError, match=r"feeds\.example\.org/api\?q=x answered HTTP 404"):
        client(clock).get(URL, params={"q": "x"})
    assert route.call_count == 1


@respx.mock
def test_a_retry_after_beyond_the_longest_wait_gives_up_at_once(clock):
    respx.get(URL).mock(return_value=httpx.Response(503, headers={"Retry-After": "86400"}))

    with pytest.raises(FeedHTTPError, match="asks to wait 86400s"):
        client(clock, max_wait=600).get(URL)
    assert clock.sleeps == []


def test_retry_after_reads_seconds_and_http_dates():
    now = datetime.datetime(2024, 5, 3, 12, 0, 0, tzinfo=datetime.UTC)

    assert retry_after_seconds("120") == 120.0
    assert retry_after_seconds("Fri, 03 May 2024 12:00:45 GMT", now=now) == 45.0
    assert retry_after_seconds("Fri, 03 May 2024 11:00:00 GMT", now=now) == 0.0
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds(None) is None
