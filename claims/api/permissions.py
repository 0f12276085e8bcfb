from rest_framework.permissions import SAFE_METHODS, BasePermission


class StaffWritesOthersRead(BasePermission):
    """Anyone reads (what the QuerySet lets them see); only staff write. Anonymous writes are 401, others 403."""

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        user = request.user
        return bool(user and user.is_authenticated and user.is_staff)


class IsStaff(BasePermission):
    """Staff only, for reading too: drafts live behind these endpoints."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.is_staff)
