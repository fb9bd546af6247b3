"""The stored live-claim count of a paper (backfilled), and on PostgreSQL the full-text search vector."""

from django.db import migrations, models

SEARCH_VECTOR_SQL = [
    "ALTER TABLE papers_paper ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(abstract, '')), 'B')) STORED",
    "CREATE INDEX paper_search_vector_idx ON papers_paper USING GIN (search_vector)",
]
BACKFILL_SQL = [
    "UPDATE papers_paper SET live_claim_count = counted.n FROM (SELECT paper_id, COUNT(*) AS n FROM claims_claim "
    "WHERE status <> 'rejected' GROUP BY paper_id) AS counted WHERE counted.paper_id = papers_paper.id",
]


def _run(statements):
    def run(apps, schema_editor):
        for statement in statements:
            schema_editor.execute(statement)

    return run


def search_vector_add(apps, schema_editor):
    # SQLite has no tsvector: the search there is a substring match (papers/search.py).
    if schema_editor.connection.vendor == "postgresql":
        _run(SEARCH_VECTOR_SQL)(apps, schema_editor)


def search_vector_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE papers_paper DROP COLUMN search_vector")


class Migration(migrations.Migration):
    dependencies = [
        ("papers", "0005_import_run_recovery"),
        ("claims", "0005_claim_versions_and_decisions"),
    ]

    operations = [
        migrations.AddField(
            model_name="paper",
            name="live_claim_count",
            field=models.PositiveIntegerField(default=0, editable=False, help_text="Claims not rejected."),
        ),
        migrations.RunPython(_run(BACKFILL_SQL), migrations.RunPython.noop),
        migrations.RunPython(search_vector_add, search_vector_drop),
    ]
