"""Live feeds: the arXiv API, arXiv OAI-PMH and the Hugging Face daily papers, over one paced,
retrying HTTP client. Each feed yields pages of importer records; papers/services/feeds.py imports them.
Pure Python, no Django.
"""

from papers.feeds.arxiv_api import ArxivQuery
from papers.feeds.arxiv_oai import OaiHarvest
from papers.feeds.base import Feed, FeedConfig, FeedError, Page
from papers.feeds.hf_daily import HfDaily
from papers.feeds.http import FeedClient, FeedHTTPError, SystemClock

__all__ = [
    "FEEDS",
    "ArxivQuery",
    "Feed",
    "FeedClient",
    "FeedConfig",
    "FeedError",
    "FeedHTTPError",
    "HfDaily",
    "OaiHarvest",
    "Page",
    "SystemClock",
    "feed_from_dict",
]

FEEDS = {feed.kind: feed for feed in (ArxivQuery, OaiHarvest, HfDaily)}


def feed_from_dict(kind: str, data: dict) -> Feed:
    if kind not in FEEDS:
        raise ValueError(f"unknown feed kind {kind!r}; known kinds: {', '.join(FEEDS)}")
    return FEEDS[kind].from_dict(data)
