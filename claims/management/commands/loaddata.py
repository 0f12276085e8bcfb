"""``loaddata`` that restores the history tables as they were dumped, adding no record of its own.

django-simple-history records a version when a many-to-many field changes, and Django's fixture
loading sets those fields after the raw save: each claim with topics (and update note with sources)
would gain a version the dump never had, numbered from the sequence, which on PostgreSQL collides
with a dumped version's id. History is switched off while fixtures load; the dump carries it.
"""

from django.core.management.commands.loaddata import Command as LoadDataCommand
from django.test.utils import override_settings


class Command(LoadDataCommand):
    def handle(self, *fixture_labels, **options):
        with override_settings(SIMPLE_HISTORY_ENABLED=False):
            return super().handle(*fixture_labels, **options)
