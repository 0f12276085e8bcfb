"""Every API error is JSON: DRF's own exceptions, Django's, database refusals and unknown URLs."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views.defaults import server_error as html_server_error
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler


def _validation_detail(error: DjangoValidationError):
    if hasattr(error, "error_dict"):
        return {field: [str(m) for m in messages] for field, messages in error.message_dict.items()}
    return {"non_field_errors": [str(m) for m in error.messages]}


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(_validation_detail(exc))
    elif isinstance(exc, IntegrityError | DataError):
        # A database constraint or trigger refused the write; the transaction is rolled back.
        exc = exceptions.ValidationError({"non_field_errors": [_("The database refused this change: %s") % exc]})
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    return drf_exception_handler(exc, context)


def api_not_found(request, *args, **kwargs):
    """Unknown URLs under ``/api/``: a JSON 404 rather than the HTML page."""
    return JsonResponse({"detail": _("No API endpoint at this URL.")}, status=status.HTTP_404_NOT_FOUND)


def server_error(request, *args, **kwargs):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Server error.")}, status=status.HTTP_500_INTERNAL_SERVER_ERROR)
    return html_server_error(request, *args, **kwargs)
