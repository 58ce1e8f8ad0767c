"""A member's event registrations in their data export (EventsConfig.ready).

Registrations are kept by e-mail address, not by account (visitors register
without one), so deleting an account leaves them to the registrant, who sees,
changes or cancels each one with the link in its confirmation e-mail.
"""

from django.db.models import Q

from community.services.personal_data import iso

from ..models import Registration


def export_registrations(user):
    """The registrations made with any of the member's e-mail addresses."""
    if not user.email:
        return {"event_registrations": []}
    addresses = {user.email.lower()} | {
        a.email.lower() for a in user.emailaddress_set.all()
    }
    query = Q()
    for address in addresses:
        query |= Q(email__iexact=address)
    return {
        "event_registrations": [
            {
                "event": r.event.title,
                "name": r.name,
                "email": r.email,
                "organisation": r.organisation,
                "needs": r.needs,
                "status": r.status,
                "registered_at": iso(r.created_at),
            }
            for r in Registration.objects.filter(query).select_related("event")
        ]
    }
