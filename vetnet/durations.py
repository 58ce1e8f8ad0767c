"""The durations Django's |timesince writes ("6 minutes"), marked for our
catalogues.

Django 5.2's own Greek catalogue leaves them untranslated, so /el/ pages read
"ενεργό πριν από 6 minutes". locale/el/django.po translates them (the catalogues
in LOCALE_PATHS win over Django's); marking them here keeps them through
`makemessages`, which would otherwise drop them as unused. The other catalogues
leave them empty: Django's own translations of them serve."""

from django.utils.translation import ngettext_lazy

DURATIONS = (
    ngettext_lazy("%(num)d year", "%(num)d years", "num"),
    ngettext_lazy("%(num)d month", "%(num)d months", "num"),
    ngettext_lazy("%(num)d week", "%(num)d weeks", "num"),
    ngettext_lazy("%(num)d day", "%(num)d days", "num"),
    ngettext_lazy("%(num)d hour", "%(num)d hours", "num"),
    ngettext_lazy("%(num)d minute", "%(num)d minutes", "num"),
)
