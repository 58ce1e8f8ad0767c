"""News listing: published news under an index, newest first, filterable by tag."""

from django.core.paginator import Paginator

NEWS_PER_PAGE = 10


def published_news(index_page):
    from community.models import NewsPage

    return (
        NewsPage.objects.live()
        .public()
        .child_of(index_page)
        .order_by("-date", "-first_published_at")
        .prefetch_related("tags")
    )


def news_listing(index_page, params):
    news = published_news(index_page)
    tag = (params.get("tag") or "").strip()
    if tag:
        news = news.filter(tags__slug=tag)
    page = Paginator(news, NEWS_PER_PAGE).get_page(params.get("page"))
    return {"news_items": page, "active_tag": tag}
