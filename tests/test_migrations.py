"""The migrations leave the database with the rules the models rely on."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection

from claims.services.roles import ROLES

pytestmark = pytest.mark.django_db

CLAIM_TRIGGERS = {
    "postgresql": {"claim_offsets_within_article", "claim_offsets_within_article_insert", "article_text_keeps_claims"},
    "sqlite": {
        "claim_offsets_within_article_insert",
        "claim_offsets_within_article_update",
        "claim_quote_matches_article_insert",
        "claim_quote_matches_article_update",
        "article_text_keeps_claims",
    },
}


def trigger_names() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        return {row[0] for row in cursor.fetchall()}


def test_the_offset_triggers_exist_after_migrate():
    assert CLAIM_TRIGGERS[connection.vendor] <= trigger_names()


@pytest.mark.postgresql
def test_the_claim_trigger_fires_only_on_the_columns_it_guards():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgname = 'claim_offsets_within_article'")
        definition = cursor.fetchone()[0]
    assert 'UPDATE OF article_id, start, "end", quote' in definition


def test_the_roles_exist_with_their_permissions():
    for name, codenames in ROLES.items():
        group = Group.objects.get(name=name)
        assert set(group.permissions.values_list("codename", flat=True)) == set(codenames)
