"""Wagtail's pages routed from their url_path (vetnet/routing.py): the same page
as Wagtail's own walk, in a fixed and small number of queries, and never a stale
route after the tree changes."""

import pytest
from django.conf import settings
from django.utils import translation
from wagtail.models import Page, PageViewRestriction

from practices.models import RelatedPractice
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db

FAST = "vetnet.routing.FastRouteMiddleware"


def answers(client, path):
    response = client.get(path)
    page = response.context["page"].pk if response.status_code == 200 else None
    return response.status_code, page


def test_same_page_as_wagtails_walk(client, settings, make_practice, make_event):
    practice = make_practice("Dual training in bakeries", content_language="it")
    make_practice("A draft", slug="draft-practice", publish=False)
    make_event("rome-workshop")
    paths = [
        "/",
        "/it/",
        "/practices/",
        f"/practices/{practice.slug}/",
        f"/it/practices/{practice.slug}/",
        "/practices/draft-practice/",
        "/practices/no-such-practice/",
        "/practices/no-such/deeper/",
        "/events/",
        "/events/rome-workshop/",
        "/no-such-section/",
    ]
    assert FAST in settings.MIDDLEWARE
    ours = {path: answers(client, path) for path in paths}
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != FAST]
    wagtails = {path: answers(client, path) for path in paths}
    assert ours == wagtails
    assert ours[f"/it/practices/{practice.slug}/"] == (200, practice.pk)
    assert ours["/practices/draft-practice/"][0] == 404


@pytest.mark.parametrize("editor_language", ["en", "it"])
def test_a_moved_page_redirects_from_every_language_prefix(
    client, make_practice, home, editor_language
):
    practice = make_practice("Moving practice", slug="moving")
    with translation.override(settings.LANGUAGE_CODE):  # what requests activate
        assert client.get("/practices/moving/").status_code == 200
        assert client.get("/it/practices/moving/").status_code == 200
        with translation.override(editor_language):  # the editor's admin
            Page.objects.get(pk=practice.pk).move(
                Page.objects.get(pk=home.pk), pos="last-child"
            )
        # The old address goes on to the new one, in every language, with the
        # query string the link carried.
        for code in [code for code, _name in settings.LANGUAGES]:
            prefix = "" if code == settings.LANGUAGE_CODE else f"/{code}"
            old = client.get(f"{prefix}/practices/moving/?utm=x")
            assert (old.status_code, old["Location"]) == (
                301,
                f"{prefix}/moving/?utm=x",
            )
            assert client.get(f"{prefix}/moving/").status_code == 200
        assert client.get("/it/practices/never-there/").status_code == 404


def test_the_default_languages_prefix_leads_to_the_root_address(client, make_practice):
    """English lives without a prefix; /en/... (typed, or linked by another
    site as /it/... is) goes there instead of answering 404."""
    make_practice("Dual training in bakeries", slug="bakeries")
    prefix = f"/{settings.LANGUAGE_CODE}"
    for asked, target in [
        (f"{prefix}/practices/bakeries/", "/practices/bakeries/"),
        (f"{prefix}/practices/?language=it", "/practices/?language=it"),
        (f"{prefix}/", "/"),
        (prefix, "/"),
    ]:
        response = client.get(asked)
        assert (response.status_code, response["Location"]) == (301, target)
    assert client.get("/practices/bakeries/").status_code == 200
    assert (
        client.get(f"{prefix}/practices/never-there/", follow=True).status_code == 404
    )


def test_unpublished_and_restricted_pages_follow_at_once(client, make_practice):
    practice = make_practice("Soon private", slug="soon-private")
    assert client.get("/practices/soon-private/").status_code == 200
    PageViewRestriction.objects.create(
        page=practice, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get("/practices/soon-private/").status_code == 302
    practice.unpublish()
    assert client.get("/practices/soon-private/").status_code == 404


def practice_page_queries(client, django_assert_max_num_queries, page):
    client.get(page.url)  # the per-version tables of this process
    with django_assert_max_num_queries(8) as counted:
        response = client.get(page.url)
    assert response.status_code == 200
    return len(counted.captured_queries), response.content.decode()


def much_to_show(make_practice, make_organisation, title):
    """A practice with an organisation and several of every kind of term."""
    return make_practice(
        title,
        organisation=make_organisation(name="Bottega Italiana", slug="bottega"),
        sectors=["construction", "wood-furniture", "food-crafts"],
        target_groups=["apprentices", "vet-trainers"],
        eqf_levels=[3, 4, 5],
        themes=[f"theme {n}" for n in range(6)],
    )


def test_practice_page_queries_do_not_grow_with_what_it_shows(
    client, make_practice, make_organisation, django_assert_max_num_queries
):
    small = make_practice(
        "Small practice", sectors=["construction"], themes=["green skills"]
    )
    big = much_to_show(make_practice, make_organisation, "Big practice")
    for n in range(3):
        translation = make_practice(
            f"Big practice in language {n}",
            content_language=["it", "de", "el"][n],
            translation_key=big.translation_key,
        )
        related = make_practice(f"Related practice {n}")
        big.related_practices.add(RelatedPractice(practice=related))
        assert translation.translation_key == big.translation_key
    big.save_revision().publish()

    few, _html = practice_page_queries(client, django_assert_max_num_queries, small)
    many, html = practice_page_queries(client, django_assert_max_num_queries, big)
    assert few == many
    assert "Bottega Italiana" in html
    assert html.count('class="practice-related"') == 1
    for n in range(3):
        assert f"Related practice {n}" in html
    for n in range(6):
        assert f"?theme=theme-{n}" in html


def test_an_uncached_practice_page_costs_four_queries_first_and_none_again(
    client, settings, make_practice, make_organisation
):
    """With the page cache off (bench/uncached.py), a practice seen for the first
    time in a content version costs its route, its page, its taxonomy and its
    translations with related practices: four queries whatever it shows; seen
    again, none (vetnet.routing and practice_details keep them per version)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 0
    first = make_practice(
        "First practice", sectors=["construction"], themes=["mentoring"]
    )
    shown = much_to_show(make_practice, make_organisation, "Much to show")
    for n in range(3):
        related = make_practice(f"Related practice {n}")
        shown.related_practices.add(RelatedPractice(practice=related))
    shown.save_revision().publish()
    # The site's per-version tables (terms, theme names), not this page's.
    client.get(first.url)
    with CaptureQueriesContext(connection) as cold:
        response = client.get(shown.url)
    assert response.status_code == 200 and "Related practice 2" in response.text
    assert len(cold.captured_queries) <= 4, [q["sql"] for q in cold.captured_queries]
    with CaptureQueriesContext(connection) as warm:
        assert client.get(shown.url).text == response.text
    assert warm.captured_queries == []


@pytest.mark.parametrize("prefix", ["", "/de"])
def test_a_practice_body_kept_per_version_is_the_body_the_blocks_render(
    client, settings, make_practice, prefix
):
    """The practice page keeps its body's HTML per content version and language
    (no block rendered again on the next visit): the same HTML as the blocks'
    own templates give, in the visitor's language, and an edit shows at once."""
    from django.template import Context, Template

    settings.PAGE_CACHE_SECONDS = 0
    body = [
        ("heading", {"text": "How it works", "level": "h2"}),
        ("paragraph", "<p>Apprentices <b>rotate</b> between workshops.</p>"),
        ("quote", {"text": "It changed our shop.", "attribution": "A master"}),
        ("key_figures", {"figures": [{"value": "40", "label": "apprentices"}]}),
        ("video", {"url": "https://example.org/v", "title": "Tour"}),
    ]
    practice = make_practice("Rotating apprentices", body=body)
    url = prefix + practice.url
    blocks = Template(
        "{% load wagtailcore_tags %}"
        "{% for block in page.body %}{% include_block block %}{% endfor %}"
    )
    with translation.override(prefix.strip("/") or settings.LANGUAGE_CODE):
        expected = blocks.render(Context({"page": practice}))
    assert "rotate" in expected and "40" in expected
    for _visit in range(2):
        html = client.get(url).content.decode()
        assert expected in html
    practice.body = [("paragraph", "<p>Edited body.</p>")]
    practice.save_revision().publish()
    html = client.get(url).content.decode()
    assert "Edited body." in html and "rotate" not in html


def test_home_and_event_queries_do_not_grow_with_content(
    client, make_practice, make_event, django_assert_max_num_queries
):
    def queries(path):
        client.get(path)
        with django_assert_max_num_queries(10) as counted:
            assert client.get(path).status_code == 200
        return len(counted.captured_queries)

    make_practice("First practice")
    event = make_event("first-event")
    home_few, event_few = queries("/"), queries(event.url)
    for n in range(8):
        make_practice(f"More practice {n}")
        make_event(f"more-event-{n}")
    assert queries("/") == home_few
    assert queries(event.url) == event_few


def test_routing_tables_do_not_outlive_a_lost_counter(client, make_practice):
    """A flushed cache restarts the content version above its old values: the
    tables a process keeps for the old version are never taken for current."""
    from django.core.cache import cache

    from vetnet.cache import VERSION_KEY, content_version

    make_practice("Kept practice", slug="kept")
    assert client.get("/practices/kept/").status_code == 200
    before = content_version()
    cache.delete(VERSION_KEY)
    assert content_version() > before
    assert settings.PAGE_CACHE_SECONDS == 0


def test_pages_answer_while_the_cache_is_down(
    client, make_practice, make_event, stop_cache
):
    """Redis out: every page still answers, read afresh (nothing kept per
    version), instead of a server error on every Wagtail page."""
    practice = make_practice("Dual training in bakeries", content_language="it")
    make_event("rome-workshop")
    stop_cache()
    for path in [
        "/",
        "/it/",
        "/practices/",
        f"/it/practices/{practice.slug}/",
        "/events/rome-workshop/",
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
    assert (
        "Dual training in bakeries"
        in client.get(f"/practices/{practice.slug}/").content.decode()
    )


def test_search_a_thread_and_a_registration_answer_while_the_cache_is_down(
    client, make_practice, make_event, stop_cache
):
    """Redis out: the search page, a forum thread and an event's registration
    form, which link pages outside Wagtail's serve view, answer like the pages
    themselves, their links intact."""
    from search.services import tokens
    from search.services.indexing.practice_documents import iter_practice_documents

    practice = make_practice("Dual training in bakeries")
    tokens.rebuild(iter_practice_documents())  # what the indexing task stores
    post = PostFactory(body="How do bakeries share apprentices?")
    make_event("rome-workshop")
    post.thread.promoted_practice = practice
    post.thread.save()
    stop_cache()
    found = client.get("/search/?q=bakeries")
    assert found.status_code == 200
    assert f'href="/practices/{practice.slug}/"' in found.content.decode()
    thread = client.get(post.thread.get_absolute_url())
    assert thread.status_code == 200
    assert "How do bakeries share apprentices?" in thread.content.decode()
    form = client.get("/events/rome-workshop/register/")
    assert form.status_code == 200
    assert 'href="/events/rome-workshop/"' in form.content.decode()
