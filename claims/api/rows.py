"""A serializer's shape for rows read as plain values (``QuerySet.values()``) instead of model instances.

A list of fifty claims read through the ORM and DRF builds some 250 model instances and walks every
field of five nested serializers through DRF's general machinery for each row; that is most of a
list request. :class:`RowShape` reads the same serializer once, when it is built: which columns
each of its fields shows (a related object's through ``__`` paths) and how DRF writes each value,
then turns a row of ``values()`` into the dict the serializer would give, key for key, with one
plain function written for that serializer. The serializer stays the one description of the shape
(and of the OpenAPI schema); a field this module cannot read from a column (a method field, a list,
a value from another query) must be named in ``given`` and set on each row by the caller, else
building the shape fails.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable

from django.db import models
from rest_framework import serializers

# Fields whose to_representation() gives back a value of the type the database gives them (a str,
# an int, a choice's str) unchanged: read as they are. Every other field's value goes through the
# field's own to_representation() (dates and times in the current time zone, decimals, URLs...).
AS_READ = (
    serializers.CharField.to_representation,
    serializers.IntegerField.to_representation,
    serializers.ChoiceField.to_representation,
)
# Fields that show something else than a column's value: a method's result, related objects' keys, a
# list or a dict.
NOT_COLUMNS = (
    serializers.SerializerMethodField,
    serializers.RelatedField,
    serializers.ManyRelatedField,
    serializers.ListField,
    serializers.DictField,
    serializers.HiddenField,
)


class RowShape:
    """How ``serializer`` (a ``ModelSerializer``, bound or not) shows rows of ``values()``.

    ``columns`` are the value paths to select; ``shape(rows)`` gives the serializer's dicts for rows of
    them (what ``serializer_class(rows, many=True).data`` gives for their model instances). ``given``:
    names of the serializer's own fields that the caller sets on each row itself, read as they are.
    """

    def __init__(self, serializer: serializers.ModelSerializer, *, given: Iterable[str] = ()) -> None:
        self.given = frozenset(given)
        unknown = self.given - serializer.fields.keys()
        if unknown:
            raise ValueError(f"{type(serializer).__name__} has no field {', '.join(sorted(unknown))}")
        self._columns: dict[str, None] = {}
        self._formatted: list[serializers.Field] = []
        body = self._dict(serializer, serializer.Meta.model, "")
        clash = self.given & self._columns.keys()
        if clash:
            raise ValueError(f"{', '.join(sorted(clash))}: both given and read from a column")
        self.columns: list[str] = list(self._columns)
        arguments = "".join(f", f{number}" for number in range(len(self._formatted)))
        self.source = f"def shape(rows{arguments}):\n    return [{body} for r in rows]\n"
        namespace: dict = {}
        exec(compile(self.source, f"<row shape of {type(serializer).__name__}>", "exec"), namespace)  # noqa: S102
        self._shape = namespace["shape"]

    def shape(self, rows: Iterable[dict]) -> list[dict]:
        return self._shape(rows, *map(_formatter, self._formatted))

    def _dict(self, serializer: serializers.Serializer, model: type[models.Model], prefix: str) -> str:
        items = []
        for field in serializer._readable_fields:
            name = field.field_name
            if not prefix and name in self.given:
                items.append(f"{name!r}: r[{name!r}]")
            else:
                items.append(f"{name!r}: {self._value(field, model, prefix)}")
        return "{" + ", ".join(items) + "}"

    def _value(self, field: serializers.Field, model: type[models.Model], prefix: str) -> str:
        where = f"{type(field.parent).__name__}.{field.field_name}"
        if len(field.source_attrs) != 1 or isinstance(field, NOT_COLUMNS):
            raise ValueError(f"{where} is not read from a column of {model.__name__}: name it in given")
        if isinstance(field, serializers.BaseSerializer):
            return self._related(field, model, prefix, where)
        # A model's column or an annotation of the QuerySet (values() refuses a name that is neither).
        column = self._column(prefix + field.source)
        if type(field).to_representation in AS_READ:
            return column
        self._formatted.append(field)
        return f"(None if (v := {column}) is None else f{len(self._formatted) - 1}(v))"

    def _related(self, nested: serializers.BaseSerializer, model: type[models.Model], prefix: str, where: str) -> str:
        """A nested serializer of a foreign key: the related row's columns, or None without one."""
        try:
            relation = model._meta.get_field(nested.source)
        except models.FieldDoesNotExist:
            relation = None
        if isinstance(nested, serializers.ListSerializer) or relation is None or not relation.many_to_one:
            raise ValueError(f"{where} is not read from a foreign key of {model.__name__}: name it in given")
        related = relation.related_model
        path = f"{prefix}{nested.source}__"
        body = self._dict(nested, related, path)
        if not relation.null:
            return body
        return f"(None if {self._column(path + related._meta.pk.name)} is None else {body})"

    def _column(self, path: str) -> str:
        self._columns[path] = None
        return f"r[{path!r}]"


def _formatter(field: serializers.Field) -> Callable:
    """The field's to_representation() for the values of one call. DRF looks up the current time zone
    again for each date and time (a tenth of the list's work); it is the same for the whole call, so a
    copy of the field is given it once, as if it had been built with it."""
    if isinstance(field, serializers.DateTimeField) and not hasattr(field, "timezone"):
        field = copy.copy(field)
        field.timezone = field.default_timezone()
    return field.to_representation
