"""Stored live claim and paper counts on benchmarks and metrics (backfilled), and the leaderboard indexes."""

from django.conf import settings
from django.db import migrations, models


def _backfill(table: str, column: str) -> str:
    live = f"FROM claims_claim WHERE claims_claim.{column} = {table}.id AND claims_claim.status <> 'rejected'"
    return (
        f"UPDATE {table} SET live_claim_count = (SELECT COUNT(*) {live}), "
        f"live_paper_count = (SELECT COUNT(DISTINCT claims_claim.paper_id) {live})"
    )


def backfill(apps, schema_editor):
    schema_editor.execute(_backfill("claims_benchmark", "benchmark_id"))
    schema_editor.execute(_backfill("claims_metric", "metric_id"))


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0005_claim_versions_and_decisions"),
        ("papers", "0006_claim_count_and_search_vector"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="benchmark",
            name="live_claim_count",
            field=models.PositiveIntegerField(default=0, editable=False, help_text="Claims not rejected."),
        ),
        migrations.AddField(
            model_name="benchmark",
            name="live_paper_count",
            field=models.PositiveIntegerField(
                default=0, editable=False, help_text="Papers with claims not rejected."
            ),
        ),
        migrations.AddField(
            model_name="metric",
            name="live_claim_count",
            field=models.PositiveIntegerField(default=0, editable=False, help_text="Claims not rejected."),
        ),
        migrations.AddField(
            model_name="metric",
            name="live_paper_count",
            field=models.PositiveIntegerField(
                default=0, editable=False, help_text="Papers with claims not rejected."
            ),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(
                fields=["benchmark", "metric", "kind", "split"],
                include=("status", "value", "paper", "method", "confidence", "setting", "provenance"),
                name="claim_board_cover_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(
                fields=["benchmark", "paper", "evidence_start", "value_start", "id"],
                name="claim_benchmark_order_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(fields=["benchmark", "kind", "value"], name="claim_benchmark_value_idx"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
