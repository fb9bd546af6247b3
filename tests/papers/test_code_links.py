"""A GitHub or GitLab repository written in an abstract fills the paper's code URL at import."""

import json

import pytest

from papers.code_links import code_url_in
from papers.models import Paper
from papers.services.imports import import_run_create, import_run_execute


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Code: https://github.com/org/repo.", "https://github.com/org/repo"),
        ("frameworkhttps://github.com/amir/ZeroQ.", "https://github.com/amir/ZeroQ"),
        ("at github.com/Lab/tool-kit, with data", "https://github.com/Lab/tool-kit"),
        ("see https://github.com/org/repo/tree/main/src).", "https://github.com/org/repo"),
        ("https://www.GitHub.com/org/repo.git", "https://github.com/org/repo"),
        ("https://gitlab.com/group/sub/project/-/tree/main", "https://gitlab.com/group/sub/project"),
        ("a project page at https://lab.github.io/tool", ""),
        ("https://github.com/org alone is no repository", ""),
        ("no link here", ""),
    ],
)
def test_repository_urls_are_found_in_text(text, found):
    assert code_url_in(text) == found


@pytest.fixture
def run_import(django_capture_on_commit_callbacks):
    def run(path):
        with django_capture_on_commit_callbacks(execute=True):
            created = import_run_create(path=path, origin=path.name, extract=False)
            return import_run_execute(import_run_id=created.pk, path=path)

    return run


@pytest.mark.django_db
def test_an_abstract_link_fills_only_a_missing_code_url(run_import, tmp_path):
    path = tmp_path / "papers.jsonl"
    rows = [
        {"title": "Folded Nets", "abstract": "We fold. Code is at https://github.com/fold/nets."},
        {
            "title": "Given Code",
            "abstract": "We reuse https://github.com/other/baseline for comparison.",
            "code_url": "https://github.com/given/code",
        },
        {"title": "No Code", "abstract": "Nothing to share."},
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))

    run_import(path)

    assert dict(Paper.objects.values_list("title", "code_url")) == {
        "Folded Nets": "https://github.com/fold/nets",
        "Given Code": "https://github.com/given/code",
        "No Code": "",
    }


@pytest.mark.django_db
def test_the_seed_pages_repositories_become_code_urls_and_has_code_finds_them(run_import, shared_dir, client):
    for page in sorted((shared_dir / "seeds").glob("*.txt")):
        run_import(page)

    with_code = Paper.objects.exclude(code_url="")
    # 23 links in the pages: 21 to repositories (one paper is on both pages), 2 to github.io project pages.
    assert with_code.count() == 20
    assert with_code.filter(code_url="https://github.com/DFQ-Dojo/dfq-toolkit").count() == 1
    listed = client.get("/api/v1/papers/", {"has_code": "true", "page_size": 100}).json()
    assert listed["count"] == 20
