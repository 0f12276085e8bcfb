import pytest

from claims.intake import propose
from claims.models import Claim

from .conftest import proposal_with

pytestmark = pytest.mark.django_db

PEACEKEEPERS = "russie-deploie-2000-soldats-maintien-paix"
NEW_ARTICLE = (
    "Le Kremlin a rappelé lundi que Moscou a déployé environ 2 000 soldats dans la région pour servir de "
    "casques bleus. Le prix du pain a doublé à Lyon en 2023."
)


def test_a_proposal_lists_the_existing_claim_that_says_the_same(seed):
    result = propose(NEW_ARTICLE, language="fr", find_similar=True)
    proposal = proposal_with(result, "environ 2 000 soldats")
    peacekeepers = Claim.objects.get(slug=PEACEKEEPERS)
    assert proposal.similar[0].claim_id == peacekeepers.pk
    assert 0 < proposal.similar[0].score <= 1
    assert proposal.to_dict()["similar"][0] == {"claim_id": peacekeepers.pk, "score": proposal.similar[0].score}


def test_a_proposal_unlike_any_claim_lists_nothing(seed):
    result = propose(NEW_ARTICLE, language="fr", find_similar=True)
    assert proposal_with(result, "Le prix du pain").similar == []


def test_an_empty_database_costs_one_query(empty_database, django_assert_num_queries):
    with django_assert_num_queries(1):
        result = propose(NEW_ARTICLE, language="fr", find_similar=True)
    assert all(proposal.similar == [] for proposal in result.proposals)


@pytest.mark.postgresql
def test_on_postgresql_each_check_worthy_proposal_costs_one_query(seed, django_assert_num_queries):
    result = propose(NEW_ARTICLE, language="fr")
    check_worthy = len(result.check_worthy())
    with django_assert_num_queries(1 + check_worthy):
        propose(NEW_ARTICLE, language="fr", find_similar=True)
