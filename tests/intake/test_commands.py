import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from claims.intake import checkworthiness
from claims.seed import DEFAULT_SEED

from ..conftest import shared_file

REPOSITORY = Path(__file__).resolve().parent.parent.parent
SEED_TEXT = DEFAULT_SEED.parent / "sochi_2022_article_fr.txt"
HTML = """<!doctype html><html lang="en"><head><title>Water company fined</title>
<meta property="article:published_time" content="2024-06-20T09:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Water company fined</h1>
<p>Severnside Water has been fined £11 million after spilling sewage into rivers on more than 1,400 days
last year, the regulator said on Tuesday.</p>
<p>The Water Standards Authority said the company had breached its permits at 42 of its 350 treatment works,
and that serious pollution incidents rose by 40% compared with 2022.</p>
<p>Is anyone really surprised? Campaigners have been sounding the alarm for years.</p></article>
<footer>Copyright notice and cookie settings</footer></body></html>"""


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_intake_prints_the_json_contract_for_a_text_file():
    data = json.loads(run("intake", str(SEED_TEXT), "--format", "json", "--published-on", "2022-10-31"))
    text = SEED_TEXT.read_text(encoding="utf-8")
    assert data["language"] == "fr"
    assert len([p for p in data["proposals"] if p["score"] >= 0.5]) >= 21
    assert all(text[p["start"] : p["end"]] == p["quote"] for p in data["proposals"])
    assert {"text": "lundi", "value": "2022-10-31"} in data["proposals"][0]["dates"]


@pytest.mark.django_db
def test_intake_reads_the_main_text_and_the_date_of_a_saved_html_page(tmp_path):
    page = tmp_path / "article.html"
    page.write_text(HTML, encoding="utf-8")
    data = json.loads(run("intake", str(page), "--format", "json"))
    quotes = " ".join(p["quote"] for p in data["proposals"])
    assert data["language"] == "en"
    assert "fined £11 million" in quotes
    assert "Home" not in quotes and "cookie" not in quotes
    fine = next(p for p in data["proposals"] if "£11 million" in p["quote"])
    assert {"text": "Tuesday", "value": "2024-06-18"} in fine["dates"]


@pytest.mark.django_db
def test_intake_text_format_lists_check_worthy_proposals_with_their_reasons():
    output = run("intake", str(SEED_TEXT), "--published-on", "2022-10-31")
    assert output.startswith("Language: fr;")
    assert "figure: Plus de 6 700 = 6700 personnes (more_than)" in output
    assert "speaker: Vladimir Poutine" in output


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["no-such-article.txt"], "no-such-article.txt: no such file"),
        ([str(SEED_TEXT), "--language", "de"], "--language must be one of fr, en"),
        ([str(SEED_TEXT), "--published-on", "31/10/2022"], "--published-on must be a date as YYYY-MM-DD"),
        ([str(SEED_TEXT), "--format", "xml"], "--format must be text or json"),
    ],
)
def test_intake_refuses_bad_input_with_one_line_and_a_non_zero_exit(arguments, message):
    environment = {**os.environ, "DEBUG": "1"}
    completed = subprocess.run(
        [sys.executable, "manage.py", "intake", *arguments],
        cwd=REPOSITORY,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode != 0
    assert completed.stdout == ""
    assert len(completed.stderr.strip().splitlines()) == 1
    assert message in completed.stderr


def test_intake_refuses_an_html_page_without_article_text(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>x</title></head><body><script>var a;</script></body></html>", encoding="utf-8")
    with pytest.raises(CommandError, match="no article text found"):
        run("intake", str(page))


def test_checkworthiness_prints_a_score_for_every_line(tmp_path):
    debate = tmp_path / "debate.tsv"
    debate.write_text(
        "1\tMODERATOR\tGood evening and welcome to the debate.\t0\n"
        "2\tCANDIDATE\tThank you.\n"
        "3\tCANDIDATE\tUnemployment has fallen by 40 percent since 2010, and we created 2 million jobs.\t1\n"
        "4\tMODERATOR\tWhat would you do about taxes?\n",
        encoding="utf-8",
    )
    rows = [line.split("\t") for line in run("checkworthiness", str(debate)).splitlines()]
    assert [row[0] for row in rows] == ["1", "2", "3", "4"]
    scores = {row[0]: float(row[1]) for row in rows}
    assert all(0 <= score <= 1 for score in scores.values())
    assert scores["3"] == max(scores.values())


@pytest.mark.parametrize(
    ("content", "message"), [("not a debate\n", "expected line_no<TAB>speaker<TAB>text"), ("", "no line to score")]
)
def test_checkworthiness_refuses_a_file_not_in_the_checkthat_format(tmp_path, content, message):
    debate = tmp_path / "debate.tsv"
    debate.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        run("checkworthiness", str(debate))


def test_checkworthiness_scores_a_real_checkthat_file():
    path = shared_file("data/checkthat2019-train/20190108_oval_office.tsv")
    lines, labels = checkworthiness.read_checkthat(path)
    rows = run("checkworthiness", str(path)).splitlines()
    assert len(rows) == len(lines)
    scores = [float(row.split("\t")[1]) for row in rows]
    assert checkworthiness.average_precision(scores, labels) > sum(labels) / len(labels)


def test_train_checkworthiness_rebuilds_a_model_the_scorer_reads(tmp_path):
    folder = tmp_path / "checkthat2019-train"
    folder.mkdir()
    for name, offset in (("first.tsv", 0), ("second.tsv", 7)):
        rows = []
        for number in range(1, 41):
            checkable = number % 5 == 0
            text = (
                f"Our deficit grew by {number + offset} percent, to {number * 3} billion dollars in 2015."
                if checkable
                else f"Thank you, I am glad to be here tonight number {number}."
            )
            rows.append(f"{number}\tSPEAKER\t{text}\t{int(checkable)}")
        (folder / name).write_text("\n".join(rows) + "\n", encoding="utf-8")
    output = tmp_path / "model.json"
    message = run("train_checkworthiness", "--data", str(tmp_path), "--output", str(output))
    assert message.startswith("Trained on 2 debates (80 lines")
    model = checkworthiness.Model(json.loads(output.read_text(encoding="utf-8")))
    lines = [
        checkworthiness.Line(1, "SPEAKER", "Thank you, I am glad to be here."),
        checkworthiness.Line(2, "SPEAKER", "Our deficit grew by 12 percent, to 40 billion dollars in 2016."),
    ]
    greeting, claim = checkworthiness.score_lines(lines, model)
    assert claim > greeting


def test_train_checkworthiness_refuses_a_folder_without_the_data(tmp_path):
    with pytest.raises(CommandError, match="neither checkthat2019-train/ nor checkthat2018-en/"):
        run("train_checkworthiness", "--data", str(tmp_path), "--output", str(tmp_path / "model.json"))
