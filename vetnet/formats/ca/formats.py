# 4 de febrer de 2027, 27 d'abril de 2027 (E carries the preposition, elided
# before a vowel); dijous, 4 de febrer de 2027, 10:00; 4 de febr. 2027, 27 d'abr.
# 2027 (b too, as CLDR's "d MMM y": vetnet/dates.py)
DATE_FORMAT = r"j E \d\e Y"
DATETIME_FORMAT = r"l, j E \d\e Y, H:i"
SHORT_DATE_FORMAT = "j b Y"
SHORT_DATETIME_FORMAT = "j b Y, H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = r"F \d\e Y"
MONTH_DAY_FORMAT = "j E"
