"""Pieces every resource of ``/api/v1/`` shares: who sees drafts, writes through the services,
answers in the GET shape with an ``ETag``, and serializer fields used across resources."""

from __future__ import annotations

import copy
from collections.abc import Mapping

from django.utils.functional import cached_property
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject
from rest_framework.request import Request
from rest_framework.response import Response

from ..services import roles
from ..services.updates import ChangeNote
from .permissions import IsDesk
from .versions import IfMatchMixin

VERSION_HELP = "On an edit: the version it is based on (or send If-Match). A stale version is a 412."
WRITE_ACTIONS = {"create", "update", "partial_update"}


def reads_drafts(request: Request) -> bool:
    """The desk (fact-checkers, editors, admins) reads drafts; everyone else reads published content."""
    return roles.is_desk(request.user)


class OptionalURLField(serializers.URLField):
    """A URL the database keeps blank when unknown: ``null`` in JSON, since "" is not a URI."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 500)
        super().__init__(**kwargs)

    def run_validation(self, data=serializers.empty):
        if data is None or data == "":
            return ""
        return super().run_validation(data)

    def to_representation(self, value):
        return value or None


class ReadSerializer(serializers.ModelSerializer):
    """A read-only shape of a model, cheap enough to run fifty times a request.

    Two costs of a ``ModelSerializer`` go: it reads its model's options and builds every field each
    time it is made, that is on every request and for every nested serializer (about 4 ms of a
    claim's detail), although the fields depend only on the class: here the first instance keeps
    what it built and later ones get a copy (the copy DRF itself makes of declared fields). And it
    reads each field of each row through DRF's general attribute lookup; a field that shows one of
    the model's own columns is read here with a plain ``getattr``. Everything else (relations,
    nested serializers, method fields, annotations) goes through DRF's own path, so the output is
    the same.
    """

    def get_fields(self):
        return _fields_built_once(self, super().get_fields)

    @cached_property
    def _reading_plan(self) -> list[tuple[str, str | None, serializers.Field]]:
        columns = {
            field.name: field.attname for field in self.Meta.model._meta.concrete_fields if not field.is_relation
        }
        general = (serializers.SerializerMethodField, serializers.RelatedField, serializers.ManyRelatedField)
        plan = []
        for field in self._readable_fields:
            plain = len(field.source_attrs) == 1 and not isinstance(field, (*general, serializers.BaseSerializer))
            plan.append((field.field_name, columns.get(field.source) if plain else None, field))
        return plan

    def to_representation(self, instance):
        if isinstance(instance, Mapping):
            return super().to_representation(instance)
        representation = {}
        for name, column, field in self._reading_plan:
            if column is not None:
                value = getattr(instance, column)
            else:
                try:
                    value = field.get_attribute(instance)
                except SkipField:
                    continue
                if isinstance(value, PKOnlyObject) and value.pk is None:
                    value = None
            representation[name] = None if value is None else field.to_representation(value)
        return representation


def _fields_built_once(serializer: serializers.Serializer, build) -> dict[str, serializers.Field]:
    """The serializer's fields: ``build()`` for the first instance of its class, kept, and copied for each."""
    cls = type(serializer)
    built = cls.__dict__.get("_fields_built_once")
    if built is None:
        built = build()
        cls._fields_built_once = built
    return {name: _fresh(field) for name, field in built.items()}


def _fresh(field: serializers.Field) -> serializers.Field:
    """A copy of a built, unbound field for one serializer instance to bind.

    DRF deep-copies: it makes every field again from its arguments, and copies their choices, their
    validators and the lazy strings of their labels (about half the Python of a claim's detail).
    A plain field is bound by setting its name, parent and source on the copy, and reading never
    changes what it shares with the built one, so a shallow copy does. A field that holds fields of
    its own (a nested serializer, a list of related objects) binds those to itself when it is made,
    and is still deep-copied.
    """
    if isinstance(field, serializers.BaseSerializer | serializers.ManyRelatedField):
        return copy.deepcopy(field)
    return copy.copy(field)


class ServiceSerializer(serializers.ModelSerializer):
    """A write serializer: it checks the input's shape; its ``create``/``update`` call a service.

    Nested read-only in a read shape (a claim's sources), its fields are built once, as a
    :class:`ReadSerializer`'s are.
    """

    def get_fields(self):
        if self.read_only:
            return _fields_built_once(self, super().get_fields)
        return super().get_fields()

    def user(self):
        return self.context["request"].user

    def expected_version(self, validated_data: dict) -> int | None:
        body = validated_data.pop("version", None)
        return body if body is not None else self.context.get("if_match")


class ChangeNoteMixin(serializers.Serializer):
    """``change_note``: what an editor changed in a published claim's content; readers see it as a
    minor update. Required for such a change, ignored otherwise."""

    CHANGE_NOTE_FIELDS = ["change_note", "change_note_en"]

    change_note = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=300,
        write_only=True,
        help_text="On a published claim (editors): what changed, in French; shown to readers as a minor update.",
    )
    change_note_en = serializers.CharField(
        required=False, allow_blank=True, max_length=300, write_only=True, help_text="The same in English."
    )

    def change(self, validated_data: dict) -> ChangeNote:
        return ChangeNote(
            note_fr=validated_data.pop("change_note", ""), note_en=validated_data.pop("change_note_en", "")
        )


class DeskSeesAllMixin:
    """``published()`` for everyone, the whole table for the desk."""

    model = None

    def base_queryset(self):
        manager = self.model.objects
        return manager.all() if reads_drafts(self.request) else manager.published()


class WritableViewSet(
    IfMatchMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Everyone reads (what ``get_queryset`` lets them see); the desk creates and updates through the
    write serializer's services. A write answers with the object as a GET shows it, and its ``ETag``.
    No deletes."""

    write_serializer_class: type[serializers.Serializer] | None = None

    def get_serializer_class(self):
        if self.action in WRITE_ACTIONS and self.write_serializer_class is not None:
            return self.write_serializer_class
        return super().get_serializer_class()

    def etag(self, instance) -> str:
        return f'"{instance.version}"'

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        """The object, with its version as ``ETag``: what to send back in ``If-Match`` when changing it."""
        instance = self.get_object()
        return Response(self.get_serializer(instance).data, headers={"ETag": self.etag(instance)})

    def written(self, instance, status_code: int) -> Response:
        """The saved object in the GET shape, reloaded as a GET loads it, with its ``ETag``."""
        self.action = "retrieve"
        instance = self.get_queryset().get(pk=instance.pk)
        serializer = self.get_serializer_class()(instance, context=self.get_serializer_context())
        return Response(serializer.data, status=status_code, headers={"ETag": self.etag(instance)})

    def create(self, request: Request, *args, **kwargs) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self.written(serializer.save(), status.HTTP_201_CREATED)

    def update(self, request: Request, *args, **kwargs) -> Response:
        partial = kwargs.pop("partial", False)
        serializer = self.get_serializer(self.get_object(), data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        return self.written(serializer.save(), status.HTTP_200_OK)


class DeskViewSet(WritableViewSet):
    """The parts of claims (quantities, evidence, verdicts): the desk only, reads included."""

    permission_classes = [IsDesk]
