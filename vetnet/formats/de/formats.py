# 4. Februar 2027; Donnerstag, 4. Februar 2027, 10:00; 4. Feb. 2027
DATE_FORMAT = "j. F Y"
DATETIME_FORMAT = "l, j. F Y, H:i"
SHORT_DATE_FORMAT = "j. b Y"
SHORT_DATETIME_FORMAT = "j. b Y, H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j. F"
