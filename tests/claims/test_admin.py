import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.admin import evidence_html
from claims.extraction.vocabulary import name_key
from claims.models import Benchmark, BenchmarkAlias, Claim, Metric, MetricAlias
from tests.claims.factories import (
    BenchmarkAliasFactory,
    BenchmarkFactory,
    ClaimFactory,
    MetricAliasFactory,
    MetricFactory,
    TaskAliasFactory,
    TaskFactory,
)
from tests.papers.factories import PaperFactory

pytestmark = pytest.mark.django_db

CLAIMS_URL = reverse("admin:claims_claim_changelist")


def _claim_form_data(claim: Claim, **changes) -> dict:
    data = {
        "value": claim.value,
        "unit": claim.unit,
        "kind": claim.kind,
        "metric_text": claim.metric_text,
        "benchmark_text": claim.benchmark_text,
        "method": claim.method,
        "compared_to": claim.compared_to,
        "setting": claim.setting,
        "status": claim.status,
        "curation_note": claim.curation_note,
    }
    data.update(changes)
    return data


def _catalog_form_data(obj, prefix: str = "aliases", aliases=(), new_aliases=(), **fields) -> dict:
    data = {"name": obj.name, "slug": obj.slug, "description": obj.description}
    if isinstance(obj, Benchmark):
        data.update(task=obj.task, url=obj.url)
    else:
        data.update(unit=obj.unit, higher_is_better="on" if obj.higher_is_better else "")
    data.update(fields)
    rows = [(alias.pk, alias.name) for alias in aliases] + [("", name) for name in new_aliases]
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": str(len(rows)),
            f"{prefix}-INITIAL_FORMS": str(len(aliases)),
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    )
    for i, (pk, name) in enumerate(rows):
        data[f"{prefix}-{i}-id"] = pk
        data[f"{prefix}-{i}-name"] = name
    return data


# Pages load


@pytest.mark.parametrize("model", ["claim", "benchmark", "metric"])
def test_changelist_and_change_form_load(admin_client, model):
    claim = ClaimFactory(benchmark=BenchmarkFactory(name="Tiny Maze Suite"))
    BenchmarkAliasFactory(benchmark=claim.benchmark, name="TinyMaze")
    obj = {"claim": claim, "benchmark": claim.benchmark, "metric": claim.metric}[model]

    assert admin_client.get(reverse(f"admin:claims_{model}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:claims_{model}_change", args=[obj.pk])).status_code == 200


@pytest.mark.parametrize("model", ["benchmark", "metric"])
def test_catalog_add_form_loads(admin_client, model):
    assert admin_client.get(reverse(f"admin:claims_{model}_add")).status_code == 200


def test_claims_cannot_be_added_by_hand(admin_client):
    assert admin_client.get(reverse("admin:claims_claim_add")).status_code == 403


def test_curation_fields_are_read_only_on_the_claim_form(admin_client):
    claim = ClaimFactory()

    response = admin_client.get(reverse("admin:claims_claim_change", args=[claim.pk]))

    form = response.context["adminform"].form
    assert "curated_by" not in form.fields
    assert "curated_at" not in form.fields
    assert {"method", "status", "curation_note"} <= set(form.fields)


# Search and filters


def test_claims_search_matches_evidence_method_and_paper_title(admin_client):
    lantern = ClaimFactory(
        paper=PaperFactory(title="Lantern: Cheap Planning for Grid Robots"),
        evidence="The planner delivers 64.5% success with two cameras.",
        value=64.5,
        method="Lantern",
    )
    other = ClaimFactory(evidence="A quieter baseline lands at 12% success.", value=12, method="Quiet")

    by_evidence = admin_client.get(CLAIMS_URL, {"q": "two cameras"}).context["cl"].result_list
    by_title = admin_client.get(CLAIMS_URL, {"q": "grid robots"}).context["cl"].result_list
    by_method = admin_client.get(CLAIMS_URL, {"q": "quiet"}).context["cl"].result_list

    assert list(by_evidence) == [lantern]
    assert list(by_title) == [lantern]
    assert list(by_method) == [other]


@pytest.mark.parametrize(
    ("param", "value_of"),
    [
        ("status__exact", lambda c: c.status),
        ("kind__exact", lambda c: c.kind),
        ("benchmark__id__exact", lambda c: c.benchmark_id),
        ("metric__id__exact", lambda c: c.metric_id),
        ("extractor", lambda c: c.extractor),
        ("setting", lambda c: c.setting),
        ("provenance__exact", lambda c: c.provenance),
    ],
)
def test_claims_filters_select_matching_rows(admin_client, param, value_of):
    wanted = ClaimFactory(
        status=Claim.Status.VERIFIED,
        kind=Claim.Kind.DELTA,
        extractor="llm",
        setting="zero-shot",
        provenance=Claim.Provenance.PWC_ARCHIVE,
    )
    ClaimFactory(status=Claim.Status.REJECTED, kind=Claim.Kind.SCORE, extractor="rules", setting="5-shot")

    response = admin_client.get(CLAIMS_URL, {param: value_of(wanted)})

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [wanted]


def test_benchmark_search_finds_by_alias(admin_client):
    maze = BenchmarkFactory(name="Tiny Maze Suite")
    BenchmarkAliasFactory(benchmark=maze, name="TMS-9")
    BenchmarkFactory(name="Other Bench")

    response = admin_client.get(reverse("admin:claims_benchmark_changelist"), {"q": "tms-9"})

    assert list(response.context["cl"].result_list) == [maze]


def test_catalog_lists_claim_and_paper_counts(admin_client):
    maze = BenchmarkFactory(name="Tiny Maze Suite")
    paper = PaperFactory()
    ClaimFactory.create_batch(3, benchmark=maze, paper=paper)
    ClaimFactory(benchmark=maze)

    response = admin_client.get(reverse("admin:claims_benchmark_changelist"))

    row = next(b for b in response.context["cl"].result_list if b.pk == maze.pk)
    assert (row.claim_count, row.paper_count) == (4, 2)
    assert f"{CLAIMS_URL}?benchmark__id__exact={maze.pk}" in response.content.decode()


def test_catalog_counts_leave_rejected_claims_out(admin_client):
    maze = BenchmarkFactory(name="Tiny Maze Suite")
    ClaimFactory.create_batch(2, benchmark=maze)
    ClaimFactory(benchmark=maze, status=Claim.Status.REJECTED)  # its own paper: no paper either

    response = admin_client.get(reverse("admin:claims_benchmark_changelist"))

    row = next(b for b in response.context["cl"].result_list if b.pk == maze.pk)
    assert (row.claim_count, row.paper_count) == (2, 2)


# Evidence highlighting


def test_evidence_highlight_marks_the_number_by_its_offsets_and_escapes_html():
    abstract_prefix = "Intro sentence here. "
    evidence = "Our <b>agent</b> & friends reach 71.3% on <script>x</script> mazes."
    start = abstract_prefix.__len__()
    number_at = evidence.index("71.3")
    claim = ClaimFactory.build(
        evidence=evidence,
        evidence_start=start,
        evidence_end=start + len(evidence),
        value=71.3,
        value_text="71.3",
        value_start=start + number_at,
        value_end=start + number_at + 4,
    )

    html = evidence_html(claim)

    assert "<mark>71.3</mark>" in html
    assert "&lt;b&gt;agent&lt;/b&gt; &amp; friends" in html
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_evidence_highlight_falls_back_to_value_text_when_offsets_are_missing_or_stale():
    evidence = "Accuracy climbs from 40.1% to 52.7% with <em>tiling</em>."
    missing = ClaimFactory.build(evidence=evidence, value=52.7, value_text="52.7%")
    stale = ClaimFactory.build(
        evidence=evidence, value=52.7, value_text="52.7%", evidence_start=100, value_start=121, value_end=126
    )

    for claim in (missing, stale):
        html = evidence_html(claim)
        assert "<mark>52.7%</mark>" in html
        assert "&lt;em&gt;tiling&lt;/em&gt;" in html


def test_evidence_highlight_without_a_match_is_escaped_text():
    claim = ClaimFactory.build(evidence="Nothing <i>numeric</i> here.", value=3.5, value_text="3.5")

    html = evidence_html(claim)

    assert "<mark>" not in html
    assert html == "Nothing &lt;i&gt;numeric&lt;/i&gt; here."


def test_evidence_highlight_shows_in_the_changelist_and_the_change_form(admin_client):
    claim = ClaimFactory(evidence="Scores hit 88.8% on <u>toy</u> data.", value=88.8, value_text="88.8%")

    listing = admin_client.get(CLAIMS_URL).content.decode()
    page = admin_client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()

    for html in (listing, page):
        assert "<mark>88.8%</mark>" in html
        assert "&lt;u&gt;toy&lt;/u&gt;" in html


# Curation


@pytest.mark.parametrize(
    ("action", "status"),
    [("verify_selected", Claim.Status.VERIFIED), ("reject_selected", Claim.Status.REJECTED)],
)
def test_bulk_actions_set_status_curator_and_time(admin_client, admin_user, action, status):
    chosen = ClaimFactory.create_batch(2)
    untouched = ClaimFactory()

    response = admin_client.post(
        CLAIMS_URL, {"action": action, ACTION_CHECKBOX_NAME: [c.pk for c in chosen], "index": 0}, follow=True
    )

    assert response.status_code == 200
    assert "2 claims" in response.content.decode()
    for claim in chosen:
        claim.refresh_from_db()
        assert claim.status == status
        assert claim.curated_by == admin_user
        assert claim.curated_at is not None
    untouched.refresh_from_db()
    assert (untouched.status, untouched.curated_by, untouched.curated_at) == (
        Claim.Status.EXTRACTED,
        None,
        None,
    )


def test_change_form_save_records_curator_and_relinks_the_benchmark(admin_client, admin_user):
    claim = ClaimFactory(method="OldName")
    renamed = BenchmarkFactory(name="Tiny Maze Suite")
    BenchmarkAliasFactory(benchmark=renamed, name="TinyMaze v2")
    url = reverse("admin:claims_claim_change", args=[claim.pk])

    response = admin_client.post(
        url, _claim_form_data(claim, method="NewName", benchmark_text="tinymaze-V2", status="verified")
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    claim.refresh_from_db()
    assert claim.method == "NewName"
    assert claim.benchmark == renamed
    assert claim.status == Claim.Status.VERIFIED
    assert claim.curated_by == admin_user
    assert claim.curated_at is not None


def test_change_form_save_without_changes_still_records_curator(admin_client, admin_user):
    claim = ClaimFactory()

    admin_client.post(reverse("admin:claims_claim_change", args=[claim.pk]), _claim_form_data(claim))

    claim.refresh_from_db()
    assert claim.curated_by == admin_user
    assert claim.status == Claim.Status.EXTRACTED


def test_change_form_ignores_posted_curation_fields(admin_client, admin_user):
    someone = User.objects.create_user("someone")
    claim = ClaimFactory()

    admin_client.post(
        reverse("admin:claims_claim_change", args=[claim.pk]),
        _claim_form_data(claim, curated_by=someone.pk, curated_at="2001-01-01 00:00"),
    )

    claim.refresh_from_db()
    assert claim.curated_by == admin_user
    assert claim.curated_at.year != 2001


def test_claims_changelist_query_count_does_not_grow_with_rows(admin_client):
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(CLAIMS_URL).status_code == 200
        return len(queries)

    ClaimFactory.create_batch(2)
    few = count_queries()
    ClaimFactory.create_batch(15)
    many = count_queries()

    assert many == few


# Aliases


def test_alias_inline_computes_the_key_from_the_name(admin_client):
    maze = BenchmarkFactory(name="Tiny Maze Suite")

    response = admin_client.post(
        reverse("admin:claims_benchmark_change", args=[maze.pk]),
        _catalog_form_data(maze, new_aliases=["T-Maze (v1)"]),
    )

    assert response.status_code == 302
    alias = BenchmarkAlias.objects.get(benchmark=maze)
    assert (alias.name, alias.key) == ("T-Maze (v1)", name_key("T-Maze (v1)"))


def test_alias_inline_refuses_a_name_another_benchmark_already_has(admin_client):
    BenchmarkAliasFactory(benchmark=BenchmarkFactory(name="Grid World"), name="GW-1")
    maze = BenchmarkFactory(name="Tiny Maze Suite")

    response = admin_client.post(
        reverse("admin:claims_benchmark_change", args=[maze.pk]),
        _catalog_form_data(maze, new_aliases=["gw 1"]),
    )

    assert response.status_code == 200
    assert "already names Grid World" in response.content.decode()
    assert not BenchmarkAlias.objects.filter(benchmark=maze).exists()


def test_alias_inline_refuses_two_rows_with_the_same_key(admin_client):
    metric = MetricFactory(name="success rate")

    response = admin_client.post(
        reverse("admin:claims_metric_change", args=[metric.pk]),
        _catalog_form_data(metric, new_aliases=["SR@1", "sr 1"]),
    )

    assert response.status_code == 200
    assert "are the same alias" in response.content.decode()
    assert not MetricAlias.objects.exists()


# Merging duplicates


def test_merge_action_shows_a_confirmation_page_first(admin_client):
    keep, dup = BenchmarkFactory(name="Tiny Maze Suite"), BenchmarkFactory(name="TinyMaze")
    url = reverse("admin:claims_benchmark_changelist")

    response = admin_client.post(url, {"action": "merge_selected", ACTION_CHECKBOX_NAME: [keep.pk, dup.pk]})

    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "admin/claims/merge_confirmation.html"
    assert 'name="target"' in response.content.decode()
    assert Benchmark.objects.count() == 2


def test_merge_action_moves_claims_and_aliases_and_deletes_the_source(admin_client):
    keep, dup = BenchmarkFactory(name="Tiny Maze Suite"), BenchmarkFactory(name="TinyMaze")
    kept_claim = ClaimFactory(benchmark=keep)
    moved_claims = ClaimFactory.create_batch(2, benchmark=dup)
    BenchmarkAliasFactory(benchmark=dup, name="T-Maze")

    response = admin_client.post(
        reverse("admin:claims_benchmark_changelist"),
        {
            "action": "merge_selected",
            ACTION_CHECKBOX_NAME: [keep.pk, dup.pk],
            "post": "yes",
            "target": keep.pk,
        },
        follow=True,
    )

    assert "moved 2 claims" in response.content.decode()
    assert not Benchmark.objects.filter(pk=dup.pk).exists()
    assert set(Claim.objects.filter(benchmark=keep)) == {kept_claim, *moved_claims}
    assert set(keep.aliases.values_list("name", flat=True)) >= {"T-Maze", "TinyMaze"}


def test_metric_merge_action_moves_claims(admin_client):
    keep, dup = MetricFactory(name="success rate"), MetricFactory(name="SR")
    ClaimFactory.create_batch(3, metric=dup)
    MetricAliasFactory(metric=dup, name="succ. rate")

    response = admin_client.post(
        reverse("admin:claims_metric_changelist"),
        {
            "action": "merge_selected",
            ACTION_CHECKBOX_NAME: [keep.pk, dup.pk],
            "post": "yes",
            "target": keep.pk,
        },
        follow=True,
    )

    assert "moved 3 claims" in response.content.decode()
    assert not Metric.objects.filter(pk=dup.pk).exists()
    assert Claim.objects.filter(metric=keep).count() == 3
    assert keep.aliases.filter(name="succ. rate").exists()


def test_merge_action_needs_two_rows(admin_client):
    only = BenchmarkFactory(name="Tiny Maze Suite")

    response = admin_client.post(
        reverse("admin:claims_benchmark_changelist"),
        {"action": "merge_selected", ACTION_CHECKBOX_NAME: [only.pk]},
        follow=True,
    )

    assert "at least two benchmarks" in response.content.decode()
    assert Benchmark.objects.filter(pk=only.pk).exists()


def test_merge_target_must_be_one_of_the_selected(admin_client):
    keep, dup, outsider = (BenchmarkFactory(name=n) for n in ("Tiny Maze Suite", "TinyMaze", "Grid World"))

    response = admin_client.post(
        reverse("admin:claims_benchmark_changelist"),
        {
            "action": "merge_selected",
            ACTION_CHECKBOX_NAME: [keep.pk, dup.pk],
            "post": "yes",
            "target": outsider.pk,
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors
    assert Benchmark.objects.count() == 3


# The curators group


@pytest.mark.management
def test_setup_curators_is_idempotent(capsys):
    call_command("setup_curators")
    first = set(Group.objects.get(name="curators").permissions.values_list("codename", flat=True))
    capsys.readouterr()

    call_command("setup_curators")
    out = capsys.readouterr().out

    group = Group.objects.get(name="curators")
    assert Group.objects.filter(name="curators").count() == 1
    assert set(group.permissions.values_list("codename", flat=True)) == first
    assert {"view_claim", "change_claim", "view_paper", "view_benchmark", "view_metric"} <= first
    assert not {"delete_claim", "add_claim", "change_paper", "change_benchmark"} & first
    assert "already existed" in out and "0 permission(s) added" in out


@pytest.mark.management
def test_a_curator_can_verify_claims_but_not_merge_benchmarks(client):
    call_command("setup_curators")
    curator = User.objects.create_user("curie", is_staff=True)
    curator.groups.add(Group.objects.get(name="curators"))
    client.force_login(curator)
    claim = ClaimFactory()

    client.post(CLAIMS_URL, {"action": "verify_selected", ACTION_CHECKBOX_NAME: [claim.pk], "index": 0})
    benchmarks = client.get(reverse("admin:claims_benchmark_changelist"))

    claim.refresh_from_db()
    assert (claim.status, claim.curated_by) == (Claim.Status.VERIFIED, curator)
    assert benchmarks.status_code == 200
    assert "merge_selected" not in benchmarks.content.decode()


def test_tasks_are_listed_found_by_synonym_and_linked_from_benchmarks(admin_client):
    parent = TaskFactory(name="Object Detection", slug="object-detection")
    child = TaskFactory(name="Dense Pedestrian Detection", slug="dense-pedestrian-detection", parent=parent)
    TaskAliasFactory(task=child, name="Crowd Detection")
    BenchmarkFactory(name="Dense Crowds").tasks.add(child)
    TaskFactory(name="Question Answering")

    changelist = admin_client.get(reverse("admin:claims_task_changelist"), {"q": "crowd"})
    change = admin_client.get(reverse("admin:claims_task_change", args=[child.pk]))

    assert list(changelist.context["cl"].result_list) == [child]
    assert change.status_code == 200
    assert admin_client.get(reverse("admin:claims_task_add")).status_code == 200


def test_a_claims_provenance_shows_on_its_change_form(admin_client):
    claim = ClaimFactory(provenance=Claim.Provenance.PWC_ARCHIVE, status=Claim.Status.VERIFIED)

    html = admin_client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()

    assert "Papers with Code archive" in html
