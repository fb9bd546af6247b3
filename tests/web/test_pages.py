"""The public pages through the Django test client: content, links, errors and freshness after changes."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from claims.models import Claim
from claims.services.curation import claim_reject, claim_verify
from tests.claims.factories import BenchmarkAliasFactory, BenchmarkFactory, ClaimFactory
from tests.papers.factories import PaperFactory
from tests.web.conftest import claim_on, make_user

pytestmark = pytest.mark.django_db


def page(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, response.content[:2000]
    return response.content.decode()


def board_methods(html: str) -> list[str]:
    return re.findall(r'<td class="method">([^<]+)', html)


def test_benchmark_page_ranks_the_default_metric_without_rejected_claims(client, riddles):
    benchmark, accuracy, errors, claims = riddles

    html = page(client, reverse("web:benchmark", args=[benchmark.slug]))

    assert "<h1>Lantern Riddles</h1>" in html
    assert [m.strip() for m in board_methods(html)] == ["Glowworm", "OwlFormer", "MothLM", "KiteNet"]
    assert "Firefly" not in html
    assert "71.25%" in html
    # The switcher offers both metrics, the chosen one marked.
    assert 'data-metric="riddle-accuracy">' in html and 'data-metric="error-rate">' in html
    assert re.search(r'aria-current="true" data-metric="riddle-accuracy"', html)


def test_switching_to_a_lower_is_better_metric_ranks_smallest_first(client, riddles):
    benchmark, accuracy, errors, claims = riddles

    html = page(client, reverse("web:benchmark", args=[benchmark.slug]), metric="error-rate")

    assert [m.strip() for m in board_methods(html)] == ["MothLM", "KiteNet"]
    assert "lower ↓ is better" in html
    assert re.search(r'aria-current="true" data-metric="error-rate"', html)


def test_chart_has_a_point_per_claim_and_a_record_per_history_step(client, riddles):
    benchmark, *_ = riddles

    html = page(client, reverse("web:benchmark", args=[benchmark.slug]))
    history = client.get(reverse("benchmark-history", args=[benchmark.slug])).json()

    points = re.findall(r'<circle class="claim-point[^"]*"\s+cx', html)
    records = re.findall(r'<circle class="claim-point record', html)
    assert len(points) == 4  # the rejected claim is no point
    assert len(records) == history["count"] == 3  # 40 -> 55.5 -> 71.25; 50 beat nothing
    assert 'data-steps="3"' in html
    assert "<title" in html and "2022" in html


def test_setting_filter_lists_the_data_and_narrows_the_board(client, riddles):
    benchmark, *_ = riddles
    url = reverse("web:benchmark", args=[benchmark.slug])

    html = page(client, url)
    assert '<select name="setting">' in html and '<option value="zero-shot"' in html

    narrowed = page(client, url, metric="riddle-accuracy", setting="zero-shot")
    assert [m.strip() for m in board_methods(narrowed)] == ["OwlFormer"]
    assert "Clear filters" in narrowed


def test_verified_only_and_the_verified_mark(client, riddles):
    benchmark, accuracy, errors, claims = riddles
    claim_verify(claim=claims["moth"], user=make_user("v"))

    html = page(client, reverse("web:benchmark", args=[benchmark.slug]), verified_only="true")

    assert [m.strip() for m in board_methods(html)] == ["MothLM"]
    assert "verified by a curator" in html


def test_download_links_carry_the_metric_and_filters(client, riddles):
    benchmark, *_ = riddles

    html = page(client, reverse("web:benchmark", args=[benchmark.slug]), setting="zero-shot")

    api = reverse("benchmark-leaderboard", args=[benchmark.slug])
    assert f'href="{api}?format=csv&amp;metric=riddle-accuracy&amp;setting=zero-shot"' in html
    assert f'href="{api}?format=json&amp;metric=riddle-accuracy&amp;setting=zero-shot"' in html
    csv = client.get(f"{api}?format=csv&metric=riddle-accuracy&setting=zero-shot").content.decode()
    assert "OwlFormer" in csv and "Glowworm" not in csv


def test_evidence_is_shown_with_its_number_marked(client, riddles):
    benchmark, *_ = riddles

    html = page(client, reverse("web:benchmark", args=[benchmark.slug]))

    assert (
        "<summary>evidence</summary><p>Glowworm reaches <mark>71.25%</mark> on Lantern Riddles.</p>" in html
    )


def test_bad_parameters_are_a_400_page_and_unknown_benchmarks_a_404(client, riddles):
    benchmark, *_ = riddles
    url = reverse("web:benchmark", args=[benchmark.slug])

    html = page(client, url, 400, metric="no-such-metric")
    assert "Unknown metric" in html and "riddle-accuracy" in html
    assert "published_after" in page(client, url, 400, published_after="yesterday")
    page(client, reverse("web:benchmark", args=["no-such-benchmark"]), 404)


def test_benchmark_page_is_fresh_right_after_a_curator_rejects(client, riddles):
    benchmark, accuracy, errors, claims = riddles
    url = reverse("web:benchmark", args=[benchmark.slug])
    assert board_methods(page(client, url))[0].strip() == "Glowworm"  # now cached

    claim_reject(claim=Claim.objects.get(pk=claims["glow"].pk), user=make_user("r"))

    assert board_methods(page(client, url))[0].strip() == "OwlFormer"


def test_benchmark_without_scores(client):
    benchmark = BenchmarkFactory(name="Empty Shelf")
    assert "No score claims on this benchmark yet." in page(
        client, reverse("web:benchmark", args=[benchmark.slug])
    )


def test_home_lists_active_benchmarks_with_leaders_and_recent_verified(client, riddles):
    benchmark, accuracy, errors, claims = riddles
    quiet = BenchmarkFactory(name="Quiet Bench")
    claim_on(quiet, accuracy, 12.0, method="Hush")
    claim_verify(claim=claims["owl"], user=make_user("v"))

    html = page(client, reverse("web:home"))

    assert html.index("Lantern Riddles") < html.index("Quiet Bench")  # more claims first
    assert "Leader on riddle accuracy: <strong>71.25%</strong> Glowworm" in html
    verified = html[html.index("Recently verified") :]
    assert "OwlFormer" in verified and "Glowworm" not in verified


def test_home_is_fresh_right_after_a_verification(client, riddles):
    benchmark, accuracy, errors, claims = riddles
    assert "No result has been verified yet." in page(client, reverse("web:home"))

    claim_verify(claim=claims["kite"], user=make_user("v"))

    assert "No result has been verified yet." not in page(client, reverse("web:home"))


def test_search_finds_benchmarks_by_alias_tasks_and_papers(client, riddles):
    benchmark, *_ = riddles
    BenchmarkAliasFactory(benchmark=benchmark, name="LRiddles")
    PaperFactory(title="Riddles All The Way Down")

    by_alias = page(client, reverse("web:home"), q="lriddles")
    assert 'href="/benchmarks/lantern-riddles/"' in by_alias
    by_word = page(client, reverse("web:home"), q="riddle")
    assert "Riddles All The Way Down" in by_word
    assert 'href="/tasks/riddle-solving/"' in by_word
    assert "Nothing matches" in page(client, reverse("web:home"), q="zzzz-nothing")


def test_task_pages_group_benchmarks_with_their_leaders(client, riddles):
    benchmark, accuracy, *_ = riddles
    loose = BenchmarkFactory(name="Loose Bench")
    claim_on(loose, accuracy, 3.0, method="Drifter")

    listing = page(client, reverse("web:task-list"))
    assert listing.index("Riddle solving") < listing.index("Unclassified")

    html = page(client, reverse("web:task-detail", args=["riddle-solving"]))
    assert "Lantern Riddles" in html and "Loose Bench" not in html
    assert "71.25%" in html and "Glowworm" in html
    assert "Loose Bench" in page(client, reverse("web:task-detail", args=["unclassified"]))
    page(client, reverse("web:task-detail", args=["no-such-task"]), 404)


def test_paper_page_highlights_each_claim_and_links_its_leaderboard(client, riddles):
    benchmark, accuracy, errors, _ = riddles
    abstract = (
        "We present Inkwell. Inkwell reaches 64.5% riddle accuracy on Lantern Riddles, beating 12 rivals."
    )
    paper = PaperFactory(
        title="Inkwell", abstract=abstract, arxiv_id="2409.12345", code_url="https://example.org/inkwell"
    )
    start = abstract.index("64.5%")
    evidence = abstract[abstract.index("Inkwell reaches") :]
    claim = ClaimFactory(paper=paper, benchmark=benchmark, metric=accuracy, value=64.5, value_text="64.5%",
                         evidence=evidence, evidence_start=abstract.index(evidence), evidence_end=len(abstract),
                         value_start=start, value_end=start + 5)  # fmt: skip
    rejected = ClaimFactory(paper=paper, benchmark=benchmark, metric=accuracy, value=12, value_text="12",
                            status=Claim.Status.REJECTED, evidence=evidence, value_start=abstract.index("12 "),
                            value_end=abstract.index("12 ") + 2)  # fmt: skip

    html = page(client, reverse("web:paper", args=[paper.pk]))

    link = f"/benchmarks/lantern-riddles/?metric=riddle-accuracy#claim-{claim.pk}"
    assert f'<mark class="claim-number" data-claim="{claim.pk}"><a href="{link}"' in html
    assert f'data-claim="{rejected.pk}"' not in html  # listed below, but not highlighted
    assert "Rejected" in html
    assert 'href="https://arxiv.org/abs/2409.12345"' in html
    assert 'href="https://example.org/inkwell"' in html
    assert "Ada Example, Ben Sample" in html
    page(client, reverse("web:paper", args=[999999]), 404)


def test_paper_page_survives_offsets_that_no_longer_fit(client):
    paper = PaperFactory(abstract="Short abstract with 7.5 BLEU.")
    ClaimFactory(paper=paper, value=7.5, value_text="7.5", evidence="Short abstract with 7.5 BLEU.",
                 value_start=400, value_end=405)  # fmt: skip

    html = page(client, reverse("web:paper", args=[paper.pk]))

    assert "<mark" in html and ">7.5</a></mark>" in html


def test_admin_view_site_and_browsable_api_lead_home(client):
    admin = make_user("boss", is_staff=True, is_superuser=True)
    client.force_login(admin)

    assert 'href="/">View site</a>' in page(client, reverse("admin:index"))
    assert f'href="{reverse("web:home")}">Benchmark-claims tracker</a>' in page(
        client, reverse("api-root"), format="api"
    )


def test_pages_link_to_the_stylesheet_and_load_no_outside_script(client, riddles):
    benchmark, *_ = riddles
    for url in [
        reverse("web:home"),
        reverse("web:benchmark", args=[benchmark.slug]),
        reverse("web:task-list"),
    ]:
        html = page(client, url)
        assert '<link rel="stylesheet" href="/static/web/site.css">' in html
        assert not re.search(r'(src|href)="(https?:)?//(?!example\.org|arxiv\.org|doi\.org)', html)
        assert '<html lang="en">' in html and '<main id="main"' in html


def test_navigation_shows_curate_only_to_curators(client, curator, plain_user):
    assert AnonymousUser().is_authenticated is False
    assert ">Curate</a>" not in page(client, reverse("web:home"))
    client.force_login(plain_user)
    assert ">Curate</a>" not in page(client, reverse("web:home"))
    client.force_login(curator)
    assert ">Curate</a>" in page(client, reverse("web:home"))


def test_admin_change_pages_link_to_the_pages(client, riddles):
    benchmark, accuracy, errors, claims = riddles
    client.force_login(make_user("boss2", is_staff=True, is_superuser=True))
    claim = claims["owl"]

    for admin_url, page_url in [
        (reverse("admin:claims_benchmark_change", args=[benchmark.pk]), "/benchmarks/lantern-riddles/"),
        (reverse("admin:papers_paper_change", args=[claim.paper_id]), f"/papers/{claim.paper_id}/"),
        (
            reverse("admin:claims_claim_change", args=[claim.pk]),
            f"/papers/{claim.paper_id}/#claim-{claim.pk}",
        ),
    ]:
        html = page(client, admin_url)
        # The admin's "View on site" goes through its shortcut view to the page.
        shortcut = re.search(r'href="(/admin/r/[^"]+)" class="viewsitelink"', html).group(1)
        assert client.get(shortcut)["Location"].endswith(page_url)


def test_browsable_api_links_to_the_benchmark_and_paper_pages(client, riddles):
    benchmark, accuracy, errors, claims = riddles
    api = reverse("benchmark-leaderboard", args=[benchmark.slug])
    assert 'href="/benchmarks/lantern-riddles/"' in page(client, api, format="api")
    paper_id = claims["owl"].paper_id
    assert f'href="/papers/{paper_id}/"' in page(
        client, reverse("paper-detail", args=[paper_id]), format="api"
    )


def test_benchmark_breadcrumb_leads_to_its_task(client, riddles):
    benchmark, *_ = riddles
    html = page(client, reverse("web:benchmark", args=[benchmark.slug]))
    assert '<a href="/tasks/riddle-solving/">Riddle solving</a>' in html


def test_unknown_parameters_are_ignored(client, riddles):
    benchmark, *_ = riddles
    html = page(client, reverse("web:benchmark", args=[benchmark.slug]), utm_source="mail")
    assert "Clear filters" not in html
    assert 'format=csv&amp;metric=riddle-accuracy"' in html  # the API links carry no stray parameter
