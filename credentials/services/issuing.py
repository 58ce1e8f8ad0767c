"""Issuing and revoking credentials."""

import hashlib

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from community.names import display_name
from vetnet import cache as page_cache
from vetnet import frontcache

from ..models import BadgeClass, Credential
from .badge_image import badge_png


def recipient_identity(email, salt):
    """Open Badges hashed identity of an e-mail address: ``sha256$<hex>`` of the
    address (lower-cased, as backpacks compare it) followed by the salt."""
    digest = hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()
    return f"sha256${digest}"


def _badge_class(key, name, description, criteria_url, organisation, language):
    """The badge class for `key`, created or brought up to date (a course renamed
    after earlier credentials keeps their snapshots; the badge shows the new name,
    with the language it is written in)."""
    badge, created = BadgeClass.objects.get_or_create(
        key=key,
        defaults={
            "name": name,
            "description": description,
            "language": language,
            "criteria_url": criteria_url,
            "issuer_organisation": organisation,
            "image": badge_png(name),
        },
    )
    if not created and (
        badge.name != name
        or badge.description != description
        or badge.language != language
        or badge.criteria_url != criteria_url
        or badge.issuer_organisation_id != getattr(organisation, "pk", None)
    ):
        if badge.name != name:
            badge.image = badge_png(name)
        badge.name = name
        badge.description = description
        badge.language = language
        badge.criteria_url = criteria_url
        badge.issuer_organisation = organisation
        badge.save()
    return badge


def issue_credential(
    *,
    recipient,
    badge_key,
    badge_name,
    badge_description,
    criteria_url,
    workload_hours,
    learning_outcomes,
    language="en",
    content_language="",
    issuer_organisation=None,
):
    """The credential of `recipient` for the badge `badge_key`, issued now unless
    it exists: a second call (a retried task, a second completion) returns the
    first credential unchanged, revoked or not. `language` is the learner's (the
    certificate is written in it); `content_language` the one the badge's name,
    description and the learning outcomes are written in ("" when unknown)."""
    existing = Credential.objects.filter(
        badge_class__key=badge_key, recipient=recipient
    ).first()
    if existing is not None:
        return existing
    content_language = content_language.strip().lower()
    badge = _badge_class(
        badge_key,
        badge_name,
        badge_description,
        criteria_url,
        issuer_organisation,
        content_language,
    )
    if language not in {code for code, _name in settings.LANGUAGES}:
        # The certificate and its page exist in the interface languages only.
        language = settings.LANGUAGE_CODE
    credential = Credential(
        badge_class=badge,
        recipient=recipient,
        recipient_name=display_name(recipient),
        language=language,
        content_language=content_language,
        issued_on=timezone.now(),
        workload_hours=int(workload_hours),
        learning_outcomes=[str(outcome) for outcome in learning_outcomes],
        organisation_name=getattr(issuer_organisation, "name", ""),
        organisation_url=getattr(issuer_organisation, "website", "") or "",
    )
    credential.recipient_hash = recipient_identity(
        recipient.email, credential.recipient_salt
    )
    try:
        # A savepoint: two concurrent completions meet at the unique constraint.
        with transaction.atomic():
            credential.save()
    except IntegrityError:
        return Credential.objects.get(badge_class=badge, recipient=recipient)
    return credential


def revoke_credential(credential, reason):
    """Mark `credential` revoked: its page says so and its assertion answers 410."""
    updated = Credential.objects.filter(
        pk=credential.pk, revoked_at__isnull=True
    ).update(revoked_at=timezone.now(), revocation_reason=reason)
    credential.refresh_from_db(fields=["revoked_at", "revocation_reason"])
    if updated:
        forget_cached_pages([credential])
    return bool(updated)


def forget_cached_pages(credentials):
    """Drop the verification pages that caches keep for anonymous visitors (the
    Open Badges documents of a credential are never kept: views.py)."""
    page_cache.bump_content_version()
    frontcache.purge(
        [c.verification_url_in(settings.LANGUAGE_CODE) for c in credentials]
    )
