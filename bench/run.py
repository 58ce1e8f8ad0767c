"""`make bench`: the full stack on loopback, a generated data set, every scenario.

Steps (each prints a progress line):
 1. the benchmark database `vetnet_bench` (reused when its comment carries the same
    data-set fingerprint, else dropped, created, migrated and generated);
 2. collectstatic (whitenoise, compressed and hashed names) and the search index;
 3. nginx serving a static file of the practice page's byte size: the baseline;
 4. Daphne (production settings, DEBUG off) and gunicorn on the same code;
 5. wrk against each HTTP scenario for a bounded time; the registration race and
    the WebSocket fan-out with Python clients;
 6. bench/results.json, bench/results.md, and the README's "## Benchmarks".

Environment: BENCH_DURATION (s, default 10), BENCH_CONNECTIONS (16),
BENCH_SEED (42), BENCH_FRESH=1 (regenerate), BENCH_SKIP_NOCACHE=1,
BENCH_GUNICORN_WORKERS (nproc); service URLs as set by scripts/bench.sh.
"""

import http.client
import json
import os
import platform
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PY = str(ROOT / ".venv" / "bin" / "python")
BIN = ROOT / ".venv" / "bin"
DAPHNE_PORT, GUNICORN_PORT, NGINX_PORT = 8108, 8109, 8110
HTTP_SCENARIOS = ["home", "listing", "practice", "search", "suggest", "event"]
CACHED_PAGES = ["home", "listing", "practice", "event"]
STARTED = time.monotonic()


def env_int(name, default):
    value = os.environ.get(name)
    return int(value) if value else default


DURATION = env_int("BENCH_DURATION", 10)
WARMUP = max(2, DURATION // 4)
CONNECTIONS = env_int("BENCH_CONNECTIONS", 16)
SEED = env_int("BENCH_SEED", 42)
# One key for every process of a run: sessions made by a helper must be valid in
# the servers.
SECRET_KEY = os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50)


def log(message):
    print(f"[{time.monotonic() - STARTED:6.1f}s] {message}", flush=True)


def tick(message):
    sys.stdout.write(f"\r[{time.monotonic() - STARTED:6.1f}s] {message}\033[K")
    sys.stdout.flush()


# --- environment of every Django process --------------------------------------------


def django_env(**extra):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="vetnet.settings.production",
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",  # plain HTTP on loopback
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        LOG_LEVEL=env.get("BENCH_LOG_LEVEL", "WARNING"),
        # 200 registrations come from one address in the race: no per-IP limit.
        REGISTRATION_RATE_LIMIT="0",
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        PYTHONUNBUFFERED="1",
    )
    env.update({k: str(v) for k, v in extra.items()})
    return env


def manage(*args, check=True, **extra):
    return subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=django_env(**extra), check=check
    )


# --- database -----------------------------------------------------------------------


def admin_connection(url):
    """An autocommit connection to the server's `postgres` database, as the
    benchmark's user (to create, drop and label the benchmark database)."""
    import psycopg

    return psycopg.connect(
        host=url.hostname,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        dbname="postgres",
        autocommit=True,
    )


def prepare_database():
    from bench.generate import fingerprint

    url = urlparse(os.environ["DATABASE_URL"])
    name = url.path.lstrip("/")
    wanted = fingerprint(SEED)
    admin = admin_connection(url)
    with admin:
        row = admin.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
            "WHERE datname = %s",
            [name],
        ).fetchone()
        reuse = (
            row is not None and row[0] == wanted and not os.environ.get("BENCH_FRESH")
        )
        if not reuse:
            log(f"database {name}: creating (fingerprint: {wanted})")
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                [name],
            )
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
        else:
            log(f"database {name}: reusing the data set ({wanted})")
    log("migrate")
    manage("migrate", "--noinput", "-v", "0")
    if not reuse:
        log("generating the data set")
        t0 = time.monotonic()
        subprocess.run(
            [PY, "-m", "bench.generate", "--generate", "--seed", str(SEED)],
            cwd=ROOT,
            env=django_env(),
            check=True,
        )
        log(f"data set generated in {time.monotonic() - t0:.1f}s")
        with admin_connection(url) as admin:
            admin.execute(f"COMMENT ON DATABASE \"{name}\" IS '{wanted}'")
    return not reuse


def django_helper(*args):
    out = subprocess.run(
        [PY, "-m", "bench.generate", "--seed", str(SEED), *args],
        cwd=ROOT,
        env=django_env(),
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout


def has_command(name):
    result = subprocess.run(
        [PY, "manage.py", "help", name],
        cwd=ROOT,
        env=django_env(),
        capture_output=True,
    )
    return result.returncode == 0


def build_search_index(fresh):
    if not os.environ.get("ELASTICSEARCH_URL"):
        log("search index: ELASTICSEARCH_URL not set, search uses the database")
        return "database"
    if not has_command("search_index"):
        log("search index: no search_index command yet; search measured as it is")
        return "none"
    status = subprocess.run(
        [PY, "manage.py", "search_index", "status"],
        cwd=ROOT,
        env=django_env(),
        capture_output=True,
        text=True,
    )
    if fresh or status.returncode != 0 or os.environ.get("BENCH_REINDEX"):
        log("search index: rebuilding (Elasticsearch)")
        t0 = time.monotonic()
        if manage("search_index", "rebuild", check=False).returncode != 0:
            log("search index: rebuild FAILED; search is measured in its fallback")
            return "elasticsearch (index rebuild failed: database fallback)"
        log(f"search index rebuilt in {time.monotonic() - t0:.1f}s")
    else:
        log("search index: up to date, reused")
    return "elasticsearch"


# --- servers --------------------------------------------------------------------------


class Server:
    def __init__(self, name, command, port, env, logdir):
        self.name, self.command, self.port, self.env = name, command, port, env
        self.logfile = open(Path(logdir) / f"{name}.log", "w")  # noqa: SIM115
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(
            self.command,
            cwd=ROOT,
            env=self.env,
            stdout=self.logfile,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                log_tail = Path(self.logfile.name).read_text()[-3000:]
                raise RuntimeError(f"{self.name} exited:\n{log_tail}")
            try:
                status, _ = http_get(self.port, "/healthz", timeout=2)
                if status in (200, 503):
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        self.__exit__()
        raise RuntimeError(f"{self.name} did not answer on :{self.port} in 60s")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.logfile.close()


def http_get(port, path, timeout=10):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def daphne(env, logdir):
    cmd = [str(BIN / "daphne"), "-b", "127.0.0.1", "-p", str(DAPHNE_PORT)]
    cmd += ["vetnet.asgi:application"]
    return Server("daphne", cmd, DAPHNE_PORT, env, logdir)


def gunicorn(env, logdir):
    workers = env_int("BENCH_GUNICORN_WORKERS", os.cpu_count() or 2)
    cmd = [str(BIN / "gunicorn"), "-b", f"127.0.0.1:{GUNICORN_PORT}"]
    cmd += ["-w", str(workers), "--log-level", "warning", "vetnet.wsgi:application"]
    return Server(f"gunicorn-{workers}w", cmd, GUNICORN_PORT, env, logdir)


NGINX_CONF = """
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {tmp}/body;
  proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fastcgi;
  uwsgi_temp_path {tmp}/uwsgi;
  scgi_temp_path {tmp}/scgi;
  default_type text/html;
  sendfile on;
  keepalive_requests 1000000;
  server {{
    listen 127.0.0.1:{port};
    root {tmp}/www;
  }}
}}
"""


class Nginx:
    def __init__(self, size, tmp):
        self.tmp = Path(tmp) / "nginx"
        (self.tmp / "www").mkdir(parents=True, exist_ok=True)
        # nginx's workers drop to an unprivileged user: they must reach the file.
        for directory in (Path(tmp), self.tmp, self.tmp / "www"):
            directory.chmod(0o755)
        (self.tmp / "www" / "practice.html").write_bytes(b"x" * size)
        conf = self.tmp / "nginx.conf"
        conf.write_text(NGINX_CONF.format(tmp=self.tmp, port=NGINX_PORT))
        self.command = [shutil.which("nginx") or "/usr/sbin/nginx", "-c", str(conf)]
        self.command += ["-p", str(self.tmp), "-e", str(self.tmp / "nginx-error.log")]

    def __enter__(self):
        self.process = subprocess.Popen(self.command, start_new_session=True)
        for _ in range(100):
            try:
                if http_get(NGINX_PORT, "/practice.html", timeout=1)[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.1)
        self.__exit__()
        raise RuntimeError("nginx did not serve the file; see " + str(self.tmp))

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(10)


# --- wrk ------------------------------------------------------------------------------------


def run_wrk(port, paths, duration, label, tmp):
    paths_file = Path(tmp) / "paths.txt"
    paths_file.write_text("\n".join(paths) + "\n")
    cmd = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{duration}s", "--timeout", "10s"]
    cmd += ["-s", str(BENCH / "wrk_report.lua"), f"http://127.0.0.1:{port}"]
    env = dict(os.environ, WRK_PATHS=str(paths_file))
    started = time.monotonic()
    process = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, text=True)
    while process.poll() is None:
        elapsed = time.monotonic() - started
        tick(f"  {label:<34} {elapsed:4.0f}/{duration}s")
        time.sleep(0.5)
    output = process.stdout.read()
    for line in output.splitlines():
        if line.startswith("JSON "):
            result = json.loads(line[5:])
            tick(
                f"  {label:<34} {result['rps']:9.1f} req/s  p95 {result['p95_ms']:8.2f} ms"
                f"  errors {sum(result['errors'].values())}\n"
            )
            return result
    raise RuntimeError(f"wrk gave no result for {label}:\n{output}")


def check_static(port, page_path):
    """The page links hashed static names; whitenoise serves them compressed and
    cacheable for a year (collectstatic with CompressedManifestStaticFilesStorage)."""
    import re

    status, body = http_get(port, page_path)
    match = re.search(rb'href="(/static/css/site\.[0-9a-f]{12}\.css)"', body)
    if status != 200 or not match:
        return {"hashed_names": False}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", match[1].decode(), headers={"Accept-Encoding": "br, gzip"})
        response = conn.getresponse()
        response.read()
        return {
            "hashed_names": True,
            "url": match[1].decode(),
            "status": response.status,
            "content_encoding": response.getheader("Content-Encoding"),
            "cache_control": response.getheader("Cache-Control"),
        }
    finally:
        conn.close()


def check_scenario(port, paths):
    """Status of the first path of a scenario, so a 404 is reported, not timed."""
    try:
        status, body = http_get(port, paths[0], timeout=30)
    except OSError as error:
        return f"unreachable: {error}", 0
    return status, len(body)


def check_search_backend(port, paths, expected):
    """Which backend the search page really answers from: an index Elasticsearch
    refuses (built by older code, say) is answered by the database fallback, and
    the figures would describe the fallback."""
    try:
        status, body = http_get(port, paths["search"][0], timeout=30)
    except OSError as error:
        log(f"search page unreachable: {error}")
        return expected
    if status == 200 and b"search-notice" in body:
        log("WARNING: the search page answers from the database fallback")
        return f"{expected}, but the page answered from the database fallback"
    return expected


def measure_http(server_name, port, paths, scenarios, tmp, results):
    for scenario in scenarios:
        status, size = check_scenario(port, paths[scenario])
        label = f"{server_name} {scenario}"
        if status != 200:
            log(f"  {label:<34} skipped: {paths[scenario][0]} answered {status}")
            results.append(
                {
                    "scenario": scenario,
                    "server": server_name,
                    "skipped": f"GET {paths[scenario][0]} -> {status}",
                }
            )
            continue
        run_wrk(port, paths[scenario], WARMUP, label + " (warm-up)", tmp)
        result = run_wrk(port, paths[scenario], DURATION, label, tmp)
        result.update(scenario=scenario, server=server_name, first_response_bytes=size)
        results.append(result)


# --- results --------------------------------------------------------------------------------


def machine():
    mem_kb = 0
    with open("/proc/meminfo") as meminfo:
        for line in meminfo:
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    cpu = platform.processor() or ""
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "nproc": os.cpu_count(),
        "mem_gb": round(mem_kb / 1024 / 1024, 1),
        "cpu": cpu,
        "python": platform.python_version(),
    }


def git_commit():
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def add_ratios(results, baseline):
    for row in results:
        if "rps" in row and baseline:
            row["rps_ratio_to_nginx"] = round(row["rps"] / baseline["rps"], 4)
            row["p95_ratio_to_nginx"] = round(row["p95_ms"] / baseline["p95_ms"], 1)


def fmt(value, digits=1):
    return "–" if value is None else f"{value:,.{digits}f}"


def markdown(report):
    m = report["machine"]
    lines = [
        f"Run {report['date']} · commit {report['commit']} · "
        f"{m['nproc']} CPU, {m['mem_gb']} GB RAM ({m['cpu']}) · "
        f"wrk {CONNECTIONS} connections, {report['duration_s']} s per scenario · "
        f"search backend: {report['search_backend']}",
        "",
        "| scenario | server | req/s | p50 ms | p95 ms | p99 ms | req/s ÷ nginx "
        "| p95 ÷ nginx | errors |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in report["http"]:
        if "skipped" in row:
            lines.append(
                f"| {row['scenario']} | {row['server']} | – | – | – | – | – | – "
                f"| skipped: {row['skipped']} |"
            )
            continue
        errors = sum(row["errors"].values())
        lines.append(
            f"| {row['scenario']} | {row['server']} | {fmt(row['rps'])} "
            f"| {fmt(row['p50_ms'], 2)} | {fmt(row['p95_ms'], 2)} "
            f"| {fmt(row['p99_ms'], 2)} | {fmt(row.get('rps_ratio_to_nginx'), 4)} "
            f"| {fmt(row.get('p95_ratio_to_nginx'))} | {errors} |"
        )
    lines += [
        "",
        "daphne: one Daphne process (ASGI, as `make run` serves); gunicorn-2w: "
        "gunicorn with one sync worker per CPU (WSGI) on the same code and settings. "
        "Page cache on (home, listing, practice pages; anonymous visitors) unless "
        "the row says otherwise; event pages and search are never page-cached "
        "(search results have a cache of their own, off in the no-cache rows). "
        "Practice: 100 pages in rotation; listing: 61 filter combinations; search "
        "and suggest: 84 words in 7 languages.",
    ]
    race = report.get("race")
    if race:
        lines += ["", "Registration race: " + race.get("summary", json.dumps(race))]
    fanout = report.get("fanout")
    if fanout:
        lines += ["", "WebSocket fan-out: " + fanout.get("summary", json.dumps(fanout))]
    service = report.get("search_service")
    if service and "summary" in service:
        lines += ["", "Search service: " + service["summary"]]
    return "\n".join(lines) + "\n"


def update_readme(table, report):
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    heading = "## Benchmarks"
    section = (
        f"{heading}\n\n`make bench` (see bench/run.py) starts the stack on loopback, "
        "loads a generated data set (10,000 practices in 7 languages, 200 "
        "organisations, 50 events, 20 rooms) and measures each scenario with wrk or "
        "Python clients. Absolute figures on shared machines are noisy: each is also "
        "given as a ratio to nginx serving a static file of the practice page's "
        "size on the same machine in the same run. Latest run "
        f"({report['date'][:10]}, {report['machine']['nproc']} CPU / "
        f"{report['machine']['mem_gb']} GB):\n\n{table}"
    )
    if heading in text:
        text = text[: text.index(heading)].rstrip() + "\n\n" + section
    else:
        text = text.rstrip() + "\n\n" + section
    readme.write_text(text, encoding="utf-8")


# --- main ------------------------------------------------------------------------------------


def write_report(report):
    (BENCH / "results.json").write_text(
        json.dumps(report, indent=1, ensure_ascii=False)
    )
    baseline = report["baseline"]
    table = markdown(report) + (
        f"\nBaseline: nginx static file ({baseline['bytes_file']} bytes) "
        f"{baseline['rps']:,.0f} req/s, p50 {baseline['p50_ms']:.2f} ms, "
        f"p95 {baseline['p95_ms']:.2f} ms, p99 {baseline['p99_ms']:.2f} ms.\n"
    )
    (BENCH / "results.md").write_text(table)
    if os.environ.get("BENCH_UPDATE_README", "1") == "1":
        update_readme(table, report)
    return table


def main():
    if "--report-only" in sys.argv:  # rewrite the table from results.json
        print(write_report(json.loads((BENCH / "results.json").read_text())))
        return
    for tool in ("wrk", "nginx"):
        if not (shutil.which(tool) or Path("/usr/sbin/" + tool).exists()):
            sys.exit(f"{tool} is missing (scripts/bench.sh installs it)")
    log(f"VET NET benchmark: {DURATION}s per scenario, {CONNECTIONS} connections")
    fresh = prepare_database()
    log("collectstatic")
    manage("collectstatic", "--noinput", "-v", "0")
    search_backend = build_search_index(fresh)
    paths_file = Path(tempfile.mkstemp(prefix="bench-paths-", suffix=".json")[1])
    django_helper("--paths-out", str(paths_file))
    paths = json.loads(paths_file.read_text())
    redis_flush()

    http_results, race, fanout, baseline, static = [], None, None, None, None
    with tempfile.TemporaryDirectory(prefix="vetnet-bench-") as tmp:
        env = django_env()
        log("Daphne (production settings, page cache on)")
        with daphne(env, tmp) as server:
            status, size = check_scenario(server.port, paths["practice"])
            size = size if status == 200 else 30_000
            log(f"nginx baseline: static file of {size} bytes (practice page size)")
            with Nginx(size, tmp):
                baseline = run_wrk(
                    NGINX_PORT, ["/practice.html"], WARMUP, "nginx (warm-up)", tmp
                )
                baseline = run_wrk(
                    NGINX_PORT, ["/practice.html"], DURATION, "nginx static", tmp
                )
                baseline.update(scenario="static file", server="nginx", bytes_file=size)
            static = check_static(server.port, paths["practice"][0])
            log(f"static files: {static}")
            search_backend = check_search_backend(server.port, paths, search_backend)
            measure_http(
                "daphne", server.port, paths, HTTP_SCENARIOS, tmp, http_results
            )
            from bench import race as race_mod
            from bench import wsfanout

            log("registration race")
            race = race_mod.run(server.port, paths, django_helper)
            log("  " + race["summary"])
            log("WebSocket fan-out")
            fanout = wsfanout.run(server.port, PY, ROOT, django_env())
            log("  " + fanout["summary"])
        redis_flush()
        log("gunicorn (WSGI, production settings, page cache on)")
        with gunicorn(env, tmp) as server:
            measure_http(
                server.name, server.port, paths, HTTP_SCENARIOS, tmp, http_results
            )
        if not os.environ.get("BENCH_SKIP_NOCACHE"):
            log("Daphne with the page and search caches off")
            nocache = django_env(PAGE_CACHE_SECONDS=0, SEARCH_CACHE_SECONDS=0)
            with daphne(nocache, tmp) as server:
                server.name = "daphne, no page/search cache"
                measure_http(
                    server.name,
                    server.port,
                    paths,
                    [*CACHED_PAGES, "search"],
                    tmp,
                    http_results,
                )
    search_service = bench_search_service(search_backend)

    add_ratios(http_results, baseline)
    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "commit": git_commit(),
        "seed": SEED,
        "duration_s": DURATION,
        "connections": CONNECTIONS,
        "search_backend": search_backend,
        "baseline": baseline,
        "http": http_results,
        "race": race,
        "fanout": fanout,
        "search_service": search_service,
        "static": static,
        "total_seconds": round(time.monotonic() - STARTED, 1),
    }
    table = write_report(report)
    print()
    print(table)
    log(f"done: bench/results.json, bench/results.md ({report['total_seconds']}s)")


def bench_search_service(search_backend):
    """``manage.py search_bench``: the search service itself, server-side, on a
    throwaway index of 10,000 generated practices (issue 4's targets)."""
    if search_backend != "elasticsearch":
        log("search service: skipped (no Elasticsearch)")
        return None
    log("search service: bulk indexing, search and suggest (search_bench)")
    result = subprocess.run(
        [PY, "manage.py", "search_bench", "--json", "--rounds", "100"],
        cwd=ROOT,
        env=django_env(ELASTICSEARCH_INDEX_PREFIX="benchsearch"),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        log("search service: FAILED\n" + result.stderr[-2000:])
        return {"error": result.stderr[-500:]}
    report = json.loads(result.stdout)
    report["summary"] = search_service_summary(report)
    log("  " + report["summary"])
    return report


def search_service_summary(report):
    bulk, cached = report["bulk"], report["search"]
    full, suggest = report["search_uncached"], report["suggest"]
    return (
        f"{bulk['documents']:,} generated practices bulk-indexed at "
        f"{bulk['docs_per_second']:,.0f}/s; {cached['clients']} concurrent client "
        f"processes, time in the search service: search as deployed (results "
        f"cache, {cached['requests']} requests over {cached['distinct_requests']} "
        f"different ones, Zipf popularity, {cached['repeat_share']:.0%} asked "
        f"before) p50 {cached['p50_ms']} ms, p95 {cached['p95_ms']} ms, "
        f"{cached['throughput_rps']} req/s (second half of each client's requests "
        f"alone: p50 {cached['second_half']['p50_ms']} ms, p95 "
        f"{cached['second_half']['p95_ms']} ms); every search computed in full "
        f"(no cache) p50 {full['p50_ms']} ms, p95 {full['p95_ms']} ms, "
        f"{full['throughput_rps']} req/s; suggest p50 {suggest['p50_ms']} ms, "
        f"p95 {suggest['p95_ms']} ms"
    )


def redis_flush():
    """Empty this benchmark's own Redis database (cache, channel layer)."""
    url = os.environ.get("REDIS_URL")
    if not url:
        return
    import redis

    redis.Redis.from_url(url).flushdb()


if __name__ == "__main__":
    main()
