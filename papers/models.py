import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from papers.normalize import abstract_hash, title_key


class Paper(models.Model):
    """A research paper, de-duplicated across sources by arXiv id and by normalized title."""

    arxiv_id = models.CharField(max_length=64, blank=True, default="", db_index=True)
    doi = models.CharField(max_length=255, blank=True, default="")
    title = models.TextField()
    title_key = models.CharField(max_length=1000, unique=True, blank=True, editable=False)
    # Empty only for papers known from a leaderboard row (the Papers with Code archive) and not yet from a feed.
    abstract = models.TextField(blank=True, default="")
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

    def get_absolute_url(self) -> str:
        return reverse("web:paper", args=[self.pk])

    def clean_fields(self, exclude=None) -> None:
        self.refresh_keys()
        super().clean_fields(exclude=exclude)

    def clean(self) -> None:
        if not self.title_key:
            raise ValidationError({"title": "A paper needs a title with at least one letter or digit."})

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
    warnings = models.JSONField(
        default=list,
        blank=True,
        help_text="[{position, reason}] for what was imported with a caveat (e.g. a metric not in the vocabulary).",
    )
    message = models.TextField(blank=True, default="", help_text="Why the whole run failed, when it did.")
    extract = models.BooleanField(default=True, help_text="Queue claim extraction for new or changed papers.")
    cursor = models.JSONField(
        default=dict,
        blank=True,
        help_text="For a live feed: the feed's parameters and the position of the next page to fetch, "
        "so a run that stopped midway can be resumed.",
    )
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


class SavedFeed(models.Model):
    """A live feed that celery beat follows on a schedule: an arXiv query, an OAI-PMH set or the Hugging
    Face daily papers. Each run is an ImportRun; the feed remembers the last one and where it stopped."""

    class Kind(models.TextChoices):
        ARXIV_QUERY = "arxiv_query", "arXiv API query"
        OAI_SET = "oai_set", "arXiv OAI-PMH set"
        HF_DAILY = "hf_daily", "Hugging Face daily papers"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    query = models.CharField(
        max_length=1000,
        blank=True,
        default="",
        help_text='The arXiv search query ("cat:cs.CL AND abs:benchmark") or the OAI set ("cs"); '
        "empty for the Hugging Face daily papers.",
    )
    since = models.DateField(
        null=True,
        blank=True,
        help_text="The first date to fetch. After a successful run, the feed goes on from the day before it.",
    )
    max_results = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="arXiv queries: at most this many papers a run.",
    )
    enabled = models.BooleanField(default=True)
    interval_minutes = models.PositiveIntegerField(
        default=24 * 60, validators=[MinValueValidator(5)], help_text="Run this often..."
    )
    daily_at = models.TimeField(null=True, blank=True, help_text="... or once a day at this time (UTC).")
    extract = models.BooleanField(default=True, help_text="Queue claim extraction for new or changed papers.")
    next_run_at = models.DateTimeField(
        null=True, blank=True, db_index=True, help_text="Due once this has passed; empty: at the next check."
    )
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_import_run = models.ForeignKey(
        ImportRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resume_cursor = models.JSONField(
        default=dict,
        blank=True,
        help_text="Where the last run stopped when it failed midway; the next run resumes there.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.query = (self.query or "").strip()
        if self.kind in (self.Kind.ARXIV_QUERY, self.Kind.OAI_SET) and not self.query:
            what = "an arXiv search query" if self.kind == self.Kind.ARXIV_QUERY else "an OAI set, e.g. cs"
            raise ValidationError({"query": f"Give {what}."})
        if self.kind == self.Kind.HF_DAILY and self.query:
            raise ValidationError({"query": "The Hugging Face daily papers take no query."})
        if self.max_results and self.kind != self.Kind.ARXIV_QUERY:
            raise ValidationError({"max_results": "Only arXiv queries take a maximum."})

    def run_after(self, moment: datetime.datetime) -> datetime.datetime:
        """When the feed is next due, counted from `moment`."""
        if self.daily_at is None:
            return moment + datetime.timedelta(minutes=self.interval_minutes)
        moment = moment.astimezone(datetime.UTC)
        today = datetime.datetime.combine(moment.date(), self.daily_at, tzinfo=datetime.UTC)
        return today if today > moment else today + datetime.timedelta(days=1)

    @property
    def schedule(self) -> str:
        if self.daily_at is not None:
            return f"daily at {self.daily_at:%H:%M} UTC"
        hours, minutes = divmod(self.interval_minutes, 60)
        return f"every {hours} h {minutes:02d} min" if hours else f"every {minutes} min"


class ImportRange(models.Model):
    """A stretch of lines of a big file, imported by a task of its own so several workers share one file.

    Its run stays running while its ranges run; the run's counts and errors are the sum of theirs, and a
    range that fails is retried on its own.
    """

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="ranges")
    index = models.PositiveIntegerField()
    start = models.BigIntegerField(help_text="Byte offset of the range's first line.")
    end = models.BigIntegerField(help_text="Byte offset just past its last line.")
    first_line = models.PositiveIntegerField(help_text="Line number of its first line in the file.")
    status = models.CharField(
        max_length=16, choices=ImportRun.Status.choices, default=ImportRun.Status.QUEUED, db_index=True
    )
    read_count = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)
    rejected_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    message = models.TextField(blank=True, default="")
    task_id = models.CharField(max_length=255, blank=True, default="")
    attempts = models.PositiveSmallIntegerField(default=0)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["run", "index"]
        constraints = [models.UniqueConstraint(fields=["run", "index"], name="import_range_unique_index")]

    def __str__(self) -> str:
        return f"Range {self.index} (lines from {self.first_line}) of import {self.run_id} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in {ImportRun.Status.SUCCEEDED, ImportRun.Status.PARTIAL, ImportRun.Status.FAILED}

    @property
    def extract(self) -> bool:
        return self.run.extract
