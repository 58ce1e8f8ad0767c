"""E-mail digests: built in batches, recorded, then queued, each exactly once.

build(frequency) writes one Digest row per member and period (unique), holding
the rendered message, and attaches the member's notifications to it, in one
transaction per batch. queue() then hands each unqueued Digest to the mail
backend (a deliver_email task, vetnet/mail.py) in the same transaction that marks
it queued. A worker restarted at any point therefore sends nothing twice: a
digest that exists is never built again, one that is queued is never queued
again, and a crash between the two leaves it for the next run to queue.

The queries of a batch do not depend on its size: candidates, addresses, the
period's earlier digests, languages, preferences, notifications, what of them is
gone (targets.gone: a few queries per kind), the insert, the
run's own rows and one update of the notifications, whatever the number of
members.

Only confirmed primary addresses (allauth's EmailAddress.verified) get e-mail.
"""

import functools
import logging
import uuid
from itertools import groupby

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import BigIntegerField, Case, Value, When
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext
from wagtail.users.models import UserProfile

from vetnet.site import absolute_url, localised_path

from ..models import Digest, Frequency, Notification
from . import preferences, presentation, targets
from .unsubscribe import make_token

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
MAX_ITEMS = 50  # per e-mail; the rest wait on the notifications page


def period_of(frequency, now):
    if frequency == Frequency.DAILY:
        return f"daily:{now.date().isoformat()}"
    if frequency == Frequency.WEEKLY:
        year, week, _day = now.isocalendar()
        return f"weekly:{year}-W{week:02d}"
    raise ValueError(frequency)


def _candidates(after, limit):
    return list(
        Notification.objects.filter(
            digest__isnull=True,
            read_at__isnull=True,
            gone_at__isnull=True,
            user_id__gt=after,
        )
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .distinct()[:limit]
    )


def _languages(user_ids):
    codes = dict(settings.LANGUAGES)
    languages = dict.fromkeys(user_ids, settings.LANGUAGE_CODE)
    for user_id, language in UserProfile.objects.filter(
        user_id__in=user_ids
    ).values_list("user_id", "preferred_language"):
        if language in codes:
            languages[user_id] = language
    return languages


def _pending(user_ids, frequency, now):
    """{user_id: [notifications]} that this frequency sends, oldest first."""
    wanted = preferences.frequencies_for(user_ids)
    pending = {}
    for notification in Notification.objects.filter(
        user_id__in=user_ids,
        digest__isnull=True,
        read_at__isnull=True,
        gone_at__isnull=True,
        created_at__lte=now,
    ).order_by("user_id", "pk"):
        if wanted[notification.user_id].get(notification.kind) == frequency:
            pending.setdefault(notification.user_id, []).append(notification)
    return pending


@functools.cache
def _unsubscribe_base(language, site_url):
    """The unsubscribe URL of a language with TOKEN in place of the token
    (reverse() once per language and SITE_URL, not once per member)."""
    with translation.override(language):
        path = reverse("notifications:unsubscribe", kwargs={"token": "TOKEN"})
    return absolute_url(path)


def _render(templates, user_id, to, language, items, period, kinds):
    """The digest of `items` (those still leading somewhere: see build_batch)."""
    unsubscribe_url = _unsubscribe_base(language, settings.SITE_URL).replace(
        "TOKEN", make_token(user_id, kinds)
    )
    context = {
        "items": [presentation.item(n, language) for n in items[:MAX_ITEMS]],
        "more": max(0, len(items) - MAX_ITEMS),
        "site_name": settings.WAGTAIL_SITE_NAME,
        "notifications_url": absolute_url(localised_path("/notifications/", language)),
        "preferences_url": absolute_url(localised_path("/follows/", language)),
        "unsubscribe_url": unsubscribe_url,
        "language": language,
    }
    subject = ngettext(
        "%(count)s new notification from %(site)s",
        "%(count)s new notifications from %(site)s",
        len(items),
    ) % {"count": len(items), "site": settings.WAGTAIL_SITE_NAME}
    return Digest(
        user_id=user_id,
        period=period,
        language=language,
        to=to,
        subject=subject,
        text=templates["text"].render(context),
        html=templates["html"].render(context),
        unsubscribe_url=unsubscribe_url,
    )


def build_batch(user_ids, frequency, now, run):
    """Record the digests of these members; returns how many were built."""
    addresses = dict(
        EmailAddress.objects.filter(
            user_id__in=user_ids, verified=True, primary=True, user__is_active=True
        ).values_list("user_id", "email")
    )
    user_ids = [user_id for user_id in user_ids if user_id in addresses]
    if not user_ids:
        return 0
    if frequency != Frequency.IMMEDIATE:
        # Members who had this period's digest already: the rest waits for the next.
        done = set(
            Digest.objects.filter(
                user_id__in=user_ids, period=period_of(frequency, now)
            ).values_list("user_id", flat=True)
        )
        user_ids = [user_id for user_id in user_ids if user_id not in done]
    languages = _languages(user_ids)
    pending = _pending(user_ids, frequency, now)
    # What can no longer be opened (unpublished, deleted, access removed) is left
    # out of the e-mail; it joins the digest all the same, so that the next run
    # does not weigh it again. A member with nothing else gets no e-mail, and
    # what is gone is recorded (gone_at), so that later runs skip it unweighed.
    gone = targets.record([n for items in pending.values() for n in items])
    templates = {
        "text": get_template("notifications/email/digest.txt"),
        "html": get_template("notifications/email/digest.html"),
    }
    digests = []
    by_language = sorted(pending, key=lambda user_id: languages[user_id])
    for language, members in groupby(by_language, key=lambda u: languages[u]):
        with translation.override(language):
            for user_id in members:
                items = [n for n in pending[user_id] if n.pk not in gone]
                if not items:
                    continue
                period = (
                    f"immediate:{items[0].pk}"
                    if frequency == Frequency.IMMEDIATE
                    else period_of(frequency, now)
                )
                kinds = {n.kind for n in items}
                digest = _render(
                    templates,
                    user_id,
                    addresses[user_id],
                    language,
                    items,
                    period,
                    kinds,
                )
                digest.run = run
                digests.append(digest)
    if not digests:
        return 0
    with transaction.atomic():
        # A concurrent run that got there first keeps its rows (and members).
        Digest.objects.bulk_create(digests, ignore_conflicts=True)
        mine = dict(
            Digest.objects.filter(run=run, user_id__in=list(pending)).values_list(
                "user_id", "pk"
            )
        )
        if mine:
            # One UPDATE for the batch: each notification to its member's digest.
            Notification.objects.filter(
                pk__in=[n.pk for user_id in mine for n in pending[user_id]],
                digest__isnull=True,
            ).update(
                digest_id=Case(
                    *(
                        When(user_id=user_id, then=Value(pk))
                        for user_id, pk in mine.items()
                    ),
                    output_field=BigIntegerField(),
                )
            )
        return len(mine)


def build(frequency, now=None, batch_size=BATCH_SIZE):
    """Build every digest of `frequency` due now. Returns (run id, count)."""
    now = now or timezone.now()
    run = uuid.uuid4().hex
    built, after = 0, 0
    while True:
        user_ids = _candidates(after, batch_size)
        if not user_ids:
            return run, built
        built += build_batch(user_ids, frequency, now, run)
        after = user_ids[-1]


def message_of(digest):
    message = EmailMultiAlternatives(
        subject=digest.subject,
        body=digest.text,
        to=[digest.to],
        headers={
            "List-Unsubscribe": f"<{digest.unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
            "Content-Language": digest.language,
        },
    )
    message.attach_alternative(digest.html, "text/html")
    return message


def queue(limit=None):
    """Hand every built, unqueued digest to the mail backend, once each: the
    claim and the mail task are in one transaction. Returns how many."""
    queued = 0
    pending = Digest.objects.filter(queued_at__isnull=True).order_by("pk")
    for digest_id in pending.values_list("pk", flat=True)[:limit]:
        with transaction.atomic():
            digest = (
                Digest.objects.select_for_update(skip_locked=True)
                .filter(pk=digest_id, queued_at__isnull=True)
                .first()
            )
            if digest is None:
                continue
            digest.queued_at = timezone.now()
            digest.save(update_fields=["queued_at"])
            message_of(digest).send()
        queued += 1
    return queued


def run(frequency):
    """Build and queue the digests of `frequency` (a task, see tasks.py)."""
    _run, built = build(frequency)
    queued = queue()
    logger.info("notifications: %s digests built, %s queued", built, queued)
    return {"built": built, "queued": queued}
