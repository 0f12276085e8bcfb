"""POST /api/v1/articles: the desk sends an article and gets it back with the intake's proposals."""

import pytest
from django.contrib.auth import get_user_model

from claims.models import Article, Proposal

from ..helpers import staff_member, token_client

pytestmark = pytest.mark.usefixtures("empty_database")

URL = "/api/v1/articles"
TEXT = (
    "The Water Standards Authority said on Tuesday that Severnside Water had breached its permits at 42 of its "
    "350 treatment works, and that serious pollution incidents rose by 40% compared with 2022.\n\n"
    "Is anyone really surprised?"
)
CONTRACT = ["start", "end", "quote", "score", "kind", "reasons", "speaker", "quantities", "dates", "similar"]
HTML = """<html><head><title>Water company fined</title>
<meta property="article:published_time" content="2024-06-20T09:00:00Z"></head>
<body><nav><a href="/">Home</a></nav><article><h1>Water company fined</h1>
<p>Severnside Water has been fined £11 million after spilling sewage into rivers on more than 1,400 days
last year, the regulator said on Tuesday.</p></article><footer>Cookie settings</footer></body></html>"""


@pytest.fixture
def desk(db):
    return token_client(staff_member("fanny.checker", "fact-checker"))


def test_the_desk_gets_the_new_article_with_its_proposals_in_the_intake_contract(desk):
    body = {"title": "Sewage", "publisher": "The Courier", "published_on": "2024-06-20", "text": TEXT}
    response = desk.post(URL, body, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    article = Article.objects.get()
    assert data["id"] == article.pk and data["slug"] == "sewage" and data["language"] == "en"
    assert data["text"] == TEXT
    assert data["proposals"], "the intake proposes the authority's figures"
    for proposal in data["proposals"]:
        assert list(proposal) == CONTRACT
        assert TEXT[proposal["start"] : proposal["end"]] == proposal["quote"]
        assert 0 <= proposal["score"] <= 1
    figures = next(p for p in data["proposals"] if "42 of its" in p["quote"])
    assert figures["score"] >= 0.5
    assert {"text": "40%", "value": 40, "unit": "%", "qualifier": "exact"} in figures["quantities"]
    assert {"text": "Tuesday", "value": "2024-06-18"} in figures["dates"]
    assert figures["speaker"] == "Water Standards Authority"
    question = next(p for p in data["proposals"] if p["quote"].startswith("Is anyone"))
    assert question["score"] < 0.5 and question["speaker"] is None
    assert Proposal.objects.filter(article=article).count() == len(data["proposals"])


def test_a_saved_web_page_gives_the_title_date_and_main_text(desk):
    response = desk.post(URL, {"publisher": "The Courier", "html": HTML}, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["title"] == "Water company fined" and data["published_on"] == "2024-06-20"
    assert "Home" not in data["text"] and "Cookie" not in data["text"]


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"publisher": "The Courier", "title": "T"}, {"text", "url", "html"}),
        ({"publisher": "The Courier", "title": "T", "text": TEXT, "url": "https://example.org/a"}, {"text", "url"}),
        ({"title": "T", "text": TEXT}, {"publisher"}),
        ({"publisher": "The Courier", "text": TEXT}, {"title"}),
        ({"publisher": "The Courier", "title": "T", "text": TEXT, "language": "de"}, {"language"}),
        ({"publisher": "The Courier", "title": "T", "text": TEXT, "published_on": "20/06/2024"}, {"published_on"}),
        ({"publisher": "The Courier", "title": "T", "url": "http://127.0.0.1:9/article"}, {"url"}),
        ({"publisher": "The Courier", "title": "T", "html": "<html><body></body></html>"}, {"html"}),
    ],
)
def test_bad_input_is_a_400_naming_each_field(desk, body, errors):
    response = desk.post(URL, body, format="json")
    assert response.status_code == 400
    assert set(response.json()) == errors
    assert all(isinstance(messages, list) and messages for messages in response.json().values())
    assert not Article.objects.exists()


def test_only_the_desk_adds_articles(db, api):
    staff = get_user_model().objects.create_user("oscar.outsider", "oscar@example.org", "pw", is_staff=True)
    outsider = token_client(staff)
    body = {"title": "Sewage", "publisher": "The Courier", "text": TEXT}
    assert outsider.post(URL, body, format="json").status_code == 403
    assert api.post(URL, body, format="json").status_code == 401
    assert not Article.objects.exists()
