"""A visitor's browser, as the registration benchmarks need one: its own
connection and cookies, and the first POST form of a page filled in as a person
would. The one way the benches register: `crowd` fires many at once (bench/race.py,
manage.py events_race, tests/events/test_race.py); bench/fault.py submits them one
after another while a worker is killed."""

import http.client
import threading
import time
from html.parser import HTMLParser
from queue import Empty, SimpleQueue
from urllib.parse import urlencode


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


class Browser:
    """One visitor on `page` of the server at 127.0.0.1:`port`: one connection,
    the cookies it was given, and a form POST's Referer and Origin (Django's CSRF
    check wants them)."""

    def __init__(self, port, page, timeout):
        self.port, self.page = port, page
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        self.cookies = {}
        self.filled = {}

    def request(self, method, path, body=None):
        """(status, text) of one request; the answer's cookies are kept."""
        headers = {"Host": f"127.0.0.1:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{self.page}"
            headers["Origin"] = f"http://127.0.0.1:{self.port}"
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.read().decode("utf-8", "replace")

    def fill_form(self, i):
        """Load the page and fill its form as visitor `i`: (action, body) to POST.
        RuntimeError when the page does not answer 200 or has no form."""
        status, html = self.request("GET", self.page)
        if status != 200:
            raise RuntimeError(f"GET {self.page} -> {status}")
        action, data = form_data(html, i)
        if data is None:
            raise RuntimeError(f"no registration form at {self.page}")
        self.filled = data
        return action or self.page, urlencode(data)

    def reconnect(self):
        self.conn.close()
        self.conn = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=self.conn.timeout
        )

    def close(self):
        self.conn.close()


STALE = (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected)


class Visitor:
    """Visitor `i` of `path`: fills the form (`prepare`), later submits it once."""

    def __init__(self, port, path, i, timeout=60):
        self.port, self.path, self.i, self.timeout = port, path, i, timeout
        self.status = self.latency = self.error = self.email = None

    def prepare(self):
        self.browser = Browser(self.port, self.path, timeout=self.timeout)
        self.action, self.body = self.browser.fill_form(self.i)
        self.email = next(
            (v for k, v in self.browser.filled.items() if "email" in k), None
        )

    def post(self):
        started = time.perf_counter()
        try:
            try:
                self.status, _ = self.browser.request("POST", self.action, self.body)
            except STALE:
                # The server closed the idle keep-alive connection while the crowd
                # filled its forms; a browser sends the request again on a new one.
                self.browser.reconnect()
                self.status, _ = self.browser.request("POST", self.action, self.body)
        except (OSError, http.client.HTTPException) as error:
            self.error = repr(error)
        self.latency = time.perf_counter() - started
        self.browser.close()


def _in_threads(count, target):
    threads = [threading.Thread(target=target) for _ in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def crowd(port, path, count, workers=None, timeout=60):
    """`count` visitors load `path` and fill its form, each on its own connection
    with its own cookies; then `workers` threads (one per visitor by default) wait
    at a barrier and, released together, submit every form. Returns (visitors,
    seconds from the release to the last answer). RuntimeError when a visitor
    finds no form (the page's status or its absence, as `fill_form` says)."""
    people = [Visitor(port, path, i, timeout) for i in range(count)]
    workers = min(workers or count, count)
    todo = SimpleQueue()
    for p in people:
        todo.put(p)
    failures = []

    def prepare():
        while True:
            try:
                visitor = todo.get_nowait()
            except Empty:
                return
            try:
                visitor.prepare()
            except (RuntimeError, OSError, http.client.HTTPException) as error:
                failures.append(error)

    _in_threads(workers, prepare)
    if failures:
        for p in people:
            if hasattr(p, "browser"):
                p.browser.close()
        raise RuntimeError(str(failures[0]))
    for p in people:
        todo.put(p)
    barrier = threading.Barrier(workers + 1)

    def post():
        barrier.wait()
        while True:
            try:
                todo.get_nowait().post()
            except Empty:
                return

    threads = [threading.Thread(target=post) for _ in range(workers)]
    for t in threads:
        t.start()
    barrier.wait()
    released = time.perf_counter()
    for t in threads:
        t.join()
    return people, time.perf_counter() - released
