"""The message Django's shortest-password rule writes, marked for our catalogues.

Django 5.2 rewrote it with a bare %d ("... at least %d characters."), and its
Catalan, Greek, Italian and Dutch catalogues still translate only the older
%(min_length)d wording, so someone signing up on /ca/ or /el/ with a short
password read the one English line among translated ones. locale/*/django.po
carries it (the translations copied from Django's older entries) and the
catalogues in LOCALE_PATHS win over Django's. Marking it here keeps it through
`makemessages`, which would otherwise drop it as unused."""

from django.utils.translation import ngettext_lazy

TOO_SHORT = ngettext_lazy(
    "This password is too short. It must contain at least %d character.",
    "This password is too short. It must contain at least %d characters.",
)
