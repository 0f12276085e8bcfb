import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from claims.models import Rating

pytestmark = pytest.mark.django_db


def codenames(group_name: str) -> set[str]:
    return set(Group.objects.get(name=group_name).permissions.values_list("codename", flat=True))


def test_the_migration_gives_fact_checkers_drafting_rights_and_nothing_to_publish():
    perms = codenames("fact-checker")
    assert {"add_claim", "change_claim", "add_verdict", "change_verdict", "add_source", "add_evidence"} <= perms
    assert not perms & {"publish_claim", "review_claim", "correct_verdict", "add_updatenote", "delete_claim"}
    assert not perms & {"add_rating", "change_rating", "delete_rating"}


def test_the_migration_gives_editors_everything_fact_checkers_have_plus_review_and_corrections():
    assert codenames("fact-checker") < codenames("editor")
    assert {"publish_claim", "review_claim", "correct_verdict", "add_updatenote", "add_correction"} <= codenames(
        "editor"
    )
    assert not codenames("editor") & {"add_rating", "change_rating", "delete_rating"}


def test_the_seed_is_signed_by_two_demonstration_editors_who_cannot_sign_in(seed):
    User = get_user_model()
    author = User.objects.get(username="demo-redaction")
    reviewer = User.objects.get(username="demo-relecture")
    for user in (author, reviewer):
        assert user.is_staff and not user.is_superuser and not user.has_usable_password()
        assert list(user.groups.values_list("name", flat=True)) == ["editor"]
        assert "(démonstration)" in user.get_full_name()
    assert not User.objects.filter(username__in=["claire.dubois", "marc.lefevre"]).exists()


def test_the_demo_editor_is_a_staff_editor_who_sees_all_22_claims_but_not_users_or_ratings(
    seed, client, capsys, settings
):
    settings.DEBUG = True  # the demo editor exists only in development
    call_command("ensure_demo_editor")
    password = re.search(r"password '([^']+)'", capsys.readouterr().out).group(1)
    user = get_user_model().objects.get(username="editeur")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["editor"]

    login = client.post(reverse("admin:login"), {"username": "editeur", "password": password})
    assert login.status_code == 302
    response = client.get(reverse("admin:claims_claim_changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == 22
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    rating = Rating.objects.first()
    response = client.post(reverse("admin:claims_rating_change", args=[rating.pk]), {"label_fr": "Changé"})
    assert response.status_code == 403
    rating.refresh_from_db()
    assert rating.label_fr != "Changé"


def test_running_the_demo_command_twice_keeps_one_group_membership(db, capsys, settings):
    settings.DEBUG = True
    call_command("ensure_demo_editor")
    call_command("ensure_demo_editor")
    user = get_user_model().objects.get(username="editeur")
    assert user.groups.count() == 1
