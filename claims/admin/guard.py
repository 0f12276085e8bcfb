"""Bad input to the admin is a 400 or a 404, never a server error.

Django's admin and django-simple-history hand some request values to the ORM unchecked: a NUL
byte in a list filter, a search or an autocomplete term (PostgreSQL refuses NUL in text), a
non-numeric id in a history URL, an action on ids that are not ids. This middleware checks those
values against the model the admin view serves, before the view runs.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _

ADMIN_PATH = "/admin/"
NUL = "\x00"


def _has_nul(values) -> bool:
    return any(NUL in key or any(NUL in value for value in values.getlist(key)) for key in values)


def _is_pk(model, value: str) -> bool:
    if NUL in value:
        return False
    try:
        model._meta.pk.to_python(value)
    except (ValidationError, ValueError, TypeError):
        return False
    return True


def _ids(view_func: Callable, view_args: tuple, view_kwargs: dict):
    """The ModelAdmin behind an admin view, with the object id and history version id it was given."""
    model_admin = getattr(view_func, "model_admin", None)
    if model_admin is not None:
        return model_admin, view_kwargs.get("object_id"), None
    # django-simple-history's version page: admin_view(model_admin.history_form_view), ids positional.
    view = getattr(view_func, "__wrapped__", None)
    if getattr(view, "__name__", "") == "history_form_view" and len(view_args) == 2:
        return view.__self__, view_args[0], view_args[1]
    return None, None, None


class AdminInputMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(ADMIN_PATH) and _has_nul(request.GET):
            return HttpResponseBadRequest(_("The address contains a NUL character."))
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: Callable, view_args: tuple, view_kwargs: dict):
        if not request.path_info.startswith(ADMIN_PATH):
            return None
        model_admin, object_id, version_id = _ids(view_func, view_args, view_kwargs)
        if model_admin is None:
            return None
        model = model_admin.model
        if object_id is not None and not _is_pk(model, unquote(object_id)):
            raise Http404(_("No such record."))
        if version_id is not None and not _is_pk(model.history.model, version_id):
            raise Http404(_("No such version."))
        selected = request.POST.getlist("_selected_action") if request.method == "POST" else []
        if not all(_is_pk(model, value) for value in selected):
            return HttpResponseBadRequest(_("The selection names records that cannot exist."))
        return None
