"""Two people saving the same verdict at the same moment, on PostgreSQL's real concurrent transactions."""

import threading

import pytest
from django.db import connection

from claims.models import Claim, Verdict, VerdictStatus
from claims.services import errors, verdicts

from .helpers import refresh_claims, staff_member

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def test_two_saves_racing_from_the_same_version_let_exactly_one_through(committed_seed):
    verdict_id = Verdict.objects.values_list("pk", flat=True).first()
    Verdict.objects.filter(pk=verdict_id).update(status=VerdictStatus.DRAFT, published_at=None, reviewer=None)
    refresh_claims(Claim.objects.filter(verdicts=verdict_id))
    users = [staff_member("alice.checker", "fact-checker"), staff_member("bruno.checker", "fact-checker")]
    start = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def save(user) -> None:
        try:
            verdict = Verdict.objects.get(pk=verdict_id)
            verdict.summary_fr = f"Écrit par {user.username}"
            start.wait(timeout=10)
            verdicts.save_verdict(verdict=verdict, user=user, expected_version=1)
            outcomes[user.username] = "saved"
        except errors.EditConflict:
            outcomes[user.username] = "refused"
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes.values()) == ["refused", "saved"]
    [winner] = [name for name, outcome in outcomes.items() if outcome == "saved"]
    verdict = Verdict.objects.get(pk=verdict_id)
    assert (verdict.summary_fr, verdict.version) == (f"Écrit par {winner}", 2)
    assert verdict.history.first().history_user.username == winner
    assert verdict.history.filter(summary_fr__startswith="Écrit par").count() == 1
