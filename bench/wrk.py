"""HTTP scenarios measured with wrk, and checks of what the pages really serve."""

import http.client
import json
import os
import re
import subprocess
import time
from pathlib import Path

from bench.common import BENCH, CONNECTIONS, DURATION, WARMUP, log, tick
from bench.servers import http_get


def run_wrk(port, paths, duration, label, tmp, connections=CONNECTIONS):
    paths_file = Path(tmp) / "paths.txt"
    paths_file.write_text("\n".join(paths) + "\n")
    cmd = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--timeout", "10s"]
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
