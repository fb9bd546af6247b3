"""Deep pages of /api/v1/claims/ by page number and by cursor, timed through the API in one process.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tracker_bench python bench/cursor_pages.py
    python bench/cursor_pages.py --pages 500 --page-size 50 --repeat 5

Walks the first N pages by cursor (following `next`), keeping the cursors of the pages it times, then
asks for the same pages by number. Prints, for page 1, a middle page and page N, the median time of a
request each way (over --repeat tries), and the time of the whole walk each way, with the machine.
Run it on a database made by bench/dataset.py (DEBUG off, throttles raised so no answer is a 429).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
URL = "/api/v1/claims/"


def timed(client, url, params=None) -> tuple[float, dict]:
    started = time.perf_counter()
    response = client.get(url, params)
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise SystemExit(f"{url} {params}: HTTP {response.status_code} {response.content[:300]!r}")
    return elapsed, response.json()


def walk_by_cursor(client, pages: int, size: int) -> tuple[float, dict[int, str]]:
    """The whole walk's time and the URL of every page, from the first."""
    urls, total, url, params = {}, 0.0, URL, {"cursor": "", "page_size": size}
    for page in range(1, pages + 1):
        urls[page] = url if params is None else f"{URL}?cursor=&page_size={size}"
        elapsed, body = timed(client, url, params)
        total += elapsed
        if body["next"] is None:
            raise SystemExit(f"the list ends at page {page}; ask for fewer --pages")
        url, params = body["next"], None
    return total, urls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--page-size", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    os.environ["DEBUG"] = "false"
    os.environ["API_THROTTLE_ANON"] = os.environ["API_THROTTLE_USER"] = "100000000/min"
    import django

    django.setup()
    from django.test import Client

    from bench.dataset import machine
    from claims.models import Claim

    client = Client()
    print(f"machine: {machine()}")
    print(f"claims: {Claim.objects.count():,}; pages of {args.page_size}")

    cursor_walk, urls = walk_by_cursor(client, args.pages, args.page_size)
    number_walk = sum(
        timed(client, URL, {"page": page, "page_size": args.page_size})[0]
        for page in range(1, args.pages + 1)
    )
    for page in sorted({1, args.pages // 2, args.pages}):
        by_number = [
            timed(client, URL, {"page": page, "page_size": args.page_size})[0] for _ in range(args.repeat)
        ]
        by_cursor = [timed(client, urls[page])[0] for _ in range(args.repeat)]
        print(
            f"page {page:>5}: by number {statistics.median(by_number) * 1000:7.1f} ms, "
            f"by cursor {statistics.median(by_cursor) * 1000:7.1f} ms (median of {args.repeat})"
        )
    print(
        f"walk of {args.pages} pages: by number {number_walk:.1f} s, by cursor {cursor_walk:.1f} s "
        f"({number_walk / cursor_walk:.1f}x)"
    )


if __name__ == "__main__":
    main()
