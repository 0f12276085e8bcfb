"""The content version as the database records it (see ``claims.services.publication``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    """One row: the version of the published content, moved by the services after every change of it.

    The cache holds the same kind of version for the anonymous cache's keys and ETags, but a cache in
    process memory is each process's own; this row is read alike by every process and every machine,
    so that what is kept on disk per version (the DataFeed's copies, ``claims.datafeed``) is never
    served after a change made by another process.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    value = models.BigIntegerField(
        _("version"), help_text=_("A time in milliseconds, moved forward (never back) by every change.")
    )

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content version")
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="content_version_single_row")]

    def __str__(self) -> str:
        return str(self.value)
