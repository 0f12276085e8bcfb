"""The desk's dashboard on the admin index, and small helpers of the desk's pages."""

from django import template
from django.db.models import Count, Q
from django.urls import reverse

from ..admin.history import person as person_name
from ..models import Claim, ClaimStatus
from ..services import roles

register = template.Library()

# How many claims each list of the dashboard shows; the changelist link shows them all.
DASHBOARD_ROWS = 8


@register.filter
def person(user) -> str:
    return person_name(user)


def _rows(claims) -> list[Claim]:
    return list(
        claims.select_related("article").only("pk", "quote", "restatement", "status", "slug", "article__title")[
            :DASHBOARD_ROWS
        ]
    )


@register.inclusion_tag("claims/admin/dashboard.html", takes_context=True)
def editorial_dashboard(context) -> dict:
    """The desk's work: claims per status, then mine, waiting for my review, sent back to me, recently
    published, and the claims overtaken by events."""
    request = context["request"]
    user = request.user
    if not user.has_perm("claims.view_claim"):
        return {"show": False}
    counts = Claim.objects.aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in ClaimStatus.values},
    )
    changelist = reverse("admin:claims_claim_changelist")
    rows = [(label, counts[status], f"{changelist}?status__exact={status}") for status, label in ClaimStatus.choices]
    lists = [
        ("mine", _rows(Claim.objects.assigned_to(user).order_by("-updated_at")), f"{changelist}?workflow=mine"),
    ]
    if user.has_perm(roles.REVIEW_PERMISSION):
        lists.append(
            (
                "review",
                _rows(Claim.objects.waiting_for_review_by(user).order_by("updated_at")),
                f"{changelist}?workflow=waiting_for_review",
            )
        )
    lists += [
        ("sent_back", _rows(Claim.objects.sent_back_to(user).order_by("-updated_at")), f"{changelist}?workflow=mine"),
        ("published", _rows(Claim.objects.recently_published()), f"{changelist}?status__exact=published"),
        ("overtaken", _rows(Claim.objects.overtaken_by_events()), f"{changelist}?has_update_note=yes"),
    ]
    return {"show": True, "rows": rows, "lists": lists}
