# 4 de febrero de 2027; jueves, 4 de febrero de 2027, 10:00; 4 feb 2027
DATE_FORMAT = r"j \d\e E \d\e Y"
DATETIME_FORMAT = r"l, j \d\e E \d\e Y, H:i"
SHORT_DATE_FORMAT = "j b Y"
SHORT_DATETIME_FORMAT = "j b Y, H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = r"F \d\e Y"
MONTH_DAY_FORMAT = r"j \d\e E"
