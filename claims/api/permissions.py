from rest_framework.permissions import SAFE_METHODS, BasePermission

from ..services import roles


class DeskWritesOthersRead(BasePermission):
    """Anyone reads (what the QuerySet lets them see); only the desk writes. Anonymous writes are 401,
    others 403; the services then check the role for each change."""

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or roles.is_desk(request.user)


class IsDesk(BasePermission):
    """The desk only, for reading too: drafts live behind these endpoints."""

    def has_permission(self, request, view) -> bool:
        return roles.is_desk(request.user)
