"""Fire many concurrent registrations at a running server (race test, make bench).

    python -m bench.fire_registrations http://127.0.0.1:8103 rome-workshop 200 50

Only loopback or test addresses are meant as targets. Prints a JSON summary.
"""

import json
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _csrf(register_url, timeout):
    with urllib.request.urlopen(register_url, timeout=timeout) as response:
        html = response.read().decode()
        cookies = response.headers.get_all("Set-Cookie") or []
    cookie = next(c.split(";")[0] for c in cookies if c.startswith("csrftoken="))
    return cookie, CSRF_INPUT.search(html).group(1)


def fire_registrations(
    base_url, slug, count=200, workers=50, prefix="racer", timeout=60
):
    """POST `count` distinct registrations with `workers` threads.

    Returns {"seconds", "statuses": {code: n}, "emails": [...]}: 302 means taken
    (confirmed or waiting list), anything 5xx is a server error.
    """
    register_url = f"{base_url.rstrip('/')}/events/{slug}/register/"
    cookie, token = _csrf(register_url, timeout)
    opener = urllib.request.build_opener(_NoRedirect)

    def one(n):
        email = f"{prefix}{n}@race.example"
        body = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token,
                "name": f"Racer {n}",
                "email": email,
                "organisation": "Race",
                "country": "IT",
                "role": "other",
                "language": "en",
                "consent": "on",
            }
        ).encode()
        request = urllib.request.Request(
            register_url,
            data=body,
            headers={"Cookie": cookie, "Referer": register_url},
        )
        try:
            with opener.open(request, timeout=timeout) as response:
                return email, response.status
        except urllib.error.HTTPError as error:
            return email, error.code

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(one, range(count)))
    seconds = time.perf_counter() - started
    return {
        "seconds": round(seconds, 3),
        "statuses": dict(Counter(status for _email, status in results)),
        "emails": [email for email, _status in results],
    }


def main(argv):
    base_url, slug = argv[1], argv[2]
    count = int(argv[3]) if len(argv) > 3 else 200
    workers = int(argv[4]) if len(argv) > 4 else 50
    result = fire_registrations(base_url, slug, count, workers)
    result.pop("emails")
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main(sys.argv)
