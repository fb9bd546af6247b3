"""A small catalogue for the Papers with Code compatibility tests: two tasks, three benchmarks, both metric
directions, modern and legacy arXiv ids, a paper with code and one without."""

import datetime
from dataclasses import dataclass

from claims.models import Benchmark, Claim, Metric
from papers.models import Paper
from tests.claims.factories import BenchmarkAliasFactory, BenchmarkFactory, ClaimFactory, MetricFactory
from tests.papers.factories import PaperFactory


@dataclass
class PwcData:
    imagenet: Benchmark
    coco: Benchmark
    gsm8k: Benchmark
    accuracy: Metric
    error: Metric
    box_ap: Metric
    modern: Paper
    legacy: Paper
    plain: Paper
    claims: dict[str, Claim]


def build() -> PwcData:
    imagenet = BenchmarkFactory(name="ImageNet", slug="imagenet", task="Image Classification")
    BenchmarkAliasFactory(benchmark=imagenet, name="ILSVRC 2012")
    coco = BenchmarkFactory(
        name="COCO", slug="coco", task="Object Detection", url="https://huggingface.co/datasets/coco"
    )
    gsm8k = BenchmarkFactory(name="GSM8K", slug="gsm8k")
    accuracy = MetricFactory(name="top-1 accuracy", slug="top-1-accuracy", higher_is_better=True)
    error = MetricFactory(name="error rate", slug="error-rate", higher_is_better=False)
    box_ap = MetricFactory(name="box AP", slug="box-ap", higher_is_better=True)
    modern = PaperFactory(
        title="Sparse Adapters for Vision",
        arxiv_id="2401.01234",
        published=datetime.date(2024, 1, 3),
        code_url="https://github.com/example/sparse-adapters",
        authors=["Ada Example", "Ben Sample"],
    )
    legacy = PaperFactory(
        title="Strings and Vision", arxiv_id="hep-th/9901001", published=datetime.date(1999, 1, 4)
    )
    plain = PaperFactory(title="Counting Steps", arxiv_id="", published=None, url="https://example.org/steps")
    claims = {
        "modern_acc": ClaimFactory(
            paper=modern, benchmark=imagenet, metric=accuracy, value=81.5, method="SparseNet"
        ),
        "modern_err": ClaimFactory(
            paper=modern, benchmark=imagenet, metric=error, value=18.5, method="SparseNet"
        ),
        "legacy_acc": ClaimFactory(
            paper=legacy, benchmark=imagenet, metric=accuracy, value=76.0, method="StringNet"
        ),
        "legacy_err": ClaimFactory(
            paper=legacy,
            benchmark=imagenet,
            metric=error,
            value=24.0,
            method="StringNet",
            setting="zero-shot",
        ),
        "modern_ap": ClaimFactory(
            paper=modern, benchmark=coco, metric=box_ap, value=52.1, method="SparseNet"
        ),
        "plain_acc": ClaimFactory(paper=plain, benchmark=gsm8k, metric=accuracy, value=40.7, method=""),
        "plain_acc_low": ClaimFactory(paper=plain, benchmark=gsm8k, metric=accuracy, value=10.4, method=""),
        "rejected": ClaimFactory(
            paper=plain,
            benchmark=imagenet,
            metric=accuracy,
            value=99.9,
            method="Bogus",
            status=Claim.Status.REJECTED,
        ),
    }
    return PwcData(imagenet, coco, gsm8k, accuracy, error, box_ap, modern, legacy, plain, claims)
