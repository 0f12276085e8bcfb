import pytest
from django.urls import reverse

from claims.models import Claim, Source, Verdict

from .helpers import PEACEKEEPERS

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "claim",
    "verdict",
    "source",
    "article",
    "claimant",
    "rating",
    "correction",
    "updatenote",
    "minorupdate",
    "topic",
    "quantity",
    "evidence",
]


@pytest.mark.parametrize("role", ["superuser", "editor", "fact_checker"])
def test_every_changelist_change_page_and_history_loads_for_each_role(seed, client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("admin:index")).status_code == 200
    for model in CHANGELISTS:
        response = client.get(reverse(f"admin:claims_{model}_changelist"))
        assert response.status_code == 200, model
    claim = Claim.objects.get(slug=PEACEKEEPERS)
    verdict = Verdict.objects.get(claim=claim)
    source = Source.objects.first()
    for name, obj in [("claim", claim), ("verdict", verdict), ("source", source)]:
        for view in ("change", "history"):
            response = client.get(reverse(f"admin:claims_{name}_{view}", args=[obj.pk]))
            assert response.status_code == 200, (name, view)
        record = obj.history.first()
        response = client.get(reverse(f"admin:claims_{name}_simple_history", args=[obj.pk, record.history_id]))
        assert response.status_code == 200
    for name in ("claim", "verdict", "source"):
        assert client.get(reverse(f"admin:claims_{name}_add")).status_code == 200
