"""Who may do what: the desk's roles, their permissions, and the one rule for reading drafts.

Roles are Django groups. Migration 0003 created them once; ``ensure_roles`` (run after every
``migrate`` and ``flush``, see ``claims.apps``) keeps their permissions equal to ``ROLES`` below,
so a database never drifts from the code.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _

from .errors import NotAllowed

FACT_CHECKER = "fact-checker"
EDITOR = "editor"
DESK_ROLES = (FACT_CHECKER, EDITOR)

PROPOSE_PERMISSION = "claims.change_claim"
REVIEW_PERMISSION = "claims.review_claim"
PUBLISH_PERMISSION = "claims.publish_claim"
CORRECT_PERMISSION = "claims.correct_verdict"
UPDATE_NOTE_PERMISSION = "claims.add_updatenote"

_VIEW_ALL = [
    f"view_{model}"
    for model in (
        "article",
        "translationnote",
        "claimant",
        "topic",
        "rating",
        "source",
        "claim",
        "quantity",
        "evidence",
        "verdict",
        "correction",
        "updatenote",
        "minorupdate",
        "job",
    )
]
_FACT_CHECKER = _VIEW_ALL + [
    "add_article",
    "change_article",
    "add_translationnote",
    "change_translationnote",
    "delete_translationnote",
    "add_claimant",
    "change_claimant",
    "add_source",
    "change_source",
    "add_claim",
    "change_claim",
    "add_quantity",
    "change_quantity",
    "delete_quantity",
    "add_evidence",
    "change_evidence",
    "delete_evidence",
    "add_verdict",
    "change_verdict",
    "view_externalreview",
    "add_externalreview",
]
_EDITOR = _FACT_CHECKER + [
    "review_claim",
    "publish_claim",
    "correct_verdict",
    "delete_claim",
    "delete_verdict",
    "delete_source",
    "add_topic",
    "change_topic",
    "add_correction",
    "change_correction",
    "add_updatenote",
    "change_updatenote",
    "delete_updatenote",
    "change_externalreview",
]
# Permission codenames (app "claims") of each role. Admins are superusers: they alone manage
# users and the rating scale.
ROLES: dict[str, list[str]] = {FACT_CHECKER: _FACT_CHECKER, EDITOR: _EDITOR}


def ensure_roles(**kwargs) -> None:
    """Create the groups of ``ROLES`` and give each exactly its permissions (idempotent)."""
    from django.contrib.auth.models import Group, Permission

    for name, codenames in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(Permission.objects.filter(content_type__app_label="claims", codename__in=codenames))


def require(user, permission: str, action: str) -> None:
    """Refuse with ``NotAllowed`` ("You are not allowed to <action>.") unless ``user`` has ``permission``."""
    if not user.has_perm(permission):
        raise NotAllowed(_("You are not allowed to %(action)s.") % {"action": action})


def is_desk(user) -> bool:
    """Members of the desk (active staff who are fact-checkers, editors or superusers) read drafts.

    The one rule for drafts: the admin, the API and the pages all ask this.
    """
    if user is None or not user.is_authenticated or not user.is_active or not user.is_staff:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_desk_member", None)
    if cached is None:
        cached = user.groups.filter(name__in=DESK_ROLES).exists()
        user._desk_member = cached
    return cached


def desk_members() -> models.QuerySet:
    """Active staff who are fact-checkers, editors or superusers: the people a claim can be assigned to."""
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(Q(is_superuser=True) | Q(groups__name__in=DESK_ROLES))
        .distinct()
    )


def public_name(user) -> str | None:
    """How a member of the desk is named to readers: their full name, else the newsroom.

    A username is an account's login, never shown publicly (half of what an attacker needs).
    """
    if user is None:
        return None
    return user.get_full_name().strip() or _("The editorial team")


def create_member(*, username: str, role: str, password: str, first_name: str = "", last_name: str = ""):
    """Create a desk account (active staff in the group ``role``), or give an existing one that role
    and this password. Superusers are left as they are: the desk is not for administering users."""
    from django.contrib.auth.models import Group

    if role not in DESK_ROLES:
        raise ValueError(
            _("Unknown role %(role)s: choose one of %(roles)s.") % {"role": role, "roles": ", ".join(DESK_ROLES)}
        )
    group = Group.objects.filter(name=role).first()
    if group is None:
        raise LookupError(_("The group %(role)s does not exist: run the migrations first.") % {"role": role})
    user, _created = get_user_model().objects.get_or_create(username=username)
    user.is_staff = True
    user.is_active = True
    if first_name or last_name:
        user.first_name, user.last_name = first_name, last_name
    user.set_password(password)
    user.save()
    user.groups.add(group)
    return user
