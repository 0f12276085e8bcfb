"""The desk's jobs page: read-only, because a job's record is written by the job itself."""

from __future__ import annotations

from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from .models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "kind",
        "status",
        "percentage",
        "rows_written",
        "error_count",
        "started_by",
        "created_at",
    ]
    list_filter = ["status", "kind"]
    list_select_related = ["started_by"]
    search_fields = ["kind", "idempotency_key", "started_by__username"]
    date_hierarchy = "created_at"
    fields = [
        ("kind", "status"),
        "percentage",
        "rows_written",
        "started_by",
        ("created_at", "started_at", "finished_at"),
        ("worker", "attempts"),
        "idempotency_key",
        "params",
        "log_lines",
        "error_lines",
    ]
    readonly_fields = [name for entry in fields for name in (entry if isinstance(entry, tuple) else (entry,))]

    @admin.display(description=_("progress"), ordering="progress")
    def percentage(self, obj: Job) -> str:
        return format_html('<progress max="100" value="{0}">{0}%</progress> {0}%', obj.progress)

    @admin.display(description=_("errors"))
    def error_count(self, obj: Job) -> int:
        return len(obj.errors)

    @admin.display(description=_("log"))
    def log_lines(self, obj: Job) -> str:
        return format_html_join("\n", "<div>{} — {}</div>", ((e.get("at", ""), e.get("message", "")) for e in obj.log))

    @admin.display(description=_("errors"))
    def error_lines(self, obj: Job) -> str:
        return format_html_join("\n", "<div>{}</div>", ((e.get("message", str(e)),) for e in obj.errors))

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        # Finished jobs may be cleared away; a queued or running one keeps its record while it works.
        return super().has_delete_permission(request, obj) and (obj is None or obj.finished)
