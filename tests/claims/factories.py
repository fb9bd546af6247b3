import factory
from django.utils.text import slugify

from claims.extraction.vocabulary import name_key
from claims.models import Benchmark, BenchmarkAlias, Claim, Metric, MetricAlias, Task, TaskAlias
from claims.services.counts import claim_counts_refresh_for
from tests.papers.factories import PaperFactory


class BenchmarkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Benchmark
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Bench-{n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class BenchmarkAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BenchmarkAlias

    benchmark = factory.SubFactory(BenchmarkFactory)
    name = factory.Sequence(lambda n: f"Bench alias {n}")
    key = factory.LazyAttribute(lambda o: name_key(o.name))


class MetricFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Metric
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"metric-{n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    higher_is_better = True


class MetricAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MetricAlias

    metric = factory.SubFactory(MetricFactory)
    name = factory.Sequence(lambda n: f"metric alias {n}")
    key = factory.LazyAttribute(lambda o: name_key(o.name))


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    paper = factory.SubFactory(PaperFactory)
    benchmark = factory.SubFactory(BenchmarkFactory)
    metric = factory.SubFactory(MetricFactory)
    benchmark_text = factory.LazyAttribute(lambda o: o.benchmark.name if o.benchmark else "")
    metric_text = factory.LazyAttribute(lambda o: o.metric.name if o.metric else "")
    method = "SparseAdapter"
    value = 80.0
    value_text = factory.LazyAttribute(lambda o: f"{o.value:g}%")
    unit = "%"
    kind = Claim.Kind.SCORE
    evidence = factory.LazyAttribute(lambda o: f"Our method reaches {o.value:g}% on the benchmark.")
    evidence_start = 0
    evidence_end = factory.LazyAttribute(lambda o: len(o.evidence))
    extractor = "rules"
    extractor_version = "test"
    confidence = 0.9

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Claims stand for what the services write, and the services keep the stored counts.
        claim = super()._create(model_class, *args, **kwargs)
        claim_counts_refresh_for([claim])
        return claim


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Task-{n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class TaskAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaskAlias

    task = factory.SubFactory(TaskFactory)
    name = factory.Sequence(lambda n: f"task alias {n}")
    key = factory.LazyAttribute(lambda o: name_key(o.name))
