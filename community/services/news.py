"""News listing: published news under an index, newest first, filterable by tag."""

from vetnet.pagination import paginate

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
    page, pages = paginate(news, NEWS_PER_PAGE, params)
    return {"news_items": page, "pages": pages, "active_tag": tag}
