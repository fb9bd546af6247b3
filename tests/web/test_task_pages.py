"""Task pages over the task catalog: parents and subtasks, a benchmark in several tasks, free-text fallback."""

import re

import pytest
from django.urls import reverse

from claims.services.tasks import benchmark_task_link
from tests.claims.factories import BenchmarkFactory, MetricFactory, TaskFactory
from tests.web.conftest import claim_on
from tests.web.test_pages import page

pytestmark = pytest.mark.django_db


def section(html: str, slug: str) -> str:
    """The task list's section of one task, up to the next section."""
    start = html.index(f'<section aria-labelledby="task-{slug}">')
    return html[start : html.index("</section>", start)]


def breadcrumb(html: str) -> str:
    start = html.index('aria-label="Breadcrumb"')
    return html[start : html.index("</nav>", start)]


def table(html: str) -> str:
    return html[html.index("<table") : html.index("</table>")]


@pytest.fixture
def catalog(riddles):
    """Riddle games > Night riddles, and Word play; Lantern Riddles is in Night riddles and Word play."""
    lantern, accuracy, *_ = riddles
    games = TaskFactory(name="Riddle games", description="Puzzles posed as questions.")
    night = TaskFactory(name="Night riddles", parent=games)
    words = TaskFactory(name="Word play")
    TaskFactory(name="Empty task")  # no benchmark: no page
    lantern.tasks.add(night, words)
    moth = BenchmarkFactory(name="Moth Quiz", task="ignored when linked")
    moth.tasks.add(games)
    claim_on(moth, accuracy, 12.0, method="Duskwing")
    owl = BenchmarkFactory(name="Owl Quiz")
    owl.tasks.add(night)
    claim_on(owl, accuracy, 33.0, method="Hooter")
    loose = BenchmarkFactory(name="Loose Bench", task="Loose puzzles")
    claim_on(loose, MetricFactory(name="loose score"), 3.0, method="Drifter")
    joiner = BenchmarkFactory(name="Joiner Bench", task="Word play")  # free text naming a catalog task
    claim_on(joiner, accuracy, 8.0, method="Joiner")
    return {"lantern": lantern, "moth": moth, "owl": owl, "loose": loose}


def test_the_task_list_shows_top_level_tasks_with_their_subtasks(client, catalog):
    html = page(client, reverse("web:task-list"))

    sections = re.findall(r'<section aria-labelledby="task-([\w-]+)">', html)
    assert sections == ["riddle-games", "word-play", "loose-puzzles"]
    games = section(html, "riddle-games")
    assert "Moth Quiz" in games and "Lantern Riddles" not in games
    assert 'href="/tasks/night-riddles/">Night riddles</a>' in games
    assert "2 more benchmarks" in games  # Lantern Riddles and Owl Quiz, below in Night riddles
    assert 'href="#task-riddle-games">Riddle games <span class="count">3</span>' in html
    assert "Empty task" not in html


def test_a_subtask_page_links_its_parent_and_lists_its_leaders(client, catalog):
    html = page(client, reverse("web:task-detail", args=["night-riddles"]))

    crumbs = breadcrumb(html)
    assert '<a href="/tasks/riddle-games/">Riddle games</a> › <span>Night riddles</span>' in crumbs
    rows = table(html)
    assert "Lantern Riddles" in rows and "Owl Quiz" in rows and "Moth Quiz" not in rows
    assert "71.25%" in rows and "Glowworm" in rows and "Hooter" in rows


def test_a_parent_task_page_links_its_subtasks(client, catalog):
    html = page(client, reverse("web:task-detail", args=["riddle-games"]))

    assert "Puzzles posed as questions." in html
    assert '<a href="/tasks/night-riddles/">Night riddles</a>' in html
    assert "Moth Quiz" in table(html) and "Owl Quiz" not in table(html)


def test_a_benchmark_in_two_tasks_is_on_both_pages_and_in_both_crumbs(client, catalog):
    for slug in ("night-riddles", "word-play"):
        assert "Lantern Riddles" in table(page(client, reverse("web:task-detail", args=[slug])))

    html = page(client, reverse("web:benchmark", args=["lantern-riddles"]))
    crumbs = breadcrumb(html)
    assert (
        '<a href="/tasks/night-riddles/">Night riddles</a> · <a href="/tasks/word-play/">Word play</a>'
        in crumbs
    )
    # Its free-text task is no page of its own any more: the catalog says where it belongs.
    page(client, reverse("web:task-detail", args=["riddle-solving"]), 404)


def test_a_benchmark_in_one_subtask_shows_the_parent_in_its_crumbs(client, catalog):
    html = page(client, reverse("web:benchmark", args=["owl-quiz"]))
    assert (
        '<a href="/tasks/riddle-games/">Riddle games</a> › <a href="/tasks/night-riddles/">Night riddles</a>'
        in html
    )


def test_a_benchmark_without_a_task_row_is_grouped_by_its_free_text_task(client, catalog):
    html = page(client, reverse("web:task-detail", args=["loose-puzzles"]))
    assert "Loose Bench" in table(html) and "Drifter" in html
    assert '<a href="/tasks/loose-puzzles/">Loose puzzles</a>' in page(
        client, reverse("web:benchmark", args=["loose-bench"])
    )
    # Free text that names a catalog task joins its page rather than making a second one.
    words = table(page(client, reverse("web:task-detail", args=["word-play"])))
    assert "Joiner Bench" in words and "Lantern Riddles" in words


def test_a_task_without_benchmarks_has_no_page_and_search_finds_subtasks(client, catalog):
    page(client, reverse("web:task-detail", args=["empty-task"]), 404)
    html = page(client, reverse("web:home"), q="night")
    assert 'href="/tasks/night-riddles/">Night riddles</a> <span class="muted">2 benchmarks' in html


def test_linking_a_benchmark_to_a_task_shows_on_cached_pages_at_once(client, riddles):
    lantern, *_ = riddles
    assert "Riddle solving" in page(client, reverse("web:task-list"))  # now cached
    assert 'href="/tasks/riddle-solving/"' in page(client, reverse("web:benchmark", args=["lantern-riddles"]))

    benchmark_task_link(benchmark=lantern, task=TaskFactory(name="Lamp puzzles"))

    listing = page(client, reverse("web:task-list"))
    assert "Lamp puzzles" in listing and "Riddle solving" not in listing
    crumbs = breadcrumb(page(client, reverse("web:benchmark", args=["lantern-riddles"])))
    assert 'href="/tasks/lamp-puzzles/"' in crumbs
