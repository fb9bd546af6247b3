import datetime

import factory

from papers.models import ImportRun, Paper, SavedFeed


class PaperFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Paper

    title = factory.Sequence(lambda n: f"A Study of Sparse Adapters, Part {n}")
    abstract = factory.Sequence(
        lambda n: (
            f"We study sparse adapters (variant {n}). Our method reaches 81.{n % 10}% accuracy on CIFAR-100."
        )
    )
    arxiv_id = factory.Sequence(lambda n: f"2501.{n:05d}")
    published = factory.Sequence(lambda n: datetime.date(2025, 1, 1) + datetime.timedelta(days=n))
    authors = factory.LazyFunction(lambda: ["Ada Example", "Ben Sample"])
    author_count = 2
    sources = factory.LazyFunction(lambda: ["jsonl"])


class ImportRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImportRun

    format = "jsonl"
    origin = factory.Sequence(lambda n: f"papers-{n}.jsonl")


class SavedFeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SavedFeed

    name = factory.Sequence(lambda n: f"Saved feed {n}")
    kind = SavedFeed.Kind.HF_DAILY
    interval_minutes = 360
