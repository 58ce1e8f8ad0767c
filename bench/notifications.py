"""Notifications: fan-out of one publish and the digests of 10,000 members.

    python -m bench.notifications [--json] [--members 10000] [--followers 1000]

Runs in one database transaction that is rolled back at the end: the members,
follows and notifications it creates never stay (the benchmark database or any
other). Targets (issue 19):

- fan-out: one published practice -> 1,000 followers' notifications (bulk insert,
  count query, live push per member over the channel layer) in < 2 s, with the
  same number of queries for 100 and 1,000 followers;
- digests: 10,000 members with five follows each (five pending notifications
  each) built in < 60 s, with the same number of queries per batch of 250 and
  of 1,000 members.

The queueing of the built digests (one mail task per message, in a transaction
of its own) is timed on 1,000 of them.
"""

import argparse
import json
import os
import sys
import time


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vetnet.settings.dev")
    import django

    django.setup()


class Rollback(Exception):
    pass


def progress(message):
    print(f"[notifications bench] {message}", file=sys.stderr, flush=True)


def make_members(count, prefix):
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    User = get_user_model()
    users = User.objects.bulk_create(
        [
            User(
                username=f"{prefix}{i}",
                email=f"{prefix}{i}@bench.invalid",
                password="!",
            )
            for i in range(count)
        ],
        batch_size=2000,
    )
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user=u, email=u.email, verified=True, primary=True)
            for u in users
        ],
        batch_size=2000,
    )
    languages = ["en", "it", "de", "es", "el"]
    UserProfile.objects.bulk_create(
        [
            UserProfile(user=u, preferred_language=languages[i % len(languages)])
            for i, u in enumerate(users)
        ],
        batch_size=2000,
    )
    return users


def live_practice():
    """A live, public practice with a sector (created when the database has none)."""
    from practices.models import PracticePage
    from practices.services.listing import Filters
    from practices.services.listing.queryset import filtered_queryset
    from taxonomy.models import Sector

    page = filtered_queryset(Filters()).filter(sectors__isnull=False).first()
    if page is not None:
        return page, page.sectors.first().slug
    from wagtail.models import Locale

    from community.demo import ensure_home_page
    from practices.demo import ensure_index_page

    ensure_home_page()
    index = ensure_index_page()
    sector, _ = Sector.objects.get_or_create(
        slug="bench-sector", locale=Locale.get_default(), defaults={"name": "Bench"}
    )
    page = PracticePage(
        title="Bench practice",
        slug="bench-practice",
        summary="s",
        content_language="en",
        country="IT",
    )
    index.add_child(instance=page)
    page.sectors.set([sector])
    page.save_revision().publish()
    return page, sector.slug


def count_queries(func):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        result = func()
        elapsed = time.perf_counter() - started
    return result, elapsed, len(captured)


def fan_out(followers):
    from django.db import transaction

    from notifications.models import Follow, Notification
    from notifications.services import triggers

    page, sector = live_practice()
    results = {}
    for n in (100, followers):
        try:
            with transaction.atomic():
                users = make_members(n, f"fan{n}_")
                Follow.objects.bulk_create(
                    [Follow(user=u, kind="sector", value=sector) for u in users]
                )
                Notification.objects.filter(key=f"practice:{page.pk}").delete()
                notified, seconds, queries = count_queries(
                    lambda: triggers.practice_published(page.pk)
                )
                progress(f"fan-out to {n}: {seconds:.3f} s, {queries} queries")
                results[n] = {
                    "notified": len(notified),
                    "seconds": round(seconds, 3),
                    "queries": queries,
                }
                raise Rollback
        except Rollback:
            pass
    return results


def digests_bench(members):
    from django.db import connection, transaction
    from django.utils import timezone

    from notifications.models import Follow, Notification
    from notifications.services import digests

    kinds = ["sector", "country", "theme", "target", "organisation"]
    result = {}
    try:
        with transaction.atomic():
            started = time.perf_counter()
            users = make_members(members, "dig_")
            Follow.objects.bulk_create(
                [
                    Follow(user=u, kind=k, value=f"{k}-{i % 7}")
                    for i, u in enumerate(users)
                    for k in kinds
                ],
                batch_size=5000,
            )
            now = timezone.now()
            Notification.objects.bulk_create(
                [
                    Notification(
                        user=u,
                        kind="practice",
                        key=f"bench:{j}",
                        title=f"Practice number {j} about {kinds[j]}",
                        path=f"/practices/bench-{j}/",
                        created_at=now,
                    )
                    for u in users
                    for j in range(5)
                ],
                batch_size=5000,
            )
            if connection.vendor == "postgresql":
                with (
                    connection.cursor() as cursor
                ):  # fresh statistics, as autovacuum keeps
                    for table in (
                        "auth_user",
                        "notifications_follow",
                        "notifications_notification",
                        "account_emailaddress",
                    ):
                        cursor.execute(f"ANALYZE {table}")
            result["setup_s"] = round(time.perf_counter() - started, 1)
            progress(
                f"{members} members, follows, notifications: {result['setup_s']} s"
            )
            ids = [u.pk for u in users]
            per_batch = {}
            for size in (250, 1000):
                try:
                    with transaction.atomic():
                        built, seconds, queries = count_queries(
                            lambda size=size: digests.build_batch(
                                ids[:size], "daily", now, f"probe{size}"
                            )
                        )
                        per_batch[size] = {
                            "built": built,
                            "queries": queries,
                            "seconds": round(seconds, 2),
                        }
                        raise Rollback
                except Rollback:
                    pass
            result["per_batch"] = per_batch
            progress(f"probe batches: {per_batch}")
            (run, built), seconds, queries = count_queries(
                lambda: digests.build("daily", now=now)
            )
            result.update(built=built, build_s=round(seconds, 1), build_queries=queries)
            progress(f"built {built} in {result['build_s']} s")
            queued, seconds, queries = count_queries(lambda: digests.queue(limit=1000))
            result.update(
                queued=queued, queue_s=round(seconds, 1), queue_queries=queries
            )
            raise Rollback
    except Rollback:
        pass
    return result


def summary(report):
    fan = report["fanout"]
    top = max(fan, key=int)
    dig = report["digests"]
    batches = dig["per_batch"]
    return (
        f"fan-out of one publish to {fan[top]['notified']:,} followers "
        f"{fan[top]['seconds']} s ({fan[top]['queries']} queries; "
        f"{fan[min(fan, key=int)]['queries']} for {min(fan, key=int)}); "
        f"digests for {dig['built']:,} members with 5 follows each built in "
        f"{dig['build_s']} s ({batches[250]['queries']} queries per batch of 250, "
        f"{batches[1000]['queries']} per batch of 1,000); queueing 1,000 of them "
        f"{dig['queue_s']} s"
    )


def run(members=10_000, followers=1_000):
    report = {"fanout": fan_out(followers), "digests": digests_bench(members)}
    report["summary"] = summary(report)
    return report


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--followers", type=int, default=1_000)
    args = parser.parse_args()
    setup_django()
    report = run(args.members, args.followers)
    if args.json:
        json.dump(report, sys.stdout)
    else:
        print(report["summary"])


if __name__ == "__main__":
    main()
