from claims.intake.checkworthiness import Line, average_precision, context_features, read_checkthat, score_lines


def test_average_precision_is_the_mean_precision_at_each_positive():
    assert average_precision([0.9, 0.8, 0.7, 0.6], [1, 0, 1, 0]) == (1 / 1 + 2 / 3) / 2
    assert average_precision([0.1, 0.2], [0, 0]) == 0.0


def test_it_reads_the_checkthat_format_with_or_without_labels(tmp_path):
    path = tmp_path / "debate.tsv"
    path.write_text("1\tHOLT\tGood evening.\t0\n2\tTRUMP\tWe lost 70,000 factories.\t1\n3\tTRUMP\tBelieve me.\n")
    lines, labels = read_checkthat(path)
    assert lines[1] == Line(2, "TRUMP", "We lost 70,000 factories.")
    assert labels == [0, 1, 0]


def test_a_speaker_who_mostly_asks_questions_is_read_as_a_moderator():
    lines = [
        Line(1, "HOST", "What is your plan?"),
        Line(2, "SENATOR", "We cut taxes by 20 percent."),
        Line(3, "HOST", "And what about health care?"),
    ]
    features = context_features(lines)
    assert features[0]["speaker_question_rate"] == 1.0
    assert features[1]["speaker_question_rate"] == 0.0
    assert features[1]["previous_question"] == 1.0 and features[1]["next_question"] == 1.0


def test_the_committed_model_ranks_a_figure_above_small_talk():
    lines = [
        Line(1, "MODERATOR", "Good evening and welcome."),
        Line(2, "CANDIDATE", "Thank you very much, it is great to be here."),
        Line(3, "CANDIDATE", "Under my plan, taxes for the middle class fell by 1,500 dollars a year."),
        Line(4, "CANDIDATE", "I think we can do better."),
    ]
    scores = score_lines(lines)
    assert scores[2] == max(scores)
