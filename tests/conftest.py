import importlib
import json
import os
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import clear_url_caches
from django.utils import translation

from claims.seed import DEFAULT_SEED, load_seed

SHARED_DIR = Path(__file__).resolve().parent.parent.parent / "shared"


def shared_file(relative: str) -> Path:
    """A file of ../shared; skipped when absent, except in CI where its absence is a failure."""
    path = SHARED_DIR / relative
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI runs with ../shared beside the repository")
        pytest.skip(f"{path} is not here")
    return path


@pytest.fixture
def roles_after_flush(transactional_db):
    """The editorial groups again, for tests that run in real transactions.

    Such tests empty the database when they end (Django's flush), taking the groups that
    migration 0003 created with it; the permissions come back by themselves (post_migrate).
    """
    roles = importlib.import_module("claims.migrations.0003_roles").ROLES
    for name, codenames in roles.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(Permission.objects.filter(content_type__app_label="claims", codename__in=codenames))


@pytest.fixture
def english(settings):
    """English messages for tests that assert the English source strings of the admin and services.

    The catalogues translate every message into French, the site's default language; these tests
    read the English text instead of following each translation.
    """
    settings.LANGUAGE_CODE = "en"
    clear_url_caches()  # the URL resolver caches prefixes per language; the default one changed
    with translation.override("en"):
        yield
    clear_url_caches()


@pytest.fixture
def seed(db):
    """The seed article with its 22 claims, verdicts and sources."""
    return load_seed()


@pytest.fixture
def seed_data() -> dict:
    return json.loads(DEFAULT_SEED.read_text(encoding="utf-8"))


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("chief", "chief@example.org", "correct horse battery")


@pytest.fixture
def admin_client_fr(client, superuser):
    client.force_login(superuser)
    return client


def staff_member(username: str, group: str):
    """An active staff user in one of the groups of migration 0003."""
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", "correct horse battery", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def fact_checker(db):
    return staff_member("fanny.checker", "fact-checker")


@pytest.fixture
def other_fact_checker(db):
    return staff_member("felix.checker", "fact-checker")


@pytest.fixture
def editor(db):
    return staff_member("edith.editor", "editor")


@pytest.fixture
def other_editor(db):
    return staff_member("emile.editor", "editor")


@pytest.fixture(autouse=True)
def _postgresql_only(request):
    """Tests marked ``postgresql`` run only when the suite runs on PostgreSQL."""
    if request.node.get_closest_marker("postgresql"):
        from django.db import connection

        if connection.vendor != "postgresql":
            pytest.skip("needs PostgreSQL")


def admin_form_data(response, **changes) -> dict:
    """The POST data of an admin change form as the page shows it, with ``changes`` applied."""
    data = {}

    def add(form, name):
        value = form[name].value()
        key = form.add_prefix(name)
        if value is None or value is False:
            return
        if isinstance(value, list | tuple):
            data[key] = [str(v) for v in value]
        elif value is True:
            data[key] = "on"
        else:
            data[key] = str(value)

    form = response.context["adminform"].form
    for name in form.fields:
        add(form, name)
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        for name in formset.management_form.fields:
            data[formset.management_form.add_prefix(name)] = str(formset.management_form[name].value())
        for inline_form in formset.initial_forms:
            for name in inline_form.fields:
                add(inline_form, name)
    data.update(changes)
    return data
