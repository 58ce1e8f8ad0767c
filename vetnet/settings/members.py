"""Settings of what members do beyond the repository: credentials and counselling.

Imported by base.py; kept apart so that the settings stay readable by concern.
"""

import os

# Credentials: the contact Open Badges issuer profiles must carry (organisations
# have no e-mail of their own); the DejaVu fonts the certificate PDF draws Greek with.
CREDENTIALS_ISSUER_EMAIL = (
    os.environ.get("CREDENTIALS_ISSUER_EMAIL") or "credentials@vetnet.local"
)
CREDENTIALS_FONT_DIR = (
    os.environ.get("CREDENTIALS_FONT_DIR") or "/usr/share/fonts/truetype/dejavu"
)

# Counselling (counselling/services/): reminders before a session (seconds before its
# start), when its room opens (seconds before), how long a booking waits for the
# counsellor's lock (ms), and the zone times are shown in before a visitor picks one.
COUNSELLING_REMINDERS = [24 * 3600, 3600]
COUNSELLING_ROOM_OPENS_BEFORE = 5 * 60
COUNSELLING_LOCK_TIMEOUT_MS = 5000
COUNSELLING_DEFAULT_ZONE = "Europe/Brussels"
