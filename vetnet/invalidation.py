"""What happens when content changes: one receiver per signal.

Each receiver invalidates both copies of the pages at once: the Django-side copies
and per-version tables (vetnet/cache.py bumps the content version, or for a change
one fragment alone shows, such as a registration, that scope's version) and the front
cache (vetnet/frontcache.py enqueues the PURGEs of the affected URLs, sent after
the commit by the task worker). Those modules say *what* a change invalidates;
this one is the only place that listens.

It listens to the saves and deletes of the models those modules name, each by
sender (watched_models), not to every model: a receiver of post_delete for any
sender makes Django load and signal each row of every bulk delete (a queryset's
delete of a thousand notifications or task results: a SELECT of them all, then a
DELETE per hundred), where a model nobody listens to is deleted with one DELETE.
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


def watched_models():
    """Every page class (a page saves as its own class; its delete also
    deletes, and signals, its Page row) and the installed models that
    cache.py and frontcache.py name."""
    from django.apps import apps
    from wagtail.models import Page, get_page_models

    models = {Page, *get_page_models()}
    for label in cache.watched_labels() | frontcache.watched_labels():
        try:
            models.add(apps.get_model(label))
        except LookupError:  # an app this deployment leaves out
            continue
    return models


def watch(model):
    """Listen to the saves and deletes of `model` (frontcache.register_purge
    calls it for a model an app registers after this app is ready)."""
    label = model._meta.label
    post_save.connect(
        on_saved_or_deleted, sender=model, dispatch_uid=f"{UID}.save.{label}"
    )
    post_delete.connect(
        on_saved_or_deleted, sender=model, dispatch_uid=f"{UID}.delete.{label}"
    )


def connect_signals():
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(on_published, dispatch_uid=UID + ".published")
    page_unpublished.connect(on_unpublished, dispatch_uid=UID + ".unpublished")
    post_page_move.connect(on_moved, dispatch_uid=UID + ".moved")
    for model in watched_models():
        watch(model)
