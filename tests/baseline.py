"""The rows every test may count on: what the migrations create (locales, Wagtail's
root page and root collection, the role groups, the EQF levels, the practice review
workflow, the theme names) and the home page and default site of the demo loader.

A transactional test ends with a flush that empties every table, migrated rows
included (Django's serialized_rollback cannot be relied on once Playwright's event
loop runs in the test thread). `ensure_baseline()` puts them back by running the
same data migrations again: each one is idempotent (get_or_create by name)."""

import importlib

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from wagtail.models import Collection, Locale, Page

from community.demo import ensure_home_page
from forums.services.permissions import ensure_groups
from taxonomy.models import EQFLevel

# (migration module, function) in the order `migrate` runs them.
DATA_MIGRATIONS = [
    ("community.migrations.0003_roles_and_locales", "create_locales"),
    ("community.migrations.0003_roles_and_locales", "create_roles"),
    ("practices.migrations.0004_review_workflow", "create_review_workflow"),
    ("taxonomy.migrations.0004_seed_theme_names", "seed_theme_names"),
    ("taxonomy.migrations.0004_seed_theme_names", "let_editors_name_themes"),
]
ORGANISERS_MIGRATION = "events.migrations.0002_organisers_group"


def restore_migrated_rows():
    """Run the data migrations again if a flush removed their rows."""
    if Locale.objects.exists() and Page.objects.filter(depth=1).exists():
        return
    # Content types and permissions were recreated with new ids by the flush.
    ContentType.objects.clear_cache()
    Locale.objects.get_or_create(language_code="en")
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root"))
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
    for module, function in DATA_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, None)
    # The forums and events migrations first create permissions for their app by
    # toggling its AppConfig.models_module, which on the live registry would stop
    # post_migrate from creating them after the next flush. After a flush the
    # permissions exist (post_migrate), so only the groups are rebuilt.
    ensure_groups()
    for level in range(1, 9):  # as the EQF levels' data migration
        EQFLevel.objects.get_or_create(level=level)
    organisers = importlib.import_module(ORGANISERS_MIGRATION)
    group, _ = Group.objects.get_or_create(name=organisers.GROUP)
    for app_label, model, codename in organisers.PERMISSIONS:
        group.permissions.add(
            Permission.objects.get(
                content_type__app_label=app_label,
                content_type__model=model,
                codename=codename,
            )
        )


def ensure_baseline():
    """The migrated rows and the home page (with its site); returns the home page."""
    restore_migrated_rows()
    return ensure_home_page()


def forget_cached_rows():
    """After a live-server test: its rows are about to be flushed, so nothing cached
    about them (pages, sites, content types) may reach the next test."""
    cache.clear()
    ContentType.objects.clear_cache()
