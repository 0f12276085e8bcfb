"""The editors' dashboard on the admin index."""

from django import template
from django.db.models import Count, Q
from django.urls import reverse

from ..models import Claim, ClaimStatus

register = template.Library()


@register.inclusion_tag("claims/admin/dashboard.html", takes_context=True)
def editorial_dashboard(context) -> dict:
    """Claims per status, with links to the filtered list; one query."""
    request = context["request"]
    if not request.user.has_perm("claims.view_claim"):
        return {"show": False}
    counts = Claim.objects.aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in ClaimStatus.values},
        mine=Count(
            "pk",
            filter=Q(assigned_to=request.user) & ~Q(status__in=[ClaimStatus.PUBLISHED, ClaimStatus.REJECTED]),
        ),
    )
    changelist = reverse("admin:claims_claim_changelist")
    rows = [(label, counts[status], f"{changelist}?status__exact={status}") for status, label in ClaimStatus.choices]
    return {
        "show": True,
        "rows": rows,
        "mine": counts["mine"],
        "mine_url": f"{changelist}?workflow=mine",
        "waiting": counts[ClaimStatus.IN_REVIEW],
        "waiting_url": f"{changelist}?workflow=waiting_for_review",
    }
