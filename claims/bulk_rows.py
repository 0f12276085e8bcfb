"""Rows for the bulk write path: each model's columns, defaults and timestamps, worked out once.

A row is a list of column values in the table's order, ready for ``COPY`` (with :data:`COPY_NULL`
for NULL) or for ``Model(*row)``; see :mod:`claims.bulk`.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from typing import Any

from django.db import models


class CopyNull:
    """COPY's NULL marker: counted as a number by ``csv.QUOTE_NONNUMERIC``, so written unquoted."""

    def __float__(self) -> float:
        return 0.0

    def __str__(self) -> str:
        return r"\N"


COPY_NULL = CopyNull()
REQUIRED = object()


class TableSpec:
    """What the writer needs to know about one model, worked out once."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        self.label = model._meta.label
        self.table = model._meta.db_table
        self.fields = list(model._meta.concrete_fields)
        self.attnames = [field.attname for field in self.fields]
        self.columns = [field.column for field in self.fields]
        self.pk_index = self.attnames.index(model._meta.pk.attname)
        self.auto_pk = isinstance(model._meta.pk, models.AutoField | models.BigAutoField | models.SmallAutoField)
        self.get_values = operator.attrgetter(*self.attnames)
        self.names = {field.name: index for index, field in enumerate(self.fields)}
        self.known = set(self.names) | set(self.attnames)
        self.parents = {
            field.related_model for field in self.fields if field.is_relation and field.related_model is not model
        }
        self.timestamps = [
            index
            for index, field in enumerate(self.fields)
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        ]
        self.foreign_keys = [(index, field) for index, field in enumerate(self.fields) if field.is_relation]
        # Rows may name a foreign key by field name (``article=``) as well as by attribute (``article_id=``).
        self.by_name = {field.name: field.attname for _index, field in self.foreign_keys}
        self.auto_now = {index for index in self.timestamps if getattr(self.fields[index], "auto_now", False)}
        self.defaults: list[Any] = []
        for index, field in enumerate(self.fields):
            if index == self.pk_index or index in self.timestamps:
                self.defaults.append(None)
            elif field.has_default():
                self.defaults.append(field.default)
            elif field.null:
                self.defaults.append(None)
            elif field.blank and field.empty_strings_allowed:
                self.defaults.append("")
            else:
                self.defaults.append(REQUIRED)
        self.pairs = list(zip(self.attnames, self.defaults, strict=True))
        # Fields whose missing value needs more than a constant: required ones, callable defaults.
        self.special = [
            index for index, default in enumerate(self.defaults) if default is REQUIRED or callable(default)
        ]
        self.json_indexes = [index for index, field in enumerate(self.fields) if isinstance(field, models.JSONField)]
        self._names = {field.name: field.attname for field in self.fields} | {a: a for a in self.attnames}
        history = getattr(model, "history", None)
        self.history_model: type[models.Model] | None = getattr(history, "model", None)

    def attname(self, name: str) -> str:
        """The column attribute of a field given by name (``article``) or attribute (``article_id``)."""
        try:
            return self._names[name]
        except KeyError:
            raise TypeError(f"{self.label} has no field {name}") from None

    def field_name(self, attname: str) -> str:
        return self.fields[self.attnames.index(attname)].name

    def _by_attname(self, values: Mapping[str, Any]) -> dict[str, Any]:
        converted = {}
        for key, value in values.items():
            if key in self.by_name:
                key = self.by_name[key]
                value = value.pk if isinstance(value, models.Model) else value
            converted[key] = value
        return converted

    def row_from_mapping(self, values: Mapping[str, Any], now, null) -> list[Any]:
        """The row's values in column order, ``null`` for NULL (COPY's marker, or None)."""
        if not self.known.issuperset(values):
            unknown = ", ".join(sorted(set(values) - self.known))
            raise TypeError(f"{self.label} has no field {unknown}")
        if not self.by_name.keys().isdisjoint(values):
            values = self._by_attname(values)
        row = [null if (value := values.get(attname, default)) is None else value for attname, default in self.pairs]
        for index in self.special:
            if self.attnames[index] not in values:
                default = self.defaults[index]
                if default is REQUIRED:
                    raise ValueError(f"{self.label}.{self.fields[index].name} is required")
                row[index] = default()
        for index in self.timestamps:
            if row[index] is null or index in self.auto_now:
                row[index] = now
        return row

    def row_maker(self, names: tuple[str, ...], now, null) -> Callable[[Mapping[str, Any]], list[Any]]:
        """:meth:`row_from_mapping` for many rows that all name the fields ``names``, in that order.

        The work that depends only on the names (checking them, finding their columns, filling the
        defaults and timestamps) is done once, here: each row starts from a copy of that template
        and takes its own values. A callable default is called for each row. Raises as
        :meth:`row_from_mapping` would for a field that does not exist or a required one missing.
        """
        first = dict.fromkeys(names)
        template = self.row_from_mapping(first, now, null)
        if not self.by_name.keys().isdisjoint(names):  # parents given as instances: converted row by row
            return lambda values: self.row_from_mapping(values, now, null)
        stamps = set(self.timestamps)
        positions = [
            (name, index, now if index in stamps else null)
            for name, index in ((name, self.attnames.index(self.attname(name))) for name in names)
            if index not in self.auto_now  # always the load's time, already in the template
        ]
        calls = [(index, self.defaults[index]) for index in self.special if self.attnames[index] not in first]

        def make_row(values: Mapping[str, Any]) -> list[Any]:
            row = template.copy()
            for name, index, missing in positions:
                value = values[name]
                row[index] = missing if value is None else value
            for index, default in calls:
                row[index] = default()
            return row

        return make_row

    def row_from_instance(self, obj: models.Model, now, null) -> list[Any]:
        for _index, field in self.foreign_keys:
            # A parent assigned before it had a pk: take its pk now, as save() does.
            if getattr(obj, field.attname) is None and field.is_cached(obj):
                parent = field.get_cached_value(obj)
                if parent is not None:
                    if parent.pk is None:
                        raise ValueError(f"{self.label}.{field.name} names a {parent._meta.label} with no pk yet")
                    setattr(obj, field.attname, parent.pk)
        for index in self.timestamps:
            if index in self.auto_now or getattr(obj, self.attnames[index]) is None:
                setattr(obj, self.attnames[index], now)
        values = self.get_values(obj) if len(self.attnames) > 1 else (self.get_values(obj),)
        return [null if value is None else value for value in values]
