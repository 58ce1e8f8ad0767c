"""How often each member hears about each kind of notification by e-mail."""

from django.db import transaction

from ..models import EmailPreference, Frequency, Notification

Kind = Notification.Kind

# Reviews and seats already have their own e-mail (practices.member_mail,
# events.emails), so their notifications stay in the site unless asked for.
DEFAULTS = {
    Kind.PRACTICE: Frequency.DAILY,
    Kind.EVENT: Frequency.WEEKLY,
    Kind.REPLY: Frequency.IMMEDIATE,
    Kind.ROOM: Frequency.DAILY,
    Kind.MENTION: Frequency.IMMEDIATE,
    Kind.REVIEW: Frequency.OFF,
    Kind.SEAT: Frequency.OFF,
    Kind.BOOKING: Frequency.OFF,
}


def frequencies_for(user_ids):
    """{user_id: {kind: frequency}} with the defaults filled in (one query)."""
    result = {user_id: dict(DEFAULTS) for user_id in user_ids}
    for user_id, kind, frequency in EmailPreference.objects.filter(
        user_id__in=list(user_ids)
    ).values_list("user_id", "kind", "frequency"):
        result[user_id][kind] = frequency
    return result


def frequencies_of(user):
    return frequencies_for([user.pk])[user.pk]


@transaction.atomic
def set_frequencies(user, frequencies):
    """Store {kind: frequency} for the member (unknown kinds are ignored)."""
    for kind, frequency in frequencies.items():
        if kind in Kind.values and frequency in Frequency.values:
            EmailPreference.objects.update_or_create(
                user=user, kind=kind, defaults={"frequency": frequency}
            )


def turn_off(user, kinds):
    set_frequencies(user, dict.fromkeys(kinds, Frequency.OFF))
