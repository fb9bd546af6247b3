"""The claim counts stored on papers, benchmarks and metrics follow what the services do to claims."""

import pytest
from django.contrib.auth import get_user_model

from claims.models import Benchmark, Claim, Metric
from claims.services.catalog import benchmark_merge
from claims.services.counts import claim_counts_backfill
from claims.services.curation import claim_reject, claims_bulk_set_status
from claims.services.extraction import paper_claims_extract
from tests.claims.factories import BenchmarkFactory, ClaimFactory, MetricFactory
from tests.papers.factories import PaperFactory

pytestmark = pytest.mark.django_db

ABSTRACT = (
    "We propose SparseAdapter for image classification. On ImageNet, SparseAdapter reaches 81.2% top-1 accuracy, "
    "and on CIFAR-10 it reaches 97.1% accuracy."
)


@pytest.fixture
def curator_user():
    return get_user_model().objects.create_user(username="counter", password="not-used-here")


def counts(obj) -> tuple[int, ...]:
    obj.refresh_from_db()
    if hasattr(obj, "live_paper_count"):
        return obj.live_claim_count, obj.live_paper_count
    return (obj.live_claim_count,)


def test_extraction_fills_the_counts_of_the_paper_and_of_what_its_claims_name():
    paper = PaperFactory(abstract=ABSTRACT)

    paper_claims_extract(paper=paper)

    live = Claim.objects.filter(paper=paper)
    assert counts(paper) == (live.count(),) and live.count() >= 2
    imagenet = Benchmark.objects.get(claims__paper=paper, name__icontains="imagenet")
    assert counts(imagenet) == (live.filter(benchmark=imagenet).count(), 1)
    # Extracting again replaces the claims: the counts stay the same, not doubled.
    paper_claims_extract(paper=paper.__class__.objects.get(pk=paper.pk))
    assert counts(paper) == (Claim.objects.filter(paper=paper).count(),)
    assert counts(imagenet)[1] == 1


def test_rejecting_a_claim_takes_it_out_of_every_count(curator_user):
    benchmark, metric = BenchmarkFactory(name="ImageNet"), MetricFactory(name="top-1 accuracy")
    paper = PaperFactory()
    kept = ClaimFactory(paper=paper, benchmark=benchmark, metric=metric)
    doomed = ClaimFactory(paper=paper, benchmark=benchmark, metric=metric, value=70.0)
    other = ClaimFactory(benchmark=benchmark, metric=metric)
    assert counts(benchmark) == (3, 2) and counts(metric) == (3, 2) and counts(paper) == (2,)

    claim_reject(claim=doomed, user=curator_user)
    assert counts(benchmark) == (2, 2) and counts(metric) == (2, 2) and counts(paper) == (1,)

    claims_bulk_set_status(claim_ids=[kept.pk, other.pk], user=curator_user, status=Claim.Status.REJECTED)
    assert counts(benchmark) == (0, 0) and counts(metric) == (0, 0) and counts(paper) == (0,)


def test_a_merge_moves_the_counts_to_the_benchmark_that_remains():
    source, target = BenchmarkFactory(name="MS-COCO"), BenchmarkFactory(name="COCO")
    ClaimFactory.create_batch(2, benchmark=source)
    ClaimFactory(benchmark=target)

    benchmark_merge(source=source, target=target)

    assert counts(target) == (3, 3)


def test_backfill_repairs_counts_written_behind_the_services_back():
    claim = ClaimFactory()
    Claim.objects.filter(pk=claim.pk).update(status=Claim.Status.REJECTED)
    stale = PaperFactory()
    stale.__class__.objects.filter(pk=stale.pk).update(live_claim_count=7)

    claim_counts_backfill()

    assert counts(claim.paper) == (0,) and counts(stale) == (0,)
    assert counts(claim.benchmark) == (0, 0) and counts(Metric.objects.get(pk=claim.metric_id)) == (0, 0)


def test_deleting_claims_and_papers_in_the_admin_keeps_the_counts(client):
    admin_user = get_user_model().objects.create_superuser(
        username="root", password="pw", email="r@example.org"
    )
    client.force_login(admin_user)
    benchmark, metric = BenchmarkFactory(), MetricFactory()
    first, second = PaperFactory(), PaperFactory()
    doomed = ClaimFactory(paper=first, benchmark=benchmark, metric=metric)
    ClaimFactory(paper=first, benchmark=benchmark, metric=metric)
    ClaimFactory(paper=second, benchmark=benchmark, metric=metric)
    assert counts(benchmark) == (3, 2)

    response = client.post(f"/admin/claims/claim/{doomed.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert counts(benchmark) == (2, 2) and counts(metric) == (2, 2) and counts(first) == (1,)

    response = client.post(
        "/admin/papers/paper/", {"action": "delete_selected", "_selected_action": [second.pk], "post": "yes"}
    )
    assert response.status_code == 302
    assert not type(second).objects.filter(pk=second.pk).exists()
    assert counts(benchmark) == (1, 1) and counts(metric) == (1, 1)
