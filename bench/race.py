"""Registration race: 200 visitors submit the registration form at the same moment
for an event of 50 seats.

Each visitor has its own connection and cookies: it loads the form (CSRF cookie and
token), waits at a barrier, then all POST together. Reported: wall time from the
release to the last answer, per-request latency percentiles, HTTP statuses, and the
outcome read back from the database (confirmed must equal the seats, nobody lost).
"""

import http.client
import json
import statistics
import threading
import time
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urlencode

VISITORS = 200


class FormParser(HTMLParser):
    """The fields of the registration form (the POST form that is not set_language)."""

    def __init__(self):
        super().__init__()
        self.forms, self.current, self.select, self.textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.current = {
                "action": attrs.get("action") or "",
                "method": (attrs.get("method") or "get").lower(),
                "fields": [],
            }
            self.forms.append(self.current)
        elif self.current is None:
            return
        elif tag == "input":
            self.current["fields"].append(("input", attrs))
        elif tag == "select":
            self.select = {"attrs": attrs, "options": []}
            self.current["fields"].append(("select", self.select))
        elif tag == "option" and self.select is not None:
            self.select["options"].append(attrs.get("value", ""))
            if "selected" in attrs:
                self.select["selected"] = attrs.get("value", "")
        elif tag == "textarea":
            self.current["fields"].append(("textarea", attrs))

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None


def form_data(html, i):
    parser = FormParser()
    parser.feed(html)
    forms = [
        f for f in parser.forms if f["method"] == "post" and "i18n" not in f["action"]
    ]
    if not forms:
        return None, None
    form = forms[0]
    data = {}
    for kind, attrs in form["fields"]:
        if kind == "select":
            name = attrs["attrs"].get("name")
            options = [o for o in attrs["options"] if o]
            # A select without an empty choice is required too (Django omits the
            # attribute there): keep its selected value, as a browser would.
            blank = len(options) < len(attrs["options"])
            if name and options and ("required" in attrs["attrs"] or not blank):
                data[name] = attrs.get("selected") or (
                    "en" if "en" in options else options[0]
                )
            continue
        name = attrs.get("name")
        if not name:
            continue
        input_type = (attrs.get("type") or "text").lower()
        if input_type == "hidden":
            data[name] = attrs.get("value", "")
        elif "required" not in attrs:
            continue  # optional fields stay empty (a honeypot among them)
        elif input_type == "email" or "email" in name:
            data[name] = f"race{i:03d}@example.org"
        elif input_type in ("checkbox", "radio"):
            data.setdefault(name, attrs.get("value", "on"))
        elif input_type == "number":
            data[name] = "1"
        else:
            data[name] = f"Race visitor {i:03d}"
    return form["action"], data


class Visitor:
    def __init__(self, port, path, i):
        self.port, self.path, self.i = port, path, i
        self.cookies = {}
        self.status = None
        self.latency = None
        self.error = None

    def _request(self, conn, method, path, body=None):
        headers = {"Host": f"127.0.0.1:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{self.path}"
            headers["Origin"] = f"http://127.0.0.1:{self.port}"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.read().decode("utf-8", "replace")

    def prepare(self):
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        status, html = self._request(self.conn, "GET", self.path)
        if status != 200:
            raise RuntimeError(f"GET {self.path} -> {status}")
        action, data = form_data(html, self.i)
        if data is None:
            raise RuntimeError(f"no registration form at {self.path}")
        self.action = action or self.path
        self.body = urlencode(data)

    def post(self, barrier):
        barrier.wait()
        started = time.perf_counter()
        try:
            self.status, _ = self._request(self.conn, "POST", self.action, self.body)
        except OSError as error:
            self.error = repr(error)
        self.latency = time.perf_counter() - started
        self.conn.close()


def percentile(values, q):
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


def run(port, paths, helper, visitors=VISITORS):
    slug = paths["race_event"]
    event_paths = [p for p in paths["event"] if slug in p]
    register_path = (
        event_paths[0] if event_paths else f"/events/{slug}/"
    ) + "register/"
    helper("--race-reset")
    people = [Visitor(port, register_path, i) for i in range(visitors)]
    try:
        threads = [threading.Thread(target=p.prepare) for p in people]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for p in people:
            if not hasattr(p, "body"):
                p.prepare()  # raises the real reason
    except RuntimeError as error:
        return {"skipped": str(error), "summary": f"skipped: {error}"}
    barrier = threading.Barrier(visitors + 1)
    threads = [threading.Thread(target=p.post, args=(barrier,)) for p in people]
    for t in threads:
        t.start()
    barrier.wait()
    released = time.perf_counter()
    for t in threads:
        t.join()
    wall = time.perf_counter() - released
    statuses = Counter(str(p.status or p.error) for p in people)
    latencies = [p.latency * 1000 for p in people if p.latency is not None]
    outcome = json.loads(helper("--race-outcome"))
    seats = paths.get("race_seats", 50)
    result = {
        "visitors": visitors,
        "seats": seats,
        "wall_seconds": round(wall, 3),
        "registrations_per_second": round(visitors / wall, 1),
        "p50_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(percentile(latencies, 95), 1),
        "p99_ms": round(percentile(latencies, 99), 1),
        "http_statuses": dict(statuses),
        "outcome": outcome,
        "correct": outcome.get("confirmed") == seats
        and sum(outcome.values()) == visitors,
    }
    result["summary"] = (
        f"{visitors} concurrent POSTs for {seats} seats in {wall:.2f}s "
        f"({result['registrations_per_second']}/s; p50 {result['p50_ms']} ms, "
        f"p95 {result['p95_ms']} ms, p99 {result['p99_ms']} ms); HTTP "
        f"{dict(statuses)}; database: {outcome}; "
        f"{'correct' if result['correct'] else 'NOT CORRECT'}"
    )
    return result
