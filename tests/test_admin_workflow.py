import lxml.html
import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from claims.models import Claim, ClaimStatus, Rating, Verdict, VerdictStatus

from .helpers import MANDATE, PEACEKEEPERS, admin_form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

CHANGELIST = reverse("admin:claims_claim_changelist")


def action_names(client) -> set[str]:
    response = client.get(CHANGELIST)
    assert response.status_code == 200
    return {name for name, _label in response.context["action_form"].fields["action"].choices if name}


def run_action(client, action: str, claim: Claim, **extra):
    return client.post(CHANGELIST, {"action": action, "_selected_action": [claim.pk], "index": 0, **extra}, follow=True)


def messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_fact_checker_is_offered_only_proposing_and_assigning(seed, client, fact_checker):
    client.force_login(fact_checker)
    assert action_names(client) == {"propose_for_review", "assign_to_me"}


def test_an_editor_is_offered_every_transition(seed, client, editor):
    client.force_login(editor)
    assert action_names(client) == {
        "delete_selected",
        "propose_for_review",
        "assign_to_me",
        "publish",
        "unpublish",
        "send_back",
        "reject",
    }


def test_a_fact_checker_posting_the_publish_action_publishes_nothing(claim_in_review, client, fact_checker):
    client.force_login(fact_checker)
    response = run_action(client, "publish", claim_in_review)
    assert response.status_code == 200
    assert Claim.objects.get(pk=claim_in_review.pk).status == ClaimStatus.IN_REVIEW
    assert Verdict.objects.get(claim=claim_in_review).status == VerdictStatus.DRAFT


def test_a_fact_checker_proposes_a_claim_for_review_from_the_list(claim_in_review, client, fact_checker):
    Claim.objects.filter(pk=claim_in_review.pk).update(status=ClaimStatus.CANDIDATE)
    client.force_login(fact_checker)
    response = run_action(client, "propose_for_review", claim_in_review)
    assert "1 claim proposed for review." in messages(response)
    assert Claim.objects.get(pk=claim_in_review.pk).status == ClaimStatus.IN_REVIEW


def test_an_editor_publishes_from_the_list(claim_in_review, client, editor):
    client.force_login(editor)
    response = run_action(client, "publish", claim_in_review)
    assert "1 claim published." in messages(response)
    assert Claim.objects.published().filter(pk=claim_in_review.pk).exists()
    assert Verdict.objects.get(claim=claim_in_review).reviewer == editor


def test_publishing_from_the_list_names_what_is_missing_and_changes_nothing(claim_in_review, client, editor):
    Verdict.objects.filter(claim=claim_in_review).update(explanation_fr="")
    client.force_login(editor)
    response = run_action(client, "publish", claim_in_review)
    assert messages(response) == [
        f"{claim_in_review.number_label}: This claim cannot be published yet; it lacks: an explanation."
    ]
    assert Claim.objects.get(pk=claim_in_review.pk).status == ClaimStatus.IN_REVIEW


def test_rejecting_from_the_list_asks_for_the_reason(claim_in_review, client, editor):
    client.force_login(editor)
    response = run_action(client, "reject", claim_in_review)
    assert "Give the reason" in messages(response)[0]
    assert Claim.objects.get(pk=claim_in_review.pk).status == ClaimStatus.IN_REVIEW
    response = run_action(client, "reject", claim_in_review, reason="Pas vérifiable.")
    claim = Claim.objects.get(pk=claim_in_review.pk)
    assert (claim.status, claim.rejection_reason) == (ClaimStatus.REJECTED, "Pas vérifiable.")


def test_an_editor_unpublishes_from_the_list(seed, client, editor):
    claim = Claim.objects.get(slug=PEACEKEEPERS)
    client.force_login(editor)
    response = run_action(client, "unpublish", claim)
    assert "1 claim unpublished." in messages(response)
    assert not Claim.objects.published().filter(pk=claim.pk).exists()


def test_the_change_form_shows_the_status_read_only_and_ignores_a_posted_status(claim_in_review, client, editor):
    client.force_login(editor)
    url = reverse("admin:claims_claim_change", args=[claim_in_review.pk])
    page = client.get(url)
    assert "status" not in page.context["adminform"].form.fields
    response = client.post(url, admin_form_data(page, status="published", restatement="Reformulé"))
    assert response.status_code == 302
    claim = Claim.objects.get(pk=claim_in_review.pk)
    assert (claim.status, claim.restatement, claim.version) == (ClaimStatus.IN_REVIEW, "Reformulé", 2)


def test_the_inline_verdict_status_cannot_be_set_from_the_claim_form(claim_in_review, client, fact_checker):
    client.force_login(fact_checker)
    url = reverse("admin:claims_claim_change", args=[claim_in_review.pk])
    page = client.get(url)
    version = Verdict.objects.get(claim=claim_in_review).version
    data = admin_form_data(page, **{"verdicts-0-status": "published", "verdicts-0-summary_fr": "Brouillon revu."})
    assert client.post(url, data).status_code == 302
    verdict = Verdict.objects.get(claim=claim_in_review)
    assert (verdict.status, verdict.summary_fr, verdict.version) == (
        VerdictStatus.DRAFT,
        "Brouillon revu.",
        version + 1,
    )


def test_a_fact_checker_cannot_change_a_published_claim_by_its_form(seed, client, fact_checker):
    claim = Claim.objects.get(slug=PEACEKEEPERS)
    client.force_login(editor_page_user := fact_checker)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    page = client.get(url)
    assert page.status_code == 200 and not page.context["has_change_permission"]
    assert editor_page_user.has_perm("claims.change_claim")
    response = client.post(url, {"restatement": "Changé"})
    assert response.status_code == 403
    assert Claim.objects.get(pk=claim.pk).restatement != "Changé"


def test_a_fact_checker_cannot_change_a_published_verdict_by_its_form(seed, client, fact_checker):
    verdict = Verdict.objects.get(claim__slug=PEACEKEEPERS)
    client.force_login(fact_checker)
    url = reverse("admin:claims_verdict_change", args=[verdict.pk])
    response = client.post(url, {"summary_fr": "Changé", "base_version": verdict.version})
    assert response.status_code == 403
    assert Verdict.objects.get(pk=verdict.pk).summary_fr != "Changé"


def test_a_rating_change_on_a_published_verdict_needs_the_correction_fields(seed, client, editor):
    verdict = Verdict.objects.get(claim__slug=PEACEKEEPERS)
    previous = verdict.rating
    other = Rating.objects.exclude(pk=previous.pk).first()
    client.force_login(editor)
    url = reverse("admin:claims_verdict_change", args=[verdict.pk])
    page = client.get(url)
    response = client.post(url, admin_form_data(page, rating=other.pk))
    assert response.status_code == 200
    assert "say what changed and why" in response.context["adminform"].form.errors["correction_reason_fr"][0]
    corrections = verdict.corrections.count()
    assert Verdict.objects.get(pk=verdict.pk).rating == previous and verdict.corrections.count() == corrections

    data = admin_form_data(
        page,
        rating=other.pk,
        correction_what_changed_fr="Note revue.",
        correction_reason_fr="Nouveau chiffre officiel.",
    )
    assert client.post(url, data).status_code == 302
    verdict.refresh_from_db()
    correction = verdict.corrections.latest("corrected_at")
    assert verdict.corrections.count() == corrections + 1
    assert verdict.rating == other and correction.previous_rating == previous
    assert verdict.modified_at == correction.corrected_at


def test_a_second_admin_save_based_on_an_older_version_is_refused_and_the_first_is_kept(
    claim_in_review, client, editor, other_editor
):
    from django.test import Client

    url = reverse("admin:claims_verdict_change", args=[Verdict.objects.get(claim=claim_in_review).pk])
    client.force_login(editor)
    second = Client()
    second.force_login(other_editor)
    first_page, second_page = client.get(url), second.get(url)
    version = Verdict.objects.get(claim=claim_in_review).version

    assert client.post(url, admin_form_data(first_page, summary_fr="Édith a écrit ceci.")).status_code == 302
    response = second.post(url, admin_form_data(second_page, summary_fr="Émile a écrit cela."))
    assert response.status_code == 200
    error = " ".join(response.context["adminform"].form.non_field_errors())
    assert "changed by edith.editor" in error and "Your changes were not saved" in error
    verdict = Verdict.objects.get(claim=claim_in_review)
    assert (verdict.summary_fr, verdict.version) == ("Édith a écrit ceci.", version + 1)
    assert verdict.history.first().history_user == editor


def test_a_stale_claim_form_is_refused_too(claim_in_review, client, fact_checker, other_fact_checker):
    from django.test import Client

    url = reverse("admin:claims_claim_change", args=[claim_in_review.pk])
    client.force_login(fact_checker)
    second = Client()
    second.force_login(other_fact_checker)
    first_page, second_page = client.get(url), second.get(url)
    assert client.post(url, admin_form_data(first_page, restatement="Par Fanny")).status_code == 302
    response = second.post(url, admin_form_data(second_page, restatement="Par Félix"))
    assert response.status_code == 200
    assert "changed by fanny.checker" in " ".join(response.context["adminform"].form.non_field_errors())
    assert Claim.objects.get(pk=claim_in_review.pk).restatement == "Par Fanny"


def test_an_edit_by_a_fact_checker_and_a_revert_by_an_editor_both_show_in_the_history(
    claim_in_review, client, fact_checker, editor
):
    verdict = Verdict.objects.get(claim=claim_in_review)
    original = verdict.summary_fr
    url = reverse("admin:claims_verdict_change", args=[verdict.pk])
    client.force_login(fact_checker)
    assert client.post(url, admin_form_data(client.get(url), summary_fr="Résumé modifié.")).status_code == 302
    before_edit = verdict.history.order_by("-history_date", "-history_id")[1]

    revert_url = reverse("admin:claims_verdict_simple_history", args=[verdict.pk, before_edit.history_id])
    page = client.get(revert_url)
    assert client.post(revert_url, admin_form_data(page)).status_code == 403

    client.force_login(editor)
    page = client.get(revert_url)
    assert client.post(revert_url, admin_form_data(page)).status_code == 302
    verdict.refresh_from_db()
    assert verdict.summary_fr == original

    history = client.get(reverse("admin:claims_verdict_history", args=[verdict.pk]), HTTP_ACCEPT_LANGUAGE="en")
    records = list(history.context["page_obj"])
    assert [r.history_user for r in records[:2]] == [editor, fact_checker]
    reverted, edited = records[0], records[1]
    [change] = reverted.history_delta_changes
    assert (change["field"], change["old"]) == ("Summary (French)", "Résumé modifié.")
    assert change["new"].startswith(original[:30])
    # The fixture's queryset update left no history, so the edit's diff also shows the status it reset.
    assert {"field": "Status", "old": "published", "new": "draft"} in edited.history_delta_changes
    assert [c["new"] for c in edited.history_delta_changes if c["field"] == "Summary (French)"] == ["Résumé modifié."]
    assert "Who" in history.content.decode()


def test_the_dashboard_counts_claims_per_status_and_lists_my_work(claim_in_review, client, editor):
    Claim.objects.filter(pk=claim_in_review.pk).update(assigned_to=editor)
    client.force_login(editor)
    response = client.get(reverse("admin:index"))
    content = response.content.decode()
    assert 'id="editorial-dashboard"' in content
    assert '<td class="count">21</td>' in content
    page = lxml.html.fromstring(content)
    change = reverse("admin:claims_claim_change", args=[claim_in_review.pk])
    assert page.xpath('//*[@id="desk-mine"]//a/@href') == [change, f"{CHANGELIST}?workflow=mine"]
    assert page.xpath('//*[@id="desk-review"]//li/a/@href') == [change]


def test_the_my_claims_and_waiting_for_review_filters(claim_in_review, client, fact_checker):
    other = Claim.objects.exclude(pk=claim_in_review.pk).first()
    Claim.objects.filter(pk=other.pk).update(status=ClaimStatus.CANDIDATE, assigned_to=fact_checker)
    client.force_login(fact_checker)
    mine = client.get(CHANGELIST, {"workflow": "mine"})
    assert [c.pk for c in mine.context["cl"].result_list] == [other.pk]
    waiting = client.get(CHANGELIST, {"workflow": "waiting_for_review"})
    assert [c.pk for c in waiting.context["cl"].result_list] == [claim_in_review.pk]


def test_an_editor_adds_an_update_note_in_the_admin_and_the_verdict_is_untouched(seed, client, editor):
    claim = Claim.objects.get(slug=MANDATE)
    verdict_before = Verdict.objects.filter(claim=claim).values().get()
    verdict_history = Verdict.history.count()
    client.force_login(editor)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    data = admin_form_data(client.get(url))
    total = int(data["update_notes-TOTAL_FORMS"])
    data.update(
        {
            "update_notes-TOTAL_FORMS": str(total + 1),
            f"update_notes-{total}-since": "2025-09-01",
            f"update_notes-{total}-note_fr": "Le mandat a pris fin.",
        }
    )
    assert client.post(url, data).status_code == 302
    note = claim.update_notes.get(since="2025-09-01")
    assert note.note_fr == "Le mandat a pris fin." and note.history.first().history_user == editor
    assert Verdict.objects.filter(claim=claim).values().get() == verdict_before
    assert Verdict.history.count() == verdict_history


def test_a_fact_checker_is_not_offered_to_add_update_notes(seed, client, fact_checker):
    claim = Claim.objects.get(slug=MANDATE)
    client.force_login(fact_checker)
    response = client.get(reverse("admin:claims_claim_change", args=[claim.pk]))
    [notes] = [i for i in response.context["inline_admin_formsets"] if i.formset.model.__name__ == "UpdateNote"]
    assert not notes.has_add_permission


def test_the_seed_verdicts_are_published_reviewed_by_an_editor_with_history_from_the_load(seed):
    for verdict in Verdict.objects.select_related("reviewer"):
        assert verdict.status == VerdictStatus.PUBLISHED
        assert verdict.reviewer.groups.filter(name="editor").exists()
        # Loaded once; the two verdicts the seed corrects in public were then changed once, by an editor.
        expected = ["~", "+"] if verdict.corrections.exists() else ["+"]
        assert [record.history_type for record in verdict.history.all()] == expected


def test_a_stale_source_form_is_refused_and_the_first_edit_kept(seed, client, fact_checker, other_fact_checker):
    from django.test import Client

    from claims.models import Source

    # A source no published claim cites: fact-checkers edit it (a cited one is the editors' business).
    source = Source.objects.create(url="https://example.org/libre", title="Libre", publisher="Exemple")
    url = reverse("admin:claims_source_change", args=[source.pk])
    client.force_login(fact_checker)
    second = Client()
    second.force_login(other_fact_checker)
    first_page, second_page = client.get(url), second.get(url)
    assert client.post(url, admin_form_data(first_page, title="Titre de Fanny")).status_code == 302
    response = second.post(url, admin_form_data(second_page, title="Titre de Félix"))
    assert response.status_code == 200
    assert "changed by fanny.checker" in " ".join(response.context["adminform"].form.non_field_errors())
    source.refresh_from_db()
    assert (source.title, source.version) == ("Titre de Fanny", 2)


def test_a_bulk_edit_post_from_the_claim_list_changes_no_status(claim_in_review, client, fact_checker):
    client.force_login(fact_checker)
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": str(claim_in_review.pk),
        "form-0-status": "published",
        "_save": "Save",
    }
    client.post(CHANGELIST, data)
    assert Claim.objects.get(pk=claim_in_review.pk).status == ClaimStatus.IN_REVIEW


def test_the_claim_form_assigns_only_to_desk_members(claim_in_review, client, editor, fact_checker):
    from django.contrib.auth import get_user_model

    outsider = get_user_model().objects.create_user("outsider", is_staff=True)
    client.force_login(editor)
    url = reverse("admin:claims_claim_change", args=[claim_in_review.pk])
    page = client.get(url)
    response = client.post(url, admin_form_data(page, assigned_to=str(outsider.pk)))
    assert response.status_code == 200 and "assigned_to" in response.context["adminform"].form.errors
    assert client.post(url, admin_form_data(page, assigned_to=str(fact_checker.pk))).status_code == 302
    assert Claim.objects.get(pk=claim_in_review.pk).assigned_to == fact_checker
