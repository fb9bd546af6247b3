"""The HTTP client every live feed uses: one connection, a descriptive User-Agent, timeouts, the
service's pacing, and retries with exponential backoff on 429/5xx that honour Retry-After.

The clock is injectable, so tests run the pacing and the waits on a fake clock, in no time.
"""

import datetime
import email.utils
import logging
import time
from typing import Protocol

import httpx

logger = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class FeedHTTPError(Exception):
    """A request failed for good: a status not worth retrying, or every retry spent."""


class Clock(Protocol):
    def monotonic(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    """The real clock."""

    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


def retry_after_seconds(value: str | None, now: datetime.datetime | None = None) -> float | None:
    """Retry-After as seconds to wait: "120" or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.UTC)
    now = now or datetime.datetime.now(datetime.UTC)
    return max(0.0, (when - now).total_seconds())


class FeedClient:
    """GET with pacing and retries. `min_interval` seconds pass between the starts of two requests."""

    def __init__(
        self,
        *,
        user_agent: str,
        timeout: float = 30.0,
        min_interval: float = 0.0,
        max_retries: int = 4,
        backoff: float = 5.0,
        max_backoff: float = 120.0,
        max_wait: float = 600.0,
        clock: Clock | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.min_interval = min_interval
        self.max_retries = max_retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.max_wait = max_wait
        self.clock = clock or SystemClock()
        self.requests = 0
        self._last_start: float | None = None
        # One connection: arXiv asks clients not to open several at once.
        self._http = httpx.Client(
            headers={"User-Agent": user_agent},
            timeout=httpx.Timeout(timeout),
            limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
            follow_redirects=True,
            transport=transport,
        )

    def __enter__(self) -> "FeedClient":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def get(self, url: str, params: dict | None = None) -> httpx.Response:
        """The response to a GET, after retrying transient failures; raises FeedHTTPError otherwise."""
        shown = str(httpx.URL(url, params=params))
        attempt = 0
        while True:
            self._pace()
            wait: float | None = None
            try:
                response = self._http.get(url, params=params)
            except httpx.TimeoutException as exc:
                problem = f"timed out ({type(exc).__name__})"
            except httpx.TransportError as exc:
                problem = f"could not connect ({type(exc).__name__}: {exc})"
            else:
                if response.is_success:
                    return response
                if response.status_code not in RETRY_STATUSES:
                    raise FeedHTTPError(f"GET {shown} answered HTTP {response.status_code}")
                problem = f"answered HTTP {response.status_code}"
                wait = retry_after_seconds(response.headers.get("Retry-After"))
            if attempt >= self.max_retries:
                raise FeedHTTPError(f"GET {shown} {problem}; gave up after {attempt + 1} attempts")
            if wait is None:
                wait = min(self.backoff * 2**attempt, self.max_backoff)
            if wait > self.max_wait:
                raise FeedHTTPError(f"GET {shown} {problem} and asks to wait {wait:.0f}s; gave up")
            attempt += 1
            logger.warning("GET %s %s; retry %d in %.1fs", shown, problem, attempt, wait)
            self.clock.sleep(wait)

    def _pace(self) -> None:
        if self._last_start is not None:
            wait = self._last_start + self.min_interval - self.clock.monotonic()
            if wait > 0:
                self.clock.sleep(wait)
        self._last_start = self.clock.monotonic()
        self.requests += 1
