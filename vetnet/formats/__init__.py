"""One date and time format per interface language (FORMAT_MODULE_PATH).

Templates name these formats (``|date:"DATE_FORMAT"``, ``"DATETIME_FORMAT"``,
``"SHORT_DATE_FORMAT"``, ``"SHORT_DATETIME_FORMAT"``, ``"TIME_FORMAT"``) and never
spell a pattern of their own, so one date reads the same on every page and in
every e-mail. A date with its time (DATETIME_FORMAT) names the weekday. Day first and a 24-hour clock everywhere; Greek uses the genitive
month names (``E``: "4 Φεβρουαρίου 2027", not the nominative "Φεβρουάριος").
"""
