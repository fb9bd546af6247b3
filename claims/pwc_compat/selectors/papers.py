"""Papers as the Papers with Code APIs look them up: by id or arXiv id, searched, with their code and methods."""

import datetime
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.db.models import Case, Count, Exists, F, Min, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.text import slugify

from claims.models import Benchmark, Claim
from claims.pwc_compat.selectors.tasks import TaskRef, benchmarks_of_task
from papers.importers.fields import bare_arxiv_id
from papers.models import Paper

_DIGITS = re.compile(r"\d+")


def paper_queryset() -> QuerySet[Paper]:
    return Paper.objects.order_by("-published", "-id")


def paper_by_ref(*, ref: str) -> Paper | None:
    """A paper by our id (digits) or its arXiv id, modern or legacy, with or without a version."""
    ref = ref.strip().strip("/")
    if _DIGITS.fullmatch(ref):
        found = Paper.objects.filter(pk=int(ref)).first() if len(ref) < 19 else None
        if found is not None:
            return found
    arxiv_id = bare_arxiv_id(ref)
    return Paper.objects.filter(arxiv_id=arxiv_id).first() if arxiv_id else None


def paper_search(*, queryset: QuerySet[Paper], q: str) -> QuerySet[Paper]:
    q = q.strip()
    if not q:
        return queryset
    found = queryset.filter(Q(title__icontains=q) | Q(abstract__icontains=q) | Q(arxiv_id=q))
    # The exact title first: the CLI resolves a title from the first page of results.
    exact = Case(When(Q(title__iexact=q) | Q(arxiv_id=q), then=Value(0)), default=Value(1))
    return found.order_by(exact, "-published", "-id")


def _live_claims():
    return Claim.objects.filter(paper_id=OuterRef("pk")).exclude(status=Claim.Status.REJECTED)


def papers_of_task(*, queryset: QuerySet[Paper], task: TaskRef) -> QuerySet[Paper]:
    return queryset.filter(Exists(_live_claims().filter(benchmark__in=benchmarks_of_task(task=task))))


def papers_of_benchmark(*, queryset: QuerySet[Paper], benchmark_id: int) -> QuerySet[Paper]:
    return queryset.filter(Exists(_live_claims().filter(benchmark_id=benchmark_id)))


def papers_of_method(*, queryset: QuerySet[Paper], method: str) -> QuerySet[Paper]:
    return queryset.filter(Exists(_live_claims().filter(method__iexact=method.strip())))


# Code repositories: what a paper's code URL tells.


@dataclass(frozen=True)
class Repository:
    url: str
    owner: str
    name: str


def repository_of(*, code_url: str) -> Repository | None:
    """The repository a code URL points at, when it names an owner and a repository (GitHub, GitLab, ...)."""
    parts = urlsplit(code_url.strip())
    segments = [segment for segment in parts.path.split("/") if segment]
    if parts.scheme not in {"http", "https"} or not parts.netloc or len(segments) < 2:
        return None
    owner, name = segments[0], segments[1].removesuffix(".git")
    return Repository(url=f"{parts.scheme}://{parts.netloc}/{owner}/{name}", owner=owner, name=name)


def repository_list(*, q: str = "", owner: str = "", name: str = "") -> list[Repository]:
    found: dict[str, Repository] = {}
    for code_url in (
        Paper.objects.exclude(code_url="").order_by("code_url").values_list("code_url", flat=True)
    ):
        repository = repository_of(code_url=code_url)
        if repository is None or repository.url.casefold() in found:
            continue
        if owner and repository.owner.casefold() != owner.casefold():
            continue
        if name and name.casefold() not in repository.name.casefold():
            continue
        if q and q.casefold() not in repository.url.casefold():
            continue
        found[repository.url.casefold()] = repository
    return list(found.values())


def repository_papers(*, repository: Repository) -> QuerySet[Paper]:
    return paper_queryset().filter(code_url__istartswith=repository.url)


# Methods: the method names score claims report, one per slug.


@dataclass(frozen=True)
class Method:
    id: str
    name: str
    paper_id: int | None


def method_list(*, q: str = "", paper_id: int | None = None) -> list[Method]:
    """Methods named by live claims, by name; `paper_id` is the earliest paper naming each."""
    claims = Claim.objects.exclude(method="").exclude(status=Claim.Status.REJECTED)
    if paper_id is not None:
        claims = claims.filter(paper_id=paper_id)
    methods: dict[str, Method] = {}
    rows = claims.values("method").annotate(first_paper=Min("paper_id")).order_by("method")
    for row in rows:
        slug = slugify(row["method"])
        if not slug:
            continue
        known = methods.get(slug)
        if known is None or (row["first_paper"] or 0) < (known.paper_id or 0):
            methods[slug] = Method(id=slug, name=row["method"], paper_id=row["first_paper"])
    needle = q.strip().casefold()
    found = [m for m in methods.values() if not needle or needle in m.name.casefold() or needle in m.id]
    return sorted(found, key=lambda m: (m.name.casefold(), m.id))


def method_get(*, method_id: str) -> Method | None:
    return next((m for m in method_list() if m.id == method_id), None)


def benchmarks_of_paper(*, paper_id: int) -> QuerySet[Benchmark]:
    """Benchmarks the paper reports a live claim on, by name."""
    live = Claim.objects.filter(paper_id=paper_id).exclude(status=Claim.Status.REJECTED)
    return Benchmark.objects.filter(pk__in=live.values("benchmark_id")).order_by("name")


def method_names_of_papers(*, paper_ids) -> dict[int, list[str]]:
    """The distinct method names each paper's live claims report (one query)."""
    rows = (
        Claim.objects.filter(paper_id__in=paper_ids)
        .exclude(status=Claim.Status.REJECTED)
        .exclude(method="")
        .values_list("paper_id", "method")
        .distinct()
        .order_by("paper_id", "method")
    )
    names: dict[int, list[str]] = {}
    for paper_id, method in rows:
        names.setdefault(paper_id, []).append(method)
    return names


def paper_urls(*, paper_ids) -> dict[int, str]:
    return dict(Paper.objects.filter(pk__in=paper_ids).exclude(url="").values_list("pk", "url"))


def papers_ordered(*, queryset: QuerySet[Paper], order_by: str, descending: bool) -> QuerySet[Paper]:
    """trending: most upvoted first; date_published: by date; citation_count (not recorded): by date."""
    sign = "-" if descending else ""
    if order_by == "trending":
        upvotes = F("upvotes").desc(nulls_last=True) if descending else F("upvotes").asc(nulls_last=True)
        return queryset.order_by(upvotes, f"{sign}published", f"{sign}id")
    published = F("published").desc(nulls_last=True) if descending else F("published").asc(nulls_last=True)
    return queryset.order_by(published, f"{sign}id")


def papers_related(*, paper: Paper, limit: int) -> list[Paper]:
    """Papers reporting on the most benchmarks this one reports on, newest first among equals."""
    benchmark_ids = benchmarks_of_paper(paper_id=paper.pk).values("pk")
    shared = Count(
        "claims__benchmark",
        filter=~Q(claims__status=Claim.Status.REJECTED) & Q(claims__benchmark__in=benchmark_ids),
        distinct=True,
    )
    found = Paper.objects.exclude(pk=paper.pk).annotate(shared=shared).filter(shared__gt=0)
    return list(found.order_by("-shared", F("published").desc(nulls_last=True), "-id")[:limit])


def papers_recent(*, limit: int) -> list[Paper]:
    return list(Paper.objects.order_by(F("published").desc(nulls_last=True), "-id")[:limit])


def papers_trending(
    *, limit: int, max_age_days: int, min_velocity: float | None = None, today: datetime.date | None = None
) -> list[Paper]:
    """Papers of the last `max_age_days` by upvotes a day since publication (Daily Papers upvotes)."""
    today = today or timezone.now().date()
    candidates = Paper.objects.filter(
        published__gte=today - datetime.timedelta(days=max_age_days), upvotes__isnull=False
    )

    def velocity(paper: Paper) -> float:
        return paper.upvotes / max((today - paper.published).days, 1)

    found = [p for p in candidates if min_velocity is None or velocity(p) >= min_velocity]
    return sorted(found, key=lambda p: (-velocity(p), -p.pk))[:limit]
