"""The words Django's date formats write (weekdays, months), marked for our
catalogues so each language reads them as its speakers write them.

Django takes them from django.utils.dates through gettext, and the catalogues in
LOCALE_PATHS win over Django's own. Ours carry:

- weekdays and months in lower case where the language writes them so in a
  sentence ("lunedì 27 aprile", "dilluns", "maandag"): Django's Italian catalogue
  capitalises both, its Catalan one the weekdays. The weekday labels of a
  counsellor's hours are another msgid (context "weekday", counselling/models.py),
  capitalised as a label is;
- the month after a day (``E``, context "alt. month"): Greek's genitive ("27
  Νοεμβρίου"), Catalan's month with its preposition, elided before a vowel ("27
  d'abril", "27 de gener"; Django 5.2's Catalan catalogue has the bare name, so
  ``\\d\\e F`` wrote "de abril");
- the short month (``b``, ``M``) as the language abbreviates it after a day
  (CLDR's format-context abbreviations): lower case in Italian, Spanish and
  Dutch ("27 apr 2026"), with its full stop in German ("27. Apr. 2026"), with
  its preposition in Catalan, elided before a vowel ("3 d'abr. 2026", "5 de
  febr. 2026"; only the short formats, which put it after a day, use it), and
  without an accent in Greek ("9 Νοε 2026", "20 Μαΐ 2026"; Django's catalogue
  writes "Νοέ", "Μάι").

vetnet/formats/<language>/formats.py says which of them each format uses.
Marking them here keeps them through `makemessages`, which would otherwise drop
them as unused."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

WEEKDAYS = (
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
)

MONTHS = (
    _("January"),
    _("February"),
    _("March"),
    _("April"),
    _("May"),
    _("June"),
    _("July"),
    _("August"),
    _("September"),
    _("October"),
    _("November"),
    _("December"),
)

MONTHS_AFTER_DAY = (
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
)

MONTHS_SHORT = (
    _("jan"),
    _("feb"),
    _("mar"),
    _("apr"),
    _("may"),
    _("jun"),
    _("jul"),
    _("aug"),
    _("sep"),
    _("oct"),
    _("nov"),
    _("dec"),
)
