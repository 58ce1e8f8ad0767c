"""What happens when content changes: one receiver per signal.

Each receiver invalidates both copies of the pages at once: the Django-side copies
and per-version tables (vetnet/cache.py bumps the content version, or for a change
one fragment alone shows, such as a registration, that scope's version) and the front
cache (vetnet/frontcache.py enqueues the PURGEs of the affected URLs, sent after
the commit by the task worker). Those modules say *what* a change invalidates;
this one is the only place that listens.
"""

from django.db.models.signals import post_delete, post_save

from . import cache, frontcache

UID = "vetnet.invalidation"


def on_published(sender, instance, **kwargs):
    cache.bump_content_version()
    frontcache.on_published(sender, instance)


def on_unpublished(sender, instance, **kwargs):
    cache.bump_content_version()
    frontcache.on_unpublished(sender, instance)


def on_moved(sender, instance, url_path_before, url_path_after, **kwargs):
    cache.bump_content_version()
    frontcache.on_moved(sender, instance, url_path_before, url_path_after)


def on_saved_or_deleted(sender, instance, signal=None, created=False, **kwargs):
    scope = cache.changed_scope(sender, instance)
    if scope is not None:  # shown by one fragment only (seats): its version alone
        cache.bump_scope_version(scope)
    elif cache.shows_on_pages(sender, instance):
        cache.bump_content_version()
    frontcache.on_model_changed(sender, instance, signal=signal, created=created)


def connect_signals():
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(on_published, dispatch_uid=UID + ".published")
    page_unpublished.connect(on_unpublished, dispatch_uid=UID + ".unpublished")
    post_page_move.connect(on_moved, dispatch_uid=UID + ".moved")
    post_save.connect(on_saved_or_deleted, dispatch_uid=UID + ".save")
    post_delete.connect(on_saved_or_deleted, dispatch_uid=UID + ".delete")
