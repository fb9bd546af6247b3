import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from tests.claims.factories import BenchmarkFactory, ClaimFactory, MetricFactory
from tests.papers.factories import PaperFactory
from tracker.api.permissions import CURATORS_GROUP

PASSWORD = "quiet-lantern-heron-7"


def make_user(username: str, *, curator: bool = False, **extra):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)
    if curator:
        user.groups.add(Group.objects.get_or_create(name=CURATORS_GROUP)[0])
    return user


@pytest.fixture
def curator(db):
    return make_user("curator", curator=True)


@pytest.fixture
def plain_user(db):
    return make_user("reader")


def claim_on(benchmark, metric, value, *, year=2024, month=1, method="OurNet", paper=None, **extra):
    paper = paper or PaperFactory(published=datetime.date(year, month, 1) if year else None)
    evidence = extra.pop("evidence", f"{method} reaches {value:g}% on {benchmark.name}.")
    return ClaimFactory(
        paper=paper,
        benchmark=benchmark,
        metric=metric,
        value=value,
        method=method,
        evidence=evidence,
        evidence_end=len(evidence),
        **extra,
    )


@pytest.fixture
def riddles(db):
    """A benchmark with a rising history on accuracy, one rejected claim, and a lower-is-better metric."""
    benchmark = BenchmarkFactory(name="Lantern Riddles", task="Riddle solving")
    accuracy = MetricFactory(name="riddle accuracy", slug="riddle-accuracy", higher_is_better=True)
    errors = MetricFactory(name="error rate", slug="error-rate", higher_is_better=False)
    claims = {
        "kite": claim_on(benchmark, accuracy, 40.0, year=2021, method="KiteNet"),
        "owl": claim_on(benchmark, accuracy, 55.5, year=2022, method="OwlFormer", setting="zero-shot"),
        "moth": claim_on(benchmark, accuracy, 50.0, year=2023, method="MothLM"),
        "glow": claim_on(benchmark, accuracy, 71.25, year=2024, method="Glowworm"),
        "firefly": claim_on(benchmark, accuracy, 99.0, year=2025, method="Firefly", status="rejected"),
        "err-a": claim_on(benchmark, errors, 9.0, year=2021, method="KiteNet"),
        "err-b": claim_on(benchmark, errors, 4.5, year=2023, method="MothLM"),
    }
    return benchmark, accuracy, errors, claims
