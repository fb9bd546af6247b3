"""A corpus of bad inputs, made here, fed to every importer, to `import_papers` and to POST /api/v1/imports/.

Each must give a clear error or a partial import with per-record errors and positions; nothing is left
half-written, runs end in a final state, exit codes say what happened, and memory stays bounded.
"""

import codecs
import gzip
import json
import os
import random
import subprocess
import sys
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from papers.importers import FORMATS, ImportFormatError, PaperRecord, RecordError, iter_records
from papers.models import ImportRun, Paper
from tests.conftest import REPO_DIR

GOOD = {"title": "A Good Paper", "abstract": "We reach 90.1% accuracy on GLUE."}
ATOM = '<feed xmlns="http://www.w3.org/2005/Atom">{}</feed>'
ENTRY = "<entry><id>http://arxiv.org/abs/2401.0{n:04d}v1</id><title>{title}</title><summary>{text}</summary></entry>"


def _line(row) -> bytes:
    return json.dumps(row).encode() + b"\n"


def _corpus() -> dict[str, bytes]:
    rng = random.Random(12)
    good_lines = b"".join(
        _line({"title": f"Good {n}", "abstract": f"Abstract {n}: 5{n}.1% on X."}) for n in range(5)
    )
    return {
        "truncated.jsonl": good_lines + b'{"title": "Cut", "abs',
        "malformed.jsonl": good_lines + b"{title: 'single quotes'}\n[1, 2]\n{\"title\": }\n" + good_lines,
        "truncated.json": b'[{"paper": {"id": "2401.00001", "title": "T", "summary": "S."}}, {"paper": {"id": "24',
        "malformed.json": b'[{"paper": {"id": "2401.00001", "title": "T", "summary": "S."}} {"paper": 1}]',
        "wrong-columns.csv": b"name,text\nA,B\n",
        "short-rows.csv": b"title,abstract,authors\nOnly a title\nT,A,X,Y,Z\nGood,Fine.,A. Author\n",
        "quotes-newlines-bom.csv": codecs.BOM_UTF8
        + b'title,abstract\n"Quoted, with comma","Spans\ntwo ""lines"""\n"Unclosed quote,abstract\nNext,row\n',
        "entity-bomb.atom": (
            b'<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
            b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><feed xmlns="http://www.w3.org/2005/Atom">'
            b"<entry><title>&c;</title></entry></feed>"
        ),
        "external-entity.atom": (
            b'<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&x;</title></entry></feed>'
        ),
        "broken.atom": ATOM.format(ENTRY.format(n=1, title="T", text="S.") + "<entry><title>cut").encode(),
        "non-utf8.csv": "title,abstract\nCafé,Résumé at 91.2%.\n".encode("latin-1") + b"Good,Fine.\n",
        "utf16.jsonl": codecs.BOM_UTF16_LE + _line(GOOD).decode().encode("utf-16-le"),
        "empty.jsonl": b"",
        "blank.jsonl": b"\n\n   \n",
        "random.bin": rng.randbytes(4096),
        "not-gzip.jsonl.gz": good_lines,
        "bad-gzip.jsonl.gz": b"\x1f\x8b\x08\x00" + rng.randbytes(2048),
        "controls-rtl.jsonl": _line({"title": "Bell \u0007 inside", "abstract": "A."})
        + _line({"title": "نموذج \u202eRTL\u202c שלום", "abstract": "It reaches 70.2% on ArabicMMLU."})
        + _line({"title": "NUL \u0000 inside", "abstract": "A."}),
        "duplicates.jsonl": _line(GOOD) + _line(GOOD) + _line({**GOOD, "title": "a good   PAPER!"}),
        "deep.jsonl": _line(GOOD) + b'{"title": ' + b"[" * 50_000 + b"]" * 50_000 + b"}\n",
        "five-mb-abstract.jsonl": _line({"title": "Huge", "abstract": "word " * 1_000_000}) + _line(GOOD),
        # A good line (so the file is taken for JSON lines), then 64 MB of zeros.
        "gzip-bomb.jsonl.gz": _gzip_zeros(64 * 1024 * 1024, prefix=_line(GOOD)),
    }


def _gzip_zeros(size: int, prefix: bytes = b"") -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b"0" * (1024 * 1024)
    head = compressor.compress(prefix)
    body = b"".join(compressor.compress(block) for _ in range(size // len(block)))
    return head + body + compressor.flush()


CORPUS = _corpus()


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("bad-inputs")
    for name, content in CORPUS.items():
        (directory / name).write_bytes(content)
    return directory


@pytest.fixture
def staff_client(db):
    from django.contrib.auth import get_user_model
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(
        get_user_model().objects.create_user("corpus-staff", password="x", is_staff=True)
    )
    return client


@pytest.fixture
def small_limits(settings):
    # The gzip bomb expands to 64 MB: over this limit, so it is refused as a 1 GiB one is by default.
    settings.IMPORT_MAX_FILE_BYTES = 32 * 1024 * 1024


def _outcome(path, format=None) -> list:
    """The records, or the format error, of one file: never another exception."""
    try:
        return list(iter_records(path, format=format))
    except ImportFormatError as exc:
        assert str(exc) and str(path.parent) not in str(exc)
        return [exc]


@pytest.mark.parametrize("name", sorted(CORPUS))
@pytest.mark.parametrize("format", [None, *FORMATS])
def test_every_importer_answers_every_bad_input_clearly(corpus_dir, name, format):
    for item in _outcome(corpus_dir / name, format):
        if isinstance(item, RecordError):
            assert item.position and item.reason
        else:
            assert isinstance(item, PaperRecord | ImportFormatError)


EXPECTED = {
    # name: (status, created, at least this many rejected, words in the message or an error)
    "truncated.jsonl": ("partial", 5, 1, "line 6"),
    "malformed.jsonl": ("partial", 5, 3, "invalid JSON"),  # the same five twice: created once
    "truncated.json": ("partial", 1, 1, "stopped here"),
    "wrong-columns.csv": ("failed", 0, 0, "cannot tell its format"),
    "short-rows.csv": ("partial", 1, 2, "fields"),
    "entity-bomb.atom": ("failed", 0, 0, "unsafe XML refused"),
    "external-entity.atom": ("failed", 0, 0, "unsafe XML refused"),
    "broken.atom": ("partial", 1, 1, "invalid XML"),
    "non-utf8.csv": ("partial", 1, 1, "not valid UTF-8"),
    "utf16.jsonl": ("succeeded", 1, 0, ""),
    "empty.jsonl": ("failed", 0, 0, "empty"),
    "random.bin": ("failed", 0, 0, "cannot tell its format"),
    "not-gzip.jsonl.gz": ("succeeded", 5, 0, ""),
    "bad-gzip.jsonl.gz": ("failed", 0, 0, "cannot read"),
    "controls-rtl.jsonl": ("partial", 1, 2, "control character"),
    "duplicates.jsonl": ("succeeded", 1, 0, ""),
    "deep.jsonl": ("partial", 1, 1, "nested too deeply"),
    "five-mb-abstract.jsonl": ("partial", 1, 1, "bytes long"),
    "gzip-bomb.jsonl.gz": ("failed", 1, 0, "once uncompressed"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_import_papers_on_each_bad_input(corpus_dir, small_limits, name, capsys):
    status, created, rejected, words = EXPECTED[name]
    exit_code = {"succeeded": 0, "partial": 3, "failed": 1}[status]

    try:
        call_command("import_papers", str(corpus_dir / name), "--no-extract")
        code = 0
    except CommandError as exc:
        code = exc.returncode
    _, err = capsys.readouterr()

    run = ImportRun.objects.get()
    assert (run.status, code) == (status, exit_code), (run.message, run.errors)
    assert run.created_count == created == Paper.objects.count()
    assert run.rejected_count >= rejected
    assert run.read_count == run.created_count + run.updated_count + run.unchanged_count + run.rejected_count
    assert all(error["position"] and error["reason"] for error in run.errors)
    assert words in (run.message + json.dumps(run.errors, ensure_ascii=False))
    assert str(corpus_dir) not in run.message + err
    assert "Traceback" not in err


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_import_api_on_each_bad_input(corpus_dir, small_limits, name, staff_client, settings):
    client = staff_client
    upload = SimpleUploadedFile(name, CORPUS[name])
    status, created, _, _ = EXPECTED[name]

    response = client.post(reverse("importrun-list"), {"file": upload}, format="multipart")

    if name == "empty.jsonl":
        assert response.status_code == 400 and "empty" in json.dumps(response.json())
        return
    assert response.status_code == 202, response.content
    run = ImportRun.objects.get(pk=response.json()["id"])
    run.refresh_from_db()
    # In the tests the run starts when the request's transaction commits, which the test's never does.
    from papers.services.imports import import_run_execute

    run = import_run_execute(import_run_id=run.pk)
    assert (run.status, run.created_count) == (status, created)
    assert not list((settings.MEDIA_ROOT / "imports").iterdir())  # the upload is gone
    shown = client.get(reverse("importrun-detail", args=[run.pk])).json()
    assert str(settings.MEDIA_ROOT) not in json.dumps(shown)


@pytest.mark.django_db
def test_a_50_mb_single_line_is_a_413_upload_and_a_rejected_line_on_the_command_line(tmp_path, staff_client):
    path = tmp_path / "one-line.jsonl"
    with path.open("wb") as out:
        out.write(b'{"title": "Long", "abstract": "')
        out.write(b"x" * (50 * 1024 * 1024))
        out.write(b'"}\n')
        out.write(_line(GOOD))

    with pytest.raises(CommandError) as raised:
        call_command("import_papers", str(path), "--no-extract")

    assert raised.value.returncode == 3
    run = ImportRun.objects.get()
    assert (run.status, run.created_count) == ("partial", 1)
    assert run.errors[0]["position"] == "line 1" and "bytes long" in run.errors[0]["reason"]
    with path.open("rb") as handle:
        response = staff_client.post(
            reverse("importrun-list"),
            {"file": SimpleUploadedFile(path.name, handle.read())},
            format="multipart",
        )
    assert response.status_code == 413
    assert "limited to" in response.json()["detail"]


# VmHWM, not getrusage's ru_maxrss: that one keeps the peak of the forking parent across exec.
_PEAK_SCRIPT = """
import re, sys
import django
django.setup()
from papers.importers import ImportFormatError, iter_records
try:
    outcome = [type(r).__name__ for r in iter_records(sys.argv[1], format=sys.argv[2] if len(sys.argv) > 2 else None)]
except ImportFormatError as exc:
    outcome = [str(exc)[:200]]
peak_kb = int(re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read()).group(1))
print(peak_kb // 1024, outcome[-1])
"""


def _peak_mb(path, *args) -> tuple[int, str]:
    result = subprocess.run(
        [sys.executable, "-c", _PEAK_SCRIPT, str(path), *args],
        cwd=REPO_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "tracker.settings"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    peak, outcome = result.stdout.strip().splitlines()[-1].split(" ", 1)
    return int(peak), outcome


def test_a_1_gib_gzip_bomb_is_refused_in_bounded_memory(tmp_path):
    # 1 GiB and a bit of one line of zeros, about 1 MB compressed: refused at the default 1 GiB limit.
    path = tmp_path / "bomb.jsonl.gz"
    with path.open("wb") as out:
        out.write(_gzip_zeros(1024 * 1024 * 1024 + 4 * 1024 * 1024))
    assert path.stat().st_size < 2 * 1024 * 1024

    peak, outcome = _peak_mb(path, "jsonl")

    assert "once uncompressed" in outcome
    assert peak < 250, f"peak RSS {peak} MB"


def test_a_json_list_bomb_is_refused_in_bounded_memory(tmp_path):
    path = tmp_path / "bomb.json.gz"
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    head = compressor.compress(b'[{"paper": {"id": "2401.00001", "title": "T", "summary": "')
    body = b"".join(compressor.compress(b"0" * (1024 * 1024)) for _ in range(256))
    path.write_bytes(head + body + compressor.flush())

    peak, outcome = _peak_mb(path, "hf_daily_json")

    assert outcome == "RecordError"
    assert peak < 250, f"peak RSS {peak} MB"


def test_gzip_bomb_corpus_file_is_small():
    assert len(CORPUS["gzip-bomb.jsonl.gz"]) < 200_000
    assert len(gzip.decompress(CORPUS["gzip-bomb.jsonl.gz"])) == 64 * 1024 * 1024 + len(_line(GOOD))
