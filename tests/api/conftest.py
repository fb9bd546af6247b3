import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from rest_framework.test import APIClient

from claims.models import Claim
from tests.claims.factories import BenchmarkFactory, ClaimFactory, MetricFactory
from tests.papers.factories import PaperFactory
from tracker.api.permissions import CURATORS_GROUP


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


def _user(username: str, **extra):
    return get_user_model().objects.create_user(username=username, password="not-used-here", **extra)


@pytest.fixture
def plain_user(db):
    return _user("reader")


@pytest.fixture
def curator(db):
    user = _user("curator")
    user.groups.add(Group.objects.get_or_create(name=CURATORS_GROUP)[0])
    return user


@pytest.fixture
def staff_user(db):
    return _user("staff", is_staff=True)


@pytest.fixture
def client_as(api_client):
    """A client signed in as the given user (None: anonymous)."""

    def sign_in(user):
        api_client.force_authenticate(user=user)
        return api_client

    return sign_in


@pytest.fixture
def board(db):
    """A benchmark with an accuracy metric (higher is better) and an error metric (lower is better)."""
    benchmark = BenchmarkFactory(name="ImageNet", slug="imagenet")
    accuracy = MetricFactory(name="top-1 accuracy", slug="top-1-accuracy", higher_is_better=True)
    error = MetricFactory(name="error rate", slug="error-rate", higher_is_better=False)
    return benchmark, accuracy, error


def score(benchmark, metric, value, *, paper=None, method="OurNet", **extra) -> Claim:
    return ClaimFactory(
        benchmark=benchmark, metric=metric, value=value, paper=paper or PaperFactory(), method=method, **extra
    )


def dated_paper(year: int, month: int = 1, day: int = 1, **extra):
    return PaperFactory(published=datetime.date(year, month, day), **extra)
