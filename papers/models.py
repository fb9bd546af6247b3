from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from papers.normalize import abstract_hash, title_key


class Paper(models.Model):
    """A research paper, de-duplicated across sources by arXiv id and by normalized title."""

    arxiv_id = models.CharField(max_length=64, blank=True, default="", db_index=True)
    doi = models.CharField(max_length=255, blank=True, default="")
    title = models.TextField()
    title_key = models.CharField(max_length=1000, unique=True, blank=True, editable=False)
    abstract = models.TextField()
    abstract_hash = models.CharField(max_length=64, blank=True, editable=False)
    # The abstract hash the current extracted claims were read from; differs from abstract_hash when stale.
    extracted_hash = models.CharField(max_length=64, blank=True, default="", editable=False)
    published = models.DateField(null=True, blank=True)
    authors = models.JSONField(default=list, blank=True)
    author_count = models.PositiveIntegerField(null=True, blank=True)
    upvotes = models.PositiveIntegerField(null=True, blank=True)
    url = models.URLField(max_length=500, blank=True, default="")
    code_url = models.URLField(max_length=500, blank=True, default="")
    sources = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-published", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["arxiv_id"], condition=~Q(arxiv_id=""), name="paper_unique_arxiv_id_when_present"
            ),
            models.CheckConstraint(condition=~Q(title_key=""), name="paper_title_key_not_empty"),
        ]
        indexes = [models.Index(fields=["published", "id"], name="paper_published_idx")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.refresh_keys()
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None) -> None:
        self.refresh_keys()
        super().clean_fields(exclude=exclude)

    def clean(self) -> None:
        if not self.title_key:
            raise ValidationError({"title": "A paper needs a title with at least one letter or digit."})
        if not (self.abstract or "").strip():
            raise ValidationError({"abstract": "A paper needs an abstract."})

    def refresh_keys(self) -> None:
        # The keys are derived, so every writer (admin, API, importer) keeps them in step with the text.
        self.title_key = title_key(self.title)
        self.abstract_hash = abstract_hash(self.abstract)

    @property
    def needs_extraction(self) -> bool:
        return self.extracted_hash != self.abstract_hash


class ImportRun(models.Model):
    """One run of an importer over one file or feed, with its counts and per-record errors."""

    class Status(models.TextChoices):
        QUEUED = "queued"
        RUNNING = "running"
        SUCCEEDED = "succeeded"
        PARTIAL = "partial", "succeeded with rejected records"
        FAILED = "failed"

    format = models.CharField(max_length=32, blank=True, default="")
    origin = models.CharField(max_length=1000, help_text="File name or feed the records came from.")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True)
    read_count = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)
    rejected_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(
        default=list, blank=True, help_text="[{position, reason}] for each rejected record."
    )
    message = models.TextField(blank=True, default="", help_text="Why the whole run failed, when it did.")
    extract = models.BooleanField(default=True, help_text="Queue claim extraction for new or changed papers.")
    task_id = models.CharField(max_length=255, blank=True, default="")
    # Where the file is on the server (never shown by the API), to resume a run whose worker died.
    path = models.CharField(max_length=1000, blank=True, default="", editable=False)
    delete_file = models.BooleanField(
        default=False, editable=False, help_text="The file was uploaded: delete it once the run is over."
    )
    attempts = models.PositiveSmallIntegerField(default=0, help_text="Times a worker took this run on.")
    heartbeat_at = models.DateTimeField(
        null=True, blank=True, help_text="Last sign of life from the worker running it."
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="import_runs"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Import {self.pk} of {self.origin} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.SUCCEEDED, self.Status.PARTIAL, self.Status.FAILED}
