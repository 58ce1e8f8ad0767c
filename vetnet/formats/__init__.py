"""One date and time format per interface language (FORMAT_MODULE_PATH).

Templates name these formats (``|date:"DATE_FORMAT"``, ``"DATETIME_FORMAT"``,
``"SHORT_DATE_FORMAT"``, ``"SHORT_DATETIME_FORMAT"``, ``"TIME_FORMAT"``) and never
spell a pattern of their own, so one date reads the same on every page and in
every e-mail. A date with its time (DATETIME_FORMAT) names the weekday. Day first
and a 24-hour clock everywhere. A month after a day is ``E``, the form a language
writes there: Greek's genitive ("4 Φεβρουαρίου 2027", not the nominative
"Φεβρουάριος"), Catalan's month with its preposition, elided before a vowel ("27
d'abril de 2027", "4 de febrer de 2027"). Weekdays and months keep the case they
have inside a sentence ("lunedì 27 aprile 2027"). The words themselves are in our
catalogues (vetnet/dates.py says why).
"""
