"""Backups of the whole database: ``pg_dump -Fc`` on PostgreSQL, SQLite's online backup elsewhere.

Both give a consistent copy of a running database (one snapshot, history and accounts included), and
``restore`` puts one back in place of the database's current content. ``make backup`` and
``make restore FILE=...`` call them through ``manage.py backup`` and ``manage.py restore``.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections


class BackupError(Exception):
    """A backup or restore that could not be made; the message says why, in one line."""


def _postgresql(alias: str) -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump/pg_restore, and an environment carrying the password."""
    settings = connections[alias].settings_dict
    arguments = ["--dbname", settings["NAME"]]
    if settings.get("HOST"):
        arguments += ["--host", settings["HOST"]]
    if settings.get("PORT"):
        arguments += ["--port", str(settings["PORT"])]
    if settings.get("USER"):
        arguments += ["--username", settings["USER"]]
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = settings["PASSWORD"]
    return arguments, env


def _run(command: list[str], env: dict[str, str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (Debian: apt-get install postgresql-client)")
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        lines = result.stderr.strip().splitlines() or [f"exit status {result.returncode}"]
        raise BackupError(f"{command[0]} failed: {lines[0]}")


def _sqlite_path(alias: str) -> str:
    name = str(connections[alias].settings_dict["NAME"])
    if name == ":memory:" or name.startswith("file:"):
        raise BackupError(f"the SQLite database {name!r} is not a file")
    return name


def suffix(alias: str = "default") -> str:
    """The usual file suffix of this database's backups."""
    return ".dump" if connections[alias].vendor == "postgresql" else ".sqlite3"


def backup(path: Path, *, alias: str = "default") -> Path:
    """Write a consistent copy of the database to ``path`` (refusing to overwrite a file)."""
    if path.exists():
        raise BackupError(f"{path} exists already: choose another file name")
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = connections[alias]
    if connection.vendor == "postgresql":
        arguments, env = _postgresql(alias)
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(path), *arguments], env)
    elif connection.vendor == "sqlite":
        with sqlite3.connect(_sqlite_path(alias)) as source, sqlite3.connect(path) as target:
            source.backup(target)
    else:
        raise BackupError(f"no backup for {connection.vendor} databases")
    return path


def restore(path: Path, *, alias: str = "default") -> None:
    """Replace the database's content with the backup at ``path``."""
    if not path.is_file():
        raise BackupError(f"{path} is not a file")
    connection = connections[alias]
    connection.close()  # nothing of this process holds the database while it is replaced
    if connection.vendor == "postgresql":
        arguments, env = _postgresql(alias)
        command = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction"]
        _run([*command, "--exit-on-error", *arguments, str(path)], env)
    elif connection.vendor == "sqlite":
        try:
            with (
                sqlite3.connect(f"file:{path}?mode=ro", uri=True) as source,
                sqlite3.connect(_sqlite_path(alias)) as target,
            ):
                source.backup(target)
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"{path} is not an SQLite backup: {exc}") from exc
    else:
        raise BackupError(f"no restore for {connection.vendor} databases")
