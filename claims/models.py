from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse


class Task(models.Model):
    """A task results are reported for ("Question Answering"), with its parent task, area and synonyms."""

    name = models.CharField(max_length=255, unique=True)
    slug = models.SlugField(max_length=255, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="subtasks"
    )
    categories = models.JSONField(
        default=list, blank=True, help_text='Areas the task belongs to, e.g. ["Computer Vision"].'
    )
    description = models.TextField(blank=True, default="")
    source_link = models.URLField(max_length=500, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("id")), name="task_not_its_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name


class TaskAlias(models.Model):
    """A synonym of a task ("Shallow parsing" for Chunking); the key folds case and punctuation."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=255)
    key = models.CharField(max_length=255, unique=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "task aliases"

    def __str__(self) -> str:
        return self.name


class Benchmark(models.Model):
    """A dataset, benchmark, environment or test suite results are measured on."""

    name = models.CharField(max_length=255, unique=True)
    slug = models.SlugField(max_length=255, unique=True)
    task = models.CharField(
        max_length=255, blank=True, default="", help_text="Task or area as free text, e.g. object detection."
    )
    tasks = models.ManyToManyField(
        Task, blank=True, related_name="benchmarks", help_text="Tasks of the catalog this benchmark serves."
    )
    description = models.TextField(blank=True, default="")
    url = models.URLField(max_length=500, blank=True, default="")
    # Kept by claims/services/counts.py whenever claims are created, changed or deleted (rejected ones never count).
    live_claim_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Claims not rejected."
    )
    live_paper_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Papers with claims not rejected."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("web:benchmark", args=[self.slug])


class BenchmarkAlias(models.Model):
    """Another name of a benchmark ("MS-COCO" for COCO); the key folds case and punctuation."""

    benchmark = models.ForeignKey(Benchmark, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=255)
    key = models.CharField(max_length=255, unique=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "benchmark aliases"

    def __str__(self) -> str:
        return self.name


class Metric(models.Model):
    """A measure results are reported in, with the direction that counts as better."""

    name = models.CharField(max_length=255, unique=True)
    slug = models.SlugField(max_length=255, unique=True)
    higher_is_better = models.BooleanField(default=True)
    unit = models.CharField(max_length=32, blank=True, default="", help_text="Usual unit, e.g. % or ms.")
    description = models.TextField(blank=True, default="")
    # Kept by claims/services/counts.py whenever claims are created, changed or deleted (rejected ones never count).
    live_claim_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Claims not rejected."
    )
    live_paper_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Papers with claims not rejected."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MetricAlias(models.Model):
    """Another name of a metric ("top-1 acc." for top-1 accuracy)."""

    metric = models.ForeignKey(Metric, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=255)
    key = models.CharField(max_length=255, unique=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "metric aliases"

    def __str__(self) -> str:
        return self.name


class Claim(models.Model):
    """One number a paper's abstract reports about a system's performance, with its evidence."""

    class Kind(models.TextChoices):
        SCORE = "score"
        DELTA = "delta"
        RELATIVE_DELTA = "relative_delta", "relative delta"
        RATIO = "ratio"

    class Status(models.TextChoices):
        EXTRACTED = "extracted"
        VERIFIED = "verified"
        REJECTED = "rejected"

    class Provenance(models.TextChoices):
        EXTRACTED = "extracted", "extracted from the abstract"
        PWC_ARCHIVE = "pwc_archive", "Papers with Code archive"
        CURATOR = "curator", "entered by a curator"
        IMPORT_FILE = "import_file", "an import file"

    paper = models.ForeignKey("papers.Paper", on_delete=models.CASCADE, related_name="claims")
    benchmark = models.ForeignKey(
        Benchmark, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims"
    )
    metric = models.ForeignKey(
        Metric, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims"
    )
    benchmark_text = models.CharField(max_length=255, blank=True, default="", help_text="As written.")
    metric_text = models.CharField(max_length=255, blank=True, default="", help_text="As written.")
    method = models.CharField(max_length=255, blank=True, default="", db_index=True)
    compared_to = models.CharField(max_length=255, blank=True, default="")
    setting = models.CharField(
        max_length=100,
        blank=True,
        default="",
        help_text="Evaluation setting, e.g. zero-shot, 5-shot, fine-tuned.",
    )
    split = models.CharField(
        max_length=64,
        blank=True,
        default="",
        help_text=(
            "Split or subset measured on, e.g. test-dev, val2017, test-clean, 256x256; empty for the "
            "benchmark's standard evaluation. Leaderboards never mix splits."
        ),
    )
    value = models.FloatField()
    value_text = models.CharField(max_length=100, blank=True, default="", help_text="The number as written.")
    unit = models.CharField(max_length=32, blank=True, default="")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.SCORE)
    evidence = models.TextField(help_text="The sentence of the abstract the claim comes from.")
    evidence_start = models.PositiveIntegerField(default=0)
    evidence_end = models.PositiveIntegerField(default=0)
    value_start = models.PositiveIntegerField(
        null=True, blank=True, help_text="Offset of the number in the abstract."
    )
    value_end = models.PositiveIntegerField(null=True, blank=True)
    extractor = models.CharField(max_length=64, blank=True, default="")
    extractor_version = models.CharField(max_length=32, blank=True, default="")
    confidence = models.FloatField(default=1.0)
    provenance = models.CharField(
        max_length=16,
        choices=Provenance.choices,
        default=Provenance.EXTRACTED,
        db_index=True,
        help_text="Where the claim came from; extracted claims also name the extractor and its version.",
    )
    import_run = models.ForeignKey(
        "papers.ImportRun",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claims",
        help_text="The import that brought the claim in, for claims read from a file.",
    )
    source_key = models.CharField(
        max_length=64,
        blank=True,
        default="",
        editable=False,
        help_text="Identity of the claim in its source (e.g. an archive row), so a re-import finds it.",
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.EXTRACTED)
    curated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="curated_claims",
    )
    curated_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when a curator touched the claim."
    )
    curation_note = models.TextField(blank=True, default="")
    version = models.PositiveIntegerField(
        default=1,
        help_text="Grows with each curator's change; a decision made on an older version is refused.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["paper_id", "evidence_start", "value_start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1), name="claim_confidence_in_unit_range"
            ),
            models.CheckConstraint(
                condition=Q(evidence_end__gte=F("evidence_start")), name="claim_span_ordered"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["score", "delta", "relative_delta", "ratio"]), name="claim_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["extracted", "verified", "rejected"]), name="claim_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(provenance__in=["extracted", "pwc_archive", "curator", "import_file"]),
                name="claim_provenance_valid",
            ),
            models.UniqueConstraint(
                fields=["paper", "source_key"],
                condition=~Q(source_key=""),
                name="claim_unique_source_key_per_paper",
            ),
        ]
        indexes = [
            # Leaderboards read score claims of one benchmark and metric, excluding rejected ones.
            models.Index(fields=["benchmark", "metric", "kind", "status"], name="claim_leaderboard_idx"),
            models.Index(fields=["metric", "kind"], name="claim_metric_kind_idx"),
            models.Index(fields=["status", "updated_at"], name="claim_status_updated_idx"),
            # A board ranked in SQL from the index alone (PostgreSQL; other databases ignore `include`).
            models.Index(
                fields=["benchmark", "metric", "kind", "split"],
                include=["status", "value", "paper", "method", "confidence", "setting", "provenance"],
                name="claim_board_cover_idx",
            ),
            # The claims list of one benchmark in its default order, and filtered by kind and value.
            models.Index(
                fields=["benchmark", "paper", "evidence_start", "value_start", "id"],
                name="claim_benchmark_order_idx",
            ),
            models.Index(fields=["benchmark", "kind", "value"], name="claim_benchmark_value_idx"),
        ]

    def __str__(self) -> str:
        unit = self.unit if self.unit in {"%", "x"} else f" {self.unit}" if self.unit else ""
        what = self.metric_text or "result"
        where = f" on {self.benchmark_text}" if self.benchmark_text else ""
        return f"{self.value:g}{unit} {what}{where} ({self.kind})"

    def get_absolute_url(self) -> str:
        return reverse("web:paper", args=[self.paper_id]) + f"#claim-{self.pk}"

    @property
    def is_curated(self) -> bool:
        return self.curated_at is not None

    @property
    def verified_by(self) -> str:
        """Who vouches for the claim: its curator, or the archive it was imported from as verified."""
        if self.curated_by_id is not None and self.status == self.Status.VERIFIED:
            return self.curated_by.get_username()
        if self.provenance == self.Provenance.PWC_ARCHIVE and self.status == self.Status.VERIFIED:
            return self.Provenance.PWC_ARCHIVE.label
        return ""


class CurationDecision(models.Model):
    """A curator's decision on a claim in the curation queue, with the claim's fields before it.

    Kept so the decision can be undone for a while (settings.CURATION_UNDO_MINUTES), and as a record.
    """

    class Action(models.TextChoices):
        VERIFY = "verify"
        REJECT = "reject"
        EDIT_VERIFY = "edit_verify", "edit and verify"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="queue_decisions")
    curator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="curation_decisions"
    )
    action = models.CharField(max_length=16, choices=Action.choices)
    previous = models.JSONField(help_text="The claim's curated fields before the decision.")
    decided_at = models.DateTimeField()
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-decided_at", "-id"]
        indexes = [models.Index(fields=["claim", "decided_at"], name="decision_claim_time_idx")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} claim {self.claim_id}"


class ClaimDecision(models.Model):
    """One curator's decision on a claim (verify, reject, correct), applied or refused as out of date.

    The audit trail: who decided what, when, on which version, and whether it was applied; a decision
    that lost a race to another curator's is kept too, with outcome "conflict".
    """

    class Action(models.TextChoices):
        VERIFY = "verify"
        REJECT = "reject"
        EDIT = "edit"
        SET_STATUS = "set_status", "set status"

    class Outcome(models.TextChoices):
        APPLIED = "applied"
        CONFLICT = "conflict", "refused: the claim had changed"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="decisions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claim_decisions",
    )
    action = models.CharField(max_length=16, choices=Action.choices)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, default=Outcome.APPLIED)
    from_status = models.CharField(max_length=16, blank=True, default="")
    to_status = models.CharField(max_length=16, blank=True, default="")
    version = models.PositiveIntegerField(help_text="The claim's version the decision was made on.")
    changes = models.JSONField(default=dict, blank=True, help_text="Corrected fields and their new values.")
    note = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.action} of claim {self.claim_id} by {self.user_id} ({self.outcome})"
