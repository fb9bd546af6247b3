"""No endpoint fetches a URL its caller gives (no server-side request forgery).

Every operation of the served schema (our API and both Papers with Code APIs), every other URL pattern
(pages, curation, feeds, health, schema), and every admin page is called with a canary URL in every
parameter and body field, anonymously and as a superuser. Meanwhile the network is guarded twice: at the
socket (any connection or name lookup beyond this machine is recorded and refused) and in httpx (every
request through any transport is recorded and refused). Fields that do hold a URL (a paper's page and code,
a benchmark's page) are only stored. The only fetches the server makes at all are its feeds', to fixed hosts.
"""

import json
import re
import socket
from collections import Counter
from urllib.parse import quote

import httpx
import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from claims.models import Benchmark, Claim
from papers.feeds.base import FeedConfig
from papers.feeds.http import FeedClient, FeedHTTPError
from papers.models import Paper, SavedFeed
from tests.claims.factories import ClaimFactory

pytestmark = [pytest.mark.api, pytest.mark.django_db]

CANARY_HOST = "canary.invalid"
CANARY = f"http://{CANARY_HOST}:8081/fetch-me?x=1"
LOCAL_HOSTS = {"127.0.0.1", "::1", "localhost", "testserver"}
FEED_HOSTS = {"export.arxiv.org", "oaipmh.arxiv.org", "huggingface.co"}


@pytest.fixture
def outbound(monkeypatch):
    """Every attempt to reach another machine, recorded and refused."""
    attempts: list[str] = []
    real_connect, real_connect_ex, real_getaddrinfo = (
        socket.socket.connect,
        socket.socket.connect_ex,
        socket.getaddrinfo,
    )

    def _remote(address) -> bool:
        return isinstance(address, tuple) and str(address[0]) not in LOCAL_HOSTS

    def connect(sock, address):
        if _remote(address):
            attempts.append(f"connect {address}")
            raise ConnectionRefusedError("outbound connections are refused in this test")
        return real_connect(sock, address)

    def connect_ex(sock, address):
        if _remote(address):
            attempts.append(f"connect {address}")
            return 111
        return real_connect_ex(sock, address)

    def getaddrinfo(host, *args, **kwargs):
        if host is not None and str(host) not in LOCAL_HOSTS:
            attempts.append(f"lookup {host}")
            raise socket.gaierror(socket.EAI_NONAME, "name lookups are refused in this test")
        return real_getaddrinfo(host, *args, **kwargs)

    def handle_request(transport, request):
        attempts.append(f"httpx {request.url}")
        raise httpx.ConnectError("outbound requests are refused in this test", request=request)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(httpx.HTTPTransport, "handle_request", handle_request)
    return attempts


@pytest.fixture
def catalog(db):
    for _ in range(2):
        ClaimFactory()


@pytest.fixture
def superuser_client(db):
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("ssrf-admin", "a@example.org", "x"))
    return client


def _canary_for(schema: dict):
    kind = schema.get("type")
    if kind == "integer":
        return 1
    if kind == "boolean":
        return True
    if kind == "number":
        return 1.0
    if kind == "array":
        return [CANARY]
    return CANARY


def _operations():
    client = Client()
    schema = json.loads(client.get("/api/schema/?format=json").content)
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                yield path, method, operation, schema["components"]["schemas"]


def _request_body(operation: dict, components: dict) -> tuple[dict, str]:
    content = operation.get("requestBody", {}).get("content", {})
    for media_type in ("application/json", "multipart/form-data"):
        if media_type not in content:
            continue
        ref = content[media_type]["schema"].get("$ref", "")
        properties = components.get(ref.rsplit("/", 1)[-1], {}).get("properties", {})
        body = {}
        for name, field in properties.items():
            if field.get("format") == "binary":
                # An upload whose every record names the canary as its page, code and source.
                record = {"title": "Canary paper", "abstract": "A.", "url": CANARY, "code_url": CANARY}
                body[name] = SimpleUploadedFile("canary.jsonl", (json.dumps(record) + "\n").encode())
            elif "oneOf" not in field and "enum" not in field and "$ref" not in field:
                body[name] = _canary_for(field)  # a choice cannot hold a URL
        return body, media_type
    return {}, ""


def _real_ids() -> dict[str, str]:
    """An existing object for each kind of path parameter, so writes reach their handlers."""
    claim = Claim.objects.select_related("paper", "benchmark", "metric").first()
    return {
        "claims": str(claim.pk),
        "papers": str(claim.paper.pk),
        "benchmarks": claim.benchmark.slug,
        "datasets": claim.benchmark.slug,
        "metrics": claim.metric.slug,
    }


def _fill(path: str, real: dict[str, str] | None) -> str:
    canary = quote(CANARY, safe="")
    if real is None:
        return re.sub(r"\{[^}]+\}", canary, path)
    return re.sub(r"([\w-]+)/\{[^}]+\}", lambda m: f"{m.group(1)}/{real.get(m.group(1), canary)}", path)


def _send(client: Client, method: str, url: str, query: dict, body: dict, media_type: str, extra=False):
    if method == "get":
        # extra: undocumented url-like parameters too (lists refuse unknown parameters with a 400)
        return client.get(url, {**query, "url": CANARY, "next": CANARY} if extra else query)
    url = url + ("?" + "&".join(f"{k}={quote(str(v))}" for k, v in query.items()) if query else "")
    if media_type == "multipart/form-data":
        return client.generic(method.upper(), url, **_multipart(body))
    return client.generic(method.upper(), url, json.dumps(body), content_type="application/json")


def _calls(client: Client, path: str, method: str, operation: dict, components: dict):
    """The operation with the canary everywhere at once, then on real objects with one parameter at a time."""
    query = {
        p["name"]: _canary_for(p.get("schema", {}))
        for p in operation.get("parameters", [])
        if p["in"] == "query"
    }
    body, media_type = _request_body(operation, components)
    yield _send(client, method, _fill(path, None), query, body, media_type, extra=True)
    real = _fill(path, _real_ids())
    yield _send(client, method, real, {}, body, media_type)
    for name, value in query.items():
        yield _send(client, method, real, {name: value}, body, media_type)


def _multipart(body: dict) -> dict:
    for value in body.values():
        if hasattr(value, "seek"):
            value.seek(0)  # the same upload is sent by every call
    return {"data": encode_multipart(BOUNDARY, body), "content_type": MULTIPART_CONTENT}


def _assert_nothing_fetched(outbound: list[str], what: str):
    assert not outbound, f"{what} reached out: {outbound}"


def test_the_guard_catches_a_fetch(outbound):
    """The guard is not blind: a real client's fetch of the canary is recorded at both levels."""
    with FeedClient(user_agent="guard-check", max_retries=0) as client, pytest.raises(FeedHTTPError):
        client.get(CANARY)
    with pytest.raises(OSError):
        socket.create_connection((CANARY_HOST, 8081), timeout=1)
    assert any(CANARY_HOST in attempt for attempt in outbound)
    assert any(attempt.startswith("httpx") for attempt in outbound)
    assert any(attempt.startswith("lookup") for attempt in outbound)


@pytest.mark.parametrize("role", ["anonymous", "superuser"])
def test_no_schema_operation_fetches_a_url_it_is_given(
    outbound, catalog, superuser_client, role, settings, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    client = superuser_client if role == "superuser" else Client()
    operations = list(_operations())
    assert len(operations) > 60  # our API and both compatibility APIs
    answered = Counter()
    for path, method, operation, components in operations:
        # Work sent to a worker after commit (imports, extraction) runs here, inside the guard.
        with django_capture_on_commit_callbacks(execute=True):
            statuses = [
                response.status_code for response in _calls(client, path, method, operation, components)
            ]
        assert max(statuses) < 500, (method, path, statuses)
        _assert_nothing_fetched(outbound, f"{method.upper()} {path}")
        answered[statuses[1] < 400] += 1
    # Most operations answered a real request, not only errors: the handlers themselves were reached.
    assert answered[True] > 40, answered
    if role == "superuser":
        # The upload's URLs were imported: stored as given, never visited.
        assert Paper.objects.filter(title="Canary paper", url=CANARY, code_url=CANARY).exists()


def _route_paths(resolver: URLResolver, prefix: str = ""):
    """Every plain route (`<slug:slug>` style) under the resolver, with converters filled in."""
    for entry in resolver.url_patterns:
        route = getattr(entry.pattern, "_route", None)
        if route is None:
            continue  # regex patterns: the compatibility APIs (walked through the schema) and the admin (below)
        filled = prefix + re.sub(r"<(?:int:)?\w+>", "1", re.sub(r"<slug:\w+>", "canary", route))
        if isinstance(entry, URLResolver):
            yield from _route_paths(entry, filled)
        elif isinstance(entry, URLPattern):
            yield filled


def test_no_page_fetches_a_url_it_is_given(outbound, catalog, superuser_client):
    paths = sorted({"/" + path for path in _route_paths(get_resolver()) if not path.startswith("admin/")})
    assert {"/", "/curate/", "/health/", "/healthz", "/feeds/verified/"} <= set(paths)
    fields = {"url": CANARY, "next": CANARY, "q": CANARY, "source": CANARY, "feed": CANARY}
    for client in (Client(), superuser_client):
        for path in paths:
            for response in (client.get(path, fields), client.post(path, fields)):
                assert response.status_code < 500 or path in {"/health/", "/healthz"}, (
                    path,
                    response.status_code,
                )
            _assert_nothing_fetched(outbound, path)


TEXT_FIELDS = {"CharField", "TextField", "URLField", "SlugField"}


def _form_data(model) -> dict:
    data = {}
    for field in model._meta.get_fields():
        kind = field.get_internal_type() if hasattr(field, "get_internal_type") else ""
        if getattr(field, "editable", False) and not field.is_relation and kind in TEXT_FIELDS:
            data[field.name] = "canary-slug" if kind == "SlugField" else CANARY
    return data


def test_no_admin_page_fetches_a_url_and_url_fields_are_only_stored(outbound, catalog, superuser_client):
    for model in admin.site._registry:
        info = model._meta.app_label, model._meta.model_name
        changelist = reverse("admin:{}_{}_changelist".format(*info))
        assert superuser_client.get(changelist, {"q": CANARY}).status_code == 200
        add = reverse("admin:{}_{}_add".format(*info))
        response = superuser_client.post(add, _form_data(model))
        assert response.status_code in {200, 302, 403}, (add, response.status_code)
        _assert_nothing_fetched(outbound, add)

    paper = Paper.objects.first()
    response = superuser_client.post(
        reverse("admin:papers_paper_change", args=[paper.pk]),
        {
            "title": paper.title,
            "abstract": paper.abstract,
            "url": CANARY,
            "code_url": CANARY,
            "authors": "[]",
            "sources": "[]",
        },
    )
    benchmark = Benchmark.objects.first()
    Benchmark.objects.filter(pk=benchmark.pk).update(url=CANARY)
    superuser_client.get(reverse("admin:claims_benchmark_change", args=[benchmark.pk]))
    superuser_client.get(reverse("web:benchmark", args=[benchmark.slug]))
    superuser_client.get(reverse("web:paper", args=[paper.pk]))
    _assert_nothing_fetched(outbound, "editing and showing URL fields")
    assert response.status_code in {200, 302}


def test_a_saved_feed_query_that_is_a_url_is_sent_to_the_feed_host_only(
    outbound, superuser_client, settings, django_capture_on_commit_callbacks
):
    """A saved feed takes a query, never a URL: run one whose query is the canary; only arXiv is asked."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.FEEDS_MAX_RETRIES = 0
    settings.FEEDS_ARXIV_INTERVAL_SECONDS = 0
    feed = SavedFeed.objects.create(
        name="Canary feed", kind=SavedFeed.Kind.ARXIV_QUERY, query=CANARY, max_results=1
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = superuser_client.post(
            reverse("admin:papers_savedfeed_changelist"),
            {"action": "run_now", "_selected_action": [feed.pk]},
        )
    assert response.status_code in {200, 302}
    assert outbound, "the feed run made no request at all: the test would show nothing"
    hosts = {httpx.URL(attempt.split(" ", 1)[1]).host for attempt in outbound if attempt.startswith("httpx")}
    assert hosts <= FEED_HOSTS and hosts, outbound
    assert not any(CANARY_HOST in attempt.split("?")[0] for attempt in outbound), outbound
    assert FeedConfig().arxiv_api_url.startswith("https://export.arxiv.org/")
