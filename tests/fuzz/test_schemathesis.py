"""Schemathesis against the served OpenAPI schema: every operation, every check, anonymous and as staff.

Runs through Django's WSGI app in-process (no network), on the test database, with a fixed seed and a
bounded number of examples per operation, so the run is repeatable and takes a few minutes.
"""

import os
import re

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import CHECKS, load_all_checks

from claims.models import Benchmark, Metric, Task
from tests.claims.factories import ClaimFactory
from tests.conftest import REPO_DIR
from tracker.wsgi import application

pytestmark = [pytest.mark.api, pytest.mark.fuzz, pytest.mark.django_db]

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
SEED = 20261203


@pytest.fixture(autouse=True)
def _keep_the_test_connection(db):
    # As Django's test client does: the WSGI handler must not close the test's connection after a request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def catalog(db):
    """Something for the detail, leaderboard and curation operations to find."""
    for _ in range(3):
        ClaimFactory()
    parent = Task.objects.create(name="Fuzz parent task", slug="fuzz-parent-task")
    Task.objects.create(name="Fuzz subtask", slug="fuzz-subtask", parent=parent).benchmarks.add(
        Benchmark.objects.first()
    )
    _KNOWN_SLUGS["benchmark"] = list(Benchmark.objects.values_list("slug", flat=True))
    _KNOWN_SLUGS["metric"] = list(Metric.objects.values_list("slug", flat=True))
    _KNOWN_SLUGS["task"] = _KNOWN_SLUGS["parent"] = list(Task.objects.values_list("slug", flat=True))


@pytest.fixture
def staff_headers(db):
    user = get_user_model().objects.create_user(username="fuzz-staff", password="unused", is_staff=True)
    return {"Authorization": f"Token {Token.objects.create(user=user).key}"}


# The schema as served (the view needs no database): our API and both Papers with Code compatible APIs
# (/pwc/, /hf/). FUZZ_ONLY=<path regex> narrows a local run to some operations.
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
if os.environ.get("FUZZ_ONLY"):
    schema = schema.include(path_regex=os.environ["FUZZ_ONLY"])
# Filtering by a slug that names no benchmark or metric is a 400 by design (tests/api/test_bad_parameters.py);
# a schema cannot list the slugs that exist, so generated slugs are pointed at real ones.
# Filled by the catalog fixture: the hook runs outside the test too, where the database is closed.
_KNOWN_SLUGS: dict[str, list[str]] = {"benchmark": [], "metric": [], "task": [], "parent": []}
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@schema.hook
def map_case(context, case):
    for name, known in _KNOWN_SLUGS.items():
        value = (case.query or {}).get(name)
        if isinstance(value, str) and value and known and value not in known:
            case.query[name] = known[0]
    # A start_date after the end_date is a 400 by design (tests/api/test_pwc_cli.py), which a schema
    # cannot say; generated ranges that are valid dates are put in order.
    start, end = (case.query or {}).get("start_date"), (case.query or {}).get("end_date")
    if all(isinstance(v, str) and _ISO_DATE.fullmatch(v) for v in (start, end)) and start > end:
        case.query["start_date"], case.query["end_date"] = end, start
    # Only a cursor the API gave is valid, and `cursor` with `page` or with an ordering the list does not
    # take is a 400 by design (tests/api/test_cursor_pages.py; page numbers skip such an ordering, so the
    # schema cannot list them): a generated cursor asks for the first page in the default order.
    if isinstance((case.query or {}).get("cursor"), str):
        case.query["cursor"] = ""
        case.query.pop("page", None)
        case.query.pop("ordering", None)
    return case


FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


load_all_checks()
EVERY_CHECK = CHECKS.get_all()


# Responses checked, per role: printed at the end of the module (`pytest tests/fuzz -q -s | grep "fuzz cases"`).
CASES: dict[str, int] = {"anonymous": 0, "staff": 0}


@pytest.fixture(scope="module", autouse=True)
def _count_cases():
    yield
    print(
        f"\nfuzz cases: {CASES['anonymous']} anonymous, {CASES['staff']} as staff, {sum(CASES.values())} in all"
    )


@schemathesis.check
def no_server_details(ctx, response, case):
    """No answer shows a server path, the secret key, a traceback or a database host."""
    CASES["staff" if "Authorization" in (response.request.headers or {}) else "anonymous"] += 1
    text = response.text or ""
    for leak in (str(REPO_DIR), django_settings.SECRET_KEY, "Traceback (most recent call last)", "psycopg"):
        if leak in text:
            raise AssertionError(f"the response shows {leak[:40]!r}")


def test_every_built_in_check_is_run():
    names = {check.__name__ for check in EVERY_CHECK}
    assert {
        "not_a_server_error",
        "response_schema_conformance",
        "negative_data_rejection",
        "ignored_auth",
    } <= names
    assert len(names) >= 14


@pytest.mark.skipif(bool(os.environ.get("FUZZ_ONLY")), reason="FUZZ_ONLY narrows the run")
def test_every_api_is_fuzzed():
    paths = {result.ok().path for result in schema.get_all_operations()}
    for prefix in ("/api/v1/", "/pwc/api/v1/", "/hf/api/v1/"):
        assert sum(path.startswith(prefix) for path in paths) >= 15, prefix


@schema.parametrize()
@FUZZ
def test_anonymous(case, catalog):
    case.call_and_validate(checks=EVERY_CHECK, additional_checks=[no_server_details])


@schema.parametrize()
@FUZZ
def test_as_staff(case, catalog, staff_headers):
    case.call_and_validate(headers=staff_headers, checks=EVERY_CHECK, additional_checks=[no_server_details])
