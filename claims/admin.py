"""Curators' admin for claims, benchmarks and metrics. Every write goes through claims.services."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import models, transaction
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator

from claims.forms import AliasFormSet, BenchmarkAliasForm, MergeTargetForm, MetricAliasForm, TaskAliasForm
from claims.models import (
    Benchmark,
    BenchmarkAlias,
    Claim,
    ClaimDecision,
    Metric,
    MetricAlias,
    Task,
    TaskAlias,
)
from claims.services.catalog import benchmark_merge, metric_merge
from claims.services.counts import claims_delete
from claims.services.curation import (
    EDITABLE_FIELDS,
    claim_reject,
    claim_update,
    claim_verify,
    claims_bulk_set_status,
)

LIVE_CLAIMS = ~Q(claims__status=Claim.Status.REJECTED)


def _count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


def value_span(claim: Claim) -> tuple[int, int] | None:
    """Where the claim's number sits in its evidence sentence, or None when it cannot be found.

    The stored offsets are relative to the abstract; they are trusted only when they land inside the
    evidence on text that agrees with value_text, since an edited abstract or evidence moves them.
    """
    evidence = claim.evidence or ""
    value_text = (claim.value_text or "").strip()
    if claim.value_start is not None and claim.value_end is not None:
        start = claim.value_start - claim.evidence_start
        end = claim.value_end - claim.evidence_start
        if 0 <= start < end <= len(evidence):
            marked = evidence[start:end].strip()
            if marked and (not value_text or marked in value_text or value_text in marked):
                return start, end
    for needle in (value_text, f"{claim.value:g}"):
        at = evidence.find(needle) if needle else -1
        if at >= 0:
            return at, at + len(needle)
    return None


def evidence_html(claim: Claim, *, context: int | None = None) -> str:
    """The evidence sentence, escaped, with the claim's number in <mark>.

    With context, only that many characters either side of the number are kept.
    """
    evidence = claim.evidence or ""
    span = value_span(claim)
    if span is None:
        text = evidence if context is None else Truncator(evidence).chars(2 * context)
        return format_html("{}", text)
    start, end = span
    before, number, after = evidence[:start], evidence[start:end], evidence[end:]
    if context is not None:
        # Cut at a space so the excerpt never starts or ends inside a word.
        if len(before) > context:
            cut = before[-context:]
            before = "…" + (cut.split(" ", 1)[1] if " " in cut else cut)
        if len(after) > context:
            cut = after[:context]
            after = (cut.rsplit(" ", 1)[0] if " " in cut else cut) + " …"
    return format_html("{}<mark>{}</mark>{}", before, number, after)


def _value_with_unit(claim: Claim) -> str:
    unit = claim.unit or ""
    if unit and unit not in {"%", "x", "×"}:
        unit = f" {unit}"
    return f"{claim.value:g}{unit}"


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = [
        "value_display",
        "kind",
        "metric",
        "benchmark",
        "method",
        "evidence_excerpt",
        "paper_link",
        "status",
        "confidence_display",
        "provenance",
        "extractor",
    ]
    list_display_links = ["value_display"]
    list_select_related = ["paper", "metric", "benchmark"]
    list_filter = [
        "status",
        "provenance",
        "kind",
        ("benchmark", admin.RelatedOnlyFieldListFilter),
        ("metric", admin.RelatedOnlyFieldListFilter),
        "extractor",
        "setting",
        "split",
    ]
    search_fields = ["evidence", "method", "metric_text", "benchmark_text", "paper__title"]
    actions = ["verify_selected", "reject_selected"]
    fieldsets = [
        ("Evidence", {"fields": ["paper_link", "evidence_highlighted", "value_text"]}),
        (
            "Claim",
            {
                "fields": [
                    ("value", "unit", "kind"),
                    ("metric_text", "metric_link"),
                    ("benchmark_text", "benchmark_link"),
                    "method",
                    "compared_to",
                    "setting",
                    "split",
                ],
                "description": "Renaming the metric or benchmark text re-links the claim to the matching row.",
            },
        ),
        ("Curation", {"fields": ["status", "curation_note", ("curated_by", "curated_at")]}),
        ("Provenance", {"fields": [("provenance", "import_run", "verified_by")]}),
        (
            "Extraction",
            {
                "classes": ["collapse"],
                "fields": [
                    ("extractor", "extractor_version", "confidence"),
                    ("evidence_start", "evidence_end", "value_start", "value_end"),
                    ("created_at", "updated_at"),
                ],
            },
        ),
    ]
    readonly_fields = [
        "metric_link",
        "benchmark_link",
        "paper_link",
        "evidence_highlighted",
        "value_text",
        "curated_by",
        "curated_at",
        "provenance",
        "import_run",
        "verified_by",
        "extractor",
        "extractor_version",
        "confidence",
        "evidence_start",
        "evidence_end",
        "value_start",
        "value_end",
        "created_at",
        "updated_at",
    ]

    def has_add_permission(self, request):
        # Claims come from the extractor; a curator corrects or rejects them.
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("paper", "metric", "benchmark", "curated_by")

    @admin.display(description="value", ordering="value")
    def value_display(self, claim: Claim) -> str:
        return _value_with_unit(claim)

    @admin.display(description="conf.", ordering="confidence")
    def confidence_display(self, claim: Claim) -> str:
        return f"{claim.confidence:.2f}"

    @admin.display(description="paper", ordering="paper__title")
    def paper_link(self, claim: Claim) -> str:
        url = reverse("admin:papers_paper_change", args=[claim.paper_id])
        title = claim.paper.title
        return format_html('<a href="{}" title="{}">{}</a>', url, title, Truncator(title).chars(60))

    @admin.display(description="metric row")
    def metric_link(self, claim: Claim) -> str:
        if claim.metric_id is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:claims_metric_change", args=[claim.metric_id]), claim.metric
        )

    @admin.display(description="benchmark row")
    def benchmark_link(self, claim: Claim) -> str:
        if claim.benchmark_id is None:
            return "—"
        url = reverse("admin:claims_benchmark_change", args=[claim.benchmark_id])
        return format_html('<a href="{}">{}</a>', url, claim.benchmark)

    @admin.display(description="evidence")
    def evidence_excerpt(self, claim: Claim) -> str:
        return evidence_html(claim, context=70)

    @admin.display(description="evidence")
    def evidence_highlighted(self, claim: Claim) -> str:
        return evidence_html(claim)

    def delete_model(self, request, obj):
        claims_delete(claims=Claim.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        claims_delete(claims=queryset)

    def save_model(self, request, obj, form, change):
        # The same services as the API, so a save from the admin records the curator and re-links names.
        data = {name: form.cleaned_data[name] for name in EDITABLE_FIELDS if name in form.changed_data}
        # The services re-read the row under a lock, so the status the form set is taken from the form.
        status = obj.status
        claim = claim_update(claim=obj, user=request.user, data=data)
        if "status" in form.changed_data:
            if status == Claim.Status.VERIFIED:
                claim_verify(claim=claim, user=request.user)
            elif status == Claim.Status.REJECTED:
                claim_reject(claim=claim, user=request.user)
            else:
                claims_bulk_set_status(claim_ids=[claim.pk], user=request.user, status=status)

    def _bulk_set_status(self, request, queryset, status: str, verb: str) -> None:
        changed = claims_bulk_set_status(
            claim_ids=queryset.values_list("pk", flat=True), user=request.user, status=status
        )
        self.message_user(request, f"{verb} {_count(changed, 'claim')}.", messages.SUCCESS)

    @admin.action(description="Verify selected claims", permissions=["change"])
    def verify_selected(self, request, queryset):
        self._bulk_set_status(request, queryset, Claim.Status.VERIFIED, "Verified")

    @admin.action(description="Reject selected claims", permissions=["change"])
    def reject_selected(self, request, queryset):
        self._bulk_set_status(request, queryset, Claim.Status.REJECTED, "Rejected")


class BenchmarkAliasInline(admin.TabularInline):
    model = BenchmarkAlias
    form = BenchmarkAliasForm
    formset = AliasFormSet
    fields = ["name", "key"]
    readonly_fields = ["key"]
    extra = 1


class MetricAliasInline(admin.TabularInline):
    model = MetricAlias
    form = MetricAliasForm
    formset = AliasFormSet
    fields = ["name", "key"]
    readonly_fields = ["key"]
    extra = 1


class CatalogAdmin(admin.ModelAdmin):
    """Shared by benchmarks and metrics: counts, alias search and merging duplicates."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    merge_service = None  # benchmark_merge or metric_merge
    claim_filter = ""  # the claims changelist parameter selecting this row's claims
    search_fields = ["name", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["claim_count", "paper_count", "created_at", "updated_at"]
    actions = ["merge_selected"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            # Rejected claims are not results: they do not count, as on the leaderboards.
            .annotate(
                claim_count=Count("claims", filter=LIVE_CLAIMS, distinct=True),
                paper_count=Count("claims__paper", filter=LIVE_CLAIMS, distinct=True),
            )
            .prefetch_related("aliases")
        )

    @admin.display(description="aliases")
    def alias_list(self, obj) -> str:
        return ", ".join(alias.name for alias in obj.aliases.all() if alias.name != obj.name)

    @admin.display(description="claims", ordering="claim_count")
    def claim_count(self, obj) -> str:
        if obj.pk is None:
            return "—"
        url = reverse("admin:claims_claim_changelist")
        count = getattr(obj, "claim_count", "—")
        return format_html('<a href="{}?{}={}">{}</a>', url, self.claim_filter, obj.pk, count)

    @admin.display(description="papers", ordering="paper_count")
    def paper_count(self, obj) -> int | str:
        return getattr(obj, "paper_count", "—")

    @admin.action(
        description="Merge selected %(verbose_name_plural)s into one…", permissions=["change", "delete"]
    )
    def merge_selected(self, request, queryset):
        opts = self.model._meta
        if queryset.count() < 2:
            self.message_user(
                request,
                f"Select the duplicates and the {opts.verbose_name} to keep: at least two {opts.verbose_name_plural}.",
                messages.WARNING,
            )
            return None
        confirmed = request.POST.get("post") == "yes"
        form = MergeTargetForm(request.POST if confirmed else None, queryset=queryset)
        if confirmed and form.is_valid():
            target = form.cleaned_data["target"]
            sources = list(queryset.exclude(pk=target.pk))
            moved = 0
            with transaction.atomic():
                for source in sources:
                    moved += self.merge_service(source=source, target=target)
            names = ", ".join(str(source) for source in sources)
            self.message_user(
                request,
                f"Merged {names} into {target}: moved {_count(moved, 'claim')}.",
                messages.SUCCESS,
            )
            return None
        request.current_app = self.admin_site.name
        context = {
            **self.admin_site.each_context(request),
            "title": f"Merge {opts.verbose_name_plural}",
            "subtitle": None,
            "opts": opts,
            "app_label": opts.app_label,
            "queryset": queryset,
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/claims/merge_confirmation.html", context)


@admin.register(Benchmark)
class BenchmarkAdmin(CatalogAdmin):
    merge_service = staticmethod(benchmark_merge)
    claim_filter = "benchmark__id__exact"
    list_display = ["name", "task", "alias_list", "claim_count", "paper_count"]
    list_filter = ["task"]
    fields = [
        "name",
        "slug",
        "task",
        "tasks",
        "description",
        "url",
        ("claim_count", "paper_count"),
        ("created_at", "updated_at"),
    ]
    inlines = [BenchmarkAliasInline]
    autocomplete_fields = ["tasks"]


@admin.register(Metric)
class MetricAdmin(CatalogAdmin):
    merge_service = staticmethod(metric_merge)
    claim_filter = "metric__id__exact"
    list_display = ["name", "higher_is_better", "unit", "alias_list", "claim_count", "paper_count"]
    list_filter = ["higher_is_better", "unit"]
    fields = [
        "name",
        "slug",
        ("higher_is_better", "unit"),
        "description",
        ("claim_count", "paper_count"),
        ("created_at", "updated_at"),
    ]
    inlines = [MetricAliasInline]


class TaskAliasInline(admin.TabularInline):
    model = TaskAlias
    form = TaskAliasForm
    formset = AliasFormSet
    fields = ["name", "key"]
    readonly_fields = ["key"]
    extra = 1


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "parent", "benchmark_count", "subtask_count"]
    list_select_related = ["parent"]
    search_fields = ["name", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    fields = [
        "name",
        "slug",
        "parent",
        "categories",
        "description",
        "source_link",
        ("created_at", "updated_at"),
    ]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [TaskAliasInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                benchmark_count=Count("benchmarks", distinct=True),
                subtask_count=Count("subtasks", distinct=True),
            )
        )

    @admin.display(description="benchmarks", ordering="benchmark_count")
    def benchmark_count(self, task: Task) -> int:
        return task.benchmark_count

    @admin.display(description="subtasks", ordering="subtask_count")
    def subtask_count(self, task: Task) -> int:
        return task.subtask_count


@admin.register(ClaimDecision)
class ClaimDecisionAdmin(admin.ModelAdmin):
    """The curation audit trail: read-only, written by the curation services alone."""

    list_display = ["created_at", "claim", "user", "action", "outcome", "from_status", "to_status", "version"]
    list_filter = ["action", "outcome"]
    list_select_related = ["claim", "user"]
    search_fields = ["user__username", "note"]
    raw_id_fields = ["claim", "user"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
