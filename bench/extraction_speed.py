"""Abstracts per second for the claim extraction engine alone, single process.

    python bench/extraction_speed.py [--rounds N]

Uses the 3,291 real arXiv abstracts in ../shared/silver/papers.jsonl when present, else synthetic abstracts.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims.extraction import extract_claims  # noqa: E402

DEV = ROOT.parent / "shared" / "silver" / "papers.jsonl"


def synthetic_abstracts(count: int = 200) -> list[tuple[str, str]]:
    rng = random.Random(7)
    templates = [
        "We propose Model{n}, a new approach for structured prediction.",
        "On the Set{n} benchmark, Model{n} achieves {a:.1f}% accuracy and an F1 of {b:.2f}.",
        "It outperforms the strongest baseline by {c:.1f} points while being {d:.1f}x faster.",
        "We train on 300M examples for 40 epochs in 2024.",
        "Memory usage drops by {e}% compared to prior work, e.g. dense attention.",
    ]
    out = []
    for n in range(count):
        values = dict(
            n=n,
            a=rng.uniform(50, 99),
            b=rng.random(),
            c=rng.uniform(0, 9),
            d=rng.uniform(1, 9),
            e=rng.randint(5, 60),
        )
        out.append((f"Model{n}: a title", " ".join(t.format(**values) for t in templates)))
    return out


def load_abstracts() -> tuple[str, list[tuple[str, str]]]:
    if DEV.is_file():
        rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
        return str(DEV), [(row["title"], row["abstract"]) for row in rows]
    return "synthetic", synthetic_abstracts()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    source, papers = load_abstracts()
    for title, abstract in papers:
        extract_claims(abstract, title)  # one full pass first: patterns compile lazily on first use
    wall_rates, cpu_rates, claims = [], [], 0
    for _ in range(args.rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        for title, abstract in papers:
            claims += len(extract_claims(abstract, title))
        wall_rates.append(len(papers) / (time.perf_counter() - wall))
        cpu_rates.append(len(papers) / max(time.process_time() - cpu, 1e-9))
    print(f"source: {source}")
    print(f"abstracts: {args.rounds * len(papers)} in {args.rounds} rounds  claims: {claims}")
    # The median round, so one round slowed by another process on the machine does not decide the figure.
    print(f"abstracts per second, wall clock (median round): {statistics.median(wall_rates):,.0f}")
    print(f"abstracts per second per core, CPU time (median round): {statistics.median(cpu_rates):,.0f}")


if __name__ == "__main__":
    main()
