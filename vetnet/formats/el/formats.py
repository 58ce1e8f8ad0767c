# 4 Φεβρουαρίου 2027 (E: the genitive after a day); Φεβρουάριος 2027;
# 9 Νοε 2027 (M: CLDR's abbreviation, no accent)
DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "l j E Y, H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j E"
