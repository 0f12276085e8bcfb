"""``make bench``: every public endpoint at a given size, served as in production, against a bare floor.

Builds (or reuses) the PostgreSQL database ``factcheck_bench_<N>`` with the seed and N generated
claims, writes the ClaimReview DataFeed's copies of its content version (``manage.py
build_datafeed``, as production has them written after the last publish; the time it took goes into
the results), serves it with gunicorn (4 workers, DEBUG off, throttle off) and the floor app of
``floor.py`` with the same settings, then measures each endpoint with wrk (concurrency 8). Each
endpoint is first fetched on its own (its "one request" time, best of two); one slower than the
wrk timeout is marked and not hammered, so that a run stays bounded. Writes ``bench-results/<date>-<N>/``:
``results.md`` (the table), ``results.json`` (raw figures) and, once several sizes have been
measured, ``latency-vs-size.svg``.

Environment: BENCH_CLAIMS (default 100000; 0 for the seed's 22 alone), BENCH_DURATION seconds per endpoint (15),
BENCH_TIMEOUT seconds (10) per request under wrk, BENCH_ONE_REQUEST_LIMIT seconds (120) for the
single request that comes first (longer, and the endpoint is not hammered), BENCH_CONCURRENCY (8),
BENCH_PORT (8790), BENCH_PG (postgres://postgres@127.0.0.1:5432), BENCH_DB (the database's name,
factcheck_bench_N by default),
BENCH_SMOKE=1 (1,000 claims, 2 s per endpoint).

Every endpoint is measured with the anonymous cache off (what a request costs the database), then
the cacheable ones again with it on (what a reader gets between two changes of the content). The
feed is also fetched gzipped (``Accept-Encoding: gzip``) and polled with the ETag it gave
(``If-None-Match``, a 304), as feed readers do.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parents[2]
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
RESULTS = ROOT / "bench-results"
SMOKE = os.environ.get("BENCH_SMOKE", "") in {"1", "true", "yes"}
CLAIMS = 1000 if SMOKE else int(os.environ.get("BENCH_CLAIMS", "100000"))
DURATION = 2 if SMOKE else int(os.environ.get("BENCH_DURATION", "15"))
TIMEOUT = int(os.environ.get("BENCH_TIMEOUT", "10"))
ONE_REQUEST_LIMIT = int(os.environ.get("BENCH_ONE_REQUEST_LIMIT", "120"))  # the first, single request
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "8"))
PORT = int(os.environ.get("BENCH_PORT", "8790"))
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432").rstrip("/")
SEED_CLAIMS = 22
SEARCH_WORD = "taxes"  # common in LIAR ("tax", "taxes") and in the built-in sentences


def log(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True)


def database(env: dict[str, str], name: str) -> dict:
    """The bench database with CLAIMS generated claims, built unless it already holds them."""
    admin = psycopg2.connect(f"{PG}/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        exists = cursor.fetchone() is not None
    if exists:
        manage(env, "migrate", "--noinput", "-v0")  # a database built by an older checkout
        with psycopg2.connect(f"{PG}/{name}") as connection, connection.cursor() as cursor:
            try:
                cursor.execute("SELECT count(*) FROM claims_claim WHERE status = 'published'")
                if cursor.fetchone()[0] == CLAIMS + SEED_CLAIMS:
                    log(f"reusing {name}")
                    return {"reused": True}
            except psycopg2.Error:
                pass
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE "{name}"')
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    log(f"building {name}: migrate, seed, {CLAIMS:,} claims")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_seed")
    started = time.monotonic()
    if CLAIMS:  # 0: the seed's claims alone
        manage(env, "generate_claims", str(CLAIMS), "--seed", "1", "--offline")  # a database nobody reads yet
    load_seconds = time.monotonic() - started
    connection = psycopg2.connect(f"{PG}/{name}")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    connection.close()
    rate = round(CLAIMS / load_seconds) if CLAIMS else None
    return {"reused": False, "load_seconds": round(load_seconds, 1), "claims_per_second": rate}


def build_datafeed(env: dict[str, str]) -> dict:
    """The DataFeed's copies of the current content version, written before anything is measured."""
    log("writing the DataFeed's copies (manage.py build_datafeed)")
    started = time.monotonic()
    manage(env, "build_datafeed")
    return {"build_seconds": round(time.monotonic() - started, 1)}


def sample(name: str) -> dict[str, str]:
    with psycopg2.connect(f"{PG}/{name}") as connection, connection.cursor() as cursor:
        cursor.execute("SELECT id, slug FROM claims_claim WHERE status = 'published' ORDER BY id DESC LIMIT 1")
        pk, slug = cursor.fetchone()
        cursor.execute("SELECT pg_size_pretty(pg_database_size(%s))", [name])
        (size,) = cursor.fetchone()
    return {"pk": pk, "slug": slug, "size": size}


def serve(env: dict[str, str], app: str, port: int, log_path: Path, chdir: Path = ROOT) -> subprocess.Popen:
    command = [GUNICORN, app, "--workers", "4", "--bind", f"127.0.0.1:{port}", "--timeout", "300"]
    command += ["--chdir", str(chdir)]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log_path.open("w"), stderr=subprocess.STDOUT)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=5)
            return process
        except urllib.error.HTTPError:
            return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise SystemExit(f"{app} did not start on port {port}: see {log_path}")


def one_request(url: str, headers: dict[str, str] | None = None) -> dict:
    """One GET, read to the end or for at most ONE_REQUEST_LIMIT seconds (a streamed answer never
    trips a socket timeout, so the limit is on the whole read)."""
    started = time.monotonic()
    size = 0
    try:
        request = urllib.request.Request(url, headers=headers or {})
        with urllib.request.urlopen(request, timeout=ONE_REQUEST_LIMIT) as response:
            status, etag = response.status, response.headers.get("ETag")
            while chunk := response.read(1 << 20):
                size += len(chunk)
                if time.monotonic() - started > ONE_REQUEST_LIMIT:
                    return {"status": None, "seconds": None, "bytes": size}
    except urllib.error.HTTPError as error:
        return {"status": error.code, "seconds": round(time.monotonic() - started, 3), "bytes": 0}
    except TimeoutError:
        return {"status": None, "seconds": None, "bytes": size}
    return {"status": status, "seconds": round(time.monotonic() - started, 3), "bytes": size, "etag": etag}


def wrk(url: str, headers: dict[str, str] | None = None) -> dict:
    script = Path(__file__).with_name("report.lua")
    command = ["wrk", "-t2", f"-c{CONCURRENCY}", f"-d{DURATION}s", f"--timeout={TIMEOUT}s", "-s", str(script), url]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    figures = json.loads(re.search(r"^BENCH_JSON (.*)$", output, re.MULTILINE).group(1))
    figures["requests_per_second"] = round(figures["requests"] / (figures["duration_us"] / 1e6), 2)
    return figures


def endpoints(port: int, floor_port: int, pk: int, slug: str) -> list[tuple]:
    """(label, url) or (label, url, request headers) for each endpoint measured."""
    base = f"http://127.0.0.1:{port}"
    return [
        ("floor: bare WSGI, 50 claims, one query", f"http://127.0.0.1:{floor_port}/"),
        ("`/api/v1/claims?page_size=50`", f"{base}/api/v1/claims?page_size=50"),
        ("claim detail (API)", f"{base}/api/v1/claims/{pk}"),
        ("verdict page", f"{base}/claims/{slug}/"),
        (f"`/api/v1/claims?q={SEARCH_WORD}`", f"{base}/api/v1/claims?q={SEARCH_WORD}"),
        ("`claims:search`", f"{base}/api/v1alpha1/claims:search?query={SEARCH_WORD}"),
        ("home page `/`", f"{base}/"),
        ("claims index `/claims/`", f"{base}/claims/"),
        ("ClaimReview feed", f"{base}/api/v1/claimreview/feed"),
        ("ClaimReview feed, gzipped", f"{base}/api/v1/claimreview/feed", GZIP),
        ("`/sitemap.xml`", f"{base}/sitemap.xml"),
        ("a sitemap of 5,000 claims", f"{base}/sitemap-claims-1.xml"),
    ]


GZIP = {"Accept-Encoding": "gzip"}  # what every HTTP client but a bare one sends

# Measured again with the anonymous cache on.
CACHED = [
    "`/api/v1/claims?page_size=50`",
    "claim detail (API)",
    "verdict page",
    "home page `/`",
    "claims index `/claims/`",
]


def measure(url: str, headers: dict[str, str] | None = None, expected: int = 200) -> dict:
    first = one_request(url, headers)
    if first["status"] == expected and first["seconds"] <= TIMEOUT:
        again = one_request(url, headers)  # best of two: the first may land on a worker still cold for this page
        if again["status"] == expected and again["seconds"] < first["seconds"]:
            first = again
    result = {"url": url, "one_request": first, **({"headers": headers} if headers else {})}
    if first["status"] is None:
        result["skipped"] = f"one request took over {ONE_REQUEST_LIMIT} s ({first['bytes'] / 1e6:,.0f} MB read by then)"
    elif first["status"] != expected:
        result["skipped"] = f"status {first['status']}"
    elif first["seconds"] > TIMEOUT:
        result["skipped"] = f"one request took {first['seconds']} s, over the {TIMEOUT} s timeout"
    else:
        result["wrk"] = wrk(url, headers)
    return result


def revalidated(result: dict) -> tuple[dict[str, str], int] | None:
    """A feed reader's poll: the same request with the ETag it was given, answered 304 Not Modified."""
    etag = result["one_request"].get("etag")
    return ({"If-None-Match": etag}, 304) if etag else None


def ms(microseconds: float) -> str:
    return f"{microseconds / 1000:,.0f} ms" if microseconds >= 10_000 else f"{microseconds / 1000:,.1f} ms"


def table(results: dict) -> str:
    floor = results["endpoints"][0].get("wrk", {}).get("requests_per_second")
    lines = [
        "| endpoint | req/s | p50 | p95 | p99 | ratio to floor | one request | size |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, result in zip(results["names"], results["endpoints"], strict=True):
        first = result["one_request"]
        single = f"{first['seconds']} s" if first["seconds"] is not None else f"> {ONE_REQUEST_LIMIT} s"
        size = f"{first['bytes'] / 1024:,.0f} KB"
        if result.get("wrk", {}).get("requests"):
            w = result["wrk"]
            bad = w["status_errors"] + w["timeouts"]
            rps = f"{w['requests_per_second']:,.1f}" + (f" ({bad} failed)" if bad else "")
            ratio = f"{w['requests_per_second'] / floor:.3f}" if floor else "–"
            cells = [rps, ms(w["p50_us"]), ms(w["p95_us"]), ms(w["p99_us"]), ratio]
        else:
            reason = result.get("skipped", f"no response within {DURATION} s")
            cells = [f"not run: {reason}", "", "", "", ""]
        lines.append(f"| {name} | {' | '.join(cells)} | {single} | {size} |")
    return "\n".join(lines)


def machine() -> dict:
    cpuinfo = Path("/proc/cpuinfo").read_text()
    found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    memory_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    return {
        "cpu": found.group(1) if found else platform.processor(),
        "cores": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024**2, 1),
        "python": platform.python_version(),
    }


def chart(current: Path) -> Path | None:
    """p50 and p95 of each endpoint against the number of claims, from the latest run of each size."""
    runs: dict[int, dict] = {}
    for path in sorted(RESULTS.glob("*/results.json")):
        data = json.loads(path.read_text())
        runs[data["claims"]] = data
    if len(runs) < 2:
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = sorted(runs)
    figure, axis = plt.subplots(figsize=(9, 5.5))
    for index, name in enumerate(runs[sizes[-1]]["names"]):
        points = []
        for size in sizes:
            found = dict(zip(runs[size]["names"], runs[size]["endpoints"], strict=True)).get(name)
            if found and found.get("wrk", {}).get("requests"):
                points.append((size + SEED_CLAIMS, found["wrk"]["p95_us"] / 1000))
            elif found and found["one_request"]["seconds"]:
                points.append((size + SEED_CLAIMS, found["one_request"]["seconds"] * 1000))
        if points:
            xs, ys = zip(*points, strict=True)
            axis.plot(xs, ys, marker="o", label=name.replace("`", ""), linestyle="--" if index == 0 else "-")
    axis.set(xscale="log", yscale="log", xlabel="published claims", ylabel="p95 latency, ms (one request if not run)")
    axis.set_title("Latency against size (gunicorn 4 workers, wrk c=8)")
    axis.grid(True, which="both", alpha=0.3)
    axis.legend(fontsize=7)
    path = current / "latency-vs-size.svg"
    figure.tight_layout()
    figure.savefig(path)
    return path


def main() -> None:
    name = os.environ.get("BENCH_DB") or f"factcheck_bench_{CLAIMS}"
    env = {
        **os.environ,
        "DATABASE_URL": f"{PG}/{name}",
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"http://127.0.0.1:{PORT}",
        "ALLOW_LOCAL_SITE_URL": "1",
        "SECURE_COOKIES": "0",
        "API_ANON_THROTTLE_RATE": "off",  # the bench measures the app, not the throttle
        "ANONYMOUS_CACHE_SECONDS": "0",
    }
    load = database(env, name)
    feed = build_datafeed(env)
    manage(env, "collectstatic", "--noinput", "-v0")
    picked = sample(name)
    out = RESULTS / f"{dt.date.today():%Y-%m-%d}-{CLAIMS}"
    out.mkdir(parents=True, exist_ok=True)
    servers = [
        serve(env, "factcheck.wsgi:application", PORT, out / "gunicorn.log"),
        serve(env, "floor:application", PORT + 1, out / "floor.log", chdir=Path(__file__).parent),
        serve({**env, "ANONYMOUS_CACHE_SECONDS": "300"}, "factcheck.wsgi:application", PORT + 2, out / "cached.log"),
    ]
    results = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "claims": CLAIMS,
        "database": {"name": name, "size": picked["size"], **load},
        "datafeed": feed,
        "machine": machine(),
        "load_average_before": os.getloadavg(),
        "settings": {"duration_s": DURATION, "timeout_s": TIMEOUT, "concurrency": CONCURRENCY, "workers": 4},
        "names": [],
        "endpoints": [],
    }
    subprocess.run(["wrk", "-t2", "-c8", "-d2s", f"http://127.0.0.1:{PORT}/robots.txt"], capture_output=True)  # warm
    try:
        for label, url, *headers in endpoints(PORT, PORT + 1, picked["pk"], picked["slug"]):
            log(f"{label}: {url}")
            results["names"].append(label)
            results["endpoints"].append(measure(url, *headers))
            if label == "ClaimReview feed" and (poll := revalidated(results["endpoints"][-1])):
                log(f"{label}, revalidated: {url}")
                results["names"].append(f"{label}, revalidated (304)")
                results["endpoints"].append(measure(url, *poll))
        for label, url, *headers in endpoints(PORT + 2, PORT + 1, picked["pk"], picked["slug"]):
            if label in CACHED:
                log(f"{label}, cached: {url}")
                results["names"].append(f"{label}, cached")
                results["endpoints"].append(measure(url, *headers))
    finally:
        for server in servers:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)
    results["load_average_after"] = os.getloadavg()
    (out / "results.json").write_text(json.dumps(results, indent=2))
    m = results["machine"]
    header = (
        f"# Bench, {CLAIMS:,} generated claims (+{SEED_CLAIMS} seed), {results['date']}\n\n"
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB; load average before "
        f"{results['load_average_before'][0]:.1f}, after {results['load_average_after'][0]:.1f}. "
        f"Database {name}, {picked['size']}; the DataFeed's copies (French and English) written in "
        f"{feed['build_seconds']} s before measuring. gunicorn 4 workers, DEBUG off, throttle off, anonymous "
        f"cache off except where marked cached; wrk "
        f"c={CONCURRENCY}, {DURATION} s per endpoint, timeout {TIMEOUT} s.\n\n"
    )
    (out / "results.md").write_text(header + table(results) + "\n")
    drawn = chart(out)
    print(header + table(results))
    log(f"results in {out}" + (f"; chart {drawn}" if drawn else ""))


if __name__ == "__main__":
    sys.exit(main())
