"""Who may see and change registrations: the Organisers group (or superusers)."""

ORGANISERS_GROUP = "Organisers"
VIEW = "events.view_registration"
CHANGE = "events.change_registration"


def can_view_registrations(user):
    return user.is_authenticated and user.has_perm(VIEW)


def can_change_registrations(user):
    return user.is_authenticated and user.has_perm(CHANGE)
