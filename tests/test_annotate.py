from types import SimpleNamespace

from claims.annotate import Run, annotate


def claim(start, end, name):
    return SimpleNamespace(start=start, end=end, name=name)


def test_it_cuts_the_text_into_plain_and_highlighted_runs_at_the_exact_offsets():
    text = "Alpha beta gamma delta."
    first, second = claim(6, 10, "beta"), claim(11, 16, "gamma")
    assert annotate(text, [second, first]) == [
        [Run("Alpha "), Run("beta", first), Run(" "), Run("gamma", second), Run(" delta.")]
    ]


def test_it_splits_paragraphs_on_blank_lines_and_keeps_a_claim_that_spans_two():
    text = "One two.\n\nThree four."
    across = claim(4, 15, "across")
    paragraphs = annotate(text, [across])
    assert paragraphs == [
        [Run("One "), Run("two.", across)],
        [Run("Three", across, first=False), Run(" four.")],
    ]


def test_it_leaves_out_overlapping_or_out_of_range_claims_without_garbling_the_text():
    text = "abcdefghij"
    kept, overlapping, outside = claim(2, 6, "kept"), claim(4, 8, "overlap"), claim(8, 20, "outside")
    paragraphs = annotate(text, [kept, overlapping, outside])
    assert "".join(run.text for run in paragraphs[0]) == text
    assert [run.claim for run in paragraphs[0] if run.claim] == [kept]


def test_a_text_without_claims_is_one_plain_run_per_paragraph():
    assert annotate("a\n\nb", []) == [[Run("a")], [Run("b")]]


def test_nobreak_keeps_digit_groups_and_french_quotes_together():
    from claims.templatetags.claims_extras import nobreak

    assert nobreak("environ 2 000 soldats") == "environ 2\u00a0000 soldats"
    assert nobreak("« casques bleus » : non") == "«\u00a0casques bleus\u00a0»\u00a0: non"
    assert nobreak("en 1994 2020") == "en 1994 2020"
