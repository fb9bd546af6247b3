"""A 200 MB valid file, made here, imported by `import_papers` in a process of its own, with its memory measured.

Mostly long abstracts (90,000 characters, under the 100,000 limit) keep the record count moderate, so the
test takes well under a minute while the bytes read, held in batches and written are the full 200 MB.
"""

import json
import os
import subprocess
import sys

import pytest
from django.db.models.functions import Length

from papers.models import ImportRun, Paper
from tests.conftest import REPO_DIR
from tests.integration.worker import live_test_database_url

pytestmark = [pytest.mark.integration, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

SIZE = 200 * 1024 * 1024
ABSTRACT_CHARS = 90_000
# The importer holds a batch at a time (about 115 MB here); the query log of DEBUG once took it to 302 MB.
PEAK_LIMIT_MB = 200

# VmHWM of the importing process itself (getrusage's ru_maxrss would include the forking parent's peak).
_IMPORT_AND_MEASURE = """
import re, sys
import django
django.setup()
from django.core.management import call_command
call_command("import_papers", sys.argv[1], "--no-extract")
peak_kb = int(re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read()).group(1))
print("PEAK_MB", peak_kb // 1024)
"""


def _write_file(path) -> int:
    words = [
        "benchmark",
        "accuracy",
        "model",
        "training",
        "data",
        "layer",
        "attention",
        "token",
        "score",
        "baseline",
    ]
    body = " ".join(words[(n * 7) % len(words)] for n in range(ABSTRACT_CHARS // 4))[: ABSTRACT_CHARS - 40]
    records = 0
    with path.open("w", encoding="utf-8") as out:
        while out.tell() < SIZE:
            abstract = f"Record {records} reaches {records % 90}.5% on GLUE. {body}"
            out.write(json.dumps({"title": f"Large file paper {records}", "abstract": abstract}) + "\n")
            records += 1
    return records


def test_a_200_mb_file_is_imported_whole_in_bounded_memory(postgres, tmp_path):
    path = tmp_path / "large.jsonl"
    records = _write_file(path)
    assert path.stat().st_size >= SIZE

    result = subprocess.run(
        [sys.executable, "-c", _IMPORT_AND_MEASURE, str(path)],
        cwd=REPO_DIR,
        env={
            **os.environ,
            "DATABASE_URL": live_test_database_url(),
            "DJANGO_SETTINGS_MODULE": "tracker.settings",
            "CELERY_TASK_ALWAYS_EAGER": "1",
        },
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stderr[-3000:]
    peak = int(result.stdout.split("PEAK_MB")[-1].split()[0])
    print(f"200 MB file, {records} records: peak RSS {peak} MB")
    assert peak < PEAK_LIMIT_MB, f"peak RSS {peak} MB"
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.SUCCEEDED, (run.message, run.errors[:3])
    assert (run.read_count, run.created_count, run.rejected_count) == (records, records, 0)
    assert Paper.objects.count() == records
    # Every abstract landed whole, not cut.
    assert not Paper.objects.annotate(n=Length("abstract")).filter(n__lt=ABSTRACT_CHARS - 40).exists()
    assert not Paper.objects.annotate(n=Length("abstract")).filter(n__gt=ABSTRACT_CHARS).exists()
