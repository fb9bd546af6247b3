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
    with pytest.raises(
        CommandError, match=r"1 of 2 files failed\. feed\.xml looks like an HTML page"
    ) as raised:
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


def test_import_papers_fails_when_every_record_of_a_file_is_rejected(tmp_path, capsys):
    bad = _write_jsonl(tmp_path / "bad.jsonl", [{"title": "No abstract"}, {"abstract": "No title"}])

    with pytest.raises(CommandError, match="1 of 1 file failed. bad.jsonl: all 2 records were rejected"):
        call_command("import_papers", str(bad), "--no-extract", "--format", "jsonl")

    assert "bad.jsonl: line 1: missing abstract" in capsys.readouterr().err


def test_import_papers_exits_non_zero_from_the_shell(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    page = tmp_path / "feed.xml"
    page.write_text("<html><body>Not a feed</body></html>")
    good = _write_jsonl(tmp_path / "good.jsonl", [{"title": "T", "abstract": "A."}])
    repo = Path(__file__).resolve().parents[2]
    command = [sys.executable, str(repo / "manage.py"), "import_papers", "--no-extract"]
    # A database of its own: the test database belongs to this process, and the configured one may not exist.
    env = {key: value for key, value in os.environ.items() if key != "CELERY_BROKER_URL"}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'shell.sqlite3'}"
    migrate = [sys.executable, str(repo / "manage.py"), "migrate", "--no-input", "-v0"]
    subprocess.run(migrate, check=True, env=env, timeout=300)

    failed = subprocess.run([*command, str(page)], capture_output=True, text=True, env=env, timeout=120)
    fine = subprocess.run([*command, str(good)], capture_output=True, text=True, env=env, timeout=120)

    assert failed.returncode == 1
    assert "feed.xml" in failed.stderr and "HTML page" in failed.stderr
    assert fine.returncode == 0, fine.stderr


def test_a_partial_import_of_the_archive_lands_and_exits_with_the_partial_code(tmp_path, capsys):
    from pathlib import Path

    fixture = Path(__file__).parent / "fixtures" / "pwc_evaluation_tables.json"

    with pytest.raises(CommandError, match="Some records were rejected") as raised:
        call_command("import_papers", str(fixture), "--no-extract")
    assert raised.value.returncode == 3  # partial: not a failure (1), not a clean run (0)

    out, err = capsys.readouterr()
    assert ImportRun.objects.get().status == "partial"
    assert "several numbers, cannot tell which one is the metric" in err
    assert "warning: metric 'Wobble Index' is not in the vocabulary" in err
