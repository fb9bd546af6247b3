import datetime
from types import SimpleNamespace

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Claim
from papers.models import ImportRun, Paper
from tests.claims.factories import ClaimFactory
from tests.papers.factories import ImportRunFactory, PaperFactory

pytestmark = pytest.mark.django_db

PAPERS_URL = reverse("admin:papers_paper_changelist")
RUNS_URL = reverse("admin:papers_importrun_changelist")


def _results(response) -> list:
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


# Papers


def test_paper_changelist_and_change_form_load_with_claims_inline(admin_client):
    paper = PaperFactory()
    claim = ClaimFactory(paper=paper, method="KiteNet")

    assert admin_client.get(PAPERS_URL).status_code == 200
    page = admin_client.get(reverse("admin:papers_paper_change", args=[paper.pk]))
    assert page.status_code == 200
    assert "KiteNet" in page.content.decode()
    assert reverse("admin:claims_claim_change", args=[claim.pk]) in page.content.decode()


def test_paper_add_form_loads(admin_client):
    assert admin_client.get(reverse("admin:papers_paper_add")).status_code == 200


def test_paper_changelist_counts_claims(admin_client):
    busy, idle = PaperFactory(), PaperFactory()
    ClaimFactory.create_batch(3, paper=busy)

    rows = {p.pk: p for p in _results(admin_client.get(PAPERS_URL))}

    assert rows[busy.pk].claim_count == 3
    assert rows[idle.pk].claim_count == 0


def test_paper_changelist_leaves_rejected_claims_out_of_the_count(admin_client):
    paper = PaperFactory()
    ClaimFactory.create_batch(2, paper=paper)
    ClaimFactory(paper=paper, status=Claim.Status.REJECTED)

    rows = {p.pk: p for p in _results(admin_client.get(PAPERS_URL))}

    assert rows[paper.pk].claim_count == 2


def test_paper_changelist_query_count_does_not_grow_with_rows(admin_client):
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(PAPERS_URL).status_code == 200
        return len(queries)

    ClaimFactory.create_batch(2)
    few = count_queries()
    ClaimFactory.create_batch(12)
    many = count_queries()

    assert many == few


@pytest.mark.parametrize("query", ["origami", "folding robots", "2502.77777"])
def test_paper_search_matches_title_abstract_and_arxiv_id(admin_client, query):
    wanted = PaperFactory(
        title="Origami Grippers", abstract="Folding robots grasp 30% more parcels.", arxiv_id="2502.77777"
    )
    PaperFactory(title="Something else", abstract="Unrelated text about queues.")

    assert _results(admin_client.get(PAPERS_URL, {"q": query})) == [wanted]


def test_paper_filters_by_source(admin_client):
    from_feed = PaperFactory(sources=["hf_api", "arxiv_atom"])
    PaperFactory(sources=["csv"])

    response = admin_client.get(PAPERS_URL, {"source": "arxiv_atom"})

    assert _results(response) == [from_feed]
    assert "hf_api" in response.content.decode()  # offered as a filter choice


def test_paper_filters_by_has_claims(admin_client):
    with_claims, without = PaperFactory(), PaperFactory()
    ClaimFactory.create_batch(2, paper=with_claims)

    assert _results(admin_client.get(PAPERS_URL, {"has_claims": "yes"})) == [with_claims]
    assert _results(admin_client.get(PAPERS_URL, {"has_claims": "no"})) == [without]


def test_paper_filters_by_needs_extraction(admin_client):
    fresh, stale = PaperFactory(), PaperFactory()
    Paper.objects.filter(pk=fresh.pk).update(extracted_hash=fresh.abstract_hash)

    assert _results(admin_client.get(PAPERS_URL, {"needs_extraction": "yes"})) == [stale]
    assert _results(admin_client.get(PAPERS_URL, {"needs_extraction": "no"})) == [fresh]


def test_paper_filters_by_published_date(admin_client):
    old = PaperFactory(published=datetime.date(2019, 5, 1))
    PaperFactory(published=datetime.date(2025, 5, 1))

    response = admin_client.get(PAPERS_URL, {"published__gte": "2019-01-01", "published__lt": "2020-01-01"})

    assert _results(response) == [old]


def test_reextract_action_calls_the_extraction_service(admin_client, monkeypatch):
    calls = []

    def fake_papers_extract(*, paper_ids):
        calls.append(sorted(paper_ids))
        return SimpleNamespace(papers=len(paper_ids), claims_created=4, claims_replaced=0, curated_kept=1)

    monkeypatch.setattr("claims.services.extraction.papers_extract", fake_papers_extract)
    chosen = PaperFactory.create_batch(2)
    PaperFactory()

    response = admin_client.post(
        PAPERS_URL,
        {"action": "reextract_claims", ACTION_CHECKBOX_NAME: [p.pk for p in chosen], "index": 0},
        follow=True,
    )

    assert calls == [sorted(p.pk for p in chosen)]
    assert "Re-extracted 2 paper(s): 4 claim(s) found" in response.content.decode()


# Import runs


def test_import_run_changelist_and_detail_load_with_an_errors_table(admin_client):
    run = ImportRunFactory(
        status=ImportRun.Status.PARTIAL,
        read_count=5,
        created_count=3,
        rejected_count=2,
        errors=[
            {"position": 2, "reason": "missing <abstract> field"},
            {"position": 4, "reason": "title has no letters"},
        ],
    )

    listing = admin_client.get(RUNS_URL)
    detail = admin_client.get(reverse("admin:papers_importrun_change", args=[run.pk]))

    assert listing.status_code == 200
    assert detail.status_code == 200
    html = detail.content.decode()
    assert '<table class="import-errors">' in html
    assert "<td>2</td><td>missing &lt;abstract&gt; field</td>" in html
    assert "<td>4</td><td>title has no letters</td>" in html


def test_import_runs_cannot_be_added_or_changed_even_by_a_superuser(admin_client):
    run = ImportRunFactory(status=ImportRun.Status.SUCCEEDED)

    assert admin_client.get(reverse("admin:papers_importrun_add")).status_code == 403
    admin_client.post(reverse("admin:papers_importrun_change", args=[run.pk]), {"status": "failed"})

    run.refresh_from_db()
    assert run.status == ImportRun.Status.SUCCEEDED
    page = admin_client.get(reverse("admin:papers_importrun_change", args=[run.pk])).content.decode()
    assert 'name="_save"' not in page


def test_import_runs_can_be_deleted_only_by_superusers(client, admin_client):
    run = ImportRunFactory()
    staff = User.objects.create_user("staffer", is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(content_type__app_label="papers"))
    client.force_login(staff)
    delete_url = reverse("admin:papers_importrun_delete", args=[run.pk])

    assert client.get(RUNS_URL).status_code == 200
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert ImportRun.objects.filter(pk=run.pk).exists()

    admin_client.post(delete_url, {"post": "yes"})
    assert not ImportRun.objects.filter(pk=run.pk).exists()
