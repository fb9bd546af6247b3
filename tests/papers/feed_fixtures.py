"""Serving the feed fixtures (written for these tests in each service's real format) through respx."""

from pathlib import Path

import httpx

FEEDS = Path(__file__).parent / "fixtures" / "feeds"
ARXIV_API = "https://arxiv.test/api/query"
ARXIV_OAI = "https://arxiv.test/oai"
HF_DAILY = "https://hf.test/api/daily_papers"


def fixture(name: str) -> bytes:
    return (FEEDS / name).read_bytes()


def atom(name: str) -> httpx.Response:
    return httpx.Response(200, content=fixture(name), headers={"Content-Type": "application/atom+xml"})


def xml(name: str) -> httpx.Response:
    return httpx.Response(200, content=fixture(name), headers={"Content-Type": "text/xml"})


def json_body(name: str) -> httpx.Response:
    return httpx.Response(200, content=fixture(name), headers={"Content-Type": "application/json"})


def arxiv_pages(request: httpx.Request) -> httpx.Response:
    """The arXiv API over five results, answering the page each `start` asks for."""
    start = int(request.url.params["start"])
    return atom(f"arxiv_api_start{start}.atom") if start in (0, 2, 4) else atom("arxiv_api_empty.atom")


def oai_pages(request: httpx.Request) -> httpx.Response:
    """arXiv OAI-PMH over a three-page list chained by resumption tokens."""
    token = request.url.params.get("resumptionToken")
    return xml(
        {None: "oai_page1.xml", "7731882|1001": "oai_page2.xml", "7731882|2001": "oai_page3.xml"}[token]
    )


def hf_days(request: httpx.Request) -> httpx.Response:
    """The daily papers of 2024-05-02 and 2024-05-03; any other date has none."""
    date = request.url.params["date"]
    if date in ("2024-05-02", "2024-05-03"):
        return json_body(f"hf_daily_{date}.json")
    return httpx.Response(200, json=[])
