"""The real pieces the cluster tests drive: the data tier of ``deploy/cluster/``, app servers and a worker.

The PostgreSQL primary, its streaming replica and Redis come from ``deploy/cluster/data.sh`` (the
same script ``make cluster`` uses). The tests run their own gunicorn processes and Celery worker
on a database of their own (``factcheck_clustertest``), so a running ``make cluster`` is left alone.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psycopg2
import requests

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy" / "cluster"
RUN_DIR = Path(os.environ.get("CLUSTER_DIR", ROOT / ".cluster"))
LOG_DIR = RUN_DIR / "test-logs"
BIN = ROOT / ".venv" / "bin"
TEST_DB = "factcheck_clustertest"
PRIMARY_PORT = int(os.environ.get("CLUSTER_PG_PRIMARY_PORT", 5433))
REPLICA_PORT = int(os.environ.get("CLUSTER_PG_REPLICA_PORT", 5434))
REDIS_PORT = int(os.environ.get("CLUSTER_REDIS_PORT", 6390))
# Redis databases of the tests (make cluster uses 0 and 1).
REDIS_CACHE_DB, REDIS_BROKER_DB, REDIS_SECOND_CACHE_DB = 10, 11, 12
# Variables of the calling environment that would change what the servers do.
CONFIGURATION = {
    "DATABASE_URL",
    "DATABASE_REPLICA_URLS",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DJANGO_SETTINGS_MODULE",
}


def wait_until(condition: Callable[[], object], *, seconds: float, what: str) -> object:
    """Poll ``condition`` until it returns something truthy; fail naming ``what`` after ``seconds``."""
    deadline = time.monotonic() + seconds
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        try:
            result = condition()
        except Exception as exc:  # noqa: BLE001 - retried until the deadline, reported then
            last_error, result = exc, None
        if result:
            return result
        time.sleep(0.2)
    raise AssertionError(f"{what}: not within {seconds}s" + (f" (last error: {last_error})" if last_error else ""))


def data_sh(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([str(DEPLOY / "data.sh"), *args], capture_output=True, text=True, timeout=timeout)


def read_env_file(path: Path) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)
    return {name.strip(): value.strip() for name, value in pairs}


@dataclass
class DataTier:
    password: str
    was_running: bool

    def url(self, port: int, database: str = TEST_DB) -> str:
        return f"postgres://factcheck:{self.password}@127.0.0.1:{port}/{database}"

    def connect(self, port: int, database: str = TEST_DB):
        connection = psycopg2.connect(
            host="127.0.0.1", port=port, user="factcheck", password=self.password, dbname=database, connect_timeout=3
        )
        connection.autocommit = True
        return connection

    def query(self, port: int, sql: str, params: tuple = ()) -> list[tuple]:
        connection = self.connect(port)
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall() if cursor.description else []
        finally:
            connection.close()

    def primary(self, sql: str, params: tuple = ()) -> list[tuple]:
        return self.query(PRIMARY_PORT, sql, params)

    def replica(self, sql: str, params: tuple = ()) -> list[tuple]:
        return self.query(REPLICA_PORT, sql, params)

    def wait_for_replica(self, sql: str, params: tuple = (), *, expect) -> None:
        """Wait until the replica answers ``sql`` with ``expect`` (replication is asynchronous)."""
        wait_until(lambda: self.replica(sql, params) == expect, seconds=60, what=f"the replica answering {expect}")


def start_data_tier() -> DataTier:
    was_running = data_sh("status").returncode == 0
    result = data_sh("start")
    if result.returncode != 0:
        raise RuntimeError(f"deploy/cluster/data.sh start failed:\n{result.stdout}\n{result.stderr}")
    secrets = read_env_file(RUN_DIR / "secrets.env")
    return DataTier(password=secrets["DB_PASSWORD"], was_running=was_running)


def base_env(tier: DataTier, **overrides: str) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name not in CONFIGURATION}
    env.update(
        DATABASE_URL=tier.url(PRIMARY_PORT),
        DATABASE_REPLICA_URLS=tier.url(REPLICA_PORT),
        REDIS_URL=f"redis://127.0.0.1:{REDIS_PORT}/{REDIS_CACHE_DB}",
        CELERY_BROKER_URL=f"redis://127.0.0.1:{REDIS_PORT}/{REDIS_BROKER_DB}",
        SECRET_KEY="cluster-tests-" + "k" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_COOKIES="0",
        ALLOW_LOCAL_SITE_URL="1",  # production-like, on this machine
        DJANGO_SETTINGS_MODULE="factcheck.settings",
        LOG_LEVEL="WARNING",
    )
    env.update(overrides)
    return {name: value for name, value in env.items() if value is not None}


def manage(env: dict[str, str], *args: str, timeout: float = 300) -> str:
    result = subprocess.run(
        [str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def prepare_database(tier: DataTier) -> dict[str, str]:
    """A fresh test database on the primary, migrated and seeded, with a desk account and token.

    Also collects the static files, as a deployment does: with DEBUG off, pages need the manifest.
    """
    admin = tier.connect(PRIMARY_PORT, "postgres")
    try:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{TEST_DB}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{TEST_DB}" OWNER factcheck')
    finally:
        admin.close()
    env = base_env(tier, DATABASE_REPLICA_URLS="", CELERY_BROKER_URL="")
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "load_seed")
    manage(env, "collectstatic", "--noinput", "-v", "0")  # production storage: pages need its manifest
    demo = manage({**env, "DEBUG": "1"}, "ensure_demo_editor", "--username", "desk")  # a demo account needs DEBUG
    password = re.search(r"password '([^']+)'", demo).group(1)
    token = re.search(r"Generated token (\w+)", manage(env, "drf_create_token", "desk")).group(1)
    tier.wait_for_replica("SELECT count(*) FROM authtoken_token", expect=[(1,)])
    return {"username": "desk", "password": password, "token": token}


@dataclass
class Process:
    """A server or worker the tests started; its output goes to .cluster/test-logs/."""

    name: str
    popen: subprocess.Popen
    log: Path
    extra: dict = field(default_factory=dict)

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(timeout=10)

    def log_tail(self) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-30:]) if self.log.exists() else ""


def _spawn(name: str, command: list[str], env: dict[str, str]) -> Process:
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    log = LOG_DIR / f"{name}.log"
    with log.open("w") as out:
        popen = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    return Process(name=name, popen=popen, log=log)


@dataclass
class AppServer:
    process: Process
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def get(self, path: str, session: requests.Session | None = None, **kwargs) -> requests.Response:
        return (session or requests).get(self.url + path, timeout=15, **kwargs)

    def health(self) -> dict:
        return self.get("/healthz").json()


def start_app_server(name: str, port: int, env: dict[str, str]) -> AppServer:
    command = [
        str(BIN / "gunicorn"),
        "factcheck.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        "--workers=1",
        "--threads=2",
        "--graceful-timeout=10",
    ]
    server = AppServer(_spawn(name, command, env), port)

    def healthy() -> bool:
        if server.process.popen.poll() is not None:
            raise AssertionError(f"{name} exited:\n{server.process.log_tail()}")
        return requests.get(server.url + "/healthz", timeout=2).status_code == 200

    wait_until(healthy, seconds=60, what=f"{name} answering /healthz")
    return server


def start_worker(name: str, env: dict[str, str]) -> Process:
    command = [
        str(BIN / "celery"),
        "-A",
        "factcheck.celery",
        "worker",
        "--pool=solo",  # one job at a time, in the order queued
        f"--hostname={name}@%h",
        "--loglevel=INFO",
        "--without-mingle",
        "--without-gossip",
    ]
    worker = _spawn(name, command, env)

    def ready() -> bool:
        if worker.popen.poll() is not None:
            raise AssertionError(f"{name} exited:\n{worker.log_tail()}")
        return " ready." in worker.log.read_text(errors="replace")

    wait_until(ready, seconds=60, what=f"the worker {name} ready")
    return worker
