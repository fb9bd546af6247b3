"""Celery doors onto the extraction service."""

import logging
from dataclasses import asdict

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError

from claims.services.extraction import papers_extract, stale_paper_ids

logger = logging.getLogger(__name__)

TRANSIENT_ERRORS = (OperationalError, InterfaceError)


@shared_task(
    autoretry_for=TRANSIENT_ERRORS,
    max_retries=5,
    retry_backoff=True,
    retry_backoff_max=300,
    retry_jitter=True,
)
def extract_papers_task(*, paper_ids: list[int]) -> dict:
    """Extract claims for one chunk of papers; each paper is its own transaction, so a retry is safe."""
    return asdict(papers_extract(paper_ids=paper_ids))


@shared_task
def extract_stale_papers() -> dict:
    """Periodic sweep: queue extraction for papers whose claims are missing or out of date."""
    ids = stale_paper_ids()
    chunk = settings.EXTRACT_CHUNK_SIZE
    for start in range(0, len(ids), chunk):
        extract_papers_task.delay(paper_ids=ids[start : start + chunk])
    logger.info("Queued extraction for %d stale papers.", len(ids))
    return {"queued": len(ids)}
