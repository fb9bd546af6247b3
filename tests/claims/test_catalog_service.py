import pytest

from claims.models import Benchmark, BenchmarkAlias, Metric
from claims.services.catalog import benchmark_merge, benchmark_resolve, metric_resolve
from tests.claims.factories import BenchmarkFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def test_spellings_of_a_known_benchmark_resolve_to_one_row():
    first = benchmark_resolve(name="MS-COCO")
    assert first is not None
    assert benchmark_resolve(name="COCO") == first
    assert benchmark_resolve(name="mscoco") == first
    assert Benchmark.objects.count() == 1


def test_an_unknown_benchmark_is_created_under_its_own_name_once():
    made = benchmark_resolve(name="Harbor-Scenes 2")
    assert (made.name, made.slug) == ("Harbor-Scenes 2", "harbor-scenes-2")
    assert benchmark_resolve(name="harbor scenes 2") == made
    assert BenchmarkAlias.objects.filter(benchmark=made).count() == 1


def test_known_metrics_get_their_direction_and_unknown_ones_default_to_higher():
    assert metric_resolve(name="FID").higher_is_better is False
    assert metric_resolve(name="word error rate").higher_is_better is False
    assert metric_resolve(name="top-1 accuracy").higher_is_better is True
    assert metric_resolve(name="glimmer index").higher_is_better is True
    assert metric_resolve(name="") is None
    assert Metric.objects.count() == 4


def test_merging_moves_claims_and_keeps_the_old_name_as_an_alias():
    source, target = BenchmarkFactory(name="ImgNet"), BenchmarkFactory(name="ImageNet")
    claim = ClaimFactory(benchmark=source)
    assert benchmark_merge(source=source, target=target) == 1
    claim.refresh_from_db()
    assert claim.benchmark == target
    assert benchmark_resolve(name="ImgNet") == target
    with pytest.raises(ValueError):
        benchmark_merge(source=target, target=target)
