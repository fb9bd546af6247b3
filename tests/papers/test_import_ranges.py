"""Big files in ranges of lines, each its own task: cut at line breaks, counted once, retried on their own."""

import datetime
import gzip
import json

import pytest
from django.utils import timezone

from papers.importers import iter_records
from papers.importers.ranges import iter_range_records, line_ranges
from papers.models import ImportRange, ImportRun, Paper
from papers.services import import_ranges
from papers.services.imports import import_run_create, import_run_execute
from papers.services.recovery import import_runs_recover, stuck_import_runs


def _write(path, count, bad_lines=()):
    lines = []
    for n in range(1, count + 1):
        if n in bad_lines:
            lines.append('{"title": "cut short')
        else:
            lines.append(json.dumps({"title": f"Ranged paper {n}", "abstract": f"It reaches {n}.5% on X."}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_ranges_cut_at_line_breaks_cover_the_file_and_know_their_first_line(tmp_path):
    path = tmp_path / "lines.jsonl"
    path.write_bytes(b"aaaa\nbb\n\ncccccccc\nd\neeeeee")  # no line break at the end
    ranges = line_ranges(path, target_bytes=6)
    data = path.read_bytes()

    assert ranges[0].start == 0 and ranges[-1].end == len(data)
    assert all(a.end == b.start for a, b in zip(ranges, ranges[1:], strict=False))
    assert all(data[r.end - 1 : r.end] == b"\n" for r in ranges[:-1])
    for r in ranges:
        assert r.first_line == data[: r.start].count(b"\n") + 1
    assert line_ranges(path, target_bytes=10_000) == [(0, len(data), 1)]


def test_the_records_of_all_ranges_are_those_of_the_whole_file_with_the_same_positions(tmp_path):
    path = _write(tmp_path / "many.jsonl", 500, bad_lines={7, 250, 499})
    whole = list(iter_records(path))
    ranges = line_ranges(path, target_bytes=3000)
    pieces = [record for r in ranges for record in iter_range_records(path, "jsonl", r)]

    assert len(ranges) > 5
    assert pieces == whole
    assert [record.position for record in pieces if not hasattr(record, "title")] == [
        "line 7",
        "line 250",
        "line 499",
    ]


@pytest.fixture
def small_ranges(settings):
    settings.IMPORT_RANGE_BYTES = 4000
    settings.IMPORT_BATCH_SIZE = 20


def _run(path, **kwargs):
    run = import_run_create(path=path, origin=path.name, extract=False, **kwargs)
    return import_run_execute(import_run_id=run.pk, path=path)


@pytest.mark.django_db(transaction=True)
def test_a_big_file_is_imported_range_by_range_and_the_run_sums_them(small_ranges, tmp_path):
    path = _write(tmp_path / "big.jsonl", 600, bad_lines={150, 451})
    run = _run(path)

    ranges = list(ImportRange.objects.filter(run=run))
    assert len(ranges) >= 5
    assert all(r.is_finished and r.attempts == 1 for r in ranges)
    run.refresh_from_db()
    assert (run.status, run.read_count, run.created_count, run.rejected_count) == ("partial", 600, 598, 2)
    assert [error["position"] for error in run.errors] == ["line 150", "line 451"]
    assert run.read_count == sum(r.read_count for r in ranges)
    assert Paper.objects.count() == 598

    again = _run(path)
    assert (again.status, again.created_count, again.unchanged_count) == ("partial", 0, 598)


@pytest.mark.django_db(transaction=True)
def test_gzipped_and_small_files_are_read_in_one_piece(small_ranges, tmp_path):
    plain = _write(tmp_path / "big.jsonl", 600)
    packed = tmp_path / "big.jsonl.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    small = _write(tmp_path / "small.jsonl", 10)

    for path in (packed, small):
        run = _run(path)
        assert run.status == "succeeded" and not run.ranges.exists()
    assert Paper.objects.count() == 600


@pytest.mark.django_db(transaction=True)
def test_a_range_that_fails_is_retried_alone_and_the_others_are_not_read_again(
    small_ranges, tmp_path, monkeypatch
):
    path = _write(tmp_path / "big.jsonl", 600)
    real = import_ranges.import_records
    failures = []

    def flaky(*, run, records, progress=None):
        if run.index == 2 and not failures:
            failures.append(run.pk)
            raise RuntimeError("the disk hiccupped")
        return real(run=run, records=records, progress=progress)

    monkeypatch.setattr(import_ranges, "import_records", flaky)
    run = _run(path)

    run.refresh_from_db()
    assert (run.status, run.created_count) == ("succeeded", 600)
    attempts = dict(ImportRange.objects.values_list("index", "attempts"))
    assert attempts[2] == 2 and {n for n, a in attempts.items() if a != 1} == {2}
    assert Paper.objects.count() == 600


@pytest.mark.django_db(transaction=True)
def test_a_range_failing_every_attempt_fails_the_run_naming_its_lines(
    small_ranges, tmp_path, monkeypatch, settings
):
    settings.IMPORT_MAX_ATTEMPTS = 1
    path = _write(tmp_path / "big.jsonl", 600)
    real = import_ranges.import_records

    def broken(*, run, records, progress=None):
        if run.index == 1:
            raise RuntimeError("always")
        return real(run=run, records=records, progress=progress)

    monkeypatch.setattr(import_ranges, "import_records", broken)
    run = _run(path)

    run.refresh_from_db()
    bad = ImportRange.objects.get(run=run, index=1)
    assert run.status == "failed" and bad.status == "failed"
    assert run.message.startswith(
        f"the lines from {bad.first_line:,}: stopped on an unexpected error (RuntimeError)"
    )
    lines_of_bad = path.read_bytes()[bad.start : bad.end].count(b"\n")
    assert run.created_count == Paper.objects.count() == 600 - lines_of_bad


@pytest.mark.django_db(transaction=True)
def test_a_range_whose_worker_died_is_sent_again_and_its_run_is_never_read_whole(
    small_ranges, tmp_path, monkeypatch
):
    path = _write(tmp_path / "big.jsonl", 600)
    sent = []
    # Nothing runs the ranges: as if the worker that took range 0 died at once.
    monkeypatch.setattr(import_ranges, "ranges_enqueue", lambda ranges: sent.extend(r.pk for r in ranges))
    run = _run(path)
    first = ImportRange.objects.get(run=run, index=0)
    long_ago = timezone.now() - datetime.timedelta(hours=2)
    ImportRange.objects.filter(pk=first.pk).update(status="running", task_id="dead", heartbeat_at=long_ago)
    ImportRange.objects.exclude(pk=first.pk).update(heartbeat_at=timezone.now(), started_at=timezone.now())
    ImportRun.objects.filter(pk=run.pk).update(heartbeat_at=long_ago)
    sent.clear()

    assert list(stuck_import_runs()) == []
    report = import_runs_recover()

    assert report.resumed == [] and report.ranges_resumed == [first.pk] and sent == [first.pk]
    assert ImportRange.objects.get(pk=first.pk).status == "queued"
    import_ranges.import_range_execute(import_range_id=first.pk)
    assert ImportRange.objects.get(pk=first.pk).created_count > 0


@pytest.mark.django_db(transaction=True)
def test_a_run_whose_last_range_ended_but_was_never_closed_is_closed_by_the_sweep(
    small_ranges, tmp_path, monkeypatch
):
    path = _write(tmp_path / "big.jsonl", 600)
    monkeypatch.setattr(import_ranges, "run_settle", lambda *, run_id: None)  # the worker dies before closing
    run = _run(path)
    assert ImportRun.objects.get(pk=run.pk).status == "running"
    monkeypatch.undo()
    long_ago = timezone.now() - datetime.timedelta(hours=2)
    ImportRun.objects.filter(pk=run.pk).update(heartbeat_at=long_ago)

    import_runs_recover()

    run.refresh_from_db()
    assert (run.status, run.read_count, run.created_count) == ("succeeded", 600, 600)
