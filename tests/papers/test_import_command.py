import json

import pytest
from django.core.management import CommandError, call_command

from papers.models import ImportRun, Paper

pytestmark = [pytest.mark.management, pytest.mark.django_db]


def _write_jsonl(path, rows):
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_import_papers_prints_a_summary_and_extracts_claims(tmp_path, capsys):
    path = _write_jsonl(
        tmp_path / "batch.jsonl",
        [
            {"title": "Paper One", "abstract": "Our parser reaches 94.3% F1 on the Penn Treebank."},
            {"title": "Paper Two"},
        ],
    )
    with pytest.raises(CommandError, match="Some records were rejected") as raised:
        call_command("import_papers", str(path))
    assert raised.value.returncode == 3
    out, err = capsys.readouterr()
    assert "1 files: 2 read, 1 created, 0 updated, 0 unchanged, 1 rejected." in out
    assert "batch.jsonl: line 2: missing abstract" in err
    assert ImportRun.objects.get().status == ImportRun.Status.PARTIAL
    paper = Paper.objects.get()
    assert not paper.needs_extraction
    assert paper.claims.filter(value=94.3).exists()


def test_import_papers_with_no_extract_leaves_papers_stale(tmp_path):
    path = _write_jsonl(tmp_path / "one.jsonl", [{"title": "Paper One", "abstract": "We reach 50% on X."}])
    call_command("import_papers", str(path), "--no-extract")
    assert Paper.objects.get().needs_extraction


def test_import_papers_refuses_a_missing_file_before_importing_anything(tmp_path):
    good = _write_jsonl(tmp_path / "good.jsonl", [{"title": "T", "abstract": "A."}])
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_papers", str(good), str(tmp_path / "missing.jsonl"))
    assert Paper.objects.count() == 0


def test_import_papers_reports_a_file_of_the_wrong_format_and_imports_the_others(tmp_path, capsys):
    good = _write_jsonl(tmp_path / "good.jsonl", [{"title": "T", "abstract": "A."}])
    page = tmp_path / "feed.xml"
    page.write_text("<html><head><title>Error</title></head><body>Oops</body></html>")
    with pytest.raises(CommandError, match="1 of 2 files failed to import") as raised:
        call_command("import_papers", str(page), str(good))
    assert raised.value.returncode == 1
    _, err = capsys.readouterr()
    assert "feed.xml: failed:" in err and "HTML" in err
    assert sorted(ImportRun.objects.values_list("status", flat=True)) == ["failed", "succeeded"]
    assert Paper.objects.count() == 1


def test_import_papers_with_async_and_no_broker_runs_in_process(
    tmp_path, capsys, django_capture_on_commit_callbacks
):
    path = _write_jsonl(tmp_path / "one.jsonl", [{"title": "T", "abstract": "A."}])
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_papers", str(path), "--async")
    out, err = capsys.readouterr()
    assert "run in this process" in err
    assert ImportRun.objects.get().status == ImportRun.Status.SUCCEEDED
