"""Leaderboard and state-of-the-art history of a benchmark: explicit views over the selectors."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import APIView

from claims.api.serializers import BenchmarkRefSerializer
from claims.models import Benchmark, Claim, Metric
from claims.selectors.history import history_get
from claims.selectors.leaderboard import leaderboard_page_get
from claims.selectors.scores import ScoreFilters, metric_usages
from tracker.api.parameters import unknown_parameters_refuse


class ScoreQuerySerializer(serializers.Serializer):
    metric = serializers.SlugField(
        required=False, help_text="Metric slug; by default the metric this benchmark reports most."
    )
    verified_only = serializers.BooleanField(default=False, help_text="Only claims a curator verified.")
    setting = serializers.CharField(
        required=False, allow_blank=True, max_length=100, help_text="Evaluation setting, e.g. zero-shot."
    )
    split = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=64,
        help_text=(
            "Split or subset, e.g. test-dev, val2017, test-clean, 256x256. By default the standard "
            "evaluation (claims with no split) when the metric has any there, else its most reported split; "
            "`split=` (empty) asks for the standard evaluation. Results of different splits are never ranked together."
        ),
    )
    provenance = serializers.ChoiceField(
        choices=Claim.Provenance.choices, required=False, help_text="Only claims from this source."
    )
    published_after = serializers.DateField(
        required=False, help_text="Papers published on or after (YYYY-MM-DD)."
    )
    min_confidence = serializers.FloatField(
        required=False,
        min_value=0,
        max_value=1,
        help_text="Only extracted claims with at least this confidence (verified claims always count).",
    )
    published_before = serializers.DateField(
        required=False, help_text="Papers published on or before (YYYY-MM-DD)."
    )

    def validate_metric(self, slug: str) -> Metric:
        metric = Metric.objects.filter(slug=slug).first()
        if metric is None:
            benchmark = self.context["benchmark"]
            known = ", ".join(usage.slug for usage in metric_usages(benchmark_id=benchmark.pk)) or "none yet"
            raise serializers.ValidationError(
                f"Unknown metric {slug!r}. Metrics reported on {benchmark.slug}: {known}."
            )
        return metric

    def validate(self, attrs):
        after, before = attrs.get("published_after"), attrs.get("published_before")
        if after and before and after > before:
            raise serializers.ValidationError(
                {"published_after": ["Must not be later than published_before."]}
            )
        return attrs

    def filters(self) -> ScoreFilters:
        data = self.validated_data
        return ScoreFilters(
            verified_only=data["verified_only"],
            setting=data.get("setting", ""),
            split=data["split"].strip() if "split" in data else None,
            provenance=data.get("provenance", ""),
            published_after=data.get("published_after"),
            published_before=data.get("published_before"),
            min_confidence=data.get("min_confidence"),
        )


LEADERBOARD_PAGE_SIZE = 100
LEADERBOARD_MAX_PAGE_SIZE = 10_000


class LeaderboardQuerySerializer(ScoreQuerySerializer):
    page = serializers.IntegerField(
        default=1,
        min_value=1,
        max_value=2**31 - 1,
        help_text="Page number, from 1; a page past the last is a 404.",
    )
    page_size = serializers.IntegerField(
        default=LEADERBOARD_PAGE_SIZE,
        min_value=1,
        max_value=LEADERBOARD_MAX_PAGE_SIZE,
        help_text=f"Rows per page, 1 to {LEADERBOARD_MAX_PAGE_SIZE:,} (default {LEADERBOARD_PAGE_SIZE}); "
        "follow `next` for the rest.",
    )


class MetricUsageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    name = serializers.CharField()
    higher_is_better = serializers.BooleanField()
    unit = serializers.CharField(allow_blank=True)
    claim_count = serializers.IntegerField(help_text="Score claims (not rejected) on this benchmark.")
    paper_count = serializers.IntegerField(help_text="Papers with such claims.")


class SplitUsageSerializer(serializers.Serializer):
    split = serializers.CharField(
        allow_blank=True, help_text='Empty: the standard evaluation (no "split" given).'
    )
    claim_count = serializers.IntegerField(help_text="Score claims (not rejected) on this split and metric.")


class ScoreRowFieldsMixin(serializers.Serializer):
    value = serializers.FloatField(source="row.value")
    unit = serializers.CharField(source="row.unit", allow_blank=True)
    method = serializers.CharField(source="row.method", allow_blank=True)
    setting = serializers.CharField(source="row.setting", allow_blank=True)
    split = serializers.CharField(source="row.split", allow_blank=True)
    paper_id = serializers.IntegerField(source="row.paper_id")
    paper_title = serializers.CharField(source="row.paper_title")
    paper_published = serializers.DateField(source="row.paper_published", allow_null=True)
    paper_arxiv_id = serializers.CharField(source="row.paper_arxiv_id", allow_blank=True)
    claim_id = serializers.IntegerField(source="row.claim_id")
    claim_status = serializers.CharField(source="row.claim_status", help_text="extracted or verified.")
    provenance = serializers.CharField(source="row.provenance", help_text="Where the claim came from.")
    evidence = serializers.CharField(source="row.evidence")


class LeaderboardEntrySerializer(ScoreRowFieldsMixin):
    rank = serializers.IntegerField(help_text="1 is best; equal values share a rank (1, 2, 2, 4).")

    def get_fields(self):
        fields = super().get_fields()
        return {"rank": fields.pop("rank"), **fields}


class HistoryPointSerializer(ScoreRowFieldsMixin):
    previous_value = serializers.FloatField(allow_null=True, help_text="The best value before this claim.")


class _ScoreResponseSerializer(serializers.Serializer):
    benchmark = BenchmarkRefSerializer()
    metric = MetricUsageSerializer(allow_null=True, help_text="The metric used; null when none is reported.")
    metrics = MetricUsageSerializer(many=True, help_text="Metrics this benchmark's score claims report.")
    splits = SplitUsageSerializer(
        many=True, help_text="Splits the metric's score claims were measured on; ask for one with ?split=."
    )
    split = serializers.CharField(help_text="The split shown; empty for the standard evaluation.")
    count = serializers.IntegerField()


class LeaderboardSerializer(_ScoreResponseSerializer):
    count = serializers.IntegerField(help_text="Rows of the whole leaderboard, over all pages.")
    next = serializers.URLField(allow_null=True, help_text="The next page; null on the last.")
    previous = serializers.URLField(allow_null=True, help_text="The previous page; null on the first.")
    results = LeaderboardEntrySerializer(many=True, help_text="This page's rows, best first.")


class HistorySerializer(_ScoreResponseSerializer):
    results = HistoryPointSerializer(many=True, help_text="Record-breaking claims, oldest first.")


class _ScoreView(APIView):
    queryset = Benchmark.objects.all()
    query_serializer = ScoreQuerySerializer

    def _query(self, request, slug: str) -> tuple[Benchmark, Metric | None, ScoreFilters, dict]:
        benchmark = get_object_or_404(Benchmark.objects.only("id", "slug", "name"), slug=slug)
        unknown_parameters_refuse(request.query_params, self.query_serializer().fields)
        query = self.query_serializer(data=request.query_params, context={"benchmark": benchmark})
        query.is_valid(raise_exception=True)
        return benchmark, query.validated_data.get("metric"), query.filters(), query.validated_data


_SLUG = OpenApiParameter("slug", str, OpenApiParameter.PATH, description="Slug of the benchmark.")
_ERRORS = {
    400: OpenApiResponse(description="A bad parameter, e.g. an unknown metric or a malformed date."),
    404: OpenApiResponse(description="No benchmark with this slug."),
}


class LeaderboardView(_ScoreView):
    query_serializer = LeaderboardQuerySerializer

    @extend_schema(
        summary="Leaderboard of a benchmark on one metric",
        description=(
            "One row per (paper, method): its best score claim on the metric, ranked by the metric's "
            "direction. Rejected claims never appear; metrics are never mixed. Paginated: `page_size` rows "
            "a page (100 by default, at most 10,000), `count` is the whole board's, `next` the following page."
        ),
        tags=["leaderboards"],
        parameters=[_SLUG, LeaderboardQuerySerializer],
        responses={200: LeaderboardSerializer, **_ERRORS},
    )
    def get(self, request, slug: str):
        benchmark, metric, filters, query = self._query(request, slug)
        page, size = query["page"], query["page_size"]
        # Plain data, ranked in SQL and cached as it is answered: no serializer runs per row.
        board = leaderboard_page_get(
            benchmark=benchmark, metric=metric, filters=filters, page=page, page_size=size
        )
        if page > 1 and not board["results"]:
            raise NotFound(f"Page {page} is past the last; the leaderboard has {board['count']} rows.")
        url = request.build_absolute_uri()
        last = (board["count"] + size - 1) // size
        after = replace_query_param(url, "page", page + 1) if page < last else None
        before = (
            None
            if page == 1
            else (
                remove_query_param(url, "page") if page == 2 else replace_query_param(url, "page", page - 1)
            )
        )
        head = {key: value for key, value in board.items() if key != "results"}
        return Response({**head, "next": after, "previous": before, "results": board["results"]})


class HistoryView(_ScoreView):
    @extend_schema(
        summary="State of the art over time",
        description=(
            "Each score claim that beat the best value before it, by paper publication date; "
            "undated papers are left out."
        ),
        tags=["leaderboards"],
        parameters=[_SLUG, ScoreQuerySerializer],
        responses={200: HistorySerializer, **_ERRORS},
    )
    def get(self, request, slug: str):
        benchmark, metric, filters, _ = self._query(request, slug)
        history = history_get(benchmark=benchmark, metric=metric, filters=filters)
        data = {
            "benchmark": benchmark,
            "metric": history.metric,
            "metrics": history.metrics,
            "splits": history.splits,
            "split": history.split,
            "count": len(history.points),
            "results": history.points,
        }
        return Response(HistorySerializer(data).data)
