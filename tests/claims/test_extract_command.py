import json

import pytest
from django.core.management import CommandError, call_command

from claims.models import Claim
from papers.models import Paper
from tests.papers.factories import PaperFactory

pytestmark = pytest.mark.management


def test_offline_extraction_writes_contract_rows_and_touches_no_database(tmp_path, django_db_blocker):
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"title": "Fast Nets", "abstract": "FastNet reaches 77.5% top-1 accuracy on ImageNet."})
        + "\n"
    )
    out = tmp_path / "out.jsonl"
    # django_db_blocker is left blocked: any query would raise.
    call_command("extract_claims", "--input", str(source), "--output", str(out))
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 1
    row = rows[0]
    assert row["paper_title"] == "Fast Nets"
    assert (row["value"], row["unit"], row["kind"]) == (77.5, "%", "score")
    for field in ("metric", "benchmark", "method", "compared_to", "evidence"):
        assert field in row


def test_offline_extraction_needs_both_paths(tmp_path):
    with pytest.raises(CommandError, match="go together"):
        call_command("extract_claims", "--input", str(tmp_path / "x.jsonl"))


def test_offline_extraction_of_an_html_page_is_a_clear_error(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("<!doctype html><html><body>nope</body></html>")
    with pytest.raises(CommandError, match="HTML"):
        call_command("extract_claims", "--input", str(page), "--output", str(tmp_path / "o.jsonl"))


@pytest.mark.django_db
def test_stored_extraction_reads_stale_papers_only_by_default(capsys):
    stale = PaperFactory(abstract="Our tagger reaches 97.1% accuracy on the CoNLL-2003 test set.")
    fresh = PaperFactory(abstract="Our tagger reaches 90.0% accuracy on WNUT-17.")
    Paper.objects.filter(pk=fresh.pk).update(extracted_hash=fresh.abstract_hash)

    call_command("extract_claims")

    assert list(Claim.objects.values_list("paper_id", "value")) == [(stale.pk, 97.1)]
    assert "from 1 papers" in capsys.readouterr().out


@pytest.mark.django_db
def test_stored_extraction_of_unknown_ids_is_refused():
    with pytest.raises(CommandError, match="No paper with id 999"):
        call_command("extract_claims", "--paper-ids", "999")
