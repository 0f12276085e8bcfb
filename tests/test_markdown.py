"""Explanations are written in Markdown and shown as HTML that can do no harm."""

from claims.templatetags.claims_extras import markdown


def test_markdown_becomes_html():
    html = markdown("Le **rapport** de l’ONU :\n\n- 6 700 morts\n- 2 000 soldats")
    assert "<strong>rapport</strong>" in html and html.count("<li>") == 2


def test_scripts_handlers_and_other_sites_images_are_removed():
    html = markdown(
        '<script>alert(1)</script> <a href="javascript:alert(1)" onclick="x()">lien</a>'
        " ![carte](https://tracker.example/pixel.png) ![carte](/static/carte.png)"
    )
    assert "<script" not in html and "javascript:" not in html and "onclick" not in html
    assert "tracker.example" not in html and 'src="/static/carte.png"' in html


def test_what_one_text_defines_does_not_carry_over_to_the_next():
    # The renderer is made once and reused: an abbreviation or a footnote of one verdict's
    # explanation must not show up in the next one's.
    first = markdown(
        "L’OTSC se réunit.[^1]\n\n*[OTSC]: Organisation du traité de sécurité collective\n\n[^1]: À Erevan."
    )
    assert "<abbr" in first and "À Erevan" in first
    second = markdown("L’OTSC ne s’est pas réunie.")
    assert "<abbr" not in second and "Erevan" not in second and "footnote" not in second
    assert markdown("") == ""
