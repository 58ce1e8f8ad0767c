"""The listing's cards, rendered once per content version: a fragment cache.

A card shows a practice's own fields, its organisation, cover image, country and
taxonomy names in the visitor's language. Every one of those changes bumps the
content version (vetnet/cache.py: page saves, publishes, organisations,
taxonomy terms, images), so a card's HTML kept under (content version,
language, listing address, practice id) is always the card the page would
render now. A listing then reads its cards in one round trip to the cache and
loads, tags and renders only the practices it misses (at most a page: the query
count stays fixed whatever the page size).

Kept for FACET_CACHE_SECONDS, like the ids and counts the listing is made of
(0 = off: every card is rendered from its row). Nothing personal is in a card.
"""

import hashlib
import logging

from django.core.cache import cache
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

TEMPLATE = "practices/_card.html"


class CachedCard:
    """A practice whose card came from the cache: its id and HTML."""

    __slots__ = ("pk", "card_html")

    def __init__(self, pk, card_html):
        self.pk = pk
        self.card_html = card_html


def card_keys(ids, version, base_url):
    base = hashlib.sha256(f"{get_language()}:{base_url}".encode()).hexdigest()[:16]
    return {pk: f"practices:card:{version}:{base}:{pk}" for pk in ids}


def cached_cards(ids, base_url, load, seconds):
    """The cards of practices `ids` in that order: CachedCard for those kept,
    the practice itself (with `card_html`) for those loaded now by `load(missing
    ids)` -> practices with their card data (practices absent from its answer
    left the view: they are not shown)."""
    from vetnet.cache import content_version

    try:
        keys = card_keys(ids, content_version(), base_url)
        stored = cache.get_many(list(keys.values()))
    except Exception:  # noqa: BLE001 - a cache outage renders every card
        logger.warning("card cache unavailable", exc_info=True)
        keys, stored = None, {}
    missing = [pk for pk in ids if keys is None or keys[pk] not in stored]
    loaded = {page.pk: page for page in load(missing)} if missing else {}
    template = get_template(TEMPLATE)
    fresh = {}
    for page in loaded.values():
        context = {"practice": page, "practice_base_url": base_url}
        page.card_html = mark_safe(template.render(context))  # noqa: S308 - escaped by the template
        if keys is not None:
            fresh[keys[page.pk]] = str(page.card_html)
    if fresh:
        try:
            cache.set_many(fresh, seconds)
        except Exception:  # noqa: BLE001
            logger.warning("card cache unavailable", exc_info=True)
    cards = []
    for pk in ids:
        if pk in loaded:
            cards.append(loaded[pk])
        elif keys is not None and keys[pk] in stored:
            cards.append(CachedCard(pk, mark_safe(stored[keys[pk]])))  # noqa: S308
    return cards
