"""Admin for papers and import runs. Import runs are records of what happened: read-only."""

from django import forms
from django.contrib import admin, messages
from django.db import connection, models
from django.db.models import Count, Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from claims.models import Claim
from claims.services.counts import papers_delete
from papers.models import ImportRun, Paper, SavedFeed
from papers.services.saved_feeds import saved_feed_forget_position, saved_feed_start

# An import run can reject a whole file; a page with that many rows stays readable.
ERRORS_SHOWN = 1000


class SourceFilter(admin.SimpleListFilter):
    title = "source"
    parameter_name = "source"

    def lookups(self, request, model_admin):
        names: set[str] = set()
        for sources in Paper.objects.values_list("sources", flat=True).distinct():
            names.update(source for source in sources or [] if isinstance(source, str))
        return [(name, name) for name in sorted(names)]

    def queryset(self, request, queryset):
        source = self.value()
        if not source:
            return queryset
        if connection.features.supports_json_field_contains:
            return queryset.filter(sources__contains=[source])
        # SQLite has no JSON containment; the quoted name matches one whole list item.
        return queryset.filter(sources__icontains=f'"{source}"')


class HasClaimsFilter(admin.SimpleListFilter):
    title = "has claims"
    parameter_name = "has_claims"

    def lookups(self, request, model_admin):
        return [("yes", "Yes"), ("no", "No")]

    def queryset(self, request, queryset):
        has_claims = Exists(Claim.objects.filter(paper=OuterRef("pk")))
        if self.value() == "yes":
            return queryset.filter(has_claims)
        if self.value() == "no":
            return queryset.filter(~has_claims)
        return queryset


class NeedsExtractionFilter(admin.SimpleListFilter):
    title = "needs extraction"
    parameter_name = "needs_extraction"

    def lookups(self, request, model_admin):
        return [("yes", "Yes"), ("no", "No")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(extracted_hash=F("abstract_hash"))
        if self.value() == "no":
            return queryset.filter(extracted_hash=F("abstract_hash"))
        return queryset


class ClaimInline(admin.TabularInline):
    """The paper's claims at a glance; corrections happen on the claim's own page, through the services."""

    model = Claim
    fields = ["value", "unit", "kind", "metric", "benchmark", "method", "status"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("metric", "benchmark")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Paper)
class PaperAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    list_display = ["title", "arxiv_id", "published", "claim_count", "sources_display", "needs_extraction"]
    list_filter = [
        ("published", admin.DateFieldListFilter),
        SourceFilter,
        HasClaimsFilter,
        NeedsExtractionFilter,
    ]
    search_fields = ["title", "abstract", "arxiv_id"]
    date_hierarchy = "published"
    actions = ["reextract_claims"]
    inlines = [ClaimInline]
    fieldsets = [
        (None, {"fields": ["title", "abstract", ("arxiv_id", "doi"), "published"]}),
        (
            "People and links",
            {"fields": ["authors", ("author_count", "upvotes"), "url", "code_url", "sources"]},
        ),
        (
            "Bookkeeping",
            {
                "classes": ["collapse"],
                "fields": [
                    "title_key",
                    ("abstract_hash", "extracted_hash", "needs_extraction"),
                    ("created_at", "updated_at"),
                ],
            },
        ),
    ]
    readonly_fields = [
        "title_key",
        "abstract_hash",
        "extracted_hash",
        "needs_extraction",
        "created_at",
        "updated_at",
    ]

    def get_queryset(self, request):
        # Rejected claims do not count, as on the leaderboards and in the API.
        live = ~Q(claims__status=Claim.Status.REJECTED)
        return super().get_queryset(request).annotate(claim_count=Count("claims", filter=live))

    def get_form(self, request, obj=None, **kwargs):
        # Titles are a line or two; the default TextField widget is a ten-row box.
        kwargs["widgets"] = {
            "title": forms.Textarea(attrs={"rows": 2, "cols": 100}),
            **kwargs.get("widgets", {}),
        }
        return super().get_form(request, obj, **kwargs)

    @admin.display(description="claims", ordering="claim_count")
    def claim_count(self, paper: Paper) -> int | str:
        return getattr(paper, "claim_count", "—")

    @admin.display(description="sources")
    def sources_display(self, paper: Paper) -> str:
        return ", ".join(str(source) for source in paper.sources or [])

    @admin.display(description="needs extraction", boolean=True)
    def needs_extraction(self, paper: Paper) -> bool:
        return paper.needs_extraction

    @admin.action(description="Re-extract claims of selected papers", permissions=["change"])
    def reextract_claims(self, request, queryset):
        # Imported here: admin autodiscovery runs in every process, which should not all load the engine.
        from claims.services.extraction import papers_extract

        totals = papers_extract(paper_ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(
            request,
            f"Re-extracted {totals.papers} paper(s): {totals.claims_created} claim(s) found, "
            f"{totals.claims_replaced} uncurated claim(s) replaced, {totals.curated_kept} curated claim(s) kept.",
            messages.SUCCESS,
        )

    def delete_model(self, request, obj):
        papers_delete(papers=Paper.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        papers_delete(papers=queryset)


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "format",
        "status",
        "read_count",
        "created_count",
        "updated_count",
        "unchanged_count",
        "rejected_count",
        "started_by",
        "created_at",
        "finished_at",
    ]
    list_filter = ["status", "format", "created_at"]
    list_select_related = ["started_by"]
    search_fields = ["origin", "task_id"]
    fieldsets = [
        (None, {"fields": [("origin", "format"), "status", "message", ("extract", "task_id", "started_by")]}),
        (
            "Counts",
            {
                "fields": [
                    ("read_count", "created_count", "updated_count", "unchanged_count", "rejected_count")
                ]
            },
        ),
        ("Rejected records", {"fields": ["errors_table"]}),
        ("Times", {"fields": [("created_at", "started_at", "finished_at")]}),
        ("Live feed", {"classes": ["collapse"], "fields": ["cursor"]}),
    ]
    readonly_fields = ["errors_table"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    @admin.display(description="errors")
    def errors_table(self, run: ImportRun) -> str:
        errors = [
            (error.get("position", ""), error.get("reason", "")) if isinstance(error, dict) else ("", error)
            for error in run.errors or []
        ]
        if not errors:
            return "No record was rejected."
        rows = format_html_join(
            "\n",
            "<tr><td>{}</td><td>{}</td></tr>",
            errors[:ERRORS_SHOWN],
        )
        more = ""
        if len(errors) > ERRORS_SHOWN:
            more = format_html("<p>… and {} more.</p>", len(errors) - ERRORS_SHOWN)
        return format_html(
            '<table class="import-errors"><thead><tr><th scope="col">Position</th><th scope="col">Reason</th>'
            "</tr></thead><tbody>{}</tbody></table>{}",
            rows,
            more,
        )


@admin.register(SavedFeed)
class SavedFeedAdmin(admin.ModelAdmin):
    """Feeds celery beat follows. The schedule and the query are edited here; runs are the beat's business."""

    list_display = [
        "name",
        "kind",
        "query",
        "enabled",
        "schedule",
        "last_run_at",
        "last_run_status",
        "next_run_at",
    ]
    list_filter = ["kind", "enabled"]
    list_select_related = ["last_import_run"]
    search_fields = ["name", "query"]
    actions = ["run_now", "forget_position"]
    fieldsets = [
        (None, {"fields": ["name", ("kind", "enabled"), "query", ("since", "max_results"), "extract"]}),
        ("Schedule", {"fields": [("interval_minutes", "daily_at"), "next_run_at"]}),
        (
            "Runs",
            {"fields": [("last_run_at", "last_success_at"), "last_import_run_link", "resume_cursor"]},
        ),
    ]
    readonly_fields = ["last_run_at", "last_success_at", "last_import_run_link", "resume_cursor"]

    @admin.display(description="last run", ordering="last_import_run__status")
    def last_run_status(self, feed: SavedFeed) -> str:
        run = feed.last_import_run
        if run is None:
            return "—"
        url = reverse("admin:papers_importrun_change", args=[run.pk])
        return format_html('<a href="{}">{}</a>', url, run.get_status_display())

    @admin.display(description="last import run")
    def last_import_run_link(self, feed: SavedFeed) -> str:
        run = feed.last_import_run
        if run is None:
            return "No run yet."
        url = reverse("admin:papers_importrun_change", args=[run.pk])
        return format_html(
            '<a href="{}">{}</a>: {} read, {} created, {} updated, {} rejected',
            url,
            run,
            run.read_count,
            run.created_count,
            run.updated_count,
            run.rejected_count,
        )

    @admin.action(description="Run now (queue a run of each selected feed)")
    def run_now(self, request, queryset):
        started = [run for feed in queryset if (run := saved_feed_start(saved_feed=feed)) is not None]
        self.message_user(request, f"Queued {len(started)} feed runs.", messages.SUCCESS)

    @admin.action(description="Start over (forget where the last run stopped)")
    def forget_position(self, request, queryset):
        for feed in queryset:
            saved_feed_forget_position(saved_feed=feed)
        self.message_user(request, f"{queryset.count()} feeds will start over.", messages.SUCCESS)
