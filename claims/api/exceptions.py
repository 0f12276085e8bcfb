"""Every API error is JSON: DRF's own exceptions, Django's, database refusals and unknown URLs.

No database text reaches a client: a refused write is named in the project's words (the field of a
unique constraint, or a generic conflict), never with the constraint, table or ``DETAIL`` line.
"""

import sys

from django.apps import apps
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError, models
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views.csrf import csrf_failure as html_csrf_failure
from django.views.decorators.csrf import csrf_exempt
from django.views.defaults import server_error as html_server_error
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler

from factcheck.middleware import OUTAGE_ERRORS, database_unavailable

from ..services import errors


def _validation_detail(error: DjangoValidationError):
    if hasattr(error, "error_dict"):
        return {field: [str(m) for m in messages] for field, messages in error.message_dict.items()}
    return {"non_field_errors": [str(m) for m in error.messages]}


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The object changed since the version your change is based on."


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_detail = "Say which version your change is based on (If-Match or the body's version)."


class WorkflowConflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "This transition does not apply to the claim as it stands."


def _workflow_exception(exc: errors.WorkflowError) -> exceptions.APIException:
    if isinstance(exc, errors.NotAllowed):
        return exceptions.PermissionDenied(str(exc))
    if isinstance(exc, errors.EditConflict):
        if exc.current_version is None:
            return PreconditionRequired(str(exc))
        return PreconditionFailed(str(exc))
    if isinstance(exc, errors.PublishingBlocked):
        return exceptions.ValidationError({"detail": str(exc), "missing": [str(m) for m in exc.missing]})
    if isinstance(exc, errors.CorrectionRequired):
        return exceptions.ValidationError({exc.field: [str(exc)]})
    return WorkflowConflict(str(exc))


def _unique_fields(exc: IntegrityError) -> list[str]:
    """The fields of the unique constraint ``exc`` names, when it names one of ours."""
    diag = getattr(exc.__cause__, "diag", None)
    name = getattr(diag, "constraint_name", None)
    if name is None:
        return []
    for model in apps.get_app_config("claims").get_models():
        for constraint in model._meta.constraints:
            if isinstance(constraint, models.UniqueConstraint) and constraint.name == name:
                return list(constraint.fields)
        for field in model._meta.local_fields:
            if field.unique and name == f"{model._meta.db_table}_{field.column}_key":
                return [field.name]
    return []


def _database_refusal(exc: IntegrityError | DataError) -> exceptions.ValidationError:
    if isinstance(exc, DataError):
        message = _("A value is too long or out of range for its field.")
        return exceptions.ValidationError({"non_field_errors": [message]})
    fields = _unique_fields(exc)
    if fields:
        return exceptions.ValidationError({field: [_("Another record already has this value.")] for field in fields})
    return exceptions.ValidationError(
        {"non_field_errors": [_("This change conflicts with data already stored, or breaks one of its rules.")]}
    )


def exception_handler(exc, context):
    current_version = getattr(exc, "current_version", None)
    if isinstance(exc, errors.WorkflowError):
        exc = _workflow_exception(exc)
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(_validation_detail(exc))
    elif isinstance(exc, IntegrityError | DataError):
        # A database constraint or trigger refused the write; the transaction is rolled back.
        exc = _database_refusal(exc)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is not None and current_version is not None:
        response.data["current_version"] = current_version  # what to base a retry on
    return response


@csrf_exempt
def api_not_found(request, *args, **kwargs):
    """Unknown URLs under ``/api/``: a JSON 404 rather than the HTML page."""
    return JsonResponse({"detail": _("No API endpoint at this URL.")}, status=status.HTTP_404_NOT_FOUND)


def server_error(request, *args, **kwargs):
    """Django's last resort; a database outage met outside any view is still a 503."""
    if isinstance(sys.exc_info()[1], OUTAGE_ERRORS):
        return database_unavailable(request)
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Server error.")}, status=status.HTTP_500_INTERNAL_SERVER_ERROR)
    return html_server_error(request, *args, **kwargs)


def csrf_failure(request, reason: str = "", template_name: str = "403_csrf.html"):
    """A session-authenticated write without its CSRF token: JSON under ``/api/``."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("CSRF check failed: %s") % reason}, status=status.HTTP_403_FORBIDDEN)
    return html_csrf_failure(request, reason=reason, template_name=template_name)
