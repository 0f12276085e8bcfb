"""The bulk write path: many rows of the editorial models in one transaction, rules still enforced.

Saving one object at a time costs a round trip, a model instance and a history row per object:
fine for an editor, far too slow for an import of a corpus or for building a database of a
million claims. :class:`BulkWriter` buffers rows and writes them in batches, with
``COPY ... FROM STDIN`` on PostgreSQL and ``bulk_create`` elsewhere, and keeps every rule of the
schema in force: CHECK and UNIQUE constraints, foreign keys and the triggers (the claim offset
triggers included) all run as they do for a single save. The whole load is one transaction, so a
row that breaks a rule leaves nothing written.

Primary keys are handed out when a row is added (from the table's sequence on PostgreSQL), so a
claim can name its article, a verdict its claim, before anything has been written::

    with BulkWriter(progress=report) as writer:
        article_id = writer.add_row(Article, {"slug": ..., "text": ..., ...})
        claim_id = writer.add_row(Claim, {"article_id": article_id, "quote": ..., ...})
        writer.add(Verdict(claim_id=claim_id, rating=rating, status="published", ...))

Rows are dicts keyed by field name (``article=``, given an instance or an id) or column attribute
(``article_id=``); model instances work too and get their ``pk``. A row's missing fields take the
field's default; ``auto_now``/``auto_now_add`` fields take the writer's start time. Validation
beyond the database's rules (``full_clean``) is the caller's choice: it costs more than the write.

Rows keyed by a unique field, such as other publishers' reviews by URL, are created or updated
with :meth:`BulkWriter.upsert`: a batch is copied into a temporary staging table, then one
``INSERT ... SELECT`` adds the new rows and one ``UPDATE ... FROM`` rewrites those that differ, in
the same transaction and the same helper thread as the writer's other batches::

    with BulkWriter(history=False) as writer:
        counts = writer.upsert(ExternalReview, rows, key=["url"], compare=[...], touch=["updated_at"])
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from itertools import islice
from typing import Any

from django.db import connections, models, transaction
from django.utils import timezone

from .bulk_rows import COPY_NULL, TableSpec
from .services import publication

Progress = Callable[[Counter], None]

DEFAULT_BATCH_SIZE = 10_000
COPY_READ_SIZE = 1 << 20  # bytes handed to the driver per read of a batch's CSV (its default, 8 KiB, costs calls)

_encode_json = json.JSONEncoder(ensure_ascii=False).encode  # one encoder: json.dumps(...) builds one a call


@dataclass
class UpsertCounts:
    """What :meth:`BulkWriter.upsert` did: rows inserted, rows rewritten, rows found equal and left alone."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class _UpsertStatements:
    staging: str
    create: str
    copy: str
    insert: str
    update: str
    truncate: str
    drop: str


class BulkWriter:
    """Buffers rows of any models and writes them in batches, parents before children, in one transaction.

    Use it as a context manager: entering opens the transaction, leaving normally writes what is
    left and commits, leaving with an exception (a broken rule, a bad row, Ctrl-C) rolls everything
    back. Add a parent before its children: on PostgreSQL the foreign keys are checked at the end of
    each batch rather than at the commit, so that a bad row fails early and the checks run while
    the next batch is being prepared (a COPY runs in a helper thread, on the same connection and
    transaction, while the caller builds the next batch). ``progress`` is called with the running
    count of rows written per model label. ``history=True`` also writes the "created" history row
    of each object whose model keeps a history (django-simple-history), as a save would;
    many-to-many history is not written. ``synchronous_commit=False`` (PostgreSQL) lets the commit
    return before its WAL reaches the disk: for loads that can simply be run again, whose rows a
    crash in the instant after the commit may lose, never for the desk's own writes.

    ``rebuild_indexes`` (PostgreSQL), for a database nobody reads yet: those tables are locked for
    the whole load, their plain indexes dropped and built once at the end, their foreign keys
    dropped and added again at the end (one check over all rows, still before the commit), and
    their ids counted on in Python from one ``nextval``.
    """

    def __init__(
        self,
        *,
        using: str = "default",
        batch_size: int = DEFAULT_BATCH_SIZE,
        progress: Progress | None = None,
        history: bool = True,
        history_user_id: int | None = None,
        history_reason: str = "",
        rebuild_indexes: Iterable[type[models.Model]] = (),
        synchronous_commit: bool = True,
    ) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.using = using
        self.connection = connections[using]
        self.postgresql = self.connection.vendor == "postgresql"
        self.null = COPY_NULL if self.postgresql else None
        self.batch_size = batch_size
        self.progress = progress
        self.history = history
        self.history_user_id = history_user_id
        self.history_reason = history_reason
        self.written: Counter = Counter()
        self.now = timezone.now()
        # Timestamps of rows given as mappings: for COPY the time as text, formatted once.
        self._now_written = self.now.isoformat() if self.postgresql else self.now
        self._row_makers: dict[tuple, Callable[[Mapping[str, Any]], list[Any]]] = {}
        self._tables: dict[type[models.Model], TableSpec] = {}
        self._buffers: dict[type[models.Model], list[list[Any]]] = {}
        self._pending = 0
        self._free_ids: dict[type[models.Model], list[int]] = {}
        self._sqlite_last_id: dict[type[models.Model], int] = {}
        self._atomic: transaction.Atomic | None = None
        self._executor: ThreadPoolExecutor | None = None
        self._in_flight: Future | None = None
        self._guard = None
        self.rebuild_indexes = list(rebuild_indexes)
        self.synchronous_commit = synchronous_commit
        self._dropped_indexes: list[str] = []
        self._dropped_foreign_keys: list[str] = []
        # Tables the load holds locked (offline): their ids are counted on here, the sequence moved once.
        self._local_ids: set[str] = set()
        self._next_local_id: dict[type[models.Model], int] = {}

    # Transaction ------------------------------------------------------------------------------

    def __enter__(self) -> BulkWriter:
        self._atomic = transaction.atomic(using=self.using)
        self._atomic.__enter__()
        if self.postgresql:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bulk-copy")
            # One statement at a time on a connection: any query of this thread (the caller's
            # included) first waits for the COPY in flight.
            self._guard = self.connection.execute_wrapper(self._after_copy)
            self._guard.__enter__()
            with self.connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                if not self.synchronous_commit:  # for the whole transaction, the caller's if the writer is in one
                    cursor.execute("SET LOCAL synchronous_commit TO OFF")
                for model in self.rebuild_indexes:
                    table = model._meta.db_table
                    cursor.execute(f"LOCK TABLE {self.connection.ops.quote_name(table)} IN ACCESS EXCLUSIVE MODE")
                    self._local_ids.add(table)
                    self._drop_plain_indexes(cursor, table)
                    self._drop_foreign_keys(cursor, table)
        return self

    def _drop_plain_indexes(self, cursor, table: str) -> None:
        """Offline loads: drop the table's indexes that enforce nothing, to build them once at the end.

        Unique and primary-key indexes stay (they are rules). The DROP holds the table locked until
        the commit, so readers wait: for a database nobody reads yet, such as a bench being built.
        """
        cursor.execute(
            """
            SELECT i.relname, pg_get_indexdef(x.indexrelid)
              FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
             WHERE x.indrelid = %s::regclass AND NOT x.indisunique AND NOT x.indisprimary
               AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
            """,
            [self.connection.ops.quote_name(table)],
        )
        for name, definition in cursor.fetchall():
            cursor.execute(f"DROP INDEX {self.connection.ops.quote_name(name)}")
            self._dropped_indexes.append(definition)

    def _drop_foreign_keys(self, cursor, table: str) -> None:
        """Offline loads: drop the table's foreign keys, to check each of them once at the end.

        A foreign key checks every row it is given by a lookup of its own; added again to the loaded
        table, it checks all of them in one join, before the commit. A row that breaks it still fails
        the whole load, naming the constraint. (pg_restore loads the same way.)
        """
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
            " WHERE conrelid = %s::regclass AND contype = 'f'",
            [self.connection.ops.quote_name(table)],
        )
        quote = self.connection.ops.quote_name
        for name, definition in cursor.fetchall():
            cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
            self._dropped_foreign_keys.append(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")

    def _build_dropped_indexes(self) -> None:
        if not (self._dropped_indexes or self._dropped_foreign_keys):
            return
        with self.connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            for definition in self._dropped_indexes + self._dropped_foreign_keys:
                cursor.execute(definition)

    def _after_copy(self, execute, sql, params, many, context):
        self._wait()
        return execute(sql, params, many, context)

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self.flush()
                self._wait()
                for model in list(self._next_local_id):
                    self._sync_sequence(model)
                self._build_dropped_indexes()
                publication.bump()  # what readers see changed: cached reads are stale once this commits
        except BaseException as error:
            exc_type, exc, tb = type(error), error, error.__traceback__
            raise
        finally:
            if self._executor is not None:
                self._executor.shutdown(wait=True)  # never leave a COPY running under a rollback
                self._in_flight = None
                self._guard.__exit__(None, None, None)
            self._atomic.__exit__(exc_type, exc, tb)
            if self.postgresql and self.connection.in_atomic_block and not self.connection.needs_rollback:
                with self.connection.cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # Django's foreign keys, as they were

    def _require_transaction(self) -> None:
        if self._atomic is None:
            raise RuntimeError("use BulkWriter as a context manager: `with BulkWriter() as writer:`")

    # Adding rows ------------------------------------------------------------------------------

    def table(self, model: type[models.Model]) -> TableSpec:
        table = self._tables.get(model)
        if table is None:
            table = self._tables[model] = TableSpec(model)
        return table

    def new_id(self, model: type[models.Model]) -> int:
        """A primary key for a row of ``model`` that no other transaction will be given."""
        self._require_transaction()
        free = self._free_ids.get(model)
        if not free:
            free = self._free_ids[model] = self._reserve_ids(model, self.batch_size)
        return free.pop()

    def add_row(self, model: type[models.Model], values: Mapping[str, Any]) -> Any:
        """Buffer one row given as a mapping; return its primary key."""
        table = self.table(model)
        row = self._row(model, values)
        pk = row[table.pk_index]
        if pk is None or pk is COPY_NULL:
            pk = row[table.pk_index] = self.new_id(model)
        self._buffer(table, row)
        return pk

    def _row(self, model: type[models.Model], values: Mapping[str, Any]) -> list[Any]:
        """The row of a mapping, from the maker of its model and field names (made for the first such row)."""
        key = (model, *values)
        make_row = self._row_makers.get(key)
        if make_row is None:
            make_row = self._row_makers[key] = self.table(model).row_maker(key[1:], self._now_written, self.null)
        return make_row(values)

    def add(self, obj: models.Model) -> models.Model:
        """Buffer one model instance; it gets its ``pk`` (and timestamps) at once, its row later."""
        table = self.table(type(obj))
        if obj.pk is None:
            obj.pk = self.new_id(type(obj))
        row = table.row_from_instance(obj, self.now, self.null)
        obj._state.adding = False
        obj._state.db = self.using
        self._buffer(table, row)
        return obj

    def add_all(self, objs: Iterable[models.Model]) -> None:
        for obj in objs:
            self.add(obj)

    def _buffer(self, table: TableSpec, row: list[Any]) -> None:
        self._require_transaction()
        self._buffers.setdefault(table.model, []).append(row)
        self._pending += 1
        if self._pending >= self.batch_size:
            self.flush()

    # Writing ----------------------------------------------------------------------------------

    def flush(self) -> None:
        """Send every buffered row, parents before children (on PostgreSQL, while the caller goes on)."""
        self._require_transaction()
        if not self._pending:
            return
        buffers, self._buffers, self._pending = self._buffers, {}, 0
        if self.history:
            self._add_history_rows(buffers)
        order = _parents_first(buffers, self.table)
        if not self.postgresql:
            for model in order:
                self._bulk_create(self.table(model), buffers[model])
            self._written({self.table(model).label: len(buffers[model]) for model in order})
            return
        copies = [
            (self._copy_sql(self.table(model)), _csv(buffers[model], self.table(model).json_indexes)) for model in order
        ]
        counts = {self.table(model).label: len(buffers[model]) for model in order}
        self._wait()
        raw_connection = self.connection.connection
        self._in_flight = self._executor.submit(_run_copies, raw_connection, copies, counts)

    def _wait(self) -> None:
        """Wait for the COPY in flight; its failure is raised here, as Django's own exceptions."""
        if self._in_flight is None:
            return
        in_flight, self._in_flight = self._in_flight, None
        with self.connection.wrap_database_errors:
            counts = in_flight.result()
        self._written(counts)

    def _written(self, counts: Mapping[str, int]) -> None:
        self.written.update(counts)
        if self.progress is not None:
            self.progress(self.written)

    def _add_history_rows(self, buffers: dict[type[models.Model], list[list[Any]]]) -> None:
        for model in list(buffers):
            history_model = self.table(model).history_model
            if history_model is None:
                continue
            source = self.table(model)
            history = self.table(history_model)
            positions = [source.attnames.index(field.attname) for field in history_model.tracked_fields]
            names = [field.attname for field in history_model.tracked_fields]
            extra = {
                "history_date": self.now,
                "history_type": "+",
                "history_change_reason": self.history_reason,
                "history_user_id": self.history_user_id,
            }
            rows = buffers.setdefault(history_model, [])
            for row in buffers[model]:
                values = {
                    name: (None if row[i] is COPY_NULL else row[i]) for name, i in zip(names, positions, strict=True)
                }
                history_row = history.row_from_mapping({**values, **extra}, self.now, self.null)
                history_row[history.pk_index] = self.new_id(history_model)
                rows.append(history_row)

    def _copy_sql(self, table: TableSpec) -> str:
        quote = self.connection.ops.quote_name
        columns = ", ".join(quote(column) for column in table.columns)
        return f"COPY {quote(table.table)} ({columns}) FROM STDIN WITH (FORMAT csv, NULL '\\N')"

    def _bulk_create(self, table: TableSpec, rows: list[list[Any]]) -> None:
        table.model._base_manager.using(self.using).bulk_create([table.model(*row) for row in rows])

    # Keyed upserts ----------------------------------------------------------------------------

    def upsert(
        self,
        model: type[models.Model],
        rows: Iterable[Mapping[str, Any]],
        *,
        key: Sequence[str],
        compare: Sequence[str] | None = None,
        touch: Sequence[str] = (),
        batch_size: int | None = None,
    ) -> UpsertCounts:
        """Create or update one row of ``model`` per mapping, found by ``key`` (the fields of a unique constraint).

        A row whose key is not stored yet is inserted whole, as :meth:`add_row` would build it
        (defaults, timestamps), its primary key drawn from the table's own sequence as it is
        inserted. A stored row is rewritten only when one of its ``compare`` fields (by default
        every field the first row names, the key aside) differs; then those fields, the ``touch``
        fields and the ``auto_now`` ones are written, and every other column keeps its stored
        value. An equal row is not written at all, so running the same load again writes nothing.

        ``rows`` is read as it comes, ``batch_size`` rows at a time (the writer's by default): on
        PostgreSQL each batch is copied into a temporary staging table and merged by two set-based
        statements, in the helper thread while the next batch is built. Each key once per batch:
        a repeated key breaks the unique constraint, which rolls the whole load back. Elsewhere the
        rows are compared in Python and written with ``bulk_create(update_conflicts=True)``.
        Progress counts the rows read, under the model's label. No history rows are written.
        """
        self._require_transaction()
        table = self.table(model)
        self._sync_sequence(model)  # its new rows take ids from the sequence
        if self.history and table.history_model is not None:
            raise ValueError(f"upsert writes no history: {table.label} keeps one, use BulkWriter(history=False)")
        size = batch_size or self.batch_size
        if size < 1:
            raise ValueError("batch_size must be at least 1")
        rows = iter(rows)
        first = next(rows, None)
        counts = UpsertCounts()
        if first is None:
            return counts
        key = [table.attname(name) for name in key]
        if compare is None:
            compare = [table.attname(name) for name in first if table.attname(name) not in key]
        else:
            compare = [table.attname(name) for name in compare]
        rewritten = [*compare, *(table.attname(name) for name in touch)]
        rewritten += [table.attnames[i] for i in sorted(table.auto_now) if table.attnames[i] not in rewritten]
        self.flush()  # rows added before are written first: an upserted row may name them
        self._wait()
        batches = _batches(first, rows, size)
        if not self.postgresql:
            for batch in batches:
                self._upsert_django(table, batch, key, compare, rewritten, counts)
            return counts
        statements = self._upsert_statements(table, key, compare, rewritten)
        with self.connection.cursor() as cursor:
            cursor.execute(statements.create)
        raw_connection = self.connection.connection
        for batch in batches:
            data = _csv([self._row(model, values) for values in batch], table.json_indexes)
            self._wait()
            self._in_flight = self._executor.submit(
                _run_upsert, raw_connection, statements, data, len(batch), table.label, counts
            )
        self._wait()
        with self.connection.cursor() as cursor:
            cursor.execute(statements.drop)
        return counts

    def _upsert_statements(
        self, table: TableSpec, key: list[str], compare: list[str], rewritten: list[str]
    ) -> _UpsertStatements:
        quote = self.connection.ops.quote_name
        column = {attname: quote(col) for attname, col in zip(table.attnames, table.columns, strict=True)}
        target = quote(table.table)
        staging = quote(f"bulk_staging_{table.table}"[:63])
        # The staging table has every column, the primary key too (NULL when the table numbers its
        # rows: the insert leaves it out, so that only rows actually inserted draw a number).
        staged_columns = ", ".join(quote(col) for col in table.columns)
        columns = ", ".join(
            quote(col) for i, col in enumerate(table.columns) if i != table.pk_index or not table.auto_pk
        )
        joined = " AND ".join(f"stored.{column[name]} = staged.{column[name]}" for name in key)
        assignments = ", ".join(f"{column[name]} = staged.{column[name]}" for name in rewritten)
        differs = (
            f"({', '.join(f'stored.{column[name]}' for name in compare)}) "
            f"IS DISTINCT FROM ({', '.join(f'staged.{column[name]}' for name in compare)})"
        )
        return _UpsertStatements(
            staging=staging,
            create=(
                f"CREATE TEMPORARY TABLE {staging} ON COMMIT DROP AS SELECT {staged_columns} FROM {target} WITH NO DATA"
            ),
            copy=f"COPY {staging} ({staged_columns}) FROM STDIN WITH (FORMAT csv, NULL '\\N')",
            insert=(
                f"INSERT INTO {target} ({columns}) SELECT {columns} FROM {staging} AS staged "
                f"WHERE NOT EXISTS (SELECT 1 FROM {target} AS stored WHERE {joined})"
            ),
            update=(
                f"UPDATE {target} AS stored SET {assignments} FROM {staging} AS staged WHERE {joined} AND {differs}"
                if compare
                else ""
            ),
            truncate=f"TRUNCATE {staging}",
            drop=f"DROP TABLE {staging}",
        )

    def _upsert_django(
        self,
        table: TableSpec,
        batch: list[Mapping[str, Any]],
        key: list[str],
        compare: list[str],
        rewritten: list[str],
        counts: UpsertCounts,
    ) -> None:
        """Without COPY: the batch's stored rows are read once, compared here, and the rest written in one statement."""
        model = table.model
        rows = [table.row_from_mapping(values, self.now, None) for values in batch]
        key_at = [table.attnames.index(name) for name in key]
        compare_at = [table.attnames.index(name) for name in compare]
        stored = {
            tuple(found[: len(key)]): tuple(found[len(key) :])
            for found in model._base_manager.using(self.using)
            .filter(**{f"{key[0]}__in": {row[key_at[0]] for row in rows}})
            .values_list(*key, *compare)
        }
        to_write = []
        for row in rows:
            old = stored.get(tuple(row[i] for i in key_at))
            if old is not None and old == tuple(row[i] for i in compare_at):
                counts.unchanged += 1
                continue
            counts.created += old is None
            counts.updated += old is not None
            to_write.append(model(*row))
        if to_write:
            model._base_manager.using(self.using).bulk_create(
                to_write,
                update_conflicts=bool(rewritten),
                ignore_conflicts=not rewritten,
                unique_fields=[table.field_name(name) for name in key] if rewritten else None,
                update_fields=[table.field_name(name) for name in rewritten] or None,
            )
        self._written({table.label: len(rows)})

    def _reserve_ids(self, model: type[models.Model], count: int) -> list[int]:
        table = self.table(model)
        if not table.auto_pk:
            raise ValueError(f"{table.label} has no automatic primary key: give each row its pk")
        pk_column = model._meta.pk.column
        if table.table in self._local_ids:
            return self._reserve_local_ids(model, count)
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                    [self.connection.ops.quote_name(table.table), pk_column, count],
                )
                ids = [row[0] for row in cursor.fetchall()]
            else:
                # No sequences: count on from the highest id in use. The database allows one writer
                # at a time; should another have inserted meanwhile, the clash fails the whole load.
                quote = self.connection.ops.quote_name
                cursor.execute(f"SELECT MAX({quote(pk_column)}) FROM {quote(table.table)}")
                highest = max(cursor.fetchone()[0] or 0, self._sqlite_sequence(cursor, table.table))
                start = max(highest, self._sqlite_last_id.get(model, 0)) + 1
                ids = list(range(start, start + count))
                self._sqlite_last_id[model] = ids[-1]
        ids.reverse()  # handed out with pop(): lowest first
        return ids

    def _reserve_local_ids(self, model: type[models.Model], count: int) -> list[int]:
        """Ids of a table this load holds locked: one ``nextval`` gives where to start, the rest are
        counted on here (a ``nextval`` per id is a statement that waits for the COPY in flight), and
        the sequence is moved past them before anything else inserts (:meth:`_sync_sequence`)."""
        start = self._next_local_id.get(model)
        if start is None:
            with self.connection.cursor() as cursor:
                cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s))", self._sequence_of(model))
                (start,) = cursor.fetchone()
        self._next_local_id[model] = start + count
        return list(range(start + count - 1, start - 1, -1))  # handed out with pop(): lowest first

    def _sync_sequence(self, model: type[models.Model]) -> None:
        """Move the sequence of a locked table past the ids counted on here."""
        following = self._next_local_id.pop(model, None)
        if following is None:
            return
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, %s), %s)", [*self._sequence_of(model), following - 1]
            )

    def _sequence_of(self, model: type[models.Model]) -> list[str]:
        return [self.connection.ops.quote_name(model._meta.db_table), model._meta.pk.column]

    @staticmethod
    def _sqlite_sequence(cursor, table_name: str) -> int:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'")
        if cursor.fetchone() is None:
            return 0
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table_name])
        found = cursor.fetchone()
        return found[0] if found else 0


def _csv(rows: list[list[Any]], json_indexes: Sequence[int] = ()) -> str:
    """The rows as COPY's CSV; the values of JSON columns written as JSON (NULL stays NULL)."""
    if json_indexes:
        for row in rows:
            for index in json_indexes:
                if row[index] is not COPY_NULL:
                    row[index] = _encode_json(row[index])
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def _batches(first: Any, rest: Iterable[Any], size: int) -> Iterable[list[Any]]:
    batch = [first, *islice(rest, size - 1)]
    while batch:
        yield batch
        batch = list(islice(rest, size))


def _run_copies(raw_connection, copies: list[tuple[str, str]], counts: dict[str, int]) -> dict[str, int]:
    """In the helper thread: the batch's COPY statements, in order, on the writer's connection."""
    with raw_connection.cursor() as cursor:
        for sql, data in copies:
            cursor.copy_expert(sql, io.StringIO(data), COPY_READ_SIZE)
    return counts


def _run_upsert(
    raw_connection, statements: _UpsertStatements, data: str, size: int, label: str, counts: UpsertCounts
) -> dict[str, int]:
    """In the helper thread: one batch of an upsert, staged by COPY and merged by two statements."""
    with raw_connection.cursor() as cursor:
        cursor.copy_expert(statements.copy, io.StringIO(data), COPY_READ_SIZE)
        cursor.execute(statements.insert)
        created = cursor.rowcount
        updated = 0
        if created < size and statements.update:  # some were stored already: rewrite those that differ
            cursor.execute(statements.update)
            updated = cursor.rowcount  # the rows just inserted compare equal: not rewritten
        cursor.execute(statements.truncate)
    counts.created += created
    counts.updated += updated
    counts.unchanged += size - created - updated
    return {label: size}


def _parents_first(
    buffers: Mapping[type[models.Model], Any], table: Callable[[type[models.Model]], TableSpec]
) -> list[type[models.Model]]:
    """The buffered models ordered so that a model comes after every buffered model it points to."""
    ordered: list[type[models.Model]] = []
    visiting: set[type[models.Model]] = set()

    def visit(model: type[models.Model]) -> None:
        if model in ordered or model in visiting:
            return
        visiting.add(model)
        for parent in table(model).parents:
            if parent in buffers:
                visit(parent)
        visiting.discard(model)
        ordered.append(model)

    for model in buffers:
        visit(model)
    return ordered


def bulk_insert(
    model: type[models.Model],
    rows: Iterable[Mapping[str, Any] | models.Model],
    *,
    using: str = "default",
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
    history: bool = True,
) -> list[Any]:
    """Insert rows of one model, all or nothing; return their primary keys in order."""
    keys = []
    with BulkWriter(using=using, batch_size=batch_size, progress=progress, history=history) as writer:
        for row in rows:
            keys.append(writer.add(row).pk if isinstance(row, models.Model) else writer.add_row(model, row))
    return keys
