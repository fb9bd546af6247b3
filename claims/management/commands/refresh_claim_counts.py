"""Recompute the stored claim counts of every paper, benchmark and metric."""

import time

from django.core.management.base import BaseCommand

from claims.services.counts import claim_counts_backfill


class Command(BaseCommand):
    help = (
        "Recompute the live claim counts stored on papers, benchmarks and metrics. The services keep them "
        "up to date; run this after writing claims behind their back (raw SQL, COPY, a restored dump)."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        done = claim_counts_backfill()
        self.stdout.write(f"{done} in {time.perf_counter() - started:.1f} s.")
