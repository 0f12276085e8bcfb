#!/usr/bin/env python3
"""Load through the proxy of `make cluster` while one app server and then the replica are stopped.

    .venv/bin/python deploy/cluster/loadcheck.py            # 16 clients, 120 s, stops at 40 s and 80 s

Each client reads public pages and the anonymous API, and one request in five is a write with an
editor's token (a new source). Every acknowledged write (201) is then looked up on the primary
and on the replica; the replica's delay is measured per write and set against the lag /healthz
reported. Afterwards the stopped pieces are started again (``start.sh``, idempotent).

Counts: a request fails when the connection breaks or the answer is a 5xx or an unexpected 4xx;
429 is the API's throttle answering as designed (its limit is shared by both app servers).
Traffic goes to 127.0.0.1 only; every loop ends with the run.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import psycopg2

ROOT = Path(__file__).resolve().parents[2]
RUN_DIR = Path(os.environ.get("CLUSTER_DIR", ROOT / ".cluster"))
HERE = Path(__file__).resolve().parent
PYTHON = ROOT / ".venv" / "bin" / "python"


def app_env() -> dict[str, str]:
    path = RUN_DIR / "app.env"
    if not path.exists():
        sys.exit(f"{path} is missing: start the cluster with `make cluster` first")
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)
    return dict(pairs)


def connect(url: str):
    parts = urlsplit(url)
    connection = psycopg2.connect(
        host=parts.hostname,
        port=parts.port,
        user=parts.username,
        password=parts.password,
        dbname=parts.path.lstrip("/"),
        connect_timeout=2,
    )
    connection.autocommit = True
    return connection


def editor_token(env: dict[str, str]) -> str:
    run_env = {**os.environ, **env, "DEBUG": "1"}  # the demo editor exists only with DEBUG
    for args in (["ensure_demo_editor", "--username", "loadcheck"], ["drf_create_token", "loadcheck"]):
        result = subprocess.run(
            [str(PYTHON), "manage.py", *args], cwd=ROOT, env=run_env, capture_output=True, text=True, timeout=120
        )
        if result.returncode != 0:
            sys.exit(f"manage.py {args[0]} failed: {result.stderr.strip().splitlines()[-1]}")
    return re.search(r"token (\w+)", result.stdout).group(1)


@dataclass
class Results:
    started: float = field(default_factory=time.monotonic)
    lock: threading.Lock = field(default_factory=threading.Lock)
    counts: Counter = field(default_factory=Counter)
    failures: list[tuple[float, str, str]] = field(default_factory=list)
    acknowledged: dict[str, float] = field(default_factory=dict)  # source url -> monotonic time of its 201
    unacknowledged: list[str] = field(default_factory=list)  # writes that failed: applied or not?
    health_lags: list[tuple[float, float | None, bool]] = field(default_factory=list)
    events: list[tuple[float, str]] = field(default_factory=list)
    replica_delays: dict[str, float] = field(default_factory=dict)

    def at(self) -> float:
        return time.monotonic() - self.started

    def record(self, kind: str, outcome: str, detail: str = "") -> None:
        with self.lock:
            self.counts[(kind, outcome)] += 1
            if outcome == "failed":
                self.failures.append((self.at(), kind, detail))


class Client(threading.Thread):
    def __init__(self, number: int, host: str, port: int, token: str, paths: list[str], run_id: str, args, results):
        super().__init__(daemon=True)
        self.number, self.host, self.port, self.token, self.paths = number, host, port, token, paths
        self.run_id, self.args, self.results = run_id, args, results
        self.random = random.Random(number)
        self.connection: http.client.HTTPConnection | None = None
        self.writes = 0

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        if self.connection is None:
            self.connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            self.connection.request(method, path, body=body, headers=headers or {})
            response = self.connection.getresponse()
            return response.status, response.read()
        except Exception:
            self.connection.close()
            self.connection = None
            raise

    def run(self) -> None:
        deadline = self.results.started + self.args.duration
        while time.monotonic() < deadline:
            if self.random.random() < self.args.write_share:
                self.write()
            else:
                self.read()

    def read(self) -> None:
        path = self.random.choice(self.paths)
        kind = "api read" if path.startswith("/api/") else "page read"
        try:
            status, _ = self.request("GET", path)
        except Exception as exc:  # noqa: BLE001 - any broken exchange is a failed request
            self.results.record(kind, "failed", f"{path}: {type(exc).__name__}: {exc}")
            return
        if status == 200:
            self.results.record(kind, "ok")
        elif status == 429:
            self.results.record(kind, "throttled")
        else:
            self.results.record(kind, "failed", f"{path}: HTTP {status}")

    def write(self) -> None:
        self.writes += 1
        url = f"https://loadcheck.example.org/{self.run_id}/{self.number}/{self.writes}"
        body = json.dumps({"url": url, "title": f"Load check {self.writes}", "publisher": "Load check"}).encode()
        headers = {"Authorization": f"Token {self.token}", "Content-Type": "application/json"}
        try:
            status, payload = self.request("POST", "/api/v1/sources", body, headers)
        except Exception as exc:  # noqa: BLE001 - the write may or may not have happened: not acknowledged
            status, payload = None, f"{type(exc).__name__}: {exc}".encode()
        with self.results.lock:
            if status == 201:
                self.results.acknowledged[url] = time.monotonic()
            else:
                self.results.unacknowledged.append(url)
        if status == 201:
            self.results.record("write", "ok")
        else:
            self.results.record("write", "failed", f"HTTP {status}: {payload[:120]!r}")


def watch_replica(replica_url: str, results: Results, stop: threading.Event) -> None:
    """Per acknowledged write, how long until the replica has it (polled every 50 ms)."""
    connection = None
    while not stop.is_set():
        with results.lock:
            pending = [url for url in results.acknowledged if url not in results.replica_delays]
        if pending:
            try:
                connection = connection or connect(replica_url)
                with connection.cursor() as cursor:
                    cursor.execute("SELECT url FROM claims_source WHERE url = ANY(%s)", (pending,))
                    seen = time.monotonic()
                    with results.lock:
                        for (url,) in cursor.fetchall():
                            results.replica_delays[url] = seen - results.acknowledged[url]
            except psycopg2.Error:
                connection = None  # the replica is down: its writes wait for it
        stop.wait(0.05)


def watch_health(host: str, port: int, results: Results, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            connection = http.client.HTTPConnection(host, port, timeout=5)
            connection.request("GET", "/healthz")
            response = connection.getresponse()
            body = json.loads(response.read())
            replica = body.get("replicas", {}).get("replica1", {})
            results.health_lags.append((results.at(), replica.get("lag_seconds"), bool(replica.get("in_use"))))
            connection.close()
        except Exception:  # noqa: BLE001, S110 - a missed sample is not a finding
            pass
        stop.wait(1)


def stop_app_server(port: str, results: Results) -> None:
    pidfile = RUN_DIR / "run" / f"app-{port}.pid"
    pid = int(pidfile.read_text())
    os.kill(pid, signal.SIGTERM)
    results.events.append((results.at(), f"app server :{port} sent SIGTERM (graceful stop)"))


def stop_replica(results: Results) -> None:
    results.events.append((results.at(), "replica stopping (pg_ctlcluster stop -m fast)"))
    subprocess.run([str(HERE / "data.sh"), "stop-replica"], check=True, capture_output=True, timeout=120)
    results.events.append((results.at(), "replica stopped"))


def discover_paths(host: str, port: int) -> list[str]:
    connection = http.client.HTTPConnection(host, port, timeout=10)
    connection.request("GET", "/api/v1/claims?page_size=100")
    claims = json.loads(connection.getresponse().read())["results"]
    paths = ["/", "/en/", "/claims/", "/methodology/", "/api/v1/claims?page_size=20", "/api/v1/ratings"]
    for claim in claims:
        paths.append(urlsplit(claim["page_url"]).path)
        paths.append(f"/api/v1/claims/{claim['id']}")
    return paths


def summarize(results: Results, primary_url: str, replica_url: str, catch_up_seconds: float) -> dict:
    acknowledged = list(results.acknowledged)
    with connect(primary_url) as primary, primary.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM claims_source WHERE url = ANY(%s)", (acknowledged,))
        on_primary = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM claims_source WHERE url = ANY(%s)", (results.unacknowledged,))
        failed_but_applied = cursor.fetchone()[0]
    with connect(replica_url) as replica, replica.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM claims_source WHERE url = ANY(%s)", (acknowledged,))
        on_replica = cursor.fetchone()[0]
    replica_stop = next((t for t, what in results.events if what.startswith("replica")), None)
    while_up = [
        delay
        for url, delay in results.replica_delays.items()
        if replica_stop is None or results.acknowledged[url] - results.started < replica_stop
    ]
    lags = [lag for _, lag, _ in results.health_lags if lag is not None]
    counts = {f"{kind} {outcome}": n for (kind, outcome), n in sorted(results.counts.items())}
    total = sum(results.counts.values())
    return {
        "requests": total,
        "requests_per_second": round(total / max(results.at(), 1), 1),
        "counts": counts,
        "failed": len(results.failures),
        "failures": [f"{t:6.1f}s {kind}: {detail}" for t, kind, detail in results.failures[:40]],
        "events": [f"{t:6.1f}s {what}" for t, what in results.events],
        "acknowledged_writes": len(acknowledged),
        "acknowledged_on_primary": on_primary,
        "acknowledged_on_replica": on_replica,
        "failed_writes_applied_anyway": failed_but_applied,
        "replica_has_every_write_after_restart_seconds": round(catch_up_seconds, 2),
        "replica_delay_while_up_seconds": {
            "writes": len(while_up),
            "median": round(statistics.median(while_up), 3) if while_up else None,
            "p99": round(sorted(while_up)[int(len(while_up) * 0.99) - 1], 3) if while_up else None,
            "max": round(max(while_up), 3) if while_up else None,
        },
        "healthz_replica_lag_seconds_max": max(lags) if lags else None,
        "healthz_samples_replica_in_use": sum(1 for *_, used in results.health_lags if used),
        "healthz_samples": len(results.health_lags),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--duration", type=float, default=120.0, help="seconds")
    parser.add_argument("--write-share", type=float, default=0.2)
    parser.add_argument("--stop-app-at", type=float, default=40.0)
    parser.add_argument("--stop-replica-at", type=float, default=80.0)
    parser.add_argument("--app-port", default=os.environ.get("CLUSTER_APP_PORTS", "8101 8102").split()[0])
    parser.add_argument("--proxy", default=f"127.0.0.1:{os.environ.get('CLUSTER_PROXY_PORT', '8100')}")
    parser.add_argument("--no-restore", action="store_true", help="leave the stopped pieces stopped")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    host, port = args.proxy.split(":")
    if host not in {"127.0.0.1", "localhost", "::1"}:
        sys.exit("--proxy must be on this machine (127.0.0.1)")
    env = app_env()
    primary_url, replica_url = env["DATABASE_URL"], env["DATABASE_REPLICA_URLS"].split(",")[0]
    token = editor_token(env)
    paths = discover_paths(host, int(port))
    run_id = uuid.uuid4().hex[:12]
    print(f"load check {run_id}: {args.clients} clients, {args.duration:.0f}s, through {args.proxy}", flush=True)

    results = Results()
    stop = threading.Event()
    watchers = [
        threading.Thread(target=watch_replica, args=(replica_url, results, stop), daemon=True),
        threading.Thread(target=watch_health, args=(host, int(port), results, stop), daemon=True),
    ]
    clients = [Client(n, host, int(port), token, paths, run_id, args, results) for n in range(1, args.clients + 1)]
    for thread in [*watchers, *clients]:
        thread.start()
    faults = sorted(
        [
            (args.stop_app_at, lambda: stop_app_server(args.app_port, results)),
            (args.stop_replica_at, lambda: stop_replica(results)),
        ],
        key=lambda fault: fault[0],
    )
    for at, fault in faults:
        if 0 <= at < args.duration:
            time.sleep(max(0.0, results.started + at - time.monotonic()))
            fault()
    for client in clients:
        client.join()
    results.events.append((results.at(), "load ended"))

    catch_up = 0.0
    if not args.no_restore:
        print("starting the replica again, then the app server (start.sh)…", flush=True)
        subprocess.run([str(HERE / "data.sh"), "start-replica"], check=True, capture_output=True, timeout=300)
        streaming = time.monotonic()
        results.events.append((results.at(), "replica streaming again"))
        deadline = streaming + 120
        while time.monotonic() < deadline:
            with results.lock:
                if len(results.replica_delays) == len(results.acknowledged):
                    break
            time.sleep(0.05)
        catch_up = time.monotonic() - streaming
        subprocess.run([str(HERE / "start.sh")], check=True, capture_output=True, timeout=600)
    stop.set()
    figures = summarize(results, primary_url, replica_url, catch_up)
    print(json.dumps(figures, indent=2, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False))
    lost = figures["acknowledged_writes"] - figures["acknowledged_on_primary"]
    sys.exit(
        1
        if lost or (not args.no_restore and figures["acknowledged_on_replica"] != figures["acknowledged_writes"])
        else 0
    )


if __name__ == "__main__":
    main()
